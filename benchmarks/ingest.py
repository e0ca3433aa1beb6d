#!/usr/bin/env python3
"""Read + clean throughput on HTML files and on a WARC archive, with peak memory.

    python benchmarks/ingest.py [--data ../shared/data] [--docs 5000] [--workdir DIR]

The script assembles a corpus of ``--docs`` HTML pages from the shared data: real web pages
(trafilatura's evaluation pages and CleanEval's inputs) and news stories (VOA and FA-KES)
rendered by the page templates of ``benchmarks/syndication.py`` (menus, share bars, related
links, comments). It writes them as one file per page and as one WARC.gz (response records,
written with warcio), then times eventwire's readers + cleaning (no NLP) over each, each case
in a fresh child process so that its peak resident memory is its own. Targets (issue 3):
≥ 50 HTML documents per second per core, peak memory ≤ 500 MB. The last line is a JSON object.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from eventwire.clean import build_document
from eventwire.record import ErrorRecord
from eventwire.sources import read_inputs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from syndication import OUTLETS, load_stories  # a sibling script, not a package

HTML_OUTLETS = [name for name in OUTLETS if name.endswith(("wire.example", "portal.example", "blogpost.example"))]


def fakes_stories(data: Path) -> list[dict[str, str]]:
    path = data / "corpora" / "fakes_syria" / "FA-KES-Dataset.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return [{"id": f"fakes-{row['unit_id']}", "title": row["article_title"], "text": row["article_content"],
                 "author": "", "published": "2017-01-01", "url": ""} for row in csv.DictReader(fh)]


def real_pages(data: Path) -> list[bytes]:
    root = data / "eval" / "boilerplate"
    pages = [p.read_bytes() for p in sorted((root / "trafilatura_eval" / "html").glob("*.html"))]
    for part in ("cleaneval-dev", "cleaneval-final"):
        pages += [p.read_bytes() for p in sorted((root / "cleaneval" / part / "input").glob("*.html"))]
    return pages


def corpus(data: Path, n: int) -> Iterator[tuple[str, bytes]]:
    """``n`` (url, html bytes) pairs: one real page for every four rendered news pages."""
    stories = load_stories(data) + fakes_stories(data)
    real = real_pages(data)
    made = 0
    round_ = 0
    while made < n:
        for i, story in enumerate(stories):
            if made >= n:
                return
            if i % 4 == 0 and real:
                page = real[(made // 4) % len(real)]
                yield f"https://real.example/{round_}/{made}", page
                made += 1
                if made >= n:
                    return
            outlet = HTML_OUTLETS[(i + round_) % len(HTML_OUTLETS)]
            others = stories[i + 1:i + 5]
            _kind, page_text = OUTLETS[outlet](story, others)
            yield f"https://{outlet}/{round_}/{story['id']}", page_text.encode("utf-8")
            made += 1
        round_ += 1


def write_corpus(data: Path, n: int, workdir: Path) -> tuple[Path, Path]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder = workdir / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    warc = workdir / "pages.warc.gz"
    with warc.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for k, (url, page) in enumerate(corpus(data, n)):
            (folder / f"{k:06d}.html").write_bytes(page)
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page),
                                                          length=len(page), http_headers=http))
    return folder, warc


def run_case(path: str) -> dict[str, float]:
    """Read and clean everything under ``path``; runs in the child process."""
    start = time.perf_counter()
    documents = failed = 0
    for item in read_inputs([path]):
        if isinstance(item, ErrorRecord):
            failed += 1
            continue
        try:
            build_document(item)
            documents += 1
        except Exception:
            failed += 1
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"documents": documents, "failed": failed, "seconds": round(seconds, 2),
            "docs_per_s": round((documents + failed) / seconds, 1), "peak_mb": round(peak_mb, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data"))
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--workdir", help="keep the assembled corpus here (default: a temporary directory)")
    ap.add_argument("--case", help=argparse.SUPPRESS)  # internal: run one case in this process
    args = ap.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case)))
        return 0
    data = Path(args.data)
    if not (data / "corpora" / "voa").exists():
        print(f"shared data not found under {data} (pass --data DIR)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(args.workdir or tmp)
        folder, warc = write_corpus(data, args.docs, workdir)
        results = {}
        for label, path in (("html files", folder), ("warc.gz", warc)):
            out = subprocess.run([sys.executable, __file__, "--case", str(path)], capture_output=True, text=True,
                                 check=True)
            results[label] = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{args.docs} pages, read + clean, 1 process")
    print(f"{'input':<12} {'documents':>9} {'failed':>6} {'seconds':>8} {'docs/s':>7} {'peak MB':>8}")
    for label, r in results.items():
        print(f"{label:<12} {r['documents']:>9} {r['failed']:>6} {r['seconds']:>8} {r['docs_per_s']:>7} "
              f"{r['peak_mb']:>8}")
    print(json.dumps({"docs": args.docs, **{k.replace(" ", "_"): v for k, v in results.items()}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
