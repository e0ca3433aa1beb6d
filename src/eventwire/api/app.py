"""Routes, the envelope, authentication and limits of the REST API."""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

import anyio
import anyio.to_thread
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire import __version__
from eventwire.api.cache import ResponseCache, StoreVersion, StoreVersionCache
from eventwire.api.connections import ThreadStores
from eventwire.errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    EventwireError,
    Forbidden,
    InputError,
    MalformedRecord,
    NotFound,
    PayloadTooLarge,
    RequestTimeout,
    RouteNotFound,
    StoreBusy,
    Unauthorized,
    UsageError,
    code_of,
)
from eventwire.incidents.summary import STATUSES
from eventwire.sources.raw import RawItem
from eventwire.store import EventFilter, IncidentFilter, Store
from eventwire.store import query as q
from eventwire.web import views
from eventwire.web.pages import SECURITY_HEADERS, add_pages, error_page

MAX_BODY = 5 * 1024 * 1024
"""Largest POST body in bytes (a long article as HTML is well under 1 MB)."""

Limit = Annotated[int, Query(ge=1, le=q.MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
"""Page parameters; module level so FastAPI can resolve them from string annotations."""

STATUS_OF = {NotFound: 404, Unauthorized: 401, Forbidden: 403, PayloadTooLarge: 413, RouteNotFound: 404,
             StoreBusy: 503, RequestTimeout: 408}
BODY_TIMEOUT = 30.0
"""Seconds a client has to send a whole request body; a stalled or trickling body gets 408."""
WRITE_TIMEOUT = 5.0
"""Seconds a posted document waits for another writer's lock on each of its three attempts."""
RETRY_AFTER = "5"
"""Seconds a client is told to wait before it sends a write the locked database refused (503)."""
THREADS = 4
"""Reads answered at once by one server process (``eventwire serve`` runs two processes by
default: :mod:`eventwire.api.workers`). Answers are mostly Python work under one lock (the GIL), so more
threads only share the processor among more requests and pass the lock back and forth: with
40 (anyio's default) a heavy page waiting behind 39 others takes 40 times its own time. With
``benchmarks/load.py`` (50 clients, an ingest running): fewer threads answer more requests per
second (varied questions: 1 thread 265/s, 2 threads 237/s, 4 threads 203/s), but four keep a
slow question (a whole-store count after a write) from holding up the rest, which is what the
99th percentile measures (repeated questions: 4 threads 368-453 ms, 2 threads 482-514 ms)."""
WRITE_THREADS = 2
"""Posted documents extracted at once, in a lane of their own so that a write (a second of
extraction) never takes a reader's thread."""


class SecurityHeaders:
    """Add :data:`SECURITY_HEADERS` to every response (pure ASGI: no task or stream per request)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]
        self.names = {name for name, _ in self.headers}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self.names]
                message = {**message, "headers": [*kept, *self.headers]}
            await send(message)

        await self.app(scope, receive, with_headers)


def status_of(exc: EventwireError) -> int:
    for cls, status in STATUS_OF.items():
        if isinstance(exc, cls):
            return status
    if isinstance(exc, UsageError):
        return 400
    if isinstance(exc, InputError) or exc.code.startswith("E2"):
        return 422
    return 500


def envelope(data: Any, **meta: Any) -> dict[str, Any]:
    return {"ok": True, "data": data, "meta": meta}


def error_response(status: int, code: str, message: str, details: Any = None) -> JSONResponse:
    body: dict[str, Any] = {"ok": False, "error": {"code": code, "message": message, "status": status}}
    if details is not None:
        body["error"]["details"] = details
    return JSONResponse(body, status_code=status)


def respond(request: Request, status: int, code: str, message: str, details: Any = None) -> Response:
    """An error as the API's JSON envelope, or as a web page for the web page's routes.

    Security headers are set here as well as in the middleware, because a crash's response
    is made outside the middleware stack."""
    if request.url.path.startswith("/v1/") or request.url.path.startswith("/static/"):
        response: Response = error_response(status, code, message, details)
    else:
        response = error_page(request, status, code, message)
    response.headers.update(SECURITY_HEADERS)
    return response


def create_app(db: str | Path, token: str | None = None, max_body: int = MAX_BODY,
               write_timeout: float = WRITE_TIMEOUT, body_timeout: float = BODY_TIMEOUT,
               threads: int = THREADS) -> FastAPI:
    """The API over the store at ``db``; ``token`` enables writes; a posted document waits
    ``write_timeout`` seconds per attempt for another writer's lock, then gets a 503; its body
    must arrive whole within ``body_timeout`` seconds, else 408; at most ``threads`` requests
    are answered at once, the others wait their turn."""
    if threads < 1:
        raise UsageError(f"threads must be at least 1, not {threads}")

    writing = anyio.CapacityLimiter(WRITE_THREADS)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads  # this event loop's pool
        try:
            yield
        finally:
            version.close()

    app = FastAPI(title="eventwire", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Evidence-linked event records. Every answer is an envelope {ok, data|error, meta}.")
    db_path = str(db)
    Store(db_path).close()  # create or migrate once, before the first request
    version = StoreVersion(db_path)
    aggregates = StoreVersionCache(version)  # whole-store counts, until the next write

    opened = ThreadStores(db_path).opened  # reads reuse their thread's connection

    app.add_middleware(SecurityHeaders)
    app.add_middleware(ResponseCache, version=version)  # outermost: replays the headers above too

    @app.exception_handler(EventwireError)
    async def on_error(request: Request, exc: EventwireError) -> Response:
        response = respond(request, status_of(exc), exc.code, exc.message)
        if isinstance(exc, StoreBusy):
            response.headers["Retry-After"] = RETRY_AFTER  # the write was refused whole: send it again
        return response

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
                   for e in exc.errors()]
        return respond(request, 422, "E500", "the request's parameters are not valid", details)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: RouteNotFound.code, 405: UsageError.code}.get(exc.status_code, "E500")
        return respond(request, exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception) -> Response:
        return respond(request, 500, code_of(exc), "internal error; the server log has the details")

    # --- documents ----------------------------------------------------------------------

    @app.get("/v1/documents")
    def documents(limit: Limit = 100, offset: Offset = 0, outlet: str | None = None) -> dict[str, Any]:
        with opened() as store:
            rows = store.document_list(outlet, limit, offset)
        return envelope(rows, limit=limit, offset=offset, count=len(rows))

    @app.get("/v1/documents/{doc_id}")
    def document(doc_id: str) -> dict[str, Any]:
        with opened() as store:
            record = store.get(doc_id)
            meta = {"copies": store.copies(record.document.id), "incidents": store.incidents_of(record.document.id)}
        return envelope(record.to_dict(), **meta)

    @app.post("/v1/documents", status_code=201)
    async def ingest(request: Request) -> JSONResponse:
        _authorise(request, token)
        body = await _read_capped(request, max_body, body_timeout)
        item = _raw_item(body, request.headers.get("content-type", ""))
        result = await anyio.to_thread.run_sync(_ingest, db_path, item, write_timeout, limiter=writing)
        return JSONResponse(envelope(result), status_code=201 if result["status"] == "new" else 200)

    # --- events, claims, incidents ------------------------------------------------------

    @app.get("/v1/events")
    def events(type: str | None = None, cameo: str | None = None, actor: str | None = None,
               country: str | None = None, sector: str | None = None, place: str | None = None,
               place_country: str | None = None,
               bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
               since: str | None = None, until: str | None = None, strict_dates: bool = False,
               factuality: Annotated[list[str] | None, Query()] = None, claimed_by: str | None = None,
               contested: bool | None = None, outlet: str | None = None, doc_id: str | None = None,
               sort: str = "date", limit: Limit = 100, cursor: str | None = None) -> dict[str, Any]:
        f = EventFilter(type=type, cameo=cameo, actor=actor, country=country, sector=sector, place=place,
                        place_country=place_country, bbox=q.parse_bbox(bbox) if bbox is not None else None,
                        since=since, until=until,
                        strict_dates=strict_dates, factuality=tuple(factuality or ()), claimed_by=claimed_by,
                        contested=contested, outlet=outlet, doc_id=doc_id, sort=sort, limit=limit, cursor=cursor)
        with opened() as store:
            page = store.event_page(f)
        return envelope(page.rows, next_cursor=page.next_cursor, count=len(page.rows), limit=limit)

    @app.get("/v1/claims")
    def claims(speaker: str | None = None, stance: str | None = None, kind: str | None = None,
               doc_id: str | None = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        where, params = [], []
        for column, value in (("speaker", speaker), ("stance", stance), ("kind", kind), ("doc_id", doc_id)):
            if value:
                where.append(f"{column} LIKE ?" if column == "speaker" else f"{column} = ?")
                params.append(f"%{value}%" if column == "speaker" else value)
        with opened() as store:
            rows = q.dicts(store.conn.execute(
                "SELECT * FROM claims" + (" WHERE " + " AND ".join(where) if where else "")
                + " ORDER BY doc_id, claim_id LIMIT ? OFFSET ?", [*params, limit, offset]))
        return envelope(rows, limit=limit, offset=offset, count=len(rows))

    @app.get("/v1/incidents")
    def incidents(type: str | None = None, status: str | None = None, country: str | None = None,
                  place: str | None = None, since: str | None = None, until: str | None = None,
                  min_sources: Annotated[int | None, Query(ge=1)] = None,
                  min_independent: Annotated[int | None, Query(ge=1)] = None, limit: Limit = 100) -> dict[str, Any]:
        if status is not None and status not in STATUSES:
            raise UsageError(f"status must be one of {', '.join(STATUSES)}")
        for value in (since, until):
            if value is not None:
                q.check_date(value)
        f = IncidentFilter(type=type, status=status, country=country, place=place, since=since, until=until,
                           min_sources=min_sources, min_independent=min_independent, limit=limit)
        with opened() as store:
            rows = store.incidents(f)
        return envelope(rows, count=len(rows), limit=limit)

    @app.get("/v1/incidents/{incident_id}")
    def incident(incident_id: str) -> dict[str, Any]:
        with opened() as store:
            return envelope(store.incident(incident_id).to_dict())

    # --- search and statistics ----------------------------------------------------------

    @app.get("/v1/search")
    def search(q_: Annotated[str, Query(alias="q", min_length=1, max_length=500)],
               kind: str | None = None, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
        with opened() as store:
            rows = store.search(q_, kind, limit, offset)
        return envelope(rows, count=len(rows), limit=limit, offset=offset)

    def aggregate(request: Request, count_by: Callable[..., list[dict[str, Any]]]) -> dict[str, Any]:
        f = views.event_filter(request.query_params)

        def count() -> list[dict[str, Any]]:
            with opened() as store:
                return count_by(store.conn, f)
        rows = aggregates.get((request.url.path, str(sorted(request.query_params.multi_items()))), count)
        return envelope(rows, count=len(rows))

    @app.get("/v1/timeline")
    def timeline(request: Request) -> dict[str, Any]:
        """Events per day by type (the timeline), with the filters of ``/v1/events``."""
        return aggregate(request, q.events_per_day)

    @app.get("/v1/places")
    def places(request: Request) -> dict[str, Any]:
        """Resolved places with their event counts (the map), with the filters of ``/v1/events``."""
        return aggregate(request, q.events_per_place)

    @app.get("/v1/stats")
    def stats() -> dict[str, Any]:
        def count() -> dict[str, Any]:
            with opened() as store:
                summary = store.summary()
                summary.pop("path", None)
                summary["events_per_day"] = q.events_per_day(store.conn)
                summary["top_actor_pairs"] = q.top_actor_pairs(store.conn, n=10)
                summary["events_per_place"] = q.events_per_place(store.conn)[:100]
            return summary
        return envelope(aggregates.get("/v1/stats", count), version=__version__, writable=token is not None)

    add_pages(app, opened)
    return app


def _authorise(request: Request, token: str | None) -> None:
    header = request.headers.get("authorization", "")
    if token is None:
        raise Forbidden("this server is read-only: start it with EVENTWIRE_TOKEN set to accept documents")
    if not header.lower().startswith("bearer "):
        raise Unauthorized("writes need 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(header[7:].strip().encode(), token.encode()):
        raise Forbidden("the token is not valid")


async def _read_capped(request: Request, cap: int, seconds: float = BODY_TIMEOUT) -> bytes:
    """The body, refused past ``cap`` bytes (413) or past ``seconds`` of reading (408): a client
    that trickles or stalls its body cannot hold a worker for ever."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > cap:
        raise PayloadTooLarge(f"the body is {int(declared):,} bytes; the limit is {cap:,}")
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(seconds):
            async for chunk in request.stream():
                size += len(chunk)
                if size > cap:
                    raise PayloadTooLarge(f"the body is over the limit of {cap:,} bytes")
                chunks.append(chunk)
    except TimeoutError:
        raise RequestTimeout(f"the body did not arrive within {seconds:g} s ({size:,} bytes came); "
                             "send it again in one go") from None
    return b"".join(chunks)


def _raw_item(body: bytes, content_type: str) -> RawItem:
    """A raw item from the body: JSON ``{text|html, url, title, published, source}``, HTML or text."""
    kind = content_type.split(";")[0].strip().lower()
    if b"\x00" in body[:4096]:
        raise BinaryInput("the body is binary, not text")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise EncodingError("the body is not UTF-8") from None
    if not text.strip():
        raise EmptyInput("the body is empty")
    if kind == "application/json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
                raise MalformedRecord(f"the body is not JSON: {exc.msg} at character {exc.pos}") from None
        if not isinstance(data, dict) or not isinstance(data.get("text") or data.get("html"), str):
                raise MalformedRecord("a JSON body needs a 'text' or 'html' string")
        def field(name: str) -> str | None:
            value = data.get(name)
            return value if isinstance(value, str) else None

        html = data.get("html")
        return RawItem(origin="<api>", content=html if isinstance(html, str) else data["text"],
                       kind="html" if isinstance(html, str) else "text", url=field("url"), title=field("title"),
                       published=field("published"), source=field("source"), author=field("author"))
    if kind in ("text/html", "application/xhtml+xml"):
        return RawItem(origin="<api>", content=text, kind="html")
    if kind in ("text/plain", ""):
        return RawItem(origin="<api>", content=text, kind="text")
    raise UsageError(f"cannot ingest {kind!r}; send application/json, text/html or text/plain")


def _ingest(db_path: str, item: RawItem, write_timeout: float) -> dict[str, Any]:
    """Store one posted document through the same path as ``eventwire ingest``."""
    from eventwire.ingest import ingest_items

    with Store(db_path, timeout=write_timeout, retries=2) as store:  # a client waits; an ingest need not
        report = ingest_items(store, [item])
        if report.failed:
            error = report.errors[0]
            err = InputError(error.message)
            err.code = error.code
            raise err
        if not report.documents:
            raise InputError("the body produced no document")
        doc_id = report.documents[0]
        if not report.new:
            return {"status": "copy" if report.copies else "unchanged", "id": doc_id}
        stored = store.get(doc_id)
        return {"status": "new", "id": doc_id, "events": len(stored.events), "claims": len(stored.claims),
                "duplicate_of": stored.document.duplicate_of}


__all__ = ["MAX_BODY", "create_app", "envelope", "status_of"]
