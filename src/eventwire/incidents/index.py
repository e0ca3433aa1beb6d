"""Incremental incident clustering: a new document joins existing incidents without a rerun.

Two layers, both independent of the order in which documents arrive:

* **Links** between mentions of two documents (mutual best matches, :mod:`linking`): they
  depend on the two documents only. Linked mentions form **components**.
* **Incidents** partition each component: its links, strongest first, merge mentions as long
  as the merged incident keeps its day-dated members within :data:`MAX_SPAN_DAYS`, its
  publications within :data:`MAX_PUBLISHED_SPAN_DAYS` and its resolved towns near each other.
  On dense coverage (a month of shelling in one city) links chain reports of different days and
  towns into one component; the partition keeps them apart. It is computed from the
  component's whole membership and links, so it does not depend on arrival order, and only
  the components a new document touches are redone.

:class:`IncidentClusterer` holds the rule; where mentions, links and memberships live is an
:class:`IncidentBackend`: :class:`MemoryBackend` for one run or a benchmark, the SQLite backend
of the store for a database that grows over months. Ids derive from the smallest member
mention key ("inc:" for incidents, "cmp:" for components), so the same documents give the same
ids in any order; when membership changes, ids follow.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Protocol

from eventwire.incidents.linking import (
    RADIUS_KM,
    Probe,
    ProbeGroup,
    coarser,
    distance_km,
    index_keys,
    mutual_links,
    probe,
    query_keys,
)
from eventwire.incidents.mentions import EventMention

MAX_SPAN_DAYS = 3
"""An incident's day-dated members lie within this many days: reports of one happening agree on
its day give or take time zones, "late on Monday" and a weekday read against the wrong week."""

MAX_PUBLISHED_SPAN_DAYS = 31
"""...and its reports were published within a month: later reports of it carry its date."""

Link = tuple[str, str, float]
"""(smaller mention key, larger mention key, score)."""


def incident_id(anchor: str) -> str:
    """The id of the incident whose smallest member mention key is ``anchor``."""
    return "inc:" + hashlib.sha1(anchor.encode()).hexdigest()[:16]


def component_id(anchor: str) -> str:
    return "cmp:" + hashlib.sha1(anchor.encode()).hexdigest()[:16]


class IncidentBackend(Protocol):
    def candidate_documents(self, keys: Sequence[str]) -> set[str]:
        """Documents with a mention filed under one of ``keys``."""
        ...

    def probes_of_documents(self, doc_ids: Sequence[str]) -> dict[str, dict[str, list[tuple[str, Probe]]]]:
        """Each document's mentions by type, as (mention key, probe) in key order, fetched
        together (a busy week has hundreds of candidates); documents without one are left out.
        The caller picks the types it wants: the backend need not build a list per document."""
        ...

    def mentions(self, keys: Sequence[str]) -> dict[str, EventMention]:
        """Stored mentions by key, in full."""
        ...

    def component_of(self, mention_key: str) -> str: ...

    def component(self, component: str) -> tuple[list[Span], list[Link], dict[str, str]]:
        """A stored component: its mentions' spans (all :func:`partition` reads of them), its
        links and each mention's incident."""
        ...

    def write(self, mentions: Sequence[EventMention], links: Sequence[Link], retired_components: Iterable[str],
              membership: dict[str, tuple[str, str]]) -> None:
        """File new mentions and links; drop component ids no mention keeps; set (component,
        incident) for every mention in ``membership``: the new ones and the stored ones that moved."""
        ...


@dataclass
class AddResult:
    """What adding one document changed: incidents to refresh, and ids that no longer exist."""

    incidents: set[str] = field(default_factory=set)
    retired: set[str] = field(default_factory=set)
    links: int = 0


class IncidentClusterer:
    """Clusters event mentions into incidents, one document at a time."""

    def __init__(self, backend: IncidentBackend) -> None:
        self.backend = backend

    def add_document(self, mentions: Sequence[EventMention]) -> AddResult:
        """Link one document's mentions to stored ones and redo the components they touch."""
        return self.add_documents([mentions])

    def add_documents(self, documents: Sequence[Sequence[EventMention]]) -> AddResult:
        """Add several documents at once, as if one after the other: the same links, components
        and incidents, in less time.

        Each document is linked in turn, against the stored mentions and those of the documents
        before it. Its mentions are filed at once, each as its own incident, so that the next
        document finds them. The components touched are loaded and partitioned once, after the
        last document. A story's component can hold hundreds of mentions and is touched by
        several documents of a batch. Partitioning once gives the same result because the
        partition depends only on the component's final mentions and links."""
        result = AddResult()
        new: dict[str, EventMention] = {}
        new_links: list[Link] = []
        touched: set[str] = set()
        for mentions in documents:
            if not mentions:
                continue
            links = self._link(mentions, new, touched)
            new_links += links
            new.update((m.key, m) for m in mentions)
            self.backend.write(mentions, links, (), {m.key: _alone(m.key) for m in mentions})
        if not new:
            return result
        result.links = len(new_links)
        everything: dict[str, Span] = {key: Span.of(m) for key, m in new.items()}
        links = list(new_links)
        previous: dict[str, tuple[str, str]] = {}
        for comp in sorted(touched):
            members, comp_links, incidents = self.backend.component(comp)
            everything.update((m.key, m) for m in members)
            links += comp_links
            previous.update((key, (comp, inc)) for key, inc in incidents.items())
        links = sorted(set(links))
        membership: dict[str, tuple[str, str]] = {}
        components = _components(list(everything), links)
        links_of: list[list[Link]] = [[] for _ in components]  # each link once, not once per component
        where = {key: n for n, keys in enumerate(components) for key in keys}
        for link in links:
            links_of[where[link[0]]].append(link)
        for keys, inside in zip(components, links_of, strict=True):
            comp = component_id(min(keys))
            for piece in partition([everything[k] for k in keys], inside):
                inc = incident_id(min(piece))
                for k in piece:
                    membership[k] = (comp, inc)
        # Only what moved is written and only incidents whose members changed are summarised
        # again: a large story's component holds many incidents, and a new report joins one.
        filed = previous | {key: _alone(key) for key in new}
        moved = {key: place for key, place in membership.items() if filed[key] != place}
        before, after = _members_by_incident(previous), _members_by_incident(membership)
        result.incidents = {inc for inc, keys in after.items() if before.get(inc) != keys}
        result.retired = set(before) - set(after)
        retired_components = {c for c, _ in filed.values()} - {c for c, _ in membership.values()}
        self.backend.write([], [], retired_components, moved)
        return result

    def _link(self, mentions: Sequence[EventMention], batch: dict[str, EventMention],
              touched: set[str]) -> list[Link]:
        """One document's links to the mentions filed before it; the stored components they
        reach are added to ``touched`` (mentions of ``batch`` are not in one yet)."""
        doc_ids = {m.doc_id for m in mentions}
        wanted = sorted({key for m in mentions for key in query_keys(m)})  # one query for the document
        candidates = self.backend.candidate_documents(wanted) - doc_ids
        found: list[Link] = []
        new_probes = [probe(m) for m in mentions]
        for stored, stored_probes in self._worth_comparing(mentions, new_probes, candidates):
            for new, old, s in mutual_links(mentions, stored, probes=(new_probes, stored_probes)):
                a, b = sorted((new.key, old.key))
                found.append((a, b, s))
                if old.key not in batch:
                    touched.add(self.backend.component_of(old.key))
        return found

    def _worth_comparing(self, mentions: Sequence[EventMention], probes: Sequence[Probe],
                         candidates: set[str]) -> list[tuple[list[EventMention], list[Probe]]]:
        """Per candidate document, its mentions (and their probes) that :func:`may_score` with one
        of ``mentions``.

        Only their probes are read for all candidates, full features for these few (a tenth in
        a busy week). The others could never be linked, so the mutual best matches found among
        the few are the ones all of them would give. The probes of all candidates are filtered
        in one pass per type: a busy week has hundreds of candidates with two or three mentions
        of a type each, and a call per candidate cost more than the checks themselves."""
        by_type: dict[str, list[Probe]] = {}
        for p in probes:
            by_type.setdefault(p.type, []).append(p)
        stored = list(self.backend.probes_of_documents(sorted(candidates)).values())
        passing = sorted((pair for kind, group in by_type.items()
                          for pair in ProbeGroup.of(group).passing(
                              chain.from_iterable(by_kind.get(kind, ()) for by_kind in stored))),
                         key=_first)
        full = self.backend.mentions([key for key, _ in passing])
        by_document: dict[str, tuple[list[EventMention], list[Probe]]] = {}
        for key, found in passing:  # in key order, so each document's mentions are in key order
            mention = full[key]
            stored_mentions, stored_probes = by_document.setdefault(mention.doc_id, ([], []))
            stored_mentions.append(mention)
            stored_probes.append(found)
        return list(by_document.values())


def _first(pair: tuple[str, Probe]) -> str:
    return pair[0]


def _alone(key: str) -> tuple[str, str]:
    """(component, incident) of a mention filed on its own, until its batch is partitioned."""
    return component_id(key), incident_id(key)


def _members_by_incident(membership: dict[str, tuple[str, str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for key, (_, inc) in membership.items():
        out.setdefault(inc, set()).add(key)
    return out


def _components(keys: list[str], links: Sequence[Link]) -> list[list[str]]:
    parent = {k: k for k in keys}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for k in keys:
        groups.setdefault(find(k), []).append(k)
    return [sorted(g) for g in groups.values()]


Point = tuple[float, float, str, str | None]
"""(lat, lon, precision, country) of a resolved place below country level."""


@dataclass(frozen=True, slots=True)
class Span:
    """What :func:`partition` reads of a mention: its day, its publication and its town.

    A component of a busy story holds hundreds of mentions and is partitioned again whenever a
    document links into it; reading these few values, rather than every member's full features,
    keeps that cost to a few bytes per member. Stored beside the mention (:meth:`encode`)."""

    key: str
    days: tuple[date, date] | None
    """The interval of a day-dated mention; None for vaguer or missing dates."""
    published: date | None
    point: Point | None
    """A place whose precision has a radius (:data:`~eventwire.incidents.linking.RADIUS_KM`)."""

    @classmethod
    def of(cls, m: EventMention) -> Span:
        days = (date.fromisoformat(m.earliest), date.fromisoformat(m.latest)) \
            if m.date and m.date_precision == "day" and m.earliest and m.latest else None
        published = date.fromisoformat(m.published) if m.published else None
        point: Point | None = None
        if m.lat is not None and m.lon is not None and m.place_precision in RADIUS_KM:
            point = (round(m.lat, 3), round(m.lon, 3), m.place_precision, m.place_country)
        return cls(m.key, days, published, point)

    def encode(self) -> str:
        """JSON of the values without the key: the store keeps the key in its own column."""
        days = [self.days[0].isoformat(), self.days[1].isoformat()] if self.days else None
        return json.dumps([days, self.published.isoformat() if self.published else None,
                           list(self.point) if self.point else None], separators=(",", ":"))

    @classmethod
    def decode(cls, key: str, text: str) -> Span:
        days, published, point = _decoded_span(text)
        return cls(key, days, published, point)


@lru_cache(maxsize=65_536)
def _decoded_span(text: str) -> tuple[tuple[date, date] | None, date | None, Point | None]:
    """Parsed once per distinct value: the members of a story's component share a few days and
    towns, and the component is read again for every document that links into it."""
    days, published, point = json.loads(text)
    return ((date.fromisoformat(days[0]), date.fromisoformat(days[1])) if days else None,
            date.fromisoformat(published) if published else None,
            (float(point[0]), float(point[1]), str(point[2]), point[3]) if point else None)


@dataclass
class _Piece:
    keys: list[str]
    days: tuple[date, date] | None
    published: tuple[date, date] | None
    points: frozenset[Point]


def _points_agree(a: frozenset[Point], b: frozenset[Point]) -> bool:
    """Whether every place of one piece is near every place of the other (by precision)."""
    for lat1, lon1, p1, c1 in a:
        for lat2, lon2, p2, c2 in b:
            if c1 and c2 and c1 != c2:
                return False
            radius = RADIUS_KM.get(coarser(p1, p2) or "")
            if radius is not None and distance_km(lat1, lon1, lat2, lon2) > radius:
                return False
    return True


def _span(a: tuple[date, date] | None, b: tuple[date, date] | None) -> tuple[date, date] | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def partition(spans: Sequence[Span], links: Sequence[Link]) -> list[list[str]]:
    """Incidents of one component: its links, strongest first (ties by key), merge mentions
    while the merged incident keeps its days and publications close. Depends only on the
    component's mentions and links, never on the order they arrived in."""
    pieces: dict[str, _Piece] = {}
    owner: dict[str, str] = {}
    for m in spans:
        published = (m.published, m.published) if m.published else None
        pieces[m.key] = _Piece([m.key], m.days, published, frozenset({m.point}) if m.point else frozenset())
        owner[m.key] = m.key
    # strongest first, ties by key: a stable sort by score alone of links sorted by key (in C)
    for a, b, _ in sorted(sorted(links), key=itemgetter(2), reverse=True):
        if a not in owner or b not in owner:
            continue
        pa, pb = owner[a], owner[b]
        if pa == pb:
            continue
        x, y = pieces[pa], pieces[pb]
        days, pub = _span(x.days, y.days), _span(x.published, y.published)
        if days is not None and (days[1] - days[0]).days > MAX_SPAN_DAYS:
            continue
        if pub is not None and (pub[1] - pub[0]).days > MAX_PUBLISHED_SPAN_DAYS:
            continue
        if not _points_agree(x.points, y.points):
            continue  # linked through reports that name no place, but in two different towns
        keep, drop = (pa, pb) if len(x.keys) >= len(y.keys) else (pb, pa)
        pieces[keep] = _Piece(pieces[keep].keys + pieces[drop].keys, days, pub, x.points | y.points)
        for k in pieces.pop(drop).keys:
            owner[k] = keep
    return [sorted(p.keys) for p in pieces.values()]


@dataclass
class MemoryBackend:
    """Mentions, links and incidents in dictionaries: one run, a test or a benchmark."""

    keys: dict[str, set[str]] = field(default_factory=dict)
    documents: dict[str, list[EventMention]] = field(default_factory=dict)
    by_key: dict[str, EventMention] = field(default_factory=dict)
    probes: dict[str, Probe] = field(default_factory=dict)
    """Mention key -> its probe, made once when the mention is filed."""
    spans: dict[str, Span] = field(default_factory=dict)
    """Mention key -> its span, made once too: a component is read again on every touch."""
    membership: dict[str, str] = field(default_factory=dict)
    """Mention key -> incident id."""
    components: dict[str, str] = field(default_factory=dict)
    """Mention key -> component id."""
    component_members: dict[str, set[str]] = field(default_factory=dict)
    links: dict[str, list[Link]] = field(default_factory=dict)
    """Mention key -> links it takes part in."""

    def candidate_documents(self, keys: Sequence[str]) -> set[str]:
        out: set[str] = set()
        for k in keys:
            out |= self.keys.get(k, set())
        return out

    def probes_of_documents(self, doc_ids: Sequence[str]) -> dict[str, dict[str, list[tuple[str, Probe]]]]:
        out: dict[str, dict[str, list[tuple[str, Probe]]]] = {}
        for d in doc_ids:
            for m in sorted(self.documents.get(d, []), key=lambda m: m.key):
                out.setdefault(d, {}).setdefault(m.type, []).append((m.key, self.probes[m.key]))
        return out

    def mentions(self, keys: Sequence[str]) -> dict[str, EventMention]:
        return {k: self.by_key[k] for k in keys}

    def component_of(self, mention_key: str) -> str:
        return self.components[mention_key]

    def component(self, component: str) -> tuple[list[Span], list[Link], dict[str, str]]:
        keys = sorted(self.component_members.get(component, ()))
        links = {x for k in keys for x in self.links.get(k, ())}
        return [self.spans[k] for k in keys], sorted(links), {k: self.membership[k] for k in keys}

    def write(self, mentions: Sequence[EventMention], links: Sequence[Link], retired_components: Iterable[str],
              membership: dict[str, tuple[str, str]]) -> None:
        for m in mentions:
            self.documents.setdefault(m.doc_id, []).append(m)
            self.by_key[m.key] = m
            self.probes[m.key] = probe(m)
            self.spans[m.key] = Span.of(m)
            for k in index_keys(m):
                self.keys.setdefault(k, set()).add(m.doc_id)
        for link in links:
            self.links.setdefault(link[0], []).append(link)
            self.links.setdefault(link[1], []).append(link)
        for key, (comp, inc) in membership.items():
            old = self.components.get(key)
            if old is not None and old != comp:
                self.component_members[old].discard(key)
            self.components[key] = comp
            self.component_members.setdefault(comp, set()).add(key)
            self.membership[key] = inc
        for comp in retired_components:
            if not self.component_members.get(comp):
                self.component_members.pop(comp, None)

    def incidents(self) -> dict[str, list[str]]:
        """Incident id -> member mention keys."""
        out: dict[str, list[str]] = {}
        for key, inc in self.membership.items():
            out.setdefault(inc, []).append(key)
        return {k: sorted(v) for k, v in out.items()}


def cluster(documents: Iterable[Sequence[EventMention]]) -> MemoryBackend:
    """Cluster whole documents' mentions in memory; returns the filled backend."""
    backend = MemoryBackend()
    clusterer = IncidentClusterer(backend)
    for mentions in documents:
        clusterer.add_document(mentions)
    return backend


__all__ = ["AddResult", "IncidentBackend", "IncidentClusterer", "MemoryBackend", "Span", "cluster",
           "component_id", "incident_id", "partition"]
