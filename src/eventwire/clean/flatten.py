"""An HTML page as a text dump: the text of each block element on its own line.

This is what copying a page, or a scraper's "text" output, gives. eventwire uses it when
trafilatura finds no main text in a page (plain or oddly built pages), so that the text-dump
cleaner can still find the article; the cleaning benchmark uses it to turn its HTML pages into
the text-dump case.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
SKIP = {"script", "style", "noscript", "template", "head", "title", "svg", "iframe", "object", "select"}
BLOCK = {"address", "article", "aside", "blockquote", "body", "br", "center", "dd", "div", "dl", "dt",
         "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
         "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
         "thead", "tr", "ul", "option", "caption", "menu", "text"}


def flatten(page: str) -> str:
    """The visible text of ``page``, one block element per line (inline elements joined)."""
    try:
        root = lxml_html.fromstring(page)
    except (etree.ParserError, ValueError):
        return ""
    return "\n".join(flatten_tree(root)[0])


def flatten_tree(root: etree._Element) -> tuple[list[str], int]:
    """Lines of visible text of a parsed page, and the depth of its deepest element."""
    lines: list[str] = []
    buffer: list[str] = []
    # Plain text served as HTML (a handful of elements at most) keeps its blank-line paragraphs.
    plain = sum(1 for _ in root.iter()) <= 5

    def flush(pre: bool = False) -> None:
        text = "".join(buffer)
        for part in _BLANK_LINE.split(text) if plain or pre else [text]:
            line = " ".join(part.split())
            if line:
                lines.append(line)
        buffer.clear()

    # An explicit stack instead of recursion: deep markup must not exhaust the C stack.
    deepest = 0
    stack: list[tuple[etree._Element, bool, int]] = [(root, False, 1)]
    while stack:
        el, closing, depth = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if closing:
            if tag in BLOCK:
                flush(pre=tag == "pre")
            if el.tail:
                buffer.append(el.tail)
            continue
        deepest = max(deepest, depth)
        if tag in SKIP or not isinstance(el.tag, str):
            if el.tail:
                buffer.append(el.tail)
            continue
        if tag in BLOCK:
            flush()
        if el.text:
            buffer.append(el.text)
        stack.append((el, True, depth))
        stack.extend((child, False, depth + 1) for child in reversed(el))
    flush()
    return lines, deepest
