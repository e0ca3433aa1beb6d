"""The store's side of duplicate detection: persistent MinHash signatures, LSH keys and copies.

``lsh_keys`` is a ``WITHOUT ROWID`` table keyed by (band key, document), so finding the
candidates of a new document is 32 index lookups whatever the size of the store. Exact copies
(the same cleaned text from another URL or outlet) share one document id; each place it was
seen is a row of ``document_copies``, which is what lets incidents count outlets, not texts.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from eventwire.dedupe import Entry
from eventwire.dedupe.minhash import from_bytes, signature, to_bytes
from eventwire.record import Document

MIGRATION = """
    ALTER TABLE documents ADD COLUMN duplicate_of TEXT;
    ALTER TABLE documents ADD COLUMN syndication_group TEXT;
    ALTER TABLE documents ADD COLUMN similarity REAL;
    CREATE INDEX documents_group ON documents(syndication_group);
    CREATE TABLE minhash (
        doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        signature BLOB NOT NULL, shingles INTEGER NOT NULL);
    CREATE TABLE lsh_keys (
        key INTEGER NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        PRIMARY KEY (key, doc_id)) WITHOUT ROWID;
    CREATE TABLE document_copies (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        locator TEXT NOT NULL, url TEXT, domain TEXT, source_name TEXT, published TEXT,
        origin TEXT, seen_at TEXT NOT NULL,
        PRIMARY KEY (doc_id, locator))
"""


class SqliteIndex:
    """:class:`~eventwire.dedupe.DuplicateIndex` over the store's connection (caller owns the transaction)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def candidates(self, keys: list[int]) -> list[str]:
        marks = ",".join("?" * len(keys))  # only placeholders are interpolated; keys are bound
        rows = self.conn.execute(
            f"SELECT DISTINCT l.doc_id FROM lsh_keys l JOIN documents d ON d.id = l.doc_id "
            f"WHERE l.key IN ({marks}) ORDER BY d.rowid", keys)
        return [r[0] for r in rows]

    def entry(self, doc_id: str) -> Entry | None:
        row = self.conn.execute(
            "SELECT m.signature, m.shingles, d.syndication_group FROM minhash m JOIN documents d ON d.id = m.doc_id "
            "WHERE m.doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        return Entry(doc_id, from_bytes(row[0]), int(row[1]), row[2])

    def add(self, entry: Entry, keys: list[int]) -> None:
        self.conn.execute("INSERT OR IGNORE INTO minhash VALUES (?,?,?)",
                          (entry.doc_id, to_bytes(entry.signature), entry.shingles))
        self.conn.executemany("INSERT OR IGNORE INTO lsh_keys VALUES (?,?)", [(k, entry.doc_id) for k in keys])

    def set_group(self, doc_id: str, group: str) -> None:
        self.conn.execute("UPDATE documents SET syndication_group = ? WHERE id = ? AND syndication_group IS NULL",
                          (group, doc_id))


def backfill(conn: sqlite3.Connection) -> None:
    """Signatures for documents stored before duplicate detection existed (migration 0003)."""
    import json

    from eventwire.dedupe.minhash import index_keys

    for doc_id, record in conn.execute("SELECT id, record FROM documents ORDER BY rowid").fetchall():
        text = json.loads(record)["document"]["text"]
        sig, size = signature(text)
        conn.execute("INSERT OR IGNORE INTO minhash VALUES (?,?,?)", (doc_id, to_bytes(sig), size))
        conn.executemany("INSERT OR IGNORE INTO lsh_keys VALUES (?,?)", [(k, doc_id) for k in index_keys(text, sig)])


def add_copy(conn: sqlite3.Connection, document: Document, origin: str | None) -> bool:
    """Record that ``document`` (already stored) was seen again; False if this place is known."""
    locator = document.url or origin or "(unknown)"
    cur = conn.execute(
        "INSERT OR IGNORE INTO document_copies VALUES (?,?,?,?,?,?,?,?)",
        (document.id, locator, document.url, document.source.domain if document.source else None,
         document.source.name if document.source else None, document.published.value, origin,
         datetime.now(UTC).isoformat(timespec="seconds")))
    return cur.rowcount > 0
