#!/usr/bin/env python3
"""Syndicated copies: are planted copies of one story grouped, and distinct stories kept apart?

    python benchmarks/syndication.py [--data ../shared/data] [--limit N]

Every VOA story is published again by six made-up outlets, each with its own page furniture
and its own small edits (a different headline, a dateline, a dropped last paragraph, straight
quotes, ads between paragraphs, a credit line, related links to *other* stories, comments; one
keeps only the first two fifths of the story). Three outlets serve HTML pages, three text dumps.
The original and its copies go through the real reader-side path (cleaning, then the SQLite
store that assigns groups), in a shuffled order. Figures:

* ``grouped``: share of planted copies that end in the same syndication group as their
  original (target ≥ 0.95);
* ``wrongly_grouped``: share of stories whose group also holds another story (target ≤ 0.01);
* similarity of planted copies to their original (min / median) and the highest similarity
  between two distinct originals.

The last line is a JSON object of the figures.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from eventwire.clean import build_document
from eventwire.dedupe import signature, similarity
from eventwire.errors import EventwireError
from eventwire.record import Record
from eventwire.sources.raw import RawItem
from eventwire.store import Store

Story = dict[str, str]
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


def paragraphs(text: str, size: int = 3) -> list[str]:
    """VOA texts come as one line; cut them into paragraphs of a few sentences."""
    sentences = _SENTENCE_END.split(text.strip())
    return [" ".join(sentences[i:i + size]) for i in range(0, len(sentences), size)]


def _related(others: list[Story]) -> list[str]:
    return [o["title"] for o in others[:4]]


def wire_html(story: Story, others: list[Story]) -> tuple[str, str]:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(story["text"]))
    related = "".join(f'<li><a href="/news/{i}">{html.escape(t)}</a></li>' for i, t in enumerate(_related(others)))
    page = f"""<!DOCTYPE html><html><head><title>{html.escape(story['title'])} | Global Wire</title>
<meta property="og:site_name" content="Global Wire"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav>
<div class="cookie">We use cookies to improve your experience. By continuing you accept our cookie policy.</div>
<header><h1>{html.escape(story['title'])}</h1>
<div class="byline">By {html.escape(story['author'] or 'Staff')}</div></header>
<div class="share">Share Tweet Email Print</div>
<article>{paras}</article>
<aside><h2>Related stories</h2><ul>{related}</ul></aside>
<footer>© 2025 Global Wire. All rights reserved. <a href="/terms">Terms</a> <a href="/privacy">Privacy</a></footer>
</body></html>"""
    return "html", page


def portal_html(story: Story, others: list[Story]) -> tuple[str, str]:
    paras = paragraphs(story["text"])
    kept = paras[:-1] if len(paras) > 3 else paras
    body = "".join(f"<p>{html.escape(p)}</p>" for p in kept)
    popular = "".join(f"<li>{html.escape(t)}</li>" for t in _related(others))
    comments = "".join(f'<div class="comment"><b>user{i}</b><p>{c}</p></div>' for i, c in enumerate(
        ["This is outrageous, who believes this?", "Great reporting, thanks.", "First!"]))
    page = f"""<html><head><title>UPDATE: {html.escape(story['title'])}</title></head><body>
<div id="top"><a href="/">Daily Portal</a> | <a href="/login">Log in</a> | <a href="/subscribe">Subscribe</a></div>
<div class="layout"><main><h1>UPDATE: {html.escape(story['title'])}</h1>
<p class="meta">Published {html.escape(story['published'][:10])}</p>{body}
<form class="newsletter"><p>Sign up for our newsletter to get the news in your inbox every morning.</p>
<input type="email" placeholder="Your email"><button>Subscribe</button></form>
<section id="comments"><h3>3 Comments</h3>{comments}<p>Leave a reply</p></section></main>
<aside><h3>Most read</h3><ol>{popular}</ol></aside></div></body></html>"""
    return "html", page


def blog_html(story: Story, others: list[Story]) -> tuple[str, str]:
    paras = [p.replace("“", '"').replace("”", '"').replace("’", "'") for p in paragraphs(story["text"], size=5)]
    chunks = []
    for i, p in enumerate(paras):
        chunks.append(f"<p>{html.escape(p)}</p>")
        if i == 1:
            chunks.append('<figure><img src="x.jpg"><figcaption>Click to enlarge. Photo: Reuters</figcaption></figure>')
        if i % 2 == 0:
            chunks.append('<div class="ad">Advertisement</div>')
    page = f"""<html><body><div class="site">The Blogpost</div><div class="entry"><h2>{html.escape(story['title'])}</h2>
{''.join(chunks)}</div><div class="donate">Support independent journalism: donate today!</div></body></html>"""
    return "html", page


def aggregator_text(story: Story, others: list[Story]) -> tuple[str, str]:
    paras = paragraphs(story["text"])
    paras[0] = "WASHINGTON — " + paras[0]
    lines = ["NewsHub", "Home  World  Business  Tech", "", story["title"], "", f"By {story['author'] or 'Staff'}",
             story["published"][:10], "", "Share this article", "", *[p + "\n" for p in paras],
             "Related:", *_related(others), "", "1,204 views  37 comments"]
    return "text", "\n".join(lines)


def regional_text(story: Story, others: list[Story]) -> tuple[str, str]:
    paras = paragraphs(story["text"], size=4)
    lines = [story["title"].upper(), "", *[p + "\n" for p in paras],
             "(Reporting by Regional Desk; editing by Night Staff)", "", "Read more:", *_related(others)[:2],
             "Follow us on Facebook and Twitter!"]
    return "text", "\n".join(lines)


def teaser_text(story: Story, others: list[Story]) -> tuple[str, str]:
    """An aggregator's shortened copy: the first paragraphs and a link to the rest."""
    paras = paragraphs(story["text"])
    lines = [story["title"], "", *[p + "\n" for p in paras[: max(2, len(paras) * 2 // 5)]],
             "Read the full story at the original site.", "", "Trending:", *_related(others)[:3]]
    return "text", "\n".join(lines)


OUTLETS: dict[str, Callable[[Story, list[Story]], tuple[str, str]]] = {
    "globalwire.example": wire_html, "dailyportal.example": portal_html, "blogpost.example": blog_html,
    "newshub.example": aggregator_text, "regional.example": regional_text, "teaser.example": teaser_text,
}


def planted_set(stories: list[Story], seed: int = 7) -> list[tuple[RawItem, str]]:
    """Originals and five outlet copies of each story, shuffled; each item with its story id."""
    rng = random.Random(seed)
    items: list[tuple[RawItem, str]] = []
    for n, story in enumerate(stories):
        others = [s for s in stories if s["id"] != story["id"]]
        rng.shuffle(others)
        items.append((RawItem(origin=f"voa:{story['id']}", content=story["text"], kind="text",
                              title=story["title"], url=story["url"], published=story["published"]), story["id"]))
        for domain, make in OUTLETS.items():
            kind, content = make(story, others)
            items.append((RawItem(origin=f"{domain}:{n}", content=content, kind=kind,  # type: ignore[arg-type]
                                  url=f"https://{domain}/story/{story['id']}"), story["id"]))
    rng.shuffle(items)
    return items


def measure(stories: list[Story]) -> dict[str, float | int]:
    """Clean and store the planted set; return the figures described in the module docstring."""
    items = planted_set(stories)
    story_of: dict[str, str] = {}
    failed = 0
    texts: dict[str, str] = {}
    with Store(":memory:") as store:
        for item, story_id in items:
            try:
                document = build_document(item)
            except EventwireError:
                failed += 1
                continue
            if item.origin.startswith("voa:"):
                texts[story_id] = document.text
            story_of.setdefault(document.id, story_id)
            if store.save(Record(document=document), item.origin) is None:  # an exact copy: same text, same id
                store.add_copy(document, item.origin)
        group_of: dict[str, str] = {}
        for row in store.conn.execute("SELECT id, COALESCE(syndication_group, id) FROM documents"):
            group_of[row[0]] = row[1]
        copies = {row[0]: row[1] for row in store.conn.execute("SELECT locator, doc_id FROM document_copies")}
    # Where did each planted item end up?
    placed: dict[str, list[str]] = {}
    for item, story_id in items:
        doc_id = copies.get(item.url or item.origin) or copies.get(item.origin)
        if doc_id is not None:
            placed.setdefault(story_id, []).append(group_of[doc_id])
    original_group = {}
    for item, story_id in items:
        if item.origin.startswith("voa:"):
            doc_id = copies.get(item.url or item.origin)
            if doc_id:
                original_group[story_id] = group_of[doc_id]
    planted = len(stories) * len(OUTLETS)
    grouped = sum(1 for sid, groups in placed.items() for g in groups if g == original_group.get(sid)) - len(
        original_group)
    stories_in_group: dict[str, set[str]] = {}
    for sid, groups in placed.items():
        for g in groups:
            stories_in_group.setdefault(g, set()).add(sid)
    mixed = {sid for members in stories_in_group.values() if len(members) > 1 for sid in members}
    sims = []
    for item, story_id in items:
        if item.origin.startswith("voa:") or story_id not in texts:
            continue
        try:
            text = build_document(item).text
        except EventwireError:
            continue
        sims.append(similarity(signature(text)[0], signature(texts[story_id])[0]))
    originals = [signature(t)[0] for t in texts.values()]
    cross = max((similarity(a, b) for i, a in enumerate(originals) for b in originals[i + 1:]), default=0.0)
    return {"stories": len(stories), "planted_copies": planted, "failed_to_clean": failed,
            "grouped": round(grouped / planted, 4), "wrongly_grouped": round(len(mixed) / len(stories), 4),
            "copy_similarity_min": round(min(sims), 3) if sims else 0.0,
            "copy_similarity_median": round(statistics.median(sims), 3) if sims else 0.0,
            "max_similarity_distinct_stories": round(cross, 3)}


def load_stories(data: Path, limit: int = 0) -> list[Story]:
    corpus = data / "corpora" / "voa" / "voa_stories.jsonl"
    with corpus.open(encoding="utf-8") as fh:
        stories = [json.loads(line) for line in fh]
    return stories[:limit] if limit else stories


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=0, help="use only the first N stories")
    args = ap.parse_args()
    if not (Path(args.data) / "corpora" / "voa" / "voa_stories.jsonl").exists():
        print(f"VOA corpus not found under {args.data} (pass --data DIR)", file=sys.stderr)
        return 2
    figures = measure(load_stories(Path(args.data), args.limit))
    print(f"{'figure':<34} {'value':>8}  target")
    targets = {"grouped": "≥ 0.95", "wrongly_grouped": "≤ 0.01"}
    for key, value in figures.items():
        print(f"{key:<34} {value:>8}  {targets.get(key, '')}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
