"""GzipReader: caps, grace for small files, padding, damage with and without resync."""

from __future__ import annotations

import gzip
import io

import pytest

from eventwire.errors import DecompressionBomb, TruncatedInput
from eventwire.sources.compressed import GzipReader, is_gzip


def read_all(data: bytes, **kw: object) -> tuple[bytes, GzipReader]:
    reader = GzipReader(io.BytesIO(data), **kw)  # type: ignore[arg-type]
    return b"".join(iter(lambda: reader.read(65536), b"")), reader


def test_small_files_with_a_high_ratio_are_fine() -> None:
    data = gzip.compress(b"\x00" * 500_000)  # ~1000x, but under the 1 MB grace
    out, reader = read_all(data, max_ratio=10)
    assert out == b"\x00" * 500_000 and not reader.problems


def test_ratio_cap_applies_beyond_the_grace() -> None:
    data = gzip.compress(b"a" * 5_000_000)
    with pytest.raises(DecompressionBomb, match="expands more than 10"):
        read_all(data, max_ratio=10)


def test_output_cap() -> None:
    data = gzip.compress(b"abc" * 1_000_000)
    with pytest.raises(DecompressionBomb, match="expands beyond 100,000 bytes"):
        read_all(data, max_output=100_000, max_ratio=1e9)


def test_nul_padding_after_the_last_member_is_ignored() -> None:
    out, reader = read_all(gzip.compress(b"hello") + b"\x00" * 512)
    assert out == b"hello" and not reader.problems


def test_damage_without_resync_raises_after_the_good_members() -> None:
    good = gzip.compress(b"first member\n")
    bad = bytearray(gzip.compress(b"second member " * 100))
    for k in range(12, 30):
        bad[k] ^= 0xFF
    reader = GzipReader(io.BytesIO(good + bytes(bad)))
    first = reader.read(13)
    assert first == b"first member\n"
    with pytest.raises(TruncatedInput):
        while reader.read(65536):
            pass


def test_damage_with_resync_skips_to_the_next_member() -> None:
    bad = bytearray(gzip.compress(b"lost " * 200))
    for k in range(12, 30):
        bad[k] ^= 0xFF
    data = gzip.compress(b"one\n") + bytes(bad) + gzip.compress(b"three\n")
    out, reader = read_all(data, resync=True)
    assert out.startswith(b"one\n") and out.endswith(b"three\n")
    assert reader.problems and "skipped" in reader.problems[0]


def test_truncated_stream_hands_out_what_it_decoded_then_reports() -> None:
    data = gzip.compress(b"line\n" * 10_000)
    out, reader = read_all(data[: len(data) - 6])
    assert out == b"line\n" * 10_000  # everything decoded; only the trailer was lost
    assert reader.problems and "truncated" in reader.problems[0]


def test_is_gzip() -> None:
    assert is_gzip(gzip.compress(b"x")[:3]) and not is_gzip(b"WARC/1.0")
