"""Event arguments: who did an act and to whom, found in the dependency parse.

A verb takes its subject as source (the agent of a passive, the reporter of a quoted
plural pronoun, the subject of the verb it is joined to) and its object or a with, against
or on complement as target; an event noun takes its owner, a party word before it or a
party after "by" as source. When the text names no party, the target is looked for beyond
the thing acted on (its owner, a recipient, a destination, the country of a place), in the
order the methods of :class:`ArgumentFinder` try them. :class:`~eventwire.extract.events.EventExtractor`
finds triggers and codes them; this module fills their sources and targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventwire.extract.context import PRONOUNS_PLURAL, DocContext
from eventwire.extract.intents import is_condition
from eventwire.record import ActorRef
from eventwire.resolve.kb import Triggers, agents, countries

UNDER_ATTACK = {"attack", "fire", "shelling", "bombardment", "assault", "siege", "gunfire"}
"""Nouns of "came under attack": the subject is the target of an assault."""
FIGHT_NOUNS = frozenset({"battle", "gunbattle", "gunfight", "firefight", "shootout", "clash", "fighting",
                         "skirmish", "fight"})
"""Fights: who was killed in one "with" a party was killed by that party."""
TELLING_VERBS = frozenset({"tell", "inform", "assure", "remind", "warn", "brief", "notify", "reassure"})
"""Verbs of telling someone something: a "that" clause after their hearer is what is told."""
EXPLOSIONS = frozenset({"bombing", "bomb", "blast", "explosion"})
"""Nouns of attacks that may be an air raid or a planted bomb ("a suicide car bombing"): no
sign by themselves that people were killed by military means."""
MATERIAL_STEPS = {"COERCE", "SANCTION", "RETREAT", "AID", "MOBILIZE"}
"""Types whose acts are separate steps even when told in one breath ("arrested and sentenced")."""
HELP_NOUNS = {"help", "assistance", "support", "backing", "aid", "cooperation", "blessing", "approval"}
"""What a helper gives ("with Albania's help"): the party after "with" is no target then."""
DESTINATION_TYPES = {"AID", "CONSULT", "MOBILIZE", "SUPPORT"}
TARGET_PREPS = {"with", "against", "on", "at", "to", "into"}
TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
              "yesterday", "tomorrow", "tonight", "week", "month", "year", "weekend", "morning", "evening",
              "night", "afternoon"}


def role_sectors(span: Span | None) -> tuple[str, ...]:
    """Sectors of the role word heading a phrase, looking through quantities ("thousands of
    students": the students)."""
    if span is None:
        return ()
    head = span.root
    for _ in range(3):  # "hundreds of thousands of people"
        of = next((p for p in head.children if p.dep_ == "prep" and p.lower_ == "of"), None)
        if of is None or not (head.like_num or head.lower_ in QUANTITY_WORDS):
            break
        head = next((o for o in of.children if o.dep_ == "pobj"), head)
    roles = agents()
    return roles.get(head.lower_) or roles.get(head.lemma_.lower()) or ()


QUANTITY_WORDS = {"hundreds", "thousands", "tens", "dozens", "scores", "millions", "crowds", "crowd", "group", "groups"}


PURPOSE_VERBS = frozenset({"protest", "demand", "press", "show", "call", "denounce", "oppose", "condemn",
                           "urge", "seek", "express", "voice", "decry", "force", "pressure"})
"""Verbs of a protest's purpose clause ("… to protest X", "… calling for X's removal")."""


PURPOSE_PREPS = frozenset({"against", "over", "following"})


DEFIANCE_NOUNS = frozenset({"defiance", "protest", "opposition", "support", "solidarity"})


PARTY_DEPS = frozenset({"pobj", "dobj", "poss", "compound", "amod", "nmod", "appos"})


def states_purpose(part: Token) -> bool:
    """A clause or phrase that says what a protest is for or against: "to protest …", "calling
    for …", "over the bill …", "in defiance of …"."""
    if part.dep_ in ("advcl", "xcomp", "acl", "conj") and part.lemma_ in PURPOSE_VERBS:
        return True
    if part.dep_ == "prep" and part.lower_ in PURPOSE_PREPS:
        return True
    return part.dep_ == "prep" and part.lower_ == "in" and any(
        o.dep_ == "pobj" and o.lemma_ in DEFIANCE_NOUNS for o in part.children)


def came_under(tok: Token) -> bool:
    """"came under attack", "came under heavy fire": an assault on the subject."""
    prep = tok.head
    return tok.dep_ == "pobj" and tok.lemma_.lower() in UNDER_ATTACK and prep.lower_ == "under" and \
        prep.head.lemma_.lower() == "come"


def is_time_word(token: Token) -> bool:
    return token.ent_type_ in ("DATE", "TIME") or token.lower_ in TIME_WORDS


CASUALTY_VERBS = {"kill", "wound", "injure", "maim", "leave", "claim"}


def wanted_doer(tok: Token) -> Token | None:
    """Who is wanted to act: the subject of the infinitive clause of "want" or "wish" (not a
    pronoun standing for the wanter, and never "it")."""
    for c in tok.children:
        if c.dep_ in ("ccomp", "xcomp") and is_infinitive(c):
            subj = next((s for s in c.children if s.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ in ("PROPN", "NOUN"):
                return subj
    return None


def split_gerund(noun: Token) -> Token | None:
    """The gerund the small parser split off a noun after "in" ("killed in Israeli tank
    shelling": "tank" as the object of "in", "shelling" as a clause of "killed"), if any."""
    verb = noun.head.head if noun.head.dep_ == "prep" else None
    if verb is None or noun.i + 1 >= len(noun.doc):
        return None
    after = noun.doc[noun.i + 1]
    if after.tag_ == "VBG" and after.dep_ == "advcl" and after.head.i == verb.i and noun.pos_ == "NOUN":
        return after
    return None


RESPONSIBILITY_VERBS = frozenset({"claim", "take", "accept", "assume", "admit", "bear"})
"""Verbs by which a group owns an attack: "claimed responsibility for", "took credit for"."""


def claimed_responsibility(tok: Token) -> Token | None:
    """The verb by which a group says an attack was its own ("claimed responsibility for the
    attack", "took credit for attacking a military vehicle"), or None."""
    prep = tok.head
    if tok.dep_ not in ("pobj", "pcomp") or prep.lower_ != "for":
        return None
    noun = prep.head
    if noun.pos_ == "VERB":  # "took credit for …" with "for" hung on the verb
        noun = next((c for c in noun.children if c.dep_ == "dobj"), noun)
    if noun.lemma_.lower() not in ("responsibility", "credit") or noun.dep_ != "dobj":
        return None
    verb = noun.head
    if verb.lemma_.lower() not in RESPONSIBILITY_VERBS or any(c.dep_ == "neg" for c in verb.children):
        return None
    if any(d.lower_ == "no" for c in verb.children if c.dep_ == "nsubj" for d in c.children):
        return None  # "no group has claimed responsibility for the bombing"
    return verb


def told_that(word: Token) -> bool:
    """The "that" of what a hearer was told, which the parser reads as a relative pronoun
    ("told a cabinet meeting that he had met …"): no party."""
    clause = word.head
    return word.lower_ == "that" and clause.dep_ == "relcl" and clause.head.dep_ in ("dobj", "dative") and \
        clause.head.head.lemma_.lower() in TELLING_VERBS


def complement_act(c: Token) -> bool:
    """An act a verb leads to: its infinitive complement ("threatened to shell") or purpose
    ("opened fire to disperse demonstrators")."""
    if c.pos_ not in ("VERB", "AUX"):
        return False
    return c.dep_ == "xcomp" or (c.dep_ == "advcl" and is_infinitive(c))


def acts_for_passive_subject(verb: Token) -> bool:
    """Whether a verb hung on a passive is done by the passive's subject: an infinitive
    complement or purpose ("is scheduled to attend", "was created to investigate"), or an active
    verb joined to it ("will be led by X and will investigate"); not a participle ("were killed
    in … shelling") or another passive ("were arrested and sentenced")."""
    if verb.dep_ in ("xcomp", "advcl"):
        return is_infinitive(verb)
    return verb.dep_ == "conj" and verb.tag_ != "VBN"


def is_infinitive(verb: Token) -> bool:
    """Whether a verb is a to-infinitive ("to help", "to disperse")."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


Anchor = tuple[str, str, int, int]
"""(record id, text, start, end) of the place or time a token belongs to."""


@dataclass
class Draft:
    trigger: Token
    cameo: str
    source: list[ActorRef] = field(default_factory=list)
    target: list[ActorRef] = field(default_factory=list)
    nominal: bool = False
    object_coded: bool = False
    """The code came from the verb with its object ("imposed sanctions"): the object names the
    act, not the party it is aimed at."""
    measure: Token | None = None
    """For a nominal act counted out ("tons of aid", "hours of talks"): the measure noun, which
    stands where the act would ("provided 700 tons of aid")."""
    received: bool = False
    """The act is a giving told from the receiver's side ("received arms from Iran"): the giver
    is the source, the receiver the target."""
    carrier: Token | None = None
    """For an act named by the manner of another ("massed in protest"): the verb it qualifies,
    whose subject does it."""
    pressed: bool = False
    """Pressure told from the side of the one pressed ("faces pressure from Congress to"): the
    party after "from" presses, the subject of :attr:`carrier` is pressed."""

    @property
    def stand_in(self) -> Token:
        """The word that stands where a nominal act sits in the clause: its measure or itself."""
        return self.measure or self.trigger


class ArgumentFinder:
    """Sources and targets of event drafts (:meth:`_fill_args`), with the party-finding steps
    it is made of. A base of :class:`~eventwire.extract.events.EventExtractor`, which sets the
    attributes below."""

    ctx: DocContext
    lex: Triggers
    doc: Doc
    last_parties: list[ActorRef]
    place_country: dict[str, str]
    place_of_token: dict[int, Anchor]

    def _givers(self, tok: Token) -> list[ActorRef]:
        """The parties a receiving verb takes from: "received weapons from the government",
        "got assurances of support from Washington" (the "from" on the verb or on its object)."""
        return self._parties_after(tok, ("from",)) or [
            r for c in tok.children if c.dep_ == "dobj" for r in self._parties_after(c, ("from",))]

    def _compound_noun_code(self, tok: Token) -> str | None:
        """A compound that names a different act than its head: "hunger strike", "general strike"."""
        for c in tok.children:
            if c.dep_ in ("compound", "amod") and c.i == tok.i - 1:
                return self.lex.nouns.get(f"{c.lower_} {tok.lower_}") or \
                    self.lex.nouns.get(f"{c.lower_} {tok.lemma_.lower()}")
        return None

    def _ptype(self, cameo: str) -> str | None:
        typed = self.lex.type_of(cameo)
        return typed[0] if typed else None

    def _sectors_within(self, refs: list[ActorRef], allowed: set[str]) -> bool:
        """Whether the actors of ``refs`` have sectors, all of them in ``allowed``. A party with
        no actor is read by its role word ("hundreds of thousands of people", "demonstrators":
        the agents dictionary's sectors for it)."""
        actors = [self.ctx.actor_by_id.get(r.actor) for r in refs if r.actor]
        sectors = {s for a in actors if a is not None for s in a.sector}
        for r in refs:
            if not r.actor:
                sectors |= set(role_sectors(self.doc.char_span(r.start, r.end, alignment_mode="expand")))
        return bool(sectors) and sectors <= allowed

    def _violent(self, cameo: str) -> bool:
        kind = self.lex.type_of(cameo)
        return kind is not None and kind[0] in ("ASSAULT", "COERCE")

    def _doers_of_the_attack(self, attacks: list[tuple[Token, str]]) -> list[ActorRef]:
        """Who did the violent act a passive casualty verb was suffered "in" (``attacks``, from
        :meth:`attacks_suffered_in`): "were killed in an air strike by government forces", "were
        wounded in Russian shelling". The noun after "in" is no event of its own (it is how the
        people were killed), so its doers are this act's."""
        out = []
        for noun, _ in attacks:
            doers = self._nominal_doers(noun)
            if not doers and noun.lemma_.lower() in FIGHT_NOUNS:  # "killed in a gun battle with police"
                doers = [r for p in noun.children if p.dep_ == "prep" and p.lower_ == "with"
                         for o in map(self._party_token, p.children) if o is not None
                         for r in self._with_conjuncts(o) if r.actor]
            out += doers
        return out

    def attacks_suffered_in(self, tok: Token) -> list[tuple[Token, str]]:
        """The attack nouns after "in" on a casualty verb, with their codes: "killed in an air
        strike" (195). The small parser splits "in Israeli tank shelling" into "in Israeli tank"
        and a gerund "shelling" hung on the verb; the pair is read as the one noun it is, whose
        doers are on its first part."""
        out = []
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj":
                    continue
                code = noun.pos_ == "NOUN" and (self._compound_noun_code(noun) or self.lex.nouns.get(noun.lower_)
                                                or self.lex.nouns.get(noun.lemma_.lower()))
                split = split_gerund(noun)
                if not code and split is not None:
                    code = self.lex.nouns.get(split.lower_)
                if code and self._violent(code):
                    out.append((noun, code))
        return out

    def _nominal_doers(self, tok: Token, with_pronouns: bool = False) -> list[ActorRef]:
        """Who an event noun says did it: an owner or a party word before it ("Russia's
        offensive", "Russian airstrikes", "Israeli tank shelling") or a party after "by" ("an
        attack by rebels"), in the order of the words."""
        out = []
        for c in tok.children:
            names_party = bool(self.ctx.actor_at(c)) or c.lower_ in ("its", "his", "their", "our")
            if c.dep_ == "compound" and not names_party:  # "Israeli tank shelling": Israel's
                c = next((m for m in c.children if m.dep_ in ("amod", "compound") and self.ctx.actor_at(m)), c)
                names_party = bool(self.ctx.actor_at(c))
            if c.dep_ in ("poss", "compound", "amod") and names_party and (with_pronouns or c.pos_ != "PRON"):
                out.append(self._ref(c))
            if c.dep_ == "prep" and c.lower_ == "by":
                out += [r for p in c.children if p.dep_ == "pobj" for r in self._wielders(p) or [self._ref(p)]]
        return out

    def _agents(self, tok: Token) -> list[ActorRef]:
        out = []
        for child in tok.children:
            if child.dep_ == "agent":
                out += [self._ref(p) for p in child.children if p.dep_ == "pobj"]
        return out

    def _ref(self, head: Token) -> ActorRef:
        return self.ctx.ref(head)

    def _with_conjuncts(self, head: Token) -> list[ActorRef]:
        if self.last_parties and (head.lower_ in PRONOUNS_PLURAL or (
                head.lower_ in ("two", "both", "sides") and head.dep_ in ("nsubj",))):
            return list(self.last_parties)
        if head.lower_ in PRONOUNS_PLURAL and not self._ref(head).actor:
            return []  # the caller looks further: the reporter of "the rebels said they will …"
        if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
            head = head.head.head  # "guerrillas who overran it": the guerrillas
        out = [self._ref(head)]
        for c in self._conjuncts(head):
            out.append(self._ref(c))
        for listed in self._listed_as_apposition(head):
            out += [self._ref(listed), *(self._ref(c) for c in listed.conjuncts if c.i > listed.i)]
        return out

    def _conjuncts(self, head: Token) -> list[Token]:
        """The later conjuncts of ``head``, or of any word of the name it is part of: the small
        parser hangs "and Vladimir Putin" on "Obama" when it reads "Barack" as the head of
        "Barack Obama"."""
        i = self.ctx.token_mention.get(head.i)
        words = [head]
        if i is not None and self.ctx.actor_at(head):
            m = self.ctx.mentions[i]
            words = [self.doc[k] for k in range(m.start, m.end)]
        return [c for w in words for c in w.conjuncts if c.i > w.i and (c.i < words[0].i or c.i > words[-1].i)]

    def _listed_as_apposition(self, head: Token) -> list[Token]:
        """Countries of a list the parser read as an apposition: "The US, Russia, and
        Switzerland met" hangs "Russia" on "US" as an appositive. One country is never
        another's apposition, so both are parties."""
        if not self._country_actor(head):
            return []
        return [c for c in head.children if c.dep_ == "appos" and c.i > head.i and self._country_actor(c)
                and self.ctx.actor_at(c) != self.ctx.actor_at(head)]

    def _subject(self, tok: Token) -> Token | None:
        """Who does the act: its own subject, or one it shares ("agreed to provide", "is ready to
        contribute", "met and discussed"). A plural pronoun in a clause reported by its own
        antecedent is that antecedent ("the rebels said they will release").
        """
        current = tok
        came_from: Token | None = None
        for _ in range(4):
            subj = next((c for c in current.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return self._reporter_for(subj, current)
            subj = next((c for c in current.children if c.dep_ == "nsubjpass"), None)
            if subj is not None and came_from is not None:
                # "Obama is scheduled to attend", "commissions were created to investigate", "a
                # commission will be led by X and will investigate": the passive's subject does the
                # act; not "were killed in … shelling" or "were arrested and sentenced"
                return subj if acts_for_passive_subject(came_from) else None
            came_from = current
            if current.dep_ == "acl" and current.tag_ == "VBG" and current.head.dep_ == "dobj":
                current = current.head.head  # "issued a declaration demanding …": who issued it
            elif (owner := claimed_responsibility(current)) is not None:
                current = owner  # "the BLA took credit for attacking …": the BLA
            elif current.dep_ in ("conj", "xcomp", "advcl", "ccomp", "acomp") and current.head is not current:
                if current.dep_ == "ccomp":
                    return None
                current = current.head
            else:
                return None
        return None

    @staticmethod
    def _reporter_for(subj: Token, verb: Token) -> Token:
        if subj.lower_ not in PRONOUNS_PLURAL or verb.dep_ != "ccomp":
            return subj
        reporter = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        plural = reporter is not None and reporter.tag_ in ("NNS", "NNPS")
        return reporter if reporter is not None and plural else subj

    def _fill_args(self, d: Draft) -> None:
        tok = d.trigger
        if d.pressed and d.carrier is not None:
            d.source += [r for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                         for p in c.children if p.dep_ == "pobj" for r in self._with_conjuncts(p)]
            pressed = self._subject(d.carrier)
            d.target += self._with_conjuncts(pressed) if pressed is not None else []
            return
        if d.nominal:
            stand_in = d.stand_in  # "provided 700 tons of aid": the measure stands for the act
            carried = stand_in.dep_ == "dobj" or d.carrier is not None
            doer = self._subject(d.carrier or stand_in.head) if carried else None
            # "fundamentalists continued their hunger strike": the subject says who, not "their"
            d.source += self._nominal_doers(tok, with_pronouns=doer is None)
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("on", "against", "with", "into"):
                    d.target += [r for p in map(self._party_token, c.children) if p is not None
                                 for r in self._party_or_beyond(p)]
                if c.dep_ == "acl" and c.tag_ == "VBG" and self._violent(d.cameo):  # "an attack targeting
                    d.target += [r for o in c.children if o.dep_ == "dobj"  # non-Muslims": whom it hit
                                 for r in self._party_or_beyond(o)]
            head = stand_in.head
            if not d.source and doer is not None:
                d.source += self._with_conjuncts(doer)
            if d.carrier is not None:  # "in support of Palestinians", "in protest at the settlement"
                d.target += [r for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "at", "over")
                             for p in c.children if p.dep_ == "pobj" for r in self._party_or_beyond(p)]
                d.target += [r for o in d.carrier.children if o.dep_ == "dobj"  # "engaged peacekeepers in …"
                             for r in self._party_or_beyond(o) if r.actor]
            if tok.dep_ in ("nsubj", "nsubjpass"):
                for c in head.children:
                    if c.dep_ in ("advcl", "acl"):
                        d.source += self._agents(c)
            if tok.dep_ == "nsubj" and head.lemma_.lower() in CASUALTY_VERBS:  # "the bombing killed one soldier"
                d.target += [r for c in head.children if c.dep_ == "dobj" for r in self._party_or_beyond(c)]
            for c in tok.children:
                if c.dep_ == "acl":
                    d.source += self._agents(c)
            if came_under(tok):
                subj = next((c for c in tok.head.head.children if c.dep_ == "nsubj"), None)
                d.target += self._with_conjuncts(subj) if subj is not None else []
            if not d.target:
                d.target += self._destination(tok, d)
            if not any(r.actor for r in d.target):
                d.target = self._left_country(tok, d) or self._undergoers(tok, d) or d.target
            d.target = self._protest_aim(tok, d) or d.target
            if not any(r.actor for r in d.target):
                d.target = self._mediated_parties(tok, d) or d.target
            return
        passive = any(c.dep_ == "nsubjpass" for c in tok.children)
        act_words: list[ActorRef] = []
        for c in tok.children:
            if is_time_word(c):
                continue  # "on Thursday" misparsed as an object is a time, never a party
            if c.dep_ == "nsubj":
                d.source += self._with_conjuncts(c)
            elif c.dep_ == "nsubjpass":
                d.target += self._party_or_beyond(c)
            elif c.dep_ == "agent":  # ("shortened by one hour": a measure, not a doer)
                d.source += [r for p in map(self._party_token, c.children) if p is not None
                             for r in self._wielders(p) or [self._ref(p)]]
            elif c.dep_ == "dobj" and d.object_coded and any(r.actor for r in self._object_parties(c)):
                d.target += self._object_parties(c)  # "imposed sanctions on Tehran": Tehran
            elif c.dep_ == "dative" and c.pos_ == "ADP":  # "providing intelligence to Macedonia"
                d.target += [r for p in map(self._party_token, c.children) if p is not None
                             for r in self._party_or_beyond(p)]
            elif c.dep_ in ("dobj", "dative") and not passive and not told_that(c):
                found = self._party_or_beyond(c)
                d.target += found
                if d.object_coded:
                    act_words += [r for r in found if not r.actor]
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ in ("with", "against") and d.cameo == "164":
                        d.target += [self._ref(o) for o in p.children if o.dep_ == "pobj"]
            elif c.dep_ == "prep" and c.lower_ in TARGET_PREPS and not (
                    c.lower_ in ("to", "into") and d.cameo.startswith("087")):  # (where a military retreat
                d.target += [r for p in map(self._party_token, c.children) if p is not None  # goes is no party)
                             for r in self._party_or_beyond(p)]  # "rioted against Israeli military policies"
        if passive and self._violent(d.cameo):
            attacks = self.attacks_suffered_in(tok)
            if not any(r.actor for r in d.source):
                d.source += self._doers_of_the_attack(attacks)  # "were killed in an attack by rebels": the rebels
            means = [code for noun, code in attacks
                     if code.startswith("19") and code != "190" and noun.lemma_.lower() not in EXPLOSIONS]
            if means and tok.lemma_.lower() in CASUALTY_VERBS:  # "killed in an Israeli air strike":
                d.cameo = means[0]  # conventional force (195), which CAMEO keeps apart from killing (1823)
        if d.object_coded and not any(r.actor for r in d.target):
            d.target = [*self._parties_after(tok, ("for",)), *d.target]  # "issued arrest warrants for two men"
        if d.cameo.startswith("02") and not d.target and (wanted := wanted_doer(tok)) is not None:
            d.target = self._with_conjuncts(wanted)  # "Obama wants Putin to attack": the appeal is to Putin
        if act_words and any(r.actor for r in d.target):
            # the object that names the act ("launched missiles at X") is no party beside X
            d.target = [r for r in d.target if r not in act_words]
        passive_conj = tok.dep_ == "conj" and tok.tag_ == "VBN" and any(
            c.dep_ == "auxpass" for c in (*tok.children, *tok.head.children))
        if not passive and passive_conj and not any(r.actor for r in d.target):
            # "… were arrested and released by Putin": the shared subject is what the passive acts on
            shared = next((c for c in tok.head.children if c.dep_ in ("nsubjpass", "nsubj")), None)
            if shared is not None and not is_time_word(shared):
                d.target = [*self._party_or_beyond(shared), *d.target]
                d.source = [r for r in d.source if r.start != self.ctx.phrase_span(shared).start_char] or d.source
        if not passive and tok.dep_ == "acl" and tok.tag_ == "VBN" and not any(
                c.dep_ in ("dobj", "nsubj") for c in tok.children) and self.ctx.actor_at(tok.head):
            # "There were 10 Russian soldiers killed in Ukraine": the soldiers, not where
            d.target = [*self._with_conjuncts(tok.head), *(r for r in d.target if r.actor)]
        grievance = self._grievance_parties(tok, d)
        if grievance:  # "complained to the UN over Israeli air raids": Israel, the UN only hears it
            d.target = grievance
        if not d.source and not passive:
            subj = self._subject(tok)
            if subj is not None:
                d.source += self._with_conjuncts(subj)
        if not any(r.actor for r in d.target):  # "opened fire to disperse demonstrators": the demonstrators
            embedded = self._embedded_target(tok, d)
            if any(r.actor for r in embedded) or not d.target:
                d.target = embedded
        kind = self.lex.type_of(d.cameo)
        if not d.target or (kind is not None and kind[0] in MATERIAL_STEPS and not any(r.actor for r in d.target)):
            d.target = self._destination(tok, d) or d.target  # "mobilized army reservists for a war against Iraq"
        if not any(r.actor for r in d.target):
            d.target = self._left_country(tok, d) or self._deprived(tok, d) or d.target
        if not any(r.actor for r in d.target) and (d.cameo.startswith("13") or self._ptype(d.cameo) == "THREATEN"):
            d.target = self._condition_party(tok) or d.target
        d.target = self._protest_aim(tok, d) or d.target
        if not any(r.actor for r in d.target):
            d.target = self._mediated_parties(tok, d) or d.target
        if d.received:  # "the rebels received weapons from Iran": Iran gave, to the rebels
            d.source, d.target = self._givers(tok), d.source

    def _mediated_parties(self, tok: Token, d: Draft) -> list[ActorRef]:
        """The parties a mediation is between: "undertook a mediation mission between Syria
        and Palestinian leader Yasser Arafat", "ended mediation efforts between rival militias"
        (CAMEO 045 mediate, 165 halt mediation: PLOVER codes the parties as targets)."""
        if not d.cameo.startswith(("045", "165")):
            return []
        nodes = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "pobj"))]
        nodes += [c for n in list(nodes) for c in n.children if c.dep_ in ("compound", "dobj")]
        if d.nominal or tok.dep_ in ("compound", "dobj"):
            nodes += [tok.head, *(c for c in tok.head.children if c.dep_ == "dobj")]
        return [r for n in nodes for p in n.children if p.dep_ == "prep" and p.lower_ == "between"
                for o in map(self._party_token, p.children) if o is not None
                for r in self._with_conjuncts(o) if r.actor]

    def _protest_aim(self, tok: Token, d: Draft) -> list[ActorRef]:
        """Whom a protest is aimed at, by its purpose, when what it acts on is a thing: "started a
        hunger strike to protest President Assad's failure", "blocked roads to press their demands
        from President Bouteflika's government", "in defiance of Chinese authorities" (PLOVER codes
        the party the protest addresses, not the street it blocks). The first party in the
        purpose, other than the protesters themselves."""
        kind = self.lex.type_of(d.cameo)
        if kind is None or kind[0] != "PROTEST":
            return []
        verbs = [tok] + ([tok.head] if d.nominal and tok.dep_ in ("dobj", "nsubj", "nsubjpass") else [])
        objects = [c for v in verbs for c in v.children if c.dep_ == "dobj"]
        if any(self.ctx.actor_at(o) for o in objects):
            return []  # "protested the Israeli raid": the object already names the party
        own = {r.actor for r in d.source if r.actor}
        for node in [*verbs, *objects]:  # "a hunger strike to protest …" hangs on the strike
            for part in node.children:
                if not states_purpose(part):
                    continue
                for t in part.subtree:
                    actor = self.ctx.actor_at(t)
                    if actor and actor not in own and t.dep_ in PARTY_DEPS and t.pos_ != "PRON":
                        return self._with_conjuncts(t)
        return []

    def _grievance_parties(self, tok: Token, d: Draft) -> list[ActorRef]:
        """For an accusation, the party its grievance is about ("over two Israeli air raids",
        "about Russia's conduct"); the party after "to" is its audience."""
        kind = self.lex.type_of(d.cameo)
        if kind is None or kind[0] != "ACCUSE":
            return []
        return self._parties_after(tok, ("over", "about"))

    def _condition_party(self, tok: Token) -> list[ActorRef]:
        """Whom a threat is aimed at, by its condition: "… unless Israel rescinded its
        annexation", "… if the United States goes ahead with the deployment"."""
        for node in (tok, *(c for c in tok.children if c.dep_ == "xcomp")):
            for c in node.children:
                if is_condition(c):
                    subj = next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")), None)
                    if subj is not None and self.ctx.actor_at(subj):
                        return self._with_conjuncts(subj)
        return []

    def _left_country(self, tok: Token, d: Draft) -> list[ActorRef]:
        """The country a withdrawal or expulsion leaves: "withdrew troops from Lebanon",
        "will withdraw their peacekeeping force from Chad", "the withdrawal of some forces from
        Panama" (PLOVER codes it as the target)."""
        kind = self.lex.type_of(d.cameo)
        if kind is None or (kind[0] not in ("RETREAT", "SANCTION") and not d.cameo.startswith("13")):
            return []
        nodes = [tok, *(o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                        for o in p.children if d.nominal and o.dep_ == "pobj")]
        out = []
        for o in (o for node in nodes for p in node.children if p.dep_ == "prep" and p.lower_ == "from"
                  for o in map(self._party_token, p.children) if o is not None):
            if self._country_actor(o):
                out.append(self._ref(o))
            elif (iso := self._side_of(o)) is not None:
                span = self.ctx.phrase_span(o)
                out.append(ActorRef(actor=self.ctx.country_actor(iso), text=span.text, start=span.start_char,
                                    end=span.end_char))
        return out

    def _side_of(self, place: Token) -> str | None:
        """The country whose side or territory a place word names by its nationality: "from
        the Syrian side", "from Lebanese territory", or the nationality alone with the noun
        left out ("withdrew from the Syrian to the Israeli-occupied sector")."""
        by_demonym = countries().by_demonym
        if place.lower_ in by_demonym and any(c.lower_ == "the" for c in place.children):
            return by_demonym[place.lower_]
        if place.pos_ == "NOUN" and not self.ctx.actor_at(place):
            return next((by_demonym[c.lower_] for c in place.children
                         if c.dep_ in ("amod", "compound") and c.lower_ in by_demonym), None)
        return None

    def _deprived(self, tok: Token, d: Draft) -> list[ActorRef]:
        """Whom a seizure takes from: "confiscated weapons and explosives from Palestinian armed
        groups" (the party after "from", for coercion only: "received aid from Japan" names the
        giver)."""
        kind = self.lex.type_of(d.cameo)
        if kind is None or kind[0] != "COERCE":
            return []
        return self._parties_after(tok, ("from",))

    def _undergoers(self, tok: Token, d: Draft) -> list[ActorRef]:
        """The parties an event noun's "of" phrase leads to: "a suspension of air links with
        Serbia", "the killing of three protesters". Not for a withdrawal, whose "of" phrase
        names who withdraws."""
        kind = self.lex.type_of(d.cameo)
        if kind is None or kind[0] == "RETREAT":
            return []
        return self._parties_after(tok, ("of",))

    def _parties_after(self, tok: Token, preps: tuple[str, ...]) -> list[ActorRef]:
        """The parties named after any of ``preps`` on ``tok`` (through a thing, the party behind
        it: :meth:`_party_or_beyond`), only those that are actors."""
        return [r for p in tok.children if p.dep_ == "prep" and p.lower_ in preps
                for o in map(self._party_token, p.children) if o is not None
                for r in self._party_or_beyond(o) if r.actor]

    def _destination(self, tok: Token, d: Draft) -> list[ActorRef]:
        """The country an aid delivery, deployment or visit goes to: "military aid to
        Mozambique", "sent personnel to Bosnia", "arrived in Jordan" (PLOVER codes the host or
        recipient as target). Only countries: a city names where, not whom."""
        kind = self.lex.type_of(d.cameo)
        if kind is None or kind[0] not in DESTINATION_TYPES:
            return []
        nodes = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "xcomp"))]
        if d.nominal and tok.dep_ == "dobj":
            nodes.append(tok.head)  # "continue military aid to Mozambique": the verb holds "to"
        out: list[ActorRef] = []
        for node in nodes:
            for p in node.children:
                if p.dep_ != "prep" or p.lower_ not in ("to", "in", "into", "for"):
                    continue
                for o in map(self._party_token, p.children):
                    if o is not None and self._country_actor(o):
                        out += self._with_conjuncts(o)
                    elif o is not None and p.lower_ == "for" and o.pos_ == "NOUN":
                        # "mobilized reservists for a possible war against Iraq": whom the war is against
                        out += [r for r in self._object_parties(o) if r.actor]
        return out

    def _party_or_beyond(self, obj: Token) -> list[ActorRef]:
        """The object (or passive subject) as the target; when it names a thing rather than a
        party, the party it concerns: one after its preposition ("presented evidence against
        Russia", "evidence against Russia was presented": Russia), one that modifies it
        ("German goods": Germany), or the country it lies in ("a curfew in Algeria")."""
        if not self.ctx.actor_at(obj) and obj.pos_ == "PROPN" and (countries := self._country_of(obj)):
            start = self.ctx.phrase_span(obj).start_char  # "shelled the regional capital Juba": Sudan
            return [self._recited(r, start) for r in countries]
        if not self.ctx.actor_at(obj) and obj.lower_ not in PRONOUNS_PLURAL and obj.pos_ == "NOUN":
            beyond = self._object_parties(obj, ("from", "by", "between", "among")) + self._doers(obj)
            # "an appeal from Gbagbo", "calls by Belarus", "mediation between the militias",
            # "crimes committed by Croat forces"
            if any(r.actor for r in beyond):
                return [r for r in beyond if r.actor]  # "an offer from Afghanistan for talks": Afghanistan
            things = [obj] + [o for p in obj.children if p.dep_ == "prep" and p.lower_ in ("on", "against", "to")
                              for o in map(self._party_token, p.children) if o is not None]
            owners = [(t, c) for t in things for c in t.children
                      if c.dep_ in ("amod", "compound", "poss", "nmod") and self.ctx.actor_at(c)]
            owners += [(t, m) for t in things for c in t.children if not self.ctx.actor_at(c)
                       and (c.dep_ == "poss" or (c.dep_ == "amod" and c.tag_ == "VBN"))
                       for m in c.children if m.dep_ in ("amod", "compound", "npadvmod") and self.ctx.actor_at(m)]
            # "the Peruvian government's new fuel tax": Peru, through the owner's nationality;
            # "the US-led war": the United States, who leads it
            if owners:  # "restrictions against German goods", "shell Iraqi towns": Germany, Iraq
                return [self._owned(thing, owner) for thing, owner in owners]
            undergoers = [r for r in self._object_parties(obj, ("of",)) if r.actor]
            if undergoers:  # "demanded the withdrawal of Serbian forces": the forces
                return undergoers
            where = [o for p in obj.children if p.dep_ == "prep" and p.lower_ in ("in", "of")
                     for o in map(self._party_token, p.children) if o is not None]  # "the town of Cizre"
            where += [c for c in obj.children if c.dep_ in ("compound", "appos") and c.pos_ == "PROPN"]
            countries_in = [r for o in where for r in self._country_of(o)]
            if countries_in:  # "a curfew in Algeria", "a curfew in Algiers": the country it falls on,
                start = self.ctx.phrase_span(obj).start_char  # cited by the whole "warehouse in Damascus"
                return [self._recited(r, start) for r in countries_in]
            if beyond:
                return beyond
        return self._with_conjuncts(obj)

    def _doers(self, thing: Token) -> list[ActorRef]:
        """Who did the thing, by a participle after it ("crimes committed by Croat forces", "the
        demonstration staged by students")."""
        return [self._ref(p) for c in thing.children if c.dep_ == "acl"
                for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]

    def _recited(self, ref: ActorRef, start: int) -> ActorRef:
        """``ref`` cited from character ``start`` to its own end."""
        span = self.doc.char_span(start, ref.end, alignment_mode="expand")
        if span is None or start >= ref.end:
            return ref
        return ActorRef(actor=ref.actor, text=span.text, start=span.start_char, end=span.end_char)

    def _country_of(self, tok: Token) -> list[ActorRef]:
        """The country a place name stands in, as a party: the country itself when it is an
        actor ("Israel"), else the country of a resolved place ("Algiers": Algeria), cited by the
        place's words."""
        if self._country_actor(tok):
            return [self._ref(tok)]
        hit = self.place_of_token.get(tok.i)
        iso = self.place_country.get(hit[0]) if hit is not None else None
        if hit is None or not iso:
            return []
        return [ActorRef(actor=self.ctx.country_actor(iso), text=hit[1], start=hit[2], end=hit[3])]

    def _owned(self, thing: Token, owner: Token) -> ActorRef:
        """The owner's actor, cited by the whole phrase of the thing ("Iraqi towns")."""
        span = self.ctx.phrase_span(thing)
        return ActorRef(actor=self.ctx.actor_at(owner), text=span.text, start=span.start_char, end=span.end_char)

    def _country_actor(self, tok: Token) -> bool:
        actor = self.ctx.actor_by_id.get(self.ctx.actor_at(tok) or "")
        return actor is not None and actor.kind == "country"

    def _object_parties(self, obj: Token, also: tuple[str, ...] = ()) -> list[ActorRef]:
        """Parties named after the preposition of an object that names the act itself
        ("sanctions on Tehran", "borders with Iran and Turkey"), or ``also`` others."""
        out: list[ActorRef] = []
        for p in [c for o in (obj, *obj.conjuncts) for c in o.children]:  # "sanctions and curbs on Iran"
            if p.dep_ == "prep" and (p.lower_ in ("on", "against", "with", "to", "for") or p.lower_ in also):
                for o in map(self._party_token, p.children):
                    if o is not None:
                        out += self._with_conjuncts(o)
        return out

    def _wielders(self, instrument: Token) -> list[ActorRef]:
        """Who used the thing an act was done "by", when the text says so and the thing is no
        party: "blown up by a missile believed to be fired by pro-Russia rebels": the rebels."""
        if self.ctx.actor_at(instrument):
            return []
        return [self._ref(o) for node in instrument.subtree if node.dep_ == "agent" and node.head.i != instrument.i
                for o in node.children if o.dep_ == "pobj" and self.ctx.actor_at(o)]

    def _party_token(self, pobj: Token) -> Token | None:
        """The object of a preposition as a party: not a time ("on Thursday"), except that the
        small parser sometimes hangs a name on a following date ("with President Assad Tuesday"),
        and then the name is the party."""
        if pobj.dep_ != "pobj":
            return None
        if pobj.head.lower_ == "with" and pobj.lemma_.lower() in HELP_NOUNS:
            return None  # "with Albania's help": a helper, not the party acted on
        if not is_time_word(pobj):
            return pobj
        return next((c for c in pobj.children if c.dep_ == "compound" and self.ctx.actor_at(c)), None)

    def _embedded_target(self, tok: Token, d: Draft, depth: int = 1) -> list[ActorRef]:
        """The party an intention or demand is aimed at, inside its complement clause.

        "threatened to shell Iraqi towns": the object of the infinitive; "demanded that
        North Korea forsake its program": the subject of the that-clause (for requests and
        accusations only: "agreed that their countries should cooperate" names no target).
        """
        kind = self.lex.type_of(d.cameo)
        for c in tok.children:
            if complement_act(c):
                found: list[ActorRef] = []
                for o in c.children:
                    if o.dep_ in ("dobj", "dative") and not is_time_word(o):
                        if self.ctx.actor_at(o) or o.lower_ in PRONOUNS_PLURAL:
                            return self._with_conjuncts(o)
                        found = found or self._party_or_beyond(o)  # "to continue military aid to Mozambique"
                    if o.dep_ == "prep" and o.lower_ in TARGET_PREPS:
                        parties = [r for p in map(self._party_token, o.children) if p is not None
                                   for r in self._party_or_beyond(p)]  # "respond to a demand from the US"
                        if any(r.actor for r in parties) or not found:
                            found = parties  # "to cut off electricity to the republic of Nakhichevan"
                if found:
                    return found
                if depth < 3:  # "is willing to send material to help defend Saudi Arabia"
                    deeper = self._embedded_target(c, d, depth + 1)
                    if any(r.actor for r in deeper):
                        return deeper
            if c.dep_ == "ccomp" and kind is not None and kind[0] in ("REQUEST", "ACCUSE"):
                subj = next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and not is_time_word(subj) and subj.lower_ not in PRONOUNS_PLURAL:
                    return self._with_conjuncts(subj)
        return []
