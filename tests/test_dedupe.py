"""Near-duplicate detection: MinHash estimates, LSH lookup, groups in memory and in the store."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pytest

from eventwire.clean import build_document
from eventwire.dedupe import Deduplicator, Entry, MemoryIndex, band_keys, signature, similarity
from eventwire.dedupe.minhash import shingle_hashes
from eventwire.record import Document, Published, Record
from eventwire.sources.raw import RawItem
from eventwire.store import Store
from eventwire.store import duplicates as store_duplicates

STORY = ("Government forces shelled rebel positions near the northern city on Tuesday, a military spokesman "
         "said, adding that the operation would continue until the area was secured. Residents reported heavy "
         "explosions through the night and said several houses had been destroyed. The opposition accused the "
         "army of targeting civilians and called on the United Nations to intervene. A ceasefire agreed last "
         "month has repeatedly been violated by both sides, according to monitors who visited the region on "
         "Monday. Aid agencies said thousands of families had fled toward the border in recent days.")
OTHER = ("The central bank raised its main interest rate by half a point on Wednesday, citing persistent "
         "inflation in food and energy prices. Economists had expected a smaller increase. The governor said "
         "further tightening could follow if prices did not ease by the end of the year, and markets fell "
         "sharply after the announcement. Exporters warned that a stronger currency would hurt sales abroad, "
         "while retailers said consumer demand was already weakening across the country.")


def doc(text: str, url: str | None = None) -> Document:
    item = RawItem(origin=url or "test", content=text, kind="text", url=url)
    return build_document(item)


def test_similarity_estimates_jaccard() -> None:
    a, _ = signature(STORY)
    edited, _ = signature(STORY.replace("Tuesday", "Wednesday").replace("heavy", "loud"))
    other, _ = signature(OTHER)
    assert similarity(a, a) == 1.0
    assert similarity(a, edited) > 0.7
    assert similarity(a, other) < 0.1


def test_signature_ignores_case_punctuation_and_quotes() -> None:
    a, _ = signature(STORY)
    b, _ = signature(STORY.upper().replace(",", " ").replace(".", " ."))
    assert similarity(a, b) == 1.0


def test_hashes_are_stable_across_processes() -> None:
    """Signatures are stored; a new process must compute the same ones."""
    code = ("import json; from eventwire.dedupe import signature, band_keys; "
            f"s, n = signature({STORY!r}); print(json.dumps([s.tolist(), band_keys(s)]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    sig, keys = json.loads(out.stdout)
    here, _ = signature(STORY)
    assert sig == here.tolist() and keys == band_keys(here)


def test_empty_and_tiny_texts() -> None:
    assert shingle_hashes("").size == 0
    sig, size = signature("")
    assert size == 0 and sig.shape == (128,)
    sig, size = signature("Talks resumed.")
    assert size == 1


def test_band_keys_differ_per_band() -> None:
    sig = np.zeros(128, dtype=np.uint32)
    assert len(set(band_keys(sig))) == 32


def test_memory_deduplicator_groups_copies_and_keeps_distinct_apart() -> None:
    dedup = Deduplicator(MemoryIndex())
    first = dedup.assign(doc(STORY, "https://a.example/1"))
    copy = dedup.assign(doc("WASHINGTON — " + STORY + " (Reporting by Desk.)", "https://b.example/2"))
    other = dedup.assign(doc(OTHER, "https://c.example/3"))
    third = dedup.assign(doc(STORY.replace("Tuesday", "Tuesday night"), "https://d.example/4"))
    assert first.duplicate_of is None and first.syndication_group is None
    assert copy.duplicate_of == first.id and copy.syndication_group == first.id and copy.similarity
    assert other.duplicate_of is None
    assert third.syndication_group == first.id
    root = dedup.index.entry(first.id)
    assert root is not None and root.group == first.id


@dataclass
class CountingIndex(MemoryIndex):
    """The real MemoryIndex, counting how many stored entries a lookup has to compare."""

    compared: list[int] = field(default_factory=list)

    def candidates(self, keys: list[int]) -> list[str]:
        found = super().candidates(keys)
        self.compared.append(len(found))
        return found


def test_lookup_compares_only_bucket_mates() -> None:
    index = CountingIndex()
    dedup = Deduplicator(index)
    rng = np.random.default_rng(3)
    vocabulary = [f"w{i}" for i in range(5000)]
    for _ in range(300):  # 300 unrelated texts
        dedup.assign(doc(" ".join(rng.choice(vocabulary, 80)) + "."))
    dedup.assign(doc(STORY))
    assert index.compared[-1] <= 3  # sub-linear: not 300 comparisons


def test_short_texts_are_not_called_copies() -> None:
    dedup = Deduplicator(MemoryIndex())
    a = dedup.assign(doc("Talks resumed on Monday in the capital city."))
    b = dedup.assign(doc("Talks resumed on Monday in the capital city!"))
    assert a.id != b.id and b.duplicate_of is None


def test_store_marks_near_duplicates_and_counts_exact_copies(tmp_path: Path) -> None:
    with Store(tmp_path / "d.db") as store:
        original = doc(STORY, "https://a.example/1")
        assert store.save(Record(document=original), "a") is not None
        near = doc(STORY + " Officials gave no figure for casualties.", "https://b.example/2")
        stored = store.save(Record(document=near), "b")
        assert stored is not None and stored.document.duplicate_of == original.id
        assert stored.document.syndication_group == original.id
        # the original now knows it heads a group
        assert store.get(original.id).document.syndication_group == original.id
        assert [r["id"] for r in store.syndication_group(original.id)] == [original.id, near.id]
        # the same text again at another URL: one document, two places
        again = replace(original, url="https://c.example/3", origin="c")
        assert store.save(Record(document=again), "c") is None
        assert store.add_copy(again, "c") is True
        assert store.add_copy(again, "c") is False
        assert [c["url"] for c in store.copies(original.id)] == ["https://a.example/1", "https://c.example/3"]


def test_duplicates_survive_reopening_the_store(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Store(path) as store:
        store.save(Record(document=doc(STORY, "https://a.example/1")))
    with Store(path) as store:
        stored = store.save(Record(document=doc(STORY + " More later.", "https://b.example/2")))
        assert stored is not None and stored.document.duplicate_of is not None


def test_backfill_gives_old_documents_signatures(tmp_path: Path) -> None:
    with Store(tmp_path / "b.db") as store:
        first = doc(STORY, "https://a.example/1")
        store.save(Record(document=first))
        with store.conn:
            store.conn.execute("DELETE FROM lsh_keys")
            store.conn.execute("DELETE FROM minhash")
            store_duplicates.backfill(store.conn)
        entry = store.dedup.index.entry(first.id)
        assert isinstance(entry, Entry) and entry.shingles > 50
        stored = store.save(Record(document=doc(STORY + " Update follows.", "https://b.example/2")))
        assert stored is not None and stored.document.duplicate_of == first.id


def test_syndication_group_is_in_the_record_round_trip() -> None:
    d = Document(id="sha256:" + "0" * 64, url=None, source=None, title=None,
                 published=Published(None, "unknown", "unknown"), language="en", text="x",
                 duplicate_of="sha256:" + "1" * 64, syndication_group="sha256:" + "1" * 64, similarity=0.9)
    again = Record.from_dict(json.loads(json.dumps(Record(document=d).to_dict())))
    assert again.document == d


@pytest.mark.parametrize("limit", [15])
def test_planted_syndication_floor(shared: Path, limit: int) -> None:
    """benchmarks/syndication.py on the first stories: targets of issue 3 as floors."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from syndication import load_stories, measure

    figures = measure(load_stories(shared / "data", limit))
    assert figures["failed_to_clean"] == 0
    assert figures["grouped"] >= 0.95
    assert figures["wrongly_grouped"] <= 0.01


def test_extract_without_a_store_marks_near_copies_in_the_run() -> None:
    from eventwire.pipeline import process

    items = [RawItem(origin="a", content=STORY, kind="text"),
             RawItem(origin="b", content=OTHER, kind="text"),
             RawItem(origin="c", content="BEIRUT — " + STORY + " More follows.", kind="text")]
    records = [r for r in process(items) if isinstance(r, Record)]
    assert [r.document.duplicate_of for r in records] == [None, None, records[0].document.id]
    assert records[2].document.syndication_group == records[0].document.id


def test_same_text_twice_in_one_ingest_is_one_document_seen_twice(tmp_path: Path) -> None:
    from eventwire.ingest import ingest_paths

    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text(STORY + "\n")
    with Store(tmp_path / "s.db") as store:
        report = ingest_paths(store, [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], progress=False)
        assert (report.new, report.copies, report.unchanged) == (1, 1, 0)
        (doc_id,) = [r[0] for r in store.conn.execute("SELECT id FROM documents")]
        assert [Path(c["origin"]).name for c in store.copies(doc_id)] == ["a.txt", "b.txt"]
        again = ingest_paths(store, [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], progress=False)
        assert (again.new, again.copies, again.unchanged) == (0, 0, 2)


def test_containment_estimate() -> None:
    from eventwire.dedupe.minhash import containment

    assert containment(1.0, 100, 100) == 1.0
    assert containment(0.4, 40, 100) == pytest.approx(1.0)  # 40 shared: the short text is inside the long one
    assert containment(0.1, 100, 100) == pytest.approx(0.1818, abs=1e-3)
    assert containment(0.5, 0, 10) == 0.0


def test_lead_key_needs_a_full_lead() -> None:
    from eventwire.dedupe.minhash import lead_key

    assert lead_key("Too short to have a lead.") is None
    assert lead_key(STORY) == lead_key(STORY.upper() + " And more.")
    assert lead_key(STORY) != lead_key(OTHER)


LONG_STORY = " ".join([STORY, OTHER.replace("central bank", "finance ministry"), STORY.replace("Government", "Rebel")])


def test_a_shortened_copy_joins_the_full_story() -> None:
    dedup = Deduplicator(MemoryIndex())
    full = dedup.assign(doc(LONG_STORY, "https://wire.example/full"))
    teaser = dedup.assign(doc(LONG_STORY[: len(LONG_STORY) // 3] + " Read the full story on our site.",
                              "https://aggregator.example/t"))
    assert teaser.duplicate_of == full.id and teaser.similarity is not None and teaser.similarity < 0.6


def test_a_follow_up_that_reuses_background_is_not_a_copy() -> None:
    dedup = Deduplicator(MemoryIndex())
    first = dedup.assign(doc(STORY, "https://wire.example/1"))
    fresh = ("Talks between the government and the opposition opened in Geneva on Thursday under United "
             "Nations mediation, with both delegations saying they expected a long negotiation. The envoy "
             "said the first session had focused on prisoner exchanges and humanitarian corridors, and that "
             "a second round would follow next week if the ceasefire held. ")
    follow_up = dedup.assign(doc(fresh + STORY.split(". ")[0] + ".", "https://wire.example/2"))
    assert first.duplicate_of is None and follow_up.duplicate_of is None


def test_skip_known_remembers_only_a_bounded_window(tmp_path: Path) -> None:
    """Memory stays flat: ids leave the window, and a later copy is caught by the store instead."""
    from eventwire.pipeline import SkipKnown

    stored: set[str] = set()
    heard: list[str] = []
    stage = SkipKnown(is_known=stored.__contains__, on_known=lambda d: heard.append(d.id), window=2)
    docs = [doc(f"Story number {i} about the talks in Geneva, which resumed on Monday.") for i in range(5)]
    passed = []
    for item in stage.run([docs[0], docs[0], docs[1], docs[2], docs[3], docs[4]]):
        passed.append(item)
        stored.add(item.id)  # the store saves what passes
    assert [d.id for d in passed] == [d.id for d in docs]
    assert stage.skipped == 1 and heard == [docs[0].id]  # stored by then: heard at once, not deferred
    again = list(stage.run([docs[0], docs[4]]))
    assert again == [] and stage.skipped == 3
