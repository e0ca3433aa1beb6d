"""Spans (``incidents.index.Span``): what the partition of a component reads of each mention.
A component is read again for every document that links into it, from one covering index of
the store, without its members' full features. These tests hold that a span says what the
features say, survives storage, gives the partition the features would give, and that older
stores get theirs on opening."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import date
from pathlib import Path

from eventwire.incidents.index import Span, partition
from eventwire.incidents.mentions import EventMention
from eventwire.ingest import ingest_items
from eventwire.sources.raw import RawItem
from eventwire.store import Store
from eventwire.store.incidents import SqliteBackend
from helpers import event_mention as mention

KADUGLI = ["Rebels shelled the town of Kadugli in South Kordofan on Sunday, killing 12 civilians, local officials "
           "said. The attack destroyed a market.",
           "At least 12 civilians were killed on Sunday when rebel fighters shelled Kadugli, a town in Sudan's South "
           "Kordofan state, witnesses told reporters.",
           "Sudanese rebels shelled Kadugli on Sunday and killed 12 civilians at a busy market in South Kordofan, "
           "the state governor said on Monday.",
           "Rebels shelled Dilling in South Kordofan on Tuesday, killing five civilians, the army said."]


def ingest(store: Store, texts: list[str]) -> None:
    ingest_items(store, [RawItem(origin=f"s{i}-{len(t)}", content=t, kind="text", published="2025-03-10")
                         for i, t in enumerate(texts)])


def random_mention(rng: random.Random, doc: str) -> EventMention:
    day = rng.choice([None, "2025-03-09", "2025-03-10"])
    place = rng.choice([None, "Kadugli", "Sudan"])
    precision = {"Kadugli": rng.choice(["city", "point", None]), "Sudan": "country"}.get(place or "")
    return mention(doc, date=day, earliest=day or rng.choice([None, "2025-03-03"]),
                   latest=day or rng.choice([None, "2025-03-10"]),
                   date_precision=rng.choice(["day", "month", None]) if day else None,
                   published=rng.choice([None, "2025-03-10"]), place=place,
                   place_precision=precision,
                   place_country="SDN" if place else None,
                   lat=rng.choice([None, 11.01234567]) if place else None,
                   lon=29.7254321 if place else None)


# --- the span itself ---------------------------------------------------------------------------

def test_a_span_holds_a_day_only_for_a_day_dated_mention() -> None:
    assert Span.of(mention("d1")).days == (date(2025, 3, 9), date(2025, 3, 9))
    month = mention("d1", date="2025-03", date_precision="month", earliest="2025-03-01", latest="2025-03-31")
    assert Span.of(month).days is None  # a month does not keep an incident to its days
    undated = mention("d1", date=None, date_precision=None, earliest="2025-03-03", latest="2025-03-10")
    assert Span.of(undated).days is None
    assert Span.of(mention("d1")).published == date(2025, 3, 10)
    assert Span.of(mention("d1", published=None)).published is None


def test_a_span_holds_a_point_only_for_a_place_with_a_radius() -> None:
    assert Span.of(mention("d1", lat=11.0123456, lon=29.7254321)).point == (11.012, 29.725, "city", "SDN")
    assert Span.of(mention("d1", place_precision="country")).point is None  # countries compare by code
    assert Span.of(mention("d1", place_precision=None)).point is None
    assert Span.of(mention("d1", lat=None, lon=None)).point is None
    assert Span.of(mention("d1", lat=0.0, lon=0.0)).point == (0.0, 0.0, "city", "SDN")  # zero is a place


def test_a_span_round_trips_through_its_stored_text() -> None:
    rng = random.Random(5)
    for i in range(300):
        span = Span.of(random_mention(rng, f"d{i}"))
        text = span.encode()
        assert json.loads(text) is not None and span.key not in text  # the key has its own column
        assert Span.decode(span.key, text) == span


def test_a_hostile_country_code_cannot_break_the_stored_text() -> None:
    span = Span.of(mention("d1", place_country='S"D\\N]\n'))
    assert Span.decode("d1#e1", span.encode()) == span


def test_partition_of_spans_keeps_days_and_towns_apart() -> None:
    first, later = mention("d1"), mention("d2", date="2025-03-15", earliest="2025-03-15", latest="2025-03-15")
    far = mention("d3", place="Dilling", lat=12.05, lon=29.65)  # same day, 115 km away
    near = mention("d4", lat=11.02, lon=29.73)
    links = [("d1#e1", "d2#e1", 0.9), ("d1#e1", "d3#e1", 0.8), ("d1#e1", "d4#e1", 0.7)]
    spans = [Span.of(m) for m in (first, later, far, near)]
    assert sorted(partition(spans, links)) == [["d1#e1", "d4#e1"], ["d2#e1"], ["d3#e1"]]
    assert sorted(partition(list(reversed(spans)), list(reversed(links)))) == sorted(partition(spans, links))


# --- the store ---------------------------------------------------------------------------------

def stored(conn: sqlite3.Connection) -> dict[str, tuple[str, str, str]]:
    return {r[0]: (r[1], r[2], r[3]) for r in conn.execute(
        "SELECT mention_key, component_id, span, features FROM incident_mentions")}


def test_the_store_reads_a_component_from_one_covering_index(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        ingest(store, KADUGLI)
        rows = stored(store.conn)
        assert len(rows) >= 4
        for key, (_, span, features) in rows.items():
            assert Span.decode(key, span) == Span.of(EventMention.from_dict(json.loads(features)))
        backend = SqliteBackend(store.conn)
        every_link = {tuple(r) for r in store.conn.execute("SELECT a, b, score FROM incident_links")}
        found: set[tuple[str, str, float]] = set()
        for component in {c for c, _, _ in rows.values()}:
            spans, links, incidents = backend.component(component)
            members = {k for k, (c, _, _) in rows.items() if c == component}
            assert [s.key for s in spans] == sorted(members) and set(incidents) == members
            assert len(links) == len(set(links)) and all(a in members and b in members for a, b, _ in links)
            found |= set(links)
        assert found == every_link and every_link  # each link with its component, once
        plan = " ".join(str(r[3]) for r in store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT mention_key, incident_id, span FROM incident_mentions "
            "WHERE component_id = ? ORDER BY mention_key", ("c",)))
        assert "COVERING INDEX incident_mentions_component_span" in plan  # never the full features


def test_opening_an_older_store_adds_the_spans(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store(db) as store:
        ingest(store, KADUGLI[:2])
        expected = stored(store.conn)
        incidents = store.incidents()
        assert expected and store.conn.execute("SELECT COUNT(*) FROM incident_links").fetchone()[0]
        with store.conn:  # a store from before migration 0010: no span, an index of components only
            store.conn.execute("DROP INDEX incident_mentions_component_span")
            store.conn.execute("ALTER TABLE incident_mentions DROP COLUMN span")
            store.conn.execute("CREATE INDEX incident_mentions_component ON incident_mentions(component_id)")
            store.conn.execute("CREATE INDEX incident_links_b ON incident_links(b)")
            store.conn.execute("DELETE FROM migrations WHERE name = '0010_incident_spans'")
    with Store(db) as store:
        assert stored(store.conn) == expected
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "incident_mentions_component_span" in names and "incident_mentions_component" not in names
        assert "incident_links_b" not in names  # links are read from their first end only
        assert store.incidents() == incidents
        ingest(store, KADUGLI[2:3])  # a third report still joins the first two
        assert store.incidents()[0]["n_documents"] == 3


def test_a_fresh_store_has_spans_from_its_first_document(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        columns = {r[1] for r in store.conn.execute("PRAGMA table_info(incident_mentions)")}
        assert "span" in columns
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "incident_links_b" not in names and "incident_mentions_component" not in names
        ingest(store, KADUGLI[:1])
        assert store.conn.execute("SELECT COUNT(*) FROM incident_mentions WHERE span IS NULL").fetchone()[0] == 0
