"""The SQLite store: documents with their full records, flat tables for queries, errors."""

from eventwire.store.incidents import IncidentFilter
from eventwire.store.sqlite import EventFilter, Store, default_db_path

__all__ = ["EventFilter", "IncidentFilter", "Store", "default_db_path"]
