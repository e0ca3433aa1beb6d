"""Extraction: a parsed document in, a full :class:`~eventwire.record.Record` out."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc

from eventwire.extract.actors import ActorBuilder
from eventwire.extract.claims import ClaimExtractor
from eventwire.extract.context import DocContext
from eventwire.extract.contradictions import find_contradictions
from eventwire.extract.events import EventExtractor
from eventwire.extract.mentions import entity_mentions
from eventwire.extract.outlets import OutletMemory, domain_home
from eventwire.extract.places import resolve_places
from eventwire.extract.times import extract_times
from eventwire.nlp import doc_text
from eventwire.record import Document, Entity, Record, Sentence


def extract(document: Document, doc: Doc, outlets: OutletMemory | None = None) -> Record:
    """Every extracted value of one document, with offsets into ``document.text``. With
    ``outlets``, the outlet's usual home (from its earlier documents) helps place the names,
    and this document's confident places are added to it."""
    text = doc_text(doc)
    sentences = tuple(Sentence(s.start_char, s.end_char) for s in doc.sents
                      if text[s.start_char:s.end_char].strip())
    if document.language != "en":
        return Record(document=document, sentences=sentences)
    mentions = entity_mentions(doc)
    actors, mention_actor = ActorBuilder(doc, mentions, document.published.value).build()
    outlet = document.source.domain if document.source else None
    home = outlets.home(outlet) if outlets is not None else domain_home(outlet)
    places, mention_place = resolve_places(doc, mentions, actors, home)
    if outlets is not None:
        outlets.learn(outlet, places)
    times = extract_times(document.text, mentions, document.published, doc)
    entities = tuple(
        Entity(id=f"T{i + 1}", text=m.text, start=m.start_char, end=m.end_char, label=m.label,
               actor=mention_actor.get(i), place=mention_place.get(i))
        for i, m in enumerate(mentions) if not m.homeless or i in mention_actor)  # (ids keep their index)
    ctx = DocContext(doc=doc, mentions=mentions, actors=actors, mention_actor=mention_actor)
    claims = ClaimExtractor(ctx).run()
    place_of_token = {}
    for i, m in enumerate(mentions):
        if i in mention_place:
            for t in range(m.start, m.end):
                place_of_token[t] = (mention_place[i], m.text, m.start_char, m.end_char)
    time_of_token = {}
    for when in times:
        if when.type != "date" or not (when.value or "")[:1].isdigit():
            continue  # durations, sets and "now" are never an event's date
        span = doc.char_span(when.start, when.end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                time_of_token[i] = (when.id, when.text, when.start, when.end)
    place_country = {p.id: p.country for p in places if p.country}
    events = EventExtractor(ctx, claims, place_of_token, time_of_token, place_country).run()
    # sentence indexes must count only the non-blank sentences kept above
    index_of = _sentence_index(doc)
    events = [dataclasses.replace(e, sentence=index_of.get(e.sentence, e.sentence)) for e in events]
    contradictions = find_contradictions(doc, claims, events, actors, places, times)
    return Record(document=document, sentences=sentences, entities=entities,
                  actors=tuple(actors), places=tuple(places), times=tuple(times),
                  claims=tuple(claims), events=tuple(events),
                  contradictions=tuple(contradictions))


def _sentence_index(doc: Doc) -> dict[int, int]:
    out: dict[int, int] = {}
    kept = 0
    text = doc_text(doc)
    for raw, s in enumerate(doc.sents):
        out[raw] = kept
        if text[s.start_char:s.end_char].strip():
            kept += 1
    return out

