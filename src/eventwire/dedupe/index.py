"""Where signatures and band keys live, and the rule that turns a match into ``duplicate_of``.

:class:`Deduplicator` is the one place that decides what counts as a copy; it works against
any :class:`DuplicateIndex`: :class:`MemoryIndex` for ``eventwire extract`` (one run, no
database) and the SQLite index of the store (persistent, so a copy ingested next month still
finds its original).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Protocol

from eventwire.dedupe.minhash import Signature, containment, index_keys, signature, similarity
from eventwire.record import Document, Record

THRESHOLD = 0.6
"""Estimated Jaccard of word 5-shingles at or above which two texts are copies of one story.
Syndicated copies measure 0.8–1.0 after cleaning; distinct stories on the same topic rarely
exceed 0.2 (see benchmarks/syndication.py)."""
MIN_SHINGLES = 8
"""Texts shorter than this (about a dozen words) are too short to call copies on similarity."""
CONTAINMENT = 0.85
"""A shortened copy (a teaser, the first paragraphs of a wire story) counts as a copy when this
share of its shingles is in the longer text..."""
MIN_CONTAINED_SHINGLES = 40
"""...and it is long enough (about 45 words) for that share to mean something."""


@dataclass(frozen=True, slots=True)
class Entry:
    doc_id: str
    signature: Signature
    shingles: int
    group: str | None


class DuplicateIndex(Protocol):
    def candidates(self, keys: list[int]) -> list[str]:
        """Ids of documents sharing at least one band key, in insertion order."""
        ...

    def entry(self, doc_id: str) -> Entry | None: ...

    def add(self, entry: Entry, keys: list[int]) -> None: ...

    def set_group(self, doc_id: str, group: str) -> None: ...


@dataclass
class MemoryIndex:
    """Band keys and signatures in dictionaries: for one run without a database."""

    buckets: dict[int, list[str]] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)

    def candidates(self, keys: list[int]) -> list[str]:
        seen: dict[str, None] = {}
        for key in keys:
            for doc_id in self.buckets.get(key, ()):
                seen[doc_id] = None
        return list(seen)

    def entry(self, doc_id: str) -> Entry | None:
        return self.entries.get(doc_id)

    def add(self, entry: Entry, keys: list[int]) -> None:
        if entry.doc_id in self.entries:
            return
        self.entries[entry.doc_id] = entry
        for key in keys:
            self.buckets.setdefault(key, []).append(entry.doc_id)

    def set_group(self, doc_id: str, group: str) -> None:
        if doc_id in self.entries:
            self.entries[doc_id] = dataclasses.replace(self.entries[doc_id], group=group)


@dataclass(frozen=True, slots=True)
class Match:
    duplicate_of: str
    group: str
    similarity: float


@dataclass
class Deduplicator:
    index: DuplicateIndex
    threshold: float = THRESHOLD

    def find(self, doc_id: str, sig: Signature, keys: list[int], size: int = 0) -> Match | None:
        """The most similar earlier copy (ties: the earliest): Jaccard at or above the threshold,
        or one text nearly contained in the other (a shortened copy)."""
        best: tuple[float, Entry] | None = None
        for other_id in self.index.candidates(keys):
            if other_id == doc_id:
                continue
            other = self.index.entry(other_id)
            if other is None or other.shingles < MIN_SHINGLES:
                continue
            score = similarity(sig, other.signature)
            shortened = min(size, other.shingles) >= MIN_CONTAINED_SHINGLES and \
                containment(score, size, other.shingles) >= CONTAINMENT
            if (score >= self.threshold or shortened) and (best is None or score > best[0]):
                best = (score, other)
        if best is None:
            return None
        score, other = best
        return Match(duplicate_of=other.doc_id, group=other.group or other.doc_id, similarity=round(score, 3))

    def examine(self, document: Document) -> tuple[Document, Entry, list[int]]:
        """The document with ``duplicate_of``/``syndication_group``/``similarity`` set, and what to index.

        Read-only: the caller stores the document, then calls :meth:`remember` (the store does
        both in one transaction).
        """
        sig, size = signature(document.text)
        keys = index_keys(document.text, sig)
        match = self.find(document.id, sig, keys, size) if size >= MIN_SHINGLES else None
        if match is not None:
            document = dataclasses.replace(document, duplicate_of=match.duplicate_of,
                                           syndication_group=match.group, similarity=match.similarity)
        return document, Entry(document.id, sig, size, document.syndication_group), keys

    def remember(self, entry: Entry, keys: list[int]) -> None:
        if entry.group is not None and self.index.entry(entry.group) is not None:
            self.index.set_group(entry.group, entry.group)
        self.index.add(entry, keys)

    def assign(self, document: Document) -> Document:
        """Examine and remember in one step (for indexes that need no transaction)."""
        if self.index.entry(document.id) is not None:
            return document
        document, entry, keys = self.examine(document)
        self.remember(entry, keys)
        return document

    def assign_record(self, record: Record) -> Record:
        document = self.assign(record.document)
        return record if document is record.document else dataclasses.replace(record, document=document)
