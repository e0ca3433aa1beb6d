"""Parquet export: ``documents``, ``events``, ``claims`` and ``incidents`` as four files in a
folder, written in row groups so memory stays flat. DuckDB, pandas and Arrow read them as they
are (``SELECT * FROM 'out/events.parquet'``; ``pandas.read_parquet("out/events.parquet")``).

Every column has a fixed Arrow type, so an empty store still writes files with the full schema.
With event filters, ``events`` holds the matching events and the other three files hold the
documents, claims and incidents those events belong to.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.errors import UsageError
from eventwire.store import EventFilter, Store
from eventwire.store.query import stream
from eventwire.store.rows import EVENT_COLUMNS

BATCH = 10_000
FILES = {"documents.parquet", "events.parquet", "claims.parquet", "incidents.parquet"}

_INT = {"sentence", "geonames_id", "contested", "n_events", "n_claims", "n_contradictions", "n_documents", "words",
        "n_sources", "n_independent"}
_FLOAT = {"lat", "lon", "confidence", "similarity"}


def arrow_schema(columns: Iterable[str], lists: Iterable[str] = ()) -> pa.Schema:
    """Fixed Arrow types for eventwire's columns (also used by ``eventwire run``'s output)."""
    listed = set(lists)
    fields = []
    for c in columns:
        if c in listed:
            fields.append(pa.field(c, pa.list_(pa.string())))
        elif c in _INT:
            fields.append(pa.field(c, pa.int64()))
        elif c in _FLOAT:
            fields.append(pa.field(c, pa.float64()))
        else:
            fields.append(pa.field(c, pa.string()))
    return pa.schema(fields)


EVENTS = arrow_schema([*EVENT_COLUMNS, "dated_by"])
"""Events without their document's title, URL and date: those are in documents.parquet
(join on ``doc_id``), and leaving them out saves reading the documents table per event."""
DOCUMENTS = arrow_schema(["id", "url", "title", "published", "source_name", "domain", "language", "origin", "n_events",
                     "n_claims", "n_contradictions", "duplicate_of", "syndication_group", "similarity", "ingested_at",
                     "text"])
CLAIMS = arrow_schema(["doc_id", "claim_id", "speaker", "kind", "stance", "content"])
INCIDENTS = arrow_schema(["id", "type", "status", "first_seen", "date", "place", "country", "lat", "lon", "n_events",
                     "n_documents", "n_sources", "n_independent", "outlets", "conflicts", "documents"],
                    lists=["outlets", "conflicts", "documents"])


def _write(path: Path, schema: pa.Schema, rows: Iterator[dict[str, Any]]) -> int:
    """Write rows in row groups of :data:`BATCH`, built column by column (much faster than
    row dictionaries)."""
    names = schema.names
    n = 0

    def flush(columns: dict[str, list[Any]]) -> None:
        writer.write_table(pa.Table.from_pydict(columns, schema=schema))

    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        columns: dict[str, list[Any]] = {c: [] for c in names}
        size = 0
        for row in rows:
            for c in names:
                columns[c].append(row.get(c))
            size += 1
            if size >= BATCH:
                flush(columns)
                n += size
                columns, size = {c: [] for c in names}, 0
        if size or n == 0:
            flush(columns)
            n += size
    return n


def _write_tuples(path: Path, schema: pa.Schema, names: list[str], rows: Iterator[tuple[Any, ...]],
                  seen: Callable[[tuple[Any, ...]], None] | None = None) -> int:
    """Write cursor tuples in row groups, transposed to columns (no dictionary per row)."""
    where = [names.index(c) for c in schema.names]
    n = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        while True:
            chunk = list(islice(rows, BATCH))
            if seen is not None:
                for row in chunk:
                    seen(row)
            columns = list(zip(*chunk, strict=True)) if chunk else [() for _ in names]
            table = pa.Table.from_pydict({c: list(columns[i]) for c, i in zip(schema.names, where, strict=True)},
                                         schema=schema)
            if chunk or n == 0:  # an empty store still writes its schema
                writer.write_table(table)
            n += len(chunk)
            if len(chunk) < BATCH:
                return n


def write_parquet(store: Store, out: Path, f: EventFilter | None, filtered: bool) -> int:
    """Write the four files into ``out`` (a folder); returns the number of events written."""
    if out.exists() and (not out.is_dir() or not {p.name for p in out.iterdir()} <= FILES):
        raise UsageError(f"{out} exists and is not an earlier Parquet export; give a new folder")
    partial = out.with_name(f".{out.name}.partial")
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True)
    try:
        docs: set[str] = set()
        incidents_of: set[str] = set()
        names, rows = stream(store.conn, replace(f or EventFilter(), cursor=None), documents=False)
        doc_at, event_at = names.index("doc_id"), names.index("event_id")

        def note(row: tuple[Any, ...]) -> None:
            docs.add(row[doc_at])
            incidents_of.add(f"{row[doc_at]}#{row[event_at]}")

        n = _write_tuples(partial / "events.parquet", EVENTS, names, rows, note if filtered else None)
        conn = store.conn

        def wanted(doc_id: str) -> bool:
            return not filtered or doc_id in docs

        def document_rows() -> Iterator[dict[str, Any]]:
            cur = conn.execute("SELECT id, url, title, published, source_name, domain, language, origin, n_events, "
                               "n_claims, n_contradictions, duplicate_of, syndication_group, similarity, ingested_at, "
                               "record FROM documents ORDER BY rowid")
            while rows := cur.fetchmany(500):
                for r in rows:
                    if wanted(r["id"]):
                        row = dict(r)
                        row["text"] = json.loads(row.pop("record"))["document"]["text"]
                        yield row

        def claim_rows() -> Iterator[dict[str, Any]]:
            cur = conn.execute("SELECT * FROM claims ORDER BY doc_id, claim_id")
            while rows := cur.fetchmany(BATCH):
                yield from (dict(r) for r in rows if wanted(r["doc_id"]))  # SQLite types match the schema

        def incident_rows() -> Iterator[dict[str, Any]]:
            cur = conn.execute("SELECT summary FROM incidents ORDER BY id")
            while rows := cur.fetchmany(1000):
                for r in rows:
                    inc = json.loads(r[0])
                    if filtered and not incidents_of.intersection(inc["events"]):
                        continue
                    yield ({"id": inc["id"], "type": inc["type"], "status": inc["status"],
                                 "first_seen": inc["first_seen"], "date": inc["time"], "place": inc["place"],
                                 "country": inc["country"], "lat": inc["lat"], "lon": inc["lon"],
                                 "n_events": len(inc["events"]), "n_documents": len(inc["documents"]),
                                 "n_sources": inc["sources"], "n_independent": inc["independent_sources"],
                                 "outlets": inc["outlets"], "conflicts": inc["conflicts"],
                                 "documents": inc["documents"]})

        _write(partial / "documents.parquet", DOCUMENTS, document_rows())
        _write(partial / "claims.parquet", CLAIMS, claim_rows())
        _write(partial / "incidents.parquet", INCIDENTS, incident_rows())
        if out.exists():
            shutil.rmtree(out)
        partial.rename(out)
    finally:
        if partial.exists():
            shutil.rmtree(partial)
    return n
