"""Actors: merge mentions into document-level actors with a country and sector codes.

Merging rules, in order: acronyms defined in parentheses ("Government of National Accord
(GNA)"), acronyms equal to a name's initials ("LNA" = "Libyan National Army"), person names
without titles where one is a tail of the other ("Haftar" = "Field Marshal Khalifa Haftar"),
and organisation names that differ only by a leading country word ("Defense Ministry" =
"Russian Defense Ministry"). Country and sector come from the words of every mention and the
titles right before it (demonyms, country names, role words from the Phoenix agents
dictionary), and from knowledge of intergovernmental organisations and news outlets.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from eventwire.extract.mentions import (
    ACTOR_LABELS,
    PERSON_TITLES,
    TRAVELLING_SECTORS,
    Mention,
    co_nationals,
    country_of_place,
    left_context,
    place_country,
    place_entities,
    places_of_act,
    places_of_role,
    two_word_countries,
)
from eventwire.nlp import doc_text
from eventwire.record import Actor, ActorKind
from eventwire.resolve.kb import IGO_NAMES, MEDIA_NAMES, SEATS_OF_POWER, agents, countries, named_actors

STATE_ROLES = frozenset({"GOV", "LEG", "MIL", "COP", "JUD", "SPY"})
SCENE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout"})
RESIDENCE_PREPS = ("in", "of", "throughout", "across")
"""Prepositions that say where a group lives ("Albanians of southern Serbia"); not "from"."""
US_PARTIES = frozenset({"republican", "democratic", "democrat", "gop"})
CONGRESS_TITLES = frozenset({"representative", "rep.", "senator", "sen.", "congressman", "congresswoman",
                             "congressmember", "lawmaker"})


@dataclass
class ActorDraft:
    names: list[str] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)  # indexes into the mention list
    labels: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    sectors: Counter[str] = field(default_factory=Counter)
    person_evidence: int = 0
    igo: bool = False


def singular_of(token: Token) -> str:
    """The singular of a word, for looking it up among role words. The lemmatiser leaves
    proper nouns as they are, so their plural ending is taken off here: "Malaysia
    Airlines" is an airline, "Syrian Democratic Forces" a force."""
    lemma = token.lemma_.lower()
    if token.pos_ != "PROPN" or lemma != token.lower_:
        return lemma
    if lemma.endswith("ies"):
        return lemma[:-3] + "y"
    return lemma[:-1] if lemma.endswith("s") and not lemma.endswith("ss") else lemma


def strip_titles(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower().strip(",") in PERSON_TITLES:
        words = words[1:]
    return " ".join(words)


def initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][\w-]*", name)
                   if w.lower() not in ("of", "for", "the", "and"))


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The name without titles, lower-cased and without accents ("Jovenel Moïse" is the "Jovenel
    Moise" of the story's other lines): cached, since merging mentions compares every new name
    with every earlier one (a story's few hundred names are keyed tens of thousands of times)."""
    key = strip_titles(name).replace("’", "'").lower()
    if key.isascii():
        return key
    return "".join(ch for ch in unicodedata.normalize("NFKD", key) if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 16)
def surnames(key: str) -> tuple[str, ...]:
    """Each word of a name key as a surname (:func:`surname`)."""
    return tuple(surname(w) for w in key.split())


@lru_cache(maxsize=1 << 16)
def surname(word: str) -> str:
    """"al-Burhan" and "Burhan" are one surname: Arabic articles are dropped in short forms."""
    return re.sub(r"^(?:al|el|ad|as|ash|at|an|ar|az|ul)-", "", word)


def _sets_scene(place: Token) -> bool:
    """Whether a place word is where something happens: after "in", "at", "near" …, directly
    or through "of" ("in the east of the Gaza Strip")."""
    node = place
    for _ in range(4):
        prep = node.head
        if prep.dep_ != "prep" or prep is node:
            return False
        if prep.lower_ in SCENE_PREPS:
            return True
        if prep.lower_ != "of":
            return False
        node = prep.head  # "the east" of "… of the Gaza Strip"
    return False


class ActorBuilder:
    """Collects mentions of one document and merges them into actors."""

    def __init__(self, doc: Doc, mentions: list[Mention], published: str | None = None) -> None:
        self.doc = doc
        self.published = published
        self.mentions = mentions
        self.drafts: list[ActorDraft] = []
        self.of_mention: dict[int, int] = {}
        self.acronyms = self._parenthetical_acronyms()
        self.place_entity = place_entities(doc)
        self.organisations = [e for e in doc.ents if e.label_ == "ORG"]  # Doc.ents builds new spans on each access

    def _parenthetical_acronyms(self) -> dict[str, str]:
        """"Government of National Accord (GNA)" -> {"gna": "government of national accord"}."""
        out: dict[str, str] = {}
        for m in re.finditer(r"([A-Z][\w’'-]*(?:\s+(?:of|for|the|and|in|[A-Z][\w’'-]*))+)\s*\(([A-Z]{2,8})\)",
                             doc_text(self.doc)):
            long_form, acro = m.group(1), m.group(2)
            words = long_form.split()
            # keep the shortest tail whose initials spell the acronym, else the whole phrase
            for k in range(len(words)):
                tail = " ".join(words[k:])
                if initials(tail) == acro:
                    long_form = tail
                    break
            out[acro.lower()] = name_key(long_form)
        return out

    def build(self) -> tuple[list[Actor], dict[int, str]]:
        for i, m in enumerate(self.mentions):
            if (m.label in ACTOR_LABELS or m.role) and not m.homeless:
                self._add(i, m)
        self._merge_by_acronym()
        home = self._home_country()
        if home is not None:
            self._home_country_for_officials(home)
        self._home_country_for_residents(home or self._sole_country())
        actors: list[Actor] = []
        mention_actor: dict[int, str] = {}
        for n, d in enumerate(self.drafts):
            actor = self._finish(n, d)
            actors.append(actor)
            for i in d.mentions:
                mention_actor[i] = actor.id
        return actors, mention_actor

    def _add(self, i: int, m: Mention) -> ActorDraft | None:
        """File mention ``i`` under its actor draft (a new one or one it names again); None
        when the mention names no actor of its own (a city, a nationality adjective)."""
        c = countries()
        text = m.text
        key = name_key(text)
        capital_of = None
        if m.label == "GPE" and c.lookup(text) is None:
            capital_of = self._capital_metonym(m)
            if capital_of is None:
                return None  # a city or region: a place, not an actor
        if m.label == "NORP" and c.by_demonym.get(key) and not text.endswith("s"):
            iso = c.by_demonym[key]
            if self._owns_a_thing(m):  # "Iraqi towns", "an Indian proposal": the country
                owner = self._country_draft(iso)
                owner.mentions.append(i)
                owner.labels["GPE"] += 1
                owner.countries[iso] += 3
            return None  # else an adjective ("Russian officials"): read as a modifier, not an actor
        draft = self._find(key, m)
        if draft is None and m.label == "GPE" and (named := c.lookup(text)) is not None:
            draft = self._existing_country_draft(named)  # "Britain" after "British goods"
        if draft is None:
            draft = ActorDraft()
            self.drafts.append(draft)
        if text not in draft.names:
            draft.names.append(text)
        draft.mentions.append(i)
        label = "GPE" if m.label == "ORG" and key in c.by_name else m.label  # "Mozambique" tagged ORG
        draft.labels[label] += 1
        self._read_features(draft, m)
        if capital_of is not None:  # "Moscow said": Russia's government
            draft.labels["CAPITAL"] += 1
            draft.countries[capital_of] += 3
            draft.sectors["GOV"] += 2
        return draft

    def _owns_a_thing(self, m: Mention) -> bool:
        """Whether a nationality adjective modifies a common noun no other mention covers: the
        noun names a thing of that country or its people ("Iraqi towns", "an Australian
        ultimatum", "Iraqi youths"), and the country is the party an event concerns. Not where
        the noun is an actor of its own ("Russian officials" is a role mention)."""
        if m.end - m.start != 1:
            return False
        word = self.doc[m.start]
        head = word.head
        if word.dep_ not in ("amod", "compound") or head.pos_ != "NOUN" or head.i == word.i:
            return False
        return not any(o.start <= head.i < o.end for o in self.mentions if o is not m)

    def _existing_country_draft(self, iso: str) -> ActorDraft | None:
        """The draft of the country ``iso``, under any of its names."""
        c = countries()
        return next((d for d in self.drafts if d.labels.get("GPE") and any(c.lookup(n) == iso for n in d.names)),
                    None)

    def _country_draft(self, iso: str) -> ActorDraft:
        """The draft of the country ``iso``, made from its short name when there is none yet."""
        found = self._existing_country_draft(iso)
        if found is not None:
            return found
        draft = ActorDraft(names=[countries().names[iso]])
        self.drafts.append(draft)
        return draft

    def _capital_metonym(self, m: Mention) -> str | None:
        """The country whose capital ``m`` names, when the capital acts rather than is a place:
        the subject of a verb ("Moscow said"), an agent ("by Washington"), a possessor
        ("Tehran's response"), or a party after with/against/on ("sanctions on Tehran")."""
        iso = countries().by_capital.get(name_key(m.text))
        if iso is None:
            return None
        head = self.doc[m.start:m.end].root
        if head.dep_ in ("nsubj", "nsubjpass", "poss"):
            return iso
        if head.dep_ == "pobj" and head.head.lower_ in ("by", "with", "against", "on") and \
                head.head.head.pos_ in ("VERB", "NOUN"):
            return iso
        return None

    def _find(self, key: str, m: Mention) -> ActorDraft | None:
        for d in self.drafts:
            for name in d.names:
                other = name_key(name)
                if other == key:
                    return d
                if self._same_person(key, other, m, d) or self._same_org(key, other):
                    return d
        return None

    @staticmethod
    def _same_person(a: str, b: str, m: Mention, d: ActorDraft) -> bool:
        if m.label in ("GPE", "NORP") or "GPE" in d.labels or m.role:
            return False
        wa, wb = surnames(a), surnames(b)
        if not wa or not wb or wa[-1] != wb[-1] or len(wa[-1]) < 3:
            return False
        short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
        return long_[-len(short):] == short and (len(short) == 1 or len(long_) > len(short))

    @staticmethod
    def _same_org(a: str, b: str) -> bool:
        """Organisation names equal but for a leading country word."""
        c = countries()
        wa, wb = a.split(), b.split()
        if len(wa) == len(wb) or min(len(wa), len(wb)) < 2:
            return False
        short, long_ = (wa, wb) if len(wa) < len(wb) else (wb, wa)
        extra = long_[: len(long_) - len(short)]
        return long_[len(extra):] == short and all(
            w in c.by_demonym or w in c.by_name for w in extra)

    def _read_features(self, d: ActorDraft, m: Mention) -> None:
        c = countries()
        roles = agents()
        words = [t for t in left_context(self.doc, m.start)] + list(self.doc[m.start:m.end])
        lowered = [t.lower_ for t in words]
        text_key = name_key(m.text)
        if text_key in IGO_NAMES or re.match(r"(un|united nations)\b", text_key) or \
                any(w in ("un", "u.n.", "unsmil", "nato", "eu") for w in lowered):
            d.igo = True
        if m.label == "PERSON" and any(name_key(e.text) in IGO_NAMES for e in self.organisations
                                       if m.start - 7 <= e.start and e.end <= m.start and e.end > words[0].i):
            d.igo = True  # "Arab League Secretary General Chadli Klibi": the organisation's official
        if text_key in MEDIA_NAMES:
            d.sectors["MED"] += 2
        if text_key in SEATS_OF_POWER:
            seat_country, seat_sector = SEATS_OF_POWER[text_key]
            d.countries[seat_country] += 3
            d.sectors[seat_sector] += 2
        if m.co_national:
            words = list(self.doc[m.start:m.end])  # "British activists": not the "US and" before it
            lowered = [t.lower_ for t in words]
        paired = two_word_countries(words)  # "South Korean army officers"
        later = {t.i for t in co_nationals(self.doc[m.start:m.end])} if m.role else set()
        later |= {t + 1 for t in later if paired.get(t + 1) == paired.get(t, "")}  # "… and South Korean"
        paired = {t: iso for t, iso in paired.items() if t not in later}
        for pair_iso in dict.fromkeys(paired.values()):
            d.countries[pair_iso] += 1
        for t in words:
            if t.i > 1 and self.doc[t.i - 1].text == "-" and self.doc[t.i - 2].lower_ in ("anti", "pro"):
                continue  # "an anti-Syria journalist", "pro-Russia rebels": not that country's
            if t.i in paired or t.i in later:
                continue  # (a later nationality of a shared role is its own actor's)
            iso = (c.by_demonym.get(t.lower_) or (c.demonym(t.lower_) if t.ent_type_ == "NORP" else None)
                   or (c.by_name.get(t.lower_) if t.ent_type_ in ("GPE", "NORP", "ORG") else None))
            # (the small model tags some countries as organisations: "Belarus's rulers")
            if iso:
                d.countries[iso] += 1
                if t.i > 0 and self.doc[t.i - 1].lower_ == "ethnic":  # PLOVER codes an ethnic group
                    for home in self._residence_countries(m):  # by where it lives: "ethnic Albanians
                        d.countries[home] += 2  # in south Serbia", "… demonstrated in Serbia": Serbia
            elif m.role and t.i < m.end - 1 and (where := place_country(t)):
                d.countries[where] += 1  # "Darfur rebels": the place's country
        if m.label in ("PERSON", "ORG"):
            known = named_actors().lookup(m.text, self.published) or \
                named_actors().lookup(name_key(m.text), self.published)
            fuller = any(len(name_key(n).split()) > len(text_key.split()) for n in d.names)
            if known is None and m.label == "PERSON" and not fuller:  # "President Mugabe": Robert Mugabe
                known = named_actors().lookup_person(name_key(m.text), self.published)
                # (not "Rubio" after "Marco Rubio": the text has named him, and he is not the
                # dictionary's Francisco Javier Ruperez Rubio)
            first, _, rest = text_key.partition(" ")
            if known is None and m.label == "ORG" and rest and first in c.by_demonym and \
                    (group := named_actors().lookup(rest, self.published)) is not None:
                known = (None, group[1])  # "the Afghan Taliban": the group's sectors; its stated country
            if known is not None and " " not in m.text.strip() and m.text.lower() in agents() and \
                    self._possessor_countries(m):
                known = (None, known[1])  # "Rwanda's Senate": the owner's, not the dictionary's (US) Senate
            if known is not None:  # "Boris Yeltsin" in 1995: Russia's government
                if known[0] is not None:
                    d.countries[known[0]] += 3
                for s in known[1]:
                    d.sectors[s] += 2
                d.igo = d.igo or "IGO" in known[1]  # "the Arab League", "NATO"
        elif m.label == "NORP" and not c.lookup(m.text):
            known = named_actors().lookup(m.text, self.published)
            if known is not None and known[0] is None and "IMG" in known[1]:
                for s in known[1]:  # the small model tags some armed groups as a nationality: "ISIL"
                    d.sectors[s] += 2
        if m.label == "GPE" or (m.label == "ORG" and text_key in c.by_name):
            iso = c.lookup(m.text)
            if iso:
                d.countries[iso] += 3
        for iso in self._possessor_countries(m):
            d.countries[iso] += 2  # "Jordan's visiting King Abdullah II", "Iraq's national security advisor"
        if m.role:
            for iso in self._located_countries(m, words):
                d.countries[iso] += 1
        if m.label == "PERSON":
            self._read_person_context(d, m, lowered)
        lemmas = [singular_of(t) for t in words]
        silent: set[int] = set()  # words of a title that names no sector ("Secretary General")
        for n in (3, 2, 1):  # "secretary of state", "defense minister", "minister"
            for k in range(len(lowered) - n + 1):
                phrase = " ".join(lowered[k:k + n])
                singular = " ".join(lowered[k:k + n - 1] + lemmas[k + n - 1:k + n])  # "farmers" -> "farmer"
                if roles.get(phrase, ()) == () and phrase in roles:
                    silent.update(range(k, k + n))
                if n == 1 and k in silent:
                    continue
                found = roles.get(phrase) or roles.get(singular)
                for s in found or ():
                    d.sectors[s] += 1
        if m.role and not d.countries and not d.igo and not set(d.sectors) & TRAVELLING_SECTORS:
            for iso in self._residence_countries(m):  # "angry activists … staged rallies in the Gaza
                d.countries[iso] += 1  # Strip": people of no stated country are where they act
        if any(t.lower_ in PERSON_TITLES for t in words[: len(words) - (m.end - m.start)]) or \
                m.label == "PERSON":
            d.person_evidence += 1
        if any(t.lower_ in ("marshal", "field") for t in words):
            d.person_evidence += 1

    def _read_person_context(self, d: ActorDraft, m: Mention, before: list[str]) -> None:
        """Country and role of a person from the words around the name.

        - A place in the title ("Balochistan Chief Minister Sarfraz Bugti", "Lamu County
          Commissioner"): the place's country.
        - A US party with a congressional title ("Republican Representative Michael McCaul",
          "Democratic Sen. X"): a member of the US Congress.
        - An apposition ("Imran Hayat, divisional superintendent railways in Quetta", "Frantz
          Exantus, Haiti's secretary of state"): its country words, places and role words.
        """
        c = countries()
        roles = agents()
        for t in left_context(self.doc, m.start):
            where = place_country(t, loose=True)
            if where and not c.by_demonym.get(t.lower_):
                d.countries[where] += 1
        if set(before) & US_PARTIES and set(before) & CONGRESS_TITLES:
            d.countries["USA"] += 2
            d.sectors["LEG"] += 2
        head = self.doc[m.start:m.end].root
        described = [child for child in head.children if child.dep_ == "appos"]
        if head.dep_ == "appos" and head.head.pos_ == "NOUN":  # "the U.N.'s special representative, Helen La Lime"
            described.append(head.head)
        for appos in described:
            phrase = [t for t in appos.subtree if abs(t.i - appos.i) < 8 and not m.start <= t.i < m.end]
            if any(t.lower_ in ("un", "u.n.") or (t.lower_ == "united" and t.i + 1 < len(self.doc)
                                                   and t.nbor(1).lower_ == "nations") for t in phrase):
                d.igo = True
            # "former diplomat": no longer the role, nor necessarily the country's
            current = [t for t in phrase if t.lower_ != "former" and
                       not any(x.lower_ in ("former", "ex", "retired") for x in t.children)]
            for t in current:
                iso = c.by_demonym.get(t.lower_) or (c.lookup(t.text) if t.ent_type_ in ("GPE", "NORP") else None) \
                    or place_country(t, loose=True)
                if iso:
                    d.countries[iso] += 2
            words = [t.lower_ for t in current]
            for n in (3, 2, 1):  # "secretary of state", "chief minister", "adviser"
                for k in range(len(words) - n + 1):
                    for sector in roles.get(" ".join(words[k:k + n])) or ():
                        d.sectors[sector] += 1

    def _located_countries(self, m: Mention, words: list[Token]) -> list[str]:
        """Countries of the places a role is placed in: a place name of several words in or
        before it ("Ivory Coast rebels": one-word names are read token by token), or a place
        after "in", "from" or "throughout" ("rebels in the Ivory Coast", "demonstrators in
        Baghdad")."""
        several = [t for t in words if len(self.place_entity.get(t.i) or ()) > 1]
        places = places_of_role(self.doc[m.start:m.end].root, several, self.place_entity)
        return [iso for e in places if (iso := country_of_place(e))]

    def _residence_countries(self, m: Mention) -> list[str]:
        """Countries of the places a group is said to be in, by its own phrase ("in south
        Serbia", "of southern Serbia") or, for a subject, by its verb ("demonstrated in Serbia")."""
        head = self.doc[m.start:m.end].root
        described = [head, *(c for c in head.children if c.dep_ == "acl")]  # "guerrillas operating in …"
        own = [e for node in described for e in places_of_role(node, [], self.place_entity, RESIDENCE_PREPS)]
        return [iso for e in own + places_of_act(head, self.place_entity) if (iso := country_of_place(e))]

    def _possessor_countries(self, m: Mention) -> list[str]:
        """Countries named as the possessor of the mention's phrase (through its head noun)."""
        c = countries()
        head = self.doc[m.start:m.end].root
        out = []
        for node in (head, *[t for t in head.children if t.dep_ == "compound"]):
            for child in node.children:
                if child.dep_ == "poss" and not (m.start <= child.i < m.end):
                    iso = c.lookup(child.text)
                    if iso:
                        out.append(iso)
        if head.dep_ == "compound" and head.head.dep_ != "poss":  # the mention modifies a noun: its possessor
            for child in head.head.children:
                if child.dep_ == "poss" and not (m.start <= child.i < m.end):
                    iso = c.lookup(child.text)
                    if iso:
                        out.append(iso)
        return out

    def _home_country(self) -> str | None:
        """The country the story is about, when one clearly dominates: named at least twice
        and 1.5 times as often as any other."""
        named: Counter[str] = Counter()
        for d in self.drafts:
            if self._kind(d) == "country" and d.countries:
                named[d.countries.most_common(1)[0][0]] += len(d.mentions)
        ranked = named.most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]):
            return None
        return ranked[0][0]

    def _sole_country(self) -> str | None:
        """The one country every actor with a country belongs to ("The Sudanese government has
        accused Darfur rebels …"), if there is exactly one."""
        found = {d.countries.most_common(1)[0][0] for d in self.drafts if d.countries and not d.igo}
        return found.pop() if len(found) == 1 else None

    def _home_country_for_residents(self, home: str | None) -> None:
        """Groups of people the text gives no country ("Moslem fundamentalist demonstrators",
        "Darfur rebels" where the gazetteer lacks Darfur) are of the place their sentence sets a
        scene in, else of the story's country (``home``): PLOVER codes protesters, rebels and
        police by the country where they act, and a story about one country is where they act.
        With neither they stay mentions, not actors."""
        for i, m in enumerate(self.mentions):
            if not m.homeless:
                continue
            country = (None if m.institution else self._scene_country(m)) or home
            if country is None:
                continue
            draft = self._add(i, m)
            if draft is not None and not draft.countries and not draft.igo:
                draft.countries[country] += 1

    def _scene_country(self, m: Mention) -> str | None:
        """The one country of the places its sentence sets a scene in ("… killed 23 people …
        when they blew themselves up in Tel Aviv"): where the people are."""
        sentence = self.doc[m.start].sent
        found = {iso for t in sentence if t.i in self.place_entity and _sets_scene(t)
                 and (iso := country_of_place(self.place_entity[t.i]))}
        return found.pop() if len(found) == 1 else None

    def _home_country_for_officials(self, home: str) -> None:
        """An official whose country the text never states ("Prime Minister Shehbaz Sharif" in a
        story about Pakistan) takes the country the story is about (:meth:`_home_country`; one
        country named once is too little: a lone "Russia" in a story does not make every
        unknown president Russian). Only people with a state role: a state's officials are
        mostly its own; analysts and witnesses are not."""
        for d in self.drafts:
            if not d.countries and not d.igo and set(d.sectors) & STATE_ROLES and self._kind(d) == "person":
                d.countries[home] += 1

    def _merge_by_acronym(self) -> None:
        """Merge "GNA" into "Government of National Accord", "LNA" into "Libyan National Army"."""
        for d in list(self.drafts):
            acro = next((n for n in d.names if re.fullmatch(r"[A-Z]{2,8}", n)), None)
            if acro is None:
                continue
            target_key = self.acronyms.get(acro.lower())
            for other in self.drafts:
                if other is d:
                    continue
                hit = any(name_key(n) == target_key or name_key(n).endswith(" " + (target_key or "#"))
                          or initials(strip_titles(n)) == acro for n in other.names
                          if not re.fullmatch(r"[A-Z]{2,8}", n))
                if hit:
                    other.names.extend(n for n in d.names if n not in other.names)
                    other.mentions.extend(d.mentions)
                    other.labels.update(d.labels)
                    other.countries.update(d.countries)
                    other.sectors.update(d.sectors)
                    other.person_evidence += d.person_evidence
                    other.igo = other.igo or d.igo
                    self.drafts.remove(d)
                    break

    def _finish(self, n: int, d: ActorDraft) -> Actor:
        kind = self._kind(d)
        names = [strip_titles(x) for x in d.names]
        long_names = [x for x in names if not re.fullmatch(r"[A-Z]{2,8}", x)] or names
        canonical = max(long_names, key=lambda x: (len(x.split()), len(x)))
        if kind == "organization":
            canonical = re.sub(r"^(?:[Tt]he\s+)", "", canonical)
        country = None if d.igo else (d.countries.most_common(1)[0][0] if d.countries else None)
        if kind == "country" and country is None:
            country = countries().lookup(canonical)
        sectors = ["IGO"] if d.igo else []
        sectors += [s for s, _ in d.sectors.most_common() if s not in sectors]
        if kind == "country" and "GOV" not in sectors:
            sectors.insert(0, "GOV")
        aliases = list(dict.fromkeys(d.names + names))
        return Actor(id=f"A{n + 1}", name=canonical, kind=kind, country=country,
                     sector=tuple(sectors), aliases=tuple(aliases),
                     mentions=tuple(f"T{i + 1}" for i in sorted(d.mentions)))

    @staticmethod
    def _kind(d: ActorDraft) -> ActorKind:
        if d.labels.get("GPE") and (countries().lookup(d.names[0]) or d.labels.get("CAPITAL")):
            return "country"
        if d.labels.get("PERSON", 0) * 2 + d.person_evidence * 2 > sum(
                v for k, v in d.labels.items() if k in ("ORG",)) + (1 if d.igo else 0):
            return "person"
        if d.labels.get("NORP") or d.labels.get("ROLE"):
            return "group"
        return "organization"
