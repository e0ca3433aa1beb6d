"""Copying the write-ahead log into the database on a thread of its own.

In WAL mode a commit appends the pages it changed to the log; a *checkpoint* copies them into
the database file and syncs it to disk. By default the committing connection does that itself,
in the middle of an ingest: every :data:`~eventwire.store.sqlite.WAL_CHECKPOINT_PAGES` pages, a
copy and a sync of tens of megabytes. As the store grows, a batch of documents changes more
distinct index pages (their keys land all over larger B-trees), so the checkpoints take longer:
on a 10,000-document ingest they became the largest cost of storing a document that grew with
the store (0.4 ms per document in the first thousand, 2.3 ms in the tenth).

:class:`BackgroundCheckpointer` does the same copy on its own connection and thread, woken
after each write, while the writer goes on extracting the next documents: the sync releases
Python's lock, so on a machine with a second core it costs the ingest almost nothing. It runs
SQLite's PASSIVE checkpoint, which never waits for or blocks readers and writers, so nothing
about durability changes (``synchronous = NORMAL`` syncs at checkpoints, as before). The
writer's own automatic checkpoint stays on at a larger size, so the log stays bounded even if
this thread falls behind or fails.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


class BackgroundCheckpointer:
    """Checkpoints one database file whenever its log holds more than ``pages`` pages."""

    def __init__(self, path: str, pages: int, page_size: int) -> None:
        self.path = path
        self.wal = Path(path + "-wal")
        self.threshold_bytes = pages * page_size
        self.checkpoints = 0
        """Checkpoints run (a test and a benchmark read it)."""
        self.error: Exception | None = None
        """Why the thread stopped early, if it did: the writer's own checkpoints carry on."""
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def log_limit_bytes(self) -> int:
        """What the writer's ``journal_size_limit`` must be: a log started again from its
        beginning is cut below the threshold, so the file's size is what the log holds."""
        return self.threshold_bytes // 4

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def nudge(self) -> None:
        """Tell the thread that a write was committed (cheap: it only sets a flag). The thread
        starts with the first write: a store only read from never has one."""
        if self._thread is None and not self._stop.is_set():
            self._thread = threading.Thread(target=self._run, name="eventwire-checkpoint", daemon=True)
            self._thread.start()
        self._wake.set()

    def close(self) -> None:
        """Stop the thread, after the checkpoint it may be running."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()

    def _log_bytes(self) -> int:
        try:
            return self.wal.stat().st_size
        except OSError:
            return 0

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self.path)
        except sqlite3.Error as exc:
            self.error = exc
            return
        try:
            while True:
                self._wake.wait()
                self._wake.clear()
                if self._stop.is_set():
                    return
                # the file's size is what the log holds (:attr:`log_limit_bytes`)
                if self._log_bytes() >= self.threshold_bytes:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.checkpoints += 1
        except sqlite3.Error as exc:
            self.error = exc
        finally:
            conn.close()


__all__ = ["BackgroundCheckpointer"]
