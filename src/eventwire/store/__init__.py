"""The SQLite store: documents with their full records, flat tables for queries, errors."""

from eventwire.store.incidents import IncidentFilter
from eventwire.store.query import EventFilter, Page
from eventwire.store.sqlite import Store, default_db_path

__all__ = ["EventFilter", "IncidentFilter", "Page", "Store", "default_db_path"]
