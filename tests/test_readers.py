"""Bulk readers: WARC (written by warcio, the reference implementation), gzip, CSV, JSONL, globs.

Each hostile case from issue 3 is here: truncated gzip, a corrupt record in the middle of a
good WARC, a gzip bomb, a huge single document, a binary file named ``.html``, a wrong declared
encoding. In every case the good items around the bad one must still come out.
"""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.errors import UsageError
from eventwire.record import ErrorRecord
from eventwire.sources import FieldMap, RawItem, ReadLimits, ReadStats, read_inputs

PAGE = ("<html><head><title>Story {i}</title></head><body><article><p>Troops shelled the town of "
        "Foo on Monday, killing {i} people, officials said in a statement on Tuesday.</p>"
        "<p>The government denied the report.</p></article></body></html>")


def write_warc(path: Path, n: int = 5, gz: bool = False, charset: str = "utf-8",
               body: bytes | None = None) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for i in range(n):
            url = f"https://news.example.com/2020/02/1{i}/story-{i}"
            http = StatusAndHeaders("200 OK", [("Content-Type", f"text/html; charset={charset}")],
                                    protocol="HTTP/1.1")
            payload = body if body is not None else PAGE.format(i=i).encode(charset)
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), length=len(payload),
                                               http_headers=http,
                                               warc_headers_dict={"WARC-Date": f"2020-02-2{i}T10:00:00Z"})
            writer.write_record(record)
            request = b"GET / HTTP/1.1\r\n\r\n"
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(request),
                                                          length=len(request)))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example.com/logo.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG...."), length=8,
                                                      http_headers=image))


def read(paths: list[str], **kw: object) -> list[RawItem | ErrorRecord]:
    return list(read_inputs(paths, **kw))  # type: ignore[arg-type]


def good(items: list[RawItem | ErrorRecord]) -> list[RawItem]:
    return [x for x in items if isinstance(x, RawItem)]


def bad(items: list[RawItem | ErrorRecord]) -> list[ErrorRecord]:
    return [x for x in items if isinstance(x, ErrorRecord)]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_response_records_with_uri_and_date(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, gz=gz)
    stats = ReadStats()
    got = read([str(path)], stats=stats)
    assert not bad(got)
    assert [x.url for x in good(got)] == [f"https://news.example.com/2020/02/1{i}/story-{i}" for i in range(5)]
    assert [x.warc_date for x in good(got)] == [f"2020-02-2{i}T10:00:00Z" for i in range(5)]
    assert all(x.kind == "html" and "Troops shelled" in x.content for x in good(got))
    assert stats.skipped == {"warc warcinfo record": 1, "warc request record": 5,
                             "warc response record that is not HTML": 1}


def test_corrupt_record_in_the_middle_of_a_good_warc(tmp_path: Path) -> None:
    path = tmp_path / "c.warc"
    write_warc(path)
    data = path.read_bytes()
    second_response = data.index(b"WARC/1.0", data.index(b"story-1") - 400)
    damaged = data[:second_response] + b"NOT A WARC HEADER\r\n" + data[second_response + 8:]
    path.write_bytes(damaged)
    got = read([str(path)])
    assert [x.url.rsplit("-", 1)[1] for x in good(got) if x.url] == ["0", "2", "3", "4"]
    (err,) = bad(got)
    assert err.code == "E110" and "expected a WARC/1.x record header" in err.message


def test_wrong_content_length_costs_one_record(tmp_path: Path) -> None:
    path = tmp_path / "len.warc"
    write_warc(path)
    data = path.read_bytes()
    at = data.index(b"Content-Length", data.index(b"story-2"))
    line_end = data.index(b"\r\n", at)
    path.write_bytes(data[:at] + b"Content-Length: 999999" + data[line_end:])
    got = read([str(path)])
    assert len(good(got)) >= 3 and any(x.url and x.url.endswith("story-4") for x in good(got))
    assert [e.code for e in bad(got)] == ["E110"]


def test_damaged_gzip_member_costs_one_record(tmp_path: Path) -> None:
    path = tmp_path / "d.warc.gz"
    write_warc(path, gz=True)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    for k in range(middle, middle + 40):
        data[k] ^= 0x55
    path.write_bytes(bytes(data))
    got = read([str(path)])
    assert 3 <= len(good(got)) <= 4
    assert good(got)[-1].url and good(got)[-1].url.endswith("story-4")
    assert bad(got) and all(e.code in ("E110", "E108") for e in bad(got))


def test_truncated_warc_gz_keeps_complete_records(tmp_path: Path) -> None:
    path = tmp_path / "t.warc.gz"
    write_warc(path, gz=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    got = read([str(path)])
    assert 2 <= len(good(got)) <= 4
    assert bad(got)[-1].code == "E108"


def test_truncated_jsonl_gz(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl.gz"
    with gzip.open(path, "wt") as fh:
        for i in range(50):
            fh.write(json.dumps({"text": f"Story number {i} about talks."}) + "\n")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 30])
    got = read([str(path)])
    assert len(good(got)) >= 40
    assert bad(got)[-1].code == "E108" and "truncated" in bad(got)[-1].message


def test_gzip_bomb_is_stopped_by_the_ratio_cap(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    with path.open("wb") as fh:
        fh.write(comp.compress(b'{"text": "first line is fine"}\n'))
        for _ in range(300):  # 300 MB of spaces in ~300 KB
            fh.write(comp.compress(b" " * (1 << 20)))
        fh.write(comp.flush())
    tracemalloc.start()
    got = read([str(path)], limits=ReadLimits(max_ratio=100))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert good(got)[0].content == "first line is fine"
    assert bad(got)[-1].code == "E109" and "100×" in bad(got)[-1].message
    assert peak < 64 * 1024 * 1024


def test_expanded_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.txt.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(b"The army attacked. " * 200_000)
    got = read([str(path)], limits=ReadLimits(max_expanded=1_000_000))
    assert bad(got)[-1].code == "E109"


def test_huge_single_document_is_truncated_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"Troops shelled the town and the government denied it. " * 20 + b"\n"
    with path.open("wb") as fh:
        for _ in range(200 * 1024 * 1024 // len(line)):  # ~200 MB
            fh.write(line)
    tracemalloc.start()
    (item,) = read([str(path)], limits=ReadLimits(max_bytes=2_000_000))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert isinstance(item, RawItem) and len(item.content.encode()) <= 2_000_000
    assert item.notes and item.notes[0].startswith("truncated: kept the first 2,000,000 of ")
    assert peak < 40 * 1024 * 1024


def test_truncation_never_splits_a_character(tmp_path: Path) -> None:
    path = tmp_path / "u.txt"
    path.write_bytes(("é" * 1000).encode())
    (item,) = read([str(path)], limits=ReadLimits(max_bytes=999))
    assert isinstance(item, RawItem) and item.content == "é" * 499


def test_binary_file_named_html(tmp_path: Path) -> None:
    (tmp_path / "photo.html").write_bytes(bytes(range(256)) * 50)
    (tmp_path / "ok.html").write_text("<html><body><p>Rebels seized the airport.</p></body></html>")
    got = read([str(tmp_path)])
    assert [Path(x.origin).name for x in good(got)] == ["ok.html"]
    assert [(Path(e.item).name, e.code) for e in bad(got)] == [("photo.html", "E103")]


def test_wrong_declared_encoding_is_corrected_and_noted(tmp_path: Path) -> None:
    utf8_page = '<html><head><meta charset="iso-8859-1"></head><body><p>Café in Zürich — “talks”.</p></body></html>'
    (tmp_path / "liar.html").write_bytes(utf8_page.encode("utf-8"))
    latin_page = '<html><head><meta charset="utf-8"></head><body><p>Café in Zürich.</p></body></html>'
    (tmp_path / "liar2.html").write_bytes(latin_page.encode("cp1252"))
    honest = '<html><head><meta charset="windows-1251"></head><body><p>Москва заявила.</p></body></html>'
    (tmp_path / "ru.html").write_bytes(honest.encode("cp1251"))
    got = {Path(x.origin).name: x for x in good(read([str(tmp_path)]))}
    assert "Café in Zürich — “talks”" in got["liar.html"].content
    assert "bytes are valid UTF-8" in got["liar.html"].notes[0]
    assert "Café in Zürich" in got["liar2.html"].content and got["liar2.html"].notes
    assert "Москва заявила" in got["ru.html"].content and not got["ru.html"].notes


def test_warc_with_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "cs.warc"
    write_warc(path, n=1, charset="cp1252", body=PAGE.replace("Foo", "Café").format(i=1).encode("cp1252"))
    (item,) = good(read([str(path)]))
    assert "Café" in item.content and not item.notes


def test_csv_with_column_mapping(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    path.write_text('unit_id,article_title,article_content,source,date\n'
                    '1,Strike hits town,"Jets struck the town, officials said.",SANA,4/5/2017\n'
                    '2,,,,\n'
                    '3,Talks resume,"Delegations met in Geneva ""again"" on Monday.",TASS,12/25/2016\n',
                    encoding="utf-8")
    fields = FieldMap.parse("text=article_content,title=article_title,published=date")
    got = read([str(path)], fields=fields)
    items = good(got)
    assert [x.title for x in items] == ["Strike hits town", "Talks resume"]
    assert items[1].content == 'Delegations met in Geneva "again" on Monday.'
    assert [x.source for x in items] == ["SANA", "TASS"] and items[0].published == "4/5/2017"
    assert [e.code for e in bad(got)] == ["E106"] and bad(got)[0].item.endswith("articles.csv:3")


def test_csv_mapping_names_a_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("a,b\n1,2\n")
    got = read([str(path)], fields=FieldMap.parse("text=body_text"))
    assert [e.code for e in bad(got)] == ["E500"] and "body_text" in bad(got)[0].message


def test_field_mapping_is_validated() -> None:
    with pytest.raises(UsageError):
        FieldMap.parse("txt=content")
    with pytest.raises(UsageError):
        FieldMap.parse("text")


def test_csv_gz_and_malformed_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.csv.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(b"text,url\n\"ok one\",https://a.example/1\n\"bad \xff\xfe bytes\",x\n\"ok two\",y\n")
    got = read([str(path)])
    assert [x.content for x in good(got)] == ["ok one", "ok two"]
    assert [e.code for e in bad(got)] == ["E104"]


def test_jsonl_news_please_fields(tmp_path: Path) -> None:
    path = tmp_path / "np.jsonl"
    path.write_text(json.dumps({"maintext": "Rebels seized the airport.", "date_publish": "2020-03-01 10:00:00",
                                "source_domain": "example.org", "authors": ["Ann Lee", "Bo Chan"],
                                "title": "Airport seized", "url": "https://example.org/a"}) + "\n")
    (item,) = good(read([str(path)]))
    assert (item.content, item.published, item.source, item.author) == (
        "Rebels seized the airport.", "2020-03-01 10:00:00", "example.org", "Ann Lee, Bo Chan")


def test_deeply_nested_json_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"text": "fine"}) + "\n")
    got = read([str(path)])
    assert [e.code for e in bad(got)] == ["E106"] and good(got)[0].content == "fine"


def test_globs_and_directories(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.html"):
        (tmp_path / name).write_text("<p>Talks resumed.</p>" if name.endswith("html") else "Talks resumed.")
    (tmp_path / "style.css").write_text("body {}")
    got = read([str(tmp_path / "*.txt")])
    assert sorted(Path(x.origin).name for x in good(got)) == ["a.txt", "b.txt"]
    stats = ReadStats()
    got = read([str(tmp_path)], stats=stats)
    assert len(good(got)) == 3 and not bad(got)
    assert stats.skipped == {"file of unsupported type .css": 1}
    (err,) = bad(read([str(tmp_path / "*.nothing")]))
    assert err.code == "E107"


def test_stdin_sniffs_warc_gzip_and_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "s.warc.gz"
    write_warc(path, n=2, gz=True)
    got = read(["-"], stdin=io.BytesIO(path.read_bytes()))
    assert len(good(got)) == 2 and good(got)[0].warc_date
    got = read(["-"], stdin=io.BytesIO(gzip.compress(b'{"text": "a"}\n{"text": "b"}\n')))
    assert [x.content for x in good(got)] == ["a", "b"]


def test_reading_a_large_warc_keeps_memory_flat(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    filler = "<p>" + "The ministry said the talks would continue next week. " * 200 + "</p>"
    write_warc(path, n=1, gz=True)
    with path.open("ab") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(400):
            body = f"<html><body><article>{filler}<p>Item {i}.</p></article></body></html>".encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://x.example/{i}", "response",
                                                          payload=io.BytesIO(body), length=len(body),
                                                          http_headers=http))
    tracemalloc.start()
    count = 0
    for item in read_inputs([str(path)]):
        count += isinstance(item, RawItem)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 401
    assert peak < 8 * 1024 * 1024  # ~4.5 MB of HTML went through; never more than a few records held


def test_gzip_reader_matches_the_gzip_module_on_many_members(tmp_path: Path) -> None:
    """Members that end inside a bounded read must not repeat or lose bytes (zlib keeps the
    tail in both unused_data and unconsumed_tail at the end of a member)."""
    import os

    from eventwire.sources.compressed import GzipReader

    path = tmp_path / "many.gz"
    with path.open("wb") as fh:
        for i in range(300):
            fh.write(gzip.compress(os.urandom(500) + f"member {i} ".encode() * (i * 50)))
    expected = gzip.decompress(path.read_bytes())
    with path.open("rb") as raw:
        reader = GzipReader(raw)
        got = b"".join(iter(lambda: reader.read(70_000), b""))
    assert got == expected and not reader.problems


def test_the_fakes_syria_csv_reads_whole_with_a_mapping(shared: Path) -> None:
    """A real export: Windows line endings, quoted multi-line fields, M/D/YYYY dates."""
    from eventwire.clean.metadata import parse_date

    path = shared / "data" / "corpora" / "fakes_syria" / "FA-KES-Dataset.csv"
    fields = FieldMap.parse("text=article_content,title=article_title,published=date")
    got = read([str(path)], fields=fields)
    assert len(good(got)) == 804 and not bad(got)
    assert all(parse_date(x.published or "")[1] == "day" for x in good(got))
    assert all(x.source and x.title and len(x.content.split()) >= 10 for x in good(got))
