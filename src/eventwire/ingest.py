"""Library entry points used by the CLI (and by anyone scripting eventwire)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from eventwire.pipeline import Progress, process, standard_pipeline
from eventwire.record import ErrorRecord, Record
from eventwire.sources import read_inputs
from eventwire.sources.files import RawItem
from eventwire.store import Store


@dataclass
class IngestReport:
    read: int = 0
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[ErrorRecord] = field(default_factory=list)


def extract_paths(paths: Iterable[str], published: str | None = None,
                  stdin: BinaryIO | None = None) -> Iterator[Record | ErrorRecord]:
    """Records for every document under ``paths`` (no database)."""
    yield from process(read_inputs(paths, stdin=stdin), published)


def extract_text(text: str, published: str | None = None, html: bool = False) -> Record:
    """One record for one text (or HTML page); raises the error if it cannot be processed."""
    item = RawItem(origin="<text>", content=text, kind="html" if html else "text")
    result = next(process([item], published))
    if isinstance(result, ErrorRecord):
        from eventwire.errors import EventwireError

        err = EventwireError(result.message)
        err.code = result.code
        raise err
    return result


def ingest_paths(store: Store, paths: Iterable[str], published: str | None = None,
                 stdin: BinaryIO | None = None, progress: bool = True) -> IngestReport:
    """Read, clean, extract and store; already-stored documents skip extraction entirely."""
    report = IngestReport()
    pipeline = standard_pipeline(published, is_known=store.has,
                                 progress=Progress() if progress else None)
    counting = _count(read_inputs(paths, stdin=stdin), report)
    for item in pipeline.run(counting):
        if isinstance(item, ErrorRecord):
            report.failed += 1
            report.errors.append(item)
            store.add_error(item)
        elif isinstance(item, Record) and store.add(item):
            report.new += 1
    # skipped before extraction (already stored) or stored concurrently: both are unchanged
    report.unchanged = report.read - report.new - report.failed
    return report


def _count(items: Iterable[RawItem | ErrorRecord], report: IngestReport) -> Iterator[RawItem | ErrorRecord]:
    for item in items:
        report.read += 1
        yield item


def example_paths() -> list[str]:
    """The bundled example corpus (see ``eventwire/examples/README.md``)."""
    root = Path(str(resources.files("eventwire.examples")))
    return [str(root / name) for name in ("seed.txt", "seed.html", "voa_sample.jsonl")]
