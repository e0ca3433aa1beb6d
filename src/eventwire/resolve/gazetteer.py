"""The packaged GeoNames gazetteer and toponym resolution with document context.

Data: GeoNames (CC BY 4.0) countries, first-level divisions and cities15000, reduced to one
TSV by ``tools/build_kb.py``. Resolution scores every candidate on feature type, population
(as one feature among several), the countries the document talks about, and explicit
containment ("Tripoli, Libya"); it reports the runner-up readings as alternatives.
"""

from __future__ import annotations

import gzip
import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from eventwire.record import PlaceAlternative, PlacePrecision


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
    """Name -> candidate entries, with a context-aware ``resolve``."""

    def __init__(self, rows: list[str]) -> None:
        self._index: dict[str, list[GeoEntry]] = {}
        for row in rows:
            f = row.split("\t")
            entry = GeoEntry(
                geonames_id=int(f[0]) if f[0] else None, name=f[1],
                lat=float(f[3]) if f[3] else None, lon=float(f[4]) if f[4] else None,
                fcode=f[5], country=f[6], admin1=f[7], population=int(f[8] or 0))
            for name in set(f[2].split("|")) | {f[1]}:
                key = normalise(name)
                if key:
                    self._index.setdefault(key, []).append(entry)

    def candidates(self, name: str) -> list[GeoEntry]:
        return self._index.get(normalise(name), [])

    def resolve(self, name: str, context: Counter[str], near: str | None = None) -> Resolution | None:
        """Pick the reading of ``name`` that fits the document best.

        ``context`` counts how often each country (ISO3) is mentioned in the document;
        ``near`` is a country stated right beside the name ("Tripoli, Libya").
        """
        cands = self.candidates(name)
        if not cands:
            return None
        total = sum(context.values()) or 1
        scored = []
        for c in cands:
            score = {"country": 3.0, "admin1": 1.2}.get(c.precision, 0.0)
            if c.fcode in ("PPLC",):
                score += 1.5
            elif c.fcode in ("PPLA",):
                score += 0.6
            score += math.log10(c.population + 10) / 3
            score += 4.0 * context.get(c.country, 0) / total
            if near and c.country == near:
                score += 10.0
            if normalise(c.name) == normalise(name):
                score += 0.5
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


def normalise(name: str) -> str:
    s = name.strip().replace("’", "'").lower()
    s = s.removeprefix("the ")
    return " ".join(s.split())


@cache
def gazetteer() -> Gazetteer:
    data = resources.files("eventwire.kb").joinpath("gazetteer.tsv.gz").read_bytes()
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    return Gazetteer(lines[1:])
