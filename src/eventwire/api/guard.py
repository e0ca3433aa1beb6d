"""A deadline for request headers, which uvicorn's h11 server does not have.

uvicorn cancels its keep-alive timer as soon as any byte arrives and sets none on a fresh
connection, so a client that connects and sends nothing, or trickles its headers a byte at a
time ("slowloris"), holds a connection for ever. :func:`guarded_h11` returns uvicorn's own h11
protocol with one addition: from the moment a connection opens (or a keep-alive connection
starts its next request) the client has ``seconds`` to finish its request line and headers;
otherwise the connection is closed. Bodies have their own limit in the API
(``create_app(body_timeout=…)``, 408).
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0
"""Seconds a client has to send a request's line and headers."""


def guarded_h11(seconds: float = HEADER_TIMEOUT) -> type[H11Protocol]:
    """uvicorn's h11 protocol closing connections whose headers take longer than ``seconds``."""

    class GuardedH11Protocol(H11Protocol):
        _deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.conn.their_state is h11.IDLE:
                self._arm()  # headers still incomplete, or a keep-alive connection's next request
            else:
                self._disarm()  # the headers are in: the application's own limits take over

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            if self._deadline is None:
                self._deadline = self.loop.call_later(seconds, self._headers_too_slow)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _headers_too_slow(self) -> None:
            self._deadline = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()

    return GuardedH11Protocol


__all__ = ["HEADER_TIMEOUT", "guarded_h11"]
