#!/usr/bin/env python3
"""Fuzz the readers and cleaning with byte-mutated real inputs; report anything unhandled.

    python benchmarks/fuzz.py [--cases 2000] [--seed 1] [--time-cap 10]

Each case takes a valid HTML page, text dump, JSONL, CSV or WARC file (the seeds of
``tests/test_reader_fuzz.py``), applies a few random byte edits (biased towards markup and
format metacharacters), optionally gzips it, writes it under its file name and runs it through
``read_inputs`` and ``build_document``; with ``--pipeline`` every document that cleaning keeps
also goes through extraction (spaCy and every extractor, the pipeline's own ``Extract`` stage).
Reported: unhandled exceptions (anything but eventwire's own errors), E999 error records,
cases slower than ``--time-cap`` seconds (hangs), and the peak resident memory. The last line
is a JSON object.

    python benchmarks/fuzz.py --cases 10000 --pipeline    # issue 12's target: 0 and 0
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from eventwire.clean import build_document
from eventwire.errors import EventwireError
from eventwire.pipeline import Extract
from eventwire.record import ErrorRecord
from eventwire.sources import ReadLimits, read_inputs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_reader_fuzz import SEEDS, mutate  # type: ignore[import-not-found]  # seeds live with the tests

METACHARACTERS = b"<>[]{}\"'\\/&;:#%\r\n\x00 WARC-="


def one_case(rng: random.Random, folder: Path) -> Path:
    kind = rng.choice(sorted(SEEDS))
    data = SEEDS[kind]
    edits = []
    for _ in range(rng.randrange(1, 8)):
        size = rng.randrange(0, 20)
        if rng.random() < 0.5:
            insert = bytes(rng.choice(METACHARACTERS) for _ in range(size))
        else:
            insert = bytes(rng.randrange(256) for _ in range(size))
        edits.append((rng.randrange(len(data) + 1), rng.randrange(0, 40), insert))
    data = mutate(data, edits)
    compressed = rng.random() < 0.3
    if compressed:
        data = gzip.compress(data)
    path: Path = folder / ("case" + str(kind) + (".gz" if compressed else ""))
    path.write_bytes(data)
    return path


def run(cases: int, seed: int, time_cap: float, pipeline: bool = False) -> dict[str, object]:
    rng = random.Random(seed)
    extract = Extract(batch_size=1)
    problems: Counter[str] = Counter()
    slow = 0
    slowest = 0.0
    codes: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for _ in range(cases):
            path = one_case(rng, folder)
            start = time.perf_counter()
            try:
                for item in read_inputs([str(path)], limits=ReadLimits(max_bytes=200_000, max_ratio=50)):
                    if isinstance(item, ErrorRecord):
                        codes[item.code] += 1
                        if item.code == "E999":
                            problems[f"E999 {item.message[:80]}"] += 1
                        continue
                    try:
                        document = build_document(item)
                    except EventwireError as exc:
                        codes[exc.code] += 1
                        continue
                    outcome = next(iter(extract.run([document]))) if pipeline else None
                    if isinstance(outcome, ErrorRecord):  # the stage turns any exception into one
                        codes[outcome.code] += 1
                        if outcome.code == "E999":
                            problems[f"E999 in extraction: {outcome.message[:80]}"] += 1
                    else:
                        codes["ok"] += 1
            except Exception as exc:  # what we are looking for: report, do not stop
                where = traceback.extract_tb(exc.__traceback__)[-1]
                problems[f"{type(exc).__name__} at {Path(where.filename).name}:{where.lineno}: {str(exc)[:60]}"] += 1
            elapsed = time.perf_counter() - start
            slowest = max(slowest, elapsed)
            slow += elapsed > time_cap
    peak_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return {"cases": cases, "seed": seed, "pipeline": pipeline, "unhandled": sum(problems.values()), "hangs": slow,
            "slowest_s": round(slowest, 3), "peak_mb": peak_mb, "outcomes": dict(codes.most_common()),
            "problems": dict(problems.most_common(20))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--time-cap", type=float, default=10.0, help="seconds per case before it counts as a hang")
    ap.add_argument("--pipeline", action="store_true", help="also extract every document cleaning keeps")
    args = ap.parse_args()
    figures = run(args.cases, args.seed, args.time_cap, args.pipeline)
    print(f"{'cases':<12} {figures['cases']}")
    print(f"{'unhandled':<12} {figures['unhandled']}")
    print(f"{'hangs':<12} {figures['hangs']}  (slowest case {figures['slowest_s']} s)")
    print(f"{'peak memory':<12} {figures['peak_mb']} MB")
    print(f"{'outcomes':<12} {figures['outcomes']}")
    for problem, count in dict(figures["problems"]).items():  # type: ignore[call-overload]
        print(f"  {count} × {problem}")
    print(json.dumps(figures))
    return 1 if figures["unhandled"] else 0


if __name__ == "__main__":
    sys.exit(main())
