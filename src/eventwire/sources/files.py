"""Read paths, globs, directories and stdin, choosing a reader by file type.

Supported: ``.txt``, ``.html``/``.htm``/``.xhtml``, ``.jsonl``/``.ndjson``, ``.csv``, ``.warc``,
each optionally gzipped (``.gz``), and stdin (sniffed). Every reader yields either a
:class:`RawItem` or an :class:`~eventwire.record.ErrorRecord`: a file that cannot be read
never stops the batch, and nothing is read whole except single documents, which are capped at
``max_bytes`` (the rest is not read; a note says so).
"""

from __future__ import annotations

import glob
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from eventwire.errors import (
    EventwireError,
    MissingInput,
    TruncatedInput,
    UnsupportedInput,
)
from eventwire.record import ErrorRecord
from eventwire.sources.compressed import GzipReader, is_gzip
from eventwire.sources.raw import MAX_BYTES, RawItem, ReadLimits, error_at, sniff_kind
from eventwire.sources.tabular import FieldMap, read_csv, read_jsonl, read_text_blob
from eventwire.sources.warc import ReadStats, read_warc

__all__ = ["MAX_BYTES", "RawItem", "ReadLimits", "ReadStats", "read_inputs", "sniff_kind"]

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
WARC_SUFFIXES = {".warc"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | WARC_SUFFIXES
_GLOB_CHARS = set("*?[")


def read_inputs(paths: Iterable[str], stdin: BinaryIO | None = None, max_bytes: int | None = None, *,
                limits: ReadLimits | None = None, fields: FieldMap | None = None,
                stats: ReadStats | None = None) -> Iterator[RawItem | ErrorRecord]:
    """Yield items for every path; ``-`` reads stdin, directories are walked, globs expanded."""
    limits = limits or ReadLimits(max_bytes=max_bytes or MAX_BYTES)
    fields = fields or FieldMap()
    stats = stats if stats is not None else ReadStats()
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _guarded("<stdin>", lambda s=stream: _read_stream(s, "<stdin>", None, limits, fields, stats))
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if _file_type(child) is None:
                    stats.skip(f"file of unsupported type {''.join(child.suffixes[-2:]) or '(none)'}")
                    continue
                yield from _guarded(str(child), lambda c=child: _read_file(c, limits, fields, stats))
        elif path.exists():
            yield from _guarded(str(path), lambda p=path: _read_file(p, limits, fields, stats))
        elif _GLOB_CHARS & set(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield error_at(raw, MissingInput(f"no file matches {raw!r}"))
            yield from read_inputs(matches, stdin, limits=limits, fields=fields, stats=stats)
        else:
            yield error_at(str(path), MissingInput(f"no such file or directory: {path}"))


def _guarded(origin: str, produce: object) -> Iterator[RawItem | ErrorRecord]:
    """Run a reader; what it raises becomes an error record after the items it already yielded."""
    assert callable(produce)
    try:
        yield from produce()
    except EventwireError as exc:
        yield error_at(origin, exc)
    except OSError as exc:
        yield error_at(origin, MissingInput(f"cannot read {origin}: {exc.strerror or exc}"))
    except (EOFError, ValueError) as exc:  # gzip/io edge cases not already mapped
        yield error_at(origin, TruncatedInput(f"{origin}: {exc}"))


def _file_type(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in KNOWN_SUFFIXES:
        return last
    if not last or len(last) > 6 or not last[1:].isalpha():
        return ""  # no real suffix: sniff the content
    return None


def _read_file(path: Path, limits: ReadLimits, fields: FieldMap,
               stats: ReadStats) -> Iterator[RawItem | ErrorRecord]:
    kind = _file_type(path)
    if kind is None:
        raise UnsupportedInput(f"{path}: unsupported file type {path.suffix!r} "
                               "(use .txt, .html, .jsonl, .csv or .warc, optionally .gz)")
    with path.open("rb") as fh:
        total = None if path.suffix.lower() == ".gz" else path.stat().st_size
        yield from _read_stream(fh, str(path), kind, limits, fields, stats, total)


def _read_stream(fh: BinaryIO, origin: str, kind: str | None, limits: ReadLimits, fields: FieldMap,
                 stats: ReadStats, total: int | None = None) -> Iterator[RawItem | ErrorRecord]:
    buffered: io.BufferedReader[Any] = fh if isinstance(fh, io.BufferedReader) else io.BufferedReader(fh)
    gz: GzipReader | None = None
    stream: io.BufferedReader[Any] = buffered
    if is_gzip(buffered.peek(3)[:3]):
        gz = GzipReader(buffered, max_ratio=limits.max_ratio, max_output=limits.max_expanded,
                        resync=kind in (".warc", None))
        stream = io.BufferedReader(gz, 64 * 1024)
        total = None
    head = stream.peek(1024)[:1024]
    if kind in ("", None):
        kind = _sniff(head)
    if kind == ".warc":
        yield from read_warc(stream, origin, limits, stats, gz)
        return
    if kind in JSONL_SUFFIXES:
        yield from read_jsonl(stream, origin, limits, fields)
    elif kind in CSV_SUFFIXES:
        yield from read_csv(stream, origin, limits, fields)
    else:
        data = stream.read(limits.max_bytes)
        truncated = bool(stream.read(1))
        if truncated:
            data = _trim_partial_utf8(data)
        yield read_text_blob(data, origin, truncated, total, declared_html=kind in HTML_SUFFIXES)
    if gz is not None and gz.problems:
        for problem in gz.problems:
            yield error_at(origin, TruncatedInput(f"{origin}: {problem}"))


def _sniff(head: bytes) -> str:
    start = head.lstrip()
    if start.startswith(b"WARC/1."):
        return ".warc"
    if start.startswith(b"{"):
        return ".jsonl"
    return ".txt"


def _trim_partial_utf8(data: bytes) -> bytes:
    """Drop a multi-byte UTF-8 character that truncation cut in half."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte & 0x80 == 0:
            return data
        if byte & 0xC0 == 0xC0:  # a lead byte: is its sequence complete?
            need = 2 if byte & 0xE0 == 0xC0 else 3 if byte & 0xF0 == 0xE0 else 4
            return data if back >= need else data[:-back]
    return data
