"""Main text and metadata of an HTML page, with trafilatura doing the heavy lifting.

trafilatura finds the article body and the page metadata (title, date, site, url). What it
leaves out is recorded too: every visible text block of the page that did not make it into the
main text is listed in ``removed`` with the reason "not main content", so a reader can check
that nothing of the article was lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

from eventwire.clean.flatten import flatten
from eventwire.clean.furniture import furniture_reason
from eventwire.clean.metadata import detect_language
from eventwire.clean.text import clean_text
from eventwire.errors import MarkupTooDeep, NoMainText
from eventwire.record import Removed


@dataclass(frozen=True, slots=True)
class CleanHtml:
    text: str
    title: str | None
    published: str | None
    site: str | None
    domain: str | None
    url: str | None
    author: str | None
    removed: tuple[Removed, ...]
    notes: tuple[str, ...] = ()


MAX_DEPTH = 1000
"""Real pages nest a few dozen levels; libxml2 silently stops at 256, so deeper input would
otherwise come out as "no article text" without saying why."""
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]{0,15})\b[^>]*?(/?)>")
_NO_END_TAG = {"p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
               "colgroup", "rp", "rt", "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
               "meta", "param", "source", "track", "wbr", "html", "head", "body"}


_DATE_PARAMS = {"original_date": True, "extensive_search": False}
"""Only dates the page declares (meta tags, JSON-LD, time elements); htmldate's extensive search
guesses from copyright lines and stray numbers, which would be a made-up date with day precision."""


def nesting_depth(page: str, stop_at: int = MAX_DEPTH) -> int:
    """Approximate element depth from the tag stream (stops counting once ``stop_at`` is passed)."""
    depth = deepest = 0
    for m in _TAG.finditer(page):
        name = m.group(2).lower()
        if name in _NO_END_TAG or m.group(3):
            continue
        if m.group(1):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop_at:
                    break
    return deepest


def clean_html(page: str, precision: bool = False, fast: bool = False, classify_blocks: bool = False,
               keep_comments: bool = False) -> CleanHtml:
    """Main text, metadata and removed blocks of ``page``.

    ``precision`` asks trafilatura to favour precision; ``fast`` skips its fallback extractors
    (readability, jusText), which roughly doubles speed at a small cost in quality.
    """
    depth = nesting_depth(page)
    if depth > MAX_DEPTH:
        raise MarkupTooDeep(f"HTML nested more than {MAX_DEPTH:,} elements deep; no real page is, "
                            "so it was not parsed")
    doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=keep_comments,
                                      include_tables=True, favor_precision=precision, fast=fast,
                                      date_extraction_params=_DATE_PARAMS)
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    comments = getattr(doc, "comments", None) if keep_comments else None
    if isinstance(comments, str) and comments.strip():
        body += "\n" + comments
    if not body.strip():
        body = trafilatura.extract(page, favor_recall=True) or ""
    title = getattr(doc, "title", None) or None
    notes: tuple[str, ...] = ()
    blocks = flatten(page).splitlines()
    if body.strip():
        cleaned = clean_text(body, title=title, classify_blocks=classify_blocks)
    else:
        # trafilatura finds nothing in some plain or oddly built pages; their text is still
        # there, so clean them as the text dump they amount to.
        dump = "\n".join(blocks)
        if not dump.strip():
            raise NoMainText("no article text found in the HTML page")
        cleaned = clean_text(dump, title=title, classify_blocks=True, language=detect_language(dump)[0])
        notes = ("no main text found by the HTML extractor; the page was cleaned as a text dump",)
    if len(cleaned.text.split()) < 4:
        raise NoMainText("the HTML page holds only page furniture (no article text)")
    kept_text = "\n".join(_norm(line) for line in cleaned.text.split("\n\n"))
    removed_text = {r.text for r in cleaned.removed}
    dropped = []
    for block in blocks:
        if block not in kept_text and block not in removed_text:  # normalised lines: substring test suffices
            dropped.append(Removed(text=block, reason=furniture_reason(block) or "not main content"))
    return CleanHtml(
        text=cleaned.text, title=cleaned.title, published=getattr(doc, "date", None),
        site=getattr(doc, "sitename", None), domain=getattr(doc, "hostname", None),
        url=getattr(doc, "url", None), author=getattr(doc, "author", None),
        removed=cleaned.removed + tuple(_dedupe(dropped)), notes=notes)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _dedupe(items: list[Removed]) -> list[Removed]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.text not in seen:
            seen.add(item.text)
            out.append(item)
    return out
