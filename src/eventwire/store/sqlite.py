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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eventwire.dedupe import Deduplicator
from eventwire.errors import NotFound, StoreError
from eventwire.incidents.summary import Incident
from eventwire.record import Document, ErrorRecord, Record
from eventwire.store import duplicates, incidents
from eventwire.store.incidents import IncidentFilter

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
]
POST_MIGRATION: dict[str, Callable[[sqlite3.Connection], None]] = {
    "0003_duplicates": duplicates.backfill,
    "0004_incidents": incidents.backfill,
}


def default_db_path() -> Path:
    return Path(os.environ.get("EVENTWIRE_DB") or "eventwire.db")


@dataclass(frozen=True, slots=True)
class EventFilter:
    type: str | None = None
    actor: str | None = None
    country: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    claimed_by: str | None = None
    limit: int = 1000


class Store:
    """A connection to one eventwire database; create tables on first use."""

    def __init__(self, path: str | Path = ":memory:", timeout: float = 30.0) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, timeout=timeout)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from None
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
        self.migrate()
        self.dedup = Deduplicator(duplicates.SqliteIndex(self.conn))

    def close(self) -> None:
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
        """
        with self.conn:
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
            self.conn.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                  list(_event_rows(record)))
            self.conn.executemany("INSERT INTO claims VALUES (?,?,?,?,?,?)", list(_claim_rows(record)))
            self.conn.executemany(
                "INSERT INTO actors VALUES (?,?,?,?,?,?)",
                [(d.id, a.id, a.name, a.kind, a.country, ",".join(a.sector)) for a in record.actors])
            incidents.add_record(self.conn, record)
        return record

    def add_copy(self, document: Document, origin: str | None = None) -> bool:
        """Note another place an already-stored text was seen; False when this place is known too."""
        with self.conn:
            added = duplicates.add_copy(self.conn, document, origin)
            if added:
                incidents.refresh_document(self.conn, document.id)
            return added

    def copies(self, doc_id: str) -> list[dict[str, Any]]:
        """Every place the text of ``doc_id`` was seen (url, outlet, date), first seen first."""
        return [dict(r) for r in self.conn.execute(
            "SELECT url, domain, source_name, published, origin, seen_at FROM document_copies "
            "WHERE doc_id = ? ORDER BY seen_at, rowid", (doc_id,))]

    def syndication_group(self, group: str) -> list[dict[str, Any]]:
        """Documents of one group of near-identical texts, the original first."""
        return [dict(r) for r in self.conn.execute(
            "SELECT id, url, domain, source_name, published, duplicate_of, similarity FROM documents "
            "WHERE id = ? OR syndication_group = ? ORDER BY rowid", (group, group))]

    def add_error(self, error: ErrorRecord) -> None:
        with self.conn:
            self.conn.execute("INSERT OR IGNORE INTO errors (item, stage, code, message, document_id, created_at) "
                              "VALUES (?,?,?,?,?,?)",
                              (error.item, error.stage, error.code, error.message,
                               error.document_id, _now()))

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

    def events(self, f: EventFilter) -> list[dict[str, Any]]:
        where: list[str] = []
        params: list[Any] = []
        if f.type:
            where.append("e.type = ?")
            params.append(f.type.upper())
        if f.actor:
            where.append("(e.source LIKE ? OR e.target LIKE ?)")
            params += [f"%{f.actor}%", f"%{f.actor}%"]
        if f.country:
            where.append("(e.source_country LIKE ? OR e.target_country LIKE ? OR e.place_country = ?)")
            params += [f"%{f.country.upper()}%", f"%{f.country.upper()}%", f.country.upper()]
        if f.place:
            where.append("e.place LIKE ?")
            params.append(f"%{f.place}%")
        if f.since:
            where.append("COALESCE(e.date, d.published) >= ?")
            params.append(f.since)
        if f.until:
            where.append("substr(COALESCE(e.date, d.published), 1, ?) <= ?")
            params += [len(f.until), f.until]
        if f.claimed_by:
            where.append("e.claimed_by LIKE ?")
            params.append(f"%{f.claimed_by}%")
        sql = ("SELECT e.*, d.title, d.url, d.published FROM events e JOIN documents d ON d.id = e.doc_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY COALESCE(e.date, d.published), e.doc_id, e.event_id LIMIT ?")
        params.append(f.limit)
        return [dict(r) for r in self.conn.execute(sql, params)]

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
        with self.conn:
            return incidents.rebuild(self.conn)

    def errors(self, limit: int = 1000) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT * FROM errors ORDER BY id LIMIT ?", (limit,))]

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


def _event_rows(record: Record) -> Iterator[tuple[Any, ...]]:
    d = record.document
    actors = {a.id: a for a in record.actors}
    places = {p.id: p for p in record.places}
    times = {t.id: t for t in record.times}
    claims = {c.id: c for c in record.claims}
    for e in record.events:
        def names(refs: tuple[Any, ...]) -> str:
            return "; ".join(actors[r.actor].name if r.actor in actors else r.text for r in refs)

        def countries(refs: tuple[Any, ...]) -> str:
            return ";".join(sorted({c for r in refs if r.actor in actors
                                    for c in [actors[r.actor].country] if c}))

        place = places.get(e.place.place) if e.place and e.place.place else None
        time = times.get(e.time.time) if e.time and e.time.time else None
        claim = claims.get(e.claim) if e.claim else None
        speaker = None
        if claim is not None:
            speaker = actors[claim.speaker].name if claim.speaker in actors else claim.speaker_text
        s = record.sentences[e.sentence] if e.sentence < len(record.sentences) else None
        yield (d.id, e.id, e.type, e.mode, e.cameo, e.trigger.text, e.sentence, e.factuality,
               names(e.source), countries(e.source), names(e.target), countries(e.target),
               place.name if place else None, place.country if place else None,
               place.lat if place else None, place.lon if place else None,
               time.value if time and time.value and not time.value.startswith("--") else None,
               e.claim, speaker, e.confidence, d.text[s.start:s.end] if s else None)


def _claim_rows(record: Record) -> Iterator[tuple[Any, ...]]:
    actors = {a.id: a for a in record.actors}
    for c in record.claims:
        speaker = actors[c.speaker].name if c.speaker in actors else c.speaker_text
        yield (record.document.id, c.id, speaker, c.kind, c.stance,
               record.document.text[c.content.start:c.content.end])
