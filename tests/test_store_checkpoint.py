"""The write-ahead log is copied into the database on a thread of its own
(``store.checkpoint.BackgroundCheckpointer``): it starts with the first write, copies the log
whenever it passes its size, stops with the store, and when it cannot run, the writer's own
checkpoints keep the log bounded and nothing is lost."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from eventwire.ingest import ingest_items
from eventwire.sources.raw import RawItem
from eventwire.store import Store
from eventwire.store import checkpoint as checkpoint_module
from eventwire.store import sqlite as store_sqlite
from helpers import db_rows, wait_until

TOWNS = ["Kadugli", "Dilling", "El Obeid", "Kosti", "Sennar", "Kassala", "Gedaref", "Atbara", "Dongola", "Nyala"]


def reports(count: int, tag: str = "") -> list[RawItem]:
    """Distinct short reports, each with an event, a place, a date and a claim."""
    return [RawItem(origin=f"r{tag}{i}",
                    content=f"Rebels shelled the town of {TOWNS[i % len(TOWNS)]} on Sunday, killing {i + 3} civilians "
                            f"and wounding {2 * i + 5}, the state governor said on Monday. Report {tag}{i}: "
                            f"witnesses said {i + 1} houses and a market burned.",
                    kind="text", published="2025-03-10") for i in range(count)]


def stored_count(db: Path) -> int:
    return int(db_rows(db, "SELECT COUNT(*) FROM documents")[0][0])


def test_a_store_in_memory_has_no_checkpoint_thread() -> None:
    with Store(":memory:") as store:
        ingest_items(store, reports(2))
        assert store.checkpointer is None


def test_the_thread_starts_with_a_write_and_stops_with_the_store(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    Store(db).close()  # created and migrated
    with Store(db) as reader:
        reader.document_list()
        assert reader.checkpointer is not None and not reader.checkpointer.alive  # only read from
    store = Store(db)
    ingest_items(store, reports(3))
    assert store.checkpointer is not None and store.checkpointer.alive
    store.close()
    assert not store.checkpointer.alive


def test_the_log_is_copied_into_the_database_off_the_writers_thread(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_sqlite, "WAL_CHECKPOINT_PAGES", 40)  # 160 KB: a few batches pass it
    db = tmp_path / "s.db"
    with Store(db) as store:
        assert store.checkpointer is not None
        ingest_items(store, reports(120))
        assert wait_until(lambda: store.checkpointer is not None and store.checkpointer.checkpoints >= 2)
        assert store.checkpointer.error is None
        # the writer's own checkpoints wait for four times as much log: these were the thread's
        assert int(store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]) == 160
        # another connection reads every document while the store is still open
        assert stored_count(db) == 120
        report = ingest_items(store, reports(30, tag="b"))  # and writing goes on
        assert report.new == 30
    assert stored_count(db) == 150
    assert not Path(str(db) + "-wal").exists() or Path(str(db) + "-wal").stat().st_size == 0


def test_the_log_file_is_cut_when_it_starts_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The thread goes by the log file's size; a log started again from its beginning is cut below
    the threshold (``journal_size_limit``), so a copied log is not copied again after every write:
    without the cut, each of the ten small writes below was followed by a checkpoint."""
    monkeypatch.setattr(store_sqlite, "WAL_CHECKPOINT_PAGES", 1000)  # 4 MB: a single report writes 2
    db = tmp_path / "s.db"
    with Store(db) as store:
        assert store.checkpointer is not None
        limit = int(store.conn.execute("PRAGMA journal_size_limit").fetchone()[0])
        assert 0 < limit < store.checkpointer.threshold_bytes
        ingest_items(store, reports(120))
        assert wait_until(lambda: store.checkpointer is not None and store.checkpointer.checkpoints >= 1)
        done = store.checkpointer.checkpoints
        for i in range(10):
            ingest_items(store, reports(1, tag=f"s{i}-"))
            time.sleep(0.1)
        assert 1 <= store.checkpointer.checkpoints - done <= 6
        assert stored_count(db) == 130


def test_when_the_thread_cannot_run_the_writer_checkpoints_and_nothing_is_lost(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_sqlite, "WAL_CHECKPOINT_PAGES", 40)
    real_connect = sqlite3.connect

    def refuse_the_checkpoint_thread(*args, **kwargs):  # type: ignore[no-untyped-def]
        if threading.current_thread().name == "eventwire-checkpoint":
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(checkpoint_module.sqlite3, "connect", refuse_the_checkpoint_thread)
    db = tmp_path / "s.db"
    with Store(db) as store:
        ingest_items(store, reports(150))
        assert store.checkpointer is not None
        assert wait_until(lambda: store.checkpointer is not None and not store.checkpointer.alive)
        assert isinstance(store.checkpointer.error, sqlite3.OperationalError)
        assert store.checkpointer.checkpoints == 0
        # the writer's own checkpoints (at four times the size) kept the log from growing without end
        page_size = int(store.conn.execute("PRAGMA page_size").fetchone()[0])
        wal = Path(str(db) + "-wal").stat().st_size
        assert wal < 4 * 40 * page_size + 8 * 2**20  # four thresholds and a batch (never checkpointed: 20 MB)
        assert stored_count(db) == 150
