#!/usr/bin/env python3
"""Incident clustering at scale: 100,000 event mentions on one core.

    python benchmarks/incidents_scale.py [--mentions 100000] [--seed 3]

A synthetic year of news: happenings of the 16 PLOVER types in 60 countries and 400 towns,
each reported by one to six documents (the same place, day, parties and most of the key words,
phrased differently), documents holding about eight mentions each, plus background mentions
that belong to no shared happening. Mentions are generated as the clusterer sees them
(:class:`~eventwire.incidents.mentions.EventMention`), so the benchmark times clustering alone,
not extraction.

The table gives the wall time and the rate for the whole set, the time of the second half
against the first (clustering must not slow down as the corpus grows), the largest number of
documents compared for one new document, and the pairwise F1 against the planted happenings.
A second run in another order checks that the incidents do not depend on arrival order. The
last line is a JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.incidents.evaluate import pairwise
from eventwire.incidents.index import IncidentClusterer, MemoryBackend
from eventwire.incidents.mentions import PUBLISHED_WINDOW, EventMention, Party
from eventwire.record import PLOVER_TYPES

VOCABULARY = [f"w{i}" for i in range(20000)]


@dataclass(frozen=True)
class Happening:
    type: str
    town: tuple[str, str, float, float]
    day: date
    source: Party
    target: Party
    words: list[str]


def synthesize(n_mentions: int, seed: int) -> tuple[list[list[EventMention]], dict[str, int]]:
    """Documents (lists of mentions) and the planted happening of every mention."""
    rng = random.Random(seed)
    countries = [f"C{i:02d}" for i in range(60)]
    towns = [(f"Town{i}", rng.choice(countries), rng.uniform(-40, 60), rng.uniform(-120, 140)) for i in range(400)]
    start = date(2025, 1, 1)
    slots: list[tuple[int, Happening]] = []
    happening = 0
    while len(slots) < n_mentions:
        town = rng.choice(towns)
        day = start + timedelta(days=rng.randrange(365))
        facts = Happening(rng.choice(PLOVER_TYPES), town, day,
                          Party(f"Actor{rng.randrange(3000)}", town[1], ("GOV",)),
                          Party(f"Actor{rng.randrange(3000)}", town[1], ("CVL",)), rng.sample(VOCABULARY, 14))
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4, 6])):
            slots.append((happening, facts))
        happening += 1
    rng.shuffle(slots)
    slots = slots[:n_mentions]
    documents: list[list[EventMention]] = []
    gold: dict[str, int] = {}
    for d in range(0, len(slots), 8):
        doc_id = f"doc{d // 8:07d}"
        mentions = []
        for j, (h, f) in enumerate(slots[d:d + 8]):
            town, day = f.town, f.day
            kept = frozenset(rng.sample(f.words, 10) + rng.sample(VOCABULARY, 4))
            dated = rng.random() < 0.6
            published = day + timedelta(days=rng.choice([0, 0, 1, 2]))
            m = EventMention(
                doc_id=doc_id, event_id=f"e{j + 1}", type=f.type, cameo=None, trigger="act",
                factuality="asserted", sources=(f.source,) if rng.random() < 0.8 else (),
                targets=(f.target,) if rng.random() < 0.6 else (),
                place=town[0] if rng.random() < 0.7 else None, place_country=town[1], place_precision="city",
                lat=town[2], lon=town[3], date=day.isoformat() if dated else None,
                date_precision="day" if dated else None,
                earliest=(day if dated else published - timedelta(days=PUBLISHED_WINDOW)).isoformat(),
                latest=(day if dated else published).isoformat(), published=published.isoformat(),
                group=doc_id, outlet=f"outlet{rng.randrange(200)}", sentence="", terms=kept)
            mentions.append(m)
            gold[m.key] = h
        documents.append(mentions)
    return documents, gold


def run(documents: list[list[EventMention]]) -> tuple[dict[str, str], float, float, int]:
    backend = MemoryBackend()
    clusterer = IncidentClusterer(backend)
    half = len(documents) // 2
    started = time.perf_counter()
    widest = 0
    for i, mentions in enumerate(documents):
        if i == half:
            first_half = time.perf_counter() - started
        before = time.perf_counter()
        clusterer.add_document(mentions)
        widest = max(widest, int((time.perf_counter() - before) * 1e6))
    total = time.perf_counter() - started
    return dict(backend.membership), total, total - 2 * first_half, widest


def pairwise_f1(gold: dict[str, int], predicted: dict[str, str]) -> float:
    return pairwise(gold, predicted)[2]


def partition(labels: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for k, v in labels.items():
        groups[v].add(k)
    return {frozenset(g) for g in groups.values()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mentions", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--no-order-check", action="store_true", help="skip the second run in another order")
    args = ap.parse_args(argv)
    documents, gold = synthesize(args.mentions, args.seed)
    predicted, seconds, slowdown, widest = run(documents)
    result: dict[str, object] = {
        "mentions": len(gold), "documents": len(documents), "seconds": round(seconds, 2),
        "mentions_per_second": round(len(gold) / seconds), "second_half_minus_first_seconds": round(slowdown, 2),
        "slowest_document_ms": round(widest / 1000, 1), "incidents": len(set(predicted.values())),
        "pairwise_f1": round(pairwise_f1(gold, predicted), 4)}
    if not args.no_order_check:
        reordered = list(reversed(documents))
        again, _, _, _ = run(reordered)
        result["same_incidents_in_reverse_order"] = partition(again) == partition(predicted)
        result["same_ids_in_reverse_order"] = again == predicted
    print(f"{'measure':<36} value")
    for k, v in result.items():
        print(f"{k:<36} {v}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
