#!/usr/bin/env python3
"""Cross-document event coreference on ECB+ (gold event mentions, clustered within each topic).

    python benchmarks/coref_ecbplus.py [--data ../shared/data] [--topics 1-35]

Mentions are the gold ACTION_* and NEG_* markables of the sentences ECB+ selected for
coreference annotation (``ECBplus_coreference_sentences.csv``). Gold clusters are the
CROSS_DOC_COREF and INTRA_DOC_COREF chains (instance ids); a mention in no chain is a singleton.
Each topic is clustered on its own, and the scores are computed over all topics at once
(cluster ids are prefixed by the topic).

Features are computed by eventwire from the text only, never from the gold annotation beyond
the mention span: the trigger's lemma (spaCy, over the document), its PLOVER type from the
trigger lexicon, the content lemmas of its sentence and of its document.

Systems:

* ``lemma``: mentions with the same trigger lemma in a topic form one cluster (the usual
  baseline);
* ``eventwire``: :func:`eventwire.incidents.cluster.cluster_mentions` — documents grouped into
  stories, then lemma and type-plus-sentence links inside a story.

Scores: MUC, B³, CEAF-e (entity-based, φ4 similarity, optimal one-to-one alignment) and the
CoNLL F1 (their mean). ``--topics`` takes any ranges ("1-35", "36-45", "3,5,7-9"). The last
line is a JSON object.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from eventwire.incidents.cluster import MentionFeatures, cluster_mentions
from eventwire.nlp import load_nlp
from eventwire.resolve.kb import triggers


@dataclass
class GoldMention:
    topic: str
    document: str
    sentence: int
    tokens: list[str]
    """Token ids of the mention."""
    cluster: str


@dataclass
class TopicDoc:
    name: str
    tokens: list[tuple[str, int, str]]
    """(token id, sentence number, word)."""


def parse_topics(spec: str) -> list[str]:
    out: list[str] = []
    for part in re.split(r"[,\s]+", spec.strip()):
        if not part:
            continue
        if "-" in part:
            a, b = part.split("-", 1)
            out.extend(str(t) for t in range(int(a), int(b) + 1))
        else:
            out.append(str(int(part)))
    return out


def selected_sentences(base: Path) -> dict[str, set[int]]:
    """File stem ("1_10ecbplus") -> sentence numbers ECB+ annotated for coreference."""
    out: dict[str, set[int]] = defaultdict(set)
    with (base / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return out


def read_topic(base: Path, topic: str, selected: dict[str, set[int]]) -> tuple[list[TopicDoc], list[GoldMention]]:
    docs, mentions = [], []
    folder = base / "ECB+" / topic
    for path in sorted(folder.glob("*.xml")):
        root = ElementTree.parse(path).getroot()
        tokens = [(t.get("t_id", ""), int(t.get("sentence") or 0), t.text or "") for t in root.iter("token")]
        sentence_of = {tid: s for tid, s in [(t[0], t[1]) for t in tokens]}
        docs.append(TopicDoc(path.stem, tokens))
        chain_of: dict[str, str] = {}
        relations = root.find("Relations")
        for rel in relations if relations is not None else []:
            instance = rel.get("note") or rel.get("r_id") or ""
            if rel.tag == "INTRA_DOC_COREF":
                instance = f"{path.stem}:{rel.get('r_id')}"
            for src in rel.iter("source"):
                chain_of[src.get("m_id", "")] = instance
        markables = root.find("Markables")
        keep = selected.get(path.stem, set())
        for m in markables if markables is not None else []:
            if not (m.tag.startswith("ACTION") or m.tag.startswith("NEG")):
                continue
            ids = [a.get("t_id", "") for a in m.iter("token_anchor")]
            if not ids or sentence_of.get(ids[0]) not in keep:
                continue
            mid = m.get("m_id", "")
            cluster = chain_of.get(mid, f"{path.stem}:singleton:{mid}")
            mentions.append(GoldMention(topic, path.stem, sentence_of[ids[0]], ids, f"{topic}:{cluster}"))
    return docs, mentions


# --- metrics ------------------------------------------------------------------------------------

Clusters = list[set[int]]


def _clusters(labels: Sequence[str | int]) -> Clusters:
    groups: dict[str | int, set[int]] = defaultdict(set)
    for i, label in enumerate(labels):
        groups[label].add(i)
    return list(groups.values())


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    def side(a: Clusters, b: Clusters) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0
    r, p = side(key, response), side(response, key)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    k_of = {m: c for c in key for m in c}
    r_of = {m: c for c in response for m in c}
    mentions = list(k_of)
    p = sum(len(k_of[m] & r_of[m]) / len(r_of[m]) for m in mentions) / len(mentions)
    r = sum(len(k_of[m] & r_of[m]) / len(k_of[m]) for m in mentions) / len(mentions)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _assignment(weights: list[list[float]]) -> float:
    """Maximum total weight of a one-to-one matching (Hungarian algorithm, rectangular)."""
    rows, cols = len(weights), len(weights[0]) if weights else 0
    if not rows or not cols:
        return 0.0
    n = max(rows, cols)
    cost = [[-(weights[i][j] if i < rows and j < cols else 0.0) for j in range(n)] for i in range(n)]
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [float("inf")] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], float("inf"), 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    return -sum(cost[p[j] - 1][j - 1] for j in range(1, n + 1) if p[j])


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """CEAF with the entity similarity φ4 = 2|K∩R| / (|K|+|R|). The optimal one-to-one
    alignment is computed per connected group of overlapping clusters (same optimum, small
    matrices)."""
    k_of = {m: i for i, c in enumerate(key) for m in c}
    groups: dict[int, tuple[set[int], set[int]]] = {}
    parent = list(range(len(key)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    touched: list[tuple[int, int]] = []  # (response index, one key index it overlaps)
    for j, c in enumerate(response):
        ks = sorted({k_of[m] for m in c if m in k_of})
        for k in ks[1:]:
            ra, rb = find(ks[0]), find(k)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        if ks:
            touched.append((j, ks[0]))
    for i in range(len(key)):
        groups.setdefault(find(i), (set(), set()))[0].add(i)
    for j, k in touched:
        groups[find(k)][1].add(j)
    total = 0.0
    for ks_set, rs_set in groups.values():
        ks, rs = sorted(ks_set), sorted(rs_set)
        if rs:
            weights = [[2 * len(key[i] & response[j]) / (len(key[i]) + len(response[j])) for j in rs] for i in ks]
            total += _assignment(weights)
    p = total / len(response) if response else 0.0
    r = total / len(key) if key else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def scores(gold_labels: Sequence[str], predicted: Sequence[str | int]) -> dict[str, float]:
    key, response = _clusters(gold_labels), _clusters(predicted)
    out = {}
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceaf_e", ceaf_e)):
        p, r, f = metric(key, response)
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = round(p, 3), round(r, 3), round(f, 3)
    out["conll_f1"] = round((out["muc_f1"] + out["b3_f1"] + out["ceaf_e_f1"]) / 3, 3)
    return out


# --- features and systems -------------------------------------------------------------------------

CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


def base_lemma(lemma: str, verbs: dict[str, str]) -> str:
    """A gerund or deverbal noun as its verb ("killing" -> "kill", "shooting" -> "shoot") when
    the verb is in the trigger lexicon: reports say "the killing" and "killed" of one act."""
    if lemma.endswith("ing") and len(lemma) > 5:
        for guess in (lemma[:-3], lemma[:-3] + "e", lemma[:-4]):
            if guess in verbs:
                return guess
    return lemma


def featurise(docs: list[TopicDoc],
              mentions: list[GoldMention]) -> tuple[list[MentionFeatures], dict[str, Counter[str]]]:
    nlp = load_nlp()
    lexicon = triggers()
    lemma_of: dict[tuple[str, str], str] = {}
    pos_of: dict[tuple[str, str], str] = {}
    sentence_terms: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    doc_terms: dict[str, Counter[str]] = {}
    texts = [" ".join(w for _, _, w in d.tokens) for d in docs]
    for d, parsed in zip(docs, nlp.pipe(texts, batch_size=8), strict=True):
        # our tokens were joined by single spaces: map each gold token to the spaCy token at its offset
        starts, at = [], 0
        for _, _, w in d.tokens:
            starts.append(at)
            at += len(w) + 1
        by_char = {t.idx: t for t in parsed}
        terms: Counter[str] = Counter()
        for (tid, sent, _), start in zip(d.tokens, starts, strict=True):
            tok = by_char.get(start)
            if tok is None:
                continue
            lemma_of[(d.name, tid)] = tok.lemma_.lower()
            pos_of[(d.name, tid)] = tok.pos_
            if tok.pos_ in CONTENT_POS and not tok.is_stop:
                sentence_terms[(d.name, sent)][tok.lemma_.lower()] += 1
                if tok.pos_ in ("PROPN", "NUM"):  # names and figures tell one happening from another
                    terms[tok.lemma_.lower()] += 1
        doc_terms[d.name] = terms
    features = []
    for m in mentions:
        verbs = [t for t in m.tokens if pos_of.get((m.document, t)) in ("VERB", "NOUN")]
        head = (verbs or m.tokens)[-1] if len(m.tokens) > 1 else m.tokens[0]
        lemma = base_lemma(lemma_of.get((m.document, head), ""), lexicon.verbs)
        code = lexicon.verbs.get(lemma) or lexicon.nouns.get(lemma)
        typed = lexicon.type_of(code) if code else None
        kind = typed[0] if typed else None
        features.append(MentionFeatures(m.document, lemma, kind, sentence_terms[(m.document, m.sentence)]))
    return features, doc_terms


def run(data: Path, topics: list[str]) -> dict[str, object]:
    base = data / "eval" / "coref" / "ecbplus"
    if not base.is_dir():
        raise SystemExit(f"ECB+ not found under {base} (pass --data DIR)")
    selected = selected_sentences(base)
    gold: list[str] = []
    systems: dict[str, list[str]] = {"lemma": [], "eventwire": []}
    n_docs = 0
    for topic in topics:
        if not (base / "ECB+" / topic).is_dir():
            continue
        docs, mentions = read_topic(base, topic, selected)
        if not mentions:
            continue
        n_docs += len(docs)
        features, doc_terms = featurise(docs, mentions)
        gold += [m.cluster for m in mentions]
        systems["lemma"] += [f"{topic}:{f.lemma}" for f in features]
        systems["eventwire"] += [f"{topic}:{label}" for label in cluster_mentions(features, doc_terms)]
    out: dict[str, object] = {"topics": len(topics), "documents": n_docs, "mentions": len(gold),
                              "gold_clusters": len(set(gold))}
    for name, predicted in systems.items():
        out[name] = scores(gold, predicted)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "data")
    ap.add_argument("--topics", default="1-35", help='topic ranges, e.g. "1-35" or "36-45" or "3,5,7-9"')
    args = ap.parse_args()
    figures = run(args.data, parse_topics(args.topics))
    print(f"ECB+ topics {args.topics}: {figures['documents']} documents, {figures['mentions']} event mentions, "
          f"{figures['gold_clusters']} gold clusters")
    print(f"{'system':<10} {'MUC F1':>7} {'B3 F1':>6} {'CEAF-e':>7} {'CoNLL F1':>9}")
    for name in ("lemma", "eventwire"):
        f = figures[name]
        assert isinstance(f, dict)
        print(f"{name:<10} {f['muc_f1']:>7} {f['b3_f1']:>6} {f['ceaf_e_f1']:>7} {f['conll_f1']:>9}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
