"""The HTML routes of ``eventwire serve``: one function per page, each a store read and a template.

Pages are rendered on the server with Jinja2's autoescaping, so article text reaches the
browser only as escaped text; the small scripts in ``static/`` add what needs a browser
(clicking a highlight, zooming the timeline, panning the map) and read data only from the
JSON API. Nothing is fetched from anywhere else: the basemap ships in ``static/world.json``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from eventwire import __version__
from eventwire.errors import UsageError
from eventwire.incidents.summary import STATUSES
from eventwire.record import FACTUALITIES, PLOVER_TYPES
from eventwire.store import IncidentFilter, Store
from eventwire.web import views
from eventwire.web.highlight import LABELS, marks_of, render

HERE = Path(__file__).parent
STATIC = HERE / "static"

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
"""No inline script or style, nothing from another origin: a planted ``<script>`` that somehow
slipped past escaping would still not run."""

SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
                    "Cross-Origin-Opener-Policy": "same-origin"}

NAV = [("/", "Overview"), ("/events", "Events"), ("/documents", "Documents"), ("/incidents", "Incidents"),
       ("/contested", "Contested"), ("/timeline", "Timeline"), ("/map", "Map")]

Opener = Callable[[], AbstractContextManager[Store]]


@cache
def templates() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(nav=NAV, version=__version__, safe_url=views.safe_url, labels=LABELS,
                       plover_types=PLOVER_TYPES, factualities=FACTUALITIES, statuses=STATUSES)
    env.filters["query"] = _query
    env.filters["snippet"] = snippet
    return env


def snippet(text: str | None) -> Markup:
    """A search snippet, escaped, with the matches (between \\x02 and \\x03) as ``<mark>``."""
    out, open_mark = [], False
    for piece in re.split("([\x02\x03])", text or ""):
        if piece == "\x02" and not open_mark:
            out.append("<mark>")
            open_mark = True
        elif piece == "\x03" and open_mark:
            out.append("</mark>")
            open_mark = False
        elif piece not in ("\x02", "\x03"):
            out.append(str(escape(piece)))
    return Markup("".join(out) + ("</mark>" if open_mark else ""))


def page(request: Request, name: str, http_status: int = 200, **context: Any) -> HTMLResponse:
    html = templates().get_template(name).render(request=request, path=request.url.path, **context)
    return HTMLResponse(html, status_code=http_status)


def error_page(request: Request, status: int, code: str, message: str) -> HTMLResponse:
    return page(request, "error.html", http_status=status, status_code=status, code=code, message=message)


def _query(values: dict[str, Any], **changes: Any) -> str:
    """A query string from form values with ``changes`` applied, empty values left out."""
    merged = {**values, **changes}
    pairs: list[tuple[str, str]] = []
    for key, value in merged.items():
        for item in value if isinstance(value, list) else [value]:
            if item not in (None, ""):
                pairs.append((key, str(item)))
    return urlencode(pairs)


def add_pages(app: FastAPI, opened: Opener) -> None:
    """Mount the web pages and their static files on ``app``."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request) -> HTMLResponse:
        with opened() as store:
            return page(request, "overview.html", **views.overview(store))

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events(request: Request) -> HTMLResponse:
        f = views.event_filter(request.query_params)
        with opened() as store:
            result = store.event_page(f)
            total = store.count_events(f) if not f.cursor else None
        return page(request, "events.html", rows=result.rows, next_cursor=result.next_cursor, total=total,
                    values=views.form_values(request.query_params))

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents(request: Request, offset: int = 0, outlet: str = "") -> HTMLResponse:
        offset = max(0, offset)
        with opened() as store:
            rows = store.document_list(outlet.strip() or None, views.PAGE_SIZE + 1, offset, newest_first=True)
        return page(request, "documents.html", rows=rows[:views.PAGE_SIZE], offset=offset, outlet=outlet,
                    more=len(rows) > views.PAGE_SIZE, page_size=views.PAGE_SIZE)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document(request: Request, doc_id: str) -> HTMLResponse:
        with opened() as store:
            record = store.get(doc_id)
            copies = store.copies(record.document.id)
            incidents = store.incidents_of(record.document.id)
        marks = marks_of(record)
        return page(request, "document.html", record=record, doc=record.document, body=render(record.document.text,
                    marks), cards=views.cards(record), copies=copies, incidents=incidents,
                    pairs=views.pairs_of(record), counts={k: sum(m.kind == k for m in marks) for k in LABELS})

    @app.get("/incidents", response_class=HTMLResponse, include_in_schema=False)
    def incidents(request: Request, status: str = "", type: str = "", place: str = "",
                  sort: str = "sources") -> HTMLResponse:
        if status and status not in STATUSES:
            raise UsageError(f"status must be one of {', '.join(STATUSES)}")
        with opened() as store:
            rows = store.incidents(IncidentFilter(status=status or None, type=type or None, place=place or None,
                                                  sort=sort, limit=200))
        return page(request, "incidents.html", rows=rows, status=status, type=type, place=place, sort=sort)

    @app.get("/incidents/{incident_id}", response_class=HTMLResponse, include_in_schema=False)
    def incident(request: Request, incident_id: str) -> HTMLResponse:
        with opened() as store:
            found = store.incident(incident_id)
            titles = {r["id"]: (r["title"], r["url"]) for r in store.conn.execute(
                f"SELECT id, title, url FROM documents WHERE id IN ({','.join('?' * len(found.documents))})",
                found.documents)}
        return page(request, "incident.html", incident=found, titles=titles)

    @app.get("/contested", response_class=HTMLResponse, include_in_schema=False)
    def contested(request: Request) -> HTMLResponse:
        with opened() as store:
            pairs = views.contested_pairs(store, limit=100)
            disputed = views.contested_incidents(store, limit=50)
        return page(request, "contested.html", pairs=pairs, disputed=disputed)

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline(request: Request) -> HTMLResponse:
        views.event_filter(request.query_params)  # a bad filter is reported before any script runs
        return page(request, "timeline.html", values=views.form_values(request.query_params))

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def world_map(request: Request) -> HTMLResponse:
        views.event_filter(request.query_params)
        return page(request, "map.html", values=views.form_values(request.query_params))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(request: Request, q: str = "", kind: str = "") -> HTMLResponse:
        q = q.strip()[:500]
        rows: list[dict[str, Any]] = []
        if q:
            with opened() as store:
                rows = store.search(q, kind or None, limit=50, marks=("\x02", "\x03"))
        return page(request, "search.html", q=q, kind=kind, rows=rows)


__all__ = ["CSP", "SECURITY_HEADERS", "add_pages", "error_page", "templates"]
