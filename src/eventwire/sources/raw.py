"""What every reader yields: a :class:`RawItem`, or an error record for what it could not read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from eventwire.errors import EventwireError, code_of
from eventwire.record import ErrorRecord
from eventwire.sources.compressed import MAX_OUTPUT, MAX_RATIO

MAX_BYTES = 20 * 1024 * 1024
"""Largest single document kept; longer documents are truncated to it (news articles are far smaller)."""

Kind = Literal["text", "html"]


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """The caps every reader honours; all configurable from the CLI."""

    max_bytes: int = MAX_BYTES
    """Per document: longer documents are truncated to this many bytes and a note says so."""
    max_ratio: float = MAX_RATIO
    """Per compressed file: stop when output exceeds this multiple of the input read so far."""
    max_expanded: int = MAX_OUTPUT
    """Per compressed file: stop when output exceeds this many bytes."""


@dataclass(frozen=True, slots=True)
class RawItem:
    """One document as read: decoded text plus whatever metadata the source carried."""

    origin: str
    """Where it came from: a path, ``path:line`` for JSONL/CSV, ``path@offset`` for WARC, or ``<stdin>``."""
    content: str
    kind: Kind
    url: str | None = None
    title: str | None = None
    published: str | None = None
    """A date from the source's own metadata (JSONL/CSV field, page metadata)."""
    source: str | None = None
    """The outlet's name, if the source gave it."""
    author: str | None = None
    warc_date: str | None = None
    """The crawl time of a WARC record: a fallback for the publication date."""
    notes: tuple[str, ...] = ()
    """Things the reader had to decide (encoding guessed, content truncated)."""


def error_at(origin: str, exc: BaseException) -> ErrorRecord:
    message = exc.message if isinstance(exc, EventwireError) else f"{type(exc).__name__}: {exc}"
    return ErrorRecord(item=origin, stage="read", code=code_of(exc), message=message)


def truncation_note(kept: int, total: int | None) -> str:
    size = f"of {total:,} bytes" if total is not None else "bytes; the rest was not read"
    return f"truncated: kept the first {kept:,} {size} (raise --max-bytes to keep more)"


def looks_like_html(head: bytes | str) -> bool:
    """Markup at the start of a document: a doctype, an <html>, <head> or <body> tag."""
    raw = head[:1024]
    text = (raw.decode("latin-1") if isinstance(raw, bytes) else raw).lstrip().lower()
    return text.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in text or "<head" in text


def sniff_kind(text: str) -> Kind:
    return "html" if looks_like_html(text) else "text"
