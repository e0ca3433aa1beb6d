"""Clean a text dump (or the main text trafilatura found in HTML) line by line."""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.clean.furniture import furniture_reason, looks_like_headline, normalise_heading
from eventwire.record import Removed


@dataclass(frozen=True, slots=True)
class CleanText:
    text: str
    title: str | None
    removed: tuple[Removed, ...]


def clean_text(raw: str, title: str | None = None) -> CleanText:
    """Drop furniture lines, keep the headline once as the title, join paragraphs.

    When no title is given, the first line is taken as the headline if it is shaped like one
    and appears again (scraped pages repeat it) or is followed by a blank line.
    """
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    removed: list[Removed] = []
    kept: list[str] = []
    candidates = [ln for ln in lines if ln.strip()]
    reasons = [furniture_reason(ln) for ln in candidates]
    content = [ln for ln, why in zip(candidates, reasons, strict=True) if why is None]
    if title is None and content and looks_like_headline(content[0]):
        first = normalise_heading(content[0])
        repeats = sum(1 for ln in content if normalise_heading(ln) == first)
        if repeats > 1 or (len(content) > 1 and _followed_by_blank(lines, content[0])):
            title = content[0].strip()
    heading = normalise_heading(title) if title else None
    for line, why in zip(candidates, reasons, strict=True):
        if why is not None:
            removed.append(Removed(text=line.strip(), reason=why))
        elif heading is not None and normalise_heading(line) == heading:
            removed.append(Removed(text=line.strip(), reason="headline (kept as title)"))
        else:
            kept.append(" ".join(line.split()))
    return CleanText(text="\n\n".join(kept), title=title, removed=tuple(removed))


def _followed_by_blank(lines: list[str], line: str) -> bool:
    for i, ln in enumerate(lines[:-1]):
        if ln == line:
            return not lines[i + 1].strip()
    return False
