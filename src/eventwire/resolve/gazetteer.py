"""The packaged GeoNames gazetteer and toponym resolution with document context.

Data: GeoNames (CC BY 4.0) countries, first- and second-level divisions and every place of
1,000 people or more, reduced to one TSV by ``tools/build_kb.py`` (country points from
Natural Earth, public domain). Resolution scores every candidate on feature type, population
(as one feature among several), the countries the document talks about, and explicit
containment ("Tripoli, Libya"); it reports the runner-up readings as alternatives.
"""

from __future__ import annotations

import gzip
import math
import re
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


class Gazetteer:
    """Name -> candidate entries, with a context-aware ``resolve``.

    Loading must stay well under a second for 220,000 rows and 490,000 names: the file carries
    a ready index (normalised name -> row numbers) after its rows, and a row becomes a
    :class:`GeoEntry` only when a name asks for it."""

    def __init__(self, rows: list[str], index: dict[str, str]) -> None:
        self._rows = rows
        self._entries: dict[int, GeoEntry] = {}
        self._index = index
        """Normalised name -> comma-separated row numbers, parsed when the name is asked for."""

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
        index = countries()
        iso = index.demonym(name.strip())
        if iso is None or name.strip().lower() in index.by_name:
            return []
        return self.country_entries(iso)

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
        cands = self._demonym_candidates(name) or self._abbreviation_candidates(name) or self.candidates(name)
        if not cands:
            return None
        seats: dict[tuple[str, str], int] = {}  # province -> population of its same-named seat
        towns: dict[tuple[str, str], int] = {}  # province -> population of a same-named town in it
        for c in cands:
            if c.precision == "city":
                towns[(c.country, c.admin1)] = max(towns.get((c.country, c.admin1), 0), c.population)
                if c.fcode in ("PPLA", "PPLC"):
                    seats[(c.country, c.admin1)] = max(seats.get((c.country, c.admin1), 0), c.population)
        known = countries()
        # a capital named like its country ("Mexico", "Kuwait") is the country unless told otherwise
        capital_of = known.by_capital.get(normalise(name)) if as_capital and known.lookup(name) is None else None
        if capital_of is not None and not context.get(capital_of):
            capital_of = None  # a capital stands for its government in stories about that country
        total = sum(context.values()) or 1
        region_total = sum(regions.values()) if regions else 0
        scored = []
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
            score += 4.0 * context.get(c.country, 0) / total
            if regions and region_total and c.admin1:
                score += 3.0 * regions.get(f"{c.country}.{c.admin1}", 0) / region_total
            if near and c.country == near:
                score += 10.0
            if near_region and (c.country, c.admin1) == near_region and c.precision != "admin1":
                score += 10.0  # "Alexandria, La.": the town in that state
            named_capital = c.fcode == "PPLC" and capital_of == c.country
            if named_capital or normalise(c.name) == normalise(name):
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


def normalise(name: str) -> str:
    s = name.strip().replace("’", "'").lower()
    s = s.removeprefix("the ")
    return " ".join(s.split())


@cache
def gazetteer() -> Gazetteer:
    data = resources.files("eventwire.kb").joinpath("gazetteer.tsv.gz").read_bytes()
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    split = lines.index("#index")
    index = dict(line.split("\t", 1) for line in lines[split + 1:])
    return Gazetteer(lines[1:split], index)
