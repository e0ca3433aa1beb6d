"""Library entry points used by the CLI (and by anyone scripting eventwire)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from eventwire.errors import RecordRefused
from eventwire.pipeline import Progress, process, standard_pipeline
from eventwire.record import Document, ErrorRecord, Record
from eventwire.sources import FieldMap, ReadLimits, ReadStats, read_inputs
from eventwire.sources.raw import RawItem
from eventwire.store import Store

KEPT = 1000
"""Errors and document ids a report keeps (the counts cover everything)."""

SAVE_BATCH = 32
"""Records stored per transaction (:meth:`Store.save_many`): one commit per document was a
third of the time spent storing one. The write lock is held only while the batch is written
(about a third of a second), never while the next documents are extracted."""


@dataclass
class IngestReport:
    read: int = 0
    new: int = 0
    unchanged: int = 0
    copies: int = 0
    """Texts already stored, seen again at a new URL or path (exact syndicated copies)."""
    near_duplicates: int = 0
    """New documents that are near-copies of a stored one (``duplicate_of`` set)."""
    failed: int = 0
    errors: list[ErrorRecord] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    """Inputs passed over on purpose (WARC request records, images in a folder), by kind."""
    documents: list[str] = field(default_factory=list)
    """Ids of the first :data:`KEPT` documents stored or seen again, in input order."""


def extract_paths(paths: Iterable[str], published: str | None = None, stdin: BinaryIO | None = None,
                  limits: ReadLimits | None = None, fields: FieldMap | None = None) -> Iterator[Record | ErrorRecord]:
    """Records for every document under ``paths`` (no database); near-copies within the run are marked."""
    yield from process(read_inputs(paths, stdin=stdin, limits=limits, fields=fields), published)


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
                 stdin: BinaryIO | None = None, progress: bool = True, limits: ReadLimits | None = None,
                 fields: FieldMap | None = None) -> IngestReport:
    """Read, clean, extract and store; already-stored documents skip extraction entirely."""
    stats = ReadStats()
    report = ingest_items(store, read_inputs(paths, stdin=stdin, limits=limits, fields=fields, stats=stats),
                          published, progress)
    report.skipped = stats.skipped
    return report


def ingest_items(store: Store, items: Iterable[RawItem | ErrorRecord], published: str | None = None,
                 progress: bool = False) -> IngestReport:
    """Clean, extract and store raw items (from files, or a body posted to the API)."""
    report = IngestReport()

    def note(doc_id: str) -> None:
        if len(report.documents) < KEPT:
            report.documents.append(doc_id)

    def seen_again(document: Document) -> None:
        note(document.id)
        report.copies += store.add_copy(document, document.origin)

    waiting: list[Record] = []

    def failed(error: ErrorRecord) -> None:
        report.failed += 1
        if len(report.errors) < KEPT:
            report.errors.append(error)
        store.add_error(error)

    def save_waiting() -> None:
        saved = save_batch(store, waiting)
        for record, stored in zip(waiting, saved, strict=True):
            if isinstance(stored, ErrorRecord):
                failed(stored)
                continue
            note(record.document.id)
            if stored is not None:
                report.new += 1
                report.near_duplicates += stored.document.duplicate_of is not None
            else:  # stored meanwhile (another writer, or an equal text earlier in the batch)
                report.copies += store.add_copy(record.document, record.document.origin)
        waiting.clear()

    pipeline = standard_pipeline(published, is_known=store.has, on_known=seen_again,
                                 progress=Progress() if progress else None)
    for item in pipeline.run(_count(items, report)):
        if isinstance(item, ErrorRecord):
            failed(item)
        elif isinstance(item, Record):
            waiting.append(item)
            if len(waiting) >= SAVE_BATCH:
                save_waiting()
    save_waiting()
    for document in pipeline.deferred_copies:
        if store.has(document.id):  # (not stored if the first copy failed extraction)
            note(document.id)
            report.copies += store.add_copy(document, document.origin)
    # skipped before extraction (already stored) or stored concurrently: both are unchanged
    report.unchanged = report.read - report.new - report.failed - report.copies
    return report


def save_batch(store: Store, records: Sequence[Record]) -> list[Record | ErrorRecord | None]:
    """Store ``records`` in one transaction (:meth:`Store.save_many`); per record, what it
    returned: the stored record, or None when its text was stored already. When the store
    refuses one record, each is saved on its own and the refused one becomes an error record
    (E402): one bad record must not take its batch along."""
    try:
        return list(store.save_many([(r, r.document.origin) for r in records]))
    except sqlite3.IntegrityError:
        return [_save_or_refuse(store, r) for r in records]


def _save_or_refuse(store: Store, record: Record) -> Record | ErrorRecord | None:
    """One record in its own transaction, or the error that says why the store refused it."""
    try:
        return store.save(record, record.document.origin)
    except sqlite3.IntegrityError as exc:
        refused = RecordRefused(f"the store refused the record: {exc}")
        return ErrorRecord(item=record.document.origin or record.document.id, stage="store", code=refused.code,
                           message=refused.message, document_id=record.document.id)


def _count(items: Iterable[RawItem | ErrorRecord], report: IngestReport) -> Iterator[RawItem | ErrorRecord]:
    for item in items:
        report.read += 1
        yield item


def example_paths() -> list[str]:
    """The bundled example corpus (see ``eventwire/examples/README.md``)."""
    root = Path(str(resources.files("eventwire.examples")))
    return [str(root / name) for name in ("seed.html", "seed.txt", "voa_sample.jsonl")]
