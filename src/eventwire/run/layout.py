"""Where a run writes, and how completion is recorded.

::

    OUT/documents/shard=<id>/part-00000.parquet    one row per document, with the full record
    OUT/events/shard=<id>/part-00000.parquet       one row per event (the store's event columns)
    OUT/claims/shard=<id>/part-00000.parquet
    OUT/errors/shard=<id>/part-00000.parquet       inputs that failed, with code and reason
    OUT/_parts/<id>/part-00000.json                a part is complete: its counts
    OUT/_done/<id>.json                            the shard is complete: its totals
    OUT/_run.json                                  the last run's summary and configuration

A shard is read in parts of a fixed number of input items. Every file is written under a
temporary name and renamed, and a part's marker is written after its four files, so a part
either has a marker and complete files or is redone from its first item. Part numbers are
positions in the shard's input, so a redone part overwrites, never duplicates.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.export.parquet import arrow_schema
from eventwire.store.rows import EVENT_COLUMNS

TABLES = ("documents", "events", "claims", "errors")

SCHEMAS = {
    "documents": arrow_schema(["id", "origin", "url", "title", "published", "source_name", "domain", "language",
                          "n_events", "n_claims", "n_contradictions", "words", "record"]),
    "events": arrow_schema(EVENT_COLUMNS),
    "claims": arrow_schema(["doc_id", "claim_id", "speaker", "kind", "stance", "content"]),
    "errors": arrow_schema(["item", "stage", "code", "message", "document_id"]),
}


class RunLayout:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    # --- paths ----------------------------------------------------------------------------

    def table_file(self, table: str, shard: str, part: int) -> Path:
        return self.root / table / f"shard={shard}" / f"part-{part:05d}.parquet"

    def part_marker(self, shard: str, part: int) -> Path:
        return self.root / "_parts" / shard / f"part-{part:05d}.json"

    def done_marker(self, shard: str) -> Path:
        return self.root / "_done" / f"{shard}.json"

    @property
    def summary_file(self) -> Path:
        return self.root / "_run.json"

    # --- state ----------------------------------------------------------------------------

    def is_done(self, shard: str) -> bool:
        return self.done_marker(shard).exists()

    def parts_done(self, shard: str) -> list[dict[str, Any]]:
        """Counts of the shard's complete parts, in order, stopping at the first gap."""
        parts: list[dict[str, Any]] = []
        while (marker := self.part_marker(shard, len(parts))).exists():
            parts.append(json.loads(marker.read_text()))
        return parts

    def documents_done(self) -> int:
        """Documents in every complete part so far (for progress)."""
        return self.counted("documents")

    def counted(self, key: str) -> int:
        """The sum of ``key`` over every complete part's marker."""
        total = 0
        for marker in (self.root / "_parts").glob("*/part-*.json"):
            try:
                total += int(json.loads(marker.read_text())[key])
            except (OSError, ValueError, KeyError):
                continue  # being written
        return total

    # --- writing --------------------------------------------------------------------------

    def write_part(self, shard: str, part: int, rows: dict[str, list[tuple[Any, ...]]], counts: dict[str, Any]) -> None:
        for table in TABLES:
            schema = SCHEMAS[table]
            columns: list[list[Any]] = [list(col) for col in zip(*rows[table], strict=True)] if rows[table] \
                else [[] for _ in schema.names]
            arrays = [pa.array(col, type=field.type) for col, field in zip(columns, schema, strict=True)]
            write_atomic(self.table_file(table, shard, part),
                         lambda tmp, arrays=arrays, schema=schema: pq.write_table(
                             pa.Table.from_arrays(arrays, schema=schema), tmp, compression="zstd"))
        self.write_json(self.part_marker(shard, part), counts)

    def mark_done(self, shard: str, totals: dict[str, Any]) -> None:
        self.write_json(self.done_marker(shard), totals)

    def write_json(self, path: Path, data: dict[str, Any]) -> None:
        write_atomic(path, lambda tmp: Path(tmp).write_text(json.dumps(data, indent=2, sort_keys=True) + "\n"))

    # --- reading --------------------------------------------------------------------------

    def shard_ids(self) -> list[str]:
        """Shards with at least one complete part, in name order."""
        folder = self.root / "_parts"
        return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.exists() else []

    def complete_files(self, table: str) -> Iterator[Path]:
        """The files of ``table`` whose part is complete (an interrupted part's files are ignored)."""
        for shard in self.shard_ids():
            for part in range(len(self.parts_done(shard))):
                path = self.table_file(table, shard, part)
                if path.exists():
                    yield path


def write_atomic(path: Path, write: Any) -> None:
    """Write through ``write(tmp_path)`` then rename over ``path``: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(str(tmp))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


__all__ = ["SCHEMAS", "TABLES", "RunLayout", "write_atomic"]
