"""``eventwire load DIR``: a run's records into the SQLite store, as ``ingest`` would store them.

Loading is idempotent: a document already stored is recorded as another place its text was
seen (a copy), never stored twice, so loading the same run again changes nothing. Near-
duplicates and incidents are computed here, by the store, as the records arrive (in batches of
``SAVE_BATCH``, one transaction each, as ``ingest`` stores them): they need the whole store,
which the run's workers do not have. Only complete parts are read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from eventwire.errors import UsageError
from eventwire.ingest import SAVE_BATCH, save_batch
from eventwire.record import ErrorRecord, Record
from eventwire.run.layout import RunLayout
from eventwire.store import Store


@dataclass(slots=True)
class LoadReport:
    read: int = 0
    new: int = 0
    copies: int = 0
    unchanged: int = 0
    errors: int = 0
    shards: list[str] = field(default_factory=list)


def _rows(layout: RunLayout, table: str, columns: list[str]) -> Iterator[dict[str, object]]:
    for path in layout.complete_files(table):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=256, columns=columns):
            yield from batch.to_pylist()


def load_run(store: Store, root: str | Path) -> LoadReport:
    layout = RunLayout(root)
    if not (layout.root / "_parts").is_dir():
        raise UsageError(f"{root} holds no run output (no _parts folder)")
    report = LoadReport(shards=layout.shard_ids())
    waiting: list[Record] = []

    def copy_seen(record: Record) -> None:
        added = store.add_copy(record.document, record.document.origin)
        report.copies += added
        report.unchanged += not added

    def save_waiting() -> None:
        for record, stored in zip(waiting, save_batch(store, waiting), strict=True):
            if isinstance(stored, ErrorRecord):
                report.errors += 1
                store.add_error(stored)
            elif stored is not None:
                report.new += 1
            else:  # an equal text earlier in the batch, or another writer meanwhile
                copy_seen(record)
        waiting.clear()

    for row in _rows(layout, "documents", ["id", "origin", "record"]):
        report.read += 1
        record = Record.from_dict(json.loads(str(row["record"])))
        if store.has(record.document.id):
            copy_seen(record)
            continue
        waiting.append(record)  # stored in batches, as ingest stores them: one commit per batch
        if len(waiting) >= SAVE_BATCH:
            save_waiting()
    save_waiting()
    for row in _rows(layout, "errors", ["item", "stage", "code", "message", "document_id"]):
        report.errors += 1
        store.add_error(ErrorRecord(item=str(row["item"]), stage=str(row["stage"]), code=str(row["code"]),
                                    message=str(row["message"]),
                                    document_id=str(row["document_id"]) if row["document_id"] else None))
    return report


__all__ = ["LoadReport", "load_run"]
