"""Incremental incident clustering: a new document joins existing incidents without a rerun.

:class:`IncidentClusterer` holds the rule (blocking, then mutual best links, then union of the
incidents the links touch); where mentions, keys and incident memberships live is an
:class:`IncidentBackend`: :class:`MemoryBackend` for one run or a benchmark, the SQLite
backend of the store for a database that grows over months.

An incident's id is derived from its smallest member mention key, so the same set of
documents gives the same ids whatever order they arrived in; when an incident gains a smaller
member, or two incidents merge, the id changes accordingly and every member row follows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from eventwire.incidents.linking import group_by_document, index_keys, mutual_links, query_keys
from eventwire.incidents.mentions import EventMention


def incident_id(anchor: str) -> str:
    """The id of the incident whose smallest member mention key is ``anchor``."""
    return "inc:" + hashlib.sha1(anchor.encode()).hexdigest()[:16]


class IncidentBackend(Protocol):
    def candidate_documents(self, keys: Sequence[str]) -> set[str]:
        """Documents with a mention filed under one of ``keys``."""
        ...

    def mentions_of(self, doc_id: str) -> list[EventMention]: ...

    def incident_of(self, mention_key: str) -> str: ...

    def anchor(self, incident: str) -> str:
        """The smallest member mention key of a stored incident (its id is derived from it)."""
        ...

    def add_mentions(self, mentions: Sequence[EventMention], incident: dict[str, str]) -> None:
        """File new mentions (with their index keys) as members of the given incidents."""
        ...

    def rename(self, old: str, new: str) -> None:
        """Move every member of incident ``old`` to incident ``new``."""
        ...


@dataclass
class AddResult:
    """What adding one document changed: incidents touched, and ids that no longer exist."""

    incidents: set[str] = field(default_factory=set)
    retired: set[str] = field(default_factory=set)
    links: int = 0


class IncidentClusterer:
    """Clusters event mentions into incidents, one document at a time."""

    def __init__(self, backend: IncidentBackend) -> None:
        self.backend = backend

    def add_document(self, mentions: Sequence[EventMention]) -> AddResult:
        """Link one document's mentions to stored mentions and merge the incidents they join."""
        result = AddResult()
        if not mentions:
            return result
        doc_ids = {m.doc_id for m in mentions}
        candidates: set[str] = set()
        for m in mentions:
            candidates |= self.backend.candidate_documents(query_keys(m))
        candidates -= doc_ids
        parent = {m.key: m.key for m in mentions}  # union-find over new mention keys and incident ids

        def find(x: str) -> str:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        def union(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
                parent.setdefault(min(ra, rb), min(ra, rb))

        for doc_id in sorted(candidates):
            stored = self.backend.mentions_of(doc_id)
            for new, old, _ in mutual_links(mentions, stored):
                incident = self.backend.incident_of(old.key)
                parent.setdefault(incident, incident)
                union(new.key, incident)
                result.links += 1
        # Every component: its new mentions and the stored incidents they joined.
        components: dict[str, list[str]] = {}
        for x in list(parent):
            components.setdefault(find(x), []).append(x)
        assignment: dict[str, str] = {}
        for members in components.values():
            incidents = sorted(x for x in members if x.startswith("inc:"))
            new_keys = [x for x in members if not x.startswith("inc:")]
            anchor = min([*new_keys, *(self.backend.anchor(i) for i in incidents)])
            target = incident_id(anchor)
            for old_incident in incidents:
                if old_incident != target:
                    self.backend.rename(old_incident, target)
                    result.retired.add(old_incident)
            for key in new_keys:
                assignment[key] = target
            result.incidents.add(target)
        self.backend.add_mentions(mentions, assignment)
        result.retired -= result.incidents
        return result


@dataclass
class MemoryBackend:
    """Mentions and incidents in dictionaries: one run, a test or a benchmark."""

    keys: dict[str, set[str]] = field(default_factory=dict)
    documents: dict[str, list[EventMention]] = field(default_factory=dict)
    membership: dict[str, str] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)

    def candidate_documents(self, keys: Sequence[str]) -> set[str]:
        out: set[str] = set()
        for k in keys:
            out |= self.keys.get(k, set())
        return out

    def mentions_of(self, doc_id: str) -> list[EventMention]:
        return self.documents.get(doc_id, [])

    def incident_of(self, mention_key: str) -> str:
        return self.membership[mention_key]

    def anchor(self, incident: str) -> str:
        return min(self.members[incident])

    def add_mentions(self, mentions: Sequence[EventMention], incident: dict[str, str]) -> None:
        for m in mentions:
            self.documents.setdefault(m.doc_id, []).append(m)
            for k in index_keys(m):
                self.keys.setdefault(k, set()).add(m.doc_id)
            self.membership[m.key] = incident[m.key]
            self.members.setdefault(incident[m.key], []).append(m.key)

    def rename(self, old: str, new: str) -> None:
        moved = self.members.pop(old, [])
        for key in moved:
            self.membership[key] = new
        self.members.setdefault(new, []).extend(moved)

    def incidents(self) -> dict[str, list[str]]:
        """Incident id -> member mention keys."""
        return {k: sorted(v) for k, v in self.members.items() if v}


def cluster(documents: Iterable[Sequence[EventMention]]) -> MemoryBackend:
    """Cluster whole documents' mentions in memory; returns the filled backend."""
    backend = MemoryBackend()
    clusterer = IncidentClusterer(backend)
    for mentions in documents:
        clusterer.add_document(mentions)
    return backend


__all__ = ["AddResult", "IncidentBackend", "IncidentClusterer", "MemoryBackend", "cluster",
           "group_by_document", "incident_id"]
