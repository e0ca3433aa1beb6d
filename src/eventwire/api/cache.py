"""Answers kept until the database changes.

Every answer of the API's GET routes is a function of the request and of what the store holds.
Dashboards and analysts ask the same few questions (the statistics, the first page of events,
the overview) far more often than an ingest commits, and each answer costs milliseconds of
Python (query, rows to JSON, templates). Two caches keep answers keyed by the store's version:

- :class:`StoreVersionCache` keeps computed values (the whole-store counts that the statistics,
  the timeline, the map and the overview page share);
- :class:`ResponseCache`, an ASGI middleware, keeps whole successful GET responses, bytes and
  headers, and replays them without routing, querying or rendering.

The version is :class:`StoreVersion`: SQLite's ``PRAGMA data_version`` on a connection of the
cache's own, which changes whenever any other connection, in this process or another, commits
to the database (a few microseconds, no table read). The version is read before an answer is
computed, so a write that lands during the computation makes the next request compute again
rather than keep an answer older than the store. An in-memory store has no other connections
and is never cached.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class StoreVersion:
    """A number that changes whenever anything is committed to the database at ``path``."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._seen: int | None = None
        self._version = 0

    def current(self) -> int | None:
        """The version now; None for an in-memory store, which nothing else can change.

        ``data_version`` only says whether others committed since this connection last asked,
        so the differences are counted into a version of our own that only ever grows."""
        if self.path == ":memory:":
            return None
        with self._lock:
            if self._conn is None:
                self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            seen = int(self._conn.execute("PRAGMA data_version").fetchone()[0])
            if seen != self._seen:
                self._seen = seen
                self._version += 1
            return self._version

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


class StoreVersionCache:
    """At most ``size`` computed values, each valid for the store version it was computed at."""

    def __init__(self, version: StoreVersion, size: int = 128) -> None:
        self.version = version
        self.size = size
        self._items: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value for ``key``: kept if the store has not changed since, else computed."""
        version = self.version.current()
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


HIT = (b"x-eventwire-cache", b"hit")
MISS = (b"x-eventwire-cache", b"miss")
CacheKey = tuple[str, bytes, bytes]
"""A GET request as far as its answer depends on it: path, query string, Accept header."""


class ResponseCache:
    """Keep whole 200 responses to GET requests and replay them while the store is unchanged.

    Only what is certain to be the same answer is replayed: the same path, query string and
    Accept header (errors are rendered as a page or as JSON by it), at the same store version,
    from a request without a body. Responses over ``max_entry`` bytes pass through uncached, so
    exports stream as before; the cache holds at most ``max_bytes`` of bodies, least recently
    used first out. A response is forwarded as it is produced and copied on the side.

    When many clients ask the same question right after a write, only the first computes the
    answer; the others wait for it and are replayed its copy (one computation instead of fifty
    competing for the processor). Each response says ``X-Eventwire-Cache: hit`` or ``miss``."""

    def __init__(self, app: ASGIApp, version: StoreVersion, max_entry: int = 1 << 20,
                 max_bytes: int = 32 << 20) -> None:
        self.app = app
        self.version = version
        self.max_entry = max_entry
        self.max_bytes = max_bytes
        self._items: OrderedDict[CacheKey, tuple[int, Message, bytes]] = OrderedDict()
        self._bytes = 0
        self._pending: dict[CacheKey, tuple[int, asyncio.Event]] = {}
        self.hits = 0
        self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        version = self.version.current()
        if version is None:
            await self.app(scope, receive, send)
            return
        accept = next((v for k, v in scope["headers"] if k == b"accept"), b"")
        key: CacheKey = (scope["path"], scope.get("query_string", b""), accept)
        pending = self._pending.get(key)
        if pending is not None and pending[0] == version:
            await pending[1].wait()  # the same answer is being computed: wait for its copy
        if await self._replayed(key, version, send):
            return
        self.misses += 1
        done = asyncio.Event()
        self._pending[key] = (version, done)
        try:
            await self.app(scope, receive, self._copying(key, version, send))
        finally:
            if self._pending.get(key, (None, None))[1] is done:
                del self._pending[key]
            done.set()

    async def _replayed(self, key: CacheKey, version: int, send: Send) -> bool:
        kept = self._items.get(key)
        if kept is None or kept[0] != version:
            return False
        self._items.move_to_end(key)
        self.hits += 1
        start = kept[1]
        await send({**start, "headers": [*start["headers"], HIT]})
        await send({"type": "http.response.body", "body": kept[2], "more_body": False})
        return True

    def _copying(self, key: CacheKey, version: int, send: Send) -> Send:
        start: Message | None = None
        parts: list[bytes] = []
        size = 0

        async def copy_then_send(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message if message["status"] == 200 else None
                message = {**message, "headers": [*message.get("headers", []), MISS]}
            elif message["type"] == "http.response.body" and start is not None:
                body = message.get("body", b"")
                size += len(body)
                if size > self.max_entry:
                    start = None
                    parts.clear()
                else:
                    parts.append(body)
                    if not message.get("more_body", False):
                        self._keep(key, version, start, b"".join(parts))
            await send(message)

        return copy_then_send

    def _keep(self, key: CacheKey, version: int, start: Message, body: bytes) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self._bytes -= len(old[2])
        self._items[key] = (version, start, body)
        self._bytes += len(body)
        while self._bytes > self.max_bytes and self._items:
            _, (_, _, dropped) = self._items.popitem(last=False)
            self._bytes -= len(dropped)


__all__ = ["ResponseCache", "StoreVersion", "StoreVersionCache"]
