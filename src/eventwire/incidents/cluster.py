"""Clustering event mentions that refer to the same happening.

Two stages, both sub-quadratic in practice:

1. **Stories**: documents are grouped by the similarity of their content words (TF-IDF
   cosine, average link above ``doc_threshold``): reports of one happening share names,
   places and numbers; reports of a similar but different happening (another earthquake,
   another arrest of the same actress) share fewer.
2. **Mentions** inside a story group that share a trigger lemma, or an event family
   (:data:`EVENT_FAMILIES`: "killed", "murder" and "died" of one story are one death), form
   one cluster. Linking mentions of one PLOVER type with similar sentences ("attack" /
   "assault") was tried and lowered CoNLL F1 on ECB+ topics 1–10 at every threshold: the
   types are too coarse.
3. **Synonyms** (WordNet senses, :func:`eventwire.resolve.kb.event_senses`): two mentions of
   a story whose triggers share a sense ("hit" / "struck", "foiled" / "thwarted", "the
   nomination" / "nominated") join when their sentences are alike too (cosine of content
   lemmas ≥ :data:`SYNONYM_SIMILARITY`): a shared sense alone links too much ("fire" a gun and
   "fire" an employee), and on ECB+ topics 1–10 linking on the sense alone gained nothing.
4. **Reporting verbs** ("said", "told", "announced") are the exception: each report is usually
   an act of its own, so two of them join only when their sentences are alike (cosine of
   content lemmas ≥ :data:`REPORT_SIMILARITY`).

Mentions are keyed by (story, family), so clustering is linear in the mentions (reporting
verbs compare within their key); the story stage compares only documents that share one of
their strongest terms.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from eventwire.extract.claims import REPORTING
from eventwire.resolve.kb import event_senses

EVENT_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"die", "dies", "death", "dead", "decease", "kill", "murder", "slay", "slaying", "assassinate",
               "assassination", "homicide"}),
    frozenset({"shoot", "shot", "shooting", "gunfire"}),
    frozenset({"quake", "earthquake", "tremor", "temblor"}),
    frozenset({"win", "victory", "triumph"}),
    frozenset({"nominate", "nomination", "nominee"}),
    frozenset({"arrest", "detain", "detention", "apprehend"}),
    frozenset({"attack", "assault"}),
    frozenset({"injure", "injury", "wound", "hurt"}),
)
"""Trigger lemmas that name one kind of happening: inflections the lemmatiser misses ("dies",
"shot"), deverbal nouns ("nomination") and plain synonyms. Killing and dying are one family
because news reports one death as "was killed", "died" and "the murder" alike. Ambiguous words
("fire": a blaze, a shot or a dismissal; "strike": an attack or a walk-out) are left out."""

FAMILY_OF = {word: min(family) for family in EVENT_FAMILIES for word in family}

REPORT_SIMILARITY = 0.4
"""Set on ECB+ topics 1–10, checked on 11–35."""

SYNONYM_SIMILARITY = 0.35
"""Sentence cosine at which triggers of a shared sense join. Set on ECB+ topics 1–10 (0.3 to
0.4 are within 0.001 of each other there; 11–35 move by at most 0.001)."""


def family(lemma: str) -> str:
    """The key a trigger lemma clusters under: its family's name, or itself."""
    return FAMILY_OF.get(lemma, lemma)


@dataclass
class MentionFeatures:
    """What the clusterer knows about one event mention."""

    document: str
    lemma: str
    kind: str | None = None
    """PLOVER type from the trigger lexicon, when the trigger is in it (kept for incidents)."""
    sentence_terms: Counter[str] = field(default_factory=Counter)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def tfidf(documents: dict[str, Counter[str]]) -> dict[str, dict[str, float]]:
    """Unit-length TF-IDF vectors of term counts."""
    df: Counter[str] = Counter()
    for terms in documents.values():
        df.update(set(terms))
    n = len(documents)
    out = {}
    for doc, terms in documents.items():
        vec = {t: (1 + math.log(c)) * math.log((1 + n) / (1 + df[t])) for t, c in terms.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out[doc] = {t: v / norm for t, v in vec.items() if v > 0}
    return out


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def story_groups(documents: dict[str, Counter[str]], threshold: float) -> dict[str, int]:
    """Document -> story group: average-link clusters of TF-IDF cosine ≥ ``threshold``.

    Average link keeps two stories apart even when one pair of their reports happens to share
    much vocabulary (single link would chain them). Candidate pairs come from an inverted index
    over each document's strongest terms; pairs never compared count as similarity 0."""
    vectors = tfidf(documents)
    names = sorted(vectors)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(names):
        for term, _ in sorted(vectors[d].items(), key=lambda kv: -kv[1])[:30]:
            postings[term].append(i)
    sim: dict[tuple[int, int], float] = {}
    for members in postings.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pair = (members[x], members[y])
                if pair not in sim:
                    sim[pair] = cosine(vectors[names[pair[0]]], vectors[names[pair[1]]])
    clusters: dict[int, list[int]] = {i: [i] for i in range(len(names))}
    link: dict[tuple[int, int], float] = {}  # summed similarity between two clusters
    for (a, b), v in sim.items():
        link[(a, b)] = v
    while True:
        best, best_pair = threshold, None
        for (a, b), total in link.items():
            avg = total / (len(clusters[a]) * len(clusters[b]))
            if avg >= best:
                best, best_pair = avg, (a, b)
        if best_pair is None:
            break
        a, b = best_pair
        clusters[a].extend(clusters.pop(b))
        merged: dict[tuple[int, int], float] = {}
        for (x, y), total in link.items():
            x2, y2 = (a if x == b else x), (a if y == b else y)
            if x2 == y2:
                continue
            key = (min(x2, y2), max(x2, y2))
            merged[key] = merged.get(key, 0.0) + total
        link = merged
    return {names[i]: root for root, members in clusters.items() for i in members}


def cluster_mentions(mentions: Sequence[MentionFeatures], documents: dict[str, Counter[str]],
                     doc_threshold: float = 0.035) -> list[int]:
    """A cluster label for every mention (labels are mention indexes of cluster roots).

    ``documents`` holds each document's distinguishing terms (names and figures). The
    threshold was set on ECB+ topics 1–10 and checked on topics 11–35."""
    groups = story_groups(documents, doc_threshold)
    uf = _UnionFind(len(mentions))
    first: dict[tuple[int, str], int] = {}
    reports: dict[tuple[int, str], list[int]] = defaultdict(list)
    by_sense: dict[tuple[int, int], list[int]] = defaultdict(list)
    senses = event_senses()
    for i, m in enumerate(mentions):
        key = (groups.get(m.document, -1), family(m.lemma))
        if m.lemma in REPORTING:
            for j in reports[key]:
                if _term_cosine(m.sentence_terms, mentions[j].sentence_terms) >= REPORT_SIMILARITY:
                    uf.union(j, i)
            reports[key].append(i)
            continue
        if key in first:
            uf.union(first[key], i)
        else:
            first[key] = i
        for sense in senses.get(m.lemma, ()):
            sense_key = (key[0], sense)
            for j in by_sense[sense_key]:
                if uf.find(j) != uf.find(i) and \
                        _term_cosine(m.sentence_terms, mentions[j].sentence_terms) >= SYNONYM_SIMILARITY:
                    uf.union(j, i)
            by_sense[sense_key].append(i)
    return [uf.find(i) for i in range(len(mentions))]


def _term_cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(v * b.get(t, 0) for t, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0
