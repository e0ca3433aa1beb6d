"""benchmarks/events.py: the gold readers, the per-sentence scoring, and pinned floors (issue 4).

The floors sit just under the latest measured figures and may only rise. PLOVER GSR macro-F1,
source and target accuracy meet the issue's targets (0.75, 0.80, 0.80), and so does UD-PETRARCH
triple accuracy (0.70; measured 0.712, 52 of 73 gold events).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from events import (
    ActorCode,
    GoldSentence,
    Predicted,
    _gsr_actor,
    cameo_sentences,
    phoenix_code,
    plover_gsr,
    run,
    score,
)

FLOORS = {
    "plover_gsr": {"macro_f1": 0.75, "source_accuracy": 0.82, "target_accuracy": 0.80, "sentence_detection_f1": 0.97},
    "ud_petrarch_gsr": {"macro_f1": 0.65, "source_accuracy": 0.95, "target_accuracy": 0.93, "triple_accuracy": 0.70},
}


def test_gsr_legacy_and_non_state_codes() -> None:
    assert _gsr_actor("JAP", "GOV") == ActorCode("JPN", "GOV")
    assert _gsr_actor("IGO", None) == ActorCode(None, "IGO")
    assert _gsr_actor("IRQ", None) == ActorCode("IRQ", None)


def test_phoenix_codes() -> None:
    assert phoenix_code("USAGOV") == ActorCode("USA", "GOV")
    assert phoenix_code("IRQ") == ActorCode("IRQ", None)
    assert phoenix_code("IGOUNO") == ActorCode(None, "IGO")
    assert phoenix_code("IMGMUSISI") == ActorCode(None, "IMG")  # an international militant group: no country
    assert phoenix_code("NGOHRI") == ActorCode(None, "NGO")
    assert phoenix_code("'---'") == ActorCode(None, None)
    assert phoenix_code("---REB") == ActorCode(None, "REB")


def test_scoring_is_per_sentence_and_counts_extras_as_false_positives() -> None:
    gold = [GoldSentence("a", "x", None, [("ASSAULT", "190", [ActorCode("RUS", "MIL")], [ActorCode("UKR", None)])]),
            GoldSentence("b", "y", None, [("CONSULT", None, [ActorCode("USA", None)], [])]),
            GoldSentence("c", "z", None, [("PROTEST", "141", [ActorCode(None, "CVL")], [])])]
    predicted = [[Predicted("ASSAULT", "193", [ActorCode("RUS", "MIL")], [ActorCode("UKR", "CVL")]),
                  Predicted("ASSAULT", "190", [], [])],
                 [Predicted("PROTEST", None, [], [])],
                 [Predicted("PROTEST", "145", [ActorCode("FRA", "GOV")], [])]]
    figures = score(gold, predicted, cameo=True)
    per_type = figures["per_type"]
    assert isinstance(per_type, dict)
    assert per_type["ASSAULT"] == {"precision": 0.5, "recall": 1.0, "f1": 0.667, "gold": 1, "predicted": 2}
    assert per_type["CONSULT"]["recall"] == 0.0 and per_type["PROTEST"]["precision"] == 0.5
    assert figures["source_accuracy"] == 0.5  # a: RUS found; c: sector CVL wanted, GOV given
    assert figures["target_accuracy"] == 1.0
    assert figures["triple_accuracy"] == 0.5  # a right (root 19, actors); c wrong actor; b has no CAMEO code


def test_gold_readers(shared: Path) -> None:
    plover = plover_gsr(shared / "data")
    assert len(plover) == 322 and all(len(s.events) == 1 for s in plover)
    assert {s.events[0][0] for s in plover} <= {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID",
                                               "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST",
                                               "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    ud = cameo_sentences(shared / "data" / "eval" / "events" / "ud_petrarch" / "PETR2_GSR_validation.xml")
    assert len(ud) >= 70 and all(s.text for s in ud)
    first = ud[0]
    assert first.events[0][1] == "042" and first.events[0][2] == [ActorCode("USA", None)]


@pytest.fixture(scope="module")
def figures(shared: Path) -> dict[str, dict[str, object]]:
    return run(shared / "data")


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_event_coding_meets_floors(figures: dict[str, dict[str, object]], name: str) -> None:
    for metric, floor in FLOORS[name].items():
        value = figures[name][metric]
        assert isinstance(value, float) and value >= floor, f"{name} {metric} {value} < {floor}"
