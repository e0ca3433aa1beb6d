"""Storing records in batches (``Store.save_many``, used by ``ingest_items`` every
``SAVE_BATCH`` records): one transaction per batch, each document still whole or absent, a
failing batch leaves what was stored before untouched, and ingest reports the same counts as
when every record had its own transaction."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from eventwire.ingest import SAVE_BATCH, ingest_items
from eventwire.sources.raw import RawItem
from eventwire.store import Store
from helpers import record_of

TEXTS = [f"Rebels shelled the town of Kadugli on {day}, killing {n} civilians, local officials said."
         for n, day in enumerate(["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday"], start=3)]


def counts(store: Store) -> tuple[int, int, int]:
    one = store.conn.execute
    return (one("SELECT COUNT(*) FROM documents").fetchone()[0], one("SELECT COUNT(*) FROM events").fetchone()[0],
            one("SELECT COUNT(*) FROM incident_mentions").fetchone()[0])


def test_a_batch_is_stored_as_its_records_one_by_one(tmp_path: Path) -> None:
    records = [record_of(t) for t in TEXTS]
    with Store(tmp_path / "batch.db") as batch, Store(tmp_path / "single.db") as single:
        saved = batch.save_many([(r, f"s{i}") for i, r in enumerate(records)])
        for i, r in enumerate(records):
            single.save(r, f"s{i}")
        assert all(s is not None for s in saved)
        assert counts(batch) == counts(single) and counts(batch)[0] == len(TEXTS)
        membership = "SELECT mention_key, incident_id FROM incident_mentions ORDER BY mention_key"
        assert batch.conn.execute(membership).fetchall() == single.conn.execute(membership).fetchall()
        # stored again, or twice in one batch: nothing new
        assert batch.save_many([(records[0], "s0"), (records[0], "again")]) == [None, None]
        assert batch.save_many([]) == []


def test_a_failing_batch_stores_none_of_it_and_keeps_what_was_stored(tmp_path: Path) -> None:
    records = [record_of(t) for t in TEXTS]
    broken = replace(records[3], actors=records[3].actors + records[3].actors[:1])  # one actor id twice
    with Store(tmp_path / "s.db") as store:
        store.save_many([(records[0], "s0")])
        before = counts(store)
        with pytest.raises(sqlite3.IntegrityError):
            store.save_many([(records[1], "s1"), (records[2], "s2"), (broken, "s3")])
        assert counts(store) == before  # neither the good records of the batch nor anything else
        assert not store.has(records[1].document.id)
        assert store.save_many([(records[1], "s1")])[0] is not None  # the store is fine afterwards
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_ingest_in_batches_counts_every_item(tmp_path: Path) -> None:
    items = [RawItem(origin=f"item-{i}", content=f"{TEXTS[i % len(TEXTS)]} Report number {i} of the day.",
                     kind="text", published="2025-03-10") for i in range(2 * SAVE_BATCH + 5)]
    items.append(RawItem(origin="other-place", content=items[0].content, kind="text", published="2025-03-10"))
    with Store(tmp_path / "s.db") as store:
        report = ingest_items(store, items)
        assert report.new == 2 * SAVE_BATCH + 5 and report.failed == 0
        assert report.copies == 1  # the same text seen again elsewhere is a copy, with its place kept
        assert counts(store)[0] == report.new
        doc = store.conn.execute("SELECT id FROM documents WHERE origin = 'item-0'").fetchone()[0]
        assert {c["origin"] for c in store.copies(doc)} == {"item-0", "other-place"}
        again = ingest_items(store, items)
        assert again.new == 0 and again.unchanged == len(items)


def test_a_record_the_store_refuses_is_an_error_and_its_batch_is_stored(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import eventwire.ingest as ingest_module

    items = [RawItem(origin=f"item-{i}", content=TEXTS[i], kind="text", published="2025-03-10")
             for i in range(len(TEXTS))]
    real_process = ingest_module.standard_pipeline

    def one_broken(*args: object, **kwargs: object) -> object:
        pipeline = real_process(*args, **kwargs)  # type: ignore[arg-type]
        run = pipeline.run

        def breaking(stream: object) -> object:
            for item in run(stream):  # type: ignore[arg-type]
                if getattr(item, "document", None) is not None and item.document.origin == "item-2":
                    item = replace(item, actors=item.actors + item.actors[:1])  # one actor id twice
                yield item
        pipeline.run = breaking  # type: ignore[method-assign]
        return pipeline

    monkeypatch.setattr(ingest_module, "standard_pipeline", one_broken)
    with Store(tmp_path / "s.db") as store:
        report = ingest_items(store, items)
        assert report.new == len(TEXTS) - 1 and report.failed == 1  # the rest of the batch is stored
        [error] = report.errors
        assert error.code == "E402" and error.stage == "store" and error.item == "item-2"
        assert "UNIQUE" in error.message or "unique" in error.message.lower()
        stored = store.conn.execute("SELECT code, item FROM errors").fetchall()
        assert [tuple(r) for r in stored] == [("E402", "item-2")]
