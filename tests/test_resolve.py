"""Dates, gazetteer and knowledge lookups."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from eventwire.resolve.dates import find_times
from eventwire.resolve.gazetteer import gazetteer
from eventwire.resolve.kb import countries, triggers

PUB = date(2020, 2, 20)  # a Thursday


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("on February 19th", "2020-02-19", "day"),
    ("on January 13 of this year", "2020-01-13", "day"),
    ("on December 30", "2019-12-30", "day"),
    ("on 3 March 2019", "2019-03-03", "day"),
    ("earlier in February", "2020-02", "month"),
    ("in November", "2019-11", "month"),
    ("in March 2018", "2018-03", "month"),
    ("on Tuesday", "2020-02-18", "day"),
    ("last Thursday", "2020-02-13", "day"),
    ("yesterday", "2020-02-19", "day"),
    ("last month", "2020-01", "month"),
    ("since 2011", "2011", "year"),
    ("2020-02-01", "2020-02-01", "day"),
    ("20.02.2020", "2020-02-20", "day"),
])
def test_dates_against_publication(text: str, value: str, precision: str) -> None:
    found = find_times(f"It happened {text}.", PUB)
    assert [(t.value, t.precision) for t in found] == [(value, precision)]


def test_no_anchor_leaves_the_year_unknown() -> None:
    (t,) = find_times("They met on February 19th.", None)
    assert t.value == "--02-19" and not t.anchored


def test_may_the_verb_is_not_a_month() -> None:
    assert find_times("Talks may resume soon.", PUB) == []


def test_impossible_dates_are_not_invented() -> None:
    (t,) = find_times("on February 30", PUB)
    assert t.value is None


def test_tripoli_follows_the_story() -> None:
    g = gazetteer()
    libya = g.resolve("Tripoli", Counter({"LBY": 5, "TUR": 1}))
    lebanon = g.resolve("Tripoli", Counter({"LBN": 5}))
    assert libya and lebanon
    assert libya.entry.geonames_id == 2210247 and libya.entry.country == "LBY"
    assert lebanon.entry.country == "LBN"
    assert any(a.country == "LBN" for a in libya.alternatives)
    assert 0 < libya.confidence <= 1


def test_country_beside_the_name_decides() -> None:
    res = gazetteer().resolve("Tripoli", Counter({"LBY": 3}), near="LBN")
    assert res and res.entry.country == "LBN"


def test_countries_resolve_as_countries() -> None:
    res = gazetteer().resolve("Turkey", Counter())
    assert res and res.entry.precision == "country" and res.entry.country == "TUR"


def test_country_names_and_demonyms() -> None:
    c = countries()
    assert c.lookup("Russia") == "RUS"
    assert c.lookup("Libyan") == "LBY"
    assert c.lookup("Turkish") == "TUR"
    assert c.lookup("the United States") == "USA"


def test_trigger_lexicon_maps_to_plover() -> None:
    t = triggers()
    assert t.type_of(t.verbs["shell"]) == ("ASSAULT", "heavy-weapons")
    assert t.type_of(t.verbs["meet"])[0] == "CONSULT"  # type: ignore[index]
    assert t.type_of(t.verbs["condemn"])[0] == "ACCUSE"  # type: ignore[index]
    assert "say" not in t.verbs  # reporting verbs are claims, not events
    assert t.type_of("0199") is None


def test_curated_demonyms_belong_to_one_country() -> None:
    """CountryInfo files "Serbian" under Montenegro (the former union); curation moves it."""
    c = countries()
    assert c.lookup("Serbian") == "SRB" and c.lookup("Serbs") == "SRB"
    assert c.lookup("Montenegrin") == "MNE"


def test_plural_demonyms() -> None:
    c = countries()
    assert c.lookup("Algerians") == "DZA" and c.demonym("Nigerians") == "NGA" and c.demonym("Nigerian") == "NGA"
    assert c.lookup("news") is None and c.demonym("Texas") is None
