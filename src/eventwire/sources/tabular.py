"""JSON lines and CSV: one document per line or row, with a field mapping.

Exports name their fields differently: our own JSONL says ``text``, news-please (the common
CC-NEWS extractor) says ``maintext`` and ``date_publish``, FA-KES says ``article_content``.
:class:`FieldMap` knows the usual names and takes a user mapping
(``--fields text=article_content,published=date``) that wins over them. A bad line or row is
an error record; the rest of the file goes on.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from eventwire.errors import EncodingError, EventwireError, InputTooLarge, MalformedRecord, UsageError
from eventwire.record import ErrorRecord
from eventwire.sources.encoding import decode
from eventwire.sources.raw import RawItem, ReadLimits, error_at, sniff_kind, truncation_note

CANONICAL: dict[str, tuple[str, ...]] = {
    "html": ("html", "raw_html", "content_html"),
    "text": ("text", "maintext", "content", "body", "article", "article_text", "article_content"),
    "url": ("url", "link", "uri", "article_url"),
    "title": ("title", "headline", "article_title"),
    "published": ("published", "date_publish", "publish_date", "published_at", "date", "datetime", "pubdate"),
    "source": ("source", "outlet", "source_name", "site", "sitename", "source_domain", "domain"),
    "author": ("author", "authors", "byline"),
}


@dataclass(frozen=True)
class FieldMap:
    """Which input field feeds each document field; ``overrides`` come from the user."""

    overrides: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, spec: str | None) -> FieldMap:
        """Parse ``text=article_content,published=date`` into a mapping; unknown targets are an error."""
        if not spec:
            return cls()
        out: dict[str, str] = {}
        for part in spec.split(","):
            target, sep, column = part.partition("=")
            target, column = target.strip(), column.strip()
            if not sep or not column:
                raise UsageError(f"bad field mapping {part!r}; write target=column, e.g. text=article_content")
            if target not in CANONICAL:
                raise UsageError(f"unknown field {target!r} in the mapping; use one of {', '.join(CANONICAL)}")
            out[target] = column
        return cls(out)

    def pick(self, row: Mapping[str, Any], target: str) -> Any:
        if target in self.overrides:
            return row.get(self.overrides[target])
        for name in CANONICAL[target]:
            if name in row and row[name] not in (None, ""):
                return row[name]
        return None


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return ", ".join(v.strip() for v in value if v.strip()) or None
    if isinstance(value, dict):
        return _as_text(value.get("name") or value.get("domain"))
    return None


def item_from_fields(row: Mapping[str, Any], where: str, fields: FieldMap, limits: ReadLimits) -> RawItem:
    html, text = _as_text(fields.pick(row, "html")), fields.pick(row, "text")
    text = text if isinstance(text, str) and text.strip() else None
    if html:
        content = html
        kind = "html"
    elif text:
        content = text
        kind = sniff_kind(text)
    else:
        wanted = fields.overrides.get("text") or "text"
        raise MalformedRecord(f"{where}: needs a non-empty {wanted!r} (or 'html') field")
    notes: tuple[str, ...] = ()
    encoded_length = len(content.encode("utf-8", "surrogatepass"))
    if encoded_length > limits.max_bytes:
        content = content.encode("utf-8", "surrogatepass")[:limits.max_bytes].decode("utf-8", "ignore")
        notes = (truncation_note(limits.max_bytes, encoded_length),)
    if any("\ud800" <= ch <= "\udfff" for ch in content):
        raise EncodingError(f"{where}: text is not valid UTF-8")
    return RawItem(origin=where, content=content, kind=kind,  # type: ignore[arg-type]
                   url=_as_text(fields.pick(row, "url")), title=_as_text(fields.pick(row, "title")),
                   published=_as_text(fields.pick(row, "published")),
                   source=_as_text(fields.pick(row, "source")), author=_as_text(fields.pick(row, "author")),
                   notes=notes)


def read_jsonl(stream: BinaryIO, origin: str, limits: ReadLimits,
               fields: FieldMap | None = None) -> Iterator[RawItem | ErrorRecord]:
    """Each line is one JSON object; overlong lines are skipped without being held in memory."""
    fields = fields or FieldMap()
    for number, line in enumerate(_bounded_lines(stream, limits.max_bytes), start=1):
        where = f"{origin}:{number}"
        if isinstance(line, EventwireError):
            yield error_at(where, line)
            continue
        if not line.strip():
            continue
        try:
            yield parse_jsonl_line(line, where, fields, limits)
        except EventwireError as exc:
            yield error_at(where, exc)


def parse_jsonl_line(line: bytes | str, where: str, fields: FieldMap | None = None,
                     limits: ReadLimits | None = None) -> RawItem:
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise EncodingError(f"{where} is not valid UTF-8") from None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedRecord(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise MalformedRecord(f"{where}: JSON nested too deeply") from None
    if not isinstance(obj, dict):
        raise MalformedRecord(f"{where}: expected a JSON object, got {type(obj).__name__}")
    return item_from_fields(obj, where, fields or FieldMap(), limits or ReadLimits())


def _bounded_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | EventwireError]:
    """Lines of at most ``max_bytes``; an overlong line is drained in bounded chunks and reported."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:
                rest = stream.readline(max_bytes)
                if not rest or rest.endswith(b"\n"):
                    break
            yield InputTooLarge(f"line longer than {max_bytes:,} bytes (raise --max-bytes to read it)")
            continue
        yield line


def read_csv(stream: BinaryIO, origin: str, limits: ReadLimits,
             fields: FieldMap | None = None) -> Iterator[RawItem | ErrorRecord]:
    """Rows of a CSV file with a header line; rows that cannot be read become error records."""
    fields = fields or FieldMap()
    head = stream.peek(4096)[:4096] if hasattr(stream, "peek") else b""
    if b"\x00" in head:
        yield error_at(origin, EncodingError(f"{origin} looks binary (NUL bytes), not CSV"))
        return
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        yield from _csv_rows(text, origin, limits, fields)
    finally:
        text.detach()  # the caller owns (and closes) the byte stream


def _csv_rows(text: io.TextIOWrapper, origin: str, limits: ReadLimits,
              fields: FieldMap) -> Iterator[RawItem | ErrorRecord]:
    csv.field_size_limit(max(limits.max_bytes, 131072))
    reader = csv.DictReader(text)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        yield error_at(origin, MalformedRecord(f"{origin}: cannot read the CSV header ({exc})"))
        return
    if not header:
        yield error_at(origin, MalformedRecord(f"{origin}: CSV file has no header line"))
        return
    missing = [c for c in fields.overrides.values() if c not in header]
    if missing:
        yield error_at(origin, UsageError(f"{origin}: no column named {', '.join(map(repr, missing))}; "
                                          f"the columns are {', '.join(header)}"))
        return
    failures = 0
    while True:
        where = f"{origin}:{reader.line_num + 1}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            failures += 1
            yield error_at(where, MalformedRecord(f"{where}: malformed CSV row ({exc})"))
            if failures > 1000:
                yield error_at(origin, MalformedRecord(f"{origin}: too many malformed rows; stopped"))
                return
            continue
        where = f"{origin}:{reader.line_num}"
        try:
            yield item_from_fields(row, where, fields, limits)
        except EventwireError as exc:
            yield error_at(where, exc)


def read_text_blob(data: bytes, origin: str, truncated: bool, total: int | None, declared_html: bool) -> RawItem:
    """A whole file as one document (``.txt``/``.html``); ``truncated`` says the rest was not read."""
    notes = [truncation_note(len(data), total)] if truncated else []
    looks_markup = data[:1024].lstrip().startswith(b"<")
    text, enc_notes = decode(data, origin, strict_utf8=not declared_html and not looks_markup)
    kind = "html" if declared_html else sniff_kind(text)
    return RawItem(origin=origin, content=text, kind=kind, notes=tuple(notes + enc_notes))
