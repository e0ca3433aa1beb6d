"""Screenshots of every page of the web UI, for the README (``make screenshots``).

Ingests the bundled examples into a temporary store, serves it on 127.0.0.1, and has
Debian's Chromium (``/usr/bin/chromium``, driven by Playwright) save one PNG per page at
1280x800, plus the document reader at phone width, into ``docs/screenshots/``.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from pathlib import Path

from eventwire.api import create_app
from eventwire.api.background import serving
from eventwire.ingest import example_paths, ingest_paths
from eventwire.store import Store
from eventwire.web.browser import launch

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def pages(db: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    doc = conn.execute("SELECT id FROM documents ORDER BY n_contradictions DESC, n_events DESC LIMIT 1").fetchone()[0]
    incident = conn.execute("SELECT id FROM incidents ORDER BY status = 'single_source', n_sources DESC, id "
                            "LIMIT 1").fetchone()[0]
    first_claim = conn.execute("SELECT claim_id FROM claims WHERE doc_id = ? AND stance = 'denies' LIMIT 1",
                               (doc,)).fetchone()
    conn.close()
    anchor = f"#m-{first_claim[0]}" if first_claim else ""
    return [("overview", "/"), ("events", "/events?type=ASSAULT"), ("document", f"/documents/{doc}{anchor}"),
            ("incident", f"/incidents/{incident}"), ("contested", "/contested"),
            ("timeline", "/timeline?since=2025-03-01&until=2025-03-20"),
            ("map", "/map"), ("search", "/search?q=Turkish")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "screens.db"
        with Store(db) as store:
            ingest_paths(store, example_paths())
        with serving(create_app(db)) as base, launch() as browser:
            for viewport, suffix in (({"width": 1280, "height": 800}, ""), ({"width": 390, "height": 844}, "-phone")):
                page = browser.new_page(viewport=viewport)
                for name, path in pages(db):
                    if suffix and name not in ("document", "overview"):
                        continue
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    target = args.out / f"{name}{suffix}.png"
                    page.screenshot(path=str(target))
                    print(target)
                page.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
