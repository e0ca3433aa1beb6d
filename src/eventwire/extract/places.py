"""Places: resolve GPE/LOC/FAC mentions against the packaged GeoNames gazetteer in context."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from eventwire.extract.mentions import PLACE_LABELS, Mention
from eventwire.record import Actor, Place
from eventwire.resolve.gazetteer import Resolution, gazetteer
from eventwire.resolve.kb import countries


def country_context(doc: Doc, mentions: list[Mention], actors: list[Actor]) -> Counter[str]:
    """How often each country is named in the document (names, demonyms, actors' countries)."""
    c = countries()
    counts: Counter[str] = Counter()
    for m in mentions:
        iso = c.lookup(m.text) if m.label in ("GPE", "NORP") else None
        if iso:
            counts[iso] += 1
    for token in doc:
        iso = c.by_demonym.get(token.lower_) if token.pos_ in ("ADJ", "PROPN") else None
        if iso:
            counts[iso] += 1
    for a in actors:
        if a.country:
            counts[a.country] += 1
    return counts


def resolve_places(doc: Doc, mentions: list[Mention], actors: list[Actor]) -> tuple[list[Place], dict[int, str]]:
    """Places of the document and, for each place mention (by index), its place id."""
    context = country_context(doc, mentions, actors)
    gaz = gazetteer()
    by_geonames: dict[object, int] = {}
    drafts: list[dict[str, object]] = []
    mention_place: dict[int, str] = {}
    for i, m in enumerate(mentions):
        if m.label not in PLACE_LABELS:
            continue
        near = _country_after(doc, m)
        res = gaz.resolve(m.text, context, near)
        if res is None:
            continue
        e = res.entry
        key = e.geonames_id or (e.name, e.country)
        if key not in by_geonames:
            by_geonames[key] = len(drafts)
            drafts.append({"entry": e, "res": res, "mentions": []})
        slot = drafts[by_geonames[key]]
        mentions_list = slot["mentions"]
        assert isinstance(mentions_list, list)
        mentions_list.append(i)
        mention_place[i] = f"P{by_geonames[key] + 1}"
    places = []
    for n, slot in enumerate(drafts):
        found = slot["res"]
        assert isinstance(found, Resolution)
        e = found.entry
        mlist = slot["mentions"]
        assert isinstance(mlist, list)
        places.append(Place(
            id=f"P{n + 1}", name=e.name, country=e.country or None, admin1=e.admin1 or None,
            geonames_id=e.geonames_id, lat=e.lat, lon=e.lon, precision=e.precision,
            alternatives=found.alternatives, confidence=found.confidence,
            mentions=tuple(f"T{i + 1}" for i in mlist)))
    return places, mention_place


def _country_after(doc: Doc, m: Mention) -> str | None:
    """"Anbar province, Iraq" / "Tripoli, Libya": a country named right after a comma."""
    if m.end + 1 < len(doc) and doc[m.end].text == ",":
        nxt = doc[m.end + 1: m.end + 4].text
        c = countries()
        for k in (3, 2, 1):
            words = " ".join(nxt.split()[:k]).strip(",.")
            iso = c.by_name.get(words.lower())
            if iso:
                return iso
    return None
