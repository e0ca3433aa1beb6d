"""Answers kept until the store changes (issue 12, load): whole GET responses are replayed while
the database is unchanged, and never once anything, from any process, has been committed.

The store is a real SQLite file; the writes come from another connection and from another
process (``eventwire ingest``), as they do when an ingest runs beside the server. The cache's
own behaviour (single flight, size limits) is checked on small real Starlette apps, where the
number of computations can be counted.
"""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
from pathlib import Path

import anyio.to_thread
import httpx
import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from eventwire.api import create_app
from eventwire.api.cache import ResponseCache, StoreVersion
from eventwire.errors import UsageError
from eventwire.store import Store
from helpers import KADUGLI, KADUGLI_LATER, record_of, store_with_one_story

FIRST, SECOND = KADUGLI, KADUGLI_LATER
CACHE = "x-eventwire-cache"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return store_with_one_story(tmp_path / "cached.db")


def test_a_repeated_question_is_replayed_byte_for_byte_with_its_security_headers(db: Path) -> None:
    client = TestClient(create_app(db))
    first = client.get("/v1/events?type=ASSAULT")
    second = client.get("/v1/events?type=ASSAULT")
    assert first.status_code == second.status_code == 200
    assert (first.headers[CACHE], second.headers[CACHE]) == ("miss", "hit")
    assert first.content == second.content and first.json()["data"]
    for response in (first, second):
        assert "default-src" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["content-type"].startswith("application/json")


def test_another_query_string_is_another_question(db: Path) -> None:
    client = TestClient(create_app(db))
    assert client.get("/v1/events?type=ASSAULT").headers[CACHE] == "miss"
    other = client.get("/v1/events?type=PROTEST")
    assert other.headers[CACHE] == "miss" and other.json()["data"] == []


def test_a_write_from_another_connection_is_seen_by_the_next_request(db: Path) -> None:
    client = TestClient(create_app(db))
    before = client.get("/v1/stats").json()["data"]
    assert client.get("/v1/stats").headers[CACHE] == "hit"
    with Store(db) as store:  # another connection in this process
        store.add(record_of(SECOND), "second")
    after = client.get("/v1/stats")
    assert after.headers[CACHE] == "miss"
    assert after.json()["data"]["documents"] == before["documents"] + 1


def test_a_write_from_another_process_is_seen_by_the_next_request(db: Path, tmp_path: Path,
                                                                   cli: list[str]) -> None:
    client = TestClient(create_app(db))
    assert len(client.get("/v1/documents").json()["data"]) == 1
    assert client.get("/v1/documents").headers[CACHE] == "hit"
    source = tmp_path / "second.txt"
    source.write_text(SECOND, encoding="utf-8")
    done = subprocess.run([*cli, "ingest", str(source), "--db", str(db)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert len(client.get("/v1/documents").json()["data"]) == 2


def test_a_write_and_its_undoing_are_each_seen(db: Path) -> None:
    """Each commit is a new version, even one that restores the counts the cache last saw."""
    client = TestClient(create_app(db))
    assert client.get("/v1/stats").json()["data"]["errors"] == 0
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO errors (item, stage, code, message, document_id, created_at) "
                 "VALUES ('x', 'read', 'E103', 'binary', NULL, '2020-01-01')")
    conn.commit()
    assert client.get("/v1/stats").json()["data"]["errors"] == 1
    conn.execute("DELETE FROM errors")
    conn.commit()
    conn.close()
    assert client.get("/v1/stats").json()["data"]["errors"] == 0


def test_errors_are_answered_afresh_and_pages_apart_from_json(db: Path) -> None:
    client = TestClient(create_app(db), raise_server_exceptions=False)
    for _ in range(2):
        missing = client.get("/v1/documents/sha256:nothing")
        assert missing.status_code == 404 and missing.headers[CACHE] == "miss"
    page = client.get("/v1/stats", headers={"Accept": "text/html"})
    data = client.get("/v1/stats", headers={"Accept": "application/json"})
    assert page.headers[CACHE] == data.headers[CACHE] == "miss"  # two questions, two answers kept
    assert client.get("/v1/stats", headers={"Accept": "text/html"}).headers[CACHE] == "hit"


def test_writes_are_never_replayed(db: Path) -> None:
    client = TestClient(create_app(db, "tok"))
    headers = {"Authorization": "Bearer tok", "Content-Type": "text/plain"}
    first = client.post("/v1/documents", content=SECOND.encode(), headers=headers)
    again = client.post("/v1/documents", content=SECOND.encode(), headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)  # the second is seen as a duplicate
    assert CACHE not in first.headers and CACHE not in again.headers


def test_an_in_memory_store_has_no_version_to_cache_by() -> None:
    assert StoreVersion(":memory:").current() is None


def test_the_version_only_moves_when_something_is_committed(db: Path) -> None:
    version = StoreVersion(str(db))
    first = version.current()
    assert version.current() == first
    with Store(db) as store:
        store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()  # a read is no change
    assert version.current() == first
    with Store(db) as store:
        store.add(record_of(SECOND), "second")
    assert first is not None and version.current() == first + 1
    version.close()


def counting_app(calls: list[str], body: bytes = b"answer", pause: float = 0.0) -> Starlette:
    async def answer(request: Request) -> Response:
        calls.append(request.url.path)
        await asyncio.sleep(pause)
        return PlainTextResponse(body)

    async def broken(request: Request) -> Response:
        calls.append(request.url.path)
        return PlainTextResponse("no", status_code=500)

    return Starlette(routes=[Route("/answer", answer), Route("/broken", broken)])


async def ask(app: ResponseCache, path: str, times: int) -> list[httpx.Response]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://cache.test") as client:
        return list(await asyncio.gather(*(client.get(path) for _ in range(times))))


def test_fifty_clients_asking_at_once_cost_one_computation(db: Path) -> None:
    calls: list[str] = []
    cache = ResponseCache(counting_app(calls, pause=0.2), StoreVersion(str(db)))
    answers = asyncio.run(ask(cache, "/answer", 50))
    assert calls == ["/answer"]
    assert {a.text for a in answers} == {"answer"}
    assert sorted(a.headers[CACHE] for a in answers) == ["hit"] * 49 + ["miss"]


def test_an_answer_over_the_entry_limit_passes_through_whole_and_is_not_kept(db: Path) -> None:
    calls: list[str] = []
    body = b"x" * 5000
    cache = ResponseCache(counting_app(calls, body=body), StoreVersion(str(db)), max_entry=1000)
    for _ in range(2):
        (answer,) = asyncio.run(ask(cache, "/answer", 1))
        assert answer.content == body and answer.headers[CACHE] == "miss"
    assert len(calls) == 2


def test_server_errors_are_not_kept(db: Path) -> None:
    calls: list[str] = []
    cache = ResponseCache(counting_app(calls), StoreVersion(str(db)))
    for _ in range(2):
        (answer,) = asyncio.run(ask(cache, "/broken", 1))
        assert answer.status_code == 500
    assert len(calls) == 2


def test_the_kept_bodies_stay_within_their_byte_budget(db: Path) -> None:
    calls: list[str] = []
    cache = ResponseCache(counting_app(calls, body=b"y" * 400), StoreVersion(str(db)), max_bytes=1000)

    async def many() -> None:
        for i in range(10):
            await ask(cache, f"/answer?page={i}", 1)

    asyncio.run(many())
    assert cache._bytes <= 1000 and len(cache._items) == 2  # the two most recent pages
    assert [key[1] for key in cache._items] == [b"page=8", b"page=9"]


def test_the_server_answers_a_few_requests_at_once_and_queues_the_rest(db: Path) -> None:
    with TestClient(create_app(db, threads=3)) as client:  # the lifespan sizes the pool
        assert client.portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens) == 3
    with pytest.raises(UsageError):
        create_app(db, threads=0)


def test_a_document_being_extracted_does_not_take_a_reader_s_thread(db: Path) -> None:
    """Posted documents have their own lane: with one reader thread, reads still answer while a
    write extracts (were writes in the readers' pool, the read would wait for the whole write)."""
    app = create_app(db, "tok", threads=1)
    headers = {"Authorization": "Bearer tok", "Content-Type": "text/plain"}
    finished: dict[str, float] = {}

    async def scenario() -> None:
        anyio.to_thread.current_default_thread_limiter().total_tokens = 1  # as the lifespan does
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://lanes.test", timeout=60) as client:
            async def write() -> None:
                text = " ".join([SECOND] * 40)  # long enough to extract for a while
                assert (await client.post("/v1/documents", content=text.encode(), headers=headers)).status_code == 201
                finished["write"] = asyncio.get_running_loop().time()

            async def read() -> None:
                await asyncio.sleep(0.05)  # the write has taken its thread
                for n in range(3):
                    response = await client.get(f"/v1/events?limit={n + 1}")
                    assert response.status_code == 200
                finished["read"] = asyncio.get_running_loop().time()

            await asyncio.gather(write(), read())

    asyncio.run(scenario())
    assert finished["read"] < finished["write"]
