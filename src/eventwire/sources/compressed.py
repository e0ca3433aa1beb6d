"""Gzip streams that cannot exhaust memory or disk: capped expansion, truncation, resync.

``gzip.open`` would do for friendly files. Crawled archives are not friendly: a truncated
download ends mid-member, a gzip bomb expands a kilobyte into gigabytes, and one damaged
member in a multi-member WARC.gz should cost one record, not the rest of the file. This
reader decompresses chunk by chunk with :mod:`zlib` and

* stops with :class:`DecompressionBomb` once the output exceeds ``max_ratio`` times the input
  consumed so far (checked only after ``ratio_grace`` bytes, so tiny files with a high ratio
  are fine) or ``max_output`` bytes in total;
* reports a stream that ends inside a member as :class:`TruncatedInput` *after* handing out
  every byte that was decoded, so complete records before the damage are kept;
* with ``resync=True``, skips a damaged member by searching for the next gzip header and
  records the skip in :attr:`problems`, so the caller can report it and go on.
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

from eventwire.errors import DecompressionBomb, TruncatedInput

GZIP_MAGIC = b"\x1f\x8b\x08"
CHUNK = 64 * 1024

MAX_RATIO = 200
"""Default cap on decompressed/compressed size. Text and HTML compress 3–15×; 200× is a bomb."""
MAX_OUTPUT = 8 * 1024**3
"""Default cap on the decompressed size of one file (8 GiB; a day of CC-NEWS is ~1 GiB gz)."""


def is_gzip(path_or_head: bytes) -> bool:
    return path_or_head[:3] == GZIP_MAGIC


class GzipReader(io.RawIOBase):
    """A readable raw stream over a (multi-member) gzip file with the caps described above."""

    def __init__(self, raw: BinaryIO, *, max_ratio: float = MAX_RATIO, max_output: int = MAX_OUTPUT,
                 ratio_grace: int = 1024 * 1024, resync: bool = False) -> None:
        self.raw = raw
        self.max_ratio = max_ratio
        self.max_output = max_output
        self.ratio_grace = ratio_grace
        self.resync = resync
        self.consumed = 0
        self.produced = 0
        self.problems: list[str] = []
        self._decomp: zlib._Decompress | None = zlib.decompressobj(31)
        self._pending = b""  # decoded bytes not yet handed out
        self._input = b""  # compressed bytes read from ``raw`` but not yet fed
        self._eof = False
        self._member_started = False

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        if not self.closed:
            self.raw.close()
        super().close()

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._pending and not self._eof:
            self._fill()
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def _fill(self) -> None:
        if not self._input:
            chunk = self.raw.read(CHUNK)
            if not chunk:
                self._finish()
                return
            self.consumed += len(chunk)
            self._input = chunk
        if self._decomp is None:  # looking for the next member after damage
            self._seek_member()
            return
        data, self._input = self._input, b""
        try:
            out = self._decomp.decompress(data, CHUNK * 4)  # bounded output: a bomb cannot spike memory
        except zlib.error as exc:
            if not self.resync:
                raise TruncatedInput(f"damaged gzip data after {self.consumed:,} bytes ({exc})") from None
            self.problems.append(f"damaged gzip member near byte {self.consumed:,} skipped ({exc})")
            self._decomp = None
            self._input = data[1:]
            return
        self._member_started = True
        if not self._decomp.eof:
            self._input = self._decomp.unconsumed_tail
        else:  # at the end of a member zlib leaves the rest in unused_data (and, stale, in unconsumed_tail)
            rest = self._decomp.unused_data
            self._decomp = zlib.decompressobj(31)
            self._member_started = False
            if rest.strip(b"\x00"):
                self._input = rest
        self._emit(out)

    def _seek_member(self) -> None:
        at = self._input.find(GZIP_MAGIC)
        if at < 0:
            keep = self._input[-2:]  # the magic may straddle two chunks
            chunk = self.raw.read(CHUNK)
            if not chunk:
                self._input = b""
                self._eof = True
                return
            self.consumed += len(chunk)
            self._input = keep + chunk
            return
        self._input = self._input[at:]
        self._decomp = zlib.decompressobj(31)
        self._member_started = False

    def _emit(self, out: bytes) -> None:
        self.produced += len(out)
        if self.produced > self.max_output:
            raise DecompressionBomb(f"expands beyond {self.max_output:,} bytes; stopped "
                                    "(raise --max-expanded if this is real)")
        if self.produced > self.ratio_grace and self.produced > self.max_ratio * max(self.consumed, 1):
            raise DecompressionBomb(f"expands more than {self.max_ratio:g}× ({self.produced:,} bytes "
                                    f"from {self.consumed:,}); stopped (raise --max-ratio if this is real)")
        self._pending += out

    def _finish(self) -> None:
        self._eof = True
        if self._decomp is not None and self._member_started and not self._decomp.eof:
            tail = self._decomp.flush()
            self.produced += len(tail)
            self._pending += tail  # hand out what was decoded; the caller reports the problem after it
            self.problems.append(f"gzip data ends mid-stream after {self.consumed:,} bytes (truncated file)")
