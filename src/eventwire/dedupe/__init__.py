"""Exact and near-duplicate (syndicated) copies: MinHash signatures, LSH lookup, group assignment."""

from eventwire.dedupe.index import THRESHOLD, Deduplicator, DuplicateIndex, Entry, Match, MemoryIndex
from eventwire.dedupe.minhash import band_keys, signature, similarity

__all__ = ["THRESHOLD", "Deduplicator", "DuplicateIndex", "Entry", "Match", "MemoryIndex", "band_keys",
           "signature", "similarity"]
