"""Whole-store aggregates kept until the database changes.

The statistics, the timeline and the map count every stored event (tens of milliseconds on a
large store) and are asked for far more often than an ingest commits. :class:`StoreVersionCache`
keeps their answers keyed by what was asked and by the database's version, and answers again
from the store as soon as anything was written. The version is read from the file system: every
SQLite commit in WAL mode writes the ``-wal`` file (and a checkpoint the main file), so their
sizes and modification times change with every write, from any process, at the cost of two
``stat`` calls and no query.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

Version = tuple[int, ...]


def store_version(path: str) -> Version | None:
    """Sizes and modification times of the database and its WAL; None for an in-memory store."""
    if path == ":memory:":
        return None
    out: list[int] = []
    for name in (path, path + "-wal"):
        try:
            st = os.stat(name)
        except FileNotFoundError:
            out += [-1, -1]
            continue
        out += [st.st_size, st.st_mtime_ns]
    return tuple(out)


class StoreVersionCache:
    """At most ``size`` answers, each valid for the store version it was computed at."""

    def __init__(self, path: str, size: int = 128) -> None:
        self.path = path
        self.size = size
        self._items: OrderedDict[Hashable, tuple[Version, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The answer for ``key``: kept if the store has not changed since, else computed.

        The version is read before computing, so a write that lands during the computation
        makes the next call compute again rather than keep a stale answer."""
        version = store_version(self.path)
        if version is None:
            return compute()
        with self._lock:
            kept = self._items.get(key)
            if kept is not None and kept[0] == version:
                self._items.move_to_end(key)
                self.hits += 1
                return kept[1]
        value = compute()
        with self._lock:
            self.misses += 1
            self._items[key] = (version, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


__all__ = ["StoreVersionCache", "store_version"]
