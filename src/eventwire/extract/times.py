"""Times: the date grammar over the whole text, plus spaCy DATE entities it did not cover."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spacy.tokens import Doc

from eventwire.extract.mentions import Mention
from eventwire.record import Published, Time
from eventwire.resolve.dates import find_times


def anchor_date(published: Published) -> date | None:
    if not published.value or published.precision not in ("day", "second"):
        return None
    try:
        return date.fromisoformat(published.value[:10])
    except ValueError:
        return None


SCHEDULING_VERBS = ("plan", "expect", "be", "schedule", "set", "due", "slate")
"""Verbs whose infinitive puts an act ahead: "plans to meet", "is set to resume Monday"."""


def clause_tense(doc: Doc) -> Callable[[int], int]:
    """Tense of the clause around a character: -1 past ("met", "had met"), +1 future ("will
    meet", "is to meet", "plans to meet"), 0 when the parse does not say."""
    def tense(char: int) -> int:
        span = doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None or not len(span):
            return 0
        node = span[0]
        for _ in range(4):
            if node.pos_ in ("VERB", "AUX"):
                break
            if node.head is node:
                return 0
            node = node.head
        else:
            return 0
        aux = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
        if aux & {"will", "'ll", "shall", "wo"} or (node.tag_ == "VB" and "to" in aux and
                                                    node.head.lemma_ in SCHEDULING_VERBS):
            return 1
        if node.tag_ == "VBD" or (node.tag_ == "VBN" and aux & {"had", "has", "have", "was", "were"}):
            return -1
        return 0
    return tense


def extract_times(text: str, mentions: list[Mention], published: Published, doc: Doc | None = None) -> list[Time]:
    anchor = anchor_date(published)
    found = find_times(text, anchor, clause_tense(doc) if doc is not None else None)
    times = [Time(id="", text=t.text, start=t.start, end=t.end, value=t.value,
                  precision=t.precision, anchor="text" if t.on_text else  # type: ignore[arg-type]
                  "published" if anchor and t.value and
                  t.value[:1].isdigit() and t.type == "date" and (t.inferred or "year" not in t.text) else "none",
                  inferred=t.inferred, type=t.type) for t in found]  # type: ignore[arg-type]
    for m in mentions:
        if m.label not in ("DATE", "TIME"):
            continue
        if any(t.start < m.end_char and m.start_char < t.end for t in times):
            continue
        times.append(Time(id="", text=m.text, start=m.start_char, end=m.end_char, value=None,
                          precision="unknown", anchor="none", inferred=False))
    times.sort(key=lambda t: t.start)
    return [Time(id=f"D{i + 1}", text=t.text, start=t.start, end=t.end, value=t.value,
                 precision=t.precision, anchor=t.anchor, inferred=t.inferred, type=t.type)
            for i, t in enumerate(times)]
