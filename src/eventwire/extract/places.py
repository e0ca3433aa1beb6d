"""Places: resolve GPE/LOC/FAC mentions against the packaged GeoNames gazetteer in context."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from eventwire.extract.mentions import PLACE_LABELS, Mention
from eventwire.extract.outlets import Home
from eventwire.nlp import doc_text, tokens_with
from eventwire.record import Actor, Place
from eventwire.resolve.gazetteer import (
    CANADIAN_ABBREVIATIONS,
    US_STATE_ABBREVIATIONS,
    Gazetteer,
    GeoEntry,
    Resolution,
    gazetteer,
    normalise,
)
from eventwire.resolve.kb import countries


def country_context(doc: Doc, mentions: list[Mention], actors: list[Actor]) -> Counter[str]:
    """How often each country is named in the document (names, demonyms, actors' countries).
    A country name that is also a province elsewhere ("Georgia") does not count: it would vote
    for its own country reading."""
    c = countries()
    gaz = gazetteer()
    counts: Counter[str] = Counter()
    for m in mentions:
        iso = c.lookup(m.text) if m.label in ("GPE", "NORP") else None
        if iso and not _also_a_province(gaz, m.text, iso):
            counts[iso] += 1  # "Georgia" may be the US state: it is no evidence for the country
    for token in tokens_with(doc, lowers=c.demonym_words):
        iso = c.by_demonym.get(token.lower_) if token.pos_ in ("ADJ", "PROPN") else None
        if iso:
            counts[iso] += 1
    for a in actors:
        named = c.names.get(a.country or "", "")
        if a.country and not (named and named.lower() in a.name.lower() and _also_a_province(gaz, named, a.country)):
            counts[a.country] += 1  # "Georgia authorities" may be the US state's
    return counts


_LOCAL_INSTITUTION = re.compile(
    r"(?:'s|’s)?\s+(?:Police(?:\s+Department)?|Fire(?:\s+Department)?|High\s+School|Middle\s+School|City\s+Council|"
    r"City\s+Hall|City\s+Commission|Town\s+Council|Board\s+of\s+Education|School\s+(?:District|Board)|"
    r"Public\s+(?:Library|Schools)|boards?\s+and\s+commissions|Chamber\s+of\s+Commerce|Township|Mayor|"
    r"city\s+council|city\s+manager|City\s+Manager)\b")
"""Words after a place name that show it is used as a town with its own institutions."""


def _local_institution(text: str, end: int) -> bool:
    return _LOCAL_INSTITUTION.match(text, end) is not None


_STATE_NAMES = "|".join(sorted({re.escape(v) for v in US_STATE_ABBREVIATIONS.values()}, key=len, reverse=True))
_PROVINCE_AFTER = re.compile(rf"\s+(?:state|State)\b|,?\s+(?:and\s+|or\s+)?(?:{_STATE_NAMES})\b")
_PROVINCE_BEFORE = re.compile(rf"(?:\bstate\s+of|\b(?:{_STATE_NAMES}),?(?:\s+and|\s+or)?)\s+$")


def _may_be_capital(text: str, start: int, end: int) -> bool:
    """False when the words around a name make it a province: "Washington state", "the state
    of Washington", "Utah, Washington and Wisconsin"."""
    return not (_PROVINCE_AFTER.match(text, end) or _PROVINCE_BEFORE.search(text, max(0, start - 40), start))


def _also_a_province(gaz: Gazetteer, name: str, iso3: str) -> bool:
    return any(e.precision == "admin1" and e.country != iso3 for e in gaz.candidates(name))


class ToponymResolver:
    """Resolves place names of one document against the gazetteer with that document's context.

    Two passes: the first resolves every place mention with the countries the text names; the
    readings it is sure of (one candidate, or confidence ≥ 0.7) then add their country and
    province to the context, so "Alexandria" in a story that also names "Rapides Parish" is
    the Louisiana town, not the Egyptian city."""

    def __init__(self, doc: Doc, mentions: list[Mention], actors: list[Actor], home: Home | None = None) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.gaz = gazetteer()
        self.context = country_context(doc, mentions, actors)
        self.regions: Counter[str] = Counter()
        self.home = home
        if home is not None and home.country:  # the outlet's usual home counts as sure places
            self.context[home.country] += 1
            if home.region:
                self.regions[home.region] += 2
            self.context -= self._capitals_at_home(actors, home.country)
        sure_countries: Counter[str] = Counter()
        for m in mentions:
            if m.label in PLACE_LABELS:
                if self._home_town(m.text):
                    continue  # the outlet's own town: its home already counts
                found = self.gaz.resolve(m.text, self.context, _country_after(doc, m),
                                         near_region=_region_after(doc, m.end))
                if found is None:
                    continue
                if (found.alternatives and found.confidence < 0.7) or self._also_at_home(m.text, found.entry):
                    sure = self._sure_where(m)  # unsure which place, but maybe sure of the country
                else:
                    e = found.entry
                    sure = (e.country, e.admin1 if e.precision != "country" else "") if e.country else None
            else:
                sure = self._sure_where(m)  # "Rapides Parish Fire District" tagged PERSON
            if sure is not None:
                country, province = sure
                sure_countries[country] += 1
                if province:
                    self.regions[f"{country}.{province}"] += 1
        readings = {name: self.gaz.candidates(name) for name in {m.text for m in mentions if m.label in PLACE_LABELS}}
        self.context = self.context + sure_countries + self._coherence(readings)
        self.regions.update(self._regional_coherence(readings))

    def _capitals_at_home(self, actors: list[Actor], home: str) -> Counter[str]:
        """Countries counted only because a capital's name stands for its government, when the
        outlet's home country has a place of that name: in an Ohio paper "Dublin City Council"
        is the town's, and says nothing of Ireland."""
        known = countries()
        out: Counter[str] = Counter()
        for a in actors:
            if a.kind == "country" and a.country and a.country != home and \
                    (known.by_capital.get(normalise(a.name)) == a.country or self._home_town(a.name)) and \
                    any(e.country == home for e in self.gaz.candidates(a.name)):
                out[a.country] += 1
        return out

    def _towns_at_home(self, name: str) -> list[GeoEntry]:
        """Towns called ``name`` in the outlet's home province (its country when no province
        is known)."""
        home = self.home
        if home is None or not home.country:
            return []
        return [e for e in self.gaz.candidates(name) if e.precision == "city" and e.country == home.country
                and (home.region is None or f"{e.country}.{e.admin1}" == home.region)]

    def _home_town(self, name: str) -> bool:
        """The outlet is named after this town and has one at home: "Paris" in parisbeacon.com
        when its stories are about Texas, "Moscow" in moscowtimes.ru. Read in the outlet's home,
        and never as evidence of a foreign country."""
        return self.home is not None and self.home.names(name) and bool(self._towns_at_home(name))

    def _also_at_home(self, name: str, reading: GeoEntry) -> bool:
        """A foreign reading of a name that is also a town in the outlet's home province: in a
        Kentucky paper "London" may be the Laurel County seat, so its first reading as England's
        capital must not count as a sure sign that the story is about Britain."""
        home = self.home
        return home is not None and home.region is not None and reading.country != home.country and \
            bool(self._towns_at_home(name))

    def _coherence(self, readings: dict[str, list[GeoEntry]]) -> Counter[str]:
        """Countries that could hold many of the story's place names at once (each name votes
        for its candidates' countries, 1/n each): five ambiguous US town names make the story
        American even when no sentence says so. A country's or capital's name votes for that
        country only, or "Moscow", "Berlin" and "Geneva" would make any story American.
        Counts only with two names or more (``readings``: each place name's gazetteer entries)."""
        votes: dict[str, float] = {}
        if len(readings) < 2:
            return Counter()
        for found in readings.values():
            options = {e.country for e in found if e.fcode == "PPLC" or e.precision == "country"} or \
                {e.country for e in found if e.country}  # "Moscow", "Berlin": their capital's country only
            for c in options:
                votes[c] = votes.get(c, 0.0) + 1 / len(options)
        top = max(votes.values(), default=0.0)
        return Counter({c: round(v) for c, v in votes.items() if v >= 1 and v == top})

    def _regional_coherence(self, readings: dict[str, list[GeoEntry]]) -> Counter[str]:
        """The one province that could hold more of the story's ambiguous place names than any
        other, as :meth:`_coherence` does for countries: "Marion County", "Union County",
        "Delaware" and "Marysville" all have a reading in Ohio, and no other state has all four,
        so each is read there. Needs two names or more, the province must hold at least two of
        them, and it must lie in the country the story is most about."""
        if len(readings) < 2:
            return Counter()
        held: Counter[str] = Counter()
        for found in readings.values():
            held.update({f"{e.country}.{e.admin1}" for e in found
                         if e.country and e.admin1 and e.precision != "country"})
        ranked = held.most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return Counter()
        home = self.context.most_common(1)
        if home and not ranked[0][0].startswith(home[0][0] + "."):
            return Counter()  # a story about Libya names Moscow, Berlin and Geneva: all in Ohio too
        return Counter({ranked[0][0]: 3})

    def _sure_where(self, m: Mention) -> tuple[str, str] | None:
        """(country, province or "") of a place name at the start of a mention that the
        gazetteer knows in one country only (the small model tags many places as people or
        organisations): a safe hint of where the story is, never a resolved place. The
        province counts only when every reading lies in the same one."""
        words = m.text.split()
        for k in range(len(words), 0 if m.label in PLACE_LABELS else 1, -1):
            found = self.gaz.candidates(" ".join(words[:k]))
            if found and len({e.country for e in found}) == 1 and found[0].country:
                provinces = {e.admin1 for e in found}
                return found[0].country, provinces.pop() if len(provinces) == 1 else ""
        return None

    def resolve_mention(self, m: Mention) -> Resolution | None:
        near, near_region = self._stated_or_home(m.text, _country_after(self.doc, m), _region_after(self.doc, m.end))
        return self.gaz.resolve(m.text, self.context, near, self.regions, near_region,
                                _local_institution(self.text, m.end_char),
                                _may_be_capital(self.text, m.start_char, m.end_char))

    def _stated_or_home(self, name: str, near: str | None,
                        near_region: tuple[str, str] | None) -> tuple[str | None, tuple[str, str] | None]:
        """The country and province stated beside a name ("Paris, Texas"); for the town an
        outlet is named after, its home, as though stated ("Paris" in parisbeacon.com)."""
        if near or near_region or self.home is None or not self._home_town(name):
            return near, near_region
        country, _, province = (self.home.region or "").partition(".")
        return self.home.country, (country, province) if province else None

    def resolve_span(self, start: int, end: int) -> Resolution | None:
        """The reading of the place named at characters [start, end) of the document."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        near = _country_after_index(self.doc, span.end) if span is not None else None
        region = _region_after(self.doc, span.end) if span is not None else None
        name = self.text[start:end]
        near, region = self._stated_or_home(name, near, region)
        return self.gaz.resolve(name, self.context, near, self.regions, region,
                                _local_institution(self.text, end), _may_be_capital(self.text, start, end))


def resolve_places(doc: Doc, mentions: list[Mention], actors: list[Actor],
                   home: Home | None = None) -> tuple[list[Place], dict[int, str]]:
    """Places of the document and, for each place mention (by index), its place id; ``home`` is
    where the outlet's stories usually are (:mod:`eventwire.extract.outlets`)."""
    resolver = ToponymResolver(doc, mentions, actors, home)
    by_geonames: dict[object, int] = {}
    drafts: list[dict[str, object]] = []
    mention_place: dict[int, str] = {}
    for i, m in enumerate(mentions):
        if m.label not in PLACE_LABELS:
            continue
        res = resolver.resolve_mention(m)
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
    return _country_after_index(doc, m.end)


def _country_after_index(doc: Doc, end: int) -> str | None:
    if end + 1 < len(doc) and doc[end].text == ",":
        nxt = doc[end + 1: end + 4].text
        c = countries()
        for k in (3, 2, 1):
            words = " ".join(nxt.split()[:k]).strip(",.")
            iso = c.by_name.get(words.lower())
            if iso:
                return iso
    return None


def _region_after(doc: Doc, end: int) -> tuple[str, str] | None:
    """"Alexandria, La." / "Paris, Texas" / "Tikrit, Salahuddin province": the (country,
    province) named right after a comma."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    gaz = gazetteer()
    nxt = doc[end + 1: end + 4]
    words = [t.text for t in nxt]
    for k in (3, 2, 1):
        phrase = " ".join(words[:k])
        state = US_STATE_ABBREVIATIONS.get(phrase) or US_STATE_ABBREVIATIONS.get(phrase.rstrip("."))
        if state:
            return "USA", state
        province = CANADIAN_ABBREVIATIONS.get(phrase) or CANADIAN_ABBREVIATIONS.get(phrase + ".")
        if province:
            return "CAN", province  # "London, Ont."
        provinces = [e for e in gaz.candidates(phrase) if e.precision == "admin1"]
        if len(provinces) == 1:
            return provinces[0].country, provinces[0].admin1
    return None
