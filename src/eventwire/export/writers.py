"""Streaming writers: rows come from the store a page at a time and go straight to the file.

A file is written under a temporary name and renamed when complete, so an interrupted export
never leaves a half-written file where a finished one is expected.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

from eventwire.errors import UsageError
from eventwire.export import acled, gdelt, plover
from eventwire.resolve.kb import countries
from eventwire.store import EventFilter, Store
from eventwire.store.rows import EVENT_COLUMNS

CSV_COLUMNS = [*EVENT_COLUMNS, "title", "url", "published", "dated_by"]


def iter_events(store: Store, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """Every event matching ``f``, streamed (memory stays flat however many there are)."""
    from eventwire.store.query import iter_events as stream

    yield from stream(store.conn, replace(f or EventFilter(), cursor=None))


def _is_empty(f: EventFilter | None) -> bool:
    return f is None or replace(f, limit=EventFilter().limit, cursor=None, sort="date") == EventFilter()


def _jsonl(store: Store, out: IO[str], f: EventFilter | None) -> int:
    n = 0
    if _is_empty(f):
        for record in store.records():
            out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            n += 1
        return n
    seen: set[str] = set()
    for row in iter_events(store, f):
        if row["doc_id"] in seen:
            continue
        seen.add(row["doc_id"])
        out.write(json.dumps(store.get(row["doc_id"]).to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def _csv(store: Store, out: IO[str], f: EventFilter | None) -> int:
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    from eventwire.store.query import stream

    names, rows = stream(store.conn, replace(f or EventFilter(), cursor=None))
    values = itemgetter(*(names.index(c) for c in CSV_COLUMNS))  # csv writes None as ""
    n = 0

    def counted() -> Iterator[tuple[Any, ...]]:
        nonlocal n
        for row in rows:
            n += 1
            yield values(row)

    w.writerows(counted())
    return n


def _gdelt(store: Store, out: IO[str], f: EventFilter | None) -> int:
    w = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(gdelt.COLUMNS)
    n = 0
    for row in iter_events(store, f):
        w.writerow([_one_line(v) for v in gdelt.gdelt_row(row)])
        n += 1
    return n


def _acled(store: Store, out: IO[str], f: EventFilter | None) -> int:
    w = csv.writer(out)
    w.writerow(acled.COLUMNS)
    names = countries().names
    n = 0
    for row in iter_events(store, f):
        values = acled.acled_row(row, names.get(row.get("place_country") or ""))
        if values is not None:
            w.writerow(values)
            n += 1
    return n


def _plover(store: Store, out: IO[str], f: EventFilter | None) -> int:
    n = 0
    for row in iter_events(store, f):
        out.write(json.dumps(plover.plover_record(row), ensure_ascii=False) + "\n")
        n += 1
    return n


def _one_line(value: Any) -> Any:
    return value.replace("\t", " ").replace("\n", " ").replace("\r", " ") if isinstance(value, str) else value


Writer = Callable[[Store, IO[str], "EventFilter | None"], int]
FORMATS: dict[str, Writer] = {"jsonl": _jsonl, "csv": _csv, "gdelt": _gdelt, "acled": _acled, "plover": _plover}
FORMAT_NAMES = [*FORMATS, "parquet"]


def write_export(store: Store, fmt: str, out: str | Path, f: EventFilter | None = None) -> int:
    """Write the store (or the events matching ``f``) in ``fmt`` to ``out``; returns rows written.

    ``out`` of ``-`` writes to standard output; Parquet writes a folder of four files."""
    if fmt not in FORMAT_NAMES:
        raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(FORMAT_NAMES)}")
    if fmt == "parquet":
        from eventwire.export.parquet import write_parquet

        if str(out) == "-":
            raise UsageError("Parquet is written to a folder, not to standard output")
        try:
            return write_parquet(store, Path(out), f, filtered=not _is_empty(f))
        except OSError as exc:
            raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    writer = FORMATS[fmt]
    if str(out) == "-":
        import sys

        return writer(store, sys.stdout, f)
    path = Path(out)
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name")
    tmp = path.with_name(f".{path.name}.partial")
    try:
        with open(tmp, "w", encoding="utf-8", newline="", buffering=1 << 20) as fh:
            n = writer(store, fh, f)
        os.replace(tmp, path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return n
