"""Readers and bad input: nothing crashes, every bad item becomes an error record."""

from __future__ import annotations

import io
import json
from pathlib import Path

from eventwire.record import ErrorRecord
from eventwire.sources import RawItem, read_inputs
from eventwire.sources.raw import MAX_BYTES


def items(paths: list[str], **kw: object) -> list[RawItem | ErrorRecord]:
    return list(read_inputs(paths, **kw))  # type: ignore[arg-type]


def test_text_html_and_jsonl_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Troops shelled the town on Monday.")
    (tmp_path / "b.html").write_text("<html><body><p>Hello there.</p></body></html>")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"text": "One.", "url": "https://a.example/1", "title": "T",
                    "published": "2020-01-01", "source": "A"}) + "\n\n"
        + json.dumps({"html": "<p>Two.</p>"}) + "\n")
    got = items([str(tmp_path)])
    assert [type(x).__name__ for x in got] == ["RawItem"] * 4
    kinds = [x.kind for x in got if isinstance(x, RawItem)]
    assert kinds == ["text", "html", "text", "html"]
    first_jsonl = got[2]
    assert isinstance(first_jsonl, RawItem)
    assert (first_jsonl.url, first_jsonl.title, first_jsonl.published, first_jsonl.source) == (
        "https://a.example/1", "T", "2020-01-01", "A")
    assert first_jsonl.origin.endswith("c.jsonl:1")


def test_directory_of_mixed_good_and_bad_files(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("The army attacked the rebels.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 cr\xe8me".encode("latin-1"))
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    sub = tmp_path / "nested"
    sub.mkdir()
    (sub / "good2.html").write_text("<p>Police arrested ten protesters.</p>")
    got = items([str(tmp_path)])
    good = [x for x in got if isinstance(x, RawItem)]
    bad = {Path(x.item).name: x.code for x in got if isinstance(x, ErrorRecord)}
    assert sorted(Path(x.origin).name for x in good) == ["good.txt", "good2.html"]
    assert bad == {"empty.txt": "E105", "binary.txt": "E103", "latin1.txt": "E104"}


def test_unknown_file_type_named_explicitly_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    (err,) = items([str(tmp_path / "image.png")])
    assert isinstance(err, ErrorRecord) and err.code == "E101"


def test_huge_file_is_truncated_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # 100 MB, sparse: costs no disk
        fh.write(b"The army attacked the town. " * 100)
        fh.truncate(100 * 1024 * 1024)
    got = items([str(big)], max_bytes=2000)
    assert len(got) == 1 and isinstance(got[0], RawItem)
    assert got[0].content.startswith("The army") and len(got[0].content) == 2000
    assert got[0].notes == ("truncated: kept the first 2,000 of 104,857,600 bytes (raise --max-bytes to keep more)",)


def test_jsonl_bad_lines_do_not_stop_the_file(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    p.write_text('{"text": "ok one"}\n{broken\n[1, 2]\n{"title": "no text"}\n{"text": "ok two"}\n')
    got = items([str(p)])
    assert [getattr(x, "code", "ok") for x in got] == ["ok", "E106", "E106", "E106", "ok"]


def test_jsonl_overlong_line_is_an_error_and_the_rest_goes_on(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    p.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "fine"}) + "\n")
    got = items([str(p)], max_bytes=1000)
    assert isinstance(got[0], ErrorRecord) and got[0].code == "E102"
    assert isinstance(got[1], RawItem) and got[1].content == "fine"


def test_stdin_text_and_jsonl() -> None:
    got = items(["-"], stdin=io.BytesIO(b"Rebels seized the airport."))
    assert isinstance(got[0], RawItem) and got[0].origin == "<stdin>"
    got = items(["-"], stdin=io.BytesIO(b'{"text": "a"}\n{"text": "b"}\n'))
    assert [x.content for x in got if isinstance(x, RawItem)] == ["a", "b"]


def test_stdin_too_large_is_truncated() -> None:
    got = items(["-"], stdin=io.BytesIO(b"x" * 2000), max_bytes=1000)
    assert isinstance(got[0], RawItem) and got[0].content == "x" * 1000
    assert got[0].notes == (
        "truncated: kept the first 1,000 bytes; the rest was not read (raise --max-bytes to keep more)",)


def test_missing_path_is_an_error_record(tmp_path: Path) -> None:
    got = items([str(tmp_path / "nope.txt")])
    assert isinstance(got[0], ErrorRecord) and got[0].code == "E107"


def test_default_limit_is_generous_for_news() -> None:
    assert MAX_BYTES >= 10 * 1024 * 1024
