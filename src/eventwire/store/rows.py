"""Flat rows of a record for the store's query tables: one row per event, claim and text.

The full record stays in ``documents.record`` as JSON; these rows exist so that filters,
full-text search and exports need no JSON parsing. They are rebuilt from the records by a
migration whenever their columns change, so they can never disagree with the records.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from eventwire.incidents.mentions import date_interval
from eventwire.record import ActorRef, Record

EVENT_COLUMNS = (
    "doc_id", "event_id", "type", "mode", "cameo", "trigger", "sentence", "factuality",
    "source", "source_country", "source_sector", "target", "target_country", "target_sector",
    "place", "place_country", "admin1", "geonames_id", "place_precision", "lat", "lon",
    "date", "date_precision", "date_start", "date_end", "day", "claim_id", "claimed_by", "contested",
    "confidence", "outlet", "evidence")
"""Columns of ``events``, in the order :func:`event_rows` fills them."""

ACTORS_SCHEMA = "CREATE VIRTUAL TABLE event_actors USING fts5(names, tokenize = 'trigram')"
"""Trigram index of each event's source and target names (rowid = the event's rowid): substring
filters on actors ("Sharaa" finds "Ahmed al-Sharaa") read it instead of every event."""

POINTS_SCHEMA = "CREATE VIRTUAL TABLE event_points USING rtree(id, min_lat, max_lat, min_lon, max_lon)"
"""R*Tree of events' coordinates (id = the event's rowid): bounding-box filters read it."""

SEARCH_SCHEMA = ("CREATE VIRTUAL TABLE search USING fts5(doc_id UNINDEXED, claim_id UNINDEXED, kind UNINDEXED, "
                 "title, body, tokenize = 'unicode61 remove_diacritics 2')")


def event_rows(record: Record) -> Iterator[tuple[Any, ...]]:
    d = record.document
    actors = {a.id: a for a in record.actors}
    places = {p.id: p for p in record.places}
    times = {t.id: t for t in record.times}
    claims = {c.id: c for c in record.claims}
    disputed = {k.event for k in record.contradictions if k.event}
    disputed |= {e.id for e in record.events if e.claim and claims.get(e.claim) is not None
                 and claims[e.claim].stance == "denies"}
    outlet = (d.source.domain or d.source.name) if d.source else None

    def names(refs: tuple[ActorRef, ...]) -> str:
        return "; ".join(actors[r.actor].name if r.actor in actors else r.text for r in refs)

    def countries(refs: tuple[ActorRef, ...]) -> str:
        return ";".join(sorted({c for r in refs if r.actor in actors for c in [actors[r.actor].country] if c}))

    def sectors(refs: tuple[ActorRef, ...]) -> str:
        return ";".join(sorted({s for r in refs if r.actor in actors for s in actors[r.actor].sector}))

    for e in record.events:
        place = places.get(e.place.place) if e.place and e.place.place else None
        time = times.get(e.time.time) if e.time and e.time.time else None
        value = time.value if time and time.type == "date" and time.value and not time.value.startswith("--") \
            else None
        interval = date_interval(value) if value else None
        claim = claims.get(e.claim) if e.claim else None
        speaker = None
        if claim is not None:
            speaker = actors[claim.speaker].name if claim.speaker in actors else claim.speaker_text
        s = record.sentences[e.sentence] if e.sentence < len(record.sentences) else None
        yield (d.id, e.id, e.type, e.mode, e.cameo, e.trigger.text, e.sentence, e.factuality,
               names(e.source), countries(e.source), sectors(e.source),
               names(e.target), countries(e.target), sectors(e.target),
               place.name if place else None, place.country if place else None, place.admin1 if place else None,
               place.geonames_id if place else None, place.precision if place else None,
               place.lat if place else None, place.lon if place else None,
               value, time.precision if value and time else None,
               interval[0].isoformat() if interval else None, interval[1].isoformat() if interval else None,
               interval[0].isoformat() if interval else (d.published.value or "")[:10],
               e.claim, speaker, int(e.id in disputed), e.confidence, outlet,
               d.text[s.start:s.end] if s else None)


def claim_rows(record: Record) -> Iterator[tuple[Any, ...]]:
    actors = {a.id: a for a in record.actors}
    for c in record.claims:
        speaker = actors[c.speaker].name if c.speaker in actors else c.speaker_text
        yield (record.document.id, c.id, speaker, c.kind, c.stance,
               record.document.text[c.content.start:c.content.end])


def search_rows(record: Record) -> Iterator[tuple[Any, ...]]:
    """The document's text and each claim's content, for full-text search."""
    d = record.document
    yield (d.id, None, "document", d.title or "", d.text)
    for c in record.claims:
        yield (d.id, c.id, "claim", d.title or "", d.text[c.content.start:c.content.end])


def write_rows(conn: sqlite3.Connection, record: Record) -> None:
    """Insert the flat rows of a record (the caller owns the transaction)."""
    marks = ",".join("?" * len(EVENT_COLUMNS))
    conn.executemany(f"INSERT INTO events ({','.join(EVENT_COLUMNS)}) VALUES ({marks})", list(event_rows(record)))
    index_actors(conn, record.document.id)
    index_points(conn, record.document.id)
    conn.executemany("INSERT INTO claims VALUES (?,?,?,?,?,?)", list(claim_rows(record)))
    conn.executemany("INSERT INTO search (doc_id, claim_id, kind, title, body) VALUES (?,?,?,?,?)",
                     list(search_rows(record)))


def index_actors(conn: sqlite3.Connection, doc_id: str | None = None) -> None:
    """Add the actor names of a document's events (or of every event) to ``event_actors``."""
    sql = ("INSERT INTO event_actors (rowid, names) SELECT rowid, COALESCE(source, '') || ' | ' || "
           "COALESCE(target, '') FROM events")
    if doc_id is None:
        conn.execute(sql)
    else:
        conn.execute(sql + " WHERE doc_id = ?", (doc_id,))


def index_points(conn: sqlite3.Connection, doc_id: str | None = None) -> None:
    """Add the coordinates of a document's events (or of every event) to ``event_points``."""
    sql = "INSERT INTO event_points SELECT rowid, lat, lat, lon, lon FROM events WHERE lat IS NOT NULL"
    if doc_id is None:
        conn.execute(sql)
    else:
        conn.execute(sql + " AND doc_id = ?", (doc_id,))


MIGRATION = f"""
    DROP TABLE events;
    DROP TABLE claims;
    CREATE TABLE events (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, cameo TEXT, trigger TEXT,
        sentence INTEGER, factuality TEXT, source TEXT, source_country TEXT, source_sector TEXT,
        target TEXT, target_country TEXT, target_sector TEXT, place TEXT, place_country TEXT,
        admin1 TEXT, geonames_id INTEGER, place_precision TEXT, lat REAL, lon REAL,
        date TEXT, date_precision TEXT, date_start TEXT, date_end TEXT, day TEXT NOT NULL, claim_id TEXT,
        claimed_by TEXT, contested INTEGER NOT NULL DEFAULT 0, confidence REAL, outlet TEXT,
        evidence TEXT, PRIMARY KEY (doc_id, event_id));
    CREATE INDEX events_day ON events(day, doc_id, event_id);
    CREATE INDEX events_type ON events(type, day, doc_id, event_id);
    CREATE INDEX events_doc ON events(doc_id);
    CREATE INDEX events_vague ON events(day, date_end) WHERE date_end > day;
    CREATE INDEX events_cameo ON events(cameo);
    CREATE INDEX events_place_country ON events(place_country);
    CREATE TABLE claims (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        claim_id TEXT NOT NULL, speaker TEXT, kind TEXT, stance TEXT, content TEXT,
        PRIMARY KEY (doc_id, claim_id));
    {SEARCH_SCHEMA};
    {ACTORS_SCHEMA};
    {POINTS_SCHEMA}
"""
"""Migration 0005: richer event rows (sectors, admin1, date interval, contested, outlet, and
``day``: the first day of the event's date, or its publication day, which orders every listing
through an index), full-text search. The post-migration step refills the rows from the stored records."""


def backfill(conn: sqlite3.Connection) -> None:
    import json

    ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY rowid")]
    for doc_id in ids:
        (text,) = conn.execute("SELECT record FROM documents WHERE id = ?", (doc_id,)).fetchone()
        write_rows(conn, Record.from_dict(json.loads(text)))
