"""What each page shows, read from the store: plain data for the templates, no HTML.

Kept apart from the routes so that the page contents can be tested without a server and
the routes stay a thin mapping from URL to template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import QueryParams

from eventwire.errors import UsageError
from eventwire.incidents.summary import Incident, Version
from eventwire.record import FACTUALITIES, PLOVER_TYPES, Claim, Record
from eventwire.store import EventFilter, IncidentFilter, Store
from eventwire.store import query as q

EVENT_FILTERS = ("type", "cameo", "actor", "country", "sector", "place", "place_country", "bbox", "since",
                 "until", "strict_dates", "factuality", "claimed_by", "contested", "outlet", "doc_id", "sort")
"""Query parameters of the events table, the timeline and the map: the same names as ``/v1/events``."""

PAGE_SIZE = 50
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f]")


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) address that can be a link, else None.

    Article metadata is hostile: a ``javascript:`` or ``data:`` URL must never become an
    ``href``, and neither may anything with whitespace or control characters hidden in it
    (browsers strip those, so "java\\tscript:" would run)."""
    if not url or len(url) > 2048 or _UNSAFE_CHARS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


# --- filters from a query string ---------------------------------------------------------

def event_filter(params: QueryParams, limit: int = PAGE_SIZE) -> EventFilter:
    """The events filter of a page's query string; empty form fields count as absent."""
    def one(name: str) -> str | None:
        value = params.get(name, "").strip()
        return value or None

    for name in ("since", "until"):
        value = one(name)
        if value is not None:
            q.check_date(value)
    bbox = one("bbox")
    contested = one("contested")
    if contested not in (None, "true", "false"):
        raise UsageError("contested must be 'true' or 'false'")
    factuality = tuple(v for v in params.getlist("factuality") if v)
    for value in factuality:
        if value not in FACTUALITIES:
            raise UsageError(f"factuality must be one of {', '.join(FACTUALITIES)}")
    kind = one("type")
    if kind is not None and kind.upper() not in PLOVER_TYPES:
        raise UsageError(f"type must be one of {', '.join(PLOVER_TYPES)}")
    strict = one("strict_dates")
    if strict not in (None, "true", "false"):
        raise UsageError("strict_dates must be 'true' or 'false'")
    sort = one("sort") or "date"
    if sort not in ("date", "-date"):
        raise UsageError("sort must be 'date' or '-date'")
    return EventFilter(type=kind, cameo=one("cameo"), actor=one("actor"), country=one("country"),
                       sector=one("sector"), place=one("place"), place_country=one("place_country"),
                       bbox=q.parse_bbox(bbox) if bbox else None, since=one("since"), until=one("until"),
                       strict_dates=strict == "true", factuality=factuality, doc_id=one("doc_id"),
                       claimed_by=one("claimed_by"),
                       contested=None if contested is None else contested == "true", outlet=one("outlet"),
                       sort=sort, limit=limit, cursor=one("cursor"))


def form_values(params: QueryParams) -> dict[str, Any]:
    """The filter values to put back into the form (factuality may repeat)."""
    values: dict[str, Any] = {name: params.get(name, "") for name in EVENT_FILTERS}
    values["factuality"] = [v for v in params.getlist("factuality") if v]
    return values


# --- overview ----------------------------------------------------------------------------

def overview(store: Store) -> dict[str, Any]:
    summary = store.summary()
    return {"summary": summary,
            "latest": store.incidents(IncidentFilter(sort="latest", limit=10)),
            "contested": contested_pairs(store, limit=5),
            "contested_incidents": store.incidents(IncidentFilter(status="contested", sort="latest", limit=5))}


# --- contested claims --------------------------------------------------------------------

@dataclass(slots=True)
class ClaimView:
    """One side of a contradiction, ready to show."""

    id: str
    speaker: str
    stance: str
    kind: str
    text: str
    cue: str | None


@dataclass(slots=True)
class ContestedPair:
    doc_id: str
    title: str
    url: str | None
    published: str | None
    reason: str
    event: str | None
    claim: ClaimView
    denial: ClaimView


@dataclass(slots=True)
class ContestedIncident:
    id: str
    type: str
    status: str
    place: str | None
    date: str | None
    asserting: list[Version] = field(default_factory=list)
    denying: list[Version] = field(default_factory=list)


def claim_view(record: Record, claim: Claim) -> ClaimView:
    names = {a.id: a.name for a in record.actors}
    speaker = names.get(claim.speaker or "") or claim.speaker_text or ("the outlet" if claim.kind == "editorial"
                                                                       else "unattributed")
    text = record.document.text[claim.content.start:claim.content.end]
    return ClaimView(claim.id, speaker, claim.stance, claim.kind, text, claim.cue.text if claim.cue else None)


def pairs_of(record: Record) -> list[ContestedPair]:
    """A record's contradictions, the asserting claim first and the denial second."""
    claims = {c.id: c for c in record.claims}
    events = {e.id: e for e in record.events}
    pairs = []
    for contradiction in record.contradictions:
        a, b = (claims.get(i) for i in contradiction.claims)
        if a is None or b is None:
            continue
        if a.stance == "denies" and b.stance != "denies":
            a, b = b, a
        event = events.get(contradiction.event or "")
        pairs.append(ContestedPair(
            record.document.id, record.document.title or record.document.id, safe_url(record.document.url),
            record.document.published.value, contradiction.reason,
            f"{event.type} ({event.trigger.text})" if event else None, claim_view(record, a), claim_view(record, b)))
    return pairs


def contested_pairs(store: Store, limit: int = 50, offset: int = 0) -> list[ContestedPair]:
    """Contradictions inside documents, the latest documents first."""
    rows = store.conn.execute(
        "SELECT id FROM documents WHERE n_contradictions > 0 ORDER BY published DESC, rowid DESC LIMIT ? OFFSET ?",
        (limit, offset)).fetchall()
    pairs: list[ContestedPair] = []
    for (doc_id,) in rows:
        pairs += pairs_of(store.get(doc_id))
    return pairs[:limit]


def contested_incidents(store: Store, limit: int = 50) -> list[ContestedIncident]:
    """Incidents whose sources disagree: the versions that assert against those that deny."""
    found = []
    for status in ("contested", "denied"):
        for row in store.incidents(IncidentFilter(status=status, sort="latest", limit=limit)):
            incident = store.incident(row["id"])
            found.append(split_versions(incident))
    return found[:limit]


def split_versions(incident: Incident) -> ContestedIncident:
    view = ContestedIncident(incident.id, incident.type, incident.status, incident.place, incident.time)
    for version in incident.versions:
        (view.denying if version.factuality in ("denied", "negated") else view.asserting).append(version)
    return view


# --- document reader ---------------------------------------------------------------------

def cards(record: Record) -> dict[str, dict[str, Any]]:
    """The fields behind every highlight, by mark ref: what a click on the mark shows."""
    text = record.document.text
    actors = {a.id: a for a in record.actors}
    places = {p.id: p for p in record.places}
    times = {t.id: t for t in record.times}
    out: dict[str, dict[str, Any]] = {}
    for event in record.events:
        place = places.get(event.place.place or "") if event.place else None
        time = times.get(event.time.time or "") if event.time else None
        sentence = record.sentences[event.sentence] if 0 <= event.sentence < len(record.sentences) else None
        out[event.id] = {
            "kind": "event", "heading": f"{event.type}: {event.trigger.text}",
            "fields": [("type", event.type), ("mode", event.mode), ("CAMEO", event.cameo),
                       ("factuality", event.factuality), ("confidence", f"{event.confidence:.2f}"),
                       ("source", ", ".join(r.text for r in event.source) or None),
                       ("target", ", ".join(r.text for r in event.target) or None),
                       ("place", _place_text(place) if place else event.place.text if event.place else None),
                       ("date", _time_text(time) if time else event.time.text if event.time else None),
                       ("in claim", event.claim)],
            "links": [("claim", event.claim)] if event.claim else [],
            "sentence": text[sentence.start:sentence.end] if sentence else None,
            "offsets": (event.trigger.start, event.trigger.end)}
    for claim in record.claims:
        view = claim_view(record, claim)
        out[claim.id] = {
            "kind": "claim", "heading": f"{claim.kind} claim by {view.speaker}",
            "fields": [("speaker", view.speaker), ("speaker text", claim.speaker_text), ("cue", view.cue),
                       ("kind", claim.kind), ("stance", claim.stance), ("channel", claim.channel),
                       ("events", ", ".join(e.id for e in record.events if e.claim == claim.id) or None)],
            "links": [], "sentence": view.text, "offsets": (claim.content.start, claim.content.end)}
    for entity in record.entities:
        actor, place = actors.get(entity.actor or ""), places.get(entity.place or "")
        fields: list[tuple[str, Any]] = []
        if actor:
            fields += [("actor", actor.name), ("kind", actor.kind), ("country", actor.country),
                       ("sector", ", ".join(actor.sector) or None), ("aliases", ", ".join(actor.aliases) or None),
                       ("actor id", actor.id)]
        if place:  # a country or city named as an actor ("Moscow said") is a place as well
            fields += [("place", place.name), ("place country", place.country), ("admin1", place.admin1),
                       ("GeoNames id", place.geonames_id), ("coordinates", _coordinates(place.lat, place.lon)),
                       ("precision", place.precision), ("confidence", f"{place.confidence:.2f}"),
                       ("alternatives", "; ".join(f"{a.name} ({a.country or '?'}, {a.score:.2f})"
                                                  for a in place.alternatives[:5]) or None)]
        if fields:
            name = actor.name if actor else place.name if place else entity.text
            out[entity.id] = {"kind": "actor" if actor else "place", "heading": name,
                              "fields": [*fields, ("entity label", entity.label)],
                              "links": [], "sentence": None, "offsets": (entity.start, entity.end)}
    for time in record.times:
        out[time.id] = {
            "kind": "time", "heading": time.text,
            "fields": [("value", time.value or "unresolved"), ("precision", time.precision), ("anchor", time.anchor),
                       ("inferred", "yes" if time.inferred else "no"), ("type", time.type)],
            "links": [], "sentence": None, "offsets": (time.start, time.end)}
    return out


def _coordinates(lat: float | None, lon: float | None) -> str | None:
    return None if lat is None or lon is None else f"{lat:.4f}, {lon:.4f}"


def _place_text(place: Any) -> str:
    where = ", ".join(x for x in (place.name, place.admin1, place.country) if x)
    coords = _coordinates(place.lat, place.lon)
    return f"{where} ({coords}, {place.precision})" if coords else f"{where} ({place.precision})"


def _time_text(time: Any) -> str:
    return f"{time.value or 'unresolved'} ({time.precision}{', inferred' if time.inferred else ''})"


__all__ = ["EVENT_FILTERS", "PAGE_SIZE", "ClaimView", "ContestedIncident", "ContestedPair", "cards", "claim_view",
           "contested_incidents", "contested_pairs", "event_filter", "form_values", "overview", "pairs_of",
           "safe_url", "split_versions"]
