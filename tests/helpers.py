"""Small helpers shared by tests."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from eventwire.incidents.mentions import EventMention, Party
from eventwire.ingest import extract_text
from eventwire.record import ActorRef, Record


def record_of(text: str, published: str | None = "2020-02-20") -> Record:
    return extract_text(text, published=published)


def events_by_trigger(record: Record) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e in record.events:
        out.setdefault(e.trigger.text, []).append(e.type)
    return out


def actor_name(record: Record, actor_id: str | None) -> str | None:
    return next((a.name for a in record.actors if a.id == actor_id), None)


def actor_country(record: Record, ref: ActorRef) -> str | None:
    """The country of the actor an event argument names."""
    return next((a.country for a in record.actors if a.id == ref.actor), None)


KADUGLI = "Rebels shelled the town of Kadugli on Sunday, killing 12 civilians, local officials said."
KADUGLI_LATER = "The army said on Monday it had retaken the road to Kadugli after two days of fighting."
"""Two short stories for store tests: one stored first, the other written during a test."""


def store_with_one_story(path: Path) -> Path:
    """A new SQLite store at ``path`` holding :data:`KADUGLI`, extracted for real."""
    from eventwire.store import Store

    with Store(path) as store:
        store.add(record_of(KADUGLI), "first")
    return path


def event_mention(doc: str, event: str = "e1", **kw: object) -> EventMention:
    """An event mention of a shelling in Kadugli, with ``kw`` changed (incident tests)."""
    base: dict[str, object] = dict(
        doc_id=doc, event_id=event, type="ASSAULT", cameo="195", trigger="shell", factuality="asserted",
        sources=(Party("Rebels", "SDN", ("REB",)),), targets=(Party("civilians", None, ("CVL",)),),
        place="Kadugli", place_country="SDN", place_precision="city", lat=11.01, lon=29.72,
        date="2025-03-09", date_precision="day", earliest="2025-03-09", latest="2025-03-09",
        published="2025-03-10", count=12, group=doc, outlet=f"{doc}.example",
        sentence="Rebels shelled Kadugli on Sunday, killing 12 civilians.",
        terms=frozenset({"rebel", "shell", "kadugli", "sunday", "kill", "12", "civilian"}))
    base.update(kw)
    return EventMention(**base)  # type: ignore[arg-type]


def wait_until(condition, seconds: float = 30.0, poll: float = 0.1) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``condition()`` holds within ``seconds`` (asked every ``poll`` seconds)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(poll)
    return bool(condition())


def db_rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` read through a connection of the test's own, closed after: what
    another process or a later run would find in the file, whatever the code under test holds."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()
