"""benchmarks/attribution.py: the PolNeAR reader, the span mapping and scoring, pinned floors (issue 5).

Floors sit just under the latest measured figures on the full dev split and may only rise; the
issue's targets are above them (speech attributions: content overlap F1 0.80, source and cue 0.85).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from attribution import Attribution, Piece, char_map, dice, is_speech_cue, match, read_ann, run, score, to_raw

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"

FLOORS = {
    "speech": {"source": 0.85, "cue": 0.85, "content": 0.81},  # the issue 5 targets for source and cue
    "all": {"source": 0.65, "cue": 0.63, "content": 0.62},
}


def test_reads_standoff_attributions_with_discontinuous_spans(tmp_path: Path) -> None:
    ann = tmp_path / "a.ann"
    ann.write_text(
        "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 12 20;25 30\tabcdefgh klmno\n"
        "T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tCue 40 46\tfeared\nT6\tContent 47 60\tthe worst case\nE2\tAttribution:T5 Cue:T5 Content:T6\n",
        encoding="utf-8")
    first, second = read_ann(ann)
    assert first.source == Piece(((0, 5),), "Smith")
    assert first.content is not None and first.content.ranges == ((12, 20), (25, 30))
    assert first.speech and second.source is None and not second.speech


def test_speech_cues() -> None:
    assert is_speech_cue("said") and is_speech_cue("has told") and is_speech_cue("according to")
    assert is_speech_cue("called for") and is_speech_cue("tweeted")
    assert not is_speech_cue("fears") and not is_speech_cue("is convinced") and not is_speech_cue("wants")


def test_clean_text_maps_back_through_normalised_whitespace() -> None:
    raw = "Headline here.\n\nThe\u00a0Post  has learned that\nthings happened, sources said.\n"
    clean = "The Post has learned that\nthings happened, sources said."
    mapping = char_map(clean, raw)
    start = clean.index("Post")
    assert to_raw((start, start + 4), mapping) == (raw.index("Post"), raw.index("Post") + 4)
    s = clean.index("sources")
    mapped = to_raw((s, s + 7), mapping)
    assert mapped is not None and raw[mapped[0]:mapped[1]] == "sources"
    assert to_raw((0, 0), {}) is None


def test_overlap_is_token_dice_at_one_half() -> None:
    raw = "The New York Post has said that X."
    post = Piece(((0, 17),), "The New York Post")
    short = Piece(((4, 17),), "New York Post")
    said = Piece(((22, 26),), "said")
    has_said = Piece(((18, 26),), "has said")
    assert dice(post, short, raw) == pytest.approx(6 / 7)
    assert dice(said, has_said, raw) == pytest.approx(2 / 3)
    assert match([post], [short], raw) == (0, 1)  # overlap, not exact
    assert match([said], [Piece(((22, 26),), "said")], raw) == (1, 1)
    assert match([said], [post], raw) == (0, 0)


def test_scoring_counts_each_role_and_subset() -> None:
    raw = "Smith said the plan failed. Jones fears the worst."
    gold = [Attribution(Piece(((0, 5),), "Smith"), Piece(((6, 10),), "said"), Piece(((11, 26),), "the plan failed")),
            Attribution(Piece(((28, 33),), "Jones"), Piece(((34, 39),), "fears"), Piece(((40, 49),), "the worst"))]
    pred = [Attribution(Piece(((0, 5),), "Smith"), Piece(((6, 10),), "said"), Piece(((11, 26),), "the plan failed"))]
    figures = score([(raw, gold, pred)])
    speech, everything = figures["speech"], figures["all"]
    assert speech["cue"]["exact_f1"] == 1.0  # type: ignore[index]
    assert everything["cue"]["exact_recall"] == 0.5 and everything["cue"]["exact_precision"] == 1.0  # type: ignore[index]


@pytest.fixture(scope="module")
def figures() -> dict[str, dict[str, object]]:
    if not (DATA / "eval" / "attribution" / "polnear" / "dev").is_dir():
        pytest.fail(f"PolNeAR dev split missing under {DATA}")
    return run(DATA, "dev")


@pytest.mark.parametrize("subset", sorted(FLOORS))
def test_attribution_meets_floors(figures: dict[str, dict[str, object]], subset: str) -> None:
    for role, floor in FLOORS[subset].items():
        value = figures[subset][role]["overlap_f1"]  # type: ignore[index]
        assert value >= floor, f"{subset} {role} overlap F1 {value} < {floor}"
