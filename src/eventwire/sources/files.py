"""Read ``.txt``, ``.html``/``.htm``, ``.jsonl`` files, directories (recursively) and stdin.

Every reader yields either a :class:`RawItem` or an :class:`~eventwire.record.ErrorRecord`;
a file that cannot be read never stops the batch. Sizes are checked before reading so that a
huge file costs nothing but a ``stat``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

from eventwire.errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    EventwireError,
    InputTooLarge,
    MalformedRecord,
    MissingInput,
    UnsupportedInput,
    code_of,
)
from eventwire.record import ErrorRecord

MAX_BYTES = 20 * 1024 * 1024
"""Largest single document (or JSONL line) accepted; news articles are far smaller."""

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass(frozen=True, slots=True)
class RawItem:
    """One document as read: decoded text plus whatever metadata the source carried."""

    origin: str
    """Where it came from: a path, ``path:line`` for JSONL, or ``<stdin>``."""
    content: str
    kind: Literal["text", "html"]
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def read_inputs(paths: Iterable[str], stdin: BinaryIO | None = None,
                max_bytes: int = MAX_BYTES) -> Iterator[RawItem | ErrorRecord]:
    """Yield items for every path; ``-`` reads stdin, directories are walked recursively."""
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _guarded("<stdin>", lambda s=stream: _read_stream(s, max_bytes))
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.startswith("."):
                    continue
                yield from _guarded(str(child), lambda c=child: _read_file(c, max_bytes))
        elif path.exists():
            yield from _guarded(str(path), lambda p=path: _read_file(p, max_bytes))
        else:
            yield _error(str(path), MissingInput(f"no such file or directory: {path}"))


def _guarded(origin: str, produce: object) -> Iterator[RawItem | ErrorRecord]:
    assert callable(produce)
    try:
        yield from produce()
    except EventwireError as exc:
        yield _error(origin, exc)
    except OSError as exc:
        yield _error(origin, MissingInput(f"cannot read {origin}: {exc.strerror or exc}"))


def _error(origin: str, exc: BaseException) -> ErrorRecord:
    message = exc.message if isinstance(exc, EventwireError) else str(exc)
    return ErrorRecord(item=origin, stage="read", code=code_of(exc), message=message)


def _read_file(path: Path, max_bytes: int) -> Iterator[RawItem | ErrorRecord]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        with path.open("rb") as fh:
            yield from read_jsonl(fh, str(path), max_bytes)
        return
    size = path.stat().st_size
    if size > max_bytes:
        raise InputTooLarge(f"{path} is {size:,} bytes; the limit is {max_bytes:,} "
                            "(split it, or raise --max-bytes)")
    data = path.read_bytes()
    if suffix in HTML_SUFFIXES:
        yield RawItem(origin=str(path), content=decode(data, str(path)), kind="html")
    elif suffix in TEXT_SUFFIXES or not suffix:
        text = decode(data, str(path))
        yield RawItem(origin=str(path), content=text, kind=sniff_kind(text))
    else:
        raise UnsupportedInput(f"{path}: unsupported file type {suffix!r} "
                               "(use .txt, .html, .htm or .jsonl)")


def _read_stream(stream: BinaryIO, max_bytes: int) -> Iterator[RawItem | ErrorRecord]:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLarge(f"stdin is larger than {max_bytes:,} bytes")
    text = decode(data, "<stdin>")
    first = text.lstrip()[:1]
    if first == "{":
        yield from read_jsonl_text(text, "<stdin>", max_bytes)
    else:
        yield RawItem(origin="<stdin>", content=text, kind=sniff_kind(text))


def decode(data: bytes, origin: str) -> str:
    """Decode UTF-8 (with or without BOM); refuse binary data and other encodings clearly."""
    if not data.strip():
        raise EmptyInput(f"{origin} is empty")
    if b"\x00" in data[:8192]:
        raise BinaryInput(f"{origin} looks binary (NUL bytes); expected text, HTML or JSONL")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(f"{origin} is not valid UTF-8 (byte {exc.start}); "
                            "convert it to UTF-8 first") from None
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        raise BinaryInput(f"{origin} is mostly control characters; expected text")
    return text


def sniff_kind(text: str) -> Literal["text", "html"]:
    head = text.lstrip()[:512].lower()
    return "html" if head.startswith(("<!doctype html", "<html")) or "<body" in head else "text"


def read_jsonl(stream: BinaryIO, origin: str, max_bytes: int) -> Iterator[RawItem | ErrorRecord]:
    """Each line is one document; a bad line is an error record and the rest goes on."""
    for number, line in enumerate(_bounded_lines(stream, max_bytes), start=1):
        where = f"{origin}:{number}"
        if isinstance(line, EventwireError):
            yield _error(where, line)
            continue
        if not line.strip():
            continue
        try:
            yield parse_jsonl_line(line.decode("utf-8-sig"), where)
        except UnicodeDecodeError:
            yield _error(where, EncodingError(f"{where} is not valid UTF-8"))
        except EventwireError as exc:
            yield _error(where, exc)


def read_jsonl_text(text: str, origin: str, max_bytes: int) -> Iterator[RawItem | ErrorRecord]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            yield parse_jsonl_line(line, where)
        except EventwireError as exc:
            yield _error(where, exc)


def _bounded_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | EventwireError]:
    """Lines of at most ``max_bytes``; an overlong line is skipped without loading it."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # drain the rest of the overlong line in bounded chunks
                rest = stream.readline(max_bytes)
                if not rest or rest.endswith(b"\n"):
                    break
            yield InputTooLarge(f"line longer than {max_bytes:,} bytes")
            continue
        yield line


def parse_jsonl_line(line: str, where: str) -> RawItem:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedRecord(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise MalformedRecord(f"{where}: expected a JSON object, got {type(obj).__name__}")
    html, text = obj.get("html"), obj.get("text")
    if isinstance(html, str) and html.strip():
        content, kind = html, "html"
    elif isinstance(text, str) and text.strip():
        content, kind = text, "text"
    else:
        raise MalformedRecord(f"{where}: needs a non-empty 'text' or 'html' string field")

    def opt(key: str) -> str | None:
        value = obj.get(key)
        return value if isinstance(value, str) and value.strip() else None

    source = obj.get("source")
    if isinstance(source, dict):
        source = source.get("name") or source.get("domain")
    return RawItem(origin=where, content=content, kind=kind,  # type: ignore[arg-type]
                   url=opt("url"), title=opt("title"), published=opt("published"),
                   source=source if isinstance(source, str) else None)
