"""What the extractors of one document share: the parse, mentions, actors and references.

Extractors are small functions of a :class:`DocContext`; the context answers the questions
several of them ask ("which actor does this token name?", "who is 'it' here?").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from eventwire.extract.mentions import Mention
from eventwire.extract.quotes import Quote, find_quotes
from eventwire.nlp import doc_text
from eventwire.record import Actor, ActorRef
from eventwire.resolve.kb import countries

PRONOUNS_PERSON = {"he", "she", "him", "his", "her"}
PRONOUNS_THING = {"it", "its"}
PRONOUNS_PLURAL = {"they", "them", "their"}
PRONOUNS_SPEAKER = {"we", "our", "us", "i", "my", "me"}
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
RELATIONAL_NOUNS = frozenset({"ally", "partner", "neighbor", "neighbour", "counterpart", "rival", "enemy", "foe",
                              "adversary", "opponent", "critic"})
"""Nouns that name another party by its relation to the possessor ("Russia's allies")."""


@dataclass
class DocContext:
    doc: Doc
    mentions: list[Mention]
    actors: list[Actor]
    mention_actor: dict[int, str]
    token_mention: dict[int, int] = field(default_factory=dict)
    actor_by_id: dict[str, Actor] = field(default_factory=dict)
    quote_speakers: list[tuple[int, int, str | None]] = field(default_factory=list)
    """(start_char, end_char, actor id) of direct quotes, to resolve "we" inside them."""

    co_nationals: dict[tuple[int, int], list[ActorRef]] = field(default_factory=dict)
    """(start_char, end_char) of a role phrase naming several nationalities -> the actors of its
    later ones ("US and British activists" -> "British activists")."""

    def __post_init__(self) -> None:
        for i, m in enumerate(self.mentions):
            for t in range(m.start, m.end):
                self.token_mention.setdefault(t, i)
        self.actor_by_id = {a.id: a for a in self.actors}
        for i, m in enumerate(self.mentions):
            whole = self.token_mention.get(m.end - 1)
            if m.co_national and i in self.mention_actor and whole is not None and whole != i:
                owner = self.mentions[whole]
                self.co_nationals.setdefault((owner.start_char, owner.end_char), []).append(
                    ActorRef(actor=self.mention_actor[i], text=m.text, start=m.start_char, end=m.end_char))

    def with_co_nationals(self, refs: list[ActorRef]) -> list[ActorRef]:
        """``refs`` with the later nationalities of any shared role among them: the source of
        "US and British activists staged a protest" is the US activists and the British ones."""
        out = []
        for ref in refs:
            out.append(ref)
            out += [r for r in self.co_nationals.get((ref.start, ref.end), ()) if r not in refs]
        return out

    @cached_property
    def quotes(self) -> list[Quote]:
        return find_quotes(doc_text(self.doc))

    def quote_around(self, char: int) -> Quote | None:
        return next((q for q in self.quotes if q.start <= char < q.end), None)

    # --- actors -------------------------------------------------------------------------

    def country_actor(self, iso: str) -> str:
        """The id of the actor of country ``iso``; one is added (named by the country's short
        name, no mentions) when the text names the country only through a place in it."""
        for actor in self.actors:
            if actor.kind == "country" and actor.country == iso:
                return actor.id
        actor = Actor(id=f"A{len(self.actors) + 1}", name=countries().names.get(iso, iso), kind="country",
                      country=iso, sector=("GOV",))
        self.actors.append(actor)
        self.actor_by_id[actor.id] = actor
        return actor.id

    def actor_at(self, token: Token) -> str | None:
        i = self.token_mention.get(token.i)
        return self.mention_actor.get(i) if i is not None else None

    def actor_of_phrase(self, head: Token) -> tuple[str | None, Span]:
        """The actor a noun phrase names, and the words to cite for it.

        Looks at the head itself, then its possessor ("Haftar's forces"), compounds ("LNA
        positions"), an "of" complement ("forces of X"), pronouns and definite descriptions
        ("the Mission" for "UN Support Mission").
        """
        doc = self.doc
        span = self.phrase_span(head)
        actor = self.actor_at(head)
        if actor:
            m = self.mentions[self.token_mention[head.i]]
            return actor, doc[m.start:m.end]
        if head.lower_ in PRONOUNS_PERSON | PRONOUNS_THING | PRONOUNS_SPEAKER:
            return self.resolve_pronoun(head), doc[head.i:head.i + 1]
        for child in head.children:
            if child.dep_ == "poss" and head.lemma_.lower() in RELATIONAL_NOUNS:
                continue  # "its longtime ally", "Greece's partners": someone other than the owner
            if child.dep_ in ("poss", "compound", "nmod", "amod"):
                found = self.actor_at(child)
                if found:
                    return found, span
                if child.dep_ == "poss" and child.lower_ in PRONOUNS_PERSON | PRONOUNS_THING | PRONOUNS_SPEAKER:
                    return self.resolve_pronoun(child), span
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    found = self.actor_at(pobj) or next(  # "the first deployment of NATO troops"
                        (a for c in pobj.children if c.dep_ in ("compound", "amod") and (a := self.actor_at(c))), None)
                    if found:
                        return found, span
        return self.definite_description(head), span

    def phrase_span(self, head: Token) -> Span:
        """The noun phrase of ``head`` up to the head: no relative clauses or appositions."""
        doc = self.doc
        start = head.left_edge.i
        while start < head.i and (doc[start].is_punct or doc[start].lower_ in ("the", "a", "an")):
            start += 1
        return doc[start:head.i + 1]

    def definite_description(self, head: Token) -> str | None:
        """"The Mission" -> the latest earlier actor whose name ends in "Mission"."""
        if head.pos_ not in ("NOUN", "PROPN") or not any(c.lower_ == "the" for c in head.children):
            return None
        word = head.lower_
        best = None
        for i, m in enumerate(self.mentions):
            if m.start_char >= head.idx:
                break
            actor = self.mention_actor.get(i)
            if actor and not m.co_national and self.actor_by_id[actor].name.lower().split()[-1] == word:
                best = actor
        return best

    def resolve_pronoun(self, token: Token) -> str | None:
        """Who "he", "it", "we" refers to: the quote's speaker for "we", else the latest
        compatible subject before the pronoun (subjects are what pronouns pick up in news).
        A pronoun outside quotation marks never picks up a name inside them."""
        low = token.lower_
        if low in PRONOUNS_SPEAKER:
            for start, end, actor in self.quote_speakers:
                if start <= token.idx < end:
                    return actor
            return None
        want_person = low in PRONOUNS_PERSON
        fallback = None
        own_quote = self.quote_around(token.idx)
        for i in range(len(self.mentions) - 1, -1, -1):
            m = self.mentions[i]
            if m.start_char >= token.idx:
                continue
            if own_quote is None and self.quote_around(m.start_char) is not None:
                continue  # '"… The #PNH is instructed …," he tweeted': not someone the quotation names
            actor_id = self.mention_actor.get(i)
            if not actor_id or m.co_national:
                continue  # (a later nationality of a shared role is picked up with the whole phrase)
            if (self.actor_by_id[actor_id].kind == "person") != want_person:
                continue
            if token.idx - m.start_char > 1500:
                break
            head = self.doc[m.start:m.end].root
            if head.dep_ in SUBJECT_DEPS or (head.head.dep_ in SUBJECT_DEPS and head.dep_ in ("compound", "poss")):
                return actor_id
            if fallback is None:
                fallback = actor_id
        return fallback

    def ref(self, head: Token) -> ActorRef:
        actor, span = self.actor_of_phrase(head)
        return ActorRef(actor=actor, text=span.text, start=span.start_char, end=span.end_char)
