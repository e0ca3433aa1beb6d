"""Readers: turn paths, globs, directories, archives and stdin into :class:`RawItem` objects or error records."""

from eventwire.sources.files import read_inputs
from eventwire.sources.raw import MAX_BYTES, RawItem, ReadLimits
from eventwire.sources.tabular import FieldMap
from eventwire.sources.warc import ReadStats

__all__ = ["MAX_BYTES", "FieldMap", "RawItem", "ReadLimits", "ReadStats", "read_inputs"]
