"""The model's attribute rules, applied by dictionary lookup instead of spaCy's ``Matcher``.

The small English model ends its tagging with an ``attribute_ruler``: 179 rules that map each
fine tag to its part of speech and morphology and mend a few words ("ai n't", "gon na", "you"
as a subject). spaCy runs them through a general ``Matcher``, which cost 12% of the whole
pipeline on the VOA stories, more than all of our event coding. Nearly every rule looks at one
token's tag, lower-cased form, dependency or whitespace, so this component indexes the rules
by the lower-cased form, tag, dependency or whitespace their first token asks for, reads those
four as one array of string hashes per document, tries on each token only the rules its values
lead to, and applies the matches exactly as spaCy does: every
match is found on the parse before any is applied, then they are applied in the order of the
rules, a later rule's attributes overriding an earlier one's on the same token. The rules
themselves are read from the loaded model, never written here; ``tests/test_attributes.py``
holds the result equal to spaCy's on real text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import spacy.attrs
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")
"""The token attributes the model's rules test, read as one array per document."""

Row = Sequence[int]
RowTest = Callable[[Row], bool]


class UnsupportedRule(ValueError):
    """A rule this component cannot read: the pipeline keeps spaCy's own ruler then."""


def _value_test(strings: StringStore, column: int, key: str, wanted: Any) -> RowTest:
    """A test of one attribute on a token's row of hashes (``IS_SPACE`` holds 0 or 1)."""
    if key == "IS_SPACE":
        if isinstance(wanted, dict):
            raise UnsupportedRule(f"predicate {wanted!r}")
        flag = int(bool(wanted))
        return lambda row: row[column] == flag
    if not isinstance(wanted, dict):
        value = strings.add(wanted)
        return lambda row: row[column] == value
    if set(wanted) == {"IN"}:
        allowed = frozenset(strings.add(v) for v in wanted["IN"])
        return lambda row: row[column] in allowed
    if set(wanted) == {"NOT_IN"}:
        barred = frozenset(strings.add(v) for v in wanted["NOT_IN"])
        return lambda row: row[column] not in barred
    if set(wanted) == {"REGEX"}:
        pattern = re.compile(wanted["REGEX"])
        return lambda row: bool(pattern.search(strings[row[column]]))
    raise UnsupportedRule(f"predicate {wanted!r}")


def _token_test(strings: StringStore, spec: dict[str, Any]) -> RowTest:
    tests = []
    for key, wanted in spec.items():
        if key not in COLUMNS:
            raise UnsupportedRule(f"attribute {key!r}")
        tests.append(_value_test(strings, COLUMNS.index(key), key, wanted))
    if len(tests) == 1:
        return tests[0]
    first, *rest = tests
    return lambda row: first(row) and all(test(row) for test in rest)


def _exact_values(spec: dict[str, Any], key: str) -> list[Any] | None:
    """The values of ``key`` a token must have to match ``spec``, when it names them."""
    if key not in spec:
        return None
    wanted = spec[key]
    if isinstance(wanted, dict):
        return list(wanted["IN"]) if set(wanted) == {"IN"} else None
    return [wanted]


class Rule:
    """One pattern of one rule: its token tests, the attributes it sets and on which token."""

    __slots__ = ("attrs", "index", "order", "tests")

    def __init__(self, strings: StringStore, order: int, pattern: Sequence[dict[str, Any]],
                 attrs: dict[int, Any], index: int) -> None:
        self.order = order
        self.tests = [_token_test(strings, spec) for spec in pattern]
        self.attrs = attrs
        self.index = index

    def matches_at(self, rows: Sequence[Row], start: int) -> bool:
        tests = self.tests
        if len(tests) == 1:
            return tests[0](rows[start])
        if start + len(tests) > len(rows):
            return False
        return all(test(rows[start + k]) for k, test in enumerate(tests))


class IndexedAttributes:
    """The attribute ruler's rules, indexed by what their first token asks for."""

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self.by_lower: dict[int, list[Rule]] = {}
        self.by_tag: dict[int, list[Rule]] = {}
        self.by_dep: dict[int, list[Rule]] = {}
        self.by_space: dict[int, list[Rule]] = {}
        self.anywhere: list[Rule] = []
        self.columns = [getattr(spacy.attrs, name) for name in COLUMNS]
        for order in range(len(ruler.attrs)):
            found = ruler.matcher.get(str(order))
            if found is None:
                continue
            for pattern in found[1]:
                rule = Rule(strings, order, pattern, ruler.attrs[order], ruler.indices[order])
                first = pattern[0]
                if (lowers := _exact_values(first, "LOWER")) is not None:
                    for value in lowers:
                        self.by_lower.setdefault(strings.add(value), []).append(rule)
                elif (tags := _exact_values(first, "TAG")) is not None:
                    for value in tags:
                        self.by_tag.setdefault(strings.add(value), []).append(rule)
                elif (deps := _exact_values(first, "DEP")) is not None:
                    for value in deps:
                        self.by_dep.setdefault(strings.add(value), []).append(rule)
                elif (spaces := _exact_values(first, "IS_SPACE")) is not None:
                    for value in spaces:
                        self.by_space.setdefault(int(bool(value)), []).append(rule)
                else:
                    self.anywhere.append(rule)

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array(self.columns).tolist()
        hits: list[tuple[int, int, Rule]] = []
        by_lower, by_tag, by_dep, by_space = self.by_lower, self.by_tag, self.by_dep, self.by_space
        anywhere = self.anywhere
        for i, row in enumerate(rows):
            for group in (by_lower.get(row[1]), by_tag.get(row[0]), by_dep.get(row[2]), by_space.get(row[3]),
                          anywhere):
                for rule in group or ():
                    if rule.matches_at(rows, i):
                        hits.append((rule.order, i, rule))
        hits.sort(key=lambda hit: (hit[0], hit[1]))
        for _, start, rule in hits:
            index = rule.index if rule.index >= 0 else len(rule.tests) + rule.index
            set_token_attrs(doc[start + index], rule.attrs)
        return doc


@Language.factory("eventwire_attributes")
def make_indexed_attributes(nlp: Language, name: str, ruler_name: str = "attribute_ruler") -> IndexedAttributes:
    """The model's attribute rules, read from its own ruler (see the module's docstring)."""
    ruler = nlp.get_pipe(ruler_name)
    if not isinstance(ruler, AttributeRuler):
        raise UnsupportedRule(f"{ruler_name!r} is not an attribute ruler")
    return IndexedAttributes(ruler)


def use_indexed_attributes(nlp: Language) -> bool:
    """Put :class:`IndexedAttributes` in place of the model's ``attribute_ruler``; leave the
    pipeline as it is when the model has no such ruler or one with a rule it cannot read."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    try:
        nlp.add_pipe("eventwire_attributes", before="attribute_ruler")
    except UnsupportedRule:
        return False
    nlp.remove_pipe("attribute_ruler")
    return True
