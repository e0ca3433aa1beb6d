"""SQLite store (WAL) with named migrations and parameterised queries only.

Each document is stored once under its content-hash id, with its full record as JSON (so a
stored record loads back identical) and flat rows for events, claims and actors (so queries
need no JSON parsing). A document and its rows are written in one transaction: a crash leaves
either all of it or none.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from eventwire.dedupe import Deduplicator
from eventwire.errors import NotFound, StoreBusy, StoreError
from eventwire.incidents.summary import Incident
from eventwire.record import Document, ErrorRecord, Record
from eventwire.store import datasette, duplicates, incidents, query, rows
from eventwire.store.checkpoint import BackgroundCheckpointer
from eventwire.store.incidents import IncidentFilter
from eventwire.store.query import EventFilter, Page, dicts

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_initial", """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY, url TEXT, title TEXT, published TEXT, source_name TEXT,
            domain TEXT, language TEXT, origin TEXT, n_events INTEGER, n_claims INTEGER,
            n_contradictions INTEGER, record TEXT NOT NULL, ingested_at TEXT NOT NULL);
        CREATE TABLE events (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            event_id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, cameo TEXT, trigger TEXT,
            sentence INTEGER, factuality TEXT, source TEXT, source_country TEXT, target TEXT,
            target_country TEXT, place TEXT, place_country TEXT, lat REAL, lon REAL,
            date TEXT, claim_id TEXT, claimed_by TEXT, confidence REAL, evidence TEXT,
            PRIMARY KEY (doc_id, event_id));
        CREATE INDEX events_type ON events(type);
        CREATE INDEX events_date ON events(date);
        CREATE TABLE claims (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            claim_id TEXT NOT NULL, speaker TEXT, kind TEXT, stance TEXT, content TEXT,
            PRIMARY KEY (doc_id, claim_id));
        CREATE TABLE actors (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            actor_id TEXT NOT NULL, name TEXT, kind TEXT, country TEXT, sector TEXT,
            PRIMARY KEY (doc_id, actor_id));
        CREATE TABLE errors (
            id INTEGER PRIMARY KEY AUTOINCREMENT, item TEXT, stage TEXT, code TEXT,
            message TEXT, document_id TEXT, created_at TEXT NOT NULL);
    """),
    ("0002_errors_once", """
        DELETE FROM errors WHERE id NOT IN (
            SELECT MIN(id) FROM errors GROUP BY item, stage, code, message);
        CREATE UNIQUE INDEX errors_once ON errors(item, stage, code, message);
    """),
    ("0003_duplicates", duplicates.MIGRATION),
    ("0004_incidents", incidents.MIGRATION),
    ("0005_query", rows.MIGRATION),
    ("0006_views", datasette.VIEWS),
    ("0007_web", """
        CREATE INDEX incidents_first_seen ON incidents(first_seen);
        CREATE INDEX documents_contradictions ON documents(published) WHERE n_contradictions > 0;
    """),
    ("0008_incident_probes", ""),  # columns added by incidents.add_probes where missing
    # probes hold "place|date" where they held the place: every one derived again from its features
    ("0009_probe_place_days", "UPDATE incident_mentions SET probe = NULL"),
    ("0010_incident_spans", ""),  # column and covering index added by incidents.add_spans
]
POST_MIGRATION: dict[str, Callable[[sqlite3.Connection], None]] = {
    "0003_duplicates": duplicates.backfill,
    "0004_incidents": incidents.backfill,
    "0005_query": rows.backfill,
    "0008_incident_probes": incidents.add_probes,
    "0009_probe_place_days": incidents.add_probes,
    "0010_incident_spans": incidents.add_spans,
}


T = TypeVar("T")

PAGE_CACHE_MB = 32
"""SQLite's page cache per connection (its default: 2 MB). A new document's incident candidates
are a few hundred index lookups spread over the whole store; with 2 MB most of their pages were
read again from the operating system on each document."""

WAL_CHECKPOINT_PAGES = 8000
"""Pages of write-ahead log after which they are copied into the database (SQLite's default:
1,000), by :class:`~eventwire.store.checkpoint.BackgroundCheckpointer` on a thread of its own."""

WRITER_CHECKPOINT_FACTOR = 4
"""The writer checkpoints the log itself past this many times :data:`WAL_CHECKPOINT_PAGES`:
only when the background thread falls behind or has failed."""


def default_db_path() -> Path:
    return Path(os.environ.get("EVENTWIRE_DB") or "eventwire.db")


class Store:
    """A connection to one eventwire database; create tables on first use."""

    def __init__(self, path: str | Path = ":memory:", timeout: float = 30.0, retries: int = 4) -> None:
        """``timeout``: seconds SQLite itself waits for another writer's lock on each attempt;
        ``retries``: further attempts of a whole write after that, with a growing pause, before
        :class:`StoreBusy` is raised."""
        self.path = str(path)
        self.timeout = timeout
        self.retries = retries
        self.checkpointer: BackgroundCheckpointer | None = None
        try:
            self.conn = sqlite3.connect(self.path, timeout=timeout)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from None
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute(f"PRAGMA cache_size = {-1024 * PAGE_CACHE_MB}")  # negative: in KiB
        if self.path != ":memory:":
            self._retrying(lambda: self.conn.execute("PRAGMA journal_mode = WAL"))
            self.conn.execute("PRAGMA synchronous = NORMAL")
            # A stored document rewrites about 125 scattered index pages (its MinHash bands and
            # blocking keys land all over their B-trees); checkpointing every 1,000 pages (the
            # default) meant a sync every eighth document. At 8,000 pages (32 MB of WAL) the
            # syncs, and the copies of the same hot pages, are eight times rarer; they are done
            # on another thread (:mod:`.checkpoint`), the writer's own only a safety net.
            self.conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES * WRITER_CHECKPOINT_FACTOR}")
            page_size = int(self.conn.execute("PRAGMA page_size").fetchone()[0])
            self.checkpointer = BackgroundCheckpointer(self.path, WAL_CHECKPOINT_PAGES, page_size)
            self.conn.execute(f"PRAGMA journal_size_limit = {self.checkpointer.log_limit_bytes}")
        try:
            self._retrying(self.migrate)
        except BaseException:
            self.close()  # the checkpoint thread too, if a migration's write started it
            raise
        self.dedup = Deduplicator(duplicates.SqliteIndex(self.conn))

    def _retrying(self, write: Callable[[], T]) -> T:
        """Run ``write`` (one whole transaction) again while another writer holds the lock.

        SQLite already waits ``timeout`` seconds for the lock; a write still refused then is
        rolled back by its ``with self.conn`` block and tried again after 0.1, 0.2, 0.4 … s.
        When every attempt is refused the caller gets :class:`StoreBusy`, never a silent drop.
        """
        for attempt in range(self.retries + 1):
            try:
                changes = self.conn.total_changes
                done = write()
                if self.checkpointer is not None and self.conn.total_changes != changes:
                    self.checkpointer.nudge()  # something was written: the log may have grown
                return done
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if attempt == self.retries:
                    raise StoreBusy(f"database {self.path} stayed locked by another writer ({exc}) through "
                                    f"{self.retries + 1} attempts of {self.timeout:g} s; nothing was written, "
                                    "try again when the other writer has finished") from None
                time.sleep(min(0.1 * 2 ** attempt, 2.0))
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.close()
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema -------------------------------------------------------------------------

    def migrate(self) -> list[str]:
        """Apply migrations not yet applied, each in its own transaction; return their names."""
        self.conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
        done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.conn:
                for statement in filter(str.strip, sql.split(";")):
                    self.conn.execute(statement)
                if name in POST_MIGRATION:
                    POST_MIGRATION[name](self.conn)
                self.conn.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
            applied.append(name)
        return applied

    # --- writing ------------------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def add(self, record: Record, origin: str | None = None) -> bool:
        """Store a record; False (and nothing written) when its document is already stored."""
        return self.save(record, origin) is not None

    def save(self, record: Record, origin: str | None = None) -> Record | None:
        """Store a record and return it as stored, or None when its document is already stored.

        Near-duplicates of stored documents get ``duplicate_of`` and a syndication group here,
        in the same transaction as the document, so a crash cannot leave one without the other.
        A locked database is waited for and retried (:meth:`_retrying`).
        """
        return self.save_many([(record, origin)])[0]

    def save_many(self, records: Sequence[tuple[Record, str | None]]) -> list[Record | None]:
        """:meth:`save` for several (record, origin) pairs in one transaction.

        Each document is still stored whole or not at all, and so is the batch: a crash or an
        error stores none of it and leaves what was stored before as it was. One commit instead
        of one per document: a commit writes every page the document touched to the
        write-ahead log, and the documents of a batch touch many of the same index pages."""
        if not records:
            return []

        def once() -> list[Record | None]:
            with self.conn:
                saved = [self._save_in_transaction(record, origin) for record, origin in records]
                incidents.add_records(self.conn, [r for r in saved if r is not None])
                return saved
        return self._retrying(once)

    def _save_in_transaction(self, record: Record, origin: str | None) -> Record | None:
        """Store one record's document, rows and actors inside the caller's transaction; the
        caller clusters the stored records' events afterwards, all of its batch at once."""
        if self.has(record.document.id):
            return None
        document, entry, keys = self.dedup.examine(record.document)
        record = replace(record, document=document)
        d = record.document
        data = record.to_dict()
        self.conn.execute(
            "INSERT INTO documents (id, url, title, published, source_name, domain, language, origin, n_events,"
            " n_claims, n_contradictions, record, ingested_at, duplicate_of, syndication_group, similarity)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (d.id, d.url, d.title, d.published.value, d.source.name if d.source else None,
             d.source.domain if d.source else None, d.language, origin, len(record.events),
             len(record.claims), len(record.contradictions),
             json.dumps(data, ensure_ascii=False), _now(), d.duplicate_of, d.syndication_group, d.similarity))
        duplicates.add_copy(self.conn, d, origin)
        self.dedup.remember(entry, keys)
        rows.write_rows(self.conn, record)
        self.conn.executemany(
            "INSERT INTO actors VALUES (?,?,?,?,?,?)",
            [(d.id, a.id, a.name, a.kind, a.country, ",".join(a.sector)) for a in record.actors])
        return record

    def add_copy(self, document: Document, origin: str | None = None) -> bool:
        """Note another place an already-stored text was seen; False when this place is known too."""
        def once() -> bool:
            with self.conn:
                added = duplicates.add_copy(self.conn, document, origin)
                if added:
                    incidents.refresh_document(self.conn, document.id)
                return added
        return self._retrying(once)

    def document_list(self, outlet: str | None = None, limit: int = 100, offset: int = 0,
                      newest_first: bool = False) -> list[dict[str, Any]]:
        """Stored documents' metadata and counts (no text), optionally of one outlet."""
        sql = ("SELECT id, url, title, published, source_name, domain, language, n_events, n_claims, "
               "n_contradictions, duplicate_of, syndication_group, ingested_at FROM documents")
        params: list[Any] = []
        if outlet:
            sql += " WHERE domain LIKE ? ESCAPE '\\' OR source_name LIKE ? ESCAPE '\\'"
            params += [query._like_part(outlet)] * 2
        sql += " ORDER BY published DESC, rowid DESC" if newest_first else " ORDER BY rowid"
        return dicts(self.conn.execute(sql + " LIMIT ? OFFSET ?", [*params, limit, max(0, offset)]))

    def copies(self, doc_id: str) -> list[dict[str, Any]]:
        """Every place the text of ``doc_id`` was seen (url, outlet, date), first seen first."""
        return dicts(self.conn.execute(
            "SELECT url, domain, source_name, published, origin, seen_at FROM document_copies "
            "WHERE doc_id = ? ORDER BY seen_at, rowid", (doc_id,)))

    def syndication_group(self, group: str) -> list[dict[str, Any]]:
        """Documents of one group of near-identical texts, the original first."""
        return dicts(self.conn.execute(
            "SELECT id, url, domain, source_name, published, duplicate_of, similarity FROM documents "
            "WHERE id = ? OR syndication_group = ? ORDER BY rowid", (group, group)))

    def add_error(self, error: ErrorRecord) -> None:
        def once() -> None:
            with self.conn:
                self.conn.execute("INSERT OR IGNORE INTO errors (item, stage, code, message, document_id, "
                                  "created_at) VALUES (?,?,?,?,?,?)",
                                  (error.item, error.stage, error.code, error.message, error.document_id, _now()))
        self._retrying(once)

    # --- reading ------------------------------------------------------------------------

    def get(self, doc_id: str) -> Record:
        query = "SELECT record, syndication_group FROM documents WHERE "
        row = self.conn.execute(query + "id = ?", (doc_id,)).fetchone()
        if row is None:
            rows = self.conn.execute(query + "id LIKE ? LIMIT 2", (_prefix(doc_id) + "%",)).fetchall()
            if len(rows) != 1:
                raise NotFound(f"no document {doc_id!r} in {self.path}"
                               + (" (the prefix is ambiguous)" if rows else ""))
            row = rows[0]
        return _loaded(row)

    def records(self) -> Iterator[Record]:
        """Every stored record, in the order it was stored."""
        for row in self.conn.execute("SELECT record, syndication_group FROM documents ORDER BY rowid"):
            yield _loaded(row)

    def events(self, f: EventFilter | None = None) -> list[dict[str, Any]]:
        """Events matching ``f`` (one page of at most ``f.limit`` rows; see :meth:`event_page`)."""
        return query.events(self.conn, f or EventFilter()).rows

    def event_page(self, f: EventFilter | None = None) -> Page:
        """One page of events and the cursor of the next."""
        return query.events(self.conn, f or EventFilter())

    def count_events(self, f: EventFilter | None = None) -> int:
        return query.count(self.conn, f or EventFilter())

    def search(self, text: str, kind: str | None = None, limit: int = 20, offset: int = 0,
               marks: tuple[str, str] = ("[", "]")) -> list[dict[str, Any]]:
        """Full-text search over document texts and claims, best first."""
        return query.search(self.conn, text, kind, limit, offset, marks)

    def incidents(self, f: IncidentFilter | None = None) -> list[dict[str, Any]]:
        """Incident rows (id, type, status, date, place, counts of sources) matching ``f``."""
        return incidents.query(self.conn, f or IncidentFilter())

    def incident(self, incident_id: str) -> Incident:
        """One incident with every source's version (id or unique id prefix)."""
        return incidents.get(self.conn, incident_id)

    def incidents_of(self, doc_id: str) -> list[dict[str, Any]]:
        return incidents.of_document(self.conn, doc_id)

    def rebuild_incidents(self) -> int:
        """Cluster every stored document again (after the linking rules changed)."""
        def once() -> int:
            with self.conn:
                return incidents.rebuild(self.conn)
        return self._retrying(once)

    def errors(self, limit: int = 1000) -> list[dict[str, Any]]:
        return dicts(self.conn.execute(
            "SELECT * FROM errors ORDER BY id LIMIT ?", (limit,)))

    def summary(self) -> dict[str, Any]:
        one = self.conn.execute
        by_type = {r[0]: r[1] for r in one("SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY 2 DESC")}
        return {
            "documents": one("SELECT COUNT(*) FROM documents").fetchone()[0],
            "events": sum(by_type.values()), "events_by_type": by_type,
            "claims": one("SELECT COUNT(*) FROM claims").fetchone()[0],
            "contradictions": one("SELECT COALESCE(SUM(n_contradictions), 0) FROM documents").fetchone()[0],
            "errors": one("SELECT COUNT(*) FROM errors").fetchone()[0],
            "incidents": one("SELECT COUNT(*) FROM incidents").fetchone()[0],
            "incidents_by_status": {r[0]: r[1] for r in one(
                "SELECT status, COUNT(*) FROM incidents GROUP BY status ORDER BY 2 DESC")},
            "path": self.path,
        }


def _loaded(row: sqlite3.Row) -> Record:
    """A stored record, with the group it was given when a later copy joined it."""
    record = Record.from_dict(json.loads(row["record"]))
    group = row["syndication_group"]
    if group and record.document.syndication_group != group:
        record = replace(record, document=replace(record.document, syndication_group=group))
    return record


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _prefix(doc_id: str) -> str:
    s = doc_id if doc_id.startswith("sha256:") else "sha256:" + doc_id
    return s.replace("%", "").replace("_", "")
