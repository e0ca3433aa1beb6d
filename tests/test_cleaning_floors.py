"""Cleaning quality on gold written by others (benchmarks/cleaning.py, eventwire only), with floors.

Floors sit just under the figures measured when they were pinned (issue 3) and may only rise.
trafilatura's own defaults measured, on the same runs: trafilatura_eval HTML P .891 / F1 .922,
CleanEval HTML P .857 / F1 .853.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

FLOORS = {
    "trafilatura_eval/html": {"precision": 0.93, "f1": 0.94},
    "trafilatura_eval/text": {"precision": 0.78, "f1": 0.82},
    "cleaneval/html": {"precision": 0.90, "f1": 0.89},
    "cleaneval/text": {"precision": 0.93, "f1": 0.90},
}


@pytest.fixture(scope="module")
def figures(shared: Path) -> dict[str, dict[str, dict[str, float]]]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from cleaning import run

    return run(shared / "data", systems=["eventwire"])


@pytest.mark.parametrize("label", sorted(FLOORS))
def test_cleaning_meets_floors(figures: dict[str, dict[str, dict[str, float]]], label: str) -> None:
    got = figures[label]["eventwire"]
    for metric, floor in FLOORS[label].items():
        assert got[metric] >= floor, f"{label} {metric} {got[metric]} < floor {floor}"


def test_flatten_puts_each_block_on_its_own_line() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from cleaning import flatten, gold_text, word_scores

    page = ("<html><body><div>Menu <a href='/'>Home</a></div><p>One <b>two</b> three.</p>"
            "<script>x()</script></body></html>")
    assert flatten(page) == "Menu Home\nOne two three."
    assert gold_text("URL: http://x\n<p>Hello there\n<l>item").split() == ["Hello", "there", "item"]
    assert word_scores(["hello there"], ["hello there friend"])["precision"] == 1.0
