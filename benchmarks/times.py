#!/usr/bin/env python3
"""Temporal expressions against TimeBank + AQUAINT (TBAQ-cleaned) and MEANTIME.

    python benchmarks/times.py [--data ../shared/data] [--limit N]

Each document's text goes through spaCy and eventwire's time extraction exactly as the gold
gives it (no cleaning), anchored on the document creation time (DCT, the TIMEX3 with
functionInDocument="CREATION_TIME"), which is left out of the scoring. MEANTIME is tokenised;
its text is rebuilt with one space between tokens and a line break between sentences, and
only the title and first five sentences are scored (the part MEANTIME annotates).

Figures per set, over all gold TIMEX3 (DATE, TIME, DURATION, SET):

* span precision, recall and F1, **strict** (same start and end, ignoring a leading
  "the"/"a") and **relaxed** (the spans overlap); each gold span matches one prediction;
* **value accuracy** on the relaxed matches, for DATE expressions (the issue's target) and
  for all types: our value equals the gold value, compared as TimeML writes it.

Published anchor: HeidelTime at TempEval-3 (TimeBank-based test set, UzZaman et al. 2013):
relaxed F1 0.904, strict F1 0.779, value F1 0.776 (type 0.837). The last line is a JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from eventwire.extract.mentions import entity_mentions
from eventwire.extract.times import extract_times
from eventwire.nlp import load_nlp
from eventwire.record import Published, Time


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class GoldDoc:
    id: str
    text: str
    dct: str | None
    timexes: list[GoldTimex]
    annotated_until: int | None = None
    """Gold covers only the text before this offset (MEANTIME: the title and first five sentences)."""


_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> GoldDoc:
    """A TimeML file: the text inside <TEXT>, tags removed, TIMEX3 spans kept."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*value="([^"]+)"', raw) or \
        re.search(r'<TIMEX3[^>]*value="([^"]+)"[^>]*functionInDocument="CREATION_TIME"', raw)
    body = raw[raw.index("<TEXT>") + 6: raw.index("</TEXT>")] if "<TEXT>" in raw else raw
    text_parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes = []
    at = 0
    for m in _TAG.finditer(body):
        chunk = _unescape(body[at:m.start()])
        text_parts.append(chunk)
        length += len(chunk)
        at = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif open_timex is not None:
            start, a = open_timex
            text = "".join(text_parts)[start:length]
            timexes.append(GoldTimex(start, length, text, a.get("type", ""), a.get("value", "")))
            open_timex = None
    text_parts.append(_unescape(body[at:]))
    return GoldDoc(path.stem, "".join(text_parts), dct_match.group(1)[:10] if dct_match else None, timexes)


def _unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace(
        "&amp;", "&")


def read_meantime(path: Path) -> GoldDoc:
    """A MEANTIME (NewsReader CAT) file: tokens, and TIMEX3 markables over token ids."""
    root = ElementTree.parse(path).getroot()
    spans: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    length = 0
    sentence = None
    annotated_until = None
    for tok in root.iter("token"):
        if parts:
            sep = "\n" if tok.get("sentence") != sentence else " "
            parts.append(sep)
            length += 1
        if annotated_until is None and int(tok.get("sentence") or 0) > 5:
            annotated_until = length
        sentence = tok.get("sentence")
        word = tok.text or ""
        spans[tok.get("t_id", "")] = (length, length + len(word))
        parts.append(word)
        length += len(word)
    text = "".join(parts)
    timexes, dct = [], None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            dct = (t.get("value") or "")[:10] or None
            continue
        ids = [a.get("t_id", "") for a in t.iter("token_anchor")]
        if not ids or any(i not in spans for i in ids):
            continue
        start, end = min(spans[i][0] for i in ids), max(spans[i][1] for i in ids)
        timexes.append(GoldTimex(start, end, text[start:end], t.get("type", ""), t.get("value", "")))
    return GoldDoc(path.stem, text, dct, timexes, annotated_until)


def tbaq(data: Path) -> Iterator[GoldDoc]:
    base = data / "eval" / "time" / "TBAQ-cleaned"
    for path in sorted(base.rglob("*.tml")):
        yield read_tml(path)


def meantime(data: Path) -> Iterator[GoldDoc]:
    base = data / "eval" / "time" / "meantime"
    for path in sorted(base.rglob("intra-doc_annotation/**/*.xml")):
        yield read_meantime(path)


# --- scoring ------------------------------------------------------------------------------------

def _core(text: str, start: int, end: int) -> tuple[int, int]:
    """Span without a leading article: TimeML includes "the" in "the past year", others may not."""
    m = re.match(r"(?:the|a|an)\s+", text[start:end], re.I)
    return (start + m.end(), end) if m else (start, end)


def predict(doc: GoldDoc, nlp_doc: object) -> list[Time]:
    mentions = entity_mentions(nlp_doc)  # type: ignore[arg-type]
    published = Published(value=doc.dct, precision="day" if doc.dct else "unknown", origin="user")
    return extract_times(doc.text, mentions, published, nlp_doc)  # type: ignore[arg-type]


def score(docs: list[GoldDoc], predictions: list[list[Time]]) -> dict[str, float | int]:
    gold_n = pred_n = strict = relaxed = 0
    value_ok = {"DATE": [0, 0], "all": [0, 0]}
    for doc, preds in zip(docs, predictions, strict=True):
        if doc.annotated_until is not None:
            preds = [p for p in preds if p.start < doc.annotated_until]
        gold_n += len(doc.timexes)
        pred_n += len(preds)
        used: set[int] = set()
        for g in doc.timexes:
            g_core = _core(doc.text, g.start, g.end)
            best = None
            for k, p in enumerate(preds):
                if k in used or not (p.start < g.end and g.start < p.end):
                    continue
                exact = _core(doc.text, p.start, p.end) == g_core
                if best is None or exact:
                    best = (k, exact)
                    if exact:
                        break
            if best is None:
                continue
            k, exact = best
            used.add(k)
            relaxed += 1
            strict += exact
            ok = _same_value(preds[k].value, g.value)
            for key in ("all", g.type if g.type == "DATE" else ""):
                if key:
                    value_ok[key][0] += ok
                    value_ok[key][1] += 1

    def f1(hits: int) -> tuple[float, float, float]:
        p = hits / pred_n if pred_n else 0.0
        r = hits / gold_n if gold_n else 0.0
        return round(p, 3), round(r, 3), round(2 * p * r / (p + r), 3) if p + r else 0.0

    sp, sr, sf = f1(strict)
    rp, rr, rf = f1(relaxed)
    return {
        "documents": len(docs), "gold": gold_n, "predicted": pred_n,
        "strict_precision": sp, "strict_recall": sr, "strict_f1": sf,
        "relaxed_precision": rp, "relaxed_recall": rr, "relaxed_f1": rf,
        "date_value_accuracy": round(value_ok["DATE"][0] / value_ok["DATE"][1], 3) if value_ok["DATE"][1] else 0.0,
        "value_accuracy": round(value_ok["all"][0] / value_ok["all"][1], 3) if value_ok["all"][1] else 0.0,
    }


def _same_value(ours: str | None, gold: str) -> bool:
    if ours is None:
        return False
    return ours.upper() == gold.upper()


def run(data: Path, limit: int = 0) -> dict[str, dict[str, float | int]]:
    if not (data / "eval" / "time").is_dir():
        raise SystemExit(f"time gold sets not found under {data / 'eval' / 'time'} (pass --data DIR)")
    nlp = load_nlp()
    out = {}
    for name, reader in (("tbaq", tbaq), ("meantime", meantime)):
        docs = list(reader(data))
        if limit:
            docs = docs[:limit]
        predictions = [predict(d, nd) for d, nd in zip(docs, nlp.pipe([d.text for d in docs], batch_size=16),
                                                        strict=True)]
        out[name] = score(docs, predictions)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "data")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents of each set")
    args = ap.parse_args()
    figures = run(args.data, args.limit)
    print(f"{'set':<9} {'docs':>5} {'gold':>5} {'pred':>5}   strict P    R   F1   relaxed P    R   F1   "
          f"value DATE  all")
    for name, f in figures.items():
        print(f"{name:<9} {f['documents']:>5} {f['gold']:>5} {f['predicted']:>5}   {f['strict_precision']:>8} "
              f"{f['strict_recall']:>4} {f['strict_f1']:>4}   {f['relaxed_precision']:>9} {f['relaxed_recall']:>4} "
              f"{f['relaxed_f1']:>4}   {f['date_value_accuracy']:>10} {f['value_accuracy']:>4}")
    print("HeidelTime, TempEval-3 (published): relaxed F1 0.904, strict F1 0.779, value F1 0.776")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
