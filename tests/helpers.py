"""Small helpers shared by tests."""

from __future__ import annotations

from eventwire.ingest import extract_text
from eventwire.record import Record


def record_of(text: str, published: str | None = "2020-02-20") -> Record:
    return extract_text(text, published=published)


def events_by_trigger(record: Record) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e in record.events:
        out.setdefault(e.trigger.text, []).append(e.type)
    return out


def actor_name(record: Record, actor_id: str | None) -> str | None:
    return next((a.name for a in record.actors if a.id == actor_id), None)
