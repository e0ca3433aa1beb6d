"""Events: triggers from the CAMEO-derived lexicon, arguments from the dependency parse.

A verb trigger takes its subject as source (the agent in a passive, the governing verb's
subject for "…, and agreed", "used rockets to target") and its object or with/against/on
complement as target. A noun trigger ("airstrikes", "talks") is an event only where the text
presents it as happening: as a subject ("the talks began"), as the object of a light verb
("carrying out the airstrikes", "announcing the suspension"), or with an "on" target ("an
attack on the port") — not as a back-reference ("condemned the attack", "after the bombing").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.extract.arguments import (
    CASUALTY_VERBS,
    MATERIAL_STEPS,
    Anchor,
    ArgumentFinder,
    Draft,
    came_under,
    claimed_responsibility,
    is_infinitive,
    split_gerund,
    told_that,
    wanted_doer,
)
from eventwire.extract.claims import REPORTING
from eventwire.extract.context import PRONOUNS_PLURAL, DocContext
from eventwire.extract.intents import (
    FRAME_TYPES,
    PASS_THROUGH,
    demand_code,
    expresses_intent,
    frame_code,
    frame_governing,
    intent_code,
    is_condition,
    obligation_speaker,
)
from eventwire.record import ActorRef, Claim, Event, PlaceRef, TextSpan, TimeRef
from eventwire.resolve.kb import event_senses, triggers

LIGHT_VERBS = {"carry", "conduct", "launch", "stage", "hold", "begin", "resume", "continue",
               "announce", "declare", "mount", "unleash", "intensify", "step", "order", "make",
               "renew", "undertake", "start", "open", "complete", "provide", "give", "deliver", "extend",
               "lead", "send", "issue", "express", "voice", "tweet"}
EXIT_VERBS = {"leave", "quit", "abandon", "exit", "boycott", "suspend", "halt", "withdraw",
              "walk", "pull", "end", "stop"}
PRESSURE_NOUNS = {"pressure": "100", "demand": "100", "demands": "100", "call": "020", "calls": "020"}
"""Nouns of "faces pressure from X", "came under pressure from X": X's demand (or appeal)."""
IN_MANNER = {"protest": "140", "support": "050", "solidarity": "050"}
"""Nouns of "in protest", "in support of", "in solidarity with": the manner makes the act."""
CONSULT_NOUNS = {"talk", "talks", "negotiation", "negotiations", "meeting", "summit",
                 "consultation", "conference", "dialogue", "process", "mediation"}
UNREALISED_NOUNS = {"effort", "attempt", "bid", "plan", "campaign", "drive", "push", "scheme", "aim", "goal",
                    "offer", "proposal", "invitation", "call", "appeal", "request", "threat", "pledge", "promise",
                    "readiness", "willingness", "intention", "ability", "right", "need", "chance", "opportunity",
                    "ultimatum", "demand", "order", "warning", "deadline", "pressure"}
"""Nouns whose infinitive names an act not (yet) done: "an effort to overthrow", "an offer to
host". Not "decision": "the decision to expel the diplomats" reports the expulsion."""
GOAL_VERBS = {"aim", "seek", "hope", "want", "wish", "intend", "plan", "expect"}
"""Verbs whose infinitive is an act wished for, not done (not "try": attempts are coded)."""
EFFORT_NOUNS = {"effort", "mission", "bid", "initiative", "drive", "campaign", "operation"}
"""Nouns (by lemma) an event noun before them names the act of: "a mediation effort"."""
PARTICLES = {"down", "out", "off", "up", "back", "away"}
"""Adverbs the small parser gives phrasal verbs instead of particles ("stepped down")."""
STATEMENT_TYPES = {"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "AGREE"}
"""Types whose acts are said: a participle after one says what it said ("…, charging X with")."""
CULPABLE = {"guilty", "culpable"}
"""Adjectives whose "of" complement is an act that was done ("guilty of violating"); not
"responsible for", which as often names a duty ("responsible for scrutinizing the policies")."""
ALLEGING_CUES = frozenset({"allege", "claim", "charge", "contend"})
"""Speech cues that charge what they report: the speaker accuses the doer of the act."""
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE"})
"""Acts whose allegation is an accusation of their doer."""
ALLEGATION_CODE = "112"
"""CAMEO's "accuse of crime": what alleging such an act is."""

RECEIVING_VERBS = frozenset({"receive", "get", "obtain", "accept", "secure"})
"""Verbs by which a party takes what another gives: "received weapons from the government" is the
government's act, coded as giving the same thing would be (:data:`GIVING_VERBS`), from the giver
to the receiver."""
GIVING_VERBS = ("provide", "give", "send")

ARRIVAL_VERBS = {"arrive"}
"""Verbs of arriving: a visit, a deployment or a peacekeeping mission, by who arrives."""
LAUNCHED_WEAPONS = {"missile", "rocket", "drone"}
"""What is launched or fired both in attacks and in tests: an attack only when aimed at someone."""
ARMED_FORCES = {"troop", "soldier", "force", "army", "battalion", "contingent", "marine", "warship"}
"""Lemmas of words for armed forces: "troops arrived" is a deployment."""
ENGAGING_VERBS = {"engage", "involve"}
"""Verbs that put someone into a fight named by a noun after "in" ("engaged … in a firefight")."""
BACKREF_PREPS = {"after", "following", "since", "before", "of", "under", "during", "amid"}
RESTRICTIVE_ACTS = ("14", "191", "1723", "1724")
"""CAMEO codes of protests, strikes, boycotts, blockades and curfews: announced for the future
they are threats (the PLOVER codebook's THREATEN "restrict": "threaten to restrict movement of
people or goods, including boycotts, strikes, blockades, and curfews")."""
YIELDING_TYPES = {"CONCEDE", "RETREAT"}
"""Types whose refusal is itself an act of REJECT ("will not withdraw", "would not meet demands")."""
COOPERATIVE_TYPES = {"AID", "SUPPORT", "COOPERATE", "CONSULT"}
"""...and so are these ("would not provide support": CAMEO 12x)."""
JOINT_TYPES = {"CONSULT", "COOPERATE", "AGREE"}
"""Types whose source and target act together, so that "they" or "the two" later may be both."""
DYADIC_TYPES = {"COOPERATE"}
"""Types that describe a relation between two parties; the many generic verbs the CAMEO
dictionary files under them (issue, control, improve) only code one when both are named."""
BEYOND_PREPS = {"from", "for", "in", "to", "into", "on", "against", "with"}
"""Prepositions that lead from an act to a party other than the doer's own things."""
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "around", "across", "into", "on", "off"}
OCCURRENCE_VERBS = {
    "begin", "start", "resume", "continue", "end", "conclude", "take", "occur", "happen",
    "erupt", "break", "escalate", "renew", "intensify", "kill", "wound", "injure", "destroy",
    "damage", "hit", "target", "leave", "collapse", "fail", "stall", "fall", "last", "go",
    "produce", "yield", "result", "cause", "claim", "force", "displace", "spread", "rage"}
"""Predicates that present their subject as a happening: "the talks began", "fighting renewed"."""
NOT_EVENT_VERBS = REPORTING - {"accuse", "deny", "reject", "warn", "threaten", "urge",
                                "promise", "pledge", "vow", "dismiss", "charge", "complain"}


class EventExtractor(ArgumentFinder):
    def __init__(self, ctx: DocContext, claims: list[Claim], place_of_token: dict[int, Anchor],
                 time_of_token: dict[int, Anchor], place_country: dict[str, str] | None = None) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.claims = claims
        self.place_of_token = place_of_token
        self.time_of_token = time_of_token
        self.place_country = place_country or {}
        """Place id -> ISO3 country of the resolved place."""
        self.lex = triggers()
        self.last_parties: list[ActorRef] = []

    def run(self) -> list[Event]:
        events: list[Event] = []
        alleging = self._alleging_claims()
        for s_index, sent in enumerate(self.doc.sents):
            conditions = {n.i for t in sent if is_condition(t) for n in t.subtree}  # "unless X agrees to Y"
            drafts = [d for d in (self._draft(t) for t in sent) if d is not None and d.trigger.i not in conditions]
            drafts = self._without_backdrop(self._fold_into_frames(self._absorb(drafts)))
            first = len(events)
            for d in drafts:
                event = self._finish(d, s_index, len(events))
                if event is not None:
                    events.append(event)
            events += self._allegations(alleging, sent, events[first:], s_index, len(events))
        return events

    def _alleging_claims(self) -> list[tuple[Claim, Token, TextSpan, ActorRef]]:
        """The claims whose cue charges what it reports (:data:`ALLEGING_CUES`), made by a known
        speaker: (claim, the cue's word, the cue, the speaker)."""
        out = []
        for claim in self.claims:
            if claim.cue is None or not claim.speaker or claim.speaker_span is None:
                continue
            cue = self.doc.char_span(claim.cue.start, claim.cue.end)
            if cue is not None and cue[0].lemma_.lower() in ALLEGING_CUES:
                speaker = ActorRef(actor=claim.speaker, text=claim.speaker_text or "",
                                   start=claim.speaker_span.start, end=claim.speaker_span.end)
                out.append((claim, cue[0], claim.cue, speaker))
        return out

    def _allegations(self, alleging: list[tuple[Claim, Token, TextSpan, ActorRef]], sent: Span, found: list[Event],
                     s_index: int, n: int) -> list[Event]:
        """An allegation of a hostile act is an accusation of its doer by whoever alleges it:
        "The US claimed that ISIL had attacked Iraq" is also the US accusing ISIL (CAMEO 112).
        Only for cues that put an act in doubt while charging it (:data:`ALLEGING_CUES`); "said
        that" reports, and "accused" is an accusation event of its own already."""
        typed = self.lex.type_of(ALLEGATION_CODE)
        out: list[Event] = []
        for claim, word, cue, speaker in alleging:
            if typed is None or not sent.start <= word.i < sent.end:
                continue
            doers = [r for e in found if e.claim == claim.id and e.type in HOSTILE_TYPES
                     and e.factuality == "reported" for r in e.source if r.actor and r.actor != claim.speaker]
            if doers:
                out.append(Event(
                    id=f"E{n + len(out) + 1}", type=typed[0], mode=typed[1], cameo=ALLEGATION_CODE,  # type: ignore[arg-type]
                    trigger=cue, sentence=s_index, source=(speaker,), target=tuple(_dedupe(doers)), place=None,
                    time=self._time(word), factuality="asserted", claim=None, confidence=0.6))
        return out

    # --- triggers -----------------------------------------------------------------------

    def _draft(self, tok: Token) -> Draft | None:
        if tok.pos_ == "VERB":
            return self._verb_draft(tok)
        if tok.pos_ in ("NOUN", "PROPN") and not tok.ent_type_:
            return self._noun_draft(tok)
        return None

    def _verb_lemma(self, tok: Token) -> str:
        """spaCy's lemma, unless the small model got a regular verb wrong ("staged" -> "stag")
        and a plain de-inflection of the word is in the lexicon."""
        lemma = tok.lemma_.lower()
        if lemma in self.lex.verbs or lemma in self.lex.objects:
            return lemma
        word = tok.lower_
        guesses = []
        if word.endswith("ed"):
            guesses += [word[:-1], word[:-2], word[:-3] if len(word) > 4 and word[-3] == word[-4] else ""]
        elif word.endswith("ing"):
            guesses += [word[:-3], word[:-3] + "e"]
        elif word.endswith("s"):
            guesses += [word[:-1], word[:-2] if word.endswith("es") else ""]
        return next((g for g in guesses if g and (g in self.lex.verbs or g in self.lex.objects)), lemma)

    def _verb_draft(self, tok: Token) -> Draft | None:
        if tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and any(c.dep_ == "det" for c in tok.children):
            return None  # "evacuated the wounded": people named by what happened to them
        lemma = self._verb_lemma(tok)
        by_object = self._object_code(tok, lemma)
        received = by_object is None and lemma in RECEIVING_VERBS and bool(self._givers(tok)) and not any(
            c.dep_ == "nsubjpass" for c in tok.children)
        if received:
            by_object = next((code for verb in GIVING_VERBS if (code := self._object_code(tok, verb))), None)
            received = by_object is not None
        if by_object is None and _asks_someone_to_act(tok, lemma):
            by_object = "020"  # "Congress is asking Obama to help Iran": an appeal, whatever the act
        if by_object is None and _talks_by_phone(tok, lemma):
            by_object = "041"  # "spoke by phone with his Turkish counterpart": CAMEO's discussion by telephone
        if lemma in NOT_EVENT_VERBS and lemma not in self.lex.verbs and by_object is None:
            return None  # a reporting verb, unless its object names an act ("declared a ceasefire")
        if tok.dep_ in ("pcomp", "pobj") and tok.tag_ == "VBG" and tok.head.head.lower_ not in CULPABLE and \
                claimed_responsibility(tok) is None:  # ("took credit for attacking …": an act owned)
            return None  # "aimed at brokering", "expelled … for spying": a goal or a reason, not an act
        if tok.dep_ in ("amod", "compound", "prep", "npadvmod"):
            return None  # "UN-backed GNA", "according to": descriptive, not an act
        if _credits_reporting(tok):
            return None  # "X contributed to this report": a byline credit, not aid
        if _background_toll(tok):
            return None  # "Montenegro, where 28 people have been killed in riots": what a place has seen
        code = None
        for child in tok.children:
            if child.dep_ in ("prt", "prep") or (child.dep_ == "advmod" and child.lower_ in PARTICLES):
                code = self.lex.verbs.get(f"{lemma} {child.lower_}")
                if code:
                    break
        code = code or self.lex.verbs.get(lemma)
        if lemma in ARRIVAL_VERBS and code is not None:
            code = self._arrival_code(tok)
        if by_object is not None:
            code = by_object  # "lifted the curfew", "staged a rally": the object says what was done
            if self._untargeted_launch(tok, lemma):
                code = "150"  # "North Korea launched a ballistic missile": a test, a show of force
        exit_code = self._exit_from_talks(tok, lemma)
        if exit_code:
            code = exit_code
        if (code is None or self.lex.type_of(code) is None) and self._obliged_party(tok):
            code = "100"  # "declared that China must drop barriers": a demand, whatever the act
        if code is None or self.lex.type_of(code) is None:
            return None
        reporting_use = lemma in NOT_EVENT_VERBS and not exit_code and lemma not in ("accuse", "deny", "reject")
        if reporting_use and any(c.dep_ == "ccomp" for c in tok.children):
            return None  # "warned that …" is a claim, not a threat
        return Draft(trigger=tok, cameo=code, object_coded=by_object is not None and not exit_code,
                     received=received and code == by_object)


    def _untargeted_launch(self, tok: Token, lemma: str) -> bool:
        """Missiles or rockets launched or fired at nobody in particular: no party or country
        after "at", "into", "on", "against" or "toward" (a launch "into the sea" is a test)."""
        if lemma not in ("launch", "fire") or not any(
                c.dep_ == "dobj" and c.lemma_.lower() in LAUNCHED_WEAPONS for c in tok.children):
            return False
        for node in (tok, *(c for c in tok.children if c.dep_ == "dobj")):
            aims = [p for p in node.children
                    if p.dep_ == "prep" and p.lower_ in ("at", "into", "on", "against", "toward", "towards")]
            aimed_at = [o for p in aims for o in p.children if o.dep_ == "pobj"]
            if any(self.ctx.actor_at(o) or self._country_of(o) for o in aimed_at):
                return False
        return True

    def _obliged_party(self, tok: Token) -> bool:
        """Whether ``tok`` is an act a named party is told it must do, by someone else."""
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        return subject is not None and bool(self.ctx.actor_at(subject)) and obligation_speaker(tok) is not None

    def _object_code(self, tok: Token, lemma: str) -> str | None:
        """The CAMEO code of the verb with its object (the subject of a passive, or the noun a
        participle describes: "the statement released on Monday"), from the dictionary's
        verb+object patterns; None when no pattern names this object."""
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if not objects and tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN":
            objects = [tok.head]
        verbs = [f"{lemma} {c.lower_}" for c in tok.children  # "called off a strike": "call off" first
                 if c.dep_ == "prt" or (c.dep_ in ("advmod", "prep") and c.lower_ in PARTICLES)] + [lemma]
        objects += [c for o in objects for c in o.conjuncts if c.i > o.i]  # "artillery, mortar, and rocket fire"
        objects += [o for c in objects if c.lemma_.lower() in MEASURE_NOUNS or c.like_num  # "700 kg of
                    for p in c.children if p.dep_ == "prep" and p.lower_ == "of"  # medicine": the medicine
                    for o in p.children if o.dep_ == "pobj"]
        for child in objects:
            modifier = next((c.lower_ for c in child.children if c.dep_ in ("compound", "amod")), None)
            of = [f"{child.lower_} of {o.lower_}" for p in child.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj"]  # "a state of siege"
            for verb in verbs:
                for form in (*of, child.lemma_.lower(), child.lower_):
                    code = self.lex.object_code(verb, form, modifier)
                    if code is not None:
                        return code
        return self._prepositional_code(tok, verbs) if lemma in self.lex.verbs else None

    def _prepositional_code(self, tok: Token, verbs: list[str]) -> str | None:
        """The CAMEO code of an event verb with the phrase after it, from the dictionary's verb
        + preposition + noun patterns: "called for restraint" (025), "advised against travel"
        (160), "pelted with stones" (182). Only a phrase hung on the verb itself, and only for
        verbs that are events by themselves: the patterns also list everyday verbs ("applying for
        visas", "looking for a way"), whose phrase is rarely the act."""
        for prep in tok.children:
            if prep.dep_ != "prep":
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj":
                    continue
                modifier = next((c.lower_ for c in noun.children if c.dep_ in ("compound", "amod")), None)
                for verb in verbs:
                    for form in (noun.lemma_.lower(), noun.lower_):
                        code = self.lex.object_code(verb, f"{prep.lower_} {form}", None)
                        if modifier and code is None:
                            code = self.lex.object_code(verb, f"{prep.lower_} {modifier} {form}", None)
                        if code is not None:
                            return code
        return None

    def _exit_from_talks(self, tok: Token, lemma: str) -> str | None:
        """"left the negotiations", "suspend participation in the talks": halting talks (164);
        "ended mediation efforts": halting mediation (165)."""
        if lemma not in EXIT_VERBS:
            return None
        for node in tok.subtree:
            if node.lemma_.lower() in CONSULT_NOUNS and node.i != tok.i and \
                    _distance(node, tok) <= 4:
                return "165" if node.lemma_.lower() == "mediation" else "164"
        return None

    def _arrival_code(self, tok: Token) -> str:
        """Who arrives says what the arrival is: troops arriving are deployed (154), peacekeepers
        keep the peace (074), anyone else visits (042)."""
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return "042"
        words = {t.lemma_.lower() for t in subject.subtree}
        if words & {"peacekeeper", "peacekeeping"}:
            return "074"
        actor = self.ctx.actor_by_id.get(self.ctx.actor_at(subject) or "")
        if words & ARMED_FORCES or (actor is not None and "MIL" in actor.sector[:1]):
            return "154"
        return "042"

    def _noun_draft(self, tok: Token) -> Draft | None:
        manner = self._manner_draft(tok) or self._pressure_draft(tok)
        if manner is not None:
            return manner
        word = tok.lower_
        code = self._compound_noun_code(tok) or self.lex.nouns.get(word) or self.lex.nouns.get(tok.lemma_.lower())
        if code is None:
            return None
        if came_under(tok):
            return Draft(trigger=tok, cameo=code, nominal=True)  # "the convoy came under attack"
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in EFFORT_NOUNS and tok.head.dep_ == "dobj" and \
                tok.head.head.lemma_.lower() in LIGHT_VERBS:
            return Draft(trigger=tok, cameo=code, nominal=True, measure=tok.head)  # "launched a mediation effort"
        if word in ("withdrawal", "suspension") and any(
                n.lemma_.lower() in CONSULT_NOUNS for n in tok.subtree if n.i != tok.i):
            code = "164"
        measure = _measure_of(tok)
        if measure is not None and measure.dep_ == "dobj" and measure.head.lemma_.lower() in LIGHT_VERBS:
            if self._verb_draft(measure.head) is not None:
                return None  # "gave 5 million dollars of aid": the verb is the event
            return Draft(trigger=tok, cameo=code, nominal=True, measure=measure)  # "held hours of talks"
        head = tok.head
        if tok.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and \
                self._object_code(head, self._verb_lemma(head)) is not None:
            return None  # "staged a hunger strike": the verb with this object is the event
        if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in OCCURRENCE_VERBS:
            return Draft(trigger=tok, cameo=code, nominal=True)
        if tok.dep_ in ("dobj",) and head.lemma_.lower() in LIGHT_VERBS:
            return Draft(trigger=tok, cameo=code, nominal=True)
        if tok.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_.lower() in ENGAGING_VERBS and \
                self._violent(code):  # "engaged Filipino peacekeepers in a firefight": the fight is the act
            return Draft(trigger=tok, cameo=code, nominal=True, carrier=head.head)
        claimant = claimed_responsibility(tok)
        if claimant is not None and self._violent(code):  # "the BLA claimed responsibility for the attack":
            return Draft(trigger=tok, cameo=code, nominal=True, carrier=claimant)  # the BLA says it did it
        if tok.dep_ == "pobj" and head.lower_ in BACKREF_PREPS:
            return None
        if tok.dep_ == "dobj" and head.pos_ == "VERB" and self._verb_draft(head) is not None:
            return None  # "condemned the attack": the attack is the target of another event
        has_on = any(c.dep_ == "prep" and c.lower_ in ("on", "against") for c in tok.children)
        if has_on and tok.dep_ in ("ROOT", "appos", "attr", "dobj", "conj"):
            return Draft(trigger=tok, cameo=code, nominal=True)
        return None

    def _pressure_draft(self, tok: Token) -> Draft | None:
        """Pressure someone faces or comes under from a party is that party's demand on them
        ("Obama faces pressure from Congress to help Iran": 100, Congress to Obama); calls they
        face are an appeal (020). What it presses for is its goal, not an act of its own."""
        code = PRESSURE_NOUNS.get(tok.lower_)
        if code is None or not any(c.dep_ == "prep" and c.lower_ == "from" and
                                   any(p.dep_ == "pobj" for p in c.children) for c in tok.children):
            return None
        head = tok.head
        if tok.dep_ == "dobj" and head.lemma_.lower() in ("face", "feel"):
            return Draft(trigger=tok, cameo=code, nominal=True, carrier=head, pressed=True)
        if tok.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ in ("VERB", "AUX"):
            return Draft(trigger=tok, cameo=code, nominal=True, carrier=head.head, pressed=True)  # "came under"
        return None

    def _manner_draft(self, tok: Token) -> Draft | None:
        """An act done "in protest" or "in support of" someone is a protest (140) or support
        (050), when the verb it qualifies is no event of its own ("massed in front of the
        consulate in protest", "broadcast prayers in support of Palestinians"); forces kept "on
        alert" are mobilised (152)."""
        prep, lemma = tok.head, tok.lemma_.lower()
        if tok.dep_ == "pobj" and lemma == "alert" and prep.lower_ == "on" and prep.head.pos_ in ("VERB", "AUX"):
            subject = self._subject(prep.head)
            words = {t.lemma_.lower() for t in subject.subtree} if subject is not None else set()
            if words & (ARMED_FORCES | {"police", "military"}):
                return Draft(trigger=tok, cameo="152", nominal=True, carrier=prep.head)  # "troops remained on alert"
            return None  # "Nigeria went on high alert" over a virus
        if tok.dep_ != "pobj" or prep.lower_ != "in" or lemma not in IN_MANNER or prep.head.pos_ != "VERB":
            return None
        verb = prep.head
        if self._verb_draft(verb) is not None:
            return None  # "rallied in protest": the rally is the event
        if verb.dep_ in ("relcl", "acl") and (self.lex.nouns.get(verb.head.lower_) or
                                              self.lex.nouns.get(verb.head.lemma_.lower())):
            return None  # "a general strike that shut down the city in protest": the strike is
        if lemma == "support" and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return None
        return Draft(trigger=tok, cameo=IN_MANNER[lemma], nominal=True, carrier=verb)


    def _absorb(self, drafts: list[Draft]) -> list[Draft]:
        """One event per happening and clause: "met … and the two discussed" is one CONSULT;
        "the talks … began, brokered by X" is one; "halt participation in talks" is one."""
        kept: list[Draft] = []
        for d in drafts:
            twin = None
            for k in kept:
                if _is_consequence(k.trigger, d.trigger) and self._violent(k.cameo) and self._violent(d.cameo):
                    twin = k
                    break
                if self._ptype(k.cameo) == self._ptype(d.cameo) and _same_happening(k.trigger, d.trigger) and \
                        self._one_act(k, d):
                    twin = k
                    break
                if d.nominal and d.trigger.lemma_.lower() in CONSULT_NOUNS and k.cameo == "164" \
                        and d.trigger.i in {n.i for n in k.trigger.subtree}:
                    twin = k
                    break
            if twin is not None:
                twin.source.extend(self._agents(d.trigger))
                continue
            kept.append(d)
        return kept

    def _one_act(self, first: Draft, later: Draft) -> bool:
        """Whether two acts of one type told together are one: statements, talks and fighting
        are ("calls for an end … and urges", "met and discussed", "attacked and killed");
        material steps are not ("arrested and sentenced", "detained and deported"), unless the
        words are synonyms."""
        kind = self._ptype(first.cameo)
        if later.trigger.dep_ == "advcl" and later.trigger.tag_ == "VBG":
            return kind in STATEMENT_TYPES  # "lodged a protest, charging …" (not "shelled …, killing …")
        if kind not in MATERIAL_STEPS:
            return True
        a = event_senses().get(first.trigger.lemma_.lower(), frozenset())
        b = event_senses().get(later.trigger.lemma_.lower(), frozenset())
        return first.trigger.lemma_.lower() == later.trigger.lemma_.lower() or bool(a & b)

    def _fold_into_frames(self, drafts: list[Draft]) -> list[Draft]:
        """An act inside an agreement, demand, refusal or threat is coded with it, not apart:
        "agreed to provide aid" is one AGREE (033), "refused to meet" one REJECT (125). An act
        in a purpose clause of an act of the same type is the same happening ("telephoned
        Kozyrev to discuss": one CONSULT)."""
        by_index = {d.trigger.i: d for d in drafts}
        frames = {i: d.cameo for i, d in by_index.items() if self._ptype(d.cameo) in FRAME_TYPES}
        folded: set[int] = set()
        for d in drafts:
            governor = frame_governing(d.trigger, frames)
            if governor is not None and governor != d.trigger.i:
                frame = by_index[governor]
                if frame.trigger.lemma_.lower() in PASS_THROUGH:
                    folded.add(governor)  # "decided to lift the freeze": the lifting is the event
                    continue
                frame.cameo = frame_code(frame.cameo, d.cameo)
                folded.add(d.trigger.i)
                continue
            head = d.trigger.head
            if d.trigger.dep_ in ("advcl", "xcomp") and head.i in by_index and head.i not in folded and \
                    any(c.lower_ == "to" and c.dep_ == "aux" for c in d.trigger.children) and \
                    self._ptype(by_index[head.i].cameo) == self._ptype(d.cameo):
                folded.add(d.trigger.i)
        return [d for d in drafts if d.trigger.i not in folded]

    def _without_backdrop(self, drafts: list[Draft]) -> list[Draft]:
        """Drop what a sentence mentions around its events rather than reports as one.

        * the goal of another act, in its purpose clause: "offered troops to help him oust
          Aoun" reports an offer, not an ousting; "blocked roads to demand reforms" one protest
          (but "shunned work to protest" says the act was a protest, so the protest stays);
        * the demand a protest makes: "rioted, calling for his removal" is one PROTEST;
        * an act a noun only intends or proposes: "their effort to overthrow the government",
          "rejected an offer to host a summit";
        * a past act that describes a participant, in a reduced relative clause ("weapons
          seized last year", "the curfew imposed in Sudan") or a pluperfect relative clause
          ("Yaish, who had been arrested 15 months ago"), when the sentence reports another
          act: the description was news once, not now.
        """
        by_index = {d.trigger.i: d for d in drafts}
        goals: set[int] = set()
        for d in drafts:
            tok = d.trigger
            if tok.i in goals or tok.head.i == tok.i:
                continue
            if tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_.lower() in ("help", "assist") and \
                    tok.i > tok.head.i:
                goals.add(tok.i)  # "offered troops to help him oust Aoun": what the help is for (the
                continue  # help is an act of its own, even when folded into the one it serves)
            governor = self._governing_act(tok.head, by_index)
            if governor is None:
                continue
            if _purpose_clause(tok) and self._ptype(d.cameo) != "PROTEST":
                goals |= {n.i for n in tok.subtree if n.i in by_index}
            elif tok.dep_ in ("advcl", "acl") and tok.tag_ == "VBG" and self._ptype(d.cameo) == "REQUEST" and \
                    governor == "PROTEST":
                goals.add(tok.i)
        for d in drafts:  # "their effort to overthrow the government", "an offer to host a summit"
            tok = d.trigger
            infinitive = tok.tag_ == "VB" or any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            if tok.dep_ in ("acl", "relcl") and infinitive and tok.head.lemma_.lower() in UNREALISED_NOUNS:
                goals.add(tok.i)  # (also "a call for its forces to be deployed")
            if _wished_for(tok):
                goals.add(tok.i)  # "a resolution that aims to tighten sanctions and impose a blockade"
        kept = [d for d in drafts if d.trigger.i not in goals] or drafts  # (else the goal is all there is:
        # "forces moved ahead with efforts to take control of the train")
        described = {d.trigger.i for d in kept if _describes_participant(d.trigger)}
        if len(described) < len(kept):
            kept = [d for d in kept if d.trigger.i not in described]
        return kept

    def _governing_act(self, head: Token, by_index: dict[int, Draft]) -> str | None:
        """The PLOVER type of the act a clause hangs on: a drafted trigger, the event noun a
        light verb carries ("continued their hunger strike to demand"), or an event noun the
        small coder left out ("a demonstration calling for his removal")."""
        if head.i in by_index:
            return self._ptype(by_index[head.i].cameo)
        carried = next((by_index[c.i] for c in head.children if c.dep_ == "dobj" and c.i in by_index), None)
        if carried is not None and carried.nominal:
            return self._ptype(carried.cameo)
        if head.pos_ == "NOUN":
            code = self.lex.nouns.get(head.lower_) or self.lex.nouns.get(head.lemma_.lower())
            return self._ptype(code) if code else None
        return None


    # --- arguments ----------------------------------------------------------------------


    # --- finishing ----------------------------------------------------------------------

    def _finish(self, d: Draft, s_index: int, n: int) -> Event | None:
        self._fill_args(d)
        announced = intent_code(d.cameo)
        carrier = d.trigger  # the verb that carries a nominal act says if it is promised: "will provide aid"
        if d.nominal and d.stand_in.dep_ == "dobj" and d.stand_in.head.dep_ != "xcomp":  # (a frame holds
            carrier = d.stand_in.head  # "promised to continue aid" already)
        promised = announced is not None and expresses_intent(
            carrier, hostile=announced.startswith("13"), restrictive=d.cameo.startswith(RESTRICTIVE_ACTS))
        if promised:
            d.cameo = announced or d.cameo  # "will support": intent (03x); "will boycott": a threat (13x)
        demander = None if promised else obligation_speaker(d.trigger)
        if demander is not None:  # "said Libya must hand over …": the speaker demands it of Libya
            d.cameo = demand_code(d.cameo)
            d.target = d.source or d.target
            d.source = self._with_conjuncts(demander)
        typed = self.lex.type_of(d.cameo)
        if typed is None:
            return None
        source = _dedupe([r for r in d.source if r.start != d.trigger.idx])
        doers = [r for r in source if r.actor]
        if typed[0] == "ASSAULT" and doers and all(_protesting(r.text) for r in doers) and \
                d.cameo[:3] not in ARMED_ATTACKS:
            d.cameo = "145"  # "a protester demolished the building", "rioters torched cars": a violent protest
            typed = self.lex.type_of(d.cameo) or typed
        if d.cameo.startswith("191") and self._sectors_within(source, CIVILIAN_SECTORS):
            d.cameo = "144"  # protesters or strikers blocking a road obstruct; a state blockades
            typed = self.lex.type_of(d.cameo) or typed
        elif d.cameo.startswith("144") and self._sectors_within(source, STATE_SECTORS):
            d.cameo = "191"
            typed = self.lex.type_of(d.cameo) or typed
        ptype, mode = typed
        source = _dedupe([r for r in d.source if r.start != d.trigger.idx])
        target = _dedupe([r for r in d.target if r.start != d.trigger.idx and r not in source])
        if ptype in DYADIC_TYPES and not any(r.actor for r in target) and sum(bool(r.actor) for r in source) < 2:
            return None  # "issued a reminder", "controls the capital": cooperation needs two parties
        own = {r.actor for r in source if r.actor}
        if own and {r.actor for r in target if r.actor} <= own and any(r.actor for r in target):
            target = self._party_beyond_own(d.trigger, own) or target
        if ptype in JOINT_TYPES and not any(r.actor for r in target):
            target = _counterparts(source) or target
        parties = [r for r in (source + target if ptype in JOINT_TYPES else source) if r.actor]
        if len({r.actor for r in parties}) >= 2:  # "X and Y met … the two discussed"; "rebels blocked roads into
            self.last_parties = parties  # Abidjan as they continued": the rebels, not Abidjan
        tok = d.trigger
        claim = self._claim_of(tok.idx)
        factuality = self._factuality(tok, claim)
        refusing = tok.head if d.nominal and tok.dep_ == "dobj" else tok  # "would not provide support"
        if ptype in YIELDING_TYPES | COOPERATIVE_TYPES and _refused(refusing) and \
                (factuality in ("negated", "denied") or refusing is not tok):
            # "would not meet the hostage-takers' demands": refusing to yield (124) is an act, and
            # so is refusing to help, meet or cooperate (12x: "said he would not provide support")
            d.cameo = "124" if ptype in YIELDING_TYPES else frame_code("120", d.cameo)
            (ptype, mode) = self.lex.type_of(d.cameo) or (ptype, mode)
            factuality = "reported" if claim is not None and claim.kind != "editorial" else "asserted"
        place = self._place(tok)
        where = self.place_country.get(place.place or "") if place is not None else None
        if place is not None and any(r.start <= place.start < r.end for r in source):
            where = None  # "Russia attacked Kyiv": the doer's own name is no scene to aim at
        if place is not None and where and ptype == "PROTEST" and not any(r.actor for r in target):
            # PLOVER codes a protest with no named target as aimed at the government where it happens
            target = [ActorRef(actor=self.ctx.country_actor(where), text=place.text, start=place.start,
                               end=place.end)]
        elif place is not None and where and ptype in ("ASSAULT", "COERCE") and not self._countries_of(target):
            # and violence on people of no stated country ("killed 23 people … in Tel Aviv") as
            # aimed at the country where it happens
            target = [*target, ActorRef(actor=self.ctx.country_actor(where), text=place.text,
                                        start=place.start, end=place.end)]
        elif self._acts_on_place(ptype, d.cameo) and not any(r.actor for r in target):
            # a material act with no named party falls on the country where it is done: "eased
            # emergency measures in Montenegro", "arrived in Amman", "dispatched inspectors to Iran"
            target = self._scene_country(tok) or target
        source, target = self.ctx.with_co_nationals(source), self.ctx.with_co_nationals(target)
        return Event(
            id=f"E{n + 1}", type=ptype, mode=mode, cameo=d.cameo,  # type: ignore[arg-type]
            trigger=TextSpan(tok.text, tok.idx, tok.idx + len(tok.text)), sentence=s_index,
            source=tuple(source), target=tuple(target), place=place,
            time=self._time(tok, d.carrier, said=ptype in STATEMENT_TYPES),
            factuality=factuality,  # type: ignore[arg-type]
            claim=claim.id if claim else None,
            confidence=round(0.45 + 0.15 * bool(source) + 0.1 * bool(target) + 0.1 * (not d.nominal), 2))

    @staticmethod
    def _acts_on_place(ptype: str, cameo: str) -> bool:
        """Acts done to or in a country rather than said: deployments, aid, visits, sanctions,
        withdrawals, concessions, inspections (09x). A statement made "in Cairo" is not aimed at
        Egypt, so the verbal types never take their place as a target."""
        return ptype in MATERIAL_STEPS or ptype in ("CONSULT", "CONCEDE") or cameo.startswith("09")

    def _party_beyond_own(self, tok: Token, own: set[str]) -> list[ActorRef]:
        """Another party the act reaches when its object is the doer's own ("withdraw its
        troops from neighboring Lebanon", "a call for its peacekeeping forces to be deployed in
        East Timor"): the first actor, or country of a place, after a preposition in the act's
        clause that is not the doer itself."""
        for node in tok.subtree:
            prep = _governing_prep(node, tok)
            if prep not in BEYOND_PREPS or node.dep_ not in ("pobj", "compound", "amod"):
                continue
            actor = self.ctx.actor_at(node)
            if actor and actor not in own and node.pos_ != "PRON":
                return [self._ref(node)]
            countries = [] if actor else self._country_of(node)
            if countries and countries[0].actor not in own:
                return countries
        return []

    def _scene_country(self, tok: Token) -> list[ActorRef]:
        """The country of the place an act is done in or sent to, by a preposition of the act
        or of its object ("in Montenegro province", "to Esfahan … in central Iran"), cited by
        the place's words. Never the act's own subject: "India helped" is not done to India."""
        nodes = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "xcomp"))]
        if tok.dep_ in ("advcl", "xcomp"):  # "sent personnel to Bosnia to investigate …"
            nodes.append(tok.head)
        elif tok.dep_ == "pobj" and tok.head.dep_ == "prep":  # "remained on alert in the West Bank"
            nodes.append(tok.head.head)
        for node in nodes:
            for p in node.children:
                if p.dep_ != "prep" or p.lower_ not in PLACE_PREPS | {"to"} or p.i == tok.head.i:
                    continue
                for o in p.subtree:
                    if o.i in self.place_of_token and (countries := self._country_of(o)):
                        return countries
        return []

    def _countries_of(self, refs: list[ActorRef]) -> set[str]:
        actors = (self.ctx.actor_by_id.get(r.actor or "") for r in refs)
        return {a.country for a in actors if a is not None and a.country}

    def _claim_of(self, char: int) -> Claim | None:
        inside = [c for c in self.claims if c.content.start <= char < c.content.end]
        return min(inside, key=lambda c: c.content.end - c.content.start) if inside else None

    def _factuality(self, tok: Token, claim: Claim | None) -> str:
        children = list(tok.children)
        lowered = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
        if any(c.dep_ == "neg" for c in children) or any(
                c.lower_ == "no" and c.dep_ == "det" for c in children):
            return "denied" if claim is not None and claim.kind != "editorial" else "negated"
        governed = _governed_factuality(tok.head if tok.pos_ == "NOUN" and tok.dep_ == "dobj" else tok)
        if governed is not None:
            return governed
        if _has_condition(tok):
            return "conditional"
        if claim is not None and claim.kind != "editorial":
            return "denied" if claim.stance == "denies" else "reported"
        if lowered & {"will", "shall", "'ll"}:
            return "future"
        if lowered & {"would", "could", "might", "may", "should"}:
            return "hypothetical"
        return "asserted"

    def _place(self, tok: Token) -> PlaceRef | None:
        best: tuple[int, Token] | None = None
        for node in tok.subtree:
            hit = self.place_of_token.get(node.i)
            if hit is None:
                continue
            rank = _distance(node, tok)
            prep = _governing_prep(node, tok)
            if prep in ("from", "to", "for"):
                rank += 6
            elif prep in PLACE_PREPS:
                rank -= 1
            if node.dep_ in ("compound", "poss"):
                rank -= 1
            if best is None or rank < best[0]:
                best = (rank, node)
        if best is None:
            return None
        place_id, text, start, end = self.place_of_token[best[1].i]
        return PlaceRef(place=place_id, text=text, start=start, end=end)

    def _time(self, tok: Token, carrier: Token | None = None, said: bool = False) -> TimeRef | None:
        """The date in the event's clause: near its trigger, on the verb of a subject noun ("the
        talks began Monday") or the verb that carries a noun ("massed … Monday in protest").
        An act that is said (an agreement, a demand, a promise) happens when it is said, so one
        reported with no date of its own takes the report's: "said Tuesday that it would
        resume cooperation", "Tuesday's announcement that Ukraine had agreed"."""
        scope = [tok]
        head = tok.head if tok.dep_ in ("nsubj", "nsubjpass") else None
        if head is not None:
            scope.append(head)
        if carrier is not None:
            scope.append(carrier)
        report = _report_of(tok) if said else None
        if report is not None:
            scope.append(report)
        found = next((hit for root in scope for node in root.subtree
                      if (hit := self.time_of_token.get(node.i)) is not None and _distance(node, root) <= 3),
                     None) or self._fronted_time(tok.sent)
        if found is None:
            return None
        time_id, text, start, end = found
        return TimeRef(time=time_id, text=text, start=start, end=end)

    def _fronted_time(self, sentence: Span) -> tuple[str, str, int, int] | None:
        """A date set before the sentence's clause and a comma ("Also Monday, hundreds of people
        … massed …", "On Tuesday, the ministers met"): it frames every act of the sentence."""
        for node in sentence[:6]:
            if node.pos_ in ("VERB", "AUX"):
                return None
            hit = self.time_of_token.get(node.i)
            if hit is None:
                continue
            after = node.i + 1
            while after < sentence.end and after in self.time_of_token:
                after += 1
            return hit if after < sentence.end and node.doc[after].text == "," else None
        return None


TALKING_VERBS = frozenset({"speak", "talk", "converse", "confer", "chat"})
PHONE_WORDS = frozenset({"phone", "telephone"})


def _talks_by_phone(tok: Token, lemma: str) -> bool:
    """Talking "by phone", "over the telephone" or "on the phone" with someone: the CAMEO
    dictionary's ``(BY TELEPHONE)`` patterns under CONFER (041). Without a "with" or "to" party
    ("residents spoke on the phone about the flood") it is no discussion between parties."""
    if lemma not in TALKING_VERBS:
        return False
    preps = [p for p in tok.children if p.dep_ == "prep" and any(o.dep_ == "pobj" for o in p.children)]
    by_phone = any(p.lower_ in ("by", "over", "on") and
                   any(o.dep_ == "pobj" and o.lemma_.lower() in PHONE_WORDS for o in p.children) for p in preps)
    return by_phone and any(p.lower_ in ("with", "to") for p in preps)


REPORT_NOUNS = frozenset({"announcement", "statement", "declaration", "report", "word", "news", "confirmation"})
"""Nouns whose that-clause is what was announced ("Tuesday's announcement that …")."""


def _report_of(tok: Token) -> Token | None:
    """The reporting verb or noun whose clause ``tok`` heads ("said Tuesday that it would
    resume", "the announcement that Ukraine had agreed"), one or two clauses up."""
    node = tok
    for _ in range(2):
        if node.dep_ not in ("ccomp", "acl"):
            return None
        node = node.head
        lemma = node.lemma_.lower()
        if (node.pos_ in ("VERB", "AUX") and lemma in REPORTING) or (node.pos_ == "NOUN" and lemma in REPORT_NOUNS):
            return node
    return None


CREDITED_WORK = frozenset({"report", "story", "article", "reporting", "coverage", "dispatch"})


def _credits_reporting(tok: Token) -> bool:
    """Whether a verb credits people with the outlet's own work ("contributed to this report",
    "helped with this story"): the newsroom's credit line that ends many wire stories."""
    return any(o.lemma_.lower() in CREDITED_WORK and any(d.lower_ in ("this", "that", "the") for d in o.children)
               for prep in tok.children if prep.dep_ == "prep" and prep.lower_ in ("to", "with", "for")
               for o in prep.children if o.dep_ == "pobj")


MEASURE_NOUNS = {"ton", "tonne", "kg", "kilogram", "worth", "hour", "day", "week", "round", "amount",
                 "shipment", "package", "batch", "consignment", "million", "billion", "thousand", "dollar"}
"""Nouns that count out an act or a good: "700 kg of medicine", "eight hours of talks"."""


def _measure_of(tok: Token) -> Token | None:
    """The measure noun that counts out ``tok`` ("tons of aid": tons), if any."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "of":
        return None
    measure = prep.head
    if measure.lemma_.lower() in MEASURE_NOUNS or measure.like_num:
        return measure
    return None


def _wished_for(tok: Token) -> bool:
    """An act someone aims, hopes or wants to do ("aims to impose", "wants to re-examine"), or one
    joined to it ("to tighten sanctions and impose a blockade")."""
    node = tok
    if node.dep_ == "conj" and node.head.dep_ == "xcomp":
        node = node.head
    return node.dep_ == "xcomp" and node.head.lemma_.lower() in GOAL_VERBS


def _purpose_clause(tok: Token) -> bool:
    """An infinitive of purpose hung on another verb: "offered troops to help", "in order to
    end"; not a complement the verb needs ("agreed to", "continued to": those are xcomp)."""
    return tok.dep_ == "advcl" and tok.tag_ == "VB" and any(
        c.lower_ == "to" and c.dep_ == "aux" for c in tok.children)


def _describes_participant(tok: Token) -> bool:
    """A past act in a clause that describes a noun: "weapons seized last year from
    peacekeepers", "Yaish, who had been arrested 15 months ago", "a helicopter that was
    captured last week"."""
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        if any(c.dep_ in ("nsubj", "aux", "mark") for c in tok.children):
            return False  # "the announcement that Ukraine had agreed": what was announced
        return tok.sent.root.pos_ in ("VERB", "AUX")  # else the parse lost the main verb to it
    if any(told_that(c) for c in tok.children):
        return False  # "told a cabinet meeting that he had met …": what was told, read as a relative clause
    relative = any(c.tag_ in ("WDT", "WP") or (c.lower_ == "that" and c.dep_ in ("nsubj", "nsubjpass", "dobj"))
                   for c in tok.children)
    if tok.dep_ == "relcl" and relative and any(c.dep_ == "nsubjpass" for c in tok.children) and any(
            t.lower_ == "ago" or t.ent_type_ == "DATE" for t in tok.subtree):
        return True  # "a state of emergency that was imposed six months ago": its history
    if tok.dep_ != "relcl" or not any(c.dep_ == "aux" and c.lower_ == "had" for c in tok.children):
        return False
    return any(c.tag_ in ("WDT", "WP") or (c.lower_ == "that" and c.dep_ in ("nsubj", "nsubjpass", "dobj"))
               for c in tok.children)  # a relative pronoun: not "the announcement that Ukraine had agreed"


def _same_happening(first: Token, later: Token) -> bool:
    """Whether ``later`` re-describes the event of ``first`` rather than adding one:
    a conjoined verb without a subject of its own or with "the two"/"they" as subject
    ("met … and the two discussed"), or a participle describing it ("…, brokered by X",
    "…, charging its neighbour with …")."""
    if later.dep_ == "conj" and later.head.i == first.i:
        subj = next((c for c in later.children if c.dep_ == "nsubj"), None)
        return subj is None or subj.lower_ in PRONOUNS_PLURAL | {"two", "both", "sides"}
    if later.tag_ == "VBN" and later.dep_ in ("acl", "advcl"):
        return later.head.i == first.i or (first.dep_ in ("nsubj", "nsubjpass")
                                           and later.head.i == first.head.i)
    if later.tag_ == "VBG" and later.dep_ == "acl" and later.head.i == first.i and first.pos_ == "NOUN":
        return True  # "a deadly attack targeting non-Muslims": what the attack did
    # "lodged a protest with Albania, charging its neighbour with …": the participle says what
    # the protest said
    return later.tag_ == "VBG" and later.dep_ == "advcl" and later.head.i == first.i


CIVILIAN_SECTORS = {"CVL", "PPL", "LAB", "OPP", "EDU", "REF", "BUS", "AGR", "REL", "HRI", "MED"}
"""Sectors of people who protest rather than govern or fight: what they block is obstruction."""
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}


def _is_consequence(first: Token, later: Token) -> bool:
    """Whether ``later`` reports the toll of ``first`` rather than a second act: a casualty
    participle of the attack ("shelled Juba …, killing about 20 people"), or the attack and
    its toll told in one breath ("killed 23 people … when they blew themselves up")."""
    pair = sorted((first, later), key=lambda t: t.i)
    for head, child in (pair, pair[::-1]):
        if child.dep_ == "nsubj" and child.head.i == head.i and head.lemma_.lower() in CASUALTY_VERBS \
                and child.pos_ == "NOUN":
            return True  # "a roadside bombing … killed one U.S. soldier": the bombing's toll
        verb = child.head
        if child.dep_ == "conj" and child.lemma_.lower() in CASUALTY_VERBS and verb.lemma_.lower() in CASUALTY_VERBS \
                and any(s.i == head.i for s in verb.children if s.dep_ == "nsubj"):
            return True  # "… killed one U.S. soldier and wounded two others"
        if child.head.i != head.i or child.dep_ != "advcl":
            continue
        if child.tag_ == "VBG" and child.lemma_.lower() in CASUALTY_VERBS:
            return True
        if head.lemma_.lower() in CASUALTY_VERBS and child.i > 0 and split_gerund(child.doc[child.i - 1]) == child:
            return True  # "killed in Israeli tank shelling", split by the parser: how they were killed
        if head.lemma_.lower() in CASUALTY_VERBS and any(
                m.dep_ in ("advmod", "mark") and m.lower_ in ("when", "as") for m in child.children):
            return True
    if later.dep_ == "conj" and later.lemma_.lower() in CASUALTY_VERBS and later.head.i != first.i:
        return _is_consequence(first, later.head)  # "…, killing or wounding 50"
    return False


def _background_toll(tok: Token) -> bool:
    """Whether a casualty verb is a relative clause recalling what a place or an earlier act
    cost ("Serbia, where 24 people were killed in riots last March", "two air raids in which
    20 people were killed"): background to the sentence's event, not a new one."""
    if tok.lemma_.lower() not in CASUALTY_VERBS - {"leave", "claim"}:
        return False
    if tok.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in tok.children):
        return _background_toll(tok.head)  # "… were killed or wounded"
    if not any(c.dep_ == "nsubjpass" for c in tok.children):
        return False
    if tok.dep_ == "relcl":
        return _relative_marker(tok)
    if tok.dep_ == "ccomp" and tok.head.dep_ == "relcl" and tok.head.lemma_.lower() in ("say", "report"):
        return _relative_marker(tok.head)  # "air raids in which it said 20 people were killed"
    where = next((c for c in tok.children if c.dep_ == "advmod" and c.lower_ == "where"), None)
    # "an air raid on the city of Susangerd where, it said, 100 people were killed" (misparsed)
    return tok.dep_ == "ccomp" and where is not None and where.i > 0 and \
        where.doc[where.i - 1].pos_ in ("NOUN", "PROPN")


def _relative_marker(clause: Token) -> bool:
    """Whether a relative clause opens with "where" or "in which"."""
    return any((c.dep_ == "advmod" and c.lower_ == "where") or
               (c.dep_ == "prep" and c.lower_ == "in" and any(o.lower_ == "which" for o in c.children))
               for c in clause.children)


def _distance(a: Token, b: Token) -> int:
    """Edges between two tokens in the dependency tree (large when unrelated)."""
    anc_a = [a, *a.ancestors]
    anc_b = [b, *b.ancestors]
    index_b = {t.i: k for k, t in enumerate(anc_b)}
    for k, t in enumerate(anc_a):
        if t.i in index_b:
            return k + index_b[t.i]
    return 99


def _governing_prep(node: Token, stop: Token) -> str | None:
    current = node
    while current.i != stop.i and current.head is not current:
        if current.dep_ == "pobj":
            return current.head.lower_
        current = current.head
    return None


GOVERNOR_FACTUALITY = {
    **dict.fromkeys(("refuse", "decline", "reject", "fail", "deny", "oppose", "resist"), "negated"),
    **dict.fromkeys(("threaten", "warn", "vow"), "threatened"),
    **dict.fromkeys(("demand", "urge", "call", "ask", "appeal", "press", "request", "want", "seek",
                     "push", "order", "instruct", "invite", "encourage", "propose", "suggest"), "hypothetical"),
    **dict.fromkeys(("plan", "intend", "promise", "pledge", "agree", "prepare", "aim",
                     "expect", "hope", "offer", "consider", "mean"), "future"),
}
"""What the verb governing an infinitive or that-clause makes of the event inside it: "refused
to withdraw" (negated), "threatened to shell" (threatened), "called on him to resign"
(hypothetical), "agreed to withdraw" (future)."""


def _governed_factuality(tok: Token) -> str | None:
    node = tok
    for _ in range(3):  # "vowed to try to attack": the nearest governor decides
        if node.dep_ not in ("xcomp", "ccomp") or node.head is node:
            return None
        governor = node.head
        verdict = GOVERNOR_FACTUALITY.get(governor.lemma_.lower())
        if verdict is not None:
            if node.dep_ == "ccomp" and verdict in ("negated", "future"):
                return None  # "denied that troops fired" is a denial claim; "agreed that …" states
            return verdict
        node = governor
    return None


def _refused(tok: Token) -> bool:
    """A negated act under "will" or "would": a refusal ("would not meet demands"), not a mere
    report that something did not happen ("did not lift the curfew")."""
    return any(c.dep_ == "neg" for c in tok.children) and any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "wo", "shall") for c in tok.children)


def _has_condition(tok: Token) -> bool:
    for node in [tok, *tok.ancestors][:3]:
        for c in node.children:
            if c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") and m.dep_ == "mark" for m in c.children):
                return True
    return False


def _counterparts(sources: list[ActorRef]) -> list[ActorRef]:
    """The targets of a joint act done by several parties ("X and Y met", "the two sides
    agreed"): each is the others' counterpart, as PLOVER codes X→Y and Y→X. Listed from the
    second party on, so that a reader taking the first source and the first target (GDELT's
    Actor1 and Actor2) reads X→Y. Empty when fewer than two distinct actors act."""
    distinct = list({r.actor: r for r in sources if r.actor}.values())
    if len(distinct) < 2:
        return []
    return distinct[1:] + distinct[:1]


ASKING_VERBS = frozenset({"ask", "request", "invite", "encourage", "implore", "beg"})
"""Verbs that, with a person and an infinitive ("asked Obama to help"), ask that person to act."""


WANTING_VERBS = frozenset({"want", "wish"})
"""Verbs that, with someone else doing an infinitive ("wants Putin to attack"), appeal to them."""


def _asks_someone_to_act(tok: Token, lemma: str) -> bool:
    """"asked Obama to help Iran", "invited Tehran to join the talks": an appeal (CAMEO 02x) to
    the object, with the act asked for as its complement; not "asked whether …". So is wanting
    someone else to act ("Obama wants Putin to attack Switzerland", which the parser reads as a
    clause with its own subject)."""
    if lemma in WANTING_VERBS:
        return wanted_doer(tok) is not None
    return lemma in ASKING_VERBS and any(c.dep_ == "dobj" for c in tok.children) and any(
        c.dep_ == "xcomp" and is_infinitive(c) for c in tok.children)


PROTESTING = frozenset({"protester", "protestor", "demonstrator", "rioter", "mob", "crowd"})
"""People named by their protest: violence they do is a violent protest (CAMEO 145)."""


ARMED_ATTACKS = frozenset({"183", "184", "185", "186", "194", "195", "196"})
"""Bombings, assassinations, artillery, missiles and air strikes: an attack whoever does it."""


def _protesting(text: str) -> bool:
    word = text.lower().split()[-1] if text.split() else ""
    return word in PROTESTING or word.removesuffix("s") in PROTESTING


def _dedupe(refs: list[ActorRef]) -> list[ActorRef]:
    seen: set[tuple[int, int]] = set()
    out = []
    for r in refs:
        if (r.start, r.end) not in seen:
            seen.add((r.start, r.end))
            out.append(r)
    return out
