"""Clustering a batch of documents at once (``IncidentClusterer.add_documents``, used by
``Store.save_many``): each document is linked in turn, and the components the batch touches
are partitioned once at the end. These tests hold that this gives exactly what adding the
documents one by one gives: links, components, incidents, what is reported as changed, and,
in the store, the incident summaries; and that a summary is written once per batch."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from eventwire.incidents.index import IncidentClusterer, MemoryBackend, cluster
from eventwire.incidents.mentions import EventMention, Party
from eventwire.ingest import ingest_items
from eventwire.sources.raw import RawItem
from eventwire.store import Store
from helpers import event_mention as mention
from helpers import record_of

WORDS = ["rebel", "shell", "kadugli", "sunday", "kill", "12", "civilian", "market", "army", "town", "fire",
         "dilling", "drone", "strike"]


def random_mention(rng: random.Random, doc: str, event: str) -> EventMention:
    day = date(2025, 3, 1).toordinal() + rng.randrange(20)
    iso = date.fromordinal(day).isoformat()
    place = rng.choice([None, "Kadugli", "Dilling"])
    return mention(
        doc, event, type=rng.choice(["ASSAULT", "ASSAULT", "PROTEST"]),
        trigger=rng.choice(["shell", "kill", "strike"]),
        terms=frozenset(rng.sample(WORDS, rng.randrange(3, 10))),
        sources=rng.choice([(), (Party(rng.choice(["Rebels", "Army"]), "SDN", ("REB",)),)]),
        place=place, place_precision="city" if place else None,
        lat={"Kadugli": 11.01, "Dilling": 12.05}.get(place or ""),
        lon={"Kadugli": 29.72, "Dilling": 29.65}.get(place or ""),
        date=iso, earliest=iso, latest=iso, published=iso)


def corpus(seed: int, originals: int = 30, copies: int = 40) -> list[list[EventMention]]:
    """Documents of random mentions, then documents that report some of them again (so that
    links, shared components and incidents of several reports exist)."""
    rng = random.Random(seed)
    docs = [[random_mention(rng, f"doc{d:03d}", f"e{j}") for j in range(rng.randrange(0, 4))]
            for d in range(originals)]
    for d in range(originals, originals + copies):
        source = rng.choice([doc for doc in docs if doc])
        docs.append([replace(m, doc_id=f"doc{d:03d}", group=f"doc{d:03d}") for m in source])
    return docs


def state(backend: MemoryBackend) -> tuple[object, ...]:
    return (backend.membership, backend.components,
            {c: keys for c, keys in backend.component_members.items() if keys},
            {k: sorted(set(v)) for k, v in backend.links.items()})


@pytest.mark.parametrize("size", [2, 5, 32, 1000])
def test_a_batch_gives_what_one_document_at_a_time_gives(size: int) -> None:
    docs = corpus(seed=size)
    reference = cluster(docs)
    assert len(set(reference.membership.values())) < len(reference.membership)  # some incidents are shared
    backend = MemoryBackend()
    clusterer = IncidentClusterer(backend)
    for start in range(0, len(docs), size):
        clusterer.add_documents(docs[start:start + size])
    assert state(backend) == state(reference)


def test_a_batch_reports_the_incidents_it_changed_and_retired() -> None:
    docs = corpus(seed=3)
    backend = cluster(docs[:45])
    before = backend.incidents()
    # reports whose keys sort first: an incident they join takes its id from them
    earlier = [[replace(m, doc_id=f"aaa{d}", group=f"aaa{d}") for m in doc] for d, doc in enumerate(docs[:10])]
    result = IncidentClusterer(backend).add_documents(docs[45:] + earlier)
    after = backend.incidents()
    assert result.links > 0
    assert result.incidents == {inc for inc, keys in after.items() if before.get(inc) != keys}
    assert result.retired == set(before) - set(after)
    assert result.retired  # some stored incidents took a member with a smaller key and a new id
    members = {k for keys in backend.component_members.values() for k in keys}
    assert members == set(backend.membership)  # every mention in exactly one component
    assert all(keys for keys in backend.component_members.values())  # no empty component left behind


def test_documents_of_one_batch_link_to_each_other_and_to_stored_ones() -> None:
    first = [mention("d1")]
    backend = cluster([first])
    second, third = [mention("d2")], [mention("d3")]
    result = IncidentClusterer(backend).add_documents([second, third])
    # d2 links to the stored d1, d3 to d1 or to d2 filed just before it: one incident of three
    assert len(set(backend.membership.values())) == 1 and len(backend.membership) == 3
    assert result.incidents == set(backend.membership.values())
    assert state(backend) == state(cluster([first, second, third]))


def test_empty_batches_and_documents_without_events_change_nothing() -> None:
    backend = cluster([[mention("d1")]])
    before = state(backend)
    clusterer = IncidentClusterer(backend)
    for batch in ([], [[]], [[], []]):
        result = clusterer.add_documents(batch)
        assert result.incidents == set() and result.retired == set() and result.links == 0
    assert state(backend) == before


# --- in the store -------------------------------------------------------------------------------

REPORTS = ["Sudanese rebels shelled the town of Kadugli on Sunday, killing 12 civilians at a market, "
           "officials said.",
           "Rebels shelled Kadugli on Sunday and killed 12 civilians at a crowded market, a local official said.",
           "Sudanese rebels shelled Kadugli on Sunday and killed 12 civilians at a busy market in South Kordofan, "
           "the state governor said on Monday.",
           "Police fired tear gas at protesters in Khartoum on Sunday, witnesses said.",
           "Security forces fired tear gas on protesters in Khartoum on Sunday, according to witnesses.",
           "Rebels shelled Dilling on Saturday, killing three soldiers, the army said."]


def items() -> list[RawItem]:
    return [RawItem(origin=f"report-{i}", content=text, kind="text", published="2025-03-10")
            for i, text in enumerate(REPORTS)]


def incident_tables(conn: sqlite3.Connection) -> tuple[list[tuple[object, ...]], ...]:
    mentions = conn.execute("SELECT mention_key, incident_id, component_id FROM incident_mentions "
                            "ORDER BY mention_key").fetchall()
    links = conn.execute("SELECT a, b, score FROM incident_links ORDER BY a, b").fetchall()
    summaries = conn.execute("SELECT id, type, status, n_events, n_documents, n_independent, summary "
                             "FROM incidents ORDER BY id").fetchall()
    return [tuple(r) for r in mentions], [tuple(r) for r in links], [tuple(r) for r in summaries]


def test_the_store_saves_a_batch_as_it_saves_one_record_at_a_time(tmp_path: Path) -> None:
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "batch.db") as batch:
        for item in items():
            ingest_items(one, [item])  # one record per save
        ingest_items(batch, items())  # one batch
        expected = incident_tables(one.conn)
        n_documents = [row[4] for row in expected[2]]
        assert expected[1] and 3 in n_documents  # the three reports of the Kadugli shelling
        assert incident_tables(batch.conn) == expected


def test_a_batch_summarises_each_incident_once(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        statements: list[str] = []
        store.conn.set_trace_callback(statements.append)
        ingest_items(store, items())
        store.conn.set_trace_callback(None)
        writes = [s for s in statements if s.startswith("INSERT OR REPLACE INTO incidents VALUES")]
        ids = [s.split("(", 1)[1].split(",", 1)[0] for s in writes]
        assert ids and len(ids) == len(set(ids))  # three reports of one shelling: one summary
        stored = store.conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0]
        assert len(ids) == stored


def test_a_refused_batch_leaves_no_half_clustered_mentions(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        ingest_items(store, items()[:1])
        before = incident_tables(store.conn)
        good, bad = record_of(REPORTS[1]), record_of(REPORTS[2])
        assert bad.actors
        bad = replace(bad, actors=[bad.actors[0], bad.actors[0]])  # a repeated actor id: SQLite refuses it
        with pytest.raises(sqlite3.IntegrityError):
            store.save_many([(good, "good"), (bad, "bad")])
        assert incident_tables(store.conn) == before  # neither record's mentions, links or summaries
        store.save_many([(good, "good")])
        assert len(incident_tables(store.conn)[0]) > len(before[0])
