"""What incident clustering knows about one event mention, taken from a stored record.

A mention is flattened into plain values (names, countries, coordinates, a date interval, the
content words of its sentence) so that it can be compared with mentions of other documents
without their records, stored as JSON next to the incident it joined, and compared again when
a later document arrives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from eventwire.extract.contradictions import casualty_count
from eventwire.record import Actor, ActorRef, Record

ASSERTING = frozenset({"asserted", "reported"})
"""Factualities that say the happening took place (on the outlet's or a speaker's word)."""
DENYING = frozenset({"denied", "negated"})
"""Factualities that say it did not."""
REALIS = ASSERTING | DENYING
"""Mentions that assert or deny a happening. A threat, a plan or a condition ("threatened to
strike", "will meet") is about a different happening than the strike or meeting itself, so
realis and irrealis mentions are never one incident."""

SENTENCE_WINDOW = 600
"""Characters either side of the trigger that stand for its sentence when the sentence is
longer than twice this (text without punctuation, tables flattened into one line)."""

PUBLISHED_WINDOW = 7
"""An undated mention happened at most this many days before its document was published."""

_STOP = frozenset(re.findall(r"\S+", """
a an the and or but of in on at to for from by with as is are was were be been being has have had
do does did not no it its this that these those there their they them he she his her we our you
your i me my said says say told tell also after before about over into than then when while who
whom which what where why how will would could should may might can must one two three four five
six seven eight nine ten new last first other more most some any all each many much such very
just only up out off down against between during under again further once here both few own same
so too mr mrs ms year years day days week weeks month months time according news report reports
reported people official officials government
"""))
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d[\d,.]*")
_POSSESSIVE = re.compile(r"'s?$")


@dataclass(frozen=True, slots=True)
class Party:
    """One side of an event as the clusterer sees it: a name and what is known about it."""

    name: str
    country: str | None = None
    sector: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event of one document, reduced to the values incidents compare and report."""

    doc_id: str
    event_id: str
    type: str
    cameo: str | None
    trigger: str
    """The trigger's stem ("shelled" -> "shell"): two outlets often use the same word."""
    factuality: str
    sources: tuple[Party, ...] = ()
    targets: tuple[Party, ...] = ()
    place: str | None = None
    place_country: str | None = None
    place_precision: str | None = None
    lat: float | None = None
    lon: float | None = None
    date: str | None = None
    """The event's own date from its clause (an ISO value at its precision), or None."""
    date_precision: str | None = None
    earliest: str | None = None
    latest: str | None = None
    """The interval the happening lies in: the event date's extent, or the week before
    publication when the text gives no date; None when neither is known."""
    published: str | None = None
    count: int | None = None
    count_is_floor: bool = False
    """A casualty figure in the mention's sentence, and whether it is only a floor ("at least")."""
    group: str = ""
    """The independence unit: the syndication group of the document, or the document itself."""
    outlet: str | None = None
    sentence: str = ""
    terms: frozenset[str] = field(default_factory=frozenset)

    @property
    def key(self) -> str:
        return f"{self.doc_id}#{self.event_id}"

    @property
    def asserts(self) -> bool:
        return self.factuality in ASSERTING

    @property
    def denies(self) -> bool:
        return self.factuality in DENYING

    @property
    def realis(self) -> bool:
        return self.factuality in REALIS

    def countries(self) -> frozenset[str]:
        """Where the mention is: its place's country, else its parties' countries."""
        if self.place_country:
            return frozenset({self.place_country})
        return frozenset(p.country for p in (*self.sources, *self.targets) if p.country)

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["sources"] = [{"name": p.name, "country": p.country, "sector": list(p.sector)} for p in self.sources]
        out["targets"] = [{"name": p.name, "country": p.country, "sector": list(p.sector)} for p in self.targets]
        out["terms"] = sorted(self.terms)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventMention:
        data = dict(data)
        data["sources"] = tuple(Party(p["name"], p.get("country"), tuple(p.get("sector", ())))
                                for p in data.get("sources", ()))
        data["targets"] = tuple(Party(p["name"], p.get("country"), tuple(p.get("sector", ())))
                                for p in data.get("targets", ()))
        data["terms"] = frozenset(data.get("terms", ()))
        return cls(**data)


def mentions_from_record(record: Record) -> list[EventMention]:
    """Every event of ``record`` as a mention (in the record's event order)."""
    d = record.document
    actors = {a.id: a for a in record.actors}
    places = {p.id: p for p in record.places}
    times = {t.id: t for t in record.times}
    claims = {c.id: c for c in record.claims}
    published = _iso_day(d.published.value)
    outlet = (d.source.domain or d.source.name) if d.source else None
    group = d.syndication_group or d.id
    out = []
    per_sentence: dict[tuple[int, int], tuple[str, frozenset[str], tuple[int, bool] | None]] = {}
    for e in record.events:
        place = places.get(e.place.place) if e.place and e.place.place else None
        time = times.get(e.time.time) if e.time and e.time.time else None
        start, end = (record.sentences[e.sentence].start, record.sentences[e.sentence].end) \
            if e.sentence < len(record.sentences) else (e.trigger.start, e.trigger.end)
        if end - start > 2 * SENTENCE_WINDOW:  # a run-on "sentence": the words around the trigger
            start = max(start, e.trigger.start - SENTENCE_WINDOW)
            end = min(end, e.trigger.end + SENTENCE_WINDOW)
        if (start, end) not in per_sentence:  # many events share a sentence: read it once
            text = d.text[start:end]
            per_sentence[(start, end)] = (text, content_terms(text), casualty_count(text))
        sentence, terms, figure = per_sentence[(start, end)]
        factuality = e.factuality
        claim = claims.get(e.claim) if e.claim else None
        if claim is not None and claim.stance == "denies" and factuality in ASSERTING:
            factuality = "denied"
        value = time.value if time is not None and time.type == "date" else None
        interval = date_interval(value) if value else None
        if interval is None and published:
            day = date.fromisoformat(published)
            interval = (day - timedelta(days=PUBLISHED_WINDOW), day)
            value = None
        count = figure if e.type == "ASSAULT" else None
        out.append(EventMention(
            doc_id=d.id, event_id=e.id, type=e.type, cameo=e.cameo, trigger=stem(e.trigger.text),
            factuality=factuality, sources=_parties(e.source, actors), targets=_parties(e.target, actors),
            place=place.name if place else None, place_country=place.country if place else None,
            place_precision=place.precision if place else None,
            lat=place.lat if place else None, lon=place.lon if place else None,
            date=value, date_precision=time.precision if value and time else None,
            earliest=interval[0].isoformat() if interval else None,
            latest=interval[1].isoformat() if interval else None,
            published=published, count=count[0] if count else None, count_is_floor=bool(count and count[1]),
            group=group, outlet=outlet, sentence=sentence, terms=terms))
    return out


def _parties(refs: tuple[ActorRef, ...], actors: dict[str, Actor]) -> tuple[Party, ...]:
    out = []
    for r in refs:
        a = actors.get(r.actor) if r.actor else None
        out.append(Party(a.name, a.country, a.sector) if a else Party(r.text))
    return tuple(out)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem that makes "shelled", "shelling" and "shells" one key (no model needed)."""
    w = word.lower().strip()
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiousl":
        w = w[:-1]
    return w


def content_terms(sentence: str) -> frozenset[str]:
    """Stems of the sentence's content words and figures: what two reports of one happening share."""
    out = set()
    for m in _WORD.finditer(sentence):
        w = m.group().lower().rstrip(".,")
        if "'" in w:  # most words have none: the substitution is asked only of those that do
            w = _POSSESSIVE.sub("", w)
        if not w or w in _STOP or (len(w) < 3 and not w[0].isdigit()):
            continue
        out.add(w if w[0].isdigit() else stem(w))
    return frozenset(out)


def _iso_day(value: str | None) -> str | None:
    if value and re.match(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    return None


def date_interval(value: str) -> tuple[date, date] | None:
    """The days an ISO date value at any precision covers: "2020-03" is all of March 2020."""
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            start = date(int(m[1]), int(m[2]), 1)
            nxt = date(start.year + start.month // 12, start.month % 12 + 1, 1)
            return start, nxt - timedelta(days=1)
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            start = date(int(m[1]), 3 * int(m[2]) - 2, 1)
            end = date(int(m[1]) + (m[2] == "4"), (3 * int(m[2])) % 12 + 1, 1) - timedelta(days=1)
            return start, end
        if m := re.fullmatch(r"(\d{4})(?:-[A-Z]{2})?", value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    except ValueError:
        return None
    return None
