"""Contradictions: a claim that denies what another claim in the document asserts.

Two claims are about the same thing when their contents share enough concepts: content words
compared by lemma, with country names and demonyms folded to the country and a few near
synonyms of news prose folded together (vessel/ship/boat, strike/attack/bombing).
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.record import Claim, Contradiction, Event
from eventwire.resolve.kb import countries

SYNONYMS = {
    "vessel": "ship", "boat": "ship", "tanker": "ship", "freighter": "ship", "ship": "ship",
    "bomb": "attack", "bombing": "attack", "strike": "attack", "airstrike": "attack",
    "shell": "attack", "shelling": "attack", "attack": "attack", "hit": "attack",
    "weapon": "arms", "arms": "arms", "ammunition": "arms", "troop": "force", "soldier": "force",
    "kill": "kill", "death": "kill", "dead": "kill",
}
STOP = {"be", "have", "do", "say", "time", "there", "no", "not", "that", "it", "which"}


def concepts(doc: Doc, start: int, end: int) -> set[str]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return set()
    c = countries()
    out = set()
    for t in span:
        if t.is_stop or t.is_punct or t.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ"):
            continue
        lemma = t.lemma_.lower()
        if lemma in STOP:
            continue
        iso = c.by_demonym.get(t.lower_) or c.by_name.get(t.lower_)
        out.add(iso or SYNONYMS.get(lemma, lemma))
    return out


def find_contradictions(doc: Doc, claims: list[Claim], events: list[Event]) -> list[Contradiction]:
    out = []
    for denial in claims:
        if denial.stance != "denies":
            continue
        denied = concepts(doc, denial.content.start, denial.content.end)
        best: tuple[int, Claim] | None = None
        for other in claims:
            if other.stance != "asserts" or other.id == denial.id or (other.speaker == denial.speaker \
                    and other.speaker is not None):
                continue
            shared = len(denied & concepts(doc, other.content.start, other.content.end))
            if shared >= 2 and (best is None or shared > best[0]):
                best = (shared, other)
        if best is None:
            continue
        claim = best[1]
        event = next((e.id for e in events if e.claim == claim.id), None)
        out.append(Contradiction(claims=(claim.id, denial.id), event=event, reason="denial"))
    return out
