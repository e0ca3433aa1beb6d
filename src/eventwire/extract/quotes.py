"""Quotations in article text: where quoted words start and end.

Claims are built on them, and pronoun resolution looks past them ("…," he said: "he" is not a
person named inside the quotation)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTE_MARK = re.compile(r'[“”"]')


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # of the quoted words, inside the marks
    end: int


def find_quotes(text: str) -> list[Quote]:
    """Quoted words, between an opening and a closing mark.

    Pages mix straight and typographic marks within one quotation (“…," or "…”), so any
    opening mark pairs with the next closing one. A quotation may run over several paragraphs,
    each opening with “ and only the last closed; a straight mark does not say whether it opens
    or closes, so one left open at a paragraph break was a stray and the count starts again."""
    out = []
    open_at: int | None = None
    for m in _QUOTE_MARK.finditer(text):
        mark, at = m.group(), m.start()
        if open_at is not None and (mark == '"' or text[open_at] == '"') and "\n" in text[open_at:at]:
            open_at = None  # a straight mark never pairs across a paragraph break
        if open_at is None:
            if mark != "”":
                open_at = at
            continue
        if mark == "“":
            continue  # the next paragraph of a long quotation
        if at - open_at > 2:
            out.append(Quote(open_at + 1, at))
        open_at = None
    return out
