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
from lxml import etree
from lxml import html as lxml_html
from trafilatura.utils import load_html

from eventwire.clean.flatten import flatten_tree
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


_DATE_PARAMS = {"original_date": True, "extensive_search": False}
"""Only dates the page declares (meta tags, JSON-LD, time elements); htmldate's extensive search
guesses from copyright lines and stray numbers, which would be a made-up date with day precision."""

MAX_DEPTH = 250
"""Real pages nest a few dozen levels. libxml2 stops building the tree at 256 levels without
failing, so a tree that deep means hostile or broken markup, and the page would otherwise come
out as "no article text" without saying why."""


def clean_html(page: str) -> CleanHtml:
    """Main text, metadata and removed blocks of ``page``.

    trafilatura runs with its defaults except that comment sections are left out (furniture for
    a news-event tool) and only declared dates are taken; benchmarks/cleaning.py measured
    favour-precision, favour-recall and fast modes, and the defaults won.
    """
    tree = load_html(page)  # trafilatura's own loader, so its extraction sees the same tree
    parsed = tree if tree is not None else _lenient_parse(page)  # it rejects pages that do not look like HTML
    if parsed is None:
        raise NoMainText("the input is not an HTML page that can be parsed")
    blocks, depth = flatten_tree(parsed)
    if depth >= MAX_DEPTH:
        raise MarkupTooDeep(f"HTML nested {depth:,} or more elements deep; no real page is, so it was not parsed")
    doc = None if tree is None else trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params=_DATE_PARAMS)
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not body.strip() and tree is not None:
        body = trafilatura.extract(page, favor_recall=True) or ""
    title = getattr(doc, "title", None) or None
    notes: tuple[str, ...] = ()
    if body.strip():
        cleaned = clean_text(body, title=title)
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


def _lenient_parse(page: str) -> etree._Element | None:
    try:
        root: etree._Element = lxml_html.fromstring(page)
    except (etree.ParserError, ValueError):
        return None
    return root


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
