"""Turn a :class:`RawItem` into a :class:`Document`: clean text, metadata, content-hash id."""

from __future__ import annotations

import hashlib
import re

from eventwire.clean.html import clean_html
from eventwire.clean.metadata import choose_published, detect_language, domain_of, looks_like_domain
from eventwire.clean.text import clean_text
from eventwire.errors import NoMainText
from eventwire.record import Document, Removed, Source
from eventwire.sources.raw import RawItem

_BYLINE_PREFIX = re.compile(r"^(?i:by|written by|posted by|author:)\s+")


def document_id(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_document(item: RawItem, published: str | None = None) -> Document:
    """Clean ``item`` and gather its metadata; ``published`` (from the user) overrides any date."""
    url, title, site, author = item.url, item.title, item.source, item.author
    dates: list[tuple[str | None, str]] = [(item.published, "source field")]
    reader_notes: tuple[str, ...] = ()
    language: str | None = None
    if item.kind == "html":
        page = clean_html(item.content)
        text, removed = page.text, page.removed
        title = title or page.title
        url = url or page.url
        site = site or page.site
        author = author or page.author
        reader_notes = page.notes
        dates.append((page.published, "page metadata"))
    else:
        language = detect_language(item.content)[0]  # the classifier needs the stop words of the language
        cleaned = clean_text(item.content, title=title, classify_blocks=True, language=language)
        text, removed, title = cleaned.text, cleaned.removed, cleaned.title
    if not text.strip():
        raise NoMainText("no article text left after cleaning")
    if not author:
        author = next((_BYLINE_PREFIX.sub("", r.text).strip() for r in removed if r.reason == "byline"), None)
    domain = domain_of(url)
    if site and looks_like_domain(site):
        domain, site = domain or domain_of(site), None
    datelines = [r.text for r in removed if r.reason == "dateline"]
    when = choose_published(published, dates, item.warc_date, url, datelines)
    if language is None:
        language = detect_language(text)[0]
    notes = list(item.notes) + list(reader_notes)
    if language != "en":
        notes.append(f"language detected as {language!r}: stored, but English-only extraction was not run")
    for note in item.notes:
        if note.startswith("truncated"):
            removed = (*removed, Removed(text="[the rest of the input was not read]", reason=note))
    source = Source(name=site, domain=domain) if (site or domain) else None
    return Document(id=document_id(text), url=url, source=source, title=title, published=when,
                    language=language, text=text, removed=removed, author=author, notes=tuple(notes),
                    origin=item.origin)
