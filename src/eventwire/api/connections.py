"""One open store per answering thread, reused from request to request.

Opening a store costs about a millisecond (connect, WAL and schema checks), as much as a whole
cached answer; the API answers on a small pool of long-lived threads (see ``THREADS`` in
:mod:`eventwire.api.app`), so each thread keeps its own connection. SQLite connections must stay
on the thread that opened them, which a thread-local store guarantees; a thread that ends takes
its connection with it. Reads in WAL mode see every commit made before they start, so a kept
connection is as fresh as a new one, as long as it is never left inside a transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from eventwire.errors import EventwireError
from eventwire.store import Store


class ThreadStores:
    """``with stores.opened() as store``: this thread's store on ``path``, opened on first use."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self.opens = 0

    @contextmanager
    def opened(self) -> Iterator[Store]:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path)
            self._local.store = store
            self.opens += 1
        try:
            yield store
        except EventwireError:  # an answer such as "not found": the connection is as good as before
            self._end_transaction(store)
            raise
        except BaseException:  # anything else may have left it in any state: the next request opens afresh
            self._local.store = None
            store.close()
            raise
        self._end_transaction(store)

    @staticmethod
    def _end_transaction(store: Store) -> None:
        if store.conn.in_transaction:  # never keep a snapshot (or a lock) into the next request
            store.conn.rollback()


__all__ = ["ThreadStores"]
