"""benchmarks/throughput.py (issue 11) on a small slice of the real corpora: both process counts
are compared with spaCy on the same documents, every document of a scale run is stored once and
found unchanged when ingested again, and the passages it ingests are distinct real text."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from eventwire.clean import build_document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from throughput import PASSAGE_SENTENCES, main, passages, voa_items

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


@pytest.fixture
def small_data(tmp_path: Path) -> Path:
    """Four VOA stories and twenty FA-KES articles, in the shared layout."""
    voa = tmp_path / "corpora" / "voa"
    voa.mkdir(parents=True)
    with (DATA / "corpora" / "voa" / "voa_stories.jsonl").open(encoding="utf-8") as stories:
        (voa / "voa_stories.jsonl").write_text("".join(next(stories) for _ in range(4)), encoding="utf-8")
    fakes = tmp_path / "corpora" / "fakes_syria"
    fakes.mkdir(parents=True)
    with (DATA / "corpora" / "fakes_syria" / "FA-KES-Dataset.csv").open(encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines(keepends=True)
    (fakes / "FA-KES-Dataset.csv").write_text("".join(lines[:21]), encoding="utf-8")
    return tmp_path


def test_passages_are_distinct_sentences_of_the_articles(small_data: Path) -> None:
    found = list(passages(small_data, 400))
    assert len(found) == 400
    texts = [p.content for p in found]
    assert len(set(texts)) == len(texts)  # every one a new document, none a copy
    assert all(p.published and len(p.published) == 10 for p in found)
    originals = [p for p in found if "This is copy" not in p.content]
    assert originals and all(p.content.count(". ") + 1 >= PASSAGE_SENTENCES - 1 for p in originals[:50])
    # past the real passages, the same ones come back marked as copies, never as empty texts
    assert any(p.content.endswith("This is copy 1 of the passage.") for p in found)
    assert [p.content for p in passages(small_data, 20)] == texts[:20]  # the same corpus every time


def test_repeats_of_the_stories_are_distinct_after_cleaning() -> None:
    items = voa_items(DATA, repeat=2, limit=3)
    assert len(items) == 6
    assert len({build_document(i).id for i in items}) == 6  # each copy is stored, not skipped as known


def test_speed_and_scale_figures(small_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(small_data), "--limit", "2", "--processes", "1,2", "--scale", "24,12",
                 "--turn", "8"]) == 0
    out = capsys.readouterr().out
    figures = json.loads(out.strip().splitlines()[-1])
    one, two = figures["speed"]
    assert one["processes"] == 1 and two["processes"] == 2
    assert one["records"] == two["records"] == one["documents"] == 2
    assert 0 < one["ratio_with_store"] < one["ratio"]  # storing costs something on top
    assert one["store_ms_per_document"] > 0
    small, large, after_8, after_16, again = figures["scale"]
    assert again["again"] and "again" not in small  # the smallest size once more, after the largest
    assert (after_8["during"], after_16["during"]) == (8, 16)  # ... and while the largest paused
    for run, size in ((small, 12), (large, 24), (after_8, 12), (after_16, 12), (again, 12)):
        assert run["documents"] == run["new"] == run["reingest_unchanged"] == size
        assert run["failed"] == 0
        assert run["reingest_speedup"] > 1  # nothing extracted the second time
        assert 0 < run["save_ms_per_document"] < run["ms_per_document"]
        assert run["peak_rss_mb"] >= run["rss_after_start_up_mb"] > 0
    base = sum(r["ms_per_document"] for r in (small, after_8, after_16, again)) / 4
    assert figures["cost_growth"] == pytest.approx(large["ms_per_document"] / base, abs=0.01)
    assert large["wall_s"] < sum(r["wall_s"] for r in (small, after_8, after_16, again))  # pauses not timed
    assert "re-ingest" in out and "spaCy alone" in out and "(during, after 8)" in out


def test_missing_corpus_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tmp_path)]) == 2
    assert "corpus not found" in capsys.readouterr().err
