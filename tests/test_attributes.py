"""The model's attribute rules applied by lookup (issue 11): the same annotations as spaCy's own
attribute ruler, on real text and on rules built to test the order in which they apply."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.attributes import IndexedAttributes, UnsupportedRule, use_indexed_attributes
from eventwire.nlp import MODEL, load_nlp

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

COLLOQUIAL = ("I ain't gonna go. Y'all c'mon, let's go! Gotta go. There is a man at the gate. It was but a "
              "dream. Do it now, he did. You saw it and it saw you; I told you.")
"""Sentences that reach the model's rules for single words ("ai n't", "gon na", "let 's", "y' all"),
dependencies ("it" as subject or object, "but" as an adverb) and expletives."""


def _annotations(doc: Doc) -> list[tuple[object, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start)
            for t in doc]


@pytest.fixture(scope="module")
def stock() -> Language:
    nlp = spacy.load(MODEL)
    nlp.add_pipe("eventwire_paragraphs", before="parser")  # as eventwire loads it, but the ruler
    return nlp


def test_the_pipeline_runs_the_indexed_rules_in_place_of_the_ruler() -> None:
    names = load_nlp().pipe_names
    assert "eventwire_attributes" in names and "attribute_ruler" not in names
    assert names.index("parser") < names.index("eventwire_attributes") < names.index("lemmatizer")


def test_real_text_gets_the_same_annotations_as_with_spacy_s_ruler(stock: Language) -> None:
    with (DATA / "corpora" / "voa" / "voa_stories.jsonl").open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line, _ in zip(lines, range(20), strict=False)]
    texts.append(COLLOQUIAL)
    tokens = 0
    for ours, theirs in zip(load_nlp().pipe(texts), stock.pipe(texts), strict=True):
        assert _annotations(ours) == _annotations(theirs)
        tokens += len(ours)
    assert tokens > 10_000


def test_the_colloquial_rules_fire(stock: Language) -> None:
    doc = load_nlp()(COLLOQUIAL)
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["ai"] == "be" and lemmas["gon"] == "go" and lemmas["na"] == "to"
    assert _annotations(doc) == _annotations(stock(COLLOQUIAL))


def _blank_with_ruler(patterns: list[dict[str, object]]) -> Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


def test_a_later_rule_overrides_an_earlier_one_on_the_same_token() -> None:
    patterns: list[dict[str, object]] = [
        {"patterns": [[{"LOWER": "bank"}]], "attrs": {"POS": "NOUN", "LEMMA": "bank"}},
        {"patterns": [[{"LOWER": {"IN": ["bank", "banks"]}}]], "attrs": {"POS": "VERB"}},
        {"patterns": [[{"LOWER": "the"}, {"LOWER": "bank"}]], "attrs": {"LEMMA": "shore"}, "index": 1},
        {"patterns": [[{"LOWER": {"REGEX": "^ban"}}]], "attrs": {"MORPH": "Number=Sing"}},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    ]
    nlp = _blank_with_ruler(patterns)
    text = "The bank banks  on the bank."
    expected = nlp(text)
    ours = IndexedAttributes(nlp.get_pipe("attribute_ruler"))(nlp.make_doc(text))
    assert [(t.pos_, t.lemma_, str(t.morph)) for t in ours] == [(t.pos_, t.lemma_, str(t.morph)) for t in expected]
    assert ours[1].pos_ == "VERB" and ours[1].lemma_ == "shore" and str(ours[2].morph) == "Number=Sing"


def test_a_rule_it_cannot_read_leaves_spacy_s_ruler_in_place() -> None:
    nlp = _blank_with_ruler([{"patterns": [[{"LENGTH": 4}]], "attrs": {"POS": "NOUN"}}])
    assert use_indexed_attributes(nlp) is False
    assert nlp.pipe_names == ["attribute_ruler"]
    with pytest.raises(UnsupportedRule):
        IndexedAttributes(nlp.get_pipe("attribute_ruler"))


def test_a_pipeline_without_a_ruler_is_left_alone() -> None:
    nlp = spacy.blank("en")
    assert use_indexed_attributes(nlp) is False and nlp.pipe_names == []
