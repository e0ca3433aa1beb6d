#!/usr/bin/env python3
"""Toponym resolution against LGL, GeoVirus and TR-News (gold toponyms).

    python benchmarks/geo.py [--data ../shared/data] [--limit N]

For each article the text is parsed by spaCy exactly as the gold gives it (no cleaning, so the
gold offsets hold) and eventwire's resolver picks a GeoNames reading for every gold toponym,
with the same document context the pipeline uses (countries and demonyms named in the text,
actors' countries, "X, Country" right after the name). This measures resolution, as the
published figures do; ``recognised`` says how many gold toponyms our own place mentions cover
(spaCy GPE/LOC/FAC entities), the recall side of the end-to-end task.

Figures per set:

* ``exact``: the chosen GeoNames id is the gold id (LGL, TR-News; GeoVirus has no ids);
* ``country``: the chosen place lies in the gold country;
* ``acc161``: the chosen coordinates are within 161 km (100 miles) of the gold coordinates
  (distance 0 when the GeoNames id is the gold one: our country and province points are
  computed, not GeoNames' own, and may sit a few hundred km from the gold point);
* ``mean_km``: mean error distance, on toponyms we resolved;
* ``resolved``: share of gold toponyms for which the gazetteer had any reading.

A toponym we cannot resolve counts as wrong in exact, country and acc161. Published anchors
(Mordecai3, Halterman 2023): LGL 79.4% exact and 97.9% country; GeoWebNews 90.1%; TR-News
84.3%. The last line is a JSON object.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from eventwire.extract.actors import ActorBuilder
from eventwire.extract.mentions import PLACE_LABELS, entity_mentions
from eventwire.extract.outlets import OutletMemory
from eventwire.extract.places import ToponymResolver, resolve_places
from eventwire.nlp import load_nlp
from eventwire.resolve.gazetteer import gazetteer
from eventwire.resolve.kb import countries


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    geonames_id: int | None
    lat: float | None
    lon: float | None
    country: str | None
    """ISO3 of the gold country, when the gold names one."""


@dataclass
class GoldArticle:
    id: str
    text: str
    published: str | None
    toponyms: list[GoldToponym]
    outlet: str | None = None
    """The outlet's domain (LGL, TR-News), for the outlet memory the pipeline keeps."""


def _float(node: ElementTree.Element | None) -> float | None:
    try:
        return float(node.text) if node is not None and node.text else None
    except ValueError:
        return None


def read_gaztag_set(path: Path) -> Iterator[GoldArticle]:
    """LGL and TR-News: <article> with <text> and <toponyms><toponym> carrying a <gaztag>."""
    root = ElementTree.parse(path).getroot()
    for n, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        published = (art.findtext("dltime") or "").strip()[:10] or None
        tops = []
        for t in art.iter("toponym"):
            tag = t.find("gaztag")
            if tag is None or tag.get("geonameid") is None:
                continue
            country = tag.find("country")
            tops.append(GoldToponym(
                start=int(t.findtext("start") or 0), end=int(t.findtext("end") or 0),
                phrase=(t.findtext("phrase") or "").strip(), geonames_id=int(tag.get("geonameid") or 0),
                lat=_float(tag.find("lat")), lon=_float(tag.find("lon")),
                country=countries().lookup(country.text) if country is not None and country.text else None))
        yield GoldArticle(art.get("docid") or str(n), text, published, tops,
                          (art.findtext("domain") or "").strip() or None)


def read_geovirus(path: Path) -> Iterator[GoldArticle]:
    """GeoVirus: <article> with <text> and <locations><location> carrying coordinates only."""
    root = ElementTree.parse(path).getroot()
    for n, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        tops = [GoldToponym(start=int(loc.findtext("start") or 0), end=int(loc.findtext("end") or 0),
                            phrase=(loc.findtext("name") or "").strip(), geonames_id=None,
                            lat=_float(loc.find("lat")), lon=_float(loc.find("lon")), country=None)
                for loc in art.iter("location")]
        yield GoldArticle(art.findtext("source") or str(n), text, None, tops)


def aligned(text: str, gold: GoldToponym) -> GoldToponym | None:
    """The toponym with offsets that point at its phrase: GeoVirus offsets are often one or two
    characters off, so the phrase is looked for within 30 characters of the given start."""
    if text[gold.start:gold.end] == gold.phrase or not gold.phrase:
        return gold
    best = None
    for m in re.finditer(re.escape(gold.phrase), text[max(0, gold.start - 30):gold.end + 30]):
        start = max(0, gold.start - 30) + m.start()
        if best is None or abs(start - gold.start) < abs(best - gold.start):
            best = start
    if best is None:
        return None
    return GoldToponym(best, best + len(gold.phrase), gold.phrase, gold.geonames_id, gold.lat, gold.lon, gold.country)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6,371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def evaluate(articles: list[GoldArticle], outlet_memory: bool = True) -> dict[str, float | int | None]:
    """Resolve every gold toponym; with ``outlet_memory``, as the pipeline does, each outlet's
    usual home is learned from our own confident readings of its earlier articles (in file
    order, never from the article itself or from the gold)."""
    nlp = load_nlp()
    outlets = OutletMemory()
    total = exact = exact_possible = country_ok = country_possible = near = resolved = recognised = 0
    errors: list[float] = []
    texts = [a.text for a in articles]
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=16), strict=True):
        mentions = entity_mentions(doc)
        actors, _ = ActorBuilder(doc, mentions, article.published).build()
        home = outlets.home(article.outlet) if outlet_memory else None
        resolver = ToponymResolver(doc, mentions, actors, home)
        if outlet_memory:
            outlets.learn(article.outlet, resolve_places(doc, mentions, actors, home)[0])
        place_spans = [(m.start_char, m.end_char) for m in mentions if m.label in PLACE_LABELS or m.label == "NORP"]
        for raw in article.toponyms:
            gold = aligned(article.text, raw)
            if gold is None or gold.lat is None or gold.lon is None or gold.end <= gold.start:
                continue
            total += 1
            if any(s < gold.end and gold.start < e for s, e in place_spans):
                recognised += 1
            found = resolver.resolve_span(gold.start, gold.end)
            if gold.geonames_id is not None:
                exact_possible += 1
            if gold.country is not None:
                country_possible += 1
            if found is None:
                continue
            resolved += 1
            entry = found.entry
            if gold.geonames_id is not None and entry.geonames_id == gold.geonames_id:
                exact += 1
            if gold.country is not None and entry.country == gold.country:
                country_ok += 1
            if gold.geonames_id is not None and entry.geonames_id == gold.geonames_id:
                errors.append(0.0)  # the same GeoNames entry: any gap is the two files' rounding
                near += 1
            elif entry.lat is not None and entry.lon is not None:
                distance = km(gold.lat, gold.lon, entry.lat, entry.lon)
                errors.append(distance)
                near += distance <= 161
    return {
        "toponyms": total,
        "exact": round(exact / exact_possible, 3) if exact_possible else None,
        "country": round(country_ok / country_possible, 3) if country_possible else None,
        "acc161": round(near / total, 3) if total else 0.0,
        "mean_km": round(sum(errors) / len(errors), 1) if errors else 0.0,
        "resolved": round(resolved / total, 3) if total else 0.0,
        "recognised": round(recognised / total, 3) if total else 0.0,
    }


SETS = {
    "lgl": ("lgl.xml", read_gaztag_set),
    "geovirus": ("GeoVirus.xml", read_geovirus),
    "trnews": ("TR-News.xml", read_gaztag_set),
}
PUBLISHED = {"lgl": "Mordecai3: 0.794 exact, 0.979 country", "geovirus": "–", "trnews": "Mordecai3: 0.843 exact"}


def run(data: Path, limit: int = 0, only: tuple[str, ...] = tuple(SETS)) -> dict[str, dict[str, float | int | None]]:
    base = data / "eval" / "geo"
    if not base.is_dir():
        raise SystemExit(f"geo gold sets not found under {base} (pass --data DIR)")
    out = {}
    for name in only:
        filename, reader = SETS[name]
        articles = list(reader(base / filename))
        if limit:
            articles = articles[:limit]
        out[name] = evaluate(articles)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "data")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles of each set")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + ", ".join(SETS))
    args = ap.parse_args()
    only = tuple(s for s in re.split(r"[,\s]+", args.sets) if s)
    started = time.perf_counter()
    gaz = gazetteer()
    load_seconds = time.perf_counter() - started
    print(f"gazetteer: {len(gaz)} entries, {gaz.name_count} names, loaded in {load_seconds:.2f} s")
    figures: dict[str, object] = dict(run(args.data, args.limit, only))
    print(f"{'set':<10} {'toponyms':>8} {'exact':>6} {'country':>7} {'acc161':>7} {'mean km':>8} "
          f"{'resolved':>8} {'recognised':>10}   published")
    for name in only:
        f = figures[name]
        assert isinstance(f, dict)
        print(f"{name:<10} {f['toponyms']:>8} {f['exact'] or '–':>6} {f['country'] or '–':>7} {f['acc161']:>7} "
              f"{f['mean_km']:>8} {f['resolved']:>8} {f['recognised']:>10}   {PUBLISHED[name]}")
    figures["gazetteer_load_seconds"] = round(load_seconds, 2)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
