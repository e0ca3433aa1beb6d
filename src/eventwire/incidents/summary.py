"""One incident as a reader sees it: every source's version, the consensus, and a status.

* **Sources** are outlets (a domain, else an outlet name, else the document), counting every
  place an exact copy of a text was seen. **Independent sources** are the asserting versions
  left once those that share a text (a syndication group of near-identical copies, or one
  exact text seen at many outlets) or an outlet (two stories by one newsroom) count as one:
  they repeat one reporter's account.
* **Status**:

  - ``denied``: some version denies the happening and none asserts it;
  - ``contested``: one version asserts and another denies it, or the asserting versions give
    values that cannot all hold (casualty figures, the perpetrator's country, the day);
  - ``corroborated``: two or more independent sources assert it;
  - ``single_source``: otherwise.

* The **consensus** of each value is the one most independent sources give (ties go to the
  more precise value, then the earlier source); the per-source values stay beside it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from eventwire.extract.contradictions import counts_conflict
from eventwire.incidents.mentions import EventMention

ATTRIBUTED_TYPES = frozenset({"ASSAULT", "COERCE"})
"""Types whose perpetrator is a matter of dispute ("who fired?"): different perpetrators in two
versions contest the incident. Several parties welcoming or discussing one thing do not."""

IncidentStatus = Literal["corroborated", "single_source", "contested", "denied"]
STATUSES: tuple[str, ...] = ("corroborated", "single_source", "contested", "denied")


@dataclass(frozen=True, slots=True)
class Outlet:
    """A place a document's text was seen."""

    name: str
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Version:
    """What one document says about the incident."""

    doc_id: str
    type: str
    events: tuple[str, ...]
    outlets: tuple[str, ...]
    published: str | None
    group: str
    factuality: str
    sources: tuple[str, ...]
    source_countries: tuple[str, ...]
    targets: tuple[str, ...]
    place: str | None
    place_country: str | None
    place_precision: str | None
    date: str | None
    count: int | None
    count_is_floor: bool
    sentence: str


@dataclass(frozen=True, slots=True)
class Incident:
    """``{id, type, events, documents, sources, independent_sources, first_seen, place, time,
    status}`` of the record spec, with the values behind them."""

    id: str
    type: str
    status: IncidentStatus
    events: tuple[str, ...]
    """Member mentions as ``doc_id#event_id``."""
    documents: tuple[str, ...]
    sources: int
    independent_sources: int
    first_seen: str | None
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    time: str | None
    cameo: str | None
    source_actors: tuple[str, ...]
    target_actors: tuple[str, ...]
    count: int | None
    outlets: tuple[str, ...]
    conflicts: tuple[str, ...]
    """Why the incident is contested: "asserted and denied", "casualty figures 5 / 12", …"""
    versions: tuple[Version, ...]

    def to_dict(self) -> dict[str, Any]:
        from eventwire.record import to_dict

        out = to_dict(self)
        assert isinstance(out, dict)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Incident:
        from eventwire.record import from_dict

        return from_dict(cls, data)


def summarise(incident_id: str, mentions: Sequence[EventMention],
              outlets: dict[str, list[Outlet]] | None = None) -> Incident:
    """The incident made of ``mentions``; ``outlets`` lists where each document was seen."""
    outlets = outlets or {}
    by_doc: dict[str, list[EventMention]] = {}
    for m in sorted(mentions, key=lambda m: m.key):
        by_doc.setdefault(m.doc_id, []).append(m)
    versions = [_version(doc_id, ms, outlets.get(doc_id, [])) for doc_id, ms in by_doc.items()]
    versions.sort(key=lambda v: (v.published or "9999", v.doc_id))
    asserting = [v for v in versions if v.factuality in ("asserted", "reported")]
    denying = [v for v in versions if v.factuality in ("denied", "negated")]
    independent = independent_sources(asserting)
    conflicts = _conflicts(asserting, denying)
    status: IncidentStatus
    if denying and not asserting:
        status = "denied"
    elif conflicts:
        status = "contested"
    elif independent >= 2:
        status = "corroborated"
    else:
        status = "single_source"
    counted = asserting or versions
    place = _place_consensus(counted)
    coords = next(((m.lat, m.lon) for m in mentions if place and m.place == place[0] and m.lat is not None),
                  (None, None))
    time = _consensus(counted, lambda v: v.date, precise=lambda d: len(d))
    count = _consensus(counted, lambda v: v.count)
    cameo = _most_specific(mentions)
    all_outlets = sorted({o for v in versions for o in v.outlets})
    seen = [o.published for ol in outlets.values() for o in ol if o.published] + \
        [v.published for v in versions if v.published]
    return Incident(
        id=incident_id, type=mentions[0].type if mentions else "", status=status,
        events=tuple(m.key for m in sorted(mentions, key=lambda m: m.key)),
        documents=tuple(v.doc_id for v in versions), sources=len(all_outlets),
        independent_sources=independent, first_seen=min(seen) if seen else None,
        place=place[0] if place else None, country=place[1] if place else _country(counted),
        lat=coords[0], lon=coords[1], time=time, cameo=cameo,
        source_actors=_top_parties(counted, lambda v: v.sources),
        target_actors=_top_parties(counted, lambda v: v.targets),
        count=count, outlets=tuple(all_outlets), conflicts=tuple(conflicts), versions=tuple(versions))


def _version(doc_id: str, ms: list[EventMention], seen: list[Outlet]) -> Version:
    """One document's version: its clearest mention (asserting first, then the most detailed)."""
    def detail(m: EventMention) -> tuple[int, int]:
        return (m.asserts, bool(m.place) + bool(m.date) + bool(m.sources) + bool(m.targets) + (m.count is not None))

    main = max(ms, key=detail)
    factuality = "asserted" if any(m.asserts for m in ms) else main.factuality
    names = [o.name for o in seen] or [main.outlet or doc_id]
    count_m = next((m for m in ms if m.count is not None), None)
    return Version(
        doc_id=doc_id, type=main.type, events=tuple(m.event_id for m in ms), outlets=tuple(dict.fromkeys(names)),
        published=main.published, group=main.group, factuality=factuality,
        sources=tuple(dict.fromkeys(p.name for m in ms for p in m.sources)),
        source_countries=tuple(sorted({p.country for m in ms for p in m.sources if p.country})),
        targets=tuple(dict.fromkeys(p.name for m in ms for p in m.targets)),
        place=main.place or next((m.place for m in ms if m.place), None),
        place_country=main.place_country or next((m.place_country for m in ms if m.place_country), None),
        place_precision=main.place_precision if main.place else next((m.place_precision for m in ms if m.place),
                                                                      None),
        date=main.date or next((m.date for m in ms if m.date), None),
        count=count_m.count if count_m else None, count_is_floor=bool(count_m and count_m.count_is_floor),
        sentence=main.sentence)


def _conflicts(asserting: list[Version], denying: list[Version]) -> list[str]:
    out = []
    if asserting and denying:
        out.append("asserted and denied")
    counts = sorted({(v.count, v.count_is_floor) for v in asserting if v.count is not None})
    if any(counts_conflict(a, b) for i, a in enumerate(counts) for b in counts[i + 1:]):
        out.append("casualty figures " + " / ".join(("at least " if f else "") + str(n) for n, f in counts))
    sides = [set(v.source_countries) for v in asserting if v.source_countries and v.type in ATTRIBUTED_TYPES]
    if any(not a & b for i, a in enumerate(sides) for b in sides[i + 1:]):
        out.append("perpetrators " + " / ".join(sorted({"+".join(sorted(s)) for s in sides})))
    days = sorted({v.date for v in asserting if v.date and len(v.date) == 10})
    if len(days) > 1 and _days_apart(days[0], days[-1]) > 1:
        out.append("dates " + " / ".join(days))
    return out


def independent_sources(versions: Sequence[Version]) -> int:
    """Versions that share a text (one syndication group, or one exact text seen at many
    outlets) or an outlet (two stories by one newsroom) are one source; count what is left."""
    parent = list(range(len(versions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, v in enumerate(versions):
        for key in (f"text:{v.group}", *(f"outlet:{o}" for o in v.outlets)):
            if key in owner:
                parent[find(i)] = find(owner[key])
            else:
                owner[key] = i
    return len({find(i) for i in range(len(versions))})


def _days_apart(a: str, b: str) -> int:
    from datetime import date

    return abs((date.fromisoformat(b) - date.fromisoformat(a)).days)


T = TypeVar("T", bound=Hashable)


def _consensus(versions: Sequence[Version], value: Callable[[Version], T | None],
               precise: Callable[[Any], int] | None = None) -> T | None:
    """The value most independent sources give; ties: more precise, then the earlier source."""
    votes: dict[T, set[str]] = {}
    order: dict[T, int] = {}
    for i, v in enumerate(versions):
        x = value(v)
        if x is None:
            continue
        votes.setdefault(x, set()).add(v.group)
        order.setdefault(x, i)
    if not votes:
        return None
    return max(votes, key=lambda x: (len(votes[x]), precise(x) if precise else 0, -order[x]))


PRECISION_RANK = {"point": 5, "city": 4, "admin2": 3, "admin1": 2, "country": 1, "region": 0}


def _place_consensus(versions: Sequence[Version]) -> tuple[str, str | None] | None:
    """The place most independent sources give, where a source that names only the country
    also supports every place in that country ("Sudan" backs "Kadugli"); ties go to the more
    precise place."""
    named: dict[tuple[str, str | None], set[str]] = {}
    rank: dict[tuple[str, str | None], int] = {}
    for v in versions:
        if v.place:
            key = (v.place, v.place_country)
            named.setdefault(key, set()).add(v.group)
            rank[key] = max(rank.get(key, 0), PRECISION_RANK.get(v.place_precision or "", 0))
    if not named:
        return None

    def support(key: tuple[str, str | None]) -> int:
        groups = set(named[key])
        if rank[key] > PRECISION_RANK["country"]:
            groups |= {g for k, gs in named.items() if k[1] == key[1] and rank[k] <= PRECISION_RANK["country"]
                       for g in gs}
        return len(groups)

    return max(sorted(named), key=lambda k: (support(k), rank[k]))


def _top_parties(versions: Sequence[Version], parties: Callable[[Version], tuple[str, ...]]) -> tuple[str, ...]:
    votes: Counter[str] = Counter()
    for group in {v.group for v in versions}:
        names = {n for v in versions if v.group == group for n in parties(v)}
        votes.update(names)
    if not votes:
        return ()
    top = max(votes.values())
    return tuple(sorted(n for n, c in votes.items() if c == top))


def _country(versions: Sequence[Version]) -> str | None:
    return _consensus(versions, lambda v: v.place_country)


def _most_specific(mentions: Sequence[EventMention]) -> str | None:
    codes = Counter(m.cameo for m in mentions if m.cameo)
    if not codes:
        return None
    return max(codes, key=lambda c: (codes[c], len(c), c))
