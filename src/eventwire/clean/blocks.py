"""Which lines of a text dump are the article: block classification in the manner of jusText.

A text dump (a copied page, a scraper's output) has lost its markup, so link density and tag
structure are gone. What is left still separates prose from furniture well (Pomikálek 2011):

* **length** — menus, buttons, titles of related stories and widget lines are short;
* **stop-word density** — prose is full of function words ("the", "of", "that"); navigation,
  lists of names and headlines are not;
* **context** — a short line between two paragraphs of prose is part of the article (a short
  quote, a one-sentence paragraph); a short line among menus is furniture.

Each line gets a first label from length and density (good, near-good, short, bad), then short
and near-good lines take the label of their surroundings. Section headings that announce
furniture ("Related", "Most read", "3 Comments", "Leave a reply") mark the following lines as
that furniture until prose resumes. Stop-word lists come from jusText (the package trafilatura
already depends on), for the language of the document; for a language it has no list for, no
line is dropped on density alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Label = Literal["good", "near", "short", "bad"]

LENGTH_LOW = 8
"""Lines with fewer words than this are "short": they cannot be judged on their own."""
LENGTH_HIGH = 20
DENSITY_LOW = 0.25
DENSITY_HIGH = 0.32
MAX_CONTEXT_GAP = 3
"""A run of more than this many short lines is a list (menu, links), not article text."""

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)\]]\s*$")
_FURNITURE_HEADING = re.compile(
    r"^(related( (articles|stories|posts|news|content|coverage|links|topics))?( \(.*\))?|read (more|also|next)|"
    r"see also|more (stories|news|articles|from|on)( .{0,30})?|you (may|might) (also )?(like|be interested in)|"
    r"recommended( for you)?|most (read|popular|viewed|shared|commented)|popular( (posts|stories|now))?|"
    r"trending( now)?|latest( news| stories| posts)?|top stories|editor'?s picks|tags?|topics|categories|"
    r"archives?|blogroll|links|share this( (article|story|post))?|follow us|about (us|the author))\s*:?$", re.I)
_COMMENTS_HEADING = re.compile(
    r"^((\d+|no|one|two|three)\s+(comments?|responses?|replies|thoughts( on .*)?)|comments?(\s*\(\d+\))?|"
    r"leave a (reply|comment)|add (a |your )?comment|post a comment|join the (discussion|conversation)|"
    r"what do you think\??|reader comments|discussion)\s*:?$", re.I)


@dataclass(frozen=True, slots=True)
class Block:
    text: str
    words: int
    density: float
    sentence: bool
    """Ends like a sentence (., !, ?, a closing quote or bracket)."""


@dataclass(frozen=True, slots=True)
class Verdict:
    keep: bool
    reason: str | None
    """Why a dropped line was dropped (for ``document.removed``)."""


@lru_cache(maxsize=32)
def stoplist(language: str) -> frozenset[str]:
    """jusText's stop words for an ISO 639-1 code; empty when it has no list for the language."""
    import justext
    import pycountry

    entry = pycountry.languages.get(alpha_2=language) if len(language) == 2 else None
    name = entry.name.split(";")[0].strip().replace(" ", "_") if entry is not None else ""
    if name in justext.get_stoplists():
        return frozenset(w.casefold() for w in justext.get_stoplist(name))
    return frozenset()


def measure(line: str, stops: frozenset[str]) -> Block:
    words = _WORD.findall(line)
    density = sum(1 for w in words if w.casefold() in stops) / len(words) if words else 0.0
    return Block(text=line, words=len(words), density=density, sentence=bool(_SENTENCE_END.search(line)))


def first_label(block: Block) -> Label:
    """The context-free label of jusText (without link density, which a text dump lacks)."""
    if block.words < LENGTH_LOW:
        return "short"
    if block.density >= DENSITY_HIGH and (block.words >= LENGTH_HIGH or block.sentence):
        return "good"
    if block.density >= DENSITY_LOW:
        return "near"
    return "bad"


def classify(lines: list[str], language: str = "en", preset: list[str | None] | None = None) -> list[Verdict]:
    """A verdict for every line (lines already stripped and non-empty).

    ``preset`` holds reasons already given by the furniture rules: those lines are dropped with
    that reason and count as furniture for the context of their neighbours.
    """
    preset = preset or [None] * len(lines)
    stops = stoplist(language)
    if not stops or not lines:
        return [Verdict(why is None, why) for why in preset]
    blocks = [measure(line, stops) for line in lines]
    labels: list[Label] = ["bad" if why else first_label(b) for b, why in zip(blocks, preset, strict=True)]
    if "good" not in labels:  # nothing reads as prose: do not guess, keep what the rules kept
        return [Verdict(why is None, why) for why in preset]
    sections = _furniture_sections(lines, labels, blocks, preset)
    final = _with_context(labels, blocks)
    start, stop = main_span(final, blocks, sections)
    verdicts = []
    for i, label in enumerate(final):
        if preset[i] is not None:
            verdicts.append(Verdict(False, preset[i]))
        elif i in sections:
            verdicts.append(Verdict(False, sections[i]))
        elif label == "good" and not start <= i < stop:
            verdicts.append(Verdict(False, "prose outside the article body (footer or sidebar)"))
        elif label == "good":
            verdicts.append(Verdict(True, None))
        else:
            verdicts.append(Verdict(False, "not article text (short or few function words, among furniture)"))
    return verdicts


def _with_context(labels: list[Label], blocks: list[Block]) -> list[Label]:
    """Near-good lines next to prose become prose; short lines between prose become prose."""
    out = list(labels)
    for i, label in enumerate(labels):
        if label == "near" and (_neighbour(labels, i, -1) == "good" or _neighbour(labels, i, 1) == "good"):
            out[i] = "good"  # near-good beside prose (skipping short lines) is prose
        if label == "bad" and _sentence_between_prose(labels, blocks, i):
            out[i] = "good"
    result = list(out)
    i = 0
    while i < len(out):
        if out[i] not in ("short", "near"):
            i += 1
            continue
        j = i
        while j < len(out) and out[j] in ("short", "near"):
            j += 1
        before = out[i - 1] if i > 0 else None
        after = out[j] if j < len(out) else None
        run = range(i, j)
        if before == "good" and after == "good" and (j - i <= MAX_CONTEXT_GAP or _prose_run(blocks, run)):
            for k in run:
                result[k] = "good"
        elif before == "good" or after == "good":
            for k in run:  # at the edge of the article: keep sentence-like short lines touching prose
                if blocks[k].sentence and blocks[k].density >= DENSITY_LOW and _touches_good(result, k, run):
                    result[k] = "good"
        i = j
    return result


GAP_COST = 3
"""What a line of furniture between two stretches of prose costs, in words of prose: a long
article bridges a menu or a list of links; a short footer paragraph beyond ten lines of links
does not (the body-text-extraction idea of Finn et al., 2001, applied to lines)."""


def main_span(labels: list[Label], blocks: list[Block], sections: dict[int, str]) -> tuple[int, int]:
    """The run of lines ``[start, stop)`` with the most prose words net of the furniture inside it."""
    best, best_span = 0.0, (0, len(labels))
    running, start = 0.0, 0
    for i, label in enumerate(labels):
        gain = blocks[i].words if label == "good" and i not in sections else -GAP_COST
        if running <= 0:
            running, start = 0.0, i
        running += gain
        if running > best:
            best, best_span = running, (start, i + 1)
    return best_span


def _sentence_between_prose(labels: list[Label], blocks: list[Block], i: int) -> bool:
    """A full sentence with few function words (names and titles) right between two paragraphs
    of prose is part of the article."""
    return (blocks[i].sentence and blocks[i].density > 0 and 0 < i < len(labels) - 1
            and labels[i - 1] == "good" and labels[i + 1] == "good")


def _neighbour(labels: list[Label], i: int, step: int) -> Label | None:
    j = i + step
    while 0 <= j < len(labels):
        if labels[j] != "short":
            return labels[j]
        j += step
    return None


def _prose_run(blocks: list[Block], run: range) -> bool:
    return sum(blocks[k].sentence for k in run) >= len(run) / 2


def _touches_good(labels: list[Label], k: int, run: range) -> bool:
    return (k == run.start and k > 0 and labels[k - 1] == "good") or \
           (k == run.stop - 1 and k + 1 < len(labels) and labels[k + 1] == "good")


def _furniture_sections(lines: list[str], labels: list[Label], blocks: list[Block],
                        preset: list[str | None]) -> dict[int, str]:
    """Lines under a heading that announces furniture, up to the next paragraph of prose.

    A comments heading ends the article: everything after it goes, provided most of the
    prose came before it (so an article that merely mentions "Comments" keeps its text).
    """
    total_good = sum(b.words for b, label in zip(blocks, labels, strict=True) if label == "good") or 1
    out: dict[int, str] = {}
    good_so_far = 0
    for i, line in enumerate(lines):
        text = line.strip()
        if labels[i] == "good":
            good_so_far += blocks[i].words
        if i in out:
            continue
        if blocks[i].words <= 8 and _COMMENTS_HEADING.match(text) and good_so_far >= 0.6 * total_good:
            for k in range(i, len(lines)):
                out[k] = "comment section"
            break
        if preset[i] == "related-links heading" or (blocks[i].words <= 8 and _FURNITURE_HEADING.match(text)):
            out[i] = preset[i] or "furniture heading"
            k = i + 1
            while k < len(lines) and labels[k] != "good":
                out[k] = f"list under {text[:30]!r}"
                k += 1
    return out
