"""The CLI as a user runs it: real subprocesses of the installed console script."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

SEED_LIKE = ("Militia Attack Port In Coastal City\n\nMilitia Attack Port In Coastal City\n\n"
             "12 $\n\nRebels shelled the port of Hodeidah on Monday, officials said.\n\n"
             "The Yemeni government condemned the attack.\n")


def run(cli: list[str], *args: str, stdin: str | None = None, cwd: Path | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*cli, *args], input=stdin, capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=300)


@pytest.mark.parametrize("command", ["extract", "ingest", "events", "incidents", "show", "errors", "demo"])
def test_every_command_has_help(cli: list[str], command: str) -> None:
    out = run(cli, command, "--help")
    assert out.returncode == 0 and "usage: eventwire " + command in out.stdout


def test_extract_json_jsonl_text(cli: list[str], tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(SEED_LIKE)
    one = run(cli, "extract", str(f), "--published", "2021-03-10")
    rec = json.loads(one.stdout)
    assert rec["format"] == "eventwire/1" and rec["document"]["title"] == "Militia Attack Port In Coastal City"
    assert {e["type"] for e in rec["events"]} == {"ASSAULT", "ACCUSE"}
    assert rec["document"]["published"] == {"value": "2021-03-10", "precision": "day", "origin": "user",
                                            "via": "--published"}
    lines = run(cli, "extract", "-", "--format", "jsonl",
                stdin=json.dumps({"text": "Police arrested ten protesters in Lagos.", "url": "https://n.example/1",
                                  "published": "2021-01-05", "title": "Arrests", "source": "N"}) + "\n"
                + json.dumps({"text": "Troops withdrew from the border town."}) + "\n").stdout.splitlines()
    recs = [json.loads(x) for x in lines]
    assert len(recs) == 2
    assert recs[0]["document"]["url"] == "https://n.example/1"
    assert recs[0]["document"]["source"]["name"] == "N"
    assert recs[0]["document"]["published"]["origin"] == "metadata"
    text = run(cli, "extract", str(f), "--format", "text").stdout
    assert "ASSAULT" in text and "removed by cleaning" in text


def test_extract_without_date_keeps_year_unknown(cli: list[str], tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("The two leaders met on February 19th in Moscow.")
    rec = json.loads(run(cli, "extract", str(f)).stdout)
    (t,) = rec["times"]
    assert t["value"] == "--02-19" and t["anchor"] == "none"


def test_user_errors_are_one_line_without_traceback(cli: list[str], tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("x y z")
    for args in (["extract", str(f), "--published", "yesterday"],
                 ["events", "--db", str(tmp_path / "x.db"), "--since", "last week"],
                 ["show", "sha256:nope", "--db", str(tmp_path / "x.db")]):
        out = run(cli, *args)
        assert out.returncode != 0
        assert "Traceback" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1 and out.stderr.startswith("eventwire: E")


def test_extract_bad_file_reports_and_exits_nonzero(cli: list[str], tmp_path: Path) -> None:
    f = tmp_path / "bin.txt"
    f.write_bytes(b"\x00\xff" * 50)
    out = run(cli, "extract", str(f))
    assert out.returncode == 1 and "E103" in out.stderr and "Traceback" not in out.stderr


def test_ingest_events_show_errors(cli: list[str], tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SEED_LIKE)
    (corpus / "b.txt").write_text("Russian forces shelled Kharkiv on Tuesday, Ukrainian officials said.")
    (corpus / "bad.txt").write_bytes(b"\x00" * 10)
    first = run(cli, "ingest", str(corpus), "--db", db, "--published", "2022-05-04")
    assert "read 3  new 2  unchanged 0  copies 0  near-duplicates 0  failed 1" in first.stdout
    again = run(cli, "ingest", str(corpus), "--db", db, "--published", "2022-05-04")
    assert "read 3  new 0  unchanged 2  copies 0  near-duplicates 0  failed 1" in again.stdout
    table = run(cli, "events", "--db", db, "--type", "assault").stdout
    assert "ASSAULT" in table and table.strip().endswith("events")
    rows = json.loads(run(cli, "events", "--db", db, "--format", "json", "--place", "Kharkiv").stdout)
    assert rows and all(r["place"] == "Kharkiv" for r in rows)
    assert rows[0]["date"] == "2022-05-03"
    claimed = json.loads(run(cli, "events", "--db", db, "--format", "json", "--claimed-by", "officials").stdout)
    assert claimed and all("officials" in r["claimed_by"].lower() for r in claimed)
    csv_out = run(cli, "events", "--db", db, "--format", "csv", "--country", "RUS").stdout
    assert csv_out.splitlines()[0].startswith("doc_id,")
    doc_id = rows[0]["doc_id"]
    shown = run(cli, "show", doc_id[:20], "--db", db)
    assert "Kharkiv" in shown.stdout
    errors = run(cli, "errors", "--db", db).stdout
    assert "E103" in errors and "1 errors" in errors


def test_env_var_selects_database(cli: list[str], tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Protesters rallied in Nairobi against the tax bill.")
    run(cli, "ingest", str(f), env={"EVENTWIRE_DB": str(tmp_path / "env.db")})
    assert (tmp_path / "env.db").exists()


def test_demo_prints_summary(cli: list[str], tmp_path: Path) -> None:
    out = run(cli, "demo", "--db", str(tmp_path / "demo.db"))
    assert out.returncode == 0
    for word in ("documents", "events", "claims", "contradictions", "database"):
        assert word in out.stdout
    assert "failed 0" in out.stdout


def _warc(path: Path, pages: dict[str, str]) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html in pages.items():
            body = html.encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                                          http_headers=http,
                                                          warc_headers_dict={"WARC-Date": "2023-09-02T08:00:00Z"}))
            req = b"GET / HTTP/1.1\r\n\r\n"
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(req), length=len(req)))


STORY_HTML = ("<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav><article>"
              "<p>Protesters marched through the capital on Friday to demand the release of detained "
              "journalists, and police fired tear gas to disperse the crowd near the parliament, witnesses said.</p>"
              "<p>The interior ministry said in a statement that officers had acted lawfully and that eleven "
              "people were arrested for attacking public property during the demonstration.</p>"
              "<p>Rights groups condemned the arrests and called for an independent inquiry.</p>{extra}"
              "</article><footer>Share Tweet Email</footer></body></html>")


def test_ingest_warc_groups_syndicated_copies_and_show_lists_them(cli: list[str], tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    warc = tmp_path / "crawl.warc.gz"
    _warc(warc, {
        "https://first.example/2023/09/01/protest": STORY_HTML.format(title="Police fire tear gas", extra=""),
        "https://second.example/news/protest": STORY_HTML.format(
            title="Tear gas at protest", extra="<p>This story has been updated with the ministry's figures.</p>"),
        "https://third.example/p/1": STORY_HTML.format(title="Police fire tear gas", extra=""),
    })
    out = run(cli, "ingest", str(warc), "--db", db)
    assert out.returncode == 0, out.stderr
    assert "read 3  new 2  unchanged 0  copies 1  near-duplicates 1  failed 0" in out.stdout
    assert "skipped: warc request record × 3" in out.stdout
    rows = json.loads(run(cli, "events", "--db", db, "--format", "json").stdout)
    first = next(r for r in rows if r["url"] and "first.example" in r["url"])
    shown = run(cli, "show", first["doc_id"], "--db", db).stdout
    assert "seen at (2)" in shown and "https://third.example/p/1" in shown
    assert "syndication group" in shown and "https://second.example/news/protest" in shown
    assert "published 2023-09-02T08:00:00+00:00 (warc, WARC-Date)" in shown


def test_ingest_csv_with_field_mapping(cli: list[str], tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    path = tmp_path / "articles.csv"
    path.write_text("unit_id,article_title,article_content,source,date\n"
                    '1,Airstrikes hit town,"Jets struck the town of Maarat on Tuesday, killing nine people, '
                    'rescuers said.",Outlet One,4/5/2017\n', encoding="utf-8")
    out = run(cli, "ingest", str(path), "--db", db, "--fields", "text=article_content,title=article_title")
    assert out.returncode == 0 and "new 1" in out.stdout, out.stdout + out.stderr
    record = json.loads(run(cli, "extract", str(path), "--fields", "text=article_content").stdout)
    assert record["document"]["published"] == {"value": "2017-04-05", "precision": "day", "origin": "metadata",
                                               "via": "source field"}
    assert record["document"]["source"] == {"name": "Outlet One", "domain": None}


def test_reading_options_are_validated(cli: list[str], tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Troops shelled the town on Monday, officials said.")
    bad_map = run(cli, "extract", str(f), "--fields", "body")
    assert bad_map.returncode != 0 and "E500" in bad_map.stderr and "Traceback" not in bad_map.stderr
    bad_size = run(cli, "extract", str(f), "--max-bytes", "lots")
    assert bad_size.returncode == 2 and "not a size" in bad_size.stderr
    small = run(cli, "extract", str(f), "--max-bytes", "20")
    assert small.returncode == 0
    assert json.loads(small.stdout)["document"]["notes"][0].startswith("truncated: kept the first 20 of")


def test_ingest_nice_lowers_the_priority_of_the_ingest_only(tmp_path: Path) -> None:
    """``--nice N`` runs an ingest as a background job (issue 12: a server on the same machine
    keeps the processor); the priority drop is the process's own, and out-of-range values are
    refused before anything is read."""
    import subprocess
    import sys

    story = tmp_path / "story.txt"
    story.write_text("Russian forces shelled Kharkiv on Tuesday, Ukrainian officials said.")
    db = str(tmp_path / "n.db")
    program = ("import os, sys; from eventwire.cli import main; before = os.nice(0); "
               f"code = main(['ingest', {str(story)!r}, '--db', {db!r}, '--nice', '7']); "
               "print('NICE', os.nice(0) - before, code)")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "NICE 7 0" in done.stdout and "new 1" in done.stdout
    exe = str(Path(sys.executable).parent / "eventwire")
    bad = subprocess.run([exe, "ingest", str(story), "--db", db, "--nice", "25"], capture_output=True, text=True,
                         timeout=120)
    assert bad.returncode == 1 and "--nice must be between 0 and 19" in bad.stderr
