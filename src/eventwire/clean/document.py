"""Turn a :class:`RawItem` into a :class:`Document`: clean text, metadata, content-hash id."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from urllib.parse import urlparse

from eventwire.clean.html import clean_html
from eventwire.clean.text import clean_text
from eventwire.errors import NoMainText, UsageError
from eventwire.record import Document, Published, Source
from eventwire.sources.files import RawItem

_ENGLISH = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "was",
            "said", "by", "as", "it", "at", "from", "he", "his", "have", "has", "be", "were"}


def document_id(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_published(value: str | None, origin: str) -> Published:
    """Parse an ISO-like date or datetime; precision follows what the value states."""
    if not value or not value.strip():
        return Published(value=None, precision="unknown", origin="unknown")
    v = value.strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", v)
    if m:
        year, month, day = m.groups()
        precision = "day" if day else "month" if month else "year"
        _check_date(v if day else f"{year}-{month or '01'}-01", value)
        return Published(value=v, precision=precision, origin=origin)  # type: ignore[arg-type]
    try:
        dt = datetime.fromisoformat(v.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        raise UsageError(f"cannot read the date {value!r}; use YYYY-MM-DD or ISO 8601") from None
    if dt.hour == dt.minute == dt.second == 0 and "T" not in v and " " not in v:
        return Published(value=dt.date().isoformat(), precision="day", origin=origin)  # type: ignore[arg-type]
    return Published(value=dt.isoformat(), precision="second", origin=origin)  # type: ignore[arg-type]


def _check_date(iso: str, original: str) -> None:
    try:
        datetime.strptime(iso, "%Y-%m-%d")
    except ValueError:
        raise UsageError(f"{original!r} is not a real date") from None


def detect_language(text: str) -> str:
    """English or not: the share of very common English words among the first 400 words.

    A deliberately small test (issue 3 brings a real detector); it errs towards English so
    that extraction is only skipped for text that is clearly in another language.
    """
    words = re.findall(r"[^\W\d_]+", text[:4000].lower())
    if len(words) < 8:
        return "en"
    share = sum(1 for w in words[:400] if w in _ENGLISH) / min(len(words), 400)
    return "en" if share >= 0.08 else "und"


def build_document(item: RawItem, published: str | None = None) -> Document:
    """Clean ``item``; ``published`` (from the user) overrides any date found in the page."""
    url, title, site, domain, page_date = item.url, item.title, item.source, None, item.published
    if item.kind == "html":
        page = clean_html(item.content)
        text, removed = page.text, page.removed
        title = title or page.title
        url = url or page.url
        site = site or page.site
        domain = page.domain
        page_date = page_date or page.published
    else:
        cleaned = clean_text(item.content, title=title)
        text, removed, title = cleaned.text, cleaned.removed, cleaned.title
    if not text.strip():
        raise NoMainText("no article text left after cleaning")
    if url and not domain:
        domain = urlparse(url).hostname
    if published:
        when = parse_published(published, "user")
    else:
        try:
            when = parse_published(page_date, "metadata")
        except UsageError:
            when = Published(value=None, precision="unknown", origin="unknown")
    source = Source(name=site, domain=domain) if (site or domain) else None
    return Document(id=document_id(text), url=url, source=source, title=title, published=when,
                    language=detect_language(text), text=text, removed=removed)
