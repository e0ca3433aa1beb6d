"""The REST API: the envelope on every route and status, auth, limits, ingest, and a real
server on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.store import Store
from test_query_export import record_c
from test_store_queries import record_a, record_b

TOKEN = "s3cret-token"
ARTICLE = ("Rebels shelled the town of Kadugli in South Kordofan on Sunday, killing 12 civilians, local officials "
           "said. The army denied that it had lost control of the road.")


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "api.db"
    with Store(path) as s:
        for r, origin in ((record_a(), "a"), (record_b(), "b"), (record_c(), "c")):
            s.add(r, origin)
    return str(path)


@pytest.fixture
def client(db: str) -> TestClient:
    return TestClient(create_app(db, TOKEN, max_body=64 * 1024), raise_server_exceptions=False)


@pytest.fixture
def readonly(db: str) -> TestClient:
    return TestClient(create_app(db, None), raise_server_exceptions=False)


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is True and set(body) == {"ok", "data", "meta"}
    return body["data"]


def failed(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and set(body) == {"ok", "error"}
    assert body["error"]["code"] == code and body["error"]["status"] == status and body["error"]["message"]
    return dict(body["error"])


# --- reading ----------------------------------------------------------------------------

def test_every_read_route_answers_in_the_envelope(client: TestClient) -> None:
    docs = ok(client.get("/v1/documents"))
    assert len(docs) == 3 and {"id", "title", "n_events"} <= set(docs[0])
    one = ok(client.get(f"/v1/documents/{docs[0]['id']}"))
    assert one["format"] == "eventwire/1" and one["document"]["id"] == docs[0]["id"]
    assert len(ok(client.get("/v1/events"))) == 5
    assert len(ok(client.get("/v1/claims"))) == 2
    incidents = ok(client.get("/v1/incidents"))
    assert incidents
    assert ok(client.get(f"/v1/incidents/{incidents[0]['id']}"))["id"] == incidents[0]["id"]
    assert ok(client.get("/v1/search", params={"q": "Kharkiv"}))[0]["kind"] in ("document", "claim")
    stats = ok(client.get("/v1/stats"))
    assert stats["documents"] == 3 and stats["events"] == 5 and stats["events_per_day"]
    assert "path" not in stats  # the server's file system is not the client's business


def test_event_filters_and_cursor_over_http(client: TestClient) -> None:
    assert len(ok(client.get("/v1/events", params={"cameo": "19"}))) == 3
    assert len(ok(client.get("/v1/events", params=[("factuality", "reported"), ("factuality", "denied")]))) == 3
    assert len(ok(client.get("/v1/events", params={"bbox": "36,49,37,50.5"}))) == 1
    assert len(ok(client.get("/v1/events", params={"contested": "true"}))) == 1
    first = client.get("/v1/events", params={"limit": 2}).json()
    assert len(first["data"]) == 2 and first["meta"]["next_cursor"]
    rest = ok(client.get("/v1/events", params={"limit": 10, "cursor": first["meta"]["next_cursor"]}))
    assert len(rest) == 3
    assert not {r["event_id"] + r["doc_id"] for r in rest} & {r["event_id"] + r["doc_id"] for r in first["data"]}
    assert len(ok(client.get("/v1/claims", params={"stance": "denies"}))) == 1
    assert len(ok(client.get("/v1/incidents", params={"status": "single_source"}))) >= 1


# --- errors -----------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "params", "status", "code"), [
    ("/v1/documents/sha256:0000", {}, 404, "E404"),
    ("/v1/incidents/inc:0000000000000000", {}, 404, "E404"),
    ("/v1/nowhere", {}, 404, "E513"),
    ("/v1/events", {"limit": 0}, 422, "E500"),
    ("/v1/events", {"limit": 5000}, 422, "E500"),
    ("/v1/events", {"since": "last week"}, 400, "E500"),
    ("/v1/events", {"cursor": "garbage"}, 400, "E500"),
    ("/v1/events", {"bbox": "1,2"}, 400, "E500"),
    ("/v1/events", {"sort": "type; DROP TABLE events"}, 400, "E500"),
    ("/v1/events", {"contested": "maybe"}, 422, "E500"),
    ("/v1/incidents", {"status": "rumour"}, 400, "E500"),
    ("/v1/incidents", {"since": "yesterday"}, 400, "E500"),
    ("/v1/search", {}, 422, "E500"),
    ("/v1/search", {"q": "   "}, 400, "E500"),
    ("/v1/search", {"q": "x" * 600}, 422, "E500"),
    ("/v1/documents", {"offset": -1}, 422, "E500"),
])
def test_errors_are_envelopes_with_codes(client: TestClient, path: str, params: dict[str, Any], status: int,
                                         code: str) -> None:
    error = failed(client.get(path, params=params), status, code)
    if status == 422:
        assert error["details"] and error["details"][0]["where"]


def test_wrong_method_is_an_envelope(client: TestClient) -> None:
    failed(client.delete("/v1/events"), 405, "E500")


@pytest.mark.parametrize("hostile", ["' OR '1'='1", "'; DROP TABLE documents; --", "%", "_", "\\", "\x00"])
def test_injection_attempts_on_every_parameter(client: TestClient, hostile: str) -> None:
    for name in ("type", "cameo", "actor", "country", "sector", "place", "place_country", "claimed_by", "outlet",
                 "doc_id"):
        response = client.get("/v1/events", params={name: hostile})
        assert response.status_code in (200, 400), (name, response.text)
    for name in ("speaker", "stance", "kind", "doc_id"):
        assert client.get("/v1/claims", params={name: hostile}).status_code == 200
    for name in ("type", "country", "place"):
        assert client.get("/v1/incidents", params={name: hostile}).status_code == 200
    assert client.get("/v1/documents", params={"outlet": hostile}).status_code == 200
    assert client.get("/v1/search", params={"q": hostile}).status_code in (200, 400)
    assert len(ok(client.get("/v1/documents"))) == 3 and len(ok(client.get("/v1/events"))) == 5


def test_openapi_is_served_and_the_cdn_docs_page_is_not(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/v1/events", "/v1/documents", "/v1/incidents", "/v1/search", "/v1/stats"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 404


# --- writing ----------------------------------------------------------------------------

def test_writes_need_the_token(client: TestClient, readonly: TestClient) -> None:
    failed(readonly.post("/v1/documents", content=ARTICLE, headers={"content-type": "text/plain",
                                                                     "authorization": f"Bearer {TOKEN}"}),
           403, "E511")
    failed(client.post("/v1/documents", content=ARTICLE, headers={"content-type": "text/plain"}), 401, "E510")
    failed(client.post("/v1/documents", content=ARTICLE, headers={"content-type": "text/plain",
                                                                   "authorization": "Bearer wrong"}), 403, "E511")
    failed(client.post("/v1/documents", content=ARTICLE, headers={"content-type": "text/plain",
                                                                   "authorization": TOKEN}), 401, "E510")


def test_ingest_text_json_and_html(client: TestClient) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    new = ok(client.post("/v1/documents", content=ARTICLE, headers={**auth, "content-type": "text/plain"}), 201)
    assert new["status"] == "new" and new["events"] >= 1
    again = ok(client.post("/v1/documents", content=ARTICLE, headers={**auth, "content-type": "text/plain"}))
    assert again["status"] in ("unchanged", "copy") and again["id"] == new["id"]
    stored = ok(client.get(f"/v1/documents/{new['id']}"))
    assert "Kadugli" in stored["document"]["text"]
    as_json = ok(client.post("/v1/documents", json={"text": "Police arrested 40 protesters in Nairobi on Monday.",
                                                    "url": "https://k.example/1", "title": "Arrests",
                                                    "published": "2024-06-03", "source": "K Times"},
                             headers=auth), 201)
    doc = ok(client.get(f"/v1/documents/{as_json['id']}"))["document"]
    assert doc["url"] == "https://k.example/1" and doc["published"]["value"] == "2024-06-03"
    page = ("<html><head><title>Talks</title></head><body><nav>Home | World</nav><article><p>The foreign "
            "ministers of Egypt and Sudan met in Cairo on Tuesday to discuss the dam.</p></article></body></html>")
    ok(client.post("/v1/documents", content=page, headers={**auth, "content-type": "text/html; charset=utf-8"}), 201)
    assert ok(client.get("/v1/stats"))["documents"] == 6


@pytest.mark.parametrize(("body", "ctype", "status", "code"), [
    (b"", "text/plain", 422, "E105"),
    (b"   \n ", "text/plain", 422, "E105"),
    (b"\x00\x01\x02binary" * 10, "text/plain", 422, "E103"),
    (b"\xff\xfe not utf-8 \xc3\x28", "text/plain", 422, "E104"),
    (b"{not json", "application/json", 422, "E106"),
    (b'{"title": "no text"}', "application/json", 422, "E106"),
    (b"[1, 2]", "application/json", 422, "E106"),
    (b"text", "image/png", 400, "E500"),
    (b"x" * (64 * 1024 + 1), "text/plain", 413, "E512"),
])
def test_bad_bodies_are_refused_and_nothing_is_stored(client: TestClient, body: bytes, ctype: str, status: int,
                                                      code: str) -> None:
    response = client.post("/v1/documents", content=body, headers={"authorization": f"Bearer {TOKEN}",
                                                                   "content-type": ctype})
    failed(response, status, code)
    assert ok(client.get("/v1/stats"))["documents"] == 3


def test_a_body_without_length_is_capped_while_streaming(client: TestClient) -> None:
    def chunks() -> Any:
        for _ in range(100):
            yield b"y" * 4096

    response = client.post("/v1/documents", content=chunks(), headers={"authorization": f"Bearer {TOKEN}",
                                                                        "content-type": "text/plain"})
    failed(response, 413, "E512")


# --- the real server --------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_on_loopback_answers_and_refuses_other_addresses(cli: list[str], db: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"}
    refused = subprocess.run([*cli, "serve", "--db", db, "--host", "0.0.0.0"], capture_output=True, text=True,
                             timeout=60, env=env)
    assert refused.returncode == 1 and "refusing" in refused.stderr
    no_token = subprocess.run([*cli, "serve", "--db", db, "--host", "0.0.0.0", "--public"], capture_output=True,
                              text=True, timeout=60, env=env)
    assert no_token.returncode == 1 and "EVENTWIRE_TOKEN" in no_token.stderr
    port = free_port()
    server = subprocess.Popen([*cli, "serve", "--db", db, "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/v1/stats", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
        assert ok(response)["documents"] == 3 and response.json()["meta"]["writable"] is False
        post = httpx.post(f"http://127.0.0.1:{port}/v1/documents", content=ARTICLE, timeout=10,
                          headers={"content-type": "text/plain", "authorization": "Bearer anything"})
        failed(post, 403, "E511")
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr:
            server.stderr.close()


def test_list_filters_and_paging_of_documents_and_claims(client: TestClient) -> None:
    assert len(ok(client.get("/v1/documents", params={"outlet": "c.example"}))) == 1
    assert ok(client.get("/v1/documents", params={"outlet": "nowhere.example"})) == []
    first = client.get("/v1/documents", params={"limit": 2}).json()
    rest = client.get("/v1/documents", params={"limit": 2, "offset": 2}).json()
    assert len(first["data"]) == 2 and len(rest["data"]) == 1 and rest["meta"]["offset"] == 2
    assert {d["id"] for d in first["data"]}.isdisjoint({d["id"] for d in rest["data"]})
    assert [c["speaker"] for c in ok(client.get("/v1/claims", params={"speaker": "ukrain"}))] == ["Ukrainian officials"]
    assert len(ok(client.get("/v1/claims", params={"kind": "indirect"}))) == 2
    assert ok(client.get("/v1/claims", params={"kind": "direct"})) == []


def test_document_answer_lists_copies_and_incidents(client: TestClient) -> None:
    doc_id = ok(client.get("/v1/documents", params={"outlet": "a.example"}))[0]["id"]
    answer = client.get(f"/v1/documents/{doc_id[:20]}").json()
    assert answer["ok"] and answer["data"]["document"]["id"] == doc_id
    assert answer["meta"]["copies"] and answer["meta"]["incidents"]
    assert all(i["id"].startswith("inc:") for i in answer["meta"]["incidents"])


def test_incident_filters_over_http(client: TestClient) -> None:
    everything = ok(client.get("/v1/incidents"))
    assert ok(client.get("/v1/incidents", params={"type": "coerce"}))[0]["type"] == "COERCE"
    assert ok(client.get("/v1/incidents", params={"min_independent": 2})) == []
    assert len(ok(client.get("/v1/incidents", params={"limit": 1}))) == 1 < len(everything)
    failed(client.get("/v1/incidents", params={"min_sources": 0}), 422, "E500")


def test_stats_reports_aggregates_and_writability(client: TestClient, readonly: TestClient) -> None:
    answer = client.get("/v1/stats").json()
    assert answer["meta"]["writable"] is True and readonly.get("/v1/stats").json()["meta"]["writable"] is False
    stats = answer["data"]
    assert stats["top_actor_pairs"] == [{"source": "Police", "target": "protesters", "events": 1}]
    assert {p["place"] for p in stats["events_per_place"]} == {"Kharkiv", "Kadugli"}
    assert sum(d["events"] for d in stats["events_per_day"]) == 5
