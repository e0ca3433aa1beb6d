"""Readers: turn paths, directories and stdin into :class:`RawItem` objects (or error records)."""

from eventwire.sources.files import MAX_BYTES, RawItem, read_inputs

__all__ = ["MAX_BYTES", "RawItem", "read_inputs"]
