"""Entity mentions: spaCy's NER spans tidied up, plus role noun phrases ("Turkish officials").

spaCy's small model often includes a leading "the" or a trailing possessive in a span, and
tags a bare role word ("Defense" in "Russian Defense Minister …") as an organisation. Mentions
are normalised here once, so every later stage sees the same clean spans.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.resolve.gazetteer import US_STATE_ABBREVIATIONS, gazetteer
from eventwire.resolve.kb import agents, countries, named_actors

ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
KEPT_LABELS = ACTOR_LABELS | PLACE_LABELS | {"DATE", "TIME"}

# Titles that precede a person's name; they are stripped from names but read for sector.
PERSON_TITLES = {
    "president", "minister", "prime", "field", "marshal", "general", "gen.", "colonel",
    "col.", "commander", "envoy", "ambassador", "king", "queen", "prince", "sheikh", "emir",
    "mr.", "mrs.", "ms.", "dr.", "sen.", "senator", "rep.", "gov.", "governor", "mayor",
    "secretary", "chancellor", "chief", "spokesman", "spokeswoman", "lt.", "lieutenant",
    "major", "captain", "capt.", "admiral", "sergeant", "judge", "justice", "pope",
    "ayatollah", "defense", "defence", "foreign", "interior", "deputy", "vice", "former",
    "special", "representative", "leader", "director", "premier", "sir", "lord", "imam",
}

ROLE_HEADS = {
    "officials", "official", "forces", "troops", "army", "military", "government", "ministry",
    "police", "rebels", "militants", "militia", "militias", "insurgents", "protesters",
    "soldiers", "authorities", "diplomats", "lawmakers", "parliament", "fighters",
    "spokesman", "spokeswoman", "spokesperson", "navy", "coalition", "regime", "leaders",
    "mission", "company", "agency", "court", "prosecutors", "activists", "residents",
    "civilians", "security", "guards", "jets", "warplanes", "gunmen", "groups", "group", "officers",
}


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the document that names an actor, a place or a time."""

    start: int  # token index
    end: int
    start_char: int
    end_char: int
    text: str
    label: str
    role: bool = False
    """True for a role noun phrase found by rule rather than by NER."""
    co_national: bool = False
    """A later nationality of a role shared by several: "British activists" in "US and British
    activists". It overlaps the whole phrase, which keeps the first nationality."""
    institution: bool = False
    """A state institution named bare ("the military", "the army"): the story's country's, never
    taken from the scene (the army that shelled Kyiv is not Ukraine's)."""
    homeless: bool = False
    """A role of people that says nobody's ("demonstrators", "rebels"): an actor only of the
    place its sentence sets a scene in, or of the country the story is about, when there is one
    (see the actor builder)."""


def tidy_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading determiners and trailing possessives or punctuation from a token span."""
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct
                           or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    return start, end


def entity_mentions(doc: Doc) -> list[Mention]:
    out: list[Mention] = []
    cased = None
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS:
            continue
        start, end = tidy_span(doc, ent.start, ent.end)
        if start >= end:
            continue
        if ent.label_ in PLACE_LABELS and doc[start:end].text.islower():
            cased = writes_names_capitalised(doc) if cased is None else cased
            if cased:
                continue  # "to the east bank of the Dnipro": a common noun, not the town East Bank
        if ent.label_ in ("PERSON", "ORG"):
            end = _hyphenated_place_end(doc, start, end)
        span = doc[start:end]
        text = span.text
        if text.endswith(("’s", "'s")):
            text = text[:-2]
        if ent.label_ == "ORG" and len(span) == 1 and span[0].lower_ in agents() \
                and span[0].lower_ not in countries().by_name and span[0].dep_ in TITLE_DEPS:
            continue  # a bare role word such as "Defense" in "Defense Minister X" (but "Congress is asking")
        if ent.label_ == "ORG" and len(span) == 1 and start >= 2 and doc[start - 1].lower_ == "of" and \
                doc[start - 2].lower_ in PERSON_TITLES and f"{doc[start - 2].lower_} of {span[0].lower_}" in agents():
            continue  # "State" in "Secretary of State Marco Rubio": part of the title
        end_char = span.start_char + len(text)
        label = "GPE" if ent.label_ in ("PERSON", "ORG", "NORP") and (
            _misread_place(doc, start, end, text) or text.lower() in countries().by_name) else ent.label_
        out.append(Mention(start, end, span.start_char, end_char, text, label))
    out.extend(missed_places(doc, out))
    out.extend(role_mentions(doc, out))
    return sorted(out, key=lambda m: m.start_char)


def writes_names_capitalised(doc: Doc) -> bool:
    """Whether the text capitalises names (some word inside a sentence starts with a capital),
    so that a place tagged in lowercase is a common noun; in a text written all in lowercase,
    every tagged name is kept."""
    return any(t.text[:1].isupper() for t in doc if t.is_alpha and not t.is_sent_start)


TITLE_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
"""How a role word tagged as an organisation hangs on the title it is part of."""

PLACE_NOUNS = {"province", "city", "town", "region", "district", "port", "county", "state", "village",
               "governorate", "prefecture", "oblast", "capital"}


def missed_places(doc: Doc, ents: list[Mention]) -> list[Mention]:
    """Place names the small model did not tag, found in the gazetteer where the text can only
    mean a place: after a locative preposition ("in Gwadar"), before a place noun ("the Punjab
    province", "Gwadar port"), or joined to a place it did tag ("Seville and Ceuta",
    "Washington and Kyiv"). Only provinces and towns of 15,000 people or more, so that common
    words that are also village names stay words. After a tagged place and a comma ("Peshawar,
    Khyber Pakhtunkhwa"), only a province or a country.
    """
    covered = {i for m in ents for i in range(m.start, m.end)}
    place_tokens = {i for m in ents if m.label in PLACE_LABELS for i in range(m.start, m.end)}
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        if i in covered or doc[i].pos_ != "PROPN" or not doc[i].text[:1].isupper():
            i += 1
            continue
        end = i
        while end < len(doc) and end - i < 3 and doc[end].pos_ == "PROPN" and end not in covered:
            end += 1
        found = None
        after_place = i >= 2 and doc[i - 1].text == "," and i - 2 in place_tokens  # "Peshawar, Khyber Pakhtunkhwa"
        for stop in range(end, i, -1):  # longest name first: "Khyber Pakhtunkhwa"
            strong = _place_context(doc, i, stop, place_tokens)
            if not strong and not after_place:
                continue  # the cheap test first: this runs on every untagged proper noun
            text = doc[i:stop].text
            if any(e.precision in ("country", "admin1") or (strong and e.population >= 15000)
                   for e in gazetteer().candidates(text)) and named_actors().lookup(text, None) is None:
                found = stop
                break
        if found is None:
            i += 1
            continue
        span = doc[i:found]
        out.append(Mention(i, found, span.start_char, span.end_char, span.text, "GPE"))
        i = found
    return out


def _place_context(doc: Doc, start: int, end: int, place_tokens: set[int]) -> bool:
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.lower_ in LOCATIVE_PREPS:
        return True
    if end < len(doc) and doc[end].lower_ in PLACE_NOUNS:
        return True
    head = doc[end - 1]
    partner = head.head if head.dep_ == "conj" else None
    return partner is not None and partner.i in place_tokens


def role_mentions(doc: Doc, ents: list[Mention]) -> list[Mention]:
    """Noun phrases headed by a role word with a country modifier ("Turkish security officials",
    "Ivory Coast rebels") or placed in a country or a town of one ("rebels in the Ivory Coast").

    Only phrases that say whose role it is (a demonym, a country or an organisation inside the
    phrase) become actors; a bare "officials" has no referent we could check.
    """
    covered = {i for m in ents if m.label in ACTOR_LABELS for i in range(m.start, m.end)}
    place_of = place_entities(doc)
    out = []
    for chunk in doc.noun_chunks:
        head = chunk.root
        if not is_role_word(head) or head.i in covered:
            continue
        start, end = tidy_span(doc, chunk.start, head.i + 1)
        mods = doc[start:head.i]
        homeless = not any(_is_country_word(t) or place_country(t) for t in mods) and not two_word_countries(mods) and \
            not any(country_of_place(e) for e in places_of_role(head, list(mods), place_of)) and \
            not (is_people_word(head) and any(country_of_place(e) for e in places_of_act(head, place_of)))
        # "Ivory Coast rebels", "rebels in the Ivory Coast", "prisoners rioted in Dili" say whose
        determiners = [c.lower_ for c in head.children if c.dep_ == "det"]
        institution = homeless and start == head.i and head.lower_ in STATE_INSTITUTIONS and \
            (determiners == ["the"] or (head.lower_ == "police" and not determiners))  # ("clashed with police")
        if homeless and not institution and not (is_people_word(head) and head.pos_ == "NOUN" and head.tag_ == "NNS"
                                                 and head.lemma_.lower() not in COMMENTATORS):
            continue  # a bare "officials" or "analysts" could be anyone's
        span = doc[start:end]
        out.append(Mention(start, end, span.start_char, span.end_char, span.text, "ROLE",
                           role=True, homeless=homeless, institution=institution))
        for other in co_nationals(doc[start:end]):  # "US and British activists": British ones too
            part = doc[other.i:end]
            out.append(Mention(other.i, end, part.start_char, part.end_char, part.text, "ROLE",
                               role=True, co_national=True))
    return out


def co_nationals(phrase: Span) -> list[Token]:
    """The first words of the later nationalities of a role phrase that names several joined by
    "and" or a comma ("US and British activists", "Chinese, Russian and Iranian officials", "US
    and South Korean troops"): the role is each one's."""
    doc = phrase.doc
    pairs = two_word_countries(phrase)
    out = []
    for t in phrase[:-1]:
        if not (_is_country_word(t) or t.i in pairs) or (t.i - 1 in pairs and pairs[t.i - 1] == pairs.get(t.i)):
            continue  # (the second word of "South Korean" is part of the first)
        before = doc[t.i - 1] if t.i > phrase.start else None
        joined = t.dep_ == "conj" and phrase.start <= t.head.i < t.i and _is_country_word(t.head)
        listed = before is not None and before.lower_ in (",", "and") and t.i - 2 >= phrase.start and \
            (_is_country_word(doc[t.i - 2]) or t.i - 2 in pairs)
        if joined or listed:
            out.append(t)
    return out


def places_of_act(head: Token, place_of: dict[int, Span]) -> list[Span]:
    """The places where the subject or object ``head`` acts or is acted on: after "in" or "at"
    on its verb or on the verb's object, one level down ("rioted at a jail in Dili", "staged
    rallies in the Gaza Strip", "killed three ethnic Albanians in a gunbattle in southeastern
    Serbia"). Empty for any other word."""
    if head.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return []
    verb = head.head
    nodes = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    found: dict[int, Span] = {}
    for node in nodes:
        for prep in node.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
                continue
            for o in prep.children:
                inner = [o, *(p2 for p in o.children if p.dep_ == "prep" and p.lower_ == "in" for p2 in p.children)]
                found.update({id(place_of[t.i]): place_of[t.i] for t in inner if t.i in place_of})
    return list(found.values())


def is_people_word(token: Token) -> bool:
    """A role of people outside the state ("activists", "prisoners", "villagers"): whose they
    are, when the text does not say, is where they act (PLOVER codes them by that country)."""
    sectors = agents().get(token.lower_) or agents().get(token.lemma_.lower()) or ()
    return bool(sectors) and not set(sectors) & TRAVELLING_SECTORS


STATE_INSTITUTIONS = frozenset({"military", "army", "navy", "police"})
"""Institutions a story names bare ("the military rescued all the passengers"): in a story about
one country, that country's."""

COMMENTATORS = frozenset({"analyst", "commentator", "critic", "diplomat", "economist", "expert", "investor",
                          "observer", "official", "politician", "researcher", "scholar", "scientist", "trader"})
"""People who speak about a country without being of it: no home country is given to them."""

TRAVELLING_SECTORS = frozenset({"GOV", "MIL", "IGO", "DIP", "LEG", "JUD", "MED", "BUS"})
"""Sectors of people who often act away from home or for others ("foreign ministers met in
Brussels", "reporters in Kabul"): where they act does not say whose they are."""


def is_role_word(token: Token) -> bool:
    """A noun naming a role or body ("minister", "militiamen", "refugees"): the curated heads
    plus every single-word entry of the Phoenix agents dictionary, by word or lemma."""
    if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("DATE", "TIME"):
        return False
    roles = agents()
    return token.lower_ in ROLE_HEADS or token.lower_ in roles or token.lemma_.lower() in roles


def two_word_countries(words: Span | list[Token]) -> dict[int, str]:
    """Token index -> country, for country names and demonyms of two words ("South Korean army
    officers", "New Zealand troops"), both words mapped."""
    c = countries()
    out: dict[int, str] = {}
    for a, b in zip(words, list(words)[1:], strict=False):
        pair = f"{a.lower_} {b.lower_}"
        iso = c.by_demonym.get(pair) or c.by_name.get(pair)
        if iso and b.i == a.i + 1:
            out[a.i] = out[b.i] = iso
    return out


def _is_country_word(token: Token) -> bool:
    c = countries()
    return token.lower_ in c.by_demonym or token.lower_ in c.by_name


LOCATIVE_PREPS = {"in", "at", "near", "from", "outside", "inside", "into", "to", "across", "toward", "towards",
                  "around", "throughout", "north", "south", "east", "west"}
RESIDENT_NOUNS = {"man", "woman", "men", "women", "resident", "residents", "native", "natives", "police", "officials",
                  "teen", "teenager", "boy", "girl", "couple", "family", "families", "council", "area", "county",
                  "schools", "school", "hospital", "neighborhood", "community", "mayor", "city"}


def _hyphenated_place_end(doc: Doc, start: int, end: int) -> int:
    """The end of a hyphenated place name the model cut at its first hyphen ("Croix" of
    "Croix-des-Bouquets"), when the whole name is in the gazetteer; else ``end``."""
    stop = end
    while stop + 1 < len(doc) and doc[stop].text == "-" and not doc[stop].whitespace_ and \
            not doc[stop - 1].whitespace_ and stop - start < 8:
        stop += 2
    if stop == end or not gazetteer().candidates(doc[start:stop].text):
        return end
    return stop


def _misread_place(doc: Doc, start: int, end: int, text: str) -> bool:
    """Whether a name the small model tagged as a person, group or organisation is a place:
    the gazetteer knows it, no named-actor entry claims it, and the text uses it as a place
    ("in Alexandria", "Alexandria, La.", "an Alexandria woman", "Kelleyland-based")."""
    found = gazetteer().candidates(text)
    if not found or not any(e.population >= 1000 or e.precision != "city" for e in found):
        return False
    if named_actors().lookup(text, None) is not None or countries().demonym(text):
        return False
    if "LEG" in agents().get(text.lower(), ()):
        return False  # a legislature named by its role ("pressure from Congress"), not Congress, Arizona
        # (other role words are towns often enough: "in Mission", Texas)
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in LOCATIVE_PREPS:
        return True
    if end + 1 < len(doc) and doc[end].text == ",":
        nxt = doc[end + 1].text
        if nxt.rstrip(".") in US_STATE_ABBREVIATIONS or countries().lookup(nxt) or any(
                e.precision == "admin1" for e in gazetteer().candidates(nxt)):
            return True
    if end < len(doc) and doc[end].lower_ in RESIDENT_NOUNS and doc[end - 1].dep_ == "compound":
        return True
    if end < len(doc) and doc[end].lower_ in PLACE_NOUNS and any(e.precision != "city" for e in found):
        return True  # "the eastern Punjab province", tagged as a nationality
    return end < len(doc) and doc[end].text in ("-based",)


def place_country(token: Token, loose: bool = False) -> str | None:
    """The country of a place name that modifies a role ("Darfur rebels", "Gaza residents"):
    the gazetteer's most prominent reading (a country, then a province, then the largest city).

    ``loose`` also reads proper nouns the small model tagged as organisations ("Balochistan
    Chief Minister"), for words in a person's title, where a place can only be a jurisdiction;
    a name that a known actor claims is never read as a place."""
    labels = ("GPE", "LOC", "ORG") if loose else ("GPE", "LOC")
    if token.ent_type_ not in labels or token.pos_ != "PROPN":
        return None
    if loose and token.ent_type_ == "ORG" and (named_actors().lookup(token.text, None) is not None or
                                               _in_longer_entity(token)):
        return None  # a word of a longer name ("Arab League") is not a place ("Arab, Alabama")
    return country_of_place_name(token.text)


def _in_longer_entity(token: Token) -> bool:
    """Whether the token's entity has other tokens ("Arab" in "Arab League")."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.ent_iob_ == "I" or (following is not None and following.ent_iob_ == "I")


LOCATING_PREPS = ("in", "from", "throughout", "across")
"""Prepositions that place a role somewhere: "rebels in the Ivory Coast"."""


def place_entities(doc: Doc) -> dict[int, Span]:
    """Token index -> the GPE or LOC entity it belongs to."""
    return {t.i: e for e in doc.ents if e.label_ in ("GPE", "LOC") for t in e}


def places_of_role(head: Token, tokens: list[Token], place_of: dict[int, Span],
                   preps: tuple[str, ...] = LOCATING_PREPS) -> list[Span]:
    """The place entities among ``tokens`` (a role's modifiers) and after one of ``preps`` on
    the role's ``head``, each once."""
    found = {id(place_of[t.i]): place_of[t.i] for t in tokens if t.i in place_of}
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            found.update({id(place_of[o.i]): place_of[o.i] for o in prep.children if o.i in place_of})
    return list(found.values())


def country_of_place(span: Span) -> str | None:
    """The country a place entity names or lies in."""
    return countries().lookup(span.text) or country_of_place_name(span.text)


def country_of_place_name(name: str) -> str | None:
    """The country of the gazetteer's most prominent reading of a place name (a country, then
    a province, then the largest city)."""
    found = gazetteer().candidates(name)
    if not found:
        return None
    rank = {"country": 0, "admin1": 1, "admin2": 2, "city": 3}
    best = min(found, key=lambda e: (rank.get(e.precision, 4), -e.population))
    return best.country or None


def left_context(doc: Doc, start: int, limit: int = 7) -> Span:
    """Title and modifier words right before a name: "Russian Defense Minister" in
    "Russian Defense Minister Sergey Shoigu", "the Libyan National Army commander Marshal"."""
    i = start
    while i > 0 and start - i < limit:
        t = doc[i - 1]
        if t.lower_ == "of" and i >= 2 and doc[i - 2].lower_ in PERSON_TITLES:
            i -= 1  # "Secretary of State Marco Rubio", "Chief of Staff"
            continue
        if t.is_punct or t.is_space or t.pos_ in ("VERB", "AUX", "ADP", "PRON", "SCONJ", "CCONJ",
                                                   "DET", "NUM", "PART"):
            break
        i -= 1
    return doc[i:start]
