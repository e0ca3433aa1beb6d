"""Run the API and web page in a background thread: for browser tests, screenshots,
benchmarks and notebooks, where ``eventwire serve`` in another terminal is in the way.

The server binds to 127.0.0.1 on a free port chosen by the operating system and is shut
down when the ``with`` block ends.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from eventwire.api.guard import HEADER_TIMEOUT, guarded_h11


@contextmanager
def serving(app: FastAPI, host: str = "127.0.0.1", start_timeout: float = 20.0,
            header_timeout: float = HEADER_TIMEOUT) -> Iterator[str]:
    """Serve ``app`` until the block ends; yields its base URL (``http://127.0.0.1:PORT``).
    Connections whose headers take longer than ``header_timeout`` seconds are closed, as under
    ``eventwire serve``."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off",
                                          http=guarded_h11(header_timeout)))
    thread = threading.Thread(target=server.run, name="eventwire-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the server did not start on {host}:{port}")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


__all__ = ["serving"]
