#!/usr/bin/env python3
"""Incident clustering on a planted set: VOA stories as four outlets would publish them.

    python benchmarks/incidents.py [--data ../shared/data] [--stories 74] [--seed 7]

Each VOA story (public domain) is published by four simulated outlets, as HTML pages with
their own navigation, footers, share buttons and related links:

* ``original``: the story as VOA wrote it;
* ``verbatim``: another outlet copying the text word for word (a wire pickup);
* ``rewrite-1`` and ``rewrite-2``: outlets that paraphrase the lead, rephrase sentences
  (reporting clauses moved, words swapped for synonyms) and drop some paragraphs, each
  differently, published up to a day later.

The pages are ingested in a shuffled order into a fresh store, which clusters incidents as it
goes. A mention's gold identity is (sentence of the original it comes from, PLOVER type,
trigger stem): the generator records which original sentence each published sentence rewrites,
and the mention's trigger offset says which published sentence it is in. VOA reuses
paragraphs across follow-up stories (the Jaffar Express hijacking is told on two days with the
same background sentences), so an original sentence that occurs word for word in two stories
is one sentence, kept under its first story.

Reported:

* pairwise precision, recall and F1 of incident membership over pairs of mentions in
  different documents;
* independent sources: for every gold happening, the expected count (distinct non-verbatim
  outlets whose page has a mention of it) against the incident's ``independent_sources``;
  and how many incidents count a verbatim copy as an independent source (must be 0);
* the same clustering without the text-similarity evidence, to show what it adds.

The last line is a JSON object.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from eventwire.incidents.evaluate import pairwise
from eventwire.incidents.mentions import stem
from eventwire.ingest import ingest_paths
from eventwire.store import Store

OUTLETS = {
    "original": ("Voice of America", "voanews.com"),
    "verbatim": ("Global Wire Daily", "globalwiredaily.example"),
    "rewrite-1": ("The Morning Ledger", "morningledger.example"),
    "rewrite-2": ("Capital Dispatch", "capitaldispatch.example"),
}
NAVS = {
    "original": ["Home", "World", "Africa", "Americas", "Asia", "Middle East", "Europe", "Live"],
    "verbatim": ["News", "Politics", "Business", "Sport", "Culture", "Opinion", "Video"],
    "rewrite-1": ["Front page", "National", "International", "Markets", "Science", "Weather"],
    "rewrite-2": ["Latest", "Region", "Diplomacy", "Security", "Economy", "Podcasts", "Newsletter"],
}

SYNONYMS = {
    "also": "additionally", "however": "but", "because": "since", "more than": "over",
    "about": "around", "country": "nation", "officials": "authorities", "large": "big",
    "many": "numerous", "several": "a number of", "began": "started", "help": "assist",
    "need": "require", "shows": "indicates", "recently": "lately", "nearly": "almost",
    "including": "among them", "despite": "in spite of", "major": "key", "important": "significant",
    "currently": "now", "expected": "anticipated", "the country's": "the nation's", "after": "following",
    "before": "prior to", "while": "whereas", "during": "in the course of", "since": "ever since",
    "against": "versus", "between": "among", "under": "beneath", "around": "roughly",
    "on Monday": "Monday", "on Tuesday": "Tuesday", "on Wednesday": "Wednesday", "on Thursday": "Thursday",
    "on Friday": "Friday", "on Saturday": "Saturday", "on Sunday": "Sunday", "new": "fresh",
    "government": "administration", "people": "individuals", "city": "town", "capital": "capital city",
    "region": "area", "area": "zone", "group": "faction", "leader": "head", "leaders": "heads",
    "according to": "as reported by", "would": "will", "could": "might", "must": "has to",
    "very": "highly", "often": "frequently", "still": "yet", "already": "by now", "later": "afterward",
    "first": "initial", "last": "previous", "other": "further", "some": "certain", "most": "the majority of",
    "that the": "the", "which": "that", "who": "that", "in order to": "to", "as well as": "and",
    "a number of": "several", "said": "stated", "says": "states", "told": "informed",
    "week": "seven days", "year": "twelve months", "percent": "per cent", "U.S.": "US",
    "United States": "U.S.", "president": "head of state", "minister": "cabinet minister",
    "forces": "troops", "troops": "soldiers", "statement": "written statement", "people's": "public's",
    "thousands": "many thousands", "hundreds": "several hundred", "there were": "there had been",
    "is": "remains", "was": "had been", "are": "remain", "were": "had been", "has": "had", "have": "had",
    "the": "the", "a": "one", "an": "one", "it": "it", "they": "they", "this": "that", "these": "those",
    "and": "as well as", "but": "yet", "with": "along with", "from": "out of", "into": "inside",
    "for": "for", "by": "through", "to the": "toward the", "in the": "within the", "of the": "of that",
}


def _safe_synonyms() -> dict[str, str]:
    """The synonyms that neither remove nor add an event trigger of eventwire's lexicon, so a
    rewritten sentence still names the same happening (and no other)."""
    from importlib import resources

    triggers = json.loads(resources.files("eventwire.kb").joinpath("triggers.json").read_text(encoding="utf-8"))
    words = {w for table in triggers.values() for w in table}
    return {k: v for k, v in SYNONYMS.items()
            if k != v and not any(w in words for w in (*k.lower().split(), *v.lower().split()))}


SAFE = _safe_synonyms()
_SYNONYM = re.compile(r"\b(" + "|".join(sorted(map(re.escape, SAFE), key=len, reverse=True)) + r")\b")
_SAID_FIRST = re.compile(r"^(?P<who>[A-Z][^,“”\"]{2,60}?) said(?: (?P<when>on \w+day|\w+day))?,? that (?P<what>.+)\.$")
_SAID_LAST = re.compile(r"^(?P<what>[^“”\"]{20,}?), (?P<who>[^,“”\"]{2,60}?) said(?P<rest>[^,“”\"]*)\.$")
_SENTENCE = re.compile(r"(?<!\b[A-Z]\.[A-Z]\.)(?<!\bMr\.)(?<!\bDr\.)(?<!\bSt\.)(?<=[.!?”\"])\s+(?=[A-Z“\"])")


def canonical_sentences(stories: list[dict[str, str]]) -> dict[tuple[int, int], tuple[int, int]]:
    """(story, sentence) -> the first (story, sentence) with the same words."""
    first: dict[str, tuple[int, int]] = {}
    out = {}
    for k, story in enumerate(stories):
        for i, sentence in enumerate(split_sentences(story["text"])):
            key = re.sub(r"[^a-z0-9]+", " ", sentence.lower()).strip()
            out[(k, i)] = first.setdefault(key, (k, i))
    return out


@dataclass
class Page:
    story: int
    version: str
    path: str
    sentences: list[tuple[int, str]] = field(default_factory=list)
    """(index of the original sentence, sentence as published)."""


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def paraphrase(sentence: str, rng: random.Random) -> str:
    """Rephrase without touching the words that name the happening: moved reporting clauses
    and synonyms for common words."""
    s = sentence
    if m := _SAID_FIRST.match(s):
        what = m["what"][0].upper() + m["what"][1:]
        when = f" {m['when']}" if m["when"] else ""
        s = f"{what}, {m['who']} said{when}."
    elif m := _SAID_LAST.match(s):
        who = m["who"]
        who = who[0].upper() + who[1:] if not who.startswith(("the ", "a ")) else who.capitalize()
        s = f"{who} said{m['rest']} that {m['what'][0].lower() + m['what'][1:]}."
    words = _SYNONYM.sub(lambda x: SAFE[x.group(1)] if rng.random() < 0.9 else x.group(1), s)
    return words


def lead_paraphrase(sentence: str, published: datetime, rng: random.Random) -> str:
    """A rewritten lead: the same happening, announced in the outlet's own words."""
    opener = rng.choice(["In a development reported on {day}, ", "As of {day}, ", "Reports on {day} said that ",
                         "On {day}, it emerged that "])
    body = paraphrase(sentence, rng)
    body = body[0].lower() + body[1:] if not re.match(r"[A-Z][a-z]*[A-Z]|[A-Z]{2}|[A-Z][a-z]+ [A-Z]", body) else body
    return opener.format(day=published.strftime("%A")) + body


def page_html(version: str, title: str, paragraphs: list[str], published: datetime, url: str,
              rng: random.Random) -> str:
    name = OUTLETS[version][0]
    esc = html.escape
    nav = "".join(f'<li><a href="/{esc(x.lower())}">{esc(x)}</a></li>' for x in NAVS[version])
    related = "".join(f'<li><a href="/story/{rng.randint(1000, 9999)}">{esc(t)}</a></li>'
                      for t in rng.sample(["Markets close higher on tech rally", "Storm warnings issued for coast",
                                           "Film festival announces line-up", "Ten tips for a better sleep",
                                           "Football: late goal seals the title", "Election polls tighten"], 3))
    body = "".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)} | {esc(name)}</title>
<meta property="og:site_name" content="{esc(name)}"><link rel="canonical" href="{esc(url)}">
<meta property="article:published_time" content="{published.isoformat()}Z"></head><body>
<header><div class="brand">{esc(name)}</div><nav><ul>{nav}</ul></nav>
<form class="search"><input name="q" placeholder="Search {esc(name)}"></form></header>
<main><article><h1>{esc(title)}</h1><div class="byline">{esc(name)} staff · {published:%B %d, %Y}</div>
<div class="share">Share on Facebook · Share on X · Email this story</div>{body}</article>
<aside><h2>Related stories</h2><ul>{related}</ul></aside></main>
<footer><p>© {published.year} {esc(name)}. All rights reserved.</p><p>Privacy policy · Terms of use · Contact us</p>
<p>Subscribe to our newsletter for the day's top stories.</p></footer></body></html>"""


def build(stories: list[dict[str, str]], out: Path, seed: int) -> list[Page]:
    rng = random.Random(seed)
    pages = []
    for k, story in enumerate(stories):
        sentences = split_sentences(story["text"])
        published = datetime.fromisoformat(story["published"].replace("Z", "").replace(" ", "T"))
        for version in OUTLETS:
            vr = random.Random(f"{seed}-{k}-{version}")
            if version in ("original", "verbatim"):
                chosen = list(enumerate(sentences))
                when = published + timedelta(hours=vr.randint(1, 5) if version == "verbatim" else 0)
            else:
                keep = [i for i in range(len(sentences)) if i < 2 or vr.random() < 0.75]
                chosen = []
                for i in keep:
                    text = sentences[i]
                    if i == 0:
                        text = lead_paraphrase(text, published, vr)
                    elif vr.random() < 0.8:
                        text = paraphrase(text, vr)
                    chosen.append((i, text))
                when = published + timedelta(hours=vr.randint(2, 26))
            paragraphs = [" ".join(t for _, t in chosen[j:j + 3]) for j in range(0, len(chosen), 3)]
            domain = OUTLETS[version][1]
            url = f"https://{domain}/{when:%Y/%m/%d}/story-{story['id']}-{version}"
            path = out / f"{k:03d}-{version}.html"
            path.write_text(page_html(version, story["title"], paragraphs, when, url, vr), encoding="utf-8")
            pages.append(Page(k, version, str(path), chosen))
    rng.shuffle(pages)
    return pages


def gold_identities(store: Store, pages: list[Page], canonical: dict[tuple[int, int], tuple[int, int]]
                    ) -> tuple[dict[str, tuple[object, ...]], dict[str, Page]]:
    """Mention key -> gold identity, and document id -> the page it was stored from."""
    by_path = {p.path: p for p in pages}
    identity: dict[str, tuple[object, ...]] = {}
    page_of: dict[str, Page] = {}
    for record in store.records():
        d = record.document
        seen = [by_path[c["origin"]] for c in store.copies(d.id) if c["origin"] in by_path]
        if not seen:
            continue
        # An exact copy is stored once: the document is the original's when any copy is.
        page = min(seen, key=lambda p: p.version == "verbatim")
        page_of[d.id] = page
        spans = []
        pos = 0
        for original, text in page.sentences:
            at = d.text.find(text, pos)
            if at >= 0:
                spans.append((at, at + len(text), original))
                pos = at + len(text)
        for e in record.events:
            where = next((orig for a, b, orig in spans if a <= e.trigger.start < b), None)
            key = f"{d.id}#{e.id}"
            identity[key] = ((*canonical[(page.story, where)], e.type, stem(e.trigger.text)) if where is not None
                             else ("unaligned", key))
    return identity, page_of


def independence(store: Store, identity: dict[str, tuple[object, ...]], page_of: dict[str, Page],
                 predicted: dict[str, str]) -> dict[str, float]:
    """Expected independent sources of a happening: the outlets other than the verbatim copy
    whose page asserts it (a denial or a plan is not a source for it)."""
    members: dict[tuple[object, ...], set[str]] = defaultdict(set)
    for key, ident in identity.items():
        if ident[0] != "unaligned":
            members[ident].add(key)
    asserting = {r[0] for r in store.conn.execute("SELECT mention_key, features FROM incident_mentions")
                 if json.loads(r[1])["factuality"] in ("asserted", "reported")}
    exact = total = 0
    for keys in members.values():
        versions = {page_of[k.split("#")[0]].version for k in keys if k in asserting}
        expected = len(versions - {"verbatim"})
        incidents = Counter(predicted[k] for k in keys)
        incident = store.incident(incidents.most_common(1)[0][0])
        total += 1
        exact += incident.independent_sources == expected
    verbatim_counted = 0
    for (incident_id,) in store.conn.execute("SELECT id FROM incidents").fetchall():
        inc = store.incident(incident_id)
        docs = {v.doc_id: v.group for v in inc.versions}
        for doc_id, group in docs.items():
            page = page_of.get(doc_id)
            if page is None or page.version != "verbatim":
                continue
            original = next((d for d, p in page_of.items() if p.story == page.story and p.version == "original"), None)
            if original in docs and docs[original] != group:
                verbatim_counted += 1
    return {"happenings": total, "independent_exact": exact / total if total else 0.0,
            "verbatim_counted_independent": verbatim_counted}


def run(stories: list[dict[str, str]], seed: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        pages = build(stories, Path(tmp), seed)
        store = Store(Path(tmp) / "planted.db")
        started = time.perf_counter()
        report = ingest_paths(store, [p.path for p in pages])
        elapsed = time.perf_counter() - started
        predicted = {r[0]: r[1] for r in store.conn.execute("SELECT mention_key, incident_id FROM incident_mentions")}
        identity, page_of = gold_identities(store, pages, canonical_sentences(stories))
        p, r, f1 = pairwise(identity, predicted)
        indep = independence(store, identity, page_of, predicted)
        statuses = store.summary()["incidents_by_status"]
        result: dict[str, object] = {
            "stories": len(stories), "pages": len(pages), "documents_stored": report.new,
            "exact_copies": report.copies, "mentions": len(predicted),
            "aligned": sum(1 for v in identity.values() if v[0] != "unaligned"),
            "pairwise_precision": round(p, 4), "pairwise_recall": round(r, 4), "pairwise_f1": round(f1, 4),
            **{k: (round(v, 4) if isinstance(v, float) else v) for k, v in indep.items()},
            "incidents": sum(statuses.values()), "statuses": statuses,
            "ingest_seconds": round(elapsed, 1)}
        store.close()
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--stories", type=int, default=74)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    path = Path(args.data) / "corpora" / "voa" / "voa_stories.jsonl"
    if not path.exists():
        print(f"incidents: no VOA corpus at {path}", file=sys.stderr)
        return 2
    stories = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = run(stories[: args.stories], args.seed)
    print(f"{'measure':<32} value")
    for key, value in result.items():
        print(f"{key:<32} {value}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
