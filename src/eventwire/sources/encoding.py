"""Bytes to text for pages whose declared encoding may be missing or wrong.

Web pages lie about their encoding: a page says ``charset=iso-8859-1`` but is UTF-8, or says
nothing at all. The order below follows what browsers and trafilatura effectively do, with one
rule made explicit: bytes that decode as strict UTF-8 and contain non-ASCII sequences are UTF-8
(random Latin-1 text is almost never valid UTF-8), whatever the page declares. Any decision
that overrides or guesses the encoding is returned as a note, so it is visible in the record.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from eventwire.errors import BinaryInput, EmptyInput, EncodingError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
            "ascii": "cp1252"}  # the WHATWG encoding standard reads these labels as windows-1252


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag within its first 4 KB, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = _ALIASES.get(label.lower(), label.lower())
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode(data: bytes, origin: str, declared: str | None = None, strict_utf8: bool = False) -> tuple[str, list[str]]:
    """Decode ``data`` and return the text with notes about any encoding decision.

    ``declared`` is the charset from an HTTP header (WARC) or ``None``; a ``<meta>`` charset in
    the bytes is used when no header gave one. ``strict_utf8`` refuses anything but UTF-8 (for
    plain-text inputs, where there is nothing to declare an encoding).
    """
    if not data.strip():
        raise EmptyInput(f"{origin} is empty")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(name), origin), []
            except UnicodeDecodeError:
                raise EncodingError(f"{origin} starts with a {name} byte-order mark but is not {name}") from None
    if b"\x00" in data[:8192]:
        raise BinaryInput(f"{origin} looks binary (NUL bytes); expected text, HTML, JSONL, CSV or WARC")
    notes: list[str] = []
    label = declared or declared_charset(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if strict_utf8:
            raise EncodingError(f"{origin} is not valid UTF-8 (byte {exc.start}); convert it to UTF-8 first") from None
    else:
        codec = _codec(label)
        if (codec and codec not in ("utf-8", "cp1252")) or (codec == "cp1252" and not data.isascii()):
            notes.append(f"declared charset {label!r} but the bytes are valid UTF-8; read as UTF-8")
        return _checked(text, origin), notes
    codec = _codec(label)
    if codec:
        try:
            return _checked(data.decode(codec), origin), notes
        except UnicodeDecodeError:
            notes.append(f"declared charset {label!r} does not fit the bytes")
    elif label:
        notes.append(f"unknown declared charset {label!r}")
    best = charset_normalizer.from_bytes(data[:256 * 1024]).best()
    if best is None or best.encoding is None:
        raise EncodingError(f"{origin}: cannot tell the text encoding (not UTF-8, no usable declaration)")
    notes.append(f"encoding guessed as {best.encoding}")
    return _checked(data.decode(best.encoding, errors="replace"), origin), notes


def _checked(text: str, origin: str) -> str:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * max(len(sample), 1):
        raise BinaryInput(f"{origin} is mostly control characters; expected text")
    return text
