"""Probes (``incidents.linking.Probe``): the few values that decide whether two mentions may be
linked at all. A new document reads them for every candidate mention and full features only
for the mentions that pass; these tests hold that this shortcut never changes a link, that a
probe survives storage whatever text it carries, and that older stores get theirs on opening."""

from __future__ import annotations

import json
import random
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from eventwire.incidents.index import IncidentClusterer, MemoryBackend, _components, cluster
from eventwire.incidents.linking import (
    Probe,
    ProbeGroup,
    _may_score,
    may_score,
    mutual_links,
    probe,
    query_keys,
    score,
)
from eventwire.incidents.mentions import EventMention, Party
from eventwire.ingest import ingest_items
from eventwire.sources.raw import RawItem
from eventwire.store import Store
from eventwire.store import incidents as store_incidents
from eventwire.store.incidents import PROBES, DocumentProbes
from helpers import event_mention as mention

WORDS = ["rebel", "shell", "kadugli", "sunday", "kill", "12", "civilian", "market", "army", "town", "fire",
         "dilling", "drone", "strike"]
FILLERS = [f"word{i}" for i in range(40)]
"""Words of longer sentences, so that four shared words come with Dice from 0.1 to 1."""


def random_mention(rng: random.Random, doc: str, event: str) -> EventMention:
    place = rng.choice([None, "Kadugli", "Dilling"])
    day = rng.choice(["2025-03-09", "2025-03-10", "2025-03-11"])
    return mention(
        doc, event, type=rng.choice(["ASSAULT", "ASSAULT", "PROTEST"]),
        trigger=rng.choice(["shell", "kill", "strike"]),
        terms=frozenset(rng.sample(WORDS, rng.randrange(0, 7)) + rng.sample(FILLERS, rng.randrange(0, 16))),
        date_precision=rng.choice(["day", "day", "day", "month"]),
        sources=rng.choice([(), (Party(rng.choice(["Rebels", "Army", "Police", "Militia"]), "SDN", ("REB",)),)]),
        targets=rng.choice([(), (Party(rng.choice(["civilians", "soldiers", "students", "workers"]), None,
                                       ("CVL",)),)]),
        place=place, place_precision=rng.choice(["city", "city", "point", "admin1", None]) if place else None,
        lat={"Kadugli": 11.01, "Dilling": 12.05}.get(place or ""), lon={"Kadugli": 29.72, "Dilling": 29.65}.get(
            place or ""), date=day, earliest=day, latest=day)


# --- the probe itself -------------------------------------------------------------------------

def test_a_probe_round_trips_through_its_stored_text_whatever_the_names() -> None:
    hostile = mention("d1", place='Kadugli "\x1f\\ town', sources=(Party('Al-"Nasr" \x1e Front\n'),),
                      targets=(Party("الجيش"), Party("civilians")), terms=frozenset({"o'brien", "12,000", "shell"}))
    p = probe(hostile)
    assert Probe.decode(p.encode()) == p
    assert p.sources == {'al-"nasr" \x1e front\n'} and p.targets == {"الجيش", "civilians"}
    empty = mention("d2", place=None, sources=(), targets=(), terms=frozenset())
    assert Probe.decode(probe(empty).encode()) == probe(empty)


def test_may_score_needs_one_type_and_an_anchor() -> None:
    a = probe(mention("d1", terms=frozenset({"rebel", "shell", "kadugli", "sunday"})))
    assert may_score(a, probe(mention("d2", place=None, sources=(), terms=frozenset({"rebel", "shell",
                                                                                          "kadugli", "sunday"}))))
    assert may_score(a, probe(mention("d2", sources=(), terms=frozenset())))  # one place
    assert may_score(a, probe(mention("d2", place=None, terms=frozenset())))  # both parties by name
    assert not may_score(a, probe(mention("d2", place=None, targets=(), terms=frozenset())))  # the source only
    assert not may_score(a, probe(mention("d2", type="PROTEST")))  # never across types


def test_shared_words_anchor_only_a_quarter_of_the_sentences_words() -> None:
    """Four words shared by two long sentences ("Syrian", "forces", "killed", "Aleppo") are every
    week's news; the score needs a Dice of a quarter, and so does the probe."""
    short = frozenset({"rebel", "shell", "kadugli", "sunday", "kill", "12"})
    long_ = frozenset({"rebel", "shell", "kadugli", "sunday", *(f"w{i}" for i in range(40))})
    a = mention("d1", place=None, sources=(), terms=short)
    assert not may_score(probe(a), probe(mention("d2", place=None, sources=(), terms=long_)))
    assert score(a, mention("d2", place=None, sources=(), terms=long_)) == 0.0
    assert may_score(probe(a), probe(mention("d2", place=None, sources=(), terms=short | {"market"})))


def test_a_place_anchors_only_a_town_on_one_day() -> None:
    a = probe(mention("d1", sources=(), terms=frozenset()))
    assert may_score(a, probe(mention("d2", sources=(), terms=frozenset())))  # Kadugli, the same Sunday
    assert not may_score(a, probe(mention("d2", sources=(), terms=frozenset(), date="2025-03-10",
                                          earliest="2025-03-10", latest="2025-03-10")))  # the next day
    state = dict(place="South Kordofan", place_precision="admin1", sources=(), terms=frozenset())
    assert not may_score(probe(mention("d1", **state)), probe(mention("d2", **state)))  # a whole state
    unknown = dict(place_precision=None, sources=(), terms=frozenset())  # unknown: let through
    assert may_score(probe(mention("d1", **unknown)), probe(mention("d2", **unknown)))


def test_no_pair_that_may_not_score_would_have_scored() -> None:
    rng = random.Random(3)
    ms = [random_mention(rng, f"d{i}", "e1") for i in range(300)]
    skipped = 0
    for a in ms[:150]:
        for b in ms[150:]:
            if not _may_score(a, b):
                skipped += 1
                assert a.type != b.type or score(a, b) == 0.0, (a, b)
    assert skipped > 5000


def test_a_group_of_probes_passes_what_one_of_its_probes_may_score_with() -> None:
    rng = random.Random(8)
    kept = turned_away = 0
    for round_ in range(40):
        group = [probe(random_mention(rng, f"n{round_}", f"e{j}")) for j in range(rng.randrange(1, 4))]
        group = [replace(p, type="ASSAULT") for p in group]  # a group holds one type
        stored = [(f"s{i}#e1", replace(probe(random_mention(rng, f"s{i}", "e1")), type="ASSAULT"))
                  for i in range(30)]
        merged = ProbeGroup.of(group)
        expected = [(k, p) for k, p in stored if any(may_score(a, p) for a in group)]
        assert merged.passing(stored) == expected
        assert [merged.may_score(p) for _, p in stored] == [(k, p) in expected for k, p in stored]
        kept, turned_away = kept + len(expected), turned_away + len(stored) - len(expected)
    assert kept > 100 and turned_away > 100  # both sides of the check are exercised


def test_equal_probe_texts_decode_into_one_object() -> None:
    text = probe(mention("d1")).encode()
    assert Probe.decode(text) is Probe.decode(str(text))  # equal text, another string object
    assert Probe.decode(probe(mention("d2", place="Dilling")).encode()) is not Probe.decode(text)


def test_a_probe_met_many_times_is_judged_as_often_as_it_is_met() -> None:
    """Copies of one story share a decoded probe object; each pair still gets its verdict,
    in the order it came, and a generator of pairs does as well as a list."""
    rng = random.Random(11)
    for round_ in range(30):
        group = [replace(probe(random_mention(rng, f"n{round_}", f"e{j}")), type="ASSAULT") for j in range(2)]
        originals = [replace(probe(random_mention(rng, f"s{i}", "e1")), type="ASSAULT") for i in range(8)]
        shared = [Probe.decode(p.encode()) for p in originals]
        stored = [(f"s{i}c{copy}#e1", shared[i]) for copy in range(3) for i in range(8)]
        expected = [(k, p) for k, p in stored if any(may_score(a, p) for a in group)]
        merged = ProbeGroup.of(group)
        assert merged.passing(stored) == expected
        assert merged.passing(iter(stored)) == expected
        fresh = [(k, replace(p)) for k, p in stored]  # equal values in distinct objects
        assert merged.passing(fresh) == [(k, p) for k, p in fresh if any(may_score(a, p) for a in group)]


# --- the clusterer reads full features only where they can matter -----------------------------

class CountingBackend(MemoryBackend):
    """The memory backend, noting which full mentions the clusterer asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def mentions(self, keys):  # type: ignore[no-untyped-def]
        self.asked += keys
        return super().mentions(keys)


def all_pairs_links(docs: list[list[EventMention]]) -> set[tuple[str, str]]:
    """Every document against every earlier one, all mentions, no blocking and no probes."""
    out = set()
    for i, new in enumerate(docs):
        for old in docs[:i]:
            for a, b, _ in mutual_links(new, old):
                out.add(tuple(sorted((a.key, b.key))))  # type: ignore[arg-type]
    return out


def test_links_through_probes_are_those_of_comparing_everything() -> None:
    rng = random.Random(9)
    docs = [[random_mention(rng, f"doc{d:03d}", f"e{j}") for j in range(rng.randrange(1, 5))] for d in range(120)]
    backend = CountingBackend()
    clusterer = IncidentClusterer(backend)
    linked = read_before = 0
    for new in docs:
        asked_before = len(backend.asked)
        candidates = set().union(*(backend.candidate_documents(query_keys(m)) for m in new))
        read_before += sum(len(backend.documents[d]) for d in candidates)  # what was read in full before probes
        linked += clusterer.add_document(new).links
        probes = [probe(m) for m in new]
        for key in backend.asked[asked_before:]:  # only mentions some new mention may score with
            assert any(may_score(p, probe(backend.by_key[key])) for p in probes)
    stored = {tuple(sorted((a, b))) for links in backend.links.values() for a, b, _ in links}
    assert stored == all_pairs_links(docs)
    assert linked == len(stored) > 40
    assert len(backend.asked) < read_before / 3  # the probes spared most full reads
    components = _components(list(backend.by_key), [(a, b, 0.0) for a, b in stored])
    assert {frozenset(c) for c in components} == {frozenset(k for k in backend.component_members[c])
                                                   for c in backend.component_members if backend.component_members[c]}


def test_probes_come_by_type_so_that_other_types_are_never_checked() -> None:
    backend = MemoryBackend()
    backend.write([mention("d1", "e1"), mention("d1", "e2", type="PROTEST")], [], [],
                  {"d1#e1": ("c", "i"), "d1#e2": ("c2", "i2")})
    by_type = backend.probes_of_documents(["d1"])["d1"]
    assert [k for k, _ in by_type["ASSAULT"]] == ["d1#e1"] and [k for k, _ in by_type["PROTEST"]] == ["d1#e2"]
    assert "COERCE" not in by_type and backend.probes_of_documents(["nowhere"]) == {}
    assert query_keys(mention("d2"))  # a new mention has keys to be found under


# --- the store ---------------------------------------------------------------------------------

KADUGLI = ["Rebels shelled the town of Kadugli in South Kordofan on Sunday, killing 12 civilians, local officials "
           "said. The attack destroyed a market.",
           "At least 12 civilians were killed on Sunday when rebel fighters shelled Kadugli, a town in Sudan's South "
           "Kordofan state, witnesses told reporters.",
           "Sudanese rebels shelled Kadugli on Sunday and killed 12 civilians at a busy market in South Kordofan, "
           "the state governor said on Monday."]


def ingest(store: Store, texts: list[str]) -> None:
    ingest_items(store, [RawItem(origin=f"s{i}-{len(t)}", content=t, kind="text", published="2025-03-10")
                         for i, t in enumerate(texts)])


def stored_probes(conn: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT mention_key, probe FROM incident_mentions")}


def test_the_store_files_each_mention_with_its_type_and_probe(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        ingest(store, KADUGLI)
        rows = store.conn.execute("SELECT probe, features FROM incident_mentions").fetchall()
        assert rows
        for text, features in rows:
            m = EventMention.from_dict(json.loads(features))
            assert Probe.decode(text) == probe(m)
        plan = " ".join(str(r[3]) for r in store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT doc_id, mention_key, probe FROM incident_mentions "
            "WHERE doc_id IN (?, ?) ORDER BY doc_id, mention_key", ("a", "b")))
        assert "COVERING INDEX incident_mentions_probe" in plan  # never the rows with the full features
        assert store.incidents()[0]["n_documents"] == 3


def test_opening_an_older_store_adds_the_probes(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store(db) as store:
        ingest(store, KADUGLI[:2])
        expected = stored_probes(store.conn)
        links = store.conn.execute("SELECT COUNT(*) FROM incident_links").fetchone()[0]
        assert expected and links
        with store.conn:  # a store from before migration 0008: no index, no columns
            store.conn.execute("DROP INDEX incident_mentions_probe")
            store.conn.execute("ALTER TABLE incident_mentions DROP COLUMN probe")
            store.conn.execute("DELETE FROM migrations WHERE name = '0008_incident_probes'")
    with Store(db) as store:
        assert stored_probes(store.conn) == expected
        ingest(store, KADUGLI[2:])  # a third report still joins the first two
        assert store.incidents()[0]["n_documents"] == 3


def test_opening_a_store_with_probes_of_places_derives_them_again(tmp_path: Path) -> None:
    """Before migration 0009 a probe held the mention's place where it now holds "place|date":
    read as it was, no new report would be let through by its town and day."""
    db = tmp_path / "old.db"
    with Store(db) as store:
        ingest(store, KADUGLI[:2])
        expected = stored_probes(store.conn)
        assert any(Probe.decode(text).place_day for text in expected.values())
        with store.conn:
            for key, features in store.conn.execute("SELECT mention_key, features FROM incident_mentions").fetchall():
                m = EventMention.from_dict(json.loads(features))
                old = json.dumps([m.type, m.place, sorted(p.name.lower() for p in m.sources),
                                  sorted(p.name.lower() for p in m.targets), " ".join(sorted(m.terms))])
                store.conn.execute("UPDATE incident_mentions SET probe = ? WHERE mention_key = ?", (old, key))
            store.conn.execute("DELETE FROM migrations WHERE name = '0009_probe_place_days'")
        assert stored_probes(store.conn) != expected
    with Store(db) as store:
        assert stored_probes(store.conn) == expected
        ingest(store, KADUGLI[2:])
        assert store.incidents()[0]["n_documents"] == 3


def test_document_probes_are_kept_first_in_first_out() -> None:
    cache = DocumentProbes(size=2)
    probes = [{"ASSAULT": [(f"d{i}#e1", probe(mention(f"d{i}")))]} for i in range(3)]
    for i, found in enumerate(probes):
        cache.put(f"d{i}", found)
    assert len(cache) == 2 and cache.get("d0") is None and cache.get("d2") is probes[2]
    assert isinstance(PROBES, DocumentProbes)


def test_the_store_reads_each_documents_probes_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_incidents, "PROBES", DocumentProbes())
    with Store(tmp_path / "s.db") as store:
        ingest(store, KADUGLI[:2])
        backend = store_incidents.SqliteBackend(store.conn)
        docs = [r[0] for r in store.conn.execute("SELECT DISTINCT doc_id FROM incident_mentions ORDER BY doc_id")]
        first = backend.probes_of_documents(docs)
        assert first and all(p.type == kind for found in first.values() for kind, pairs in found.items()
                             for _, p in pairs)
        # what a second reading gives comes from the cache, and equals what the rows say
        reads = []
        store.conn.set_trace_callback(reads.append)
        assert backend.probes_of_documents(docs) == first
        store.conn.set_trace_callback(None)
        assert not [q for q in reads if "incident_mentions" in q]
        stored = stored_probes(store.conn)
        assert {k: p for found in first.values() for pairs in found.values() for k, p in pairs} == {
            k: Probe.decode(text) for k, text in stored.items()}


def test_a_copied_report_in_memory_links_as_in_the_store() -> None:
    base = [mention("d1"), mention("d1", "e2", type="PROTEST", place=None)]
    copy = [replace(m, doc_id="d2", group="d2") for m in base]
    backend = cluster([base, copy])
    assert backend.membership["d1#e1"] == backend.membership["d2#e1"]
    assert backend.membership["d1#e2"] == backend.membership["d2#e2"]
