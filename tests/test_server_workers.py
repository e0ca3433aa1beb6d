"""``eventwire serve`` in several processes (issue 12, load): the workers share one port, answer
requests, see each other's writes, and none outlives the command that started it, however the
command ends. Real processes on 127.0.0.1; process trees read from /proc."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from eventwire.api.workers import listening_sockets, serve
from eventwire.ingest import example_paths, ingest_paths
from eventwire.store import Store
from helpers import wait_until

TOKEN = "workers-token"
ARTICLE = ("Protesters marched through Tripoli on Friday, police said. Officials in Tripoli said the "
           "government would meet the protesters' leaders next week.")

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children_of(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is ``pid``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "workers.db"
    with Store(path) as store:
        ingest_paths(store, example_paths(), progress=False)
    return str(path)


@pytest.fixture
def server(db: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = free_port()
    exe = str(Path(sys.executable).parent / "eventwire")
    env = {**os.environ, "EVENTWIRE_TOKEN": TOKEN}
    proc = subprocess.Popen([exe, "serve", "--db", db, "--port", str(port), "--workers", "2"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        ready = wait_until(lambda: _answers(base) and len(children_of(proc.pid)) == 1, 60)
        assert ready, proc.stderr.read() if proc.poll() is not None and proc.stderr else "no answer"
        yield proc, base
    finally:
        for child in children_of(proc.pid):
            os.kill(child, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        if proc.stderr:
            proc.stderr.close()


def _answers(base: str) -> bool:
    try:
        return httpx.get(base + "/v1/stats", timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def test_two_processes_share_the_port_and_each_answers(server: tuple[subprocess.Popen[bytes], str],
                                                       db: str) -> None:
    proc, base = server
    with Store(db) as store:
        stored = store.summary()["documents"]
    (worker,) = children_of(proc.pid)
    assert worker != proc.pid
    # fresh connections land on either process; every one of them is answered in full
    answers = [httpx.get(base + "/v1/stats", headers={"connection": "close"}, timeout=10) for _ in range(40)]
    assert all(a.status_code == 200 and a.json()["ok"] for a in answers)
    assert {a.json()["data"]["documents"] for a in answers} == {stored}


def test_a_write_in_one_process_is_seen_by_every_process(server: tuple[subprocess.Popen[bytes], str],
                                                         db: str) -> None:
    _, base = server
    with Store(db) as store:
        stored = store.summary()["documents"]
    for _ in range(10):  # warm both processes' caches on the old store
        httpx.get(base + "/v1/stats", headers={"connection": "close"}, timeout=10)
    posted = httpx.post(base + "/v1/documents", content=ARTICLE, timeout=120,
                        headers={"content-type": "text/plain", "authorization": f"Bearer {TOKEN}"})
    assert posted.status_code == 201, posted.text
    counts = {httpx.get(base + "/v1/stats", headers={"connection": "close"}, timeout=10).json()["data"]["documents"]
              for _ in range(20)}
    assert counts == {stored + 1}  # no process replays its cached answer from before the write


def test_sigterm_stops_every_process(server: tuple[subprocess.Popen[bytes], str]) -> None:
    proc, _ = server
    (worker,) = children_of(proc.pid)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    assert wait_until(lambda: not alive(worker), 10)


def test_a_worker_does_not_outlive_a_killed_parent(server: tuple[subprocess.Popen[bytes], str]) -> None:
    proc, base = server
    (worker,) = children_of(proc.pid)
    proc.kill()
    proc.wait(timeout=30)
    assert wait_until(lambda: not alive(worker), 15), "the worker kept running without its parent"
    assert not _answers(base)


def test_one_worker_means_one_process(db: str) -> None:
    port = free_port()
    exe = str(Path(sys.executable).parent / "eventwire")
    proc = subprocess.Popen([exe, "serve", "--db", db, "--port", str(port), "--workers", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_until(lambda: _answers(f"http://127.0.0.1:{port}"), 60)
        assert children_of(proc.pid) == []
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_bad_worker_counts_and_a_busy_port_are_clear_errors(db: str) -> None:
    exe = str(Path(sys.executable).parent / "eventwire")
    zero = subprocess.run([exe, "serve", "--db", db, "--workers", "0"], capture_output=True, text=True, timeout=60)
    assert zero.returncode == 1 and "--workers must be at least 1" in zero.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = subprocess.run([exe, "serve", "--db", db, "--port", str(port)], capture_output=True, text=True,
                              timeout=60)
    assert busy.returncode == 1 and f"cannot listen on 127.0.0.1:{port}" in busy.stderr


def test_serve_runs_the_server_in_each_worker_and_closes_the_socket() -> None:
    (sock,) = listening_sockets("127.0.0.1", 0)
    port = sock.getsockname()[1]
    ran: list[int] = []

    def run(s: socket.socket) -> None:  # the parent's share only: one worker means no fork
        assert s.getsockname()[1] == port
        ran.append(os.getpid())

    serve([sock], run, 1)
    assert ran == [os.getpid()] and sock.fileno() == -1


def accept_all(sock: socket.socket) -> int:
    """Accept (and close) every connection waiting on ``sock``; how many there were."""
    sock.settimeout(0.2)
    count = 0
    while True:
        try:
            conn, _ = sock.accept()
        except TimeoutError:
            return count
        conn.close()
        count += 1


def test_each_worker_gets_its_own_socket_on_one_port() -> None:
    sockets = listening_sockets("127.0.0.1", 0, 3)
    try:
        ports = {s.getsockname()[1] for s in sockets}
        assert len(sockets) == 3 and len(ports) == 1  # three sockets, one port
        port = ports.pop()
        # connections land on the sockets, spread by the kernel: all of them are accepted somewhere
        clients = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(30)]
        assert sum(accept_all(s) for s in sockets) == 30
        assert len({s.fileno() for s in sockets}) == 3
        for c in clients:
            c.close()
    finally:
        for s in sockets:
            s.close()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(OSError):  # a port another socket holds (without SO_REUSEPORT) is refused
            listening_sockets("127.0.0.1", taken.getsockname()[1], 2)


def test_the_workers_share_the_connections() -> None:
    """With one socket per worker, 50 kept-alive connections split about evenly (a shared
    socket gave 12 and 38 in a load run)."""
    sockets = listening_sockets("127.0.0.1", 0, 2)
    try:
        port = sockets[0].getsockname()[1]
        clients = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(50)]
        counts = [accept_all(s) for s in sockets]
        assert sum(counts) == 50 and min(counts) >= 10, counts
        for c in clients:
            c.close()
    finally:
        for s in sockets:
            s.close()
