#!/usr/bin/env python3
"""Words per second of the full eventwire pipeline against spaCy alone, same texts, one run.

    python benchmarks/throughput.py [--data ../shared/data] [--limit N] [--repeat R]

Both sides use one process and the same model; spaCy alone is ``nlp.pipe`` over the raw
story texts, eventwire is clean + parse + extract over the same stories. The two take turns on
chunks of 4 documents (the first side alternating), so that the machine's drifting speed
falls on both alike. Both are warmed up on
two documents outside the timing (spaCy's caches; eventwire's gazetteer and dictionaries, whose
one-off load time is printed on its own). Prints a table and,
as the last line, a JSON object of the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from eventwire.nlp import load_nlp
from eventwire.pipeline import process
from eventwire.record import ErrorRecord, Record
from eventwire.sources.raw import RawItem

CHUNK = 4
"""Documents per turn: short turns, so that both sides see the same speed of the machine."""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=0, help="use only the first N stories")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    corpus = Path(args.data) / "corpora" / "voa" / "voa_stories.jsonl"
    if not corpus.exists():
        print(f"corpus not found: {corpus} (pass --data DIR)", file=sys.stderr)
        return 2
    stories = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    if args.limit:
        stories = stories[: args.limit]
    texts = [s["text"] for s in stories] * args.repeat
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp()
    items = [RawItem(origin=str(i), content=t, kind="text", published=s["published"])
             for i, (t, s) in enumerate(zip(texts, stories * args.repeat, strict=True))]
    list(nlp.pipe(texts[:2]))  # warm up: load vectors and caches outside the timing
    start = time.perf_counter()
    list(process(items[:2]))  # warm up as for spaCy: the gazetteer and dictionaries load once per process
    warm_up_s = time.perf_counter() - start

    # The two sides take turns on the same chunk of documents, the first side alternating from
    # chunk to chunk: this machine's speed drifts by 15% within a minute, and two long runs one
    # after the other would measure the drift as much as the pipelines.
    spacy_s = ours_s = 0.0
    out: list[Record | ErrorRecord] = []
    for n, first in enumerate(range(0, len(texts), CHUNK)):
        chunk = slice(first, first + CHUNK)
        for side in ((0, 1) if n % 2 == 0 else (1, 0)):
            start = time.perf_counter()
            if side == 0:
                for _ in nlp.pipe(texts[chunk], batch_size=16):
                    pass
                spacy_s += time.perf_counter() - start
            else:
                out += process(items[chunk])
                ours_s += time.perf_counter() - start
    ok = sum(isinstance(r, Record) for r in out)

    rows = [("spaCy alone", spacy_s, words / spacy_s), ("eventwire full", ours_s, words / ours_s)]
    print(f"{len(texts)} documents, {words:,} words, 1 process, model {nlp.meta['name']}")
    print(f"{'pipeline':<16} {'seconds':>8} {'words/s':>9}")
    for name, secs, wps in rows:
        print(f"{name:<16} {secs:>8.2f} {wps:>9.0f}")
    ratio = spacy_s / ours_s
    print(f"ratio eventwire/spaCy words per second: {ratio:.3f}")
    print(f"eventwire start-up (first two documents, loading the gazetteer and dictionaries): {warm_up_s:.2f} s")
    print(json.dumps({"documents": len(texts), "records": ok, "words": words,
                      "spacy_words_per_s": round(words / spacy_s), "eventwire_words_per_s": round(words / ours_s),
                      "ratio": round(ratio, 3), "processes": 1, "eventwire_start_up_s": round(warm_up_s, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
