"""Crash safety: ``eventwire ingest`` killed with SIGKILL at random moments, twenty times, never
corrupts the store, never alters what was stored before, and a final run stores every input
document exactly once."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

from eventwire.ingest import example_paths
from helpers import db_rows

KILLS = 20


def corpus(folder: Path, copies: int = 6) -> tuple[Path, int]:
    stories = [json.loads(line) for line in (Path(example_paths()[0]).parent / "voa_sample.jsonl").read_text()
               .splitlines()]
    path = folder / "corpus.jsonl"
    lines = []
    for i in range(copies * len(stories)):
        story = dict(stories[i % len(stories)])
        story["text"] += f"\n\nThis is copy {i} of the story."
        lines.append(json.dumps(story))
    path.write_text("\n".join(lines) + "\n")
    return path, len(lines)


def snapshot(db: Path) -> dict[str, str]:
    return dict(db_rows(db, "SELECT id, record FROM documents"))


def integrity(db: Path) -> str:
    return str(db_rows(db, "PRAGMA integrity_check")[0][0])


def test_ingest_killed_at_random_points_loses_and_damages_nothing(tmp_path: Path, cli: list[str]) -> None:
    path, n = corpus(tmp_path)
    db = tmp_path / "store.db"
    rng = random.Random(12)
    before: dict[str, str] = {}
    killed_midway = 0
    for _ in range(KILLS):
        process = subprocess.Popen([*cli, "ingest", str(path), "--db", str(db)], start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 6.0))
        finished = process.poll() is not None
        if not finished:
            os.killpg(process.pid, signal.SIGKILL)
            killed_midway += 1
        process.wait()
        if not db.exists():
            continue
        assert integrity(db) == "ok"
        now = snapshot(db)
        assert all(now.get(doc_id) == record for doc_id, record in before.items()), "a stored record changed"
        before = now
        if finished:  # the whole corpus got in: start again from an empty store to keep killing
            db.unlink()
            for suffix in ("-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
            before = {}
    assert killed_midway >= KILLS // 2, "most runs were killed while working"
    done = subprocess.run([*cli, "ingest", str(path), "--db", str(db)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert integrity(db) == "ok"
    final = snapshot(db)
    assert len(final) == n  # every input document, each once (ids are the primary key)
    assert all(final[doc_id] == record for doc_id, record in before.items())
    events = db_rows(db, "SELECT COUNT(*) FROM events")[0][0]
    stored_events = sum(len(json.loads(r)["events"]) for r in final.values())
    assert events == stored_events  # rows and records were written together
    orphans = db_rows(db, "SELECT COUNT(*) FROM incident_mentions m LEFT JOIN documents d ON d.id = m.doc_id "
                          "WHERE d.id IS NULL")[0][0]
    assert orphans == 0
