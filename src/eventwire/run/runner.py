"""``eventwire run``: plan shards, skip the finished ones, run the rest on an engine, report.

The summary (``OUT/_run.json``) holds the resolved configuration, the counts of this run and
of the whole output, errors by code, and throughput; it is rewritten by every run.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from eventwire import __version__
from eventwire.errors import UsageError
from eventwire.run.engines import run_local, run_ray
from eventwire.run.layout import RunLayout
from eventwire.run.shards import plan_shards
from eventwire.run.worker import WorkerConfig

ENGINES = ("local", "ray")


@dataclass(frozen=True, slots=True)
class RunConfig:
    inputs: tuple[str, ...]
    out: str
    engine: str = "local"
    workers: int = 1
    address: str | None = None
    part_size: int = 200
    published: str | None = None


@dataclass(slots=True)
class RunSummary:
    config: dict[str, Any]
    shards: int = 0
    shards_skipped: int = 0
    """Finished in an earlier run: not touched."""
    shards_processed: int = 0
    parts_skipped: int = 0
    """Parts of unfinished shards completed by an earlier run: resumed after them."""
    parts_processed: int = 0
    documents: int = 0
    events: int = 0
    claims: int = 0
    errors: int = 0
    error_codes: dict[str, int] = field(default_factory=dict)
    words: int = 0
    seconds: float = 0.0
    documents_this_run: int = 0
    documents_per_second: float = 0.0
    words_per_second: float = 0.0
    version: str = __version__

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Progress:
    """A status line, rewritten about once a second from the part markers on disk."""

    def __init__(self, layout: RunLayout, before: int, stream: TextIO | None) -> None:
        self.layout, self.before, self.stream = layout, before, stream
        self.started = time.perf_counter()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> Progress:
        if self.stream is not None:
            self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        if self.thread.is_alive():
            self.thread.join()
            self._print(final=True)

    def _loop(self) -> None:
        assert self.stream is not None
        interval = 1.0 if self.stream.isatty() else 10.0  # a log file gets a line every ten seconds
        while not self.stop.wait(interval):
            self._print()

    def _print(self, final: bool = False) -> None:
        assert self.stream is not None
        done = self.layout.documents_done() - self.before
        elapsed = time.perf_counter() - self.started
        line = f"{done:,} documents in {elapsed:,.0f} s ({done / elapsed if elapsed else 0:,.1f}/s)"
        if self.stream.isatty():
            self.stream.write("\r" + line + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def run(config: RunConfig, progress: TextIO | None = sys.stderr) -> RunSummary:
    if config.engine not in ENGINES:
        raise UsageError(f"engine must be one of {', '.join(ENGINES)}")
    if config.workers < 1:
        raise UsageError("workers must be at least 1")
    if config.part_size < 1:
        raise UsageError("part size must be at least 1")
    shards = plan_shards(list(config.inputs))
    layout = RunLayout(config.out)
    layout.root.mkdir(parents=True, exist_ok=True)
    todo = [s for s in shards if not layout.is_done(s.id)]
    summary = RunSummary(config=asdict(config), shards=len(shards), shards_skipped=len(shards) - len(todo))
    worker = WorkerConfig(out=str(Path(config.out).resolve()), part_size=config.part_size, published=config.published)
    before, words_before = layout.documents_done(), layout.counted("words")
    started = time.perf_counter()
    with Progress(layout, before, progress):
        if config.engine == "ray":
            results = run_ray(todo, worker, config.workers, config.address)
        else:
            results = run_local(todo, worker, config.workers)
    summary.seconds = round(time.perf_counter() - started, 3)
    summary.shards_processed = sum(not r["skipped"] for r in results)
    summary.shards_skipped += sum(r["skipped"] for r in results)
    summary.parts_skipped = sum(r["parts_skipped"] for r in results)
    summary.parts_processed = sum(r["parts_processed"] for r in results)
    _totals(layout, summary, [s.id for s in shards])
    summary.documents_this_run = layout.documents_done() - before
    if summary.seconds:
        summary.documents_per_second = round(summary.documents_this_run / summary.seconds, 2)
        summary.words_per_second = round((layout.counted("words") - words_before) / summary.seconds, 1)
    layout.write_json(layout.summary_file, summary.to_dict())
    return summary


def _totals(layout: RunLayout, summary: RunSummary, shard_ids: list[str]) -> None:
    codes: Counter[str] = Counter()
    for shard in shard_ids:
        for part in layout.parts_done(shard):
            summary.documents += int(part["documents"])
            summary.events += int(part["events"])
            summary.claims += int(part["claims"])
            summary.errors += int(part["errors"])
            summary.words += int(part["words"])
            codes.update(part.get("error_codes", {}))
    summary.error_codes = dict(codes)


__all__ = ["ENGINES", "RunConfig", "RunSummary", "run"]
