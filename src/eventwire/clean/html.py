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
from lxml import html as lxml_html

from eventwire.clean.furniture import furniture_reason
from eventwire.clean.text import clean_text
from eventwire.errors import MarkupTooDeep, NoMainText
from eventwire.record import Removed

_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "svg"}
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "span", "a", "div",
           "td", "th", "blockquote", "b", "strong", "time", "small")


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
    if not body.strip():
        raise NoMainText("no article text found in the HTML page")
    title = getattr(doc, "title", None) or None
    cleaned = clean_text(body, title=title, classify_blocks=classify_blocks)
    if len(cleaned.text.split()) < 4:
        raise NoMainText("the HTML page holds only page furniture (no article text)")
    kept_text = "\n".join(_norm(line) for line in cleaned.text.split("\n\n"))
    dropped = []
    for block in _visible_blocks(page):
        if block not in kept_text:  # blocks are normalised, so a substring test is enough
            dropped.append(Removed(text=block, reason=furniture_reason(block) or "not main content"))
    return CleanHtml(
        text=cleaned.text, title=cleaned.title, published=getattr(doc, "date", None),
        site=getattr(doc, "sitename", None), domain=getattr(doc, "hostname", None),
        url=getattr(doc, "url", None), author=getattr(doc, "author", None),
        removed=cleaned.removed + tuple(_dedupe(dropped)))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _visible_blocks(page: str) -> list[str]:
    """Leaf-level visible text blocks of the page, in document order."""
    try:
        root = lxml_html.fromstring(page)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    out: list[str] = []
    for el in root.iter(*_BLOCKS):
        if any(anc.tag in _SKIP_TAGS for anc in el.iterancestors()):
            continue
        has_blocks = any(child.tag in _BLOCKS for child in el)
        own = _norm(el.text or "") if has_blocks else _norm(el.text_content())
        if own:
            out.append(own)
    return out


def _dedupe(items: list[Removed]) -> list[Removed]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.text not in seen:
            seen.add(item.text)
            out.append(item)
    return out
