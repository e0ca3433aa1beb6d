#!/usr/bin/env python3
"""Boilerplate removal: eventwire next to trafilatura's defaults and readability-lxml, one run.

    python benchmarks/cleaning.py [--data ../shared/data] [--limit N]

Two evaluation sets, both written by others (read from --data, never bundled):

* ``eval/boilerplate/trafilatura_eval``: pages with snippets that must appear in the main
  text ("with") and snippets that must not ("without"). A "with" snippet found is a true
  positive, missed a false negative; a "without" snippet found is a false positive.
* ``eval/boilerplate/cleaneval`` (dev + final): pages with hand-cleaned gold text. Word-level
  precision and recall of the bag of words (each word counted at most as often as in the
  other text), averaged over pages (macro); pages with no gold words are skipped.

Each set is run twice: on the HTML pages, and on the same pages flattened to raw text (the
text of every block element on its own line: what copying a page or a scraper's text dump
gives, like the seed). For the text dumps, trafilatura and readability get each line wrapped
in ``<p>`` (they need markup; this is the fairest input they can take). The last line is a
JSON object of all figures.

Targets (issue 3): on HTML, eventwire's precision and F1 at least trafilatura's defaults on
both sets; on CleanEval text dumps, word F1 ≥ 0.85.
"""

from __future__ import annotations

import argparse
import html as html_lib
import json
import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import trafilatura
from lxml import html as lxml_html
from readability import Document as Readability

from eventwire.clean import build_document
from eventwire.clean.flatten import flatten
from eventwire.errors import EventwireError
from eventwire.sources.encoding import decode
from eventwire.sources.raw import RawItem

logging.getLogger("readability").setLevel(logging.CRITICAL)  # it logs a traceback for pages it gives up on

_WORD = re.compile(r"\w+", re.UNICODE)
def as_paragraph_html(text: str) -> str:
    return "<html><body>" + "".join(f"<p>{html_lib.escape(line)}</p>" for line in text.splitlines()) + "</body></html>"


# --- the three extractors -------------------------------------------------------------------

def eventwire_html(page: str) -> str:
    return _eventwire(page, "html")


def eventwire_text(text: str) -> str:
    return _eventwire(text, "text")


def _eventwire(content: str, kind: str) -> str:
    try:
        document = build_document(RawItem(origin="bench", content=content, kind=kind))  # type: ignore[arg-type]
    except EventwireError:
        return ""
    return f"{document.title}\n\n{document.text}" if document.title else document.text


def trafilatura_default(page: str) -> str:
    return trafilatura.extract(page) or ""


def trafilatura_no_comments(page: str) -> str:
    return trafilatura.extract(page, include_comments=False) or ""


def readability_lxml(page: str) -> str:
    try:
        summary = Readability(page).summary(html_partial=True)
        return lxml_html.fromstring(summary).text_content() if summary.strip() else ""
    except Exception:  # readability raises bare Exceptions on odd pages; count as empty output
        return ""


Extractor = Callable[[str], str]
SYSTEMS_HTML: dict[str, Extractor] = {"eventwire": eventwire_html, "trafilatura": trafilatura_default,
                                      "trafilatura-nc": trafilatura_no_comments, "readability": readability_lxml}
SYSTEMS_TEXT: dict[str, Extractor] = {"eventwire": eventwire_text,
                                      "trafilatura": lambda t: trafilatura_default(as_paragraph_html(t)),
                                      "trafilatura-nc": lambda t: trafilatura_no_comments(as_paragraph_html(t)),
                                      "readability": lambda t: readability_lxml(as_paragraph_html(t))}
"""``trafilatura-nc`` is trafilatura with comments left out, as eventwire leaves them out (comment
sections are furniture for a news-event tool; CleanEval's gold keeps them)."""


# --- the two evaluation sets ----------------------------------------------------------------

def read_page(path: Path) -> str:
    try:
        return decode(path.read_bytes(), str(path))[0]
    except EventwireError:
        return ""


def trafilatura_cases(data: Path) -> Iterator[tuple[str, list[str], list[str]]]:
    root = data / "eval" / "boilerplate" / "trafilatura_eval"
    cases = json.loads((root / "evaldata_en.json").read_text(encoding="utf-8"))
    for _url, case in sorted(cases.items()):
        path = root / "html" / case["file"]
        if path.exists():
            yield read_page(path), case.get("with", []), case.get("without", [])


def cleaneval_cases(data: Path) -> Iterator[tuple[str, str]]:
    root = data / "eval" / "boilerplate" / "cleaneval"
    for part in ("cleaneval-dev", "cleaneval-final"):
        for gold in sorted((root / part / "GoldStandard").glob("*.txt"), key=lambda p: int(p.stem)):
            page = root / part / "input" / f"{gold.stem}.html"
            if page.exists():
                yield read_page(page), gold_text(gold.read_text(encoding="utf-8", errors="replace"))


def gold_text(raw: str) -> str:
    lines = raw.splitlines()
    if lines and lines[0].startswith("URL:"):
        lines = lines[1:]
    return re.sub(r"<(p|h|l)>", " ", "\n".join(lines))


def snippet_scores(outputs: list[str], cases: list[tuple[str, list[str], list[str]]]) -> dict[str, float]:
    tp = fn = fp = tn = 0
    for text, (_page, with_, without) in zip(outputs, cases, strict=True):
        flat = " ".join(text.split())
        for s in with_:
            found = " ".join(s.split()) in flat
            tp, fn = tp + found, fn + (not found)
        for s in without:
            found = " ".join(s.split()) in flat
            fp, tn = fp + found, tn + (not found)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall),
            "accuracy": (tp + tn) / max(tp + tn + fp + fn, 1)}


def word_scores(outputs: list[str], golds: list[str]) -> dict[str, float]:
    ps, rs, fs = [], [], []
    for text, gold in zip(outputs, golds, strict=True):
        want = Counter(_WORD.findall(gold.lower()))
        if not want:
            continue
        got = Counter(_WORD.findall(text.lower()))
        common = sum((want & got).values())
        p = common / sum(got.values()) if got else 0.0
        r = common / sum(want.values())
        ps.append(p)
        rs.append(r)
        fs.append(_f1(p, r))
    n = max(len(fs), 1)
    return {"precision": sum(ps) / n, "recall": sum(rs) / n, "f1": sum(fs) / n}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def run(data: Path, limit: int = 0, systems: list[str] | None = None) -> dict[str, dict[str, dict[str, float]]]:
    """All figures: {set/input: {system: {metric: value}}}."""
    wanted = systems or list(SYSTEMS_HTML)
    traf = list(trafilatura_cases(data))
    clean = list(cleaneval_cases(data))
    if limit:
        traf, clean = traf[:limit], clean[:limit]
    traf_text = [flatten(page) for page, _, _ in traf]
    clean_text = [flatten(page) for page, _ in clean]
    results: dict[str, dict[str, dict[str, float]]] = {}
    for name in wanted:
        for label, inputs, system, scorer in (
                ("trafilatura_eval/html", [p for p, _, _ in traf], SYSTEMS_HTML[name], "snippets"),
                ("trafilatura_eval/text", traf_text, SYSTEMS_TEXT[name], "snippets"),
                ("cleaneval/html", [p for p, _ in clean], SYSTEMS_HTML[name], "words"),
                ("cleaneval/text", clean_text, SYSTEMS_TEXT[name], "words")):
            start = time.perf_counter()
            outputs = [system(x) for x in inputs]
            seconds = time.perf_counter() - start
            golds = [g for _, g in clean]
            scores = snippet_scores(outputs, traf) if scorer == "snippets" else word_scores(outputs, golds)
            scores = {k: round(v, 4) for k, v in scores.items()}
            scores["pages_per_s"] = round(len(inputs) / max(seconds, 1e-9), 1)
            results.setdefault(label, {})[name] = scores
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=0, help="use only the first N pages of each set")
    args = ap.parse_args()
    data = Path(args.data)
    if not (data / "eval" / "boilerplate").exists():
        print(f"evaluation data not found under {data}/eval/boilerplate (pass --data DIR)", file=sys.stderr)
        return 2
    results = run(data, args.limit)
    print(f"{'set / input':<24} {'system':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'pages/s':>8}")
    for label, by_system in results.items():
        for name, s in by_system.items():
            print(f"{label:<24} {name:<12} {s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>6.3f} "
                  f"{s['pages_per_s']:>8.1f}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
