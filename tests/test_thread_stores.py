"""The API's reads reuse one store per answering thread (issue 12, load): each thread opens
once, sees every commit made before its next request, and never carries a transaction or a
broken connection from one request into the next."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from eventwire.api.connections import ThreadStores
from eventwire.errors import NotFound
from eventwire.store import Store
from helpers import KADUGLI, KADUGLI_LATER, record_of, store_with_one_story

FIRST, SECOND = KADUGLI, KADUGLI_LATER


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return store_with_one_story(tmp_path / "threads.db")


def documents(stores: ThreadStores) -> int:
    with stores.opened() as store:
        return int(store.summary()["documents"])


def test_a_thread_opens_its_store_once(db: Path) -> None:
    stores = ThreadStores(str(db))
    assert [documents(stores) for _ in range(5)] == [1] * 5
    assert stores.opens == 1


def test_each_thread_has_a_store_of_its_own(db: Path) -> None:
    stores = ThreadStores(str(db))
    seen: list[object] = []  # the stores, kept: a freed store can leave its id to the next one

    def ask() -> None:
        with stores.opened() as store:
            seen.append(store)

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert stores.opens == 3 and len({id(s) for s in seen}) == 3


def test_a_kept_store_sees_what_others_committed_since(db: Path) -> None:
    stores = ThreadStores(str(db))
    assert documents(stores) == 1
    with Store(db) as other:
        other.add(record_of(SECOND), "second")
    assert documents(stores) == 2 and stores.opens == 1


def test_a_transaction_left_open_is_ended_before_the_next_request(db: Path) -> None:
    stores = ThreadStores(str(db))
    with stores.opened() as store:
        store.conn.execute("BEGIN")
        store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()  # a snapshot is now held
        assert store.conn.in_transaction
    with stores.opened() as store:
        assert not store.conn.in_transaction
    with Store(db) as other:
        other.add(record_of(SECOND), "second")
    assert documents(stores) == 2  # an old snapshot would still say 1


def test_an_answer_such_as_not_found_keeps_the_store(db: Path) -> None:
    stores = ThreadStores(str(db))
    with pytest.raises(NotFound), stores.opened() as store:
        store.get("sha256:nothing")
    assert documents(stores) == 1 and stores.opens == 1


def test_an_unexpected_failure_closes_the_store_and_the_next_request_opens_afresh(db: Path) -> None:
    stores = ThreadStores(str(db))
    with pytest.raises(RuntimeError), stores.opened() as store:
        broken = store
        raise RuntimeError("something went wrong mid-request")
    with pytest.raises(Exception, match="closed"):
        broken.conn.execute("SELECT 1")
    assert documents(stores) == 1 and stores.opens == 2
