"""Slow and stalled clients (issue 12) against a real server on 127.0.0.1: headers that never
finish close the connection; a body that trickles or stalls gets 408; a prompt client on the
same server is unaffected.

Raw sockets, because an HTTP client library would not send half a request on purpose.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from eventwire.api import create_app
from eventwire.api.background import serving
from eventwire.store import Store

TOKEN = "s3cret-token"
HEADERS = 0.6
BODY = 0.8


@pytest.fixture
def base(tmp_path: Path) -> Iterator[str]:
    path = tmp_path / "slow.db"
    Store(path).close()
    app = create_app(path, TOKEN, body_timeout=BODY)
    with serving(app, header_timeout=HEADERS) as url:
        yield url


def connect(base: str) -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    return sock


def closed_within(sock: socket.socket, seconds: float) -> tuple[bool, bytes]:
    """Whether the server closes the connection within ``seconds``, and what it sent first."""
    sock.settimeout(seconds)
    received = b""
    try:
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                return True, received
            received += chunk
    except TimeoutError:
        return False, received


def test_a_connection_that_sends_nothing_is_closed(base: str) -> None:
    with connect(base) as sock:
        started = time.monotonic()
        closed, _ = closed_within(sock, 5)
    assert closed and time.monotonic() - started < 3


def test_headers_trickled_a_byte_at_a_time_are_cut_off(base: str) -> None:
    request = b"GET /v1/stats HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"a" * 200
    with connect(base) as sock:
        started = time.monotonic()
        try:
            for byte in request:  # one byte every 50 ms: each byte alone would reset a keep-alive timer
                sock.send(bytes([byte]))
                time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            pass
        closed, received = closed_within(sock, 5)
    assert closed and b"200 OK" not in received
    assert time.monotonic() - started < 200 * 0.05  # cut off long before the headers could finish


def test_a_stalled_body_gets_408(base: str) -> None:
    head = (f"POST /v1/documents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {TOKEN}\r\n"
            "Content-Type: text/plain\r\nContent-Length: 1000\r\n\r\n").encode()
    with connect(base) as sock:
        sock.sendall(head + b"Rebels shelled the town")  # then nothing more
        _, received = closed_within(sock, 10)
    assert received.startswith(b"HTTP/1.1 408"), received[:200]
    assert b'"E514"' in received


def test_a_prompt_client_is_served_while_a_slow_one_waits(base: str) -> None:
    with connect(base) as slow:
        slow.sendall(b"GET /v1/stats HTTP/1.1\r\nHost: local")  # unfinished
        response = httpx.get(f"{base}/v1/stats", timeout=10)
        assert response.status_code == 200 and response.json()["ok"] is True
        closed, _ = closed_within(slow, 5)
    assert closed


def test_keep_alive_requests_each_get_the_header_deadline(base: str) -> None:
    with connect(base) as sock:
        sock.sendall(b"GET /v1/stats HTTP/1.1\r\nHost: localhost\r\n\r\n")
        time.sleep(0.3)
        first = sock.recv(65536)
        assert first.startswith(b"HTTP/1.1 200")
        sock.sendall(b"GET /v1/stats HTTP/1.1\r\nHost: loc")  # the second request never finishes
        closed, _ = closed_within(sock, 5)
    assert closed
