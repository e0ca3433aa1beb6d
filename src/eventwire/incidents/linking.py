"""When two event mentions from different documents are one happening.

Three stages, so that most pairs are never compared:

* **Blocking** (:func:`index_keys` / :func:`query_keys`): a mention is filed under its PLOVER
  type, the weeks (or, for a vague date, the months) its date interval touches, and the
  countries it is in. Two mentions can only be compared when a query key of one is an index
  key of the other, and the keys are built so that this holds both ways round: a vague date
  finds precise ones and the reverse; a mention without a country finds all countries.
* **Probing** (:class:`Probe`, :func:`may_score`): of the candidates' mentions, only those of a
  new mention's type that share a quarter of their words (four at least), a town on the same day
  or both parties by name with it can score;
  a probe holds just these values, so a new document reads them for hundreds of candidates
  and the full mention only for the few that pass.
* **Linking** (:func:`compatible`, :func:`score`): hard limits first — same type, date
  intervals that overlap, places within a distance that grows with their precision, not two
  different countries of resolved places — then a score from the sentence's words, the
  trigger, the parties, the place and the day. A threat or plan and the act itself are
  different happenings, and so are mentions whose parties are in different countries, unless
  their sentences are one report's words. Actors are soft evidence only: when outlets
  disagree about who fired, that is a contested incident, not two incidents.

Mentions of two documents are linked when each is the other's best match in that document
and the score reaches :data:`LINK_THRESHOLD` (mutual best match): this depends only on the two
documents, so the incidents — the connected components of the links — do not depend on the
order in which documents arrive.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from eventwire.incidents.mentions import EventMention, Party

LINK_THRESHOLD = 0.34
"""Score at or above which mutual best matches are one incident. Set on the planted VOA set
(benchmarks/incidents.py) as the middle of the range where pairwise F1 stays at its maximum."""

RADIUS_KM = {"point": 25.0, "city": 50.0, "admin2": 150.0, "admin1": 400.0}
"""How far apart two resolved places may be, by the coarser of their precisions. Country and
region precision compare countries only."""

DATE_SLACK = timedelta(days=1)
"""Outlets in different time zones, or writing "late on Monday", put one happening a day apart."""

UNDATED_REACH = timedelta(days=31)
"""How far before its publication an undated mention may match a dated one."""

LONG_INTERVAL = 35
"""Date intervals longer than this many days (a year, a quarter) are filed by month, not week."""

MIN_TEXT = 0.25
"""Share of sentence words (Dice) that anchors a link on its own; reports of one happening by
different outlets share the names, figures and the key nouns of it."""

MIN_SHARED_TERMS = 4
"""Fewer shared words than this are no text evidence at all: two short sentences ("If
convicted, they face decades in prison") reach a high Dice on three common words."""

SAME_SENTENCE = 0.6
"""Dice at or above which two sentences are one report's words (copied or lightly edited):
then a different factuality or country reading is the extractor's, not the happening's."""

PRECISIONS = ("point", "city", "admin2", "admin1", "country", "region")
"""Place precisions, finest first."""
LOCAL_PRECISIONS = PRECISIONS[:3]
"""Places precise enough that two mentions there on one day anchor a link without shared words."""
COARSE_PRECISIONS = PRECISIONS[3:]

WEIGHTS = {"text": 0.45, "trigger": 0.15, "source": 0.12, "target": 0.08, "place": 0.1, "day": 0.1}
"""Evidence that two compatible mentions are one happening; the weights sum to 1."""


# --- blocking ---------------------------------------------------------------------------

def _weeks(start: date, end: date) -> list[str]:
    first = start.toordinal() // 7
    return [f"W{w}" for w in range(first, end.toordinal() // 7 + 1)]


def _months(start: date, end: date) -> list[str]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _interval(m: EventMention) -> tuple[date, date] | None:
    if m.earliest is None or m.latest is None:
        return None
    return _slack_interval(m.earliest, m.latest)


@lru_cache(maxsize=4096)
def _slack_interval(earliest: str, latest: str) -> tuple[date, date]:
    """Parsed once per pair of days: every new document compares its mentions with hundreds."""
    return date.fromisoformat(earliest) - DATE_SLACK, date.fromisoformat(latest) + DATE_SLACK


def _time_keys(m: EventMention) -> tuple[list[str], list[str]]:
    """(time keys to file under, time keys to look up)."""
    span = _interval(m)
    if span is None:
        return ["U"], ["U"]
    start, end = span
    months = _months(start, end)
    if (end - start).days > LONG_INTERVAL:
        return [f"M{x}" for x in months] + [f"L{x}" for x in months], [f"M{x}" for x in months]
    return _weeks(start, end) + [f"M{x}" for x in months], _weeks(start, end) + [f"L{x}" for x in months]


def index_keys(m: EventMention) -> list[str]:
    """The blocking keys a mention is filed under."""
    filed, _ = _time_keys(m)
    places = sorted(m.countries()) or ["?"]
    return sorted({f"{m.type}|{t}|{c}" for t in filed for c in (*places, "*")})


def query_keys(m: EventMention) -> list[str]:
    """The blocking keys under which a mention's possible partners are filed."""
    _, wanted = _time_keys(m)
    countries = sorted(m.countries())
    places = [*countries, "?"] if countries else ["*"]
    return sorted({f"{m.type}|{t}|{c}" for t in wanted for c in places})


# --- linking ----------------------------------------------------------------------------

def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def coarser(a: str | None, b: str | None) -> str | None:
    ranks = [PRECISIONS.index(p) for p in (a, b) if p in PRECISIONS]
    return PRECISIONS[max(ranks)] if ranks else None


def compatible(a: EventMention, b: EventMention) -> bool:
    """Whether two mentions may be one happening at all (the hard limits)."""
    if a.type != b.type or a.doc_id == b.doc_id:
        return False
    if not _times_overlap(a, b):
        return False
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return False
    if None not in (a.lat, a.lon, b.lat, b.lon):
        radius = RADIUS_KM.get(coarser(a.place_precision, b.place_precision) or "")
        assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
        if radius is not None and distance_km(a.lat, a.lon, b.lat, b.lon) > radius:
            return False
    return True


def _times_overlap(a: EventMention, b: EventMention) -> bool:
    """Dated mentions must overlap; an undated one allows dates in the month before its
    publication (its text gives no date: the happening may be older than the week before, but
    a report of last year's attack says so)."""
    sa, sb = _interval(a), _interval(b)
    if sa is None or sb is None:
        return True
    if a.date and not b.date:
        sb = (sb[1] - UNDATED_REACH, sb[1])
    elif b.date and not a.date:
        sa = (sa[1] - UNDATED_REACH, sa[1])
    return not (sa[1] < sb[0] or sb[1] < sa[0])


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _party_match(a: Sequence[Party], b: Sequence[Party]) -> float:
    """1 for a shared name, 0.5 for a shared country and sector, else 0."""
    if not a or not b:
        return 0.0
    names_a = {p.name.lower() for p in a}
    if any(p.name.lower() in names_a for p in b):
        return 1.0
    kinds_a = {(p.country, s) for p in a if p.country for s in p.sector or ("",)}
    if any((p.country, s) in kinds_a for p in b if p.country for s in p.sector or ("",)):
        return 0.5
    return 0.0


def score(a: EventMention, b: EventMention) -> float:
    """How strongly two compatible mentions look like one happening, from 0 to 1.

    0 without an anchor: two reports of one happening share a good part of their sentence's
    words, or both its parties by name, or its town and day. Same type, same country and same
    week alone is every day's news (two statements of support for Ukraine), not one incident."""
    same_place = bool(a.place and b.place and a.place == b.place)
    same_day = bool(a.date and b.date and a.date_precision == "day" and a.date == b.date)
    text = _dice(a.terms, b.terms) if len(a.terms & b.terms) >= MIN_SHARED_TERMS else 0.0
    source, target = _party_match(a.sources, b.sources), _party_match(a.targets, b.targets)
    local = same_place and coarser(a.place_precision, b.place_precision) in LOCAL_PRECISIONS
    if text < MIN_TEXT and not (source == target == 1.0) and not (local and same_day):
        return 0.0
    if a.realis != b.realis and text < SAME_SENTENCE:
        return 0.0  # a threat or plan is another happening than the act, unless the words are one report's
    ca, cb = a.countries(), b.countries()
    if ca and cb and not ca & cb and text < SAME_SENTENCE:
        return 0.0
    return (WEIGHTS["text"] * text
            + WEIGHTS["trigger"] * (a.trigger == b.trigger)
            + WEIGHTS["source"] * source
            + WEIGHTS["target"] * target
            + WEIGHTS["place"] * same_place
            + WEIGHTS["day"] * same_day)


@dataclass(frozen=True, slots=True)
class Probe:
    """What decides whether two mentions may score at all (:func:`may_score`): a few hundred
    bytes, stored beside a mention's full features, so that a new document reads this for each of
    its hundreds of candidate mentions and the full features only of the few that pass."""

    type: str
    place_day: str | None
    """"place|date" of a mention in a town or district (:func:`_place_day`): one town on one day
    is the only place that anchors a link without shared words or names."""
    sources: frozenset[str]
    """Source names, lower-cased (as :func:`_party_match` compares them)."""
    targets: frozenset[str]
    terms: frozenset[str]

    def encode(self) -> str:
        """JSON, so that no name from hostile text can break the format."""
        return json.dumps([self.type, self.place_day, sorted(self.sources), sorted(self.targets),
                           " ".join(sorted(self.terms))], ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def decode(cls, text: str) -> Probe:
        """The probe :meth:`encode` wrote; equal texts give one shared object (copies of a wire
        story have equal probes), which :meth:`ProbeGroup.passing` checks once."""
        return _decoded_probe(text)


@lru_cache(maxsize=65_536)
def _decoded_probe(text: str) -> Probe:
    kind, place_day, sources, targets, terms = json.loads(text)
    # words shared: a store's probes use a few thousand words between them
    return Probe(kind, place_day, frozenset(sources), frozenset(targets), frozenset(map(sys.intern, terms.split())))


def _place_day(m: EventMention) -> str | None:
    """"place|date" unless the place is known to be coarser than a district, or either is
    missing. Looser than :func:`score`'s condition where a precision is unknown (:func:`coarser`
    then goes by the other mention's) or a date is not a day (then no other date string equals
    it): a probe may let through a pair that scores 0, never turn away one that would not."""
    if m.place and m.date and m.place_precision not in COARSE_PRECISIONS:
        return f"{m.place}|{m.date}"
    return None


def probe(m: EventMention) -> Probe:
    return Probe(m.type, _place_day(m), frozenset(p.name.lower() for p in m.sources),
                 frozenset(p.name.lower() for p in m.targets), m.terms)


def _text_anchors(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sentences' words alone anchor :func:`score`: enough shared words, and a Dice
    of at least :data:`MIN_TEXT`."""
    shared = len(a & b)
    return shared >= MIN_SHARED_TERMS and 2 * shared >= MIN_TEXT * (len(a) + len(b))


def may_score(a: Probe, b: Probe) -> bool:
    """False exactly when :func:`score` is 0 for want of an anchor (or the two are of different
    types): each anchor of the score is checked on the probe alone — the sentences' shared words,
    or one town or district on one day, or a source and a target shared by name. Asked first,
    because in a busy week most candidate pairs have none of these, and it is cheaper than the
    hard limits and the score."""
    return a.type == b.type and (
        _text_anchors(a.terms, b.terms) or bool(a.place_day and a.place_day == b.place_day)
        or (not a.sources.isdisjoint(b.sources) and not a.targets.isdisjoint(b.targets)))


@dataclass(frozen=True, slots=True)
class ProbeGroup:
    """A new document's probes of one type, with their places, names and words merged: a stored
    probe that does not share enough with the merged values cannot score with any of them, and
    most candidates are turned away by that one check instead of one per new mention."""

    probes: tuple[Probe, ...]
    place_days: frozenset[str]
    sources: frozenset[str]
    targets: frozenset[str]
    terms: frozenset[str]

    @classmethod
    def of(cls, probes: Sequence[Probe]) -> ProbeGroup:
        return cls(tuple(probes), frozenset(p.place_day for p in probes if p.place_day),
                   frozenset().union(*(p.sources for p in probes)), frozenset().union(*(p.targets for p in probes)),
                   frozenset().union(*(p.terms for p in probes)))

    def may_score(self, b: Probe) -> bool:
        """Whether :func:`may_score` holds for ``b`` and some probe of the group."""
        return bool(self.passing([("", b)]))

    def passing(self, stored: Iterable[tuple[str, Probe]]) -> list[tuple[str, Probe]]:
        """The (key, probe) pairs of ``stored`` for which :meth:`may_score` holds. One loop
        with the merged values at hand: it runs for hundreds of stored probes per new document.
        The merged words can only say whether enough are shared; the Dice is each probe's.
        Each probe object is judged once: the copies of a wire story have equal probes, decoded
        into one object (:meth:`Probe.decode`)."""
        terms, place_days, sources, targets = self.terms, self.place_days, self.sources, self.targets
        probes, least = self.probes, MIN_SHARED_TERMS
        pairs = list(stored)
        distinct = {id(b): b for _, b in pairs}  # holds the probes, so no id is reused meanwhile
        passed = {i for i, b in distinct.items()
                  if (len(terms & b.terms) >= least or b.place_day in place_days
                      or (not sources.isdisjoint(b.sources) and not targets.isdisjoint(b.targets)))
                  and any(may_score(a, b) for a in probes)}
        return [(key, b) for key, b in pairs if id(b) in passed]


def _may_score(a: EventMention, b: EventMention) -> bool:
    """:func:`may_score` of two mentions."""
    return may_score(probe(a), probe(b))


def mutual_links(new: Sequence[EventMention], other: Sequence[EventMention],
                 threshold: float = LINK_THRESHOLD,
                 probes: tuple[Sequence[Probe], Sequence[Probe]] | None = None,
                 ) -> list[tuple[EventMention, EventMention, float]]:
    """Pairs (n, o) where each is the other's best compatible match and the score is high enough.

    Ties are broken by the mention key, so the links of two documents are the same whichever
    of them arrived first. ``probes``: those of ``new`` and ``other``, when the caller has them."""
    scores: dict[tuple[int, int], float] = {}
    new_probes, other_probes = probes or ([probe(n) for n in new], [probe(o) for o in other])
    for i, n in enumerate(new):
        mine = new_probes[i]
        for j, o in enumerate(other):
            if may_score(mine, other_probes[j]) and compatible(n, o):
                s = score(n, o)
                if s >= threshold:
                    scores[(i, j)] = s
    if not scores:
        return []
    best_new: dict[int, tuple[float, str, int]] = {}
    best_other: dict[int, tuple[float, str, int]] = {}
    for (i, j), s in scores.items():
        if _better(s, other[j].key, best_new.get(i)):
            best_new[i] = (s, other[j].key, j)
        if _better(s, new[i].key, best_other.get(j)):
            best_other[j] = (s, new[i].key, i)
    return [(new[i], other[j], s) for (i, j), s in sorted(scores.items())
            if best_new[i][2] == j and best_other[j][2] == i]


def _better(score: float, key: str, best: tuple[float, str, int] | None) -> bool:
    """A higher score, or an equal one with the smaller mention key."""
    return best is None or score > best[0] or (score == best[0] and key < best[1])
