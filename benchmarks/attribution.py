#!/usr/bin/env python3
"""Attribution (claims) against PolNeAR: source, cue and content spans.

    python benchmarks/attribution.py [--data ../shared/data] [--split dev] [--limit N]

Each PolNeAR article (``eval/attribution/polnear/<split>/text``) goes through the full
eventwire pipeline as a text dump (cleaning, spaCy, extraction). Our claims' spans are mapped
back to the article's characters paragraph by paragraph (cleaning keeps or drops whole
paragraphs and normalises whitespace), then compared with the gold attributions (``.ann`` standoff files; discontinuous
spans are joined). Editorial claims are left out: PolNeAR has no notion of the outlet's voice.

Scoring, for each of source, cue and content separately: each gold span is matched to at most
one predicted span of the same role (greedy, best match first).

* **exact**: the spans are equal once surrounding whitespace, punctuation and quote marks
  are trimmed from both;
* **overlap**: the token-level Dice coefficient of the two spans (2|A∩B| / (|A|+|B|), tokens
  being words with their character positions) is at least 0.5 — "The Post" matches
  "The New York Post", "said" matches "has said", a content clause matches its gold
  clause when they share at least half their words.

Two subsets are printed: ``all`` attributions, and ``speech`` — those whose cue is a speech or
reporting verb (or "according to"), the subset the issue sets its targets on (PolNeAR also
marks beliefs, intentions and feelings: "fears", "wants", "is convinced"). Predicted claims
count in the speech subset when their own cue is a speech cue. The last line is a JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.pipeline import process
from eventwire.record import Record
from eventwire.sources.raw import RawItem

ROLES = ("source", "cue", "content")

_SPEECH_BASES = {
    ").split(", "accuse", "acknowledge", "add", "admit", "allege", "announce", "answer", "argue",
    "ask", "assert", "assure", "blast", "boast", "brag", "brief", "call", "caution", "charge",
    "cite", "claim", "comment", "complain", "concede", "conclude", "confirm", "contend", "counter",
    "criticize", "cry", "declare", "deny", "describe", "disclose", "dismiss", "dispute", "echo",
    "emphasize", "estimate", "explain", "guarantee", "indicate", "inform", "insist", "joke",
    "maintain", "mention", "note", "notify", "observe", "pledge", "point", "post", "praise",
    "predict", "proclaim", "promise", "question", "quip", "quote", "rebut", "recall", "recount",
    "refute", "reiterate", "reject", "remark", "repeat", "reply", "report", "respond", "retort",
    "reveal", "say", "scream", "shout", "slam", "speak", "state", "stress", "suggest", "swear",
    "tell", "testify", "threaten", "tout", "tweet", "urge", "vow", "warn", "whisper", "write",
}
_IRREGULAR = {"said", "says", "told", "tells", "wrote", "written", "spoke", "spoken", "swore", "sworn"}


def _forms(base: str) -> set[str]:
    stem = base[:-1] if base.endswith("e") else base
    out = {base, base + "s", base + "es", stem + "ed", stem + "ing", base + "d"}
    if base.endswith("y"):
        out |= {base[:-1] + "ies", base[:-1] + "ied"}
    return out


SPEECH_WORDS = set(_IRREGULAR).union(*(_forms(b) for b in _SPEECH_BASES))


def is_speech_cue(text: str) -> bool:
    """A cue whose words include a speech or reporting verb, or "according to"."""
    lowered = text.lower()
    return "according to" in lowered or any(w in SPEECH_WORDS for w in re.findall(r"[a-z]+", lowered))


@dataclass(frozen=True)
class Piece:
    """One span of a role: character ranges (several for discontinuous spans) and text."""

    ranges: tuple[tuple[int, int], ...]
    text: str


@dataclass
class Attribution:
    source: Piece | None
    cue: Piece | None
    content: Piece | None

    @property
    def speech(self) -> bool:
        return self.cue is not None and is_speech_cue(self.cue.text)


# --- reading PolNeAR ----------------------------------------------------------------------------

def read_ann(path: Path) -> list[Attribution]:
    """Attributions of one ``.ann`` file: ``E`` lines tie Source, Cue and Content ``T`` spans."""
    spans: dict[str, Piece] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            kind_and_ranges = parts[1].split(" ", 1)
            if len(kind_and_ranges) != 2:
                continue
            ranges = tuple(tuple(int(x) for x in r.split()) for r in kind_and_ranges[1].split(";"))
            spans[parts[0]] = Piece(ranges=ranges, text=parts[2])  # type: ignore[arg-type]
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            relations.append(roles)
    out = []
    for roles in relations:
        out.append(Attribution(source=spans.get(roles.get("Source", "")), cue=spans.get(roles.get("Cue", "")),
                               content=spans.get(roles.get("Content", ""))))
    return out


def articles(data: Path, split: str) -> Iterator[tuple[str, str, list[Attribution]]]:
    base = data / "eval" / "attribution" / "polnear" / split
    if not base.is_dir():
        raise SystemExit(f"PolNeAR split not found: {base} (pass --data DIR)")
    for ann in sorted((base / "attributions").glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)  # annotation files carry an annotator suffix
        text_path = base / "text" / f"{stem}.txt"
        if text_path.exists():
            yield ann.stem, text_path.read_text(encoding="utf-8"), read_ann(ann)


# --- mapping our spans back to the article ------------------------------------------------------

def char_map(clean: str, raw: str) -> dict[int, int]:
    """Clean-text offset -> article offset for every character of a word in ``clean``.

    Cleaning keeps or drops whole paragraphs but normalises whitespace (no-break spaces,
    runs of spaces), so each paragraph is found in the article as its words separated by any
    whitespace, in order, and the words' characters map one to one."""
    out: dict[int, int] = {}
    at = 0
    for m in re.finditer(r"[^\n]+", clean):
        words = list(re.finditer(r"\S+", m.group(0)))
        if not words:
            continue
        pattern = re.compile(r"\s+".join(re.escape(w.group(0)) for w in words))
        found = pattern.search(raw, at)
        if found is None:
            continue
        raw_words = list(re.finditer(r"\S+", found.group(0)))
        for w, rw in zip(words, raw_words, strict=True):
            for k in range(len(w.group(0))):
                out[m.start() + w.start() + k] = found.start() + rw.start() + k
        at = found.end()
    return out


def to_raw(span: tuple[int, int], mapping: dict[int, int]) -> tuple[int, int] | None:
    """The article range of a clean-text span (its first and last mapped characters)."""
    inside = [mapping[i] for i in (span[0], span[1] - 1) if i in mapping]
    if len(inside) < 2:
        inside = [mapping[i] for i in range(span[0], span[1]) if i in mapping]
    return (min(inside), max(inside) + 1) if inside else None


def predicted(record: Record, raw: str) -> list[Attribution]:
    text = record.document.text
    mapping = char_map(text, raw)
    out = []

    def piece(span: tuple[int, int] | None) -> Piece | None:
        if span is None:
            return None
        mapped = to_raw(span, mapping)
        return Piece((mapped,), raw[mapped[0]:mapped[1]]) if mapped else None

    for c in record.claims:
        if c.kind == "editorial":
            continue
        out.append(Attribution(
            source=piece((c.speaker_span.start, c.speaker_span.end) if c.speaker_span else None),
            cue=piece((c.cue.start, c.cue.end) if c.cue else None),
            content=piece((c.content.start, c.content.end))))
    return out


# --- scoring ------------------------------------------------------------------------------------

_TRIM = " \t\n\"'“”‘’.,;:—–-()[]"


def _tokens(piece: Piece, raw: str) -> set[int]:
    """Start offsets of the word tokens inside the piece's ranges."""
    starts: set[int] = set()
    for start, end in piece.ranges:
        for m in re.finditer(r"\w+", raw[start:end]):
            starts.add(start + m.start())
    return starts


def _exact_key(piece: Piece, raw: str) -> str:
    return " ".join(raw[s:e] for s, e in piece.ranges).strip(_TRIM)


def dice(a: Piece, b: Piece, raw: str) -> float:
    ta, tb = _tokens(a, raw), _tokens(b, raw)
    return 2 * len(ta & tb) / (len(ta) + len(tb)) if ta and tb else 0.0


def match(gold: list[Piece], pred: list[Piece], raw: str) -> tuple[int, int]:
    """(exact matches, overlap matches), one-to-one, best pairs first."""
    exact_gold: dict[str, list[Piece]] = {}
    for g in gold:
        exact_gold.setdefault(_exact_key(g, raw), []).append(g)
    exact = 0
    used: set[int] = set()
    for i, p in enumerate(pred):
        bucket = exact_gold.get(_exact_key(p, raw))
        if bucket:
            bucket.pop()
            exact += 1
            used.add(i)
    pairs = sorted(((dice(g, p, raw), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)),
                   reverse=True)
    taken_g: set[int] = set()
    taken_p: set[int] = set()
    overlap = 0
    for score, gi, pi in pairs:
        if score < 0.5:
            break
        if gi in taken_g or pi in taken_p:
            continue
        taken_g.add(gi)
        taken_p.add(pi)
        overlap += 1
    return exact, overlap


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    exact: int = 0
    overlap: int = 0

    def figures(self) -> dict[str, float]:
        out = {}
        for name, hits in (("exact", self.exact), ("overlap", self.overlap)):
            p = hits / self.pred if self.pred else 0.0
            r = hits / self.gold if self.gold else 0.0
            out[f"{name}_precision"] = round(p, 3)
            out[f"{name}_recall"] = round(r, 3)
            out[f"{name}_f1"] = round(2 * p * r / (p + r), 3) if p + r else 0.0
        return out


def score(pairs: Iterable[tuple[str, list[Attribution], list[Attribution]]]) -> dict[str, dict[str, object]]:
    tallies = {subset: {role: Tally() for role in ROLES} for subset in ("all", "speech")}
    counts = {"articles": 0, "gold_attributions": 0, "gold_speech": 0, "predicted": 0, "predicted_speech": 0}
    for raw, gold, pred in pairs:
        counts["articles"] += 1
        counts["gold_attributions"] += len(gold)
        counts["gold_speech"] += sum(a.speech for a in gold)
        counts["predicted"] += len(pred)
        counts["predicted_speech"] += sum(a.speech for a in pred)
        for subset in ("all", "speech"):
            g_set = gold if subset == "all" else [a for a in gold if a.speech]
            p_set = pred if subset == "all" else [a for a in pred if a.speech]
            for role in ROLES:
                g = [x for x in (getattr(a, role) for a in g_set) if x is not None]
                p = [x for x in (getattr(a, role) for a in p_set) if x is not None]
                exact, overlap = match(g, p, raw)
                t = tallies[subset][role]
                t.gold += len(g)
                t.pred += len(p)
                t.exact += exact
                t.overlap += overlap
    out: dict[str, dict[str, object]] = {"counts": dict(counts)}
    for subset, roles in tallies.items():
        out[subset] = {role: t.figures() | {"gold": t.gold, "predicted": t.pred} for role, t in roles.items()}
    return out


def run(data: Path, split: str, limit: int = 0) -> dict[str, dict[str, object]]:
    docs = list(articles(data, split))
    if limit:
        docs = docs[:limit]
    items = [RawItem(origin=name, content=text, kind="text") for name, text, _ in docs]
    pairs = []
    for (_, text, gold), result in zip(docs, process(items), strict=True):
        pred = predicted(result, text) if isinstance(result, Record) else []
        pairs.append((text, gold, pred))
    return score(pairs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "data")
    ap.add_argument("--split", default="dev", choices=("dev", "train", "test"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = ap.parse_args()
    figures = run(args.data, args.split, args.limit)
    counts = figures["counts"]
    print(f"PolNeAR {args.split}: {counts['articles']} articles, {counts['gold_attributions']} gold attributions "
          f"({counts['gold_speech']} with a speech cue), {counts['predicted']} predicted "
          f"({counts['predicted_speech']} with a speech cue)")
    for subset in ("speech", "all"):
        print(f"\n{subset} attributions")
        print(f"  {'role':<8} {'gold':>5} {'pred':>5}   exact P     R    F1   overlap P     R    F1")
        roles = figures[subset]
        for role in ROLES:
            f = roles[role]
            assert isinstance(f, dict)
            print(f"  {role:<8} {f['gold']:>5} {f['predicted']:>5}   {f['exact_precision']:>7.3f} "
                  f"{f['exact_recall']:>5.3f} {f['exact_f1']:>5.3f}   {f['overlap_precision']:>9.3f} "
                  f"{f['overlap_recall']:>5.3f} {f['overlap_f1']:>5.3f}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
