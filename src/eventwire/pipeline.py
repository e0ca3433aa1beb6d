"""The stage contract and the runner.

A stage takes an iterator of items and yields items (datatrove's ``PipelineStep.run``). Items
are :class:`RawItem`, :class:`Document`, :class:`Record` or :class:`ErrorRecord`; a stage
passes error records through untouched and turns a failing item into an error record, so one
bad document never stops a batch. Batching for spaCy lives here, in :class:`Extract`.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol, TextIO

from spacy.tokens import Doc

from eventwire.clean import build_document
from eventwire.dedupe import Deduplicator, MemoryIndex
from eventwire.errors import EventwireError, code_of
from eventwire.extract import extract
from eventwire.extract.outlets import OutletMemory
from eventwire.nlp import keep_text, load_nlp
from eventwire.record import Document, ErrorRecord, Record
from eventwire.sources.raw import RawItem

Item = RawItem | Document | Record | ErrorRecord


class Stage(Protocol):
    name: str

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        """Consume items, yield items; never raise for a single bad item."""
        ...


def error_record(item: str, stage: str, exc: BaseException, document_id: str | None = None) -> ErrorRecord:
    message = exc.message if isinstance(exc, EventwireError) else f"{type(exc).__name__}: {exc}"
    return ErrorRecord(item=item, stage=stage, code=code_of(exc), message=message,
                       document_id=document_id)


@dataclass
class Clean:
    """RawItem -> Document."""

    published: str | None = None
    name: str = "clean"

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        for item in items:
            if not isinstance(item, RawItem):
                yield item
                continue
            try:
                document = build_document(item, self.published)
            except Exception as exc:
                yield error_record(item.origin, self.name, exc)
                continue
            yield document  # document.origin says where it was read, for errors and the store


@dataclass
class SkipKnown:
    """Drop documents whose id is already stored (re-ingest costs no NLP).

    ``on_known`` hears about each one, so the store can note that the same text was seen at a
    new URL (an exact syndicated copy) instead of losing that fact.
    """

    is_known: Callable[[str], bool]
    on_known: Callable[[Document], None] | None = None
    name: str = "skip-known"
    skipped: int = 0
    deferred: list[Document] = field(default_factory=list)
    """Copies of documents first seen in this same run: they may not be stored yet when the copy
    passes, so the caller reports them once the run has finished."""

    window: int = 4096
    """How many recently passed ids to remember. Only documents still in flight (not yet stored)
    need it: once stored, ``is_known`` answers. Bounded, so memory stays flat on any corpus."""

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        seen: OrderedDict[str, None] = OrderedDict()
        for item in items:
            if not isinstance(item, Document):
                yield item
                continue
            if self.is_known(item.id):
                self.skipped += 1
                if self.on_known is not None:
                    self.on_known(item)
                continue
            if item.id in seen:  # first seen moments ago and not stored yet
                self.skipped += 1
                if self.on_known is not None:
                    self.deferred.append(item)
                continue
            seen[item.id] = None
            if len(seen) > self.window:
                seen.popitem(last=False)
            yield item


@dataclass
class MarkDuplicates:
    """Record -> Record with ``duplicate_of`` and a syndication group (for runs without a store)."""

    dedup: Deduplicator = field(default_factory=lambda: Deduplicator(MemoryIndex()))
    name: str = "mark-duplicates"

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        for item in items:
            yield self.dedup.assign_record(item) if isinstance(item, Record) else item


@dataclass
class Extract:
    """Document -> Record, batching spaCy with ``nlp.pipe``. ``outlets`` learns where each
    outlet's stories usually are, from the documents this stage has already extracted."""

    batch_size: int = 16
    name: str = "extract"
    outlets: OutletMemory = field(default_factory=OutletMemory)

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        nlp = load_nlp()
        iterator = iter(items)
        while True:
            chunk = list(islice(iterator, self.batch_size))
            if not chunk:
                return
            # keyed by position, not id: two copies of one text in a batch keep their own metadata
            results: dict[int, Item] = {}
            for i, x in enumerate(chunk):
                if isinstance(x, Document) and x.language != "en":
                    results[i] = Record(document=x)  # stored and flagged; no English NLP on it
            docs = [(i, x) for i, x in enumerate(chunk) if isinstance(x, Document) and i not in results]
            fits = [_within_parser_limit(d, nlp.max_length) for _, d in docs]
            parsed: list[Doc | None]
            try:
                parsed = list(nlp.pipe([text for _, text in fits]))
            except Exception:
                parsed = []
                for (i, d), (_, text) in zip(docs, fits, strict=True):
                    try:
                        parsed.append(nlp(text))
                    except Exception as exc:
                        results[i] = error_record(d.origin or d.id, self.name, exc, d.id)
                        parsed.append(None)
            for (i, _doc), (d, text), sdoc in zip(docs, fits, parsed, strict=True):
                if sdoc is None:
                    continue
                keep_text(sdoc, text)  # what was parsed: spaCy's Doc.text would join it again
                try:
                    results[i] = extract(d, sdoc, self.outlets)
                except Exception as exc:
                    results[i] = error_record(d.origin or d.id, self.name, exc, d.id)
            for i, x in enumerate(chunk):
                yield results[i] if isinstance(x, Document) else x


def _within_parser_limit(document: Document, limit: int) -> tuple[Document, str]:
    """The document and the text to parse: all of it, or a prefix cut at a paragraph break.

    spaCy refuses texts over ``nlp.max_length`` (its parser needs about 1 GB per 100,000
    characters). The whole text is still stored; extraction covers the prefix, and a note says so.
    """
    if len(document.text) <= limit:
        return document, document.text
    cut = document.text.rfind("\n\n", 0, limit)
    cut = cut if cut > limit // 2 else limit
    note = (f"extraction ran on the first {cut:,} of {len(document.text):,} characters "
            f"(the parser limit is {limit:,})")
    return dataclasses.replace(document, notes=(*document.notes, note)), document.text[:cut]


class Progress:
    """A one-line progress counter on a terminal; silent when stderr is not a TTY."""

    def __init__(self, stream: TextIO | None = None, every: float = 0.5) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.every = every
        self.started = time.monotonic()
        self.last = 0.0
        self.done = 0
        self.failed = 0

    def update(self, item: Item) -> None:
        self.done += 1
        self.failed += isinstance(item, ErrorRecord)
        now = time.monotonic()
        if self.enabled and now - self.last >= self.every:
            self.last = now
            rate = self.done / max(now - self.started, 1e-6)
            self.stream.write(f"\r{self.done} documents, {self.failed} failed, {rate:.1f}/s ")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\n")


class Pipeline:
    """Stages chained in order; ``run`` yields what the last stage yields."""

    def __init__(self, stages: list[Stage], progress: Progress | None = None) -> None:
        self.stages = stages
        self.progress = progress

    @property
    def deferred_copies(self) -> list[Document]:
        """Documents skipped as copies of one first seen in this run (see :class:`SkipKnown`)."""
        return [d for stage in self.stages if isinstance(stage, SkipKnown) for d in stage.deferred]

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        stream: Iterable[Item] = items
        for stage in self.stages:
            stream = stage.run(stream)
        try:
            for item in stream:
                if self.progress:
                    self.progress.update(item)
                yield item
        finally:
            if self.progress:
                self.progress.close()


def standard_pipeline(published: str | None = None, is_known: Callable[[str], bool] | None = None,
                      progress: Progress | None = None, batch_size: int = 16,
                      on_known: Callable[[Document], None] | None = None,
                      mark_duplicates: bool = False) -> Pipeline:
    """Clean → (skip known) → extract → (mark duplicates in memory, when no store does it)."""
    clean = Clean(published=published)
    stages: list[Stage] = [clean]
    if is_known is not None:
        stages.append(SkipKnown(is_known, on_known))
    stages.append(Extract(batch_size=batch_size))
    if mark_duplicates:
        stages.append(MarkDuplicates())
    return Pipeline(stages, progress)


def process(items: Iterable[RawItem | ErrorRecord], published: str | None = None) -> Iterator[Record | ErrorRecord]:
    """Raw items in, records (or error records) out, in input order; near-duplicates are marked."""
    for item in standard_pipeline(published, mark_duplicates=True).run(items):
        assert isinstance(item, (Record, ErrorRecord))
        yield item
