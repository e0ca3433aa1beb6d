"""Exports of the store in the formats analysts already use, streamed so memory stays flat.

``write_export(store, format, out, filter)`` writes one file (or, for Parquet, a folder of
files) and returns how many rows it wrote. Every format reads the store page by page through
the query layer, with the same filters as ``eventwire events``.

=========  =========================================================================
format     what is written
=========  =========================================================================
jsonl      full ``eventwire/1`` records, one per line (documents with a matching event,
           or every document when no filter is given)
csv        one row per event, flat (the columns of the ``events`` table plus the
           document's title, URL and publication date)
gdelt      GDELT 2.0 event table columns, tab-separated with a header row
           (:mod:`eventwire.export.gdelt` documents the field mapping)
acled      ACLED-style columns, comma-separated (:mod:`eventwire.export.acled`)
plover     PLOVER JSON (the PLOVER gold-standard record layout), one event per line
parquet    a folder with documents, events, claims and incidents as Parquet files
=========  =========================================================================
"""

from __future__ import annotations

from eventwire.export.writers import FORMAT_NAMES, write_export

FORMATS = FORMAT_NAMES
__all__ = ["FORMATS", "write_export"]
