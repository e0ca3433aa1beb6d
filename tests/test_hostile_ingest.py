"""The hostile inputs of issue 3, all in one batch, ingested by the real CLI into a store that
already holds data: every bad item is an error record with a reason, every good item is stored,
and nothing that was stored before changes."""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
import subprocess
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ARTICLE = ("Government troops shelled rebel positions near {place} on Tuesday, a military spokesman said, "
           "and the opposition accused the army of targeting civilians in the attack.")


def page(place: str) -> str:
    return f"<html><head><title>Fighting near {place}</title></head><body><article><p>{ARTICLE.format(place=place)}" \
           f"</p><p>Aid agencies said hundreds of families had fled {place} overnight.</p></article></body></html>"


def warc_with_a_corrupt_middle(path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for place in ("Alpha", "Bravo", "Charlie"):
        body = page(place).encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://w.example/{place}", "response",
                                                      payload=io.BytesIO(body), length=len(body), http_headers=http))
    data = buffer.getvalue()
    middle = data.index(b"WARC/1.", data.index(b"Alpha"))
    path.write_bytes(data[:middle] + b"XXXX" + data[middle + 4:])


def build_hostile_folder(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE.format(place="Delta"))
    (folder / "good.html").write_text(page("Echo"))
    lines = "".join(json.dumps({"text": ARTICLE.format(place=p)}) + "\n" for p in ("Foxtrot", "Golf", "Hotel"))
    data = gzip.compress(lines.encode())
    (folder / "truncated.jsonl.gz").write_bytes(data[:-12])
    warc_with_a_corrupt_middle(folder / "crawl.warc")
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "</body></html>")
    with (folder / "huge.txt").open("w") as fh:
        for _ in range(60_000):  # ~12 MB, truncated by --max-bytes 100K
            fh.write(ARTICLE.format(place="India") + "\n")
    (folder / "binary.html").write_bytes(bytes(range(256)) * 40)
    (folder / "liar.html").write_bytes(
        page("Juliett").replace("<head>", '<head><meta charset="iso-8859-1">').replace("Juliett", "Zürich").encode())
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    first_line = json.dumps({"text": ARTICLE.format(place="Lima")}).encode() + b"\n"
    bomb = comp.compress(first_line + b" " * (50 << 20)) + comp.flush()
    (folder / "bomb.jsonl.gz").write_bytes(bomb)
    (folder / "empty.txt").write_text("")


def snapshot(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT id, record FROM documents").fetchall())


def test_hostile_batch_is_recorded_and_nothing_stored_changes(cli: list[str], tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    first = tmp_path / "first.txt"
    first.write_text(ARTICLE.format(place="Kilo") + " The ceasefire collapsed, monitors said.")
    subprocess.run([*cli, "ingest", str(first), "--db", str(db)], check=True, capture_output=True)
    before = snapshot(db)

    folder = tmp_path / "hostile"
    build_hostile_folder(folder)
    out = subprocess.run([*cli, "ingest", str(folder), "--db", str(db), "--max-bytes", "100K", "--max-ratio", "50"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stdout + out.stderr
    after = snapshot(db)
    assert all(after[k] == v for k, v in before.items())  # nothing stored before was altered

    texts = {json.loads(r)["document"]["origin"]: json.loads(r)["document"] for r in after.values()}
    names = {Path(o.split("@")[0].split(":")[0]).name for o in texts}
    assert {"good.txt", "good.html", "truncated.jsonl.gz", "crawl.warc", "huge.txt", "liar.html",
            "bomb.jsonl.gz"} <= names
    huge = next(d for o, d in texts.items() if o.endswith("huge.txt"))
    assert any(n.startswith("truncated: kept the first 102,400") for n in huge["notes"])
    liar = next(d for o, d in texts.items() if o.endswith("liar.html"))
    assert "Zürich" in liar["text"] and any("valid UTF-8" in n for n in liar["notes"])

    with sqlite3.connect(db) as conn:
        errors = {(Path(item.split("@")[0].split(":")[0]).name, code)
                  for item, code in conn.execute("SELECT item, code FROM errors")}
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert ("deep.html", "E202") in errors
    assert ("binary.html", "E103") in errors
    assert ("empty.txt", "E105") in errors
    assert ("truncated.jsonl.gz", "E108") in errors
    assert ("crawl.warc", "E110") in errors
    assert ("bomb.jsonl.gz", "E109") in errors

    again = subprocess.run([*cli, "ingest", str(folder), "--db", str(db), "--max-bytes", "100K", "--max-ratio", "50"],
                           capture_output=True, text=True)
    assert again.returncode == 0 and " new 0 " in again.stdout
    assert snapshot(db) == after


def test_text_over_the_parser_limit_is_stored_whole_and_extracted_in_part() -> None:
    from eventwire.clean import build_document
    from eventwire.pipeline import _within_parser_limit
    from eventwire.sources.raw import RawItem

    text = "\n\n".join(ARTICLE.format(place=f"Town{i}") for i in range(40))
    document = build_document(RawItem(origin="big", content=text, kind="text"))
    same, whole = _within_parser_limit(document, 10 * len(text))
    assert same is document and whole == document.text
    noted, prefix = _within_parser_limit(document, 1000)
    assert document.text.startswith(prefix) and len(prefix) <= 1000 and prefix.endswith(".")
    assert noted.text == document.text and noted.id == document.id
    assert noted.notes[-1].startswith(f"extraction ran on the first {len(prefix):,} of {len(text):,}")
