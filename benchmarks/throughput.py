#!/usr/bin/env python3
"""Words per second of the full eventwire pipeline against spaCy alone, and how ingest scales.

    python benchmarks/throughput.py [--data ../shared/data] [--limit N] [--repeat R]
                                    [--processes 1,2] [--scale 1000,10000] [--turn 2000]

**Speed against spaCy** (``--processes``): for each process count, spaCy alone (the model as
spaCy ships it, ``nlp.pipe`` over the raw story texts) and eventwire (clean + parse + extract
over the same stories, same model) take turns on chunks of 4 documents per process, the first
side alternating, so that the machine's drifting speed (up to 15% within a minute) falls on
both alike. With one process the records of each turn are also stored in a fresh SQLite
store (the "+ store" row: ``eventwire ingest`` end to end). With two processes both sides
run in the same pool of two worker processes, each worker parsing half of every chunk (the
same split for both sides); workers return counts, not records, as in ``eventwire run``
where each worker writes its own Parquet.

**Scale** (``--scale``): for each size, a fresh child process ingests that many distinct
documents into a fresh store with ``ingest_items`` (what ``eventwire ingest`` runs), then
ingests the same documents again (all unchanged). The documents are passages of 4 sentences cut
from the VOA stories and the FA-KES articles (878 real articles): first the passages that do not
overlap, then the same articles cut at shifted sentence boundaries, then, past those, the passages
again with a "This is copy k of the passage." sentence. The machine's speed drifts by up to
15% over the minutes the largest size takes, so the smallest size runs before it, during it
(the largest pauses every ``--turn`` documents, 2,000 by default, while a fresh child ingests
the smallest size) and after it, and the growth compares the largest with the mean of all
those runs. Short passages keep a 10,000-document
run within minutes and make the per-document costs that could grow with the store (duplicate index, incident linking,
SQLite indexes) a larger share of the total. Printed per size: wall and CPU seconds per document
(model loading excluded), the time spent saving, the first and the last 1,000 documents' cost,
peak resident memory of the child, database size, and the re-ingest time.

Issue 11's targets: words per second >= 0.85 x spaCy alone; peak memory <= 1 GB at 10,000
documents, flat in corpus size; per-document cost at 10,000 within 10% of the cost at 1,000;
re-ingest >= 50x faster than the first ingest. The last line is a JSON object of the figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from eventwire.ingest import ingest_items
from eventwire.nlp import MODEL, load_nlp
from eventwire.pipeline import process
from eventwire.record import Record
from eventwire.sources.raw import RawItem
from eventwire.store import Store

CHUNK = 4
"""Documents per process per turn: short turns, so that both sides see the same machine speed."""

WINDOW = 1000
"""Documents per window when the scale run reports the first and the last window's cost."""

PASSAGE_SENTENCES = 4
SENTENCE_END = re.compile(r'(?<=[.!?"])\s+(?=["A-Z])')


def default_data() -> Path:
    return Path(__file__).resolve().parents[1].parent / "shared" / "data"


def read_stories(data: Path) -> list[dict[str, Any]]:
    with (data / "corpora" / "voa" / "voa_stories.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def voa_items(data: Path, repeat: int, limit: int = 0) -> list[RawItem]:
    """The VOA stories, ``repeat`` times; each repeat made distinct by a last sentence (so it is
    stored: a bare "Copy 1." line is cleaned away as page furniture and the copy is the same text)."""
    stories = read_stories(data)
    if limit:
        stories = stories[:limit]
    return [RawItem(origin=f"{s['id']}#{r}", content=s["text"] + (f"\n\nThis is copy {r} of the story." if r else ""),
                    kind="text", published=s["published"])
            for r in range(repeat) for s in stories]


# ---------------------------------------------------------------------------------------------
# speed against spaCy alone, in turns


@dataclass
class Turns:
    """Seconds each side spent over all its turns."""

    spacy_s: float = 0.0
    eventwire_s: float = 0.0
    store_s: float = 0.0
    records: int = 0


@cache
def spacy_alone() -> Language:
    """The model as spaCy ships it, the "spaCy alone" side: none of eventwire's components,
    and spaCy's own attribute ruler where eventwire runs the same rules indexed
    (:mod:`eventwire.attributes`)."""
    return spacy.load(MODEL)


def one_process(items: list[RawItem], store: Store) -> Turns:
    nlp = spacy_alone()
    texts = [i.content for i in items]
    turns = Turns()
    for n, first in enumerate(range(0, len(items), CHUNK)):
        chunk = slice(first, first + CHUNK)
        for side in (("spacy", "eventwire") if n % 2 == 0 else ("eventwire", "spacy")):
            start = time.perf_counter()
            if side == "spacy":
                for _ in nlp.pipe(texts[chunk], batch_size=16):
                    pass
                turns.spacy_s += time.perf_counter() - start
                continue
            records = [r for r in process(items[chunk]) if isinstance(r, Record)]
            middle = time.perf_counter()
            store.save_many([(record, record.document.origin) for record in records])  # as ingest does
            turns.eventwire_s += middle - start
            turns.store_s += time.perf_counter() - middle
            turns.records += len(records)
    return turns


WARM = RawItem(origin="warm", content="Police in Lagos arrested two protesters on Monday, officials said.",
               kind="text", published="2020-01-01")


def _warm_eventwire() -> None:
    """Load eventwire's pipeline, gazetteer and dictionaries before anything is timed."""
    list(process([WARM]))


def _warm_worker() -> None:
    """Pool initialiser: load both sides' models before any turn is timed."""
    list(spacy_alone().pipe([WARM.content]))
    _warm_eventwire()


def _work(job: tuple[str, list[RawItem]]) -> int:
    side, items = job
    if side == "spacy":
        for _ in spacy_alone().pipe([i.content for i in items], batch_size=16):
            pass
        return len(items)
    return sum(isinstance(r, Record) for r in process(items))


def two_processes(items: list[RawItem]) -> Turns:
    turns = Turns()
    with multiprocessing.get_context("spawn").Pool(2, initializer=_warm_worker) as pool:
        pool.map(_work, [("spacy", items[:1]), ("eventwire", items[:1])])  # both workers up and warm
        for n, first in enumerate(range(0, len(items), 2 * CHUNK)):
            chunk = items[first:first + 2 * CHUNK]
            halves = [chunk[0::2], chunk[1::2]]
            for side in (("spacy", "eventwire") if n % 2 == 0 else ("eventwire", "spacy")):
                start = time.perf_counter()
                done = pool.map(_work, [(side, half) for half in halves if half], chunksize=1)
                if side == "spacy":
                    turns.spacy_s += time.perf_counter() - start
                else:
                    turns.eventwire_s += time.perf_counter() - start
                    turns.records += sum(done)
    return turns


def speed(data: Path, repeat: int, limit: int, processes: list[int]) -> list[dict[str, Any]]:
    items = voa_items(data, repeat, limit)
    words = sum(len(i.content.split()) for i in items)
    nlp = load_nlp()
    list(nlp.pipe([i.content for i in items[:2]]))  # warm up: vectors and caches outside the timing
    list(spacy_alone().pipe([i.content for i in items[:2]]))
    start = time.perf_counter()
    list(process(items[:2]))  # the gazetteer and dictionaries load once per process
    warm_up_s = time.perf_counter() - start
    print(f"{len(items)} documents, {words:,} words (VOA stories), model {nlp.meta['name']}; "
          f"eventwire start-up (gazetteer and dictionaries): {warm_up_s:.2f} s")
    print(f"{'processes':>9} {'pipeline':<22} {'seconds':>8} {'words/s':>9} {'docs/s':>7} {'ratio':>6}")
    rows: list[dict[str, Any]] = []
    for count in processes:
        if count == 1:
            with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "turns.db") as store:
                turns = one_process(items, store)
        else:
            turns = two_processes(items)
        sides = [("spaCy alone", turns.spacy_s), ("eventwire extract", turns.eventwire_s)]
        if count == 1:
            sides.append(("eventwire + store", turns.eventwire_s + turns.store_s))
        for name, seconds in sides:
            ratio = turns.spacy_s / seconds
            print(f"{count:>9} {name:<22} {seconds:>8.2f} {words / seconds:>9.0f} {len(items) / seconds:>7.2f} "
                  f"{ratio:>6.3f}")
        row = {"processes": count, "documents": len(items), "records": turns.records, "words": words,
               "spacy_words_per_s": round(words / turns.spacy_s),
               "eventwire_words_per_s": round(words / turns.eventwire_s),
               "ratio": round(turns.spacy_s / turns.eventwire_s, 3)}
        if count == 1:
            with_store = turns.eventwire_s + turns.store_s
            row |= {"eventwire_with_store_words_per_s": round(words / with_store),
                    "ratio_with_store": round(turns.spacy_s / with_store, 3),
                    "store_ms_per_document": round(1000 * turns.store_s / len(items), 1),
                    "eventwire_start_up_s": round(warm_up_s, 2)}
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------
# scale: one fresh child process per corpus size


def articles(data: Path) -> list[tuple[list[str], str]]:
    """(sentences, publication date) of every VOA story and FA-KES article, in a fixed shuffle."""
    found: list[tuple[list[str], str]] = []
    for story in read_stories(data):
        found.append((SENTENCE_END.split(" ".join(story["text"].split())), story["published"][:10]))
    with (data / "corpora" / "fakes_syria" / "FA-KES-Dataset.csv").open(encoding="utf-8", errors="replace") as f:
        for row in csv.DictReader(f):
            month, day, year = row["date"].split("/")
            found.append((SENTENCE_END.split(" ".join(row["article_content"].split())),
                          f"{year}-{int(month):02d}-{int(day):02d}"))
    random.Random(11).shuffle(found)
    return found


def passages(data: Path, count: int) -> Iterator[RawItem]:
    """``count`` distinct documents of :data:`PASSAGE_SENTENCES` sentences (see the module doc)."""
    found = articles(data)
    produced = 0
    for lap in range(count + 1):
        for shift in range(PASSAGE_SENTENCES):
            for a, (sentences, published) in enumerate(found):
                for start in range(shift, len(sentences) - PASSAGE_SENTENCES + 1, PASSAGE_SENTENCES):
                    text = " ".join(sentences[start:start + PASSAGE_SENTENCES])
                    if lap:
                        text += f"\n\nThis is copy {lap} of the passage."
                    yield RawItem(origin=f"article-{a}/{start}/{lap}", content=text, kind="text",
                                  published=published)
                    produced += 1
                    if produced == count:
                        return


class TimedStore(Store):
    """The store, with the time spent saving added up (the rest of ingest is extraction):
    :meth:`save_many` is what ingest calls, one batch of records at a time."""

    save_s = 0.0

    def save_many(self, records: Sequence[tuple[Record, str | None]]) -> list[Record | None]:
        start = time.perf_counter()
        try:
            return super().save_many(records)
        finally:
            self.save_s += time.perf_counter() - start


@dataclass
class PausingClock:
    """Wall-clock seconds that leave out the pauses (:meth:`pause`): the largest scale run stops
    every ``turn`` documents while the parent runs the smallest size in another process, so that
    both sizes are measured across the same minutes of the machine's drifting speed."""

    turn: int = 0
    paused: float = 0.0

    def __call__(self) -> float:
        return time.perf_counter() - self.paused

    def pause(self, done: int) -> None:
        """Tell the parent (a "TURN n" line on stdout) and wait for its "go" on stdin."""
        start = time.perf_counter()
        print(f"TURN {done}", flush=True)
        if not sys.stdin.readline():
            raise RuntimeError("the parent closed the turn channel")
        self.paused += time.perf_counter() - start


def stamped(items: Iterator[RawItem], stamps: list[tuple[float, float]], store: TimedStore,
            clock: PausingClock) -> Iterator[RawItem]:
    """The items, with the clock and the store's saving time read before every :data:`WINDOW`-th
    is handed on, and a pause every ``clock.turn`` items."""
    for n, item in enumerate(items):
        if clock.turn and n and n % clock.turn == 0:
            clock.pause(n)
        if n % WINDOW == 0:
            stamps.append((clock(), store.save_s))
        yield item


def ingest_child(data: Path, count: int, turn: int = 0) -> dict[str, Any]:
    """Run in a fresh process: ingest ``count`` passages, then the same again; report as a dict.
    With ``turn``, pause every ``turn`` passages (:class:`PausingClock`); pauses are not timed."""
    _warm_eventwire()  # (not spaCy's own pipeline: only eventwire's is in an ingest's memory)
    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scale.db"
        store = TimedStore(path)
        try:
            stamps: list[tuple[float, float]] = []
            clock = PausingClock(turn)
            wall, cpu = clock(), time.process_time()
            first = ingest_items(store, stamped(passages(data, count), stamps, store, clock))
            wall, cpu = clock() - wall, time.process_time() - cpu
            stamps.append((clock(), store.save_s))
            peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            again_s = time.perf_counter()
            second = ingest_items(store, passages(data, count))
            again_s = time.perf_counter() - again_s
            sizes = [min(WINDOW, count - WINDOW * k) for k in range(len(stamps) - 1)]
            spans = list(zip(stamps[:-1], stamps[1:], sizes, strict=True))
            windows = [round(1000 * (b[0] - a[0]) / n, 1) for a, b, n in spans]
            saving = [round(1000 * (b[1] - a[1]) / n, 1) for a, b, n in spans]
            words = sum(len(i.content.split()) for i in passages(data, count))
            return {"documents": count, "words": words, "new": first.new, "failed": first.failed,
                    "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                    "ms_per_document": round(1000 * wall / count, 2),
                    "cpu_ms_per_document": round(1000 * cpu / count, 2),
                    "save_ms_per_document": round(1000 * store.save_s / count, 2),
                    "first_window_ms_per_document": windows[0], "last_window_ms_per_document": windows[-1],
                    "window_ms_per_document": windows, "window_save_ms_per_document": saving,
                    "peak_rss_mb": round(peak_kb / 1024), "rss_after_start_up_mb": round(baseline_kb / 1024),
                    "database_mb": round(sum(p.stat().st_size for p in Path(tmp).iterdir()) / 2**20, 1),
                    "reingest_s": round(again_s, 2), "reingest_unchanged": second.unchanged,
                    "reingest_speedup": round(wall / again_s, 1)}
        finally:
            store.close()


def _child(data: Path, count: int, turn: int = 0) -> list[str]:
    return [sys.executable, __file__, "--data", str(data), "--child-ingest", str(count), "--turn", str(turn)]


def _ingest_run(data: Path, count: int) -> dict[str, Any]:
    done = subprocess.run(_child(data, count), capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _interleaved_run(data: Path, count: int, reference: int, turn: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Ingest ``count`` passages in a child that pauses every ``turn`` of them; during each pause,
    a fresh ingest of ``reference`` passages in another child. Returns (the large run, the
    reference runs made during it)."""
    during: list[dict[str, Any]] = []
    last = ""
    with tempfile.TemporaryFile(mode="w+") as errors, subprocess.Popen(
            _child(data, count, turn), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors,
            text=True) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("TURN "):
                during.append(_ingest_run(data, reference) | {"during": int(line.split()[1])})
                proc.stdin.write("go\n")
                proc.stdin.flush()
            elif line.strip():
                last = line
        proc.stdin.close()
        if proc.wait() != 0:
            errors.seek(0)
            raise RuntimeError(f"the {count:,}-document ingest failed:\n{errors.read()[-2000:]}")
    return dict(json.loads(last)), during


def scale(data: Path, sizes: list[int], turn: int = 2000) -> list[dict[str, Any]]:
    """One ingest run per size. The largest pauses every ``turn`` documents for a run of the
    smallest size, and the smallest runs before it and again after it: the machine's speed drifts
    by up to 15% over the minutes the largest takes, and these runs of the smallest size are
    spread over the same minutes."""
    sizes = sorted(set(sizes))
    rows = [_ingest_run(data, count) for count in sizes[:-1]]
    if len(sizes) > 1:
        largest, during = _interleaved_run(data, sizes[-1], sizes[0], turn)
        rows += [largest, *during, _ingest_run(data, sizes[0]) | {"again": True}]
    else:
        rows.append(_ingest_run(data, sizes[0]))
    print(f"\nscale: fresh process and store per size; documents are 4-sentence passages "
          f"({rows[0]['words'] / rows[0]['documents']:.0f} words each on average)")
    print(f"{'documents':>9} {'ms/doc':>7} {'cpu ms/doc':>10} {'save ms':>8} {'first 1k':>8} {'last 1k':>8} "
          f"{'peak MB':>8} {'db MB':>6} {'re-ingest s':>11} {'speedup':>8}")
    for r in rows:
        when = "  (again)" if r.get("again") else f"  (during, after {r['during']:,})" if "during" in r else ""
        print(f"{r['documents']:>9,} {r['ms_per_document']:>7.1f} {r['cpu_ms_per_document']:>10.1f} "
              f"{r['save_ms_per_document']:>8.1f} {r['first_window_ms_per_document']:>8.1f} "
              f"{r['last_window_ms_per_document']:>8.1f} {r['peak_rss_mb']:>8} {r['database_mb']:>6} "
              f"{r['reingest_s']:>11.2f} {r['reingest_speedup']:>7.0f}x" + when)
    if len(rows) > 1:
        wall, cpu = growth(rows)
        largest = max(rows, key=lambda r: int(r["documents"]))
        smallest = [r for r in rows if r["documents"] == sizes[0]]
        print(f"cost per document at {largest['documents']:,} / at {sizes[0]:,} (mean of its {len(smallest)} runs): "
              f"{wall:.3f} wall, {cpu:.3f} CPU (target <= 1.10)")
    return rows


def growth(rows: list[dict[str, Any]]) -> tuple[float, float]:
    """(wall, CPU) cost per document of the largest run over the mean of the smallest size's runs."""
    smallest = min(int(r["documents"]) for r in rows)
    base = [r for r in rows if int(r["documents"]) == smallest]
    largest = max(rows, key=lambda r: int(r["documents"]))
    wall, cpu = (round(largest[k] / (sum(r[k] for r in base) / len(base)), 3)
                 for k in ("ms_per_document", "cpu_ms_per_document"))
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=default_data())
    ap.add_argument("--limit", type=int, default=0, help="use only the first N VOA stories")
    ap.add_argument("--repeat", type=int, default=1, help="the VOA stories this many times (made distinct)")
    ap.add_argument("--processes", default="1,2", help="process counts to compare with spaCy, e.g. 1,2")
    ap.add_argument("--scale", default="1000,10000", help="corpus sizes of the ingest runs ('0': none)")
    ap.add_argument("--turn", type=int, default=2000,
                    help="the largest scale run pauses every N documents for a run of the smallest size")
    ap.add_argument("--child-ingest", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if not (args.data / "corpora" / "voa" / "voa_stories.jsonl").exists():
        print(f"corpus not found under {args.data} (pass --data DIR)", file=sys.stderr)
        return 2
    if args.child_ingest:
        print(json.dumps(ingest_child(args.data, args.child_ingest, args.turn)))
        return 0
    counts = [int(n) for n in args.processes.split(",") if n.strip()]
    sizes = [int(n) for n in args.scale.split(",") if int(n)]
    result: dict[str, Any] = {"speed": speed(args.data, args.repeat, args.limit, counts)}
    if sizes:
        result["scale"] = scale(args.data, sizes, args.turn)
        if len(sizes) > 1:
            result["cost_growth"] = growth(result["scale"])[0]
    one = [r for r in result["speed"] if r["processes"] == 1]
    result["ratio"] = one[0]["ratio"] if one else None
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
