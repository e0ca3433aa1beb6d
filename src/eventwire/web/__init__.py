"""The web page served by ``eventwire serve`` at ``/``: overview, events, document reader,
incidents, contested claims, timeline, map and search — rendered on the server, escaped,
offline (no CDN, no tiles), under a strict Content-Security-Policy."""
