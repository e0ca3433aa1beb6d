"""benchmarks/stages.py, the per-stage profile (issue 11), on a small corpus of real VOA stories:
every stage is timed, the shares add up, every copy is extracted and stored, and the text spaCy
joins is joined once per document."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from eventwire.nlp import doc_text, keep_text, load_nlp

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from stages import STEPS, main

VOA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "corpora" / "voa" / "voa_stories.jsonl"


@pytest.fixture
def small_data(tmp_path: Path) -> Path:
    folder = tmp_path / "corpora" / "voa"
    folder.mkdir(parents=True)
    with VOA.open(encoding="utf-8") as stories:
        (folder / "voa_stories.jsonl").write_text("".join(next(stories) for _ in range(3)), encoding="utf-8")
    return tmp_path


def test_every_stage_is_timed_and_every_copy_stored(small_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(small_data), "--repeat", "2"]) == 0
    out = capsys.readouterr().out
    figures = json.loads(out.strip().splitlines()[-1])
    assert figures["documents"] == figures["stored"] == figures["records"] == 6  # copies are distinct
    stages = figures["seconds"]
    assert set(stages) == {"clean", "parse (spaCy alone)", "store", "extract: glue",
                           *(f"extract: {s}" for s in STEPS)}
    assert all(seconds > 0 for name, seconds in stages.items() if name != "extract: glue")
    assert abs(sum(figures["share"].values()) - 1) < 0.01
    assert 0 < figures["pipeline_over_spacy"] < 1  # extraction costs something on top of the parse
    assert "parse (spaCy alone)" in out and "words per second" in out


def test_missing_data_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tmp_path)]) == 2
    assert "VOA stories not found" in capsys.readouterr().err


def test_a_document_s_text_is_joined_once() -> None:
    doc = load_nlp()("Rebels shelled the town on Sunday. Officials said 12 people died.")
    assert doc_text(doc) == doc.text
    keep_text(doc, "kept")  # what the pipeline keeps of what it parsed
    assert doc_text(doc) == "kept"
