"""A database locked by another writer (issue 12): writes wait, retry, and then fail loudly with
E401 (HTTP 503 with Retry-After); nothing is dropped in silence and nothing stored is damaged.

The lock is a real one: a second SQLite connection holds a write transaction (``BEGIN
IMMEDIATE``), as another ``eventwire ingest`` would. The last tests check the other side of
sharing a store between processes: the API's cached whole-store counts are answered again as
soon as any connection writes.
"""

from __future__ import annotations

import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.errors import StoreBusy
from eventwire.store import Store
from helpers import KADUGLI, KADUGLI_LATER, record_of, store_with_one_story

TOKEN = "s3cret-token"
FIRST, SECOND = KADUGLI, KADUGLI_LATER


@contextmanager
def locked(path: Path, release_after: float | None = None) -> Iterator[sqlite3.Connection]:
    """Hold the database's write lock from another connection (released at the end of the
    block, or after ``release_after`` seconds from a timer thread)."""
    conn = sqlite3.connect(path, timeout=0, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(release_after, conn.rollback) if release_after is not None else None
    if timer is not None:
        timer.start()
    try:
        yield conn
    finally:
        if timer is not None:
            timer.join()
        else:
            conn.rollback()
        conn.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return store_with_one_story(tmp_path / "locked.db")


def snapshot(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return [(r[0], r[1]) for r in conn.execute("SELECT id, record FROM documents ORDER BY id")]
    finally:
        conn.close()


def test_a_write_refused_through_every_retry_raises_store_busy_and_writes_nothing(db: Path) -> None:
    before = snapshot(db)
    record = record_of(SECOND)
    with locked(db), Store(db, timeout=0.05, retries=2) as store:
        started = time.monotonic()
        with pytest.raises(StoreBusy) as caught:
            store.save(record, "second")
        waited = time.monotonic() - started
    assert caught.value.code == "E401" and "locked" in caught.value.message
    assert waited >= 0.1 + 0.2  # the pauses between the three attempts were taken
    assert snapshot(db) == before  # nothing written, nothing stored before altered
    with Store(db) as store:
        assert store.save(record, "second") is not None  # and the same call works once the lock is gone
    assert len(snapshot(db)) == 2


def test_a_lock_released_during_the_retries_lets_the_write_through(db: Path) -> None:
    with locked(db, release_after=0.3), Store(db, timeout=0.05, retries=5) as store:
        assert store.save(record_of(SECOND), "second") is not None
    assert len(snapshot(db)) == 2


def test_errors_and_copies_retry_too(db: Path) -> None:
    from eventwire.record import ErrorRecord

    error = ErrorRecord(item="bad.html", stage="read", code="E103", message="binary input")
    with locked(db), Store(db, timeout=0.05, retries=1) as store, pytest.raises(StoreBusy):
        store.add_error(error)
    with locked(db, release_after=0.2), Store(db, timeout=0.05, retries=4) as store:
        store.add_error(error)
        assert store.errors()[0]["code"] == "E103"


def test_an_error_other_than_a_lock_is_not_retried(db: Path) -> None:
    calls = []

    def broken() -> None:
        calls.append(1)
        raise sqlite3.OperationalError("no such table: nowhere")

    with Store(db, timeout=0.05, retries=3) as store, pytest.raises(sqlite3.OperationalError):
        store._retrying(broken)
    assert calls == [1]


def test_the_api_answers_a_locked_write_with_503_and_retry_after(db: Path) -> None:
    client = TestClient(create_app(db, TOKEN, write_timeout=0.05), raise_server_exceptions=False)
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"}
    with locked(db):
        response = client.post("/v1/documents", content=SECOND.encode(), headers=headers)
        assert client.get("/v1/documents").status_code == 200  # reads go on meanwhile (WAL)
    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"] == "5"
    body = response.json()
    assert body["ok"] is False and body["error"]["code"] == "E401"
    assert client.post("/v1/documents", content=SECOND.encode(), headers=headers).status_code == 201


def test_an_ingest_that_meets_a_lock_stops_loudly_and_resumes(db: Path, tmp_path: Path, cli: list[str]) -> None:
    source = tmp_path / "two.txt"
    source.write_text(SECOND, encoding="utf-8")
    env_db = ["--db", str(db)]
    with locked(db):
        stopped = subprocess.run([*cli, "ingest", str(source), *env_db, "--lock-timeout", "0.05"],
                                 capture_output=True, text=True, timeout=300)
    assert stopped.returncode != 0
    assert "E401" in stopped.stderr
    assert len(snapshot(db)) == 1
    resumed = subprocess.run([*cli, "ingest", str(source), *env_db], capture_output=True, text=True,
                             timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert len(snapshot(db)) == 2


def test_whole_store_counts_are_kept_until_any_process_writes(db: Path) -> None:
    from eventwire.api.cache import StoreVersion, StoreVersionCache

    cache = StoreVersionCache(StoreVersion(str(db)))
    calls: list[int] = []

    def count() -> int:
        calls.append(1)
        with Store(db) as store:
            return int(store.summary()["documents"])

    assert cache.get("documents", count) == 1
    assert cache.get("documents", count) == 1 and len(calls) == 1  # kept: nothing was written
    other = sqlite3.connect(db)  # another process's write, through SQLite itself
    other.execute("INSERT INTO errors (item, stage, code, message, document_id, created_at) "
                  "VALUES ('x', 'read', 'E103', 'binary', NULL, '2020-01-01')")
    other.commit()
    other.close()
    assert cache.get("documents", count) == 1 and len(calls) == 2  # the write made it count again
    with Store(db) as store:
        store.add(record_of(SECOND), "second")
    assert cache.get("documents", count) == 2 and len(calls) == 3


def test_the_api_s_stats_follow_a_write_at_once(db: Path) -> None:
    client = TestClient(create_app(db, TOKEN), raise_server_exceptions=False)
    first = client.get("/v1/stats").json()["data"]["documents"]
    assert client.get("/v1/stats").json()["data"]["documents"] == first
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"}
    assert client.post("/v1/documents", content=SECOND.encode(), headers=headers).status_code == 201
    assert client.get("/v1/stats").json()["data"]["documents"] == first + 1
