"""Store behaviour and pipeline failure isolation, with the real pipeline and SQLite."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventwire.pipeline import Clean, Extract, Item, Pipeline, Progress, process
from eventwire.record import Document, ErrorRecord, Record
from eventwire.sources.raw import RawItem
from eventwire.store import EventFilter, Store
from eventwire.store.sqlite import MIGRATIONS
from helpers import record_of


def test_store_round_trip_and_unchanged(tmp_path: Path) -> None:
    r = record_of("Rebels shelled the port of Hodeidah on Monday, officials said.")
    with Store(tmp_path / "s.db") as s:
        assert s.add(r) and not s.add(r)
        assert s.get(r.document.id) == r
        assert s.get(r.document.id[:15]) == r
        assert s.summary()["documents"] == 1
    with Store(tmp_path / "s.db") as s:  # reopened: migrations are not applied twice
        names = [row[0] for row in s.conn.execute("SELECT name FROM migrations")]
        assert names == [m[0] for m in MIGRATIONS]
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_filters_are_parameterised(tmp_path: Path) -> None:
    r = record_of("Rebels shelled the port of Hodeidah on Monday.")
    with Store(tmp_path / "s.db") as s:
        s.add(r)
        hostile = "x' OR '1'='1"
        assert s.events(EventFilter(actor=hostile)) == []
        assert s.events(EventFilter(place="'; DROP TABLE events; --")) == []
        assert len(s.events(EventFilter())) == len(r.events)
        assert s.events(EventFilter(since="2020-02", until="2020-02"))
        assert s.events(EventFilter(until="2019")) == []


def test_a_failing_document_becomes_an_error_and_the_batch_goes_on() -> None:
    class Explode:
        name = "explode"

        def run(self, items: Iterable[Item]) -> Iterator[Item]:
            for item in items:
                if isinstance(item, Document) and "BOOM" in item.text:
                    yield ErrorRecord(item=item.id, stage=self.name, code="E999", message="boom")
                else:
                    yield item

    raws = [RawItem("a", "Troops attacked the town of Idlib.", "text"),
            RawItem("b", "BOOM goes the stage here.", "text"),
            RawItem("c", "", "text"),
            RawItem("d", "Police detained ten protesters.", "text")]
    clean = Clean(published="2020-01-01")
    out = list(Pipeline([clean, Explode(), Extract()]).run(raws))
    kinds = [type(x).__name__ for x in out]
    assert kinds == ["Record", "ErrorRecord", "ErrorRecord", "Record"]
    assert isinstance(out[2], ErrorRecord) and out[2].code == "E201" and out[2].stage == "clean"


def test_process_keeps_input_order_across_batches() -> None:
    raws = [RawItem(str(i), f"Protesters rallied in city number {i} today.", "text") for i in range(40)]
    out = list(process(raws))
    assert all(isinstance(r, Record) for r in out)
    assert [r.document.text for r in out if isinstance(r, Record)] == [x.content for x in raws]


def test_progress_is_quiet_when_not_a_tty(tmp_path: Path) -> None:
    with (tmp_path / "log").open("w") as fh:
        p = Progress(stream=fh, every=0)
        for _ in range(3):
            p.update(ErrorRecord("x", "s", "E1", "m"))
        p.close()
    assert (tmp_path / "log").read_text() == "" and p.done == 3 and p.failed == 3


def test_nothing_stored_is_damaged_by_a_bad_batch(tmp_path: Path) -> None:
    good = record_of("Troops withdrew from the border town of Kupiansk.")
    with Store(tmp_path / "s.db") as s:
        s.add(good)
        before = s.conn.execute("SELECT record FROM documents").fetchall()
        s.add_error(ErrorRecord("bad.txt", "read", "E103", "binary"))
        after = s.conn.execute("SELECT record FROM documents").fetchall()
        assert [tuple(r) for r in after] == [tuple(r) for r in before]
    con = sqlite3.connect(tmp_path / "s.db")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
