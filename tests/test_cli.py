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


@pytest.mark.parametrize("command", ["extract", "ingest", "events", "show", "errors", "demo"])
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
