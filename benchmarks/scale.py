#!/usr/bin/env python3
"""Documents per second of ``eventwire run`` with 1 and 2 workers on each engine, same corpus, one run.

    python benchmarks/scale.py [--data ../shared/data] [--docs 500] [--shards 12] [--day-docs 500000]

The corpus is the shared VOA stories, repeated with a line that makes each text distinct (so
every document is really extracted, not skipped as a copy), split into ``--shards`` JSONL
shards. Every configuration (engine x workers) runs the full pipeline twice, on ``--docs`` and
on twice as many documents, each into a fresh output folder, timing the whole command
(process pool spawn or Ray start, each worker loading the model, shutdown).

- end-to-end rate: documents / wall time of the larger run;
- throughput: the extra documents over the extra time, ``docs / (T(2 docs) - T(docs))``,
  which cancels what a run costs once whatever its size;
- start-up: ``T(docs) - docs / throughput``, the fixed cost; Ray's overhead is its start-up
  minus the local engine's, and its throughput as a share of the local engine's.

Targets (the issue's): speedup from 1 to 2 workers >= 1.7 with both engines; Ray's throughput
>= 0.85 of the local engine's at the same worker count. Also printed: the cores a day of
``--day-docs`` documents needs at the measured per-core throughput. The last line is a JSON object.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path
from typing import Any

from eventwire.run import RunConfig, run


def build_corpus(data: Path, folder: Path, docs: int, shards: int) -> list[str]:
    stories = [json.loads(line) for line in (data / "corpora" / "voa" / "voa_stories.jsonl").open(encoding="utf-8")]
    folder.mkdir(parents=True, exist_ok=True)
    files = [(folder / f"shard-{k:03d}.jsonl").open("w", encoding="utf-8") for k in range(shards)]
    for i in range(docs):
        story = dict(stories[i % len(stories)])
        story["text"] = f"{story['text']}\n\nThis is copy {i} of the story."
        files[i % shards].write(json.dumps(story) + "\n")
    for f in files:
        f.close()
    return [str(folder / "*.jsonl")]


def measure(inputs: list[str], out: Path, engine: str, workers: int) -> tuple[int, float, float]:
    summary = run(RunConfig(inputs=tuple(inputs), out=str(out), engine=engine, workers=workers), progress=None)
    return summary.documents_this_run, summary.seconds, summary.words_per_second


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--shards", type=int, default=12)
    parser.add_argument("--day-docs", type=int, default=500_000,
                        help="documents in one day of the target feed, for the cluster estimate")
    args = parser.parse_args(argv)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        small = build_corpus(args.data, Path(tmp) / "small", args.docs, args.shards)
        large = build_corpus(args.data, Path(tmp) / "large", 2 * args.docs, args.shards)
        for engine in ("local", "ray"):
            for workers in (1, 2):
                n1, t1, _ = measure(small, Path(tmp) / f"{engine}-{workers}-small", engine, workers)
                n2, t2, words = measure(large, Path(tmp) / f"{engine}-{workers}-large", engine, workers)
                throughput = (n2 - n1) / (t2 - t1)
                rows.append({"engine": engine, "workers": workers, "documents": n2, "seconds": round(t2, 2),
                             "end_to_end_documents_per_second": round(n2 / t2, 3),
                             "words_per_second": words, "throughput_documents_per_second": round(throughput, 3),
                             "startup_seconds": round(t1 - n1 / throughput, 2)})
    by = {(r["engine"], r["workers"]): r for r in rows}
    speedup = {e: round(by[(e, 2)]["throughput_documents_per_second"] / by[(e, 1)]["throughput_documents_per_second"],
                        3) for e in ("local", "ray")}
    speedup_end_to_end = {e: round(by[(e, 2)]["end_to_end_documents_per_second"]
                                   / by[(e, 1)]["end_to_end_documents_per_second"], 3) for e in ("local", "ray")}
    share = {w: round(by[("ray", w)]["throughput_documents_per_second"]
                      / by[("local", w)]["throughput_documents_per_second"], 3) for w in (1, 2)}
    share_end_to_end = {w: round(by[("ray", w)]["end_to_end_documents_per_second"]
                                 / by[("local", w)]["end_to_end_documents_per_second"], 3) for w in (1, 2)}
    overhead = {w: round(by[("ray", w)]["startup_seconds"] - by[("local", w)]["startup_seconds"], 2) for w in (1, 2)}
    per_core = by[("local", 2)]["throughput_documents_per_second"] / 2
    core_hours = args.day_docs / per_core / 3600
    print(f"corpus: {args.docs} and {2 * args.docs} documents in {args.shards} shards (VOA stories made distinct)")
    print(f"{'engine':<7} {'workers':>7} {'seconds':>8} {'end-to-end/s':>13} {'throughput/s':>13} {'start-up s':>11}")
    for r in rows:
        print(f"{r['engine']:<7} {r['workers']:>7} {r['seconds']:>8.1f} {r['end_to_end_documents_per_second']:>13.2f} "
              f"{r['throughput_documents_per_second']:>13.2f} {r['startup_seconds']:>11.1f}")
    print(f"speedup 1 -> 2 workers (throughput): local {speedup['local']:.2f}x, ray {speedup['ray']:.2f}x "
          f"(target >= 1.7); end to end: local {speedup_end_to_end['local']:.2f}x, "
          f"ray {speedup_end_to_end['ray']:.2f}x")
    print(f"ray / local throughput: 1 worker {share[1]:.2f}, 2 workers {share[2]:.2f} (target >= 0.85); "
          f"end to end at {2 * args.docs} documents: {share_end_to_end[1]:.2f}, {share_end_to_end[2]:.2f}")
    print(f"ray's extra start-up: {overhead[1]:.1f} s with 1 worker, {overhead[2]:.1f} s with 2")
    print(f"per core {per_core:.2f} docs/s: {args.day_docs:,} documents a day need {core_hours:,.1f} core-hours, "
          f"i.e. {math.ceil(core_hours / 24):,} cores running all day, or {math.ceil(core_hours):,} cores for an hour")
    print(json.dumps({"runs": rows, "speedup": speedup, "speedup_end_to_end": speedup_end_to_end,
                      "ray_over_local": share, "ray_over_local_end_to_end": share_end_to_end,
                      "ray_extra_startup_seconds": overhead, "per_core_documents_per_second": round(per_core, 3),
                      "day_documents": args.day_docs, "core_hours_per_day": round(core_hours, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
