"""Small helpers shared by tests."""

from __future__ import annotations

from pathlib import Path

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
