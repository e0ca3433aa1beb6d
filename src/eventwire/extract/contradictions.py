"""Contradictions inside one document.

* **denial**: a claim that denies what another claim asserts. Two claims are about the same
  thing when their contents share enough concepts: content words compared by lemma, with
  country names and demonyms folded to the country and a few near synonyms of news prose
  folded together (vessel/ship/boat, strike/attack/bombing).
* **conflicting_value**: two speakers assert the same kind of material event (same PLOVER type, in
  claims that share a concept) with values that cannot both hold: a different casualty count
  ("police said five were killed" / "witnesses said at least 12 died"), a different
  perpetrator (both name one, and no actor or country is shared), a different place (two
  resolved places in different countries, or two different cities), or a different day.
  Counts with "at least"/"more than" conflict only when the other figure is below that floor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from eventwire.nlp import doc_text
from eventwire.record import Actor, Claim, Contradiction, Event, Place, Time
from eventwire.resolve.kb import agents, countries

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


NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "dozen": 12,
                "dozens": 24, "hundred": 100, "hundreds": 200}
_COUNT = re.compile(
    r"\b(at least|more than|over|nearly|almost|about|around|some|up to)?\s*(\d[\d,]*|"
    + "|".join(NUMBER_WORDS) + r")\s+(?:[a-z-]+\s+){0,3}?"
    r"(people|persons|civilians|soldiers|troops|fighters|militants|children|policemen|officers|"
    r"were killed|killed|dead|died|deaths|wounded|injured|casualties|bodies|victims)\b", re.I)


def casualty_count(text: str) -> tuple[int, bool] | None:
    """The first casualty figure in ``text`` and whether it is only a floor ("at least 12")."""
    m = _COUNT.search(text)
    if m is None:
        return None
    raw = m.group(2).lower().replace(",", "")
    value = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    return value, (m.group(1) or "").lower() in ("at least", "more than", "over", "some")


def counts_conflict(a: tuple[int, bool], b: tuple[int, bool]) -> bool:
    """Whether two casualty figures (value, is_floor) cannot both be right."""
    (x, x_floor), (y, y_floor) = a, b
    if x == y:
        return False
    if x_floor and y_floor:
        return False
    if x_floor:
        return y < x
    if y_floor:
        return x < y
    return True


def find_contradictions(doc: Doc, claims: list[Claim], events: list[Event],
                        actors: Sequence[Actor] = (), places: Sequence[Place] = (),
                        times: Sequence[Time] = ()) -> list[Contradiction]:
    about = {c.id: concepts(doc, c.content.start, c.content.end) for c in claims}  # once per claim
    out = _denials(claims, events, about)
    out += _conflicting_values(doc, claims, events, actors, places, times, about,
                               already={frozenset(c.claims) for c in out})
    return out


VERBAL_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
"""PLOVER's verbal event types. Two speakers who each report an appeal or a promise report two
acts ("We urge the population to remain calm" / "We have urged the authorities to act"), not
two versions of one happening; a verbal act one side asserts and the other denies is a denial."""


def _conflicting_values(doc: Doc, claims: list[Claim], events: list[Event], actors: Sequence[Actor],
                        places: Sequence[Place], times: Sequence[Time], about: dict[str, set[str]],
                        already: set[frozenset[str]]) -> list[Contradiction]:
    country_of = {a.id: a.country for a in actors}
    place_by_id = {p.id: p for p in places}
    time_by_id = {t.id: t for t in times}
    by_claim: dict[str, list[Event]] = {}
    for e in events:
        if e.claim is not None:
            by_claim.setdefault(e.claim, []).append(e)
    asserting = [c for c in claims if c.stance == "asserts" and c.kind != "editorial" and c.id in by_claim]
    out: list[Contradiction] = []
    for i, first in enumerate(asserting):
        for second in asserting[i + 1:]:
            if first.speaker is not None and first.speaker == second.speaker:
                continue
            if first.speaker is None and second.speaker is None and first.speaker_text == second.speaker_text:
                continue
            if frozenset((first.id, second.id)) in already:
                continue
            if not about[first.id] & about[second.id]:
                continue
            for a in by_claim[first.id]:
                if a.type in VERBAL_TYPES:
                    continue
                b = next((e for e in by_claim[second.id] if e.type == a.type), None)
                if b is None:
                    continue
                if _values_conflict(doc, first, second, a, b, country_of, place_by_id, time_by_id):
                    out.append(Contradiction(claims=(first.id, second.id), event=a.id, reason="conflicting_value"))
                    already.add(frozenset((first.id, second.id)))
                    break
    return out


def _values_conflict(doc: Doc, first: Claim, second: Claim, a: Event, b: Event, country_of: dict[str, str | None],
                     place_by_id: dict[str, Place], time_by_id: dict[str, Time]) -> bool:
    text = doc_text(doc)
    count_a = casualty_count(text[first.content.start:first.content.end])
    count_b = casualty_count(text[second.content.start:second.content.end])
    if count_a and count_b and counts_conflict(count_a, count_b):
        return True
    src_a = {r.actor for r in a.source if r.actor}
    src_b = {r.actor for r in b.source if r.actor}
    if src_a and src_b and not (src_a & src_b):
        countries_a = {country_of.get(x) for x in src_a} - {None}
        countries_b = {country_of.get(x) for x in src_b} - {None}
        if countries_a and countries_b and not (countries_a & countries_b):
            return True
    sectors_a = {s for r in a.source for s in _role_sectors(r.text)}
    sectors_b = {s for r in b.source for s in _role_sectors(r.text)}
    if _sides(sectors_a) and _sides(sectors_b) and not (_sides(sectors_a) & _sides(sectors_b)):
        return True  # "rebels shelled the village" / "government troops shelled the village"
    if a.place and b.place and a.place.place and b.place.place and a.place.place != b.place.place:
        pa, pb = place_by_id.get(a.place.place), place_by_id.get(b.place.place)
        if pa and pb and pa.country and pb.country and (
                pa.country != pb.country or (pa.precision == pb.precision == "city")):
            return True
    if a.time and b.time and a.time.time and b.time.time:
        ta, tb = time_by_id.get(a.time.time), time_by_id.get(b.time.time)
        if ta and tb and ta.value and tb.value and ta.precision == tb.precision == "day" and ta.value != tb.value:
            return True
    return False


SIDES = {"GOV": "state", "MIL": "state", "COP": "state", "SPY": "state", "REB": "insurgent",
         "INS": "insurgent", "SEP": "insurgent", "UAF": "insurgent", "OPP": "opposition"}
"""Sectors folded into the sides of a conflict: a state's army and its police are one side."""


def _role_sectors(text: str) -> set[str]:
    """Sectors of the role words in an unnamed party ("government troops", "the rebels")."""
    roles = agents()
    out: set[str] = set()
    for word in re.findall(r"[a-z]+", text.lower()):
        for form in (word, word[:-1] if word.endswith("s") else word):
            out.update(roles.get(form, ()))
    return out


def _sides(sectors: set[str]) -> set[str]:
    return {SIDES[s] for s in sectors if s in SIDES}


def _denials(claims: list[Claim], events: list[Event], about: dict[str, set[str]]) -> list[Contradiction]:
    out = []
    for denial in claims:
        if denial.stance != "denies":
            continue
        denied = about[denial.id]
        best: tuple[int, Claim] | None = None
        for other in claims:
            if other.stance != "asserts" or other.id == denial.id or (other.speaker == denial.speaker \
                    and other.speaker is not None):
                continue
            shared = len(denied & about[other.id])
            if shared >= 2 and (best is None or shared > best[0]):
                best = (shared, other)
        if best is None:
            continue
        claim = best[1]
        event = next((e.id for e in events if e.claim == claim.id), None)
        out.append(Contradiction(claims=(claim.id, denial.id), event=event, reason="denial"))
    return out
