"""The store's side of incidents: mentions, blocking keys and incident summaries in SQLite.

Every stored document's events are filed as mentions (``incident_mentions``, with the
features clustering compares as JSON, their incident and their component of linked mentions),
with the links between them (``incident_links``), under their blocking keys (``incident_keys``, a
``WITHOUT ROWID`` table keyed by (key, document), so finding the candidates of a new document
is a few index lookups whatever the size of the store). Each mention also carries its probe
(the values that decide whether it may be linked at all) in a covering index, so the
candidates' mentions are probed without reading their full features, and its span (day,
publication, town) in another, keyed by component, so a touched component is partitioned again
without reading them either. ``incidents`` holds one row per incident with its status and
consensus values for filtering, and its full summary as JSON.

All of it is written in the transaction that stores the document (the caller owns it), so a
crash leaves a document either with its incidents or not stored at all.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from eventwire.errors import NotFound, UsageError
from eventwire.incidents.index import IncidentClusterer, Link, Span
from eventwire.incidents.linking import Probe, index_keys, probe
from eventwire.incidents.mentions import EventMention, mentions_from_record
from eventwire.incidents.summary import Incident, Outlet, summarise
from eventwire.record import Record
from eventwire.store.query import dicts

MIGRATION = """
    CREATE TABLE incidents (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, status TEXT NOT NULL, first_seen TEXT, date TEXT,
        place TEXT, country TEXT, lat REAL, lon REAL, n_events INTEGER NOT NULL,
        n_documents INTEGER NOT NULL, n_sources INTEGER NOT NULL, n_independent INTEGER NOT NULL,
        summary TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE INDEX incidents_status ON incidents(status);
    CREATE INDEX incidents_type ON incidents(type);
    CREATE INDEX incidents_date ON incidents(date);
    CREATE TABLE incident_mentions (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL, mention_key TEXT NOT NULL UNIQUE, incident_id TEXT NOT NULL,
        component_id TEXT NOT NULL, features TEXT NOT NULL, probe TEXT, span TEXT,
        PRIMARY KEY (doc_id, event_id));
    CREATE INDEX incident_mentions_incident ON incident_mentions(incident_id, mention_key);
    CREATE INDEX incident_mentions_component ON incident_mentions(component_id);
    CREATE TABLE incident_links (
        a TEXT NOT NULL, b TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
    CREATE INDEX incident_links_b ON incident_links(b);
    CREATE TABLE incident_keys (
        key TEXT NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        PRIMARY KEY (key, doc_id)) WITHOUT ROWID
"""

PROBE_COLUMN = "probe"
"""Each mention's :class:`~eventwire.incidents.linking.Probe`, so that a new document reads a few
hundred bytes per candidate mention instead of its full features. Created with the table since
migration 0008; added to older stores by :func:`add_probes`."""

SPAN_COLUMN = "span"
"""Each mention's :class:`~eventwire.incidents.index.Span`, read with its component from one
covering index (``incident_mentions_component_span``): a component of a busy story is
partitioned again for every document that links into it, and its members' full features are a
hundred times larger than what the partition reads. Created with the table since migration
0010; added to older stores by :func:`add_spans`."""

BACKFILL_BATCH = 2000



def bound_chunks(values: Sequence[str], size: int = 400) -> Iterator[tuple[list[str], str]]:
    """``values`` in slices of at most ``size`` (SQLite caps bound parameters), each with its
    ``?,?,…`` placeholders: only placeholders are ever put into SQL text, values are bound."""
    for start in range(0, len(values), size):
        chunk = list(values[start:start + size])
        yield chunk, ",".join("?" * len(chunk))


class MentionCache:
    """Decoded mentions, keyed by the JSON they are stored as.

    Every new document is compared with the stored mentions of its candidate documents, and the
    same recent documents are candidates again and again; decoding their JSON was a fifth of the
    time spent storing a document. The key is the stored text itself, so a cached mention can
    never be stale, whichever connection or process changed the store. First in, first out
    beyond ``size`` entries (about 1.5 KB each).
    """

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self._items: dict[str, EventMention] = {}
        self._lock = threading.Lock()

    def decode(self, features: str) -> EventMention:
        found = self._items.get(features)
        if found is not None:
            return found
        mention = _parse_mention(features)
        with self._lock:
            while self._items and len(self._items) >= self.size:
                del self._items[next(iter(self._items))]
            if self.size > 0:
                self._items[features] = mention
        return mention

    def __len__(self) -> int:
        return len(self._items)


def _parse_mention(features: str) -> EventMention:
    return EventMention.from_dict(json.loads(features))


class DocumentProbes:
    """Each stored document's probes (mention key, probe; by type), kept by document id.

    A new document probes the mentions of a few hundred candidate documents, and in a busy
    period the same documents are candidates for thousands of new ones: reading their probes
    again from SQLite was the largest cost of storing a document. Keyed by id, unlike
    :class:`MentionCache`, because a document's probes never change: a stored document is
    never rewritten (its id is its text's hash), its mentions are written once with it, and a
    rebuild derives the same probes from the same stored record. First in, first out beyond
    ``size`` documents (about 5 KB each).
    """

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self._items: dict[str, dict[str, list[tuple[str, Probe]]]] = {}
        self._lock = threading.Lock()

    def get(self, doc_id: str) -> dict[str, list[tuple[str, Probe]]] | None:
        """The document's (mention key, probe) pairs by event type, in key order."""
        return self._items.get(doc_id)

    def put(self, doc_id: str, probes: dict[str, list[tuple[str, Probe]]]) -> None:
        with self._lock:
            while self._items and len(self._items) >= self.size:
                del self._items[next(iter(self._items))]
            if self.size > 0:
                self._items[doc_id] = probes

    def __len__(self) -> int:
        return len(self._items)


_first_column = itemgetter(0)

MENTIONS = MentionCache()
"""The process's caches (the threads of a server share them)."""
PROBES = DocumentProbes()


class SqliteBackend:
    """:class:`~eventwire.incidents.index.IncidentBackend` over the store's connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _tuples(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Rows as plain tuples: the store's connection makes :class:`sqlite3.Row` objects, which
        cost more to build, and these queries return thousands of rows per new document."""
        cursor = self.conn.cursor()
        cursor.row_factory = None
        return cursor.execute(sql, params)

    def candidate_documents(self, keys: Sequence[str]) -> set[str]:
        out: set[str] = set()
        for chunk, marks in bound_chunks(sorted(set(keys))):  # keys are bound, never interpolated
            out.update(map(_first_column, self._tuples(
                f"SELECT DISTINCT doc_id FROM incident_keys WHERE key IN ({marks})", chunk)))
        return out

    def probes_of_documents(self, doc_ids: Sequence[str]) -> dict[str, dict[str, list[tuple[str, Probe]]]]:
        out: dict[str, dict[str, list[tuple[str, Probe]]]] = {}
        missing = []
        for doc_id in doc_ids:
            known = PROBES.get(doc_id)
            if known is None:
                missing.append(doc_id)
            else:
                out[doc_id] = known
        for chunk, marks in bound_chunks(missing):
            read: dict[str, dict[str, list[tuple[str, Probe]]]] = {}
            for doc_id, key, text in self._tuples(
                    f"SELECT doc_id, mention_key, probe FROM incident_mentions WHERE doc_id IN ({marks}) "
                    f"ORDER BY doc_id, mention_key", chunk):
                found = Probe.decode(text)
                read.setdefault(doc_id, {}).setdefault(found.type, []).append((key, found))
            for doc_id, by_type in read.items():
                PROBES.put(doc_id, by_type)
                out[doc_id] = by_type
        return out

    def mentions(self, keys: Sequence[str]) -> dict[str, EventMention]:
        out: dict[str, EventMention] = {}
        for chunk, marks in bound_chunks(list(keys)):
            for key, features in self._tuples(
                    f"SELECT mention_key, features FROM incident_mentions WHERE mention_key IN ({marks})", chunk):
                out[key] = MENTIONS.decode(features)
        missing = set(keys) - set(out)
        if missing:
            raise NotFound(f"no stored mention {min(missing)!r}")
        return out

    def component_of(self, mention_key: str) -> str:
        row = self.conn.execute("SELECT component_id FROM incident_mentions WHERE mention_key = ?",
                                (mention_key,)).fetchone()
        if row is None:
            raise NotFound(f"no stored mention {mention_key!r}")
        return str(row[0])

    def component(self, component: str) -> tuple[list[Span], list[Link], dict[str, str]]:
        rows = self._tuples("SELECT mention_key, incident_id, span FROM incident_mentions "
                            "WHERE component_id = ? ORDER BY mention_key", (component,)).fetchall()
        # Both ends of a link are in one component, so each link is found once from its first end.
        links = self._tuples("SELECT l.a, l.b, l.score FROM incident_mentions m "
                             "JOIN incident_links l ON l.a = m.mention_key WHERE m.component_id = ? "
                             "ORDER BY l.a, l.b", (component,)).fetchall()
        return [Span.decode(key, span) for key, _, span in rows], links, {key: inc for key, inc, _ in rows}

    def write(self, mentions: Sequence[EventMention], links: Sequence[Link], retired_components: Iterable[str],
              membership: dict[str, tuple[str, str]]) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO incident_mentions (doc_id, event_id, mention_key, incident_id, component_id, "
            "features, probe, span) VALUES (?,?,?,?,?,?,?,?)",
            [(m.doc_id, m.event_id, m.key, membership[m.key][1], membership[m.key][0],
              json.dumps(m.to_dict(), ensure_ascii=False), probe(m).encode(), Span.of(m).encode())
             for m in mentions])
        self.conn.executemany("INSERT OR IGNORE INTO incident_keys VALUES (?,?)",
                              sorted({(k, m.doc_id) for m in mentions for k in index_keys(m)}))
        self.conn.executemany("INSERT OR REPLACE INTO incident_links VALUES (?,?,?)", list(links))
        new = {m.key for m in mentions}
        self.conn.executemany(
            "UPDATE incident_mentions SET component_id = ?, incident_id = ? WHERE mention_key = ?",
            [(comp, inc, key) for key, (comp, inc) in sorted(membership.items()) if key not in new])

    def members(self, incidents: Sequence[str]) -> dict[str, list[EventMention]]:
        """The mentions of each incident, in key order; incidents without any are left out."""
        out: dict[str, list[EventMention]] = {}
        for chunk, marks in bound_chunks(sorted(set(incidents))):
            for incident, features in self._tuples(
                    f"SELECT incident_id, features FROM incident_mentions WHERE incident_id IN ({marks}) "
                    f"ORDER BY incident_id, mention_key", chunk):
                out.setdefault(incident, []).append(MENTIONS.decode(features))
        return out

    def outlets(self, doc_ids: Iterable[str]) -> dict[str, list[Outlet]]:
        """Every place each document's text was seen, as outlets."""
        wanted = sorted(set(doc_ids))
        out: dict[str, list[Outlet]] = {doc_id: [] for doc_id in wanted}
        for chunk, marks in bound_chunks(wanted):
            for doc_id, url, domain, source_name, published in self._tuples(
                    f"SELECT doc_id, url, domain, source_name, published FROM document_copies "
                    f"WHERE doc_id IN ({marks}) ORDER BY seen_at, rowid", chunk):
                out[doc_id].append(Outlet(domain or source_name or url or doc_id, published, url))
        return out


def add_record(conn: sqlite3.Connection, record: Record) -> set[str]:
    """Cluster a newly stored record's events and refresh the incidents they touch."""
    return add_records(conn, [record])


def add_records(conn: sqlite3.Connection, records: Sequence[Record]) -> set[str]:
    """Cluster newly stored records' events, as if one after the other, and refresh the
    incidents they touch: once each, however many of the records touch it (a summary is rebuilt
    from all of an incident's members, so once per batch rather than once per record)."""
    backend = SqliteBackend(conn)
    result = IncidentClusterer(backend).add_documents([mentions_from_record(r) for r in records])
    for old in result.retired:
        conn.execute("DELETE FROM incidents WHERE id = ?", (old,))
    refresh(conn, result.incidents)
    return result.incidents


def refresh_document(conn: sqlite3.Connection, doc_id: str) -> None:
    """Recompute the incidents of a document (after another copy of its text was seen)."""
    rows = conn.execute("SELECT DISTINCT incident_id FROM incident_mentions WHERE doc_id = ?", (doc_id,))
    refresh(conn, {r[0] for r in rows})


def refresh(conn: sqlite3.Connection, incidents: Iterable[str]) -> None:
    """Summarise ``incidents`` again from their stored members (and delete those left without
    any): their members and the outlets of their documents are read in one query each, since a
    batch of documents touches a few dozen incidents."""
    wanted = sorted(set(incidents))
    if not wanted:
        return
    backend = SqliteBackend(conn)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    members = backend.members(wanted)
    outlets = backend.outlets({m.doc_id for found in members.values() for m in found})
    gone, rows = [], []
    for incident_id in wanted:
        found = members.get(incident_id)
        if not found:
            gone.append((incident_id,))
            continue
        inc = summarise(incident_id, found, {doc_id: outlets[doc_id] for doc_id in {m.doc_id for m in found}})
        rows.append((inc.id, inc.type, inc.status, inc.first_seen, inc.time, inc.place, inc.country, inc.lat,
                     inc.lon, len(inc.events), len(inc.documents), inc.sources, inc.independent_sources,
                     json.dumps(inc.to_dict(), ensure_ascii=False), now))
    conn.executemany("DELETE FROM incidents WHERE id = ?", gone)
    conn.executemany("INSERT OR REPLACE INTO incidents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)


def rebuild(conn: sqlite3.Connection) -> int:
    """Cluster every stored document again, in the order they were stored; returns incidents."""
    conn.execute("DELETE FROM incidents")
    conn.execute("DELETE FROM incident_mentions")
    conn.execute("DELETE FROM incident_keys")
    conn.execute("DELETE FROM incident_links")
    ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY rowid")]
    for doc_id in ids:  # one record in memory at a time
        text, group = conn.execute("SELECT record, syndication_group FROM documents WHERE id = ?",
                                   (doc_id,)).fetchone()
        record = Record.from_dict(json.loads(text))
        if group and record.document.syndication_group != group:
            record = replace(record, document=replace(record.document, syndication_group=group))
        add_record(conn, record)
    return int(conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0])


def add_probes(conn: sqlite3.Connection) -> None:
    """Migrations 0008 and 0009: the probe column, where migration 0004 made the table without
    it, and the probe of every mention stored before."""
    _fill_column(conn, PROBE_COLUMN, lambda m: probe(m).encode())
    # Covering: the probes of a new document's candidates are read from this index alone, never
    # from the table's rows, which hold the full features (five times larger, on more pages).
    conn.execute("CREATE INDEX IF NOT EXISTS incident_mentions_probe ON incident_mentions"
                 "(doc_id, mention_key, probe)")


def add_spans(conn: sqlite3.Connection) -> None:
    """Migration 0010: the span column and the span of every mention stored before; the index
    by component becomes a covering one, from which a component is read without its rows, and
    links lose the index of their second ends."""
    _fill_column(conn, SPAN_COLUMN, lambda m: Span.of(m).encode())
    conn.execute("DROP INDEX IF EXISTS incident_mentions_component")
    # Links are read from their first end only (both ends are in one component): an index of
    # their second ends cost a page written per new link and was never read.
    conn.execute("DROP INDEX IF EXISTS incident_links_b")
    conn.execute("CREATE INDEX IF NOT EXISTS incident_mentions_component_span ON incident_mentions"
                 "(component_id, mention_key, incident_id, span)")


def _fill_column(conn: sqlite3.Connection, column: str, derive: Callable[[EventMention], str]) -> None:
    """Add ``column`` to the mentions where missing and set it, where it is NULL, from each
    mention's features: in batches, so that a large store is never read into memory at once."""
    if column not in (PROBE_COLUMN, SPAN_COLUMN):
        raise UsageError(f"no derived mention column {column!r}")  # column names are never taken from input
    have = {r[1] for r in conn.execute("PRAGMA table_info(incident_mentions)")}
    if column not in have:
        conn.execute(f"ALTER TABLE incident_mentions ADD COLUMN {column} TEXT")
    last = 0
    while True:
        rows = conn.execute(f"SELECT rowid, features FROM incident_mentions WHERE rowid > ? AND {column} IS NULL "
                            "ORDER BY rowid LIMIT ?", (last, BACKFILL_BATCH)).fetchall()
        if not rows:
            break
        conn.executemany(f"UPDATE incident_mentions SET {column} = ? WHERE rowid = ?",
                         [(derive(_parse_mention(features)), rowid) for rowid, features in rows])
        last = rows[-1][0]


def backfill(conn: sqlite3.Connection) -> None:
    """Incidents for documents stored before incidents existed (migration 0004)."""
    rebuild(conn)


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    type: str | None = None
    status: str | None = None
    country: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    min_sources: int | None = None
    min_independent: int | None = None
    sort: str = "sources"
    """"sources": most independent sources first; "latest": the most recently first seen first."""
    limit: int = 1000


INCIDENT_COLUMNS = ["id", "type", "status", "date", "place", "country", "n_events", "n_documents",
                    "n_sources", "n_independent", "first_seen"]


INCIDENT_ORDER = {"sources": "n_independent DESC, n_sources DESC, COALESCE(date, first_seen) DESC, id",
                  "latest": "first_seen DESC, n_independent DESC, id"}


def query(conn: sqlite3.Connection, f: IncidentFilter) -> list[dict[str, Any]]:
    """Incident rows matching ``f``, most sources first, then the latest (or the latest first)."""
    if f.sort not in INCIDENT_ORDER:
        raise UsageError(f"sort must be one of {', '.join(INCIDENT_ORDER)}")
    where: list[str] = []
    params: list[Any] = []
    if f.type:
        where.append("type = ?")
        params.append(f.type.upper())
    if f.status:
        where.append("status = ?")
        params.append(f.status)
    if f.country:
        where.append("country = ?")
        params.append(f.country.upper())
    if f.place:
        where.append("place LIKE ?")
        params.append(f"%{f.place}%")
    if f.since:
        where.append("substr(COALESCE(date, first_seen), 1, ?) >= ?")
        params += [len(f.since), f.since]
    if f.until:
        where.append("substr(COALESCE(date, first_seen), 1, ?) <= ?")
        params += [len(f.until), f.until]
    if f.min_sources:
        where.append("n_sources >= ?")
        params.append(f.min_sources)
    if f.min_independent:
        where.append("n_independent >= ?")
        params.append(f.min_independent)
    sql = ("SELECT " + ", ".join(INCIDENT_COLUMNS) + " FROM incidents"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY " + INCIDENT_ORDER[f.sort] + " LIMIT ?")
    params.append(f.limit)
    return dicts(conn.execute(sql, params))


def get(conn: sqlite3.Connection, incident_id: str) -> Incident:
    """One incident by id or unique id prefix."""
    row = conn.execute("SELECT summary FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    if row is None:
        prefix = incident_id if incident_id.startswith("inc:") else "inc:" + incident_id
        prefix = prefix.replace("%", "").replace("_", "")
        rows = conn.execute("SELECT summary FROM incidents WHERE id LIKE ? LIMIT 2", (prefix + "%",)).fetchall()
        if len(rows) != 1:
            raise NotFound(f"no incident {incident_id!r}" + (" (the prefix is ambiguous)" if rows else ""))
        row = rows[0]
    return Incident.from_dict(json.loads(row[0]))


def of_document(conn: sqlite3.Connection, doc_id: str) -> list[dict[str, Any]]:
    """The incidents a document's events belong to."""
    rows = conn.execute(
        "SELECT DISTINCT " + ", ".join("i." + c for c in INCIDENT_COLUMNS) + " FROM incident_mentions m "
        "JOIN incidents i ON i.id = m.incident_id WHERE m.doc_id = ? ORDER BY i.id", (doc_id,))
    return dicts(rows)
