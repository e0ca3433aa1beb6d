"""Batch runs: shards, Parquet output, completion markers, resuming after a kill, loading into
the store, and the Ray engine (started in local mode with its own temporary folder)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventwire.errors import UsageError
from eventwire.ingest import example_paths, ingest_paths
from eventwire.run import RunConfig, RunLayout, load_run, plan_shards, run
from eventwire.store import Store

EXAMPLES = Path(example_paths()[0]).parent


def stories() -> list[dict[str, Any]]:
    return [json.loads(line) for line in (EXAMPLES / "voa_sample.jsonl").read_text().splitlines()]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three shards: two JSONL files (one with a malformed line) and a folder with the seed twice."""
    root = tmp_path / "in"
    root.mkdir()
    items = stories()
    (root / "a.jsonl").write_text("".join(json.dumps(s) + "\n" for s in items[:3]))
    (root / "b.jsonl").write_text(json.dumps(items[3]) + "\n{not json\n" + json.dumps(items[4]) + "\n")
    pages = root / "pages"
    pages.mkdir()
    for name in ("seed.html", "seed.txt"):
        (pages / name).write_bytes((EXAMPLES / name).read_bytes())
    return root


def inputs(corpus: Path) -> tuple[str, ...]:
    return (str(corpus / "*.jsonl"), str(corpus / "pages"))


def records(out: Path) -> dict[str, list[str]]:
    """Record JSON by document id, from the complete parts of a run (a list, to see duplicates)."""
    found: dict[str, list[str]] = {}
    for path in RunLayout(out).complete_files("documents"):
        for row in pq.read_table(path, columns=["id", "record"]).to_pylist():
            found.setdefault(row["id"], []).append(row["record"])
    return found


# --- shards -------------------------------------------------------------------------------

def test_shards_come_from_files_globs_and_folders_with_stable_ids(corpus: Path) -> None:
    shards = plan_shards([*inputs(corpus), str(corpus / "a.jsonl")])
    assert [Path(s.path).name for s in shards] == ["a.jsonl", "b.jsonl", "pages"]  # a.jsonl once
    assert [s.id for s in plan_shards(list(inputs(corpus)))] == [s.id for s in shards]
    assert shards[0].id.startswith("a.jsonl-") and len({s.id for s in shards}) == 3


@pytest.mark.parametrize("bad", ["missing.jsonl", "*.warc.gz"])
def test_missing_inputs_are_usage_errors(corpus: Path, bad: str) -> None:
    with pytest.raises(UsageError):
        plan_shards([str(corpus / bad)])


@pytest.mark.parametrize("change", [{"engine": "spark"}, {"workers": 0}, {"part_size": 0}])
def test_bad_run_options_are_usage_errors(corpus: Path, tmp_path: Path, change: dict[str, Any]) -> None:
    with pytest.raises(UsageError):
        run(RunConfig(inputs=inputs(corpus), out=str(tmp_path / "out"), **change), progress=None)


# --- local engine -------------------------------------------------------------------------

def test_local_run_writes_parquet_per_shard_with_markers_and_a_summary(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run(RunConfig(inputs=inputs(corpus), out=str(out), part_size=2), progress=None)
    assert (summary.shards, summary.shards_processed, summary.shards_skipped) == (3, 3, 0)
    assert summary.documents == 7 and summary.errors == 1 and sum(summary.error_codes.values()) == 1
    assert summary.events > 50 and summary.claims > 20 and summary.documents_per_second > 0
    layout = RunLayout(out)
    assert all(layout.is_done(s.id) for s in plan_shards(list(inputs(corpus))))
    saved = json.loads(layout.summary_file.read_text())
    assert saved["config"]["part_size"] == 2 and saved["documents"] == 7
    # readable as a partitioned dataset by pandas and DuckDB
    events = pd.read_parquet(out / "events")
    assert len(events) == summary.events and set(events["shard"].astype(str)) == {s.id for s in plan_shards(
        list(inputs(corpus)))}
    count = duckdb.sql(f"SELECT COUNT(*) FROM read_parquet('{out}/documents/*/*.parquet', hive_partitioning=true)")
    assert count.fetchall() == [(7,)]
    errors = pd.read_parquet(out / "errors")
    assert len(errors) == 1 and errors.iloc[0]["item"].endswith("b.jsonl:2")


def test_records_of_a_run_equal_those_of_ingest(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(RunConfig(inputs=inputs(corpus), out=str(out), workers=2), progress=None)
    with Store(tmp_path / "loaded.db") as loaded, Store(tmp_path / "ingested.db") as ingested:
        report = load_run(loaded, out)
        ingest_paths(ingested, [*sorted(str(p) for p in corpus.glob("*.jsonl")), str(corpus / "pages")],
                     progress=False)
        assert (report.read, report.new, report.copies, report.errors) == (7, 6, 1, 1)
        for table in ("documents", "events", "claims", "errors", "incidents", "document_copies"):
            a = loaded.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            b = ingested.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            assert a == b, table
        ids = [r[0] for r in loaded.conn.execute("SELECT id FROM documents ORDER BY id")]
        assert ids == [r[0] for r in ingested.conn.execute("SELECT id FROM documents ORDER BY id")]
        for doc_id in ids:
            a, b = loaded.get(doc_id).to_dict(), ingested.get(doc_id).to_dict()
            assert a["events"] == b["events"] and a["claims"] == b["claims"] and a["document"]["text"] == \
                b["document"]["text"]


def test_loading_twice_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(RunConfig(inputs=inputs(corpus), out=str(out)), progress=None)
    with Store(tmp_path / "s.db") as store:
        load_run(store, out)
        before = {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("documents", "events", "errors", "incidents", "document_copies")}
        again = load_run(store, out)
        assert (again.new, again.copies, again.unchanged) == (0, 0, 7)
        assert before == {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in before}


def test_a_record_the_store_refuses_is_an_error_and_the_rest_is_loaded(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(RunConfig(inputs=inputs(corpus), out=str(out)), progress=None)
    # a record of the run that names one actor twice: SQLite refuses it (a unique key)
    def with_actors(part: Path) -> bool:
        texts = pq.read_table(part, columns=["record"]).column("record").to_pylist()
        return any(json.loads(text)["actors"] for text in texts)

    path = next(p for p in RunLayout(out).complete_files("documents") if with_actors(p))
    table = pq.read_table(path)
    rows = table.to_pylist()
    broken = next(r for r in rows if json.loads(r["record"])["actors"])
    record = json.loads(broken["record"])
    record["actors"].append(record["actors"][0])
    broken["record"] = json.dumps(record)
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), path)
    with Store(tmp_path / "s.db") as store:
        report = load_run(store, out)
        assert (report.read, report.new, report.copies) == (7, 5, 1)
        assert report.errors == 2  # the malformed input line of the run, and the refused record
        codes = [r[0] for r in store.conn.execute("SELECT code FROM errors ORDER BY code")]
        assert "E402" in codes
        assert not store.has(broken["id"]) and store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 5
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_load_refuses_a_folder_that_is_not_a_run(tmp_path: Path) -> None:
    with Store() as store, pytest.raises(UsageError):
        load_run(store, tmp_path)


def test_a_rerun_skips_finished_shards_and_resumes_after_complete_parts(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    config = RunConfig(inputs=inputs(corpus), out=str(out), part_size=1)
    first = run(config, progress=None)
    expected = records(out)
    again = run(config, progress=None)
    assert (again.shards_skipped, again.shards_processed, again.parts_processed) == (3, 0, 0)
    # interrupt shard a.jsonl after its first part: its done marker and later parts are gone
    layout = RunLayout(out)
    shard = plan_shards([str(corpus / "a.jsonl")])[0]
    layout.done_marker(shard.id).unlink()
    for part in (1, 2):
        layout.part_marker(shard.id, part).unlink()
    layout.table_file("documents", shard.id, 2).unlink()  # a half-written part leaves no marker
    resumed = run(config, progress=None)
    assert (resumed.shards_skipped, resumed.shards_processed) == (2, 1)
    assert (resumed.parts_skipped, resumed.parts_processed) == (1, 2)  # no part done twice
    assert resumed.documents_this_run == 2 and resumed.documents == first.documents
    assert records(out) == expected


def test_a_killed_run_completes_on_rerun_with_no_duplicate_and_nothing_missing(tmp_path: Path,
                                                                              cli: list[str]) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    base = stories()
    for shard in range(3):  # distinct texts: 3 shards x 6 documents
        lines = []
        for i in range(6):
            story = dict(base[i % len(base)])
            story["text"] += f"\n\nThis is copy {shard}-{i}."
            lines.append(json.dumps(story))
        (corpus / f"s{shard}.jsonl").write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"
    command = [*cli, "run", str(corpus / "*.jsonl"), "--out", str(out),
               "--part-size", "1", "--quiet"]
    process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    parts = out / "_parts"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and len(list(parts.glob("*/part-*.json"))) < 3:
        assert process.poll() is None, "the run ended before it could be killed"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    done_before = len(list(parts.glob("*/part-*.json")))
    assert 3 <= done_before < 18, "killed midway"
    resumed = run(RunConfig(inputs=(str(corpus / "*.jsonl"),), out=str(out), part_size=1), progress=None)
    assert resumed.parts_skipped + 6 * resumed.shards_skipped == done_before  # finished work is not redone
    assert resumed.parts_processed == 18 - done_before  # no part processed twice
    found = records(out)
    assert len(found) == 18 and all(len(v) == 1 for v in found.values())
    with Store(tmp_path / "s.db") as store:
        assert load_run(store, out).new == 18


def test_cli_run_and_load(corpus: Path, tmp_path: Path, cli: list[str]) -> None:
    out, db = tmp_path / "out", tmp_path / "s.db"
    done = subprocess.run([*cli, "run", *inputs(corpus), "--out", str(out), "--workers", "2"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "shards 3  processed 3" in done.stdout and "documents 7" in done.stdout
    loaded = subprocess.run([*cli, "load", str(out), "--db", str(db)], capture_output=True, text=True, timeout=300)
    assert loaded.returncode == 0 and "new 6  copies 1" in loaded.stdout
    bad = subprocess.run([*cli, "run", str(corpus / "nothing*"), "--out", str(out)], capture_output=True, text=True)
    assert bad.returncode == 1 and "E500" in bad.stderr


# --- Ray ----------------------------------------------------------------------------------

def test_ray_engine_gives_the_same_records_as_the_local_engine(corpus: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # Ray's session folder goes under the test's own
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # and its ~/.ray (an auth token) in the test's too
    local, distributed = tmp_path / "local", tmp_path / "ray"
    run(RunConfig(inputs=inputs(corpus), out=str(local), part_size=2), progress=None)
    summary = run(RunConfig(inputs=inputs(corpus), out=str(distributed), engine="ray", workers=2, part_size=2),
                  progress=None)
    assert summary.shards_processed == 3 and summary.documents == 7
    assert records(distributed) == records(local)
    again = run(RunConfig(inputs=inputs(corpus), out=str(distributed), engine="ray", workers=2), progress=None)
    assert (again.shards_skipped, again.parts_processed) == (3, 0)


def test_two_copies_of_one_text_in_a_batch_keep_their_own_metadata() -> None:
    """Extraction batches documents; copies of one text (same id) must not swap their metadata."""
    from eventwire.pipeline import process
    from eventwire.sources import RawItem

    text = "Rebels shelled the town of Kadugli on Sunday, officials said."
    items = [RawItem(origin=f"item{i}", content=text, kind="text", url=f"https://outlet{i}.example/a")
             for i in range(3)]
    got = list(process(items))
    assert [r.document.url for r in got] == [f"https://outlet{i}.example/a" for i in range(3)]  # type: ignore[union-attr]
    assert len({r.document.id for r in got}) == 1  # type: ignore[union-attr]
