"""The REST API (FastAPI): the store's queries over HTTP, and ingest for holders of the token.

Every answer, success or error, is one JSON envelope::

    {"ok": true,  "data": ..., "meta": {...}}
    {"ok": false, "error": {"code": "E404", "message": "...", "status": 404, "details": [...]}}

Writes need ``Authorization: Bearer <token>`` where the token is the ``EVENTWIRE_TOKEN`` the
server was started with; without a token the server is read-only. Bodies are capped, pages are
capped at :data:`eventwire.store.query.MAX_LIMIT`, and the machine-readable description is at
``/openapi.json`` (the browsable docs page is off: it loads scripts from a CDN).
"""

from eventwire.api.app import create_app

__all__ = ["create_app"]
