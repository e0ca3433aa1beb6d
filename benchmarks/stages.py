#!/usr/bin/env python3
"""Where the pipeline's time goes: per-stage time on the shared VOA stories (issue 11).

    python benchmarks/stages.py [--data ../shared/data] [--repeat 3]

The stages run as ``eventwire ingest`` runs them, one after the other over the same documents,
each timed on its own:

- clean: reading the raw items and cleaning them into documents (``Clean``);
- parse: spaCy's ``nlp.pipe`` over the cleaned texts (batches of 16), which is "spaCy alone";
- extraction, step by step: entity mentions, actors, places, times, claims, events and
  contradictions, timed by wrapping the functions ``eventwire.extract.extract`` calls (in this
  process only); "extract: glue" is the rest of ``extract`` (building the record, indexes);
- store: ``Store.add`` into a fresh SQLite file, one transaction per record, near-duplicate and
  incident bookkeeping included, as ``eventwire ingest`` writes.

Each story is repeated ``--repeat`` times with a line that makes each copy distinct, so every
copy is really extracted and stored. Both the gazetteer and the model are loaded before the
timing (their one-off load is printed apart). Prints a table (seconds, milliseconds per
document, share of the total) and, as the last line, a JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import eventwire.extract as extraction
from eventwire.extract.actors import ActorBuilder
from eventwire.extract.claims import ClaimExtractor
from eventwire.extract.events import EventExtractor
from eventwire.extract.outlets import OutletMemory
from eventwire.nlp import load_nlp
from eventwire.pipeline import Clean, process
from eventwire.record import Document, Record
from eventwire.sources.raw import RawItem
from eventwire.store import Store

F = TypeVar("F", bound=Callable[..., Any])
STEPS = ["mentions", "actors", "places", "times", "claims", "events", "contradictions"]


def timed(spent: defaultdict[str, float], name: str, fn: F) -> F:
    """``fn``, adding the seconds each call takes to ``spent[name]``."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - started
    return wrapper  # type: ignore[return-value]


def instrument(spent: defaultdict[str, float]) -> None:
    """Time each step of ``extract`` where it looks the step up (module names and methods)."""
    extraction.entity_mentions = timed(spent, "mentions", extraction.entity_mentions)  # type: ignore[attr-defined]
    extraction.resolve_places = timed(spent, "places", extraction.resolve_places)  # type: ignore[attr-defined]
    extraction.extract_times = timed(spent, "times", extraction.extract_times)  # type: ignore[attr-defined]
    extraction.find_contradictions = timed(  # type: ignore[attr-defined]
        spent, "contradictions", extraction.find_contradictions)  # type: ignore[attr-defined]
    ActorBuilder.build = timed(spent, "actors", ActorBuilder.build)  # type: ignore[method-assign]
    ClaimExtractor.run = timed(spent, "claims", ClaimExtractor.run)  # type: ignore[method-assign]
    EventExtractor.run = timed(spent, "events", EventExtractor.run)  # type: ignore[method-assign]


def corpus(data: Path, repeat: int) -> list[RawItem]:
    with (data / "corpora" / "voa" / "voa_stories.jsonl").open(encoding="utf-8") as lines:
        stories = [json.loads(line) for line in lines]
    return [RawItem(origin=f"{s['url']}#{copy}", content=f"{s['text']}\n\nThis is copy {copy} of the story.",
                    kind="text", published=s.get("published"), url=s.get("url"))
            for copy in range(repeat) for s in stories]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    ap.add_argument("--repeat", type=int, default=3, help="copies of each story (default 3)")
    args = ap.parse_args(argv)
    if not (args.data / "corpora" / "voa" / "voa_stories.jsonl").exists():
        print(f"VOA stories not found under {args.data} (pass --data DIR)", file=sys.stderr)
        return 2
    items = corpus(args.data, args.repeat)

    started = time.perf_counter()
    nlp = load_nlp()
    list(process(items[:1]))  # the model, gazetteer and dictionaries load once per process
    warm_up = time.perf_counter() - started

    seconds: dict[str, float] = {}
    started = time.perf_counter()
    documents = [d for d in Clean().run(items) if isinstance(d, Document)]
    seconds["clean"] = time.perf_counter() - started
    words = sum(len(d.text.split()) for d in documents)

    started = time.perf_counter()
    parsed = list(nlp.pipe([d.text for d in documents], batch_size=16))
    seconds["parse (spaCy alone)"] = time.perf_counter() - started

    spent: defaultdict[str, float] = defaultdict(float)
    instrument(spent)
    outlets = OutletMemory()
    started = time.perf_counter()
    records = [extraction.extract(d, doc, outlets) for d, doc in zip(documents, parsed, strict=True)]
    total_extract = time.perf_counter() - started
    for step in STEPS:
        seconds[f"extract: {step}"] = spent[step]
    seconds["extract: glue"] = total_extract - sum(spent[s] for s in STEPS)

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "profile.db") as store:
        started = time.perf_counter()
        for record in records:
            store.add(record, record.document.origin)
        seconds["store"] = time.perf_counter() - started
        stored = store.summary()["documents"]

    total = sum(seconds.values())
    n = len(documents)
    print(f"{n} documents ({args.repeat} copies of {n // max(args.repeat, 1)} VOA stories), {words:,} words; "
          f"one-off load {warm_up:.1f} s")
    print(f"{'stage':<28} {'seconds':>8} {'ms/doc':>8} {'share':>7}")
    for stage, s in seconds.items():
        print(f"{stage:<28} {s:>8.2f} {1000 * s / n:>8.1f} {s / total:>7.1%}")
    print(f"{'total':<28} {total:>8.2f} {1000 * total / n:>8.1f} {1:>7.0%}")
    ours = total - seconds["store"]
    parse = seconds["parse (spaCy alone)"]
    print(f"words per second: spaCy alone {words / parse:,.0f}; clean + parse + extract {words / ours:,.0f} "
          f"({parse / ours:.3f} of spaCy alone); with storing {words / total:,.0f}")
    result = {"documents": n, "words": words, "stored": stored, "warm_up_seconds": round(warm_up, 2),
              "seconds": {k: round(v, 3) for k, v in seconds.items()},
              "share": {k: round(v / total, 4) for k, v in seconds.items()},
              "words_per_second_spacy": round(words / parse), "words_per_second_pipeline": round(words / ours),
              "pipeline_over_spacy": round(parse / ours, 3), "records": sum(isinstance(r, Record) for r in records)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
