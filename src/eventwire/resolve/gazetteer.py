"""The packaged GeoNames gazetteer and toponym resolution with document context.

Data: GeoNames (CC BY 4.0) countries, first- and second-level divisions and every place of
500 people or more, reduced to one TSV by ``tools/build_kb.py`` (country points from
Natural Earth, public domain). Resolution scores every candidate on feature type, population
(as one feature among several), the countries the document talks about, and explicit
containment ("Tripoli, Libya"); it reports the runner-up readings as alternatives.
"""

from __future__ import annotations

import gzip
import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from eventwire.record import PlaceAlternative, PlacePrecision
from eventwire.resolve.kb import countries


@dataclass(frozen=True, slots=True)
class GeoEntry:
    geonames_id: int | None
    name: str
    lat: float | None
    lon: float | None
    fcode: str
    country: str
    admin1: str
    population: int

    @property
    def precision(self) -> PlacePrecision:
        if self.fcode.startswith("PCL"):
            return "country"
        if self.fcode == "CONT":
            return "region"
        if self.fcode == "ADM1":
            return "admin1"
        if self.fcode == "ADM2":
            return "admin2"
        return "city"


@dataclass(frozen=True, slots=True)
class Resolution:
    entry: GeoEntry
    confidence: float
    alternatives: tuple[PlaceAlternative, ...]


INDEX_MARK = "\n#index\n"
"""The line between the gazetteer's rows and its name index."""


class SortedIndex:
    """The gazetteer's name index as one text of ``name<TAB>row,row,...`` lines sorted by
    name, searched where it lies: building a dictionary of 600,000 names took most of a second
    at every start, and a document asks for a few dozen names. A sparse table of every
    :data:`STRIDE`-th character's line (its name and where it starts) narrows a name to a few
    kilobytes of the text, and a substring search finds its line there. Answers are remembered
    (a bounded cache: the same names come back document after document)."""

    STRIDE = 4096
    CACHE_SIZE = 100_000

    def __init__(self, text: str) -> None:
        self._text = "\n" + (text if text.endswith("\n") else text + "\n")
        """Every line, the first one too, follows a newline: "\nname\t" finds a whole name."""
        self._starts: list[int] = []
        self._names: list[str] = []
        offset = 1
        while offset < len(self._text):
            start = self._text.find("\n", offset - 1) + 1  # the first line starting at or after offset
            if start <= 0 or start >= len(self._text):
                break
            if not self._starts or start > self._starts[-1]:
                self._starts.append(start)
                self._names.append(self._text[start:self._text.find("\t", start)])
            offset = start + self.STRIDE
        self._found: dict[str, str | None] = {}
        self._count: int | None = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = self._text.count("\n") - 1
        return self._count

    def get(self, key: str) -> str | None:
        """Comma-separated row numbers of the entries named ``key``, or None."""
        if key in self._found:
            return self._found[key]
        found = None
        i = bisect_right(self._names, key) - 1
        if i >= 0 and "\n" not in key and "\t" not in key:
            needle = "\n" + key + "\t"
            stop = self._starts[i + 1] if i + 1 < len(self._starts) else len(self._text)
            at = self._text.find(needle, self._starts[i] - 1, stop - 1 + len(needle))
            if at >= 0:
                begin = at + len(needle)
                found = self._text[begin:self._text.find("\n", begin)]
        if len(self._found) >= self.CACHE_SIZE:
            self._found.clear()
        self._found[key] = found
        return found


class Gazetteer:
    """Name -> candidate entries, with a context-aware ``resolve``.

    Loading must stay under a second for 290,000 rows and 600,000 names: the file carries a
    ready index (normalised name -> row numbers, sorted by name) after its rows, searched in
    place (:class:`SortedIndex`), and a row becomes a :class:`GeoEntry` only when a name asks
    for it."""

    def __init__(self, rows: list[str], index: SortedIndex) -> None:
        self._rows = rows
        self._entries: dict[int, GeoEntry] = {}
        self._index = index
        """Normalised name -> comma-separated row numbers, parsed when the name is asked for."""
        self._prepared: dict[tuple[str, bool, bool], Readings | None] = {}

    def _entry(self, i: int) -> GeoEntry:
        entry = self._entries.get(i)
        if entry is None:
            f = self._rows[i].split("\t")
            entry = GeoEntry(
                geonames_id=int(f[0]) if f[0] else None, name=f[1],
                lat=float(f[3]) if f[3] else None, lon=float(f[4]) if f[4] else None,
                fcode=f[5], country=f[6], admin1=f[7], population=int(f[8] or 0))
            self._entries[i] = entry
        return entry

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def name_count(self) -> int:
        """How many distinct lookup keys (normalised names) the index holds."""
        return len(self._index)

    def candidates(self, name: str) -> list[GeoEntry]:
        rows = self._index.get(normalise(name))
        return [self._entry(int(i)) for i in rows.split(",")] if rows else []

    def _demonym_candidates(self, name: str) -> list[GeoEntry]:
        """"Turkish", "Iraqis": the country they name (TR-News marks demonyms as toponyms). A
        demonym outranks any same-spelled village ("German" is not the Manx parish)."""
        iso = _demonym_country(name)
        return self.country_entries(iso) if iso is not None else []

    def _own_named_divisions(self, name: str) -> list[GeoEntry]:
        """"West Bank", "Gaza", "Scotland": a name that stands for a whole country only as an
        alias, while a division or town of that same country bears it as its own name. The
        named part is the more exact reading (the West Bank is not all Palestinian territory,
        Scotland is not the United Kingdom); a country's own name ("Hong Kong") keeps it."""
        found = self.candidates(name)
        key = normalise(name)
        aliased = {e.country for e in found if e.precision == "country" and normalise(e.name) != key}
        iso = _demonym_country(name)
        if iso is not None:
            aliased.add(iso)
        if not aliased or any(e.precision == "country" and normalise(e.name) == key for e in found):
            return []
        own = [e for e in found if e.country in aliased and e.precision != "country" and normalise(e.name) == key]
        return own + [e for e in found if e.country not in aliased] if own else []

    def _variant_candidates(self, name: str) -> list[GeoEntry]:
        """A name the gazetteer has under a fuller spelling, tried only when the name itself is
        unknown: news abbreviations ("Loudon Co.", "W. Columbia", "Calif" without its point)
        and residents' names ("Ohioans", "Texan", "Dagestani", "New Londoners"). A resident's
        name must lead to a country, a province, a county or a town of 10,000 people or more:
        a small village that happens to spell like a stripped word is no evidence."""
        for variant in abbreviation_expansions(name):
            found = self.candidates(variant) or self._abbreviation_candidates(variant + ".")
            if found:
                return found
        for stem in resident_stems(name):
            found = [e for e in self.candidates(stem)
                     if e.precision != "city" or e.population >= RESIDENT_TOWN_POPULATION]
            if found:
                return found
        return []

    def _abbreviation_candidates(self, name: str) -> list[GeoEntry]:
        """"Ky.", "B.C.": a state or province written as its news abbreviation."""
        key = _SPACED_ABBREVIATION.sub(".", name.strip())  # "W. Va." is "W.Va."
        full = US_STATE_ABBREVIATIONS.get(key.rstrip(".")) if key.endswith(".") or key.isupper() else None
        country = "USA"
        if full is None and key in CANADIAN_ABBREVIATIONS:
            full, country = CANADIAN_ABBREVIATIONS[key], "CAN"
        if full is None:
            return []
        return [e for e in self.candidates(full) if e.precision == "admin1" and e.country == country]

    def country_entries(self, iso3: str) -> list[GeoEntry]:
        """The gazetteer's entry for a country, by its ISO3 code."""
        name = countries().names.get(iso3)
        return [e for e in self.candidates(name) if e.country == iso3 and e.precision == "country"] if name else []

    def _readings(self, name: str, local: bool, as_capital: bool) -> Readings | None:
        """What resolving ``name`` needs that does not depend on the document: its candidates
        and the part of each one's score that comes from the entry alone (feature type,
        population, a seat or town named like a province). Kept per name (a bounded cache):
        "Washington" has over a hundred candidates, and the same names come back in every
        story."""
        key = (name, local, as_capital)
        if key in self._prepared:
            return self._prepared[key]
        cands = self._own_named_divisions(name) or self._demonym_candidates(name) or \
            self._abbreviation_candidates(name) or self.candidates(name) or self._variant_candidates(name)
        readings = _prepare(name, cands, local, as_capital) if cands else None
        if len(self._prepared) >= PREPARED_NAMES:
            self._prepared.clear()
        self._prepared[key] = readings
        return readings

    def resolve(self, name: str, context: Counter[str], near: str | None = None,
                regions: Counter[str] | None = None, near_region: tuple[str, str] | None = None,
                local: bool = False, as_capital: bool = True) -> Resolution | None:
        """Pick the reading of ``name`` that fits the document best.

        ``context`` counts how often each country (ISO3) is mentioned in the document;
        ``near`` is a country stated right beside the name ("Tripoli, Libya"); ``regions``
        counts the provinces ("USA.Louisiana") of places the document surely names; ``local``
        says the name is used for a town's own institutions ("the Paris Police Department"):
        every town has those, so a capital's or a big city's size is no evidence and a country
        or province reading is unlikely.
        """
        readings = self._readings(name, local, as_capital)
        if readings is None:
            return None
        capital_of = readings.capital_of
        if capital_of is not None and not context.get(capital_of):
            capital_of = None  # a capital stands for its government in stories about that country
        total = sum(context.values()) or 1
        region_total = sum(regions.values()) if regions else 0
        scored = []
        for c, base, province, own in zip(readings.entries, readings.base, readings.provinces, readings.own_name,
                                          strict=True):
            score = base + 4.0 * context.get(c.country, 0) / total
            if regions and region_total and province:
                score += 3.0 * regions.get(province, 0) / region_total
            if near and c.country == near:
                score += 10.0
            if near_region and (c.country, c.admin1) == near_region and c.precision != "admin1":
                score += 10.0  # "Alexandria, La.": the town in that state
            named_capital = c.fcode == "PPLC" and capital_of == c.country
            if named_capital or own:
                score += 0.5  # "Washington" names "Washington, D.C." as surely as its own name would
            if named_capital:
                score += 1.0  # "Washington", "Moscow": the capital a country's government is named by
            scored.append((score, c))
        scored.sort(key=lambda sc: (-sc[0], sc[1].geonames_id or 0))
        best_score, best = scored[0]
        exps = [math.exp(s - best_score) for s, _ in scored]
        confidence = 1.0 / sum(exps)
        alts = []
        seen = {best.geonames_id}
        for (_, c), e in zip(scored[1:], exps[1:], strict=True):
            if c.geonames_id in seen:
                continue
            seen.add(c.geonames_id)
            alts.append(PlaceAlternative(geonames_id=c.geonames_id, name=c.name,
                                         country=c.country or None,
                                         score=round(e / sum(exps), 3)))
            if len(alts) == 3:
                break
        return Resolution(entry=best, confidence=round(confidence, 3), alternatives=tuple(alts))


PREPARED_NAMES = 50_000
"""Names whose document-independent readings are kept at once (:meth:`Gazetteer._readings`)."""


@dataclass(frozen=True, slots=True)
class Readings:
    """A name's candidates with the score each earns from its entry alone."""

    entries: tuple[GeoEntry, ...]
    base: tuple[float, ...]
    provinces: tuple[str, ...]
    """Each entry's "country.admin1" key into a document's provinces ("" without a province)."""
    own_name: tuple[bool, ...]
    """Whether the entry bears the name itself (not an alias, a demonym or an abbreviation)."""
    capital_of: str | None
    """The country whose capital the name is, when the name may stand for that capital."""


def _prepare(name: str, cands: list[GeoEntry], local: bool, as_capital: bool) -> Readings:
    """The document-independent part of :meth:`Gazetteer.resolve` for ``name``."""
    seats: dict[tuple[str, str], int] = {}  # province -> population of its same-named seat
    towns: dict[tuple[str, str], int] = {}  # province -> population of a same-named town in it
    for c in cands:
        if c.precision == "city":
            towns[(c.country, c.admin1)] = max(towns.get((c.country, c.admin1), 0), c.population)
            if c.fcode in ("PPLA", "PPLC"):
                seats[(c.country, c.admin1)] = max(seats.get((c.country, c.admin1), 0), c.population)
    known = countries()
    key = normalise(name)
    # a capital named like its country ("Mexico", "Kuwait") is the country unless told otherwise
    capital_of = known.by_capital.get(key) if as_capital and known.lookup(name) is None else None
    base = []
    for c in cands:
        score = {"country": 3.0, "admin1": 1.2, "region": 3.0}.get(c.precision, 0.0)
        where = (c.country, c.admin1)
        if c.precision == "admin1" and where in seats and c.population < 3 * seats[where]:
            score -= 3.0  # "Aleppo", "Geneva": the city, not the province named after it
        if c.precision == "admin2" and where in towns:
            score -= 3.0  # "Montreal": the city, not the county-level division around it
        if local:
            score -= 2.0 if c.precision in ("country", "admin1", "region") else 0.0
            score += math.log10(c.population + 10) / 6
        else:
            if c.fcode in ("PPLC",):
                score += 1.5
            elif c.fcode in ("PPLA",):
                score += 0.6
            score += math.log10(c.population + 10) / 3
        base.append(score)
    return Readings(entries=tuple(cands), base=tuple(base),
                    provinces=tuple(f"{c.country}.{c.admin1}" if c.admin1 else "" for c in cands),
                    own_name=tuple(normalise(c.name) == key for c in cands), capital_of=capital_of)


_SPACED_ABBREVIATION = re.compile(r"\.\s+(?=[A-Z])")

US_STATE_ABBREVIATIONS = {
    "Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Calif": "California", "Colo": "Colorado",
    "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida", "Ga": "Georgia", "Ill": "Illinois",
    "Ind": "Indiana", "Kan": "Kansas", "Kans": "Kansas", "Ky": "Kentucky", "La": "Louisiana", "Md": "Maryland",
    "Mass": "Massachusetts", "Mich": "Michigan", "Minn": "Minnesota", "Miss": "Mississippi", "Mo": "Missouri",
    "Mont": "Montana", "Neb": "Nebraska", "Nev": "Nevada", "N.H": "New Hampshire", "N.J": "New Jersey",
    "N.M": "New Mexico", "N.Y": "New York", "N.C": "North Carolina", "N.D": "North Dakota", "Okla": "Oklahoma",
    "Ore": "Oregon", "Pa": "Pennsylvania", "R.I": "Rhode Island", "S.C": "South Carolina", "S.D": "South Dakota",
    "Tenn": "Tennessee", "Tex": "Texas", "Vt": "Vermont", "Va": "Virginia", "Wash": "Washington",
    "W.Va": "West Virginia", "Wis": "Wisconsin", "Wyo": "Wyoming", "D.C": "Washington, D.C.",
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "DC": "Washington, D.C.",
}
"""AP-style and postal abbreviations of US states, as local news writes them after a town
("Alexandria, La.", "Paris, TX"); values are GeoNames admin1 names."""


CANADIAN_ABBREVIATIONS = {
    "B.C.": "British Columbia", "Alta.": "Alberta", "Sask.": "Saskatchewan", "Man.": "Manitoba",
    "Ont.": "Ontario", "Que.": "Quebec", "N.B.": "New Brunswick", "N.S.": "Nova Scotia",
    "P.E.I.": "Prince Edward Island", "Nfld.": "Newfoundland and Labrador",
}
"""Canadian Press abbreviations of provinces; values are GeoNames admin1 names."""


def _demonym_country(name: str) -> str | None:
    """ISO3 of the country ``name`` is a demonym of ("Turkish", "Iraqis"), unless the word is
    also a country's name."""
    index = countries()
    iso = index.demonym(name.strip())
    return None if iso is None or name.strip().lower() in index.by_name else iso


RESIDENT_TOWN_POPULATION = 10_000
"""A resident's name ("Londoners") is read as a town only from this population up."""

_WORD_EXPANSIONS = {"co": "County", "twp": "Township", "mt": "Mount", "ft": "Fort", "st": "Saint",
                    "pt": "Point", "w": "West", "e": "East", "n": "North", "s": "South"}
"""News abbreviations of words inside place names ("Loudon Co.", "W. Columbia", "Ft. Worth")."""


def abbreviation_expansions(name: str) -> list[str]:
    """Fuller spellings of an abbreviated place name: "Platte Co." -> "Platte County",
    "W. Columbia" -> "West Columbia", "Calif" -> "Calif" (a state abbreviation written without
    its point is looked up by the caller with one). Empty when nothing is abbreviated."""
    words = name.split()
    out = []
    expanded = [_WORD_EXPANSIONS.get(w.rstrip(".").lower(), w) if w.endswith(".") else w for w in words]
    if expanded != words:
        out.append(" ".join(expanded))
    if len(words) == 1 and name.isalpha() and len(name) >= 4 and name in US_STATE_ABBREVIATIONS:
        out.append(name)
    return out


def resident_stems(word: str) -> list[str]:
    """Place names a residents' word may come from, most likely first: "Ohioans" -> "Ohio",
    "Iowans" -> "Iowa", "Texan" -> "Texas", "Ontarians" -> "Ontario", "Kentuckian" ->
    "Kentucky", "Dagestani" -> "Dagestan", "New Londoners" -> "New London", "Abkhaz" ->
    "Abkhazia". Only capitalised words are read this way."""
    w = word.strip()
    if not w[:1].isupper() or not w.replace(" ", "").replace("-", "").isalpha() or len(w) < 5:
        return []
    if w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    stems: list[str] = []
    if w.endswith("ian"):
        stems += [w[:-1], w[:-2] + "o", w[:-3] + "y", w[:-3] + "a", w[:-3]]
    if w.endswith("an"):
        stems += [w[:-1], w[:-2], w[:-1] + "s", w[:-2] + "e"]
    if w.endswith("er"):
        stems += [w[:-2], w[:-1]]
    if w.endswith("ite"):
        stems += [w[:-3], w[:-2]]
    if w.endswith("i"):
        stems += [w[:-1]]
    if w.endswith(("z", "k")):
        stems += [w + "ia"]
    return [s for s in dict.fromkeys(stems) if len(s) >= 3 and s != word]


def normalise(name: str) -> str:
    s = name.strip().replace("’", "'").lower()
    s = s.removeprefix("the ")
    return " ".join(s.split())


@cache
def gazetteer() -> Gazetteer:
    data = resources.files("eventwire.kb").joinpath("gazetteer.tsv.gz").read_bytes()
    text = gzip.decompress(data).decode("utf-8")
    split = text.index(INDEX_MARK)
    rows = text[:split].split("\n")[1:]  # the first line is the header
    return Gazetteer(rows, SortedIndex(text[split + len(INDEX_MARK):]))
