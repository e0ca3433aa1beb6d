#!/usr/bin/env python3
"""Query, search and export speed on a large store (1,000,000 events by default).

    python benchmarks/store.py [--events 1000000] [--db PATH] [--reps 30]

The store is generated from real records' shapes: the bundled example articles are run
through the pipeline, and their texts, sentences, claims and the mix of event types,
factualities and date precisions seed synthetic documents (about 16 events each) spread over
three years, 60 outlets, 4,000 actors (real names from the packaged actor dictionary) and
3,000 places from the packaged gazetteer. Rows are
written with the store's own row builders and schema; clustering and duplicate detection are
skipped (this measures reading, not ingest).

Reported: p50/p95 latency of typical filtered event queries (first page of 100, a deep page
through the cursor, date ranges, bounding boxes, substrings), of full-text search, and rows per
second of each export (after one untimed pass that brings the file into the page cache), and the
peak Python memory of a full CSV and Parquet export (measured in
a separate pass under tracemalloc, which slows it). The last line is a JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from eventwire.export import write_export
from eventwire.ingest import example_paths
from eventwire.pipeline import process
from eventwire.record import Document, Published, Record, Source
from eventwire.resolve.gazetteer import gazetteer
from eventwire.resolve.kb import countries, named_actors
from eventwire.sources import read_inputs
from eventwire.store import EventFilter, Store
from eventwire.store.rows import EVENT_COLUMNS, index_actors, index_points

OUTLETS = [f"outlet{i:02d}.example" for i in range(60)]
START = date(2023, 1, 1)
DAYS = 3 * 365


def real_records() -> list[Record]:
    return [r for r in process(read_inputs(example_paths())) if isinstance(r, Record)]


def shapes(records: list[Record]) -> dict[str, Any]:
    events = [e for r in records for e in r.events]
    sentences = [r.document.text[s.start:s.end] for r in records for s in r.sentences if s.end - s.start > 40]
    return {"types": Counter((e.type, e.cameo) for e in events), "factuality": Counter(e.factuality for e in events),
            "sentences": sentences, "texts": [r.document.text[:1500] for r in records],
            "claims": [r.document.text[c.content.start:c.content.end] for r in records for c in r.claims]}


def places(n: int, rng: random.Random) -> list[tuple[str, str, float, float]]:
    gaz = gazetteer()
    iso3 = list(countries().names)
    out: list[tuple[str, str, float, float]] = []
    while len(out) < n:
        for entry in gaz.country_entries(rng.choice(iso3))[:1]:
            if entry.lat is not None and entry.lon is not None:
                jitter = (rng.uniform(-2, 2), rng.uniform(-2, 2))
                out.append((f"{entry.name} town {len(out)}", entry.country, entry.lat + jitter[0],
                            entry.lon + jitter[1]))
    return out


def build(db: Path, n_events: int, seed: int, template: dict[str, Any]) -> Store:
    rng = random.Random(seed)
    kinds = list(template["types"].items())
    types, weights = [k for k, _ in kinds], [w for _, w in kinds]
    facts = list(template["factuality"].items())
    actors = []
    for name in rng.sample(sorted(named_actors().codes), 4000):  # real names of the packaged actor dictionary
        found = named_actors().lookup(name, None)
        country, sector = found if found else ("", ())
        actors.append((name.title(), country, sector[0] if sector else "GOV"))
    place_pool = places(3000, rng)
    store = Store(db)
    conn = store.conn
    conn.execute("PRAGMA synchronous = OFF")
    marks = ",".join("?" * len(EVENT_COLUMNS))
    doc_no = 0
    made = 0
    while made < n_events:
        docs: list[tuple[Any, ...]] = []
        events: list[tuple[Any, ...]] = []
        claims: list[tuple[Any, ...]] = []
        search: list[tuple[Any, ...]] = []
        for _ in range(2000):
            doc_no += 1
            doc_id = f"sha256:{doc_no:064x}"
            day = START + timedelta(days=rng.randrange(DAYS))
            outlet = rng.choice(OUTLETS)
            text = rng.choice(template["texts"])
            title = f"Report {doc_no}"
            record = Record(document=Document(
                id=doc_id, url=f"https://{outlet}/{doc_no}", source=Source(None, outlet), title=title,
                published=Published(day.isoformat(), "day", "metadata"), language="en", text=text)).to_dict()
            n = min(rng.randint(8, 24), n_events - made)
            docs.append((doc_id, f"https://{outlet}/{doc_no}", title, day.isoformat(), outlet, outlet, "en",
                         f"synthetic:{doc_no}", n, 1, 0, json.dumps(record), day.isoformat()))
            for j in range(n):
                (kind, cameo), = rng.choices(types, weights)
                src, tgt = rng.choice(actors), rng.choice(actors)
                place = rng.choice(place_pool) if rng.random() < 0.6 else None
                precision = rng.choices(["day", "month", None], [0.6, 0.25, 0.15])[0]
                when = day - timedelta(days=rng.randrange(3))
                value = when.isoformat() if precision == "day" else when.isoformat()[:7] if precision else None
                start = when.isoformat() if precision == "day" else when.replace(day=1).isoformat() if precision \
                    else None
                end = when.isoformat() if precision == "day" else \
                    ((when.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)).isoformat() \
                    if precision else None
                factuality = rng.choices([f for f, _ in facts], [w for _, w in facts])[0]
                claimed = rng.choice(actors)[0] if factuality == "reported" else None
                events.append((doc_id, f"E{j + 1}", kind, None, cameo, "trigger", j, factuality,
                               src[0], src[1], src[2], tgt[0], tgt[1], tgt[2],
                               place[0] if place else None, place[1] if place else None, None, None,
                               "city" if place else None, place[2] if place else None, place[3] if place else None,
                               value, precision, start, end, start or day.isoformat(), None, claimed,
                               int(factuality == "denied"), 0.5, outlet, rng.choice(template["sentences"])))
            made += n
            claim = rng.choice(template["claims"]) if template["claims"] else "no claim"
            claims.append((doc_id, "C1", rng.choice(actors)[0], "indirect", "asserts", claim))
            search.append((doc_id, None, "document", title, text))
            search.append((doc_id, "C1", "claim", title, claim))
            if made >= n_events:
                break
        with conn:
            conn.executemany("INSERT INTO documents (id, url, title, published, source_name, domain, language, "
                             "origin, n_events, n_claims, n_contradictions, record, ingested_at) "
                             "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", docs)
            conn.executemany(f"INSERT INTO events ({','.join(EVENT_COLUMNS)}) VALUES ({marks})", events)
            conn.executemany("INSERT INTO claims VALUES (?,?,?,?,?,?)", claims)
            conn.executemany("INSERT INTO search (doc_id, claim_id, kind, title, body) VALUES (?,?,?,?,?)", search)
    with conn:
        index_actors(conn)
        index_points(conn)
    conn.execute("ANALYZE")
    conn.execute("PRAGMA synchronous = NORMAL")
    return store


def timed(fn: Any, reps: int) -> tuple[float, float]:
    times = []
    for i in range(reps):
        t = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def run(n_events: int, db: Path, reps: int, seed: int) -> dict[str, Any]:
    started = time.perf_counter()
    template = shapes(real_records())
    store = build(db, n_events, seed, template)
    built = time.perf_counter() - started
    rng = random.Random(seed + 1)
    types = [t for (t, _), _ in template["types"].most_common(6)]
    iso3 = [r[0] for r in store.conn.execute(
        "SELECT place_country FROM events WHERE place_country IS NOT NULL GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 30")]
    actor_names = [r[0].split(" ")[-1] for r in store.conn.execute(
        "SELECT source FROM events WHERE source != '' GROUP BY source LIMIT 200")]  # surnames: substrings
    deep = EventFilter(type=types[0], limit=100)
    for _ in range(50):
        page = store.event_page(deep)
        if page.next_cursor is None:
            break
        deep = replace(deep, cursor=page.next_cursor)

    def month(i: int) -> tuple[str, str]:
        d = START + timedelta(days=30 * (i % 34))
        return d.isoformat()[:7], d.isoformat()[:7]

    queries: dict[str, Any] = {
        "type": lambda i: store.events(EventFilter(type=types[i % len(types)], limit=100)),
        "type+country": lambda i: store.events(EventFilter(type=types[i % len(types)], country=iso3[i % len(iso3)],
                                                           limit=100)),
        "cameo prefix": lambda i: store.events(EventFilter(cameo=["19", "17", "04", "11"][i % 4], limit=100)),
        "place country": lambda i: store.events(EventFilter(place_country=iso3[i % len(iso3)], limit=100)),
        "month range": lambda i: store.events(EventFilter(since=month(i)[0], until=month(i)[1], limit=100)),
        "type+month": lambda i: store.events(EventFilter(type=types[i % len(types)], since=month(i)[0],
                                                         until=month(i)[1], limit=100)),
        "bbox": lambda i: store.events(EventFilter(bbox=(rng.uniform(-20, 40), rng.uniform(-20, 40),
                                                         rng.uniform(40, 60), rng.uniform(40, 60)), limit=100)),
        "actor substring": lambda i: store.events(EventFilter(actor=actor_names[i % len(actor_names)], limit=100)),
        "outlet": lambda i: store.events(EventFilter(outlet=rng.choice(OUTLETS), limit=100)),
        "factuality denied": lambda i: store.events(EventFilter(factuality=("denied",), limit=100)),
        "newest first": lambda i: store.events(EventFilter(sort="-date", limit=100)),
        "deep page (50th)": lambda i: store.events(deep),
    }
    rows: dict[str, dict[str, float]] = {}
    for name, fn in queries.items():
        p50, p95 = timed(fn, reps)
        rows[name] = {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1)}
    words = [w for t in template["texts"] for w in t.split() if w.isalpha() and len(w) > 5][:400]
    search = timed(lambda i: store.search(f"{words[(7 * i) % len(words)]} {words[(13 * i) % len(words)]}"), reps)
    single = timed(lambda i: store.search(words[(11 * i) % len(words)]), reps)
    rows["search (two words)"] = {"p50_ms": round(search[0], 1), "p95_ms": round(search[1], 1)}
    rows["search (one word)"] = {"p50_ms": round(single[0], 1), "p95_ms": round(single[1], 1)}
    exports: dict[str, float] = {}
    out = db.parent / "exports"
    out.mkdir(exist_ok=True)
    subset = EventFilter(since="2024-01", until="2024-03")
    write_export(store, "csv", out / "warm-up.csv")  # untimed: reads the file once, as a warm system would
    for fmt in ("csv", "parquet", "gdelt", "acled", "plover", "jsonl"):
        f = None if fmt in ("csv", "parquet") else subset
        t = time.perf_counter()
        n = write_export(store, fmt, out / f"events.{fmt}", f)
        exports[fmt] = round(n / (time.perf_counter() - t))
    memory = {}
    for fmt in ("csv", "parquet"):  # Python's peak allocation during a full export: flat, not per event
        tracemalloc.start()
        write_export(store, fmt, out / f"memory.{fmt}")
        memory[fmt] = round(tracemalloc.get_traced_memory()[1] / 1e6, 1)
        tracemalloc.stop()
    store.close()
    q_p95 = max(v["p95_ms"] for k, v in rows.items() if not k.startswith("search"))
    s_p95 = max(v["p95_ms"] for k, v in rows.items() if k.startswith("search"))
    return {"events": n_events, "build_seconds": round(built, 1), "queries": rows, "exports_rows_per_second": exports,
            "export_peak_python_mb": memory,
            "worst_query_p95_ms": q_p95, "worst_search_p95_ms": s_p95,
            "db_mb": round(db.stat().st_size / 1e6)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", help="where to build the store (default: a temporary folder)")
    ap.add_argument("--reps", type=int, default=30)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "store.db"
        if db.exists():
            print(f"store: {db} exists; give a new path", file=sys.stderr)
            return 2
        result = run(args.events, db, args.reps, args.seed)
    print(f"{'query':<24} {'p50 ms':>8} {'p95 ms':>8}")
    for name, v in result["queries"].items():
        print(f"{name:<24} {v['p50_ms']:>8} {v['p95_ms']:>8}")
    print(f"\n{'export':<24} {'rows/s':>8}")
    for fmt, rate in result["exports_rows_per_second"].items():
        print(f"{fmt:<24} {rate:>8}")
    print(f"peak Python memory of a full export: {result['export_peak_python_mb']} MB")
    print(f"\nbuilt {result['events']:,} events in {result['build_seconds']} s ({result['db_mb']} MB)")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
