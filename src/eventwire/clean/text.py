"""Clean a text dump (or the main text trafilatura found in HTML) line by line.

Three passes: rules for kinds of furniture (:mod:`eventwire.clean.furniture`), the headline
(kept once, as the title), and for raw dumps a block classifier that tells prose from the
menus, lists and comment sections around it (:mod:`eventwire.clean.blocks`).
"""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.clean.blocks import classify
from eventwire.clean.furniture import furniture_reason, looks_like_headline, normalise_heading
from eventwire.record import Removed

HEADLINE_LOOKBACK = 6
"""How many lines above the first paragraph of prose a headline may sit (bylines, dates between)."""


@dataclass(frozen=True, slots=True)
class CleanText:
    text: str
    title: str | None
    removed: tuple[Removed, ...]


def clean_text(raw: str, title: str | None = None, classify_blocks: bool = False,
               language: str = "en") -> CleanText:
    """Drop furniture lines, keep the headline once as the title, join paragraphs.

    ``classify_blocks`` turns on the prose/furniture classifier: for raw text dumps, not for
    text an HTML extractor has already chosen. When no title is given, the headline is a
    headline-shaped line that appears twice (scraped pages repeat it), or else the one just
    above the first paragraph of prose, or the first line when a blank line follows it.
    """
    lines = [ln.strip() for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    blank_after = {i for i in range(len(lines) - 1) if lines[i] and not lines[i + 1]}
    numbered = [(i, ln) for i, ln in enumerate(lines) if ln]
    reasons: list[str | None] = [furniture_reason(ln) for _, ln in numbered]
    content = [k for k, why in enumerate(reasons) if why is None]
    if classify_blocks:
        verdicts = classify([ln for _, ln in numbered], language, preset=list(reasons))
        reasons = [v.reason if not v.keep else None for v in verdicts]
    if title is None:
        title = _find_headline(numbered, reasons, content, blank_after)
    heading = normalise_heading(title) if title else None
    removed: list[Removed] = []
    kept: list[str] = []
    for (_, line), why in zip(numbered, reasons, strict=True):
        if heading is not None and normalise_heading(line) == heading:
            removed.append(Removed(text=line, reason="headline (kept as title)"))
        elif why is not None:
            removed.append(Removed(text=line, reason=why))
        else:
            kept.append(" ".join(line.split()))
    return CleanText(text="\n\n".join(kept), title=title, removed=tuple(removed))


def _find_headline(numbered: list[tuple[int, str]], reasons: list[str | None], content: list[int],
                   blank_after: set[int]) -> str | None:
    shaped = [k for k in content if looks_like_headline(numbered[k][1])]
    seen: dict[str, int] = {}
    for k in shaped:  # a headline-shaped line that appears twice is the headline
        key = normalise_heading(numbered[k][1])
        if key in seen and len(key.split()) >= 3:
            return numbered[seen[key]][1]
        seen.setdefault(key, k)
    first_prose = next((k for k in content if reasons[k] is None and not looks_like_headline(numbered[k][1])), None)
    if first_prose is not None:
        for k in range(first_prose - 1, max(first_prose - HEADLINE_LOOKBACK, -1) - 1, -1):
            line = numbered[k][1]
            if k in content and looks_like_headline(line) and len(line.split()) >= 3:
                return line
    first = content[0] if content else None
    if first is not None and looks_like_headline(numbered[first][1]) and len(content) > 1 \
            and numbered[first][0] in blank_after:
        return numbered[first][1]
    return None
