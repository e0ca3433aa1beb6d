"""A streaming WARC 1.0/1.1 reader that survives damaged archives.

Response (and resource) records whose payload is HTML become :class:`RawItem` with the
record's ``WARC-Target-URI`` and ``WARC-Date``; every other record type is skipped and counted.
We parse the format ourselves rather than through warcio (which the tests use to write real
archives) because a crawl archive must not be lost to one bad record: after a record whose
header or length is broken, this reader reports it and resynchronises on the next
``WARC/1.`` line, and a damaged gzip member costs only its own record. Memory stays flat: one
record at a time, payloads beyond ``max_bytes`` are skipped in chunks, not read.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from eventwire.errors import CorruptRecord, DecompressionBomb, EventwireError, TruncatedInput
from eventwire.record import ErrorRecord
from eventwire.sources.compressed import GzipReader
from eventwire.sources.encoding import decode
from eventwire.sources.raw import RawItem, ReadLimits, error_at, looks_like_html, truncation_note

MAX_HEADER_LINE = 64 * 1024
MAX_HEADER_LINES = 500
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


@dataclass
class ReadStats:
    """Counts a reader keeps for the ingest report: what was skipped, by kind."""

    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, what: str) -> None:
        self.skipped[what] = self.skipped.get(what, 0) + 1


class _Stream:
    """A byte stream with bounded line reads, chunked skipping and push-back."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.back = b""
        self.offset = 0

    def read(self, n: int) -> bytes:
        out = self.back[:n]
        self.back = self.back[n:]
        if len(out) < n:
            out += self.raw.read(n - len(out))
        self.offset += len(out)
        return out

    def readline(self, limit: int = MAX_HEADER_LINE) -> bytes:
        if self.back:
            nl = self.back.find(b"\n", 0, limit)
            if nl >= 0:
                return self.read(nl + 1)
            head = self.read(min(len(self.back), limit))
            if len(head) >= limit:
                return head
            line = head + self.raw.readline(limit - len(head))
            self.offset += len(line) - len(head)
            return line
        line = self.raw.readline(limit)
        self.offset += len(line)
        return line

    def skip(self, n: int) -> int:
        skipped = 0
        while skipped < n:
            chunk = self.read(min(1024 * 1024, n - skipped))
            if not chunk:
                break
            skipped += len(chunk)
        return skipped

    def unread(self, data: bytes) -> None:
        self.back = data + self.back
        self.offset -= len(data)


def read_warc(raw: BinaryIO, origin: str, limits: ReadLimits, stats: ReadStats | None = None,
              gzip_reader: GzipReader | None = None) -> Iterator[RawItem | ErrorRecord]:
    """Yield one item per HTML response record of an (already decompressed) WARC stream."""
    stream = _Stream(raw)
    stats = stats or ReadStats()
    reported = 0
    while True:
        if gzip_reader is not None and len(gzip_reader.problems) > reported:
            for problem in gzip_reader.problems[reported:]:
                yield error_at(origin, _gzip_problem(origin, problem))
            reported = len(gzip_reader.problems)
        at = stream.offset
        where = f"{origin}@{at}"
        try:
            record = _next_record(stream, where, limits)
        except (TruncatedInput, DecompressionBomb) as exc:
            yield error_at(where, exc)
            return
        except CorruptRecord as exc:
            yield error_at(where, exc)
            if not _resync(stream):
                break
            continue
        if record is None:
            break
        headers, block, total = record
        rtype = headers.get("warc-type", "").lower()
        if rtype not in ("response", "resource"):
            stats.skip(f"warc {rtype or 'untyped'} record")
            continue
        try:
            item = _to_item(headers, block, total, where, limits)
        except EventwireError as exc:
            yield error_at(where, exc)
            continue
        if item is None:
            stats.skip(f"warc {rtype} record that is not HTML")
            continue
        yield item
    if gzip_reader is not None:
        for problem in gzip_reader.problems[reported:]:
            yield error_at(origin, _gzip_problem(origin, problem))


def _gzip_problem(origin: str, problem: str) -> EventwireError:
    if "truncated" in problem:
        return TruncatedInput(f"{origin}: {problem}")
    return CorruptRecord(f"{origin}: {problem}")


def _next_record(stream: _Stream, where: str, limits: ReadLimits) -> tuple[dict[str, str], bytes, int] | None:
    line = stream.readline()
    while line in (b"\r\n", b"\n"):
        line = stream.readline()
    if not line:
        return None
    if not line.startswith(b"WARC/1."):
        raise CorruptRecord(f"{where}: expected a WARC/1.x record header, found {line[:40]!r}")
    headers: dict[str, str] = {}
    for _ in range(MAX_HEADER_LINES):
        line = stream.readline()
        if not line:
            raise TruncatedInput(f"{where}: archive ends inside a record header")
        if line in (b"\r\n", b"\n"):
            break
        name, sep, value = line.decode("utf-8", "replace").partition(":")
        if not sep:
            raise CorruptRecord(f"{where}: malformed WARC header line {line[:60]!r}")
        headers[name.strip().lower()] = value.strip()
    else:
        raise CorruptRecord(f"{where}: more than {MAX_HEADER_LINES} header lines")
    try:
        length = int(headers["content-length"])
        if length < 0:
            raise ValueError
    except (KeyError, ValueError):
        raise CorruptRecord(f"{where}: missing or invalid Content-Length") from None
    # HTTP headers + payload are both in the block; keep a little more than max_bytes of it.
    keep = min(length, limits.max_bytes + MAX_HEADER_LINE)
    block = stream.read(keep)
    if len(block) < keep or stream.skip(length - keep) < length - keep:
        nxt = block.find(b"\nWARC/1.")
        if nxt >= 0:  # the length is wrong, not the archive short: go on from the next record
            stream.unread(block[nxt + 1:])
            raise CorruptRecord(f"{where}: Content-Length {length:,} runs past the next record")
        raise TruncatedInput(f"{where}: archive ends inside a record ({length:,} bytes declared)")
    trailer = stream.read(4)
    for ending in (b"\r\n\r\n", b"\r\n", b"\n\n", b"\n"):
        if trailer.startswith(ending):
            stream.unread(trailer[len(ending):])
            break
    else:
        if trailer:
            # The declared length was wrong. If the next record starts inside what we read, give it back.
            tail = block + trailer
            nxt = tail.find(b"\nWARC/1.")
            stream.unread(tail[nxt + 1:] if nxt >= 0 else trailer)
            raise CorruptRecord(f"{where}: record length does not match its Content-Length")
    return headers, block, length


def _resync(stream: _Stream) -> bool:
    """Skip to the next line that starts a WARC record; False at the end of the stream."""
    while True:
        line = stream.readline()
        if not line:
            return False
        if line.startswith(b"WARC/1."):
            stream.unread(line)
            return True


def _to_item(headers: dict[str, str], block: bytes, total: int, where: str, limits: ReadLimits) -> RawItem | None:
    ctype = headers.get("content-type", "").lower()
    charset: str | None = None
    if "application/http" in ctype:
        head, sep, body = block.partition(b"\r\n\r\n")
        if not sep:
            head, sep, body = block.partition(b"\n\n")
        http = _http_headers(head)
        payload_type = http.get("content-type", "").lower()
        if not payload_type.startswith(_HTML_TYPES) and not (not payload_type and looks_like_html(body)):
            return None
        body = _decode_http(body, http, limits, where)
        m = _CHARSET.search(payload_type)
        charset = m.group(1) if m else None
    elif ctype.startswith(_HTML_TYPES) or (not ctype and looks_like_html(block)):
        body = block
        m = _CHARSET.search(ctype)
        charset = m.group(1) if m else None
    else:
        return None
    notes: list[str] = []
    if len(body) > limits.max_bytes or total > len(block):
        body = body[:limits.max_bytes]
        notes.append(truncation_note(len(body), total))
    text, enc_notes = decode(body, where, declared=charset)
    return RawItem(origin=where, content=text, kind="html", url=headers.get("warc-target-uri") or None,
                   warc_date=headers.get("warc-date") or None, notes=tuple(notes + enc_notes))


def _http_headers(head: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in head.decode("latin-1").splitlines()[1:]:
        name, sep, value = line.partition(":")
        if sep:
            out[name.strip().lower()] = value.strip()
    return out


def _decode_http(body: bytes, http: dict[str, str], limits: ReadLimits, where: str) -> bytes:
    """Undo chunked transfer encoding and gzip/deflate content encoding, within the caps."""
    if "chunked" in http.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    encoding = http.get("content-encoding", "").lower().strip()
    if encoding in ("gzip", "x-gzip", "deflate"):
        wbits = 31 if "gzip" in encoding else 15
        try:
            d = zlib.decompressobj(wbits)
            out = d.decompress(body, limits.max_bytes + 1)
        except zlib.error:
            try:
                out = zlib.decompressobj(-15).decompress(body, limits.max_bytes + 1)
            except zlib.error as exc:
                raise CorruptRecord(f"{where}: payload says {encoding} but cannot be decompressed ({exc})") from None
        if len(out) > limits.max_ratio * max(len(body), 1) and len(out) > 1024 * 1024:
            raise DecompressionBomb(f"{where}: {encoding} payload expands more than {limits.max_ratio:g}×")
        body = out
    return body


def _dechunk(body: bytes) -> bytes:
    out, pos = bytearray(), 0
    while pos < len(body):
        nl = body.find(b"\r\n", pos)
        if nl < 0:
            break
        try:
            size = int(body[pos:nl].split(b";")[0].strip() or b"0", 16)
        except ValueError:
            return body  # not really chunked; keep the bytes as they are
        if size == 0:
            break
        out += body[nl + 2:nl + 2 + size]
        pos = nl + 2 + size + 2
    return bytes(out)
