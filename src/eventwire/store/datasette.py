"""Views for reading the store in Datasette (or any SQLite browser), and Datasette metadata
that documents every table, view and column.

    eventwire metadata --db eventwire.db > metadata.json
    datasette eventwire.db --metadata metadata.json
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

VIEWS = """
    CREATE VIEW event_details AS
    SELECT e.doc_id, e.event_id, e.day, e.date, e.date_precision, e.type, e.mode, e.cameo, e.trigger,
           e.factuality, e.source AS source_actors, e.source_country, e.source_sector,
           e.target AS target_actors, e.target_country, e.target_sector, e.place, e.place_country,
           e.admin1, e.lat AS latitude, e.lon AS longitude, e.place_precision, e.claimed_by, e.contested,
           e.evidence, d.title, d.url, d.published, COALESCE(d.domain, d.source_name) AS outlet,
           m.incident_id, i.status AS incident_status
    FROM events e JOIN documents d ON d.id = e.doc_id
    LEFT JOIN incident_mentions m ON m.doc_id = e.doc_id AND m.event_id = e.event_id
    LEFT JOIN incidents i ON i.id = m.incident_id;
    CREATE VIEW denials AS
    SELECT c.doc_id, c.claim_id, c.speaker, c.kind, c.content, d.title, d.url, d.published
    FROM claims c JOIN documents d ON d.id = c.doc_id WHERE c.stance = 'denies';
    CREATE VIEW incident_overview AS
    SELECT id, type, status, date, place, country, lat AS latitude, lon AS longitude, n_events, n_documents,
           n_sources, n_independent, first_seen
    FROM incidents
"""
"""Migration 0006. Coordinates are named latitude/longitude so Datasette's map plugins find them."""

TABLES: dict[str, dict[str, Any]] = {
    "documents": {"description": "One row per stored article; `record` holds the full eventwire/1 record as JSON.",
                  "columns": {"id": "sha256 of the cleaned text: one id per text, however often it was seen",
                              "published": "publication date (ISO)", "domain": "the outlet's web domain",
                              "duplicate_of": "the document this one is a near-copy of",
                              "syndication_group": "id of the first text of its group of copies",
                              "record": "the full record (JSON)"}},
    "events": {"description": "One row per extracted event, with its actors, place, date and evidence sentence.",
               "columns": {"type": "PLOVER event type", "cameo": "most specific CAMEO code",
                           "factuality": "asserted, reported, denied, negated, hypothetical, conditional, future "
                                         "or threatened",
                           "source": "who acted (names, '; '-separated)", "target": "who it was done to",
                           "source_country": "ISO3 codes of the source actors",
                           "source_sector": "sector codes of the source actors (GOV, MIL, REB, CVL …)",
                           "place": "resolved place (GeoNames)", "place_precision": "point, city, admin1, country…",
                           "date": "the event's own date at its precision, or empty",
                           "date_start": "first day the date covers", "date_end": "last day the date covers",
                           "day": "date_start, or the publication day when the text gives no date",
                           "contested": "1 when the event is in a contradiction or a denial",
                           "claimed_by": "speaker of the claim the event is reported in",
                           "evidence": "the sentence the event was read from"}},
    "claims": {"description": "Who says what: one row per claim, with stance (asserts or denies).",
               "columns": {"kind": "direct, indirect or editorial (the outlet's own voice)",
                           "content": "the claimed text"}},
    "incidents": {"description": "Events of many documents that are one real happening.",
                  "columns": {"status": "corroborated, single_source, contested or denied",
                              "n_independent": "independent sources (copies of one text count once)",
                              "summary": "every source's version (JSON)"}},
    "incident_mentions": {"description": "Which incident each event belongs to (and the features compared)."},
    "document_copies": {"description": "Every place a stored text was seen (URL, outlet, date)."},
    "errors": {"description": "Inputs that could not be processed, with their error code and reason."},
    "event_details": {"description": "View: events with their document's title, URL, outlet and their incident.",
                      "columns": {"latitude": "of the resolved place", "longitude": "of the resolved place",
                                  "incident_status": "status of the incident the event belongs to"}},
    "denials": {"description": "View: claims that deny something, with their documents."},
    "incident_overview": {"description": "View: incidents without their JSON summaries, for browsing and maps."},
}
HIDDEN = ["minhash", "lsh_keys", "incident_keys", "incident_links", "migrations"]


def metadata(db: str | Path) -> dict[str, Any]:
    """Datasette metadata for the store at ``db`` (Datasette names a database by its file stem)."""
    tables: dict[str, Any] = {name: dict(info) for name, info in TABLES.items()}
    for name in HIDDEN:
        tables[name] = {"hidden": True}
    return {
        "title": "eventwire",
        "description": "Evidence-linked event records: events, claims and incidents extracted from news articles.",
        "license": "Article texts belong to their publishers; eventwire's own data is described in its README.",
        "databases": {Path(db).stem: {"tables": tables}},
    }
