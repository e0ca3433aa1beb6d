"""Serving from several processes that share one listening socket.

Answers are mostly Python work (filters to SQL, rows to JSON, templates), and one Python
process runs Python on one core at a time however many threads it has: with an ingest running
beside it, one server process measured 1.07 cores busy and no more, 240 requests per second,
and a 99th-percentile latency of 610-860 ms for 50 clients (``benchmarks/load.py``). Two
processes share the machine with the ingest instead of leaving a core to it alone.

The sockets are bound in the parent before anything else happens, one per worker on the same
port (:func:`listening_sockets`); the parent then forks the other workers (POSIX only:
elsewhere, and with ``workers=1``, one process serves). Each worker builds its own application
after the fork (no thread, connection or cache is shared between processes; every worker sees
the others' writes through SQLite, as it sees an ingest's). The kernel spreads new connections
over the workers' sockets.

Stopping: uvicorn stops a worker on SIGINT or SIGTERM. When the parent's server stops, it
sends SIGTERM to the workers it forked, waits for them and exits with status 0; a worker
whose parent dies without that (SIGKILL) is told by the kernel (Linux ``PR_SET_PDEATHSIG``)
and stops too, so no worker outlives the command that started it.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import socket
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

DEFAULT_WORKERS = min(2, os.cpu_count() or 1)
"""Server processes by default: two where the machine has two cores or more."""

PR_SET_PDEATHSIG = 1
"""Linux ``prctl`` option: the signal a process receives when its parent dies."""


def can_fork() -> bool:
    """Whether this platform can fork workers (POSIX)."""
    return hasattr(os, "fork")


def listening_sockets(host: str, port: int, count: int = 1, backlog: int = 2048) -> list[socket.socket]:
    """``count`` TCP sockets listening on ``host``:``port``, one per worker.

    With more than one, each is its own socket on the same port (``SO_REUSEPORT``, where the
    system has it), so that the kernel spreads new connections evenly over the workers. One
    socket shared by all would give each connection to whichever worker happens to accept
    first: in a load run that was 12 kept-alive connections on one process and 38 on the other,
    and the busier one set the 99th percentile. Only processes of the same user can bind a
    port that way. Where ``SO_REUSEPORT`` is missing, one socket is returned, for all workers
    to share. Port 0 picks a free port, the same for every socket."""
    reuse_port = count > 1 and hasattr(socket, "SO_REUSEPORT")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sockets: list[socket.socket] = []
    try:
        for _ in range(count if reuse_port else 1):
            sock = socket.socket(family, socket.SOCK_STREAM)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if reuse_port:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            sock.bind((host, sockets[0].getsockname()[1] if len(sockets) > 1 else port))
            sock.listen(backlog)
            sock.set_inheritable(True)
    except OSError:
        for sock in sockets:
            sock.close()
        raise
    return sockets


def _die_with_parent() -> None:
    """Ask the kernel for SIGTERM when the parent process dies (Linux; elsewhere nothing)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _noting_stop_signals() -> dict[int, Any]:
    """Handlers that only note SIGINT and SIGTERM, installed for the time the workers serve;
    returns the handlers they replace. uvicorn handles both signals itself while it serves (it
    stops gracefully), then restores the handler it found and raises the signal again: with
    Python's default there, the parent would die at once, before it could stop its workers and
    without its exit status 0."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {signum: signal.signal(signum, lambda *_: None) for signum in STOP_SIGNALS}


def serve(sockets: list[socket.socket], run: Callable[[socket.socket], Any], workers: int) -> None:
    """Run ``run(sock)`` (one server, until it stops) in ``workers`` processes: this one and
    ``workers - 1`` forked children. Worker k listens on ``sockets[k]`` when there is one per
    worker (:func:`listening_sockets`), else all share ``sockets[0]``."""
    previous = _noting_stop_signals()
    children: list[int] = []
    if workers > 1 and can_fork():
        parent = os.getpid()
        for k in range(1, workers):
            own = sockets[k] if len(sockets) == workers else sockets[0]
            pid = os.fork()
            if pid == 0:  # a worker: serve, then leave without running the parent's clean-up
                code = 0
                try:
                    _die_with_parent()
                    if os.getppid() != parent:  # the parent died before the request was made
                        os._exit(0)
                    for other in sockets:
                        if other is not own:
                            other.close()
                    run(own)
                except BaseException:  # a worker must never return into the parent's code
                    traceback.print_exc()
                    code = 1
                finally:
                    os._exit(code)
            children.append(pid)
    for sock in sockets[1:]:
        sock.close()  # the workers' own sockets: the parent listens on the first only
    try:
        run(sockets[0])
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        sockets[0].close()


__all__ = ["DEFAULT_WORKERS", "can_fork", "listening_sockets", "serve"]
