"""Scoring incident membership against gold: pairwise precision, recall and F1.

A pair is two mentions (``doc_id#event_id`` keys) of different documents; it is positive when
both carry the same label. Pairs inside one document are left out: incidents are about
agreeing across reports. Used by ``benchmarks/incidents.py`` and ``benchmarks/incidents_scale.py``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping


def cross_document_pairs(labels: Mapping[str, Hashable]) -> set[tuple[str, str]]:
    groups: dict[Hashable, list[str]] = defaultdict(list)
    for key, label in labels.items():
        groups[label].append(key)
    out = set()
    for members in groups.values():
        members.sort()
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if a.split("#")[0] != b.split("#")[0]:
                    out.add((a, b))
    return out


def pairwise(gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> tuple[float, float, float]:
    """(precision, recall, F1) over the mentions both mappings label."""
    keys = gold.keys() & predicted.keys()
    truth = cross_document_pairs({k: gold[k] for k in keys})
    found = cross_document_pairs({k: predicted[k] for k in keys})
    hits = len(truth & found)
    p = hits / len(found) if found else 0.0
    r = hits / len(truth) if truth else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
