"""Incidents: mentions, blocking, linking, order independence, statuses, the store and the CLI.

Store tests ingest real HTML pages through the whole pipeline (spaCy, cleaning, extraction,
duplicate detection) into SQLite; unit tests build mentions directly.
"""

from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from eventwire.incidents.index import IncidentClusterer, MemoryBackend, cluster, incident_id
from eventwire.incidents.linking import (
    LINK_THRESHOLD,
    compatible,
    distance_km,
    index_keys,
    mutual_links,
    query_keys,
    score,
)
from eventwire.incidents.mentions import EventMention, Party, content_terms, date_interval, stem
from eventwire.incidents.summary import Outlet, independent_sources, summarise
from eventwire.ingest import ingest_paths
from eventwire.store import IncidentFilter, Store
from helpers import event_mention as mention

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

# --- texts: one shelling told by three outlets, copied verbatim by a fourth -------------------

ALPHA = ("Rebels shelled the town of Kadugli in South Kordofan on Sunday, killing 12 civilians, "
         "local officials said. The attack destroyed a market.")
BETA = ("At least 12 civilians were killed on Sunday when rebel fighters shelled Kadugli, a town in "
        "Sudan's South Kordofan state, witnesses told reporters.")
GAMMA = ("Sudanese rebels shelled Kadugli on Sunday and killed 12 civilians at a busy market in "
         "South Kordofan, the state governor said on Monday.")
DENIAL = ("The rebel command denied on Monday that its fighters shelled Kadugli in South Kordofan "
          "on Sunday and killed civilians at the market.")
FIVE = ("Rebels shelled Kadugli in South Kordofan on Sunday, killing five civilians at the town "
        "market, the army said.")
GOMA = ("Government troops shelled the city of Goma in eastern Congo on Sunday, killing three people "
        "at a camp, residents said.")


def page(domain: str, title: str, text: str, published: str = "2025-03-10", slug: str = "story") -> str:
    """An outlet's HTML page around ``text`` (its own navigation and footer)."""
    return (f'<html><head><title>{title}</title><meta property="og:site_name" content="{domain}">'
            f'<link rel="canonical" href="https://{domain}/{slug}">'
            f'<meta property="article:published_time" content="{published}T08:00:00Z"></head><body>'
            f'<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
            f"<article><h1>{title}</h1><p>{text}</p></article>"
            f"<footer>© 2025 {domain}. All rights reserved. Subscribe to our newsletter.</footer></body></html>")


def write_pages(tmp: Path, pages: dict[str, str]) -> list[str]:
    paths = []
    for name, html in pages.items():
        p = tmp / f"{name}.html"
        p.write_text(html, encoding="utf-8")
        paths.append(str(p))
    return paths


def incident_of_trigger(store: Store, outlet_domain: str, trigger: str) -> str:
    for row in store.conn.execute(
            "SELECT m.incident_id, m.features FROM incident_mentions m JOIN documents d ON d.id = m.doc_id "
            "WHERE d.domain = ?", (outlet_domain,)):
        if json.loads(row[1])["trigger"] == trigger:
            return str(row[0])
    raise AssertionError(f"no {trigger!r} mention from {outlet_domain}")


@pytest.fixture(scope="module")
def shelling_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    tmp = tmp_path_factory.mktemp("shelling")
    paths = write_pages(tmp, {
        "alpha": page("alpha.example", "Rebels shell Kadugli", ALPHA, slug="a"),
        "beta": page("beta.example", "Twelve killed in Kadugli", BETA, slug="b"),
        "gamma": page("gamma.example", "Kadugli shelled", GAMMA, "2025-03-11", slug="c"),
        "copy": page("delta.example", "Kadugli: rebels shell town", ALPHA, slug="d"),
        "goma": page("alpha.example", "Goma camp shelled", GOMA, slug="e"),
    })
    store = Store(tmp / "s.db")
    report = ingest_paths(store, paths)
    assert report.new == 4 and report.copies == 1  # the verbatim page is the same text
    return store


# --- the store: one incident, many reports ----------------------------------------------------

def test_three_reports_of_one_shelling_are_one_incident(shelling_store: Store) -> None:
    ids = {incident_of_trigger(shelling_store, d, "shell") for d in ("alpha.example", "gamma.example")}
    assert len(ids) == 1
    inc = shelling_store.incident(ids.pop())
    assert inc.type == "ASSAULT"
    assert len(inc.documents) == 3
    assert inc.status == "corroborated"
    assert inc.place == "Kadugli" and inc.country == "SDN"
    assert inc.time == "2025-03-09"
    assert inc.count == 12


def test_a_verbatim_copy_adds_an_outlet_but_not_an_independent_source(shelling_store: Store) -> None:
    inc = shelling_store.incident(incident_of_trigger(shelling_store, "alpha.example", "shell"))
    assert "delta.example" in inc.outlets and "alpha.example" in inc.outlets
    assert inc.sources == 4
    assert inc.independent_sources == 3


def test_a_shelling_elsewhere_is_another_incident(shelling_store: Store) -> None:
    goma = incident_of_trigger(shelling_store, "alpha.example", "shell")
    rows = shelling_store.conn.execute(
        "SELECT incident_id, features FROM incident_mentions").fetchall()
    goma_ids = {r[0] for r in rows if "goma" in json.loads(r[1])["terms"]}
    assert goma_ids and goma not in goma_ids
    assert all(shelling_store.incident(i).status == "single_source" for i in goma_ids)


def test_incident_filters(shelling_store: Store) -> None:
    rows = shelling_store.incidents(IncidentFilter(status="corroborated", type="assault"))
    assert rows and all(r["status"] == "corroborated" and r["type"] == "ASSAULT" for r in rows)
    assert shelling_store.incidents(IncidentFilter(min_independent=3))
    assert not shelling_store.incidents(IncidentFilter(min_independent=4))
    assert shelling_store.incidents(IncidentFilter(country="sdn", since="2025-03", until="2025-03-31"))
    assert not shelling_store.incidents(IncidentFilter(since="2026"))
    assert shelling_store.incidents(IncidentFilter(place="Kadug"))
    # hostile filter values are bound, never interpolated
    assert shelling_store.incidents(IncidentFilter(place="x' OR '1'='1")) == []
    assert shelling_store.incidents(IncidentFilter(status="corroborated'; DROP TABLE incidents; --")) == []
    assert shelling_store.summary()["incidents"] > 0


def test_incident_by_prefix_and_unknown(shelling_store: Store) -> None:
    from eventwire.errors import NotFound

    full = incident_of_trigger(shelling_store, "alpha.example", "shell")
    assert shelling_store.incident(full[:10]).id == full
    assert shelling_store.incident(full[4:12]).id == full  # without the "inc:" prefix
    with pytest.raises(NotFound):
        shelling_store.incident("inc:0000000000000000")


def test_a_denial_contests_the_incident(tmp_path: Path) -> None:
    paths = write_pages(tmp_path, {
        "alpha": page("alpha.example", "Rebels shell Kadugli", ALPHA, slug="a"),
        "denial": page("rebels.example", "Rebels deny shelling", DENIAL, "2025-03-10", slug="z"),
    })
    with Store(tmp_path / "s.db") as store:
        ingest_paths(store, paths)
        inc = store.incident(incident_of_trigger(store, "alpha.example", "shell"))
        assert len(inc.documents) == 2, inc
        assert inc.status == "contested"
        assert "asserted and denied" in inc.conflicts
        assert {v.factuality for v in inc.versions} == {"asserted", "denied"}


def test_conflicting_casualty_figures_contest_the_incident(tmp_path: Path) -> None:
    paths = write_pages(tmp_path, {
        "alpha": page("alpha.example", "Rebels shell Kadugli", ALPHA, slug="a"),
        "five": page("army.example", "Army: five killed", FIVE, slug="f"),
    })
    with Store(tmp_path / "s.db") as store:
        ingest_paths(store, paths)
        inc = store.incident(incident_of_trigger(store, "alpha.example", "shell"))
        assert len(inc.documents) == 2
        assert inc.status == "contested"
        assert any(c.startswith("casualty figures") for c in inc.conflicts)
        assert sorted(v.count for v in inc.versions) == [5, 12]


def test_incremental_ingest_equals_a_rebuild_and_arrival_order(tmp_path: Path) -> None:
    pages = {
        "alpha": page("alpha.example", "Rebels shell Kadugli", ALPHA, slug="a"),
        "beta": page("beta.example", "Twelve killed in Kadugli", BETA, slug="b"),
        "gamma": page("gamma.example", "Kadugli shelled", GAMMA, "2025-03-11", slug="c"),
        "goma": page("epsilon.example", "Goma camp shelled", GOMA, slug="e"),
    }
    paths = write_pages(tmp_path, pages)

    def membership(store: Store) -> dict[str, str]:
        return {r[0]: r[1] for r in store.conn.execute("SELECT mention_key, incident_id FROM incident_mentions")}

    with Store(tmp_path / "forward.db") as forward:
        for p in paths:  # one document per ingest: each joins what is stored
            ingest_paths(forward, [p])
        one_by_one = membership(forward)
        forward.rebuild_incidents()
        assert membership(forward) == one_by_one
    with Store(tmp_path / "backward.db") as backward:
        ingest_paths(backward, list(reversed(paths)))
        assert membership(backward) == one_by_one  # same incidents, same ids


def test_migration_backfills_incidents_of_older_stores(tmp_path: Path) -> None:
    paths = write_pages(tmp_path, {
        "alpha": page("alpha.example", "Rebels shell Kadugli", ALPHA, slug="a"),
        "beta": page("beta.example", "Twelve killed in Kadugli", BETA, slug="b"),
    })
    db = tmp_path / "old.db"
    with Store(db) as store:
        ingest_paths(store, paths)
        expected = store.summary()["incidents"]
        with store.conn:  # turn it into a store from before incidents existed
            for table in ("incidents", "incident_mentions", "incident_keys", "incident_links"):
                store.conn.execute(f"DROP TABLE {table}")
            store.conn.execute("DELETE FROM migrations WHERE name = '0004_incidents'")
    with Store(db) as store:
        assert store.summary()["incidents"] == expected > 0
        assert store.incidents(IncidentFilter(min_independent=2))


def test_a_copy_seen_later_refreshes_the_outlets(tmp_path: Path) -> None:
    paths = write_pages(tmp_path, {
        "alpha": page("alpha.example", "Rebels shell Kadugli", ALPHA, slug="a"),
        "beta": page("beta.example", "Twelve killed in Kadugli", BETA, slug="b"),
    })
    with Store(tmp_path / "s.db") as store:
        ingest_paths(store, paths)
        key = incident_of_trigger(store, "alpha.example", "shell")
        before = store.incident(key)
        copy = write_pages(tmp_path, {"copy": page("delta.example", "Copy", ALPHA, slug="d")})
        assert ingest_paths(store, copy).copies == 1
        after = store.incident(key)
        assert after.sources == before.sources + 1
        assert after.independent_sources == before.independent_sources


# --- the CLI ------------------------------------------------------------------------------------

def test_cli_incidents_and_show_side_by_side(cli: list[str], tmp_path: Path) -> None:
    paths = write_pages(tmp_path, {
        "alpha": page("alpha.example", "Rebels shell Kadugli", ALPHA, slug="a"),
        "five": page("army.example", "Army: five killed", FIVE, slug="f"),
        "beta": page("beta.example", "Twelve killed in Kadugli", BETA, slug="b"),
    })
    db = str(tmp_path / "c.db")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*cli, *args], capture_output=True, text=True, timeout=300)

    assert run("ingest", "--db", db, *paths).returncode == 0
    listed = run("incidents", "--db", db, "--status", "contested")
    assert listed.returncode == 0 and "contested" in listed.stdout and "ASSAULT" in listed.stdout
    rows = json.loads(run("incidents", "--db", db, "--status", "contested", "--format", "json").stdout)
    assert rows and rows[0]["n_documents"] == 3
    shown = run("show", "--db", db, rows[0]["id"])
    assert shown.returncode == 0
    for expected in ("status contested", "alpha.example", "army.example", "beta.example", "casualty figures",
                     "Kadugli"):
        assert expected in shown.stdout, shown.stdout
    as_json = json.loads(run("show", "--db", db, rows[0]["id"], "--format", "json").stdout)
    assert as_json["status"] == "contested" and len(as_json["versions"]) == 3
    csv_out = run("incidents", "--db", db, "--format", "csv", "--rebuild")
    assert csv_out.returncode == 0 and csv_out.stdout.startswith("id,type,status")
    assert "rebuilt" in csv_out.stderr
    bad = run("incidents", "--db", db, "--since", "last week")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    missing = run("show", "--db", db, "inc:ffffffffffffffff")
    assert missing.returncode != 0 and "no incident" in missing.stderr
    doc = run("show", "--db", db, rows[0]["documents"] if "documents" in rows[0] else
              json.loads(run("show", "--db", db, rows[0]["id"], "--format", "json").stdout)["documents"][0])
    assert "incidents shared with other documents" in doc.stdout


# --- mentions -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("2025-03-09", (date(2025, 3, 9), date(2025, 3, 9))),
    ("2025-03-09T14:00", (date(2025, 3, 9), date(2025, 3, 9))),
    ("2025-02", (date(2025, 2, 1), date(2025, 2, 28))),
    ("2024-12", (date(2024, 12, 1), date(2024, 12, 31))),
    ("2025-W11", (date(2025, 3, 10), date(2025, 3, 16))),
    ("2025-Q4", (date(2025, 10, 1), date(2025, 12, 31))),
    ("2025-Q1", (date(2025, 1, 1), date(2025, 3, 31))),
    ("2025", (date(2025, 1, 1), date(2025, 12, 31))),
    ("2025-SU", (date(2025, 1, 1), date(2025, 12, 31))),
    ("2025-02-30", None), ("PAST_REF", None), ("", None), ("2025-13", None),
])
def test_date_intervals(value: str, expected: tuple[date, date] | None) -> None:
    assert date_interval(value) == expected


def test_stems_and_terms() -> None:
    assert stem("shelled") == stem("shelling") == stem("shells") == "shell"
    assert stem("attacks") == "attack" and stem("stopped") == "stop" and stem("kill") == "kill"
    terms = content_terms("Sudan's army said on Sunday that 1,200 people were killed in El Fasher.")
    assert {"sudan", "army", "sunday", "1,200", "kill", "fasher"} <= terms
    assert not terms & {"the", "said", "on", "that", "were", "people", "'"}
    assert content_terms("") == frozenset()
    possessives = content_terms("The rebels' commander and Sudan's army met o'clock-style in Abyei's market.")
    assert {"rebel", "commander", "sudan", "army", "met", "o'clock-style", "abyei", "market"} == possessives


def test_mention_round_trips_through_json() -> None:
    m = mention("d1")
    assert EventMention.from_dict(json.loads(json.dumps(m.to_dict()))) == m


# --- linking ------------------------------------------------------------------------------------

def test_hard_limits() -> None:
    a = mention("d1")
    assert compatible(a, mention("d2"))
    assert not compatible(a, mention("d1", "e2"))  # never inside one document
    assert not compatible(a, mention("d2", type="PROTEST"))
    far = mention("d2", date="2025-03-20", earliest="2025-03-20", latest="2025-03-20")
    assert not compatible(a, far)
    assert compatible(a, mention("d2", date="2025-03-10", earliest="2025-03-10", latest="2025-03-10"))  # a day's slack
    assert compatible(a, mention("d2", date="2025-03", date_precision="month", earliest="2025-03-01",
                                 latest="2025-03-31"))
    assert not compatible(a, mention("d2", place="Juba", place_country="SSD", lat=4.85, lon=31.6))
    assert not compatible(a, mention("d2", place="Dilling", lat=12.05, lon=29.65))  # 115 km: beyond a city
    assert compatible(a, mention("d2", place="South Kordofan", place_precision="admin1", lat=11.2, lon=29.9))
    # an undated report may be about anything before its publication, not after it
    undated = mention("d2", date=None, date_precision=None, earliest="2024-12-01", latest="2024-12-08",
                      published="2024-12-08")
    assert not compatible(a, undated)
    older = mention("d2", date=None, date_precision=None, earliest="2025-03-13", latest="2025-03-20",
                    published="2025-03-20")
    assert compatible(a, older)


def test_distance() -> None:
    assert distance_km(0, 0, 0, 0) == 0
    assert 340 < distance_km(48.8566, 2.3522, 51.5072, -0.1276) < 350  # Paris-London


def test_scores_need_an_anchor() -> None:
    a = mention("d1")
    assert score(a, mention("d2")) >= LINK_THRESHOLD
    # same type, country and week, different words and parties: everyday news, not one incident
    other = mention("d2", sources=(Party("Army", "SDN", ("MIL",)),), targets=(), place="Sudan",
                    place_precision="country", lat=None, lon=None, sentence="The army attacked positions.",
                    terms=frozenset({"army", "attack", "position"}))
    assert score(a, other) == 0.0
    # a threat is not the act, unless the sentences are one report's words
    threat = mention("d2", factuality="threatened", terms=frozenset({"rebel", "threaten", "shell", "kadugli"}))
    assert score(a, threat) == 0.0
    assert score(a, mention("d2", factuality="future")) > 0  # the same words: the extractor differs


def test_mutual_best_links_are_symmetric_and_one_to_one() -> None:
    a = [mention("d1", "e1"), mention("d1", "e2", trigger="kill")]
    b = [mention("d2", "e1"), mention("d2", "e2", trigger="kill"), mention("d2", "e3", trigger="strike")]
    links = {(x.key, y.key) for x, y, _ in mutual_links(a, b)}
    back = {(y.key, x.key) for x, y, _ in mutual_links(b, a)}
    assert links == back
    assert len({x for x, _ in links}) == len(links) == len({y for _, y in links})
    assert ("d1#e1", "d2#e1") in links and ("d1#e2", "d2#e2") in links


def random_mention(rng: random.Random, doc: str, event: str) -> EventMention:
    day = date(2025, 1, 1).toordinal() + rng.randrange(120)
    precision = rng.choice(["day", "day", "month", "year", None])
    d = date.fromordinal(day)
    value: str | None
    if precision == "day":
        value, lo, hi = d.isoformat(), d, d
    elif precision == "month":
        value = d.isoformat()[:7]
        lo, hi = date_interval(value) or (d, d)
    elif precision == "year":
        value, lo, hi = "2025", date(2025, 1, 1), date(2025, 12, 31)
    else:
        value, lo, hi = None, date.fromordinal(day - 7), d
    country = rng.choice(["SDN", "SSD", "TCD", None])
    return mention(doc, event, type=rng.choice(["ASSAULT", "PROTEST"]), date=value, date_precision=precision,
                   earliest=lo.isoformat(), latest=hi.isoformat(), place_country=country,
                   place=None if country is None else "X", lat=None, lon=None,
                   sources=(Party("Rebels", rng.choice(["SDN", "TCD", None]), ("REB",)),))


def test_blocking_is_symmetric_and_keeps_every_compatible_dated_pair() -> None:
    rng = random.Random(11)
    ms = [random_mention(rng, f"d{i}", "e1") for i in range(160)]
    for a, b in itertools.combinations(ms, 2):
        ab = bool(set(query_keys(a)) & set(index_keys(b)))
        ba = bool(set(query_keys(b)) & set(index_keys(a)))
        assert ab == ba, (a, b)
        if compatible(a, b) and a.date and b.date and (a.countries() & b.countries() or not a.countries()
                                                       or not b.countries()):
            assert ab, (a, b)


def test_clustering_does_not_depend_on_arrival_order() -> None:
    rng = random.Random(5)
    docs = []
    for d in range(40):
        docs.append([random_mention(rng, f"doc{d:02d}", f"e{j}") for j in range(3)])
    # reports of shared happenings: copies of mentions into other documents
    for d in range(40, 70):
        src = rng.choice(docs[:40])
        docs.append([replace(m, doc_id=f"doc{d:02d}", group=f"doc{d:02d}") for m in src])
    reference = cluster(docs).membership
    assert len(set(reference.values())) < len(reference)  # some incidents have several reports
    for seed in range(4):
        order = docs[:]
        random.Random(seed).shuffle(order)
        assert cluster(order).membership == reference


def test_incident_ids_follow_the_smallest_member() -> None:
    backend = MemoryBackend()
    clusterer = IncidentClusterer(backend)
    first = clusterer.add_document([mention("d2")])
    assert first.incidents == {incident_id("d2#e1")}
    second = clusterer.add_document([mention("d1")])  # a smaller key joins: the id moves with it
    assert second.incidents == {incident_id("d1#e1")} and second.retired == {incident_id("d2#e1")}
    assert backend.incidents() == {incident_id("d1#e1"): ["d1#e1", "d2#e1"]}
    assert clusterer.add_document([]).incidents == set()


# --- summaries ----------------------------------------------------------------------------------

def test_statuses() -> None:
    one = summarise("inc:x", [mention("d1")])
    assert one.status == "single_source" and one.independent_sources == 1
    two = summarise("inc:x", [mention("d1"), mention("d2")])
    assert two.status == "corroborated" and two.independent_sources == 2 and two.sources == 2
    denied = summarise("inc:x", [mention("d1", factuality="denied")])
    assert denied.status == "denied" and denied.independent_sources == 0
    contested = summarise("inc:x", [mention("d1"), mention("d2", factuality="denied")])
    assert contested.status == "contested" and contested.conflicts == ("asserted and denied",)
    floor = summarise("inc:x", [mention("d1", count=12), mention("d2", count=5, count_is_floor=True)])
    assert floor.status == "corroborated"  # "at least 5" and 12 can both hold
    days = summarise("inc:x", [mention("d1"), mention("d2", date="2025-03-05")])
    assert days.status == "contested" and days.conflicts[0].startswith("dates")
    who = summarise("inc:x", [mention("d1"), mention("d2", sources=(Party("Army", "TCD", ("MIL",)),))])
    assert who.status == "contested" and who.conflicts[0].startswith("perpetrators")
    talks = summarise("inc:x", [mention("d1", type="CONSULT"),
                                mention("d2", type="CONSULT", sources=(Party("Army", "TCD", ("MIL",)),))])
    assert talks.status == "corroborated"  # several parties to talks contest nothing


def test_independence_counts_texts_and_newsrooms_once() -> None:
    syndicated = summarise("inc:x", [mention("d1"), mention("d2", group="d1"), mention("d3")])
    assert syndicated.independent_sources == 2 and syndicated.sources == 3
    same_newsroom = summarise("inc:x", [mention("d1", outlet="voa.example"), mention("d2", outlet="voa.example")])
    assert same_newsroom.independent_sources == 1 and same_newsroom.status == "single_source"
    seen = {"d1": [Outlet("alpha.example"), Outlet("copy.example")], "d2": [Outlet("beta.example")]}
    inc = summarise("inc:x", [mention("d1"), mention("d2")], seen)
    assert inc.sources == 3 and inc.independent_sources == 2
    assert independent_sources([]) == 0


def test_consensus_prefers_what_most_independent_sources_say() -> None:
    inc = summarise("inc:x", [mention("d1", count=12), mention("d2", count=12), mention("d3", count=14),
                              mention("d4", count=14, group="d3")])
    assert inc.count == 12  # two independent sources against one text seen twice
    assert inc.place == "Kadugli" and inc.country == "SDN" and (inc.lat, inc.lon) == (11.01, 29.72)
    assert inc.source_actors == ("Rebels",) and inc.first_seen == "2025-03-10"
    assert summarise("inc:x", []).status == "single_source"


def test_incident_round_trips_through_json() -> None:
    from eventwire.incidents.summary import Incident

    inc = summarise("inc:x", [mention("d1"), mention("d2", factuality="denied")])
    assert Incident.from_dict(json.loads(json.dumps(inc.to_dict()))) == inc


# --- benchmarks ---------------------------------------------------------------------------------

def test_scale_benchmark_is_order_independent_and_accurate() -> None:
    import incidents_scale

    documents, gold = incidents_scale.synthesize(4000, seed=1)
    predicted, _, _, _ = incidents_scale.run(documents)
    assert len(predicted) == 4000
    assert incidents_scale.pairwise_f1(gold, predicted) > 0.95
    again, _, _, _ = incidents_scale.run(list(reversed(documents)))
    assert again == predicted


def test_planted_benchmark_floor(shared: Path) -> None:
    import incidents as planted

    stories = [json.loads(line) for line in
               (shared / "data" / "corpora" / "voa" / "voa_stories.jsonl").read_text(encoding="utf-8").splitlines()]
    result = planted.run(stories[20:26], seed=7)  # stories not used to set the threshold
    assert result["verbatim_counted_independent"] == 0
    assert isinstance(result["pairwise_f1"], float) and result["pairwise_f1"] >= 0.90, result
    assert isinstance(result["independent_exact"], float) and result["independent_exact"] >= 0.85, result


def test_partition_keeps_chained_days_and_towns_apart() -> None:
    from eventwire.incidents.index import Span, partition

    undated = dict(date=None, date_precision=None, earliest="2025-03-09", latest="2025-03-16",
                   published="2025-03-16", place=None, place_country=None, lat=None, lon=None)
    first = mention("d1")
    bridge = mention("d2", **undated)  # type: ignore[arg-type]
    week_later = mention("d3", date="2025-03-15", earliest="2025-03-15", latest="2025-03-15")
    links = [("d1#e1", "d2#e1", 0.6), ("d2#e1", "d3#e1", 0.7)]
    pieces = partition([Span.of(m) for m in (first, bridge, week_later)], links)
    assert sorted(pieces) == [["d1#e1"], ["d2#e1", "d3#e1"]]  # the stronger link wins the bridge
    elsewhere = mention("d3", place="Dilling", lat=12.05, lon=29.65)  # same day, 115 km away
    pieces = partition([Span.of(m) for m in (first, bridge, elsewhere)], links)
    assert sorted(pieces) == [["d1#e1"], ["d2#e1", "d3#e1"]]
    near = mention("d3")
    assert partition([Span.of(m) for m in (first, bridge, near)], links) == [["d1#e1", "d2#e1", "d3#e1"]]


def test_a_chain_of_reports_over_weeks_becomes_several_incidents() -> None:
    docs = []
    for day in range(0, 40, 2):  # the same words every two days: each report links to the next
        iso = date.fromordinal(date(2025, 3, 1).toordinal() + day).isoformat()
        docs.append([mention(f"d{day:02d}", date=iso, earliest=iso, latest=iso, published=iso)])
    backend = cluster(docs)
    assert len({backend.components[k] for k in backend.membership}) == 1  # one chain of links
    assert len(backend.incidents()) >= 10
    assert all(len(v) <= 2 for v in backend.incidents().values())
    assert cluster(list(reversed(docs))).membership == backend.membership


def test_a_new_report_refreshes_only_the_incidents_it_changes() -> None:
    docs = []
    for day in range(0, 40, 2):
        iso = date.fromordinal(date(2025, 3, 1).toordinal() + day).isoformat()
        docs.append([mention(f"d{day:02d}", date=iso, earliest=iso, latest=iso, published=iso)])
    backend = cluster(docs[:-1])
    before = backend.incidents()
    assert len(before) >= 10
    result = IncidentClusterer(backend).add_document(docs[-1])
    assert result.links >= 1  # it joined the chain's component ...
    after = backend.incidents()
    changed = {inc for inc, keys in after.items() if before.get(inc) != keys}
    assert result.incidents == changed and len(changed) <= 2  # ... but only its own incidents changed
    assert result.retired == set(before) - set(after)
    assert backend.membership == cluster(docs).membership  # the same as clustering all at once
    members = {k for keys in backend.component_members.values() for k in keys}
    assert members == set(backend.membership)  # no stored mention lost its component


def test_pairs_skipped_before_the_hard_limits_could_never_score() -> None:
    from eventwire.incidents.linking import _may_score

    rng = random.Random(7)
    words = ["rebel", "shell", "kadugli", "sunday", "kill", "12", "civilian", "market", "army", "town", "fire"]
    places = [None, "Kadugli", "Dilling"]
    ms = []
    for i in range(240):
        place = rng.choice(places)
        ms.append(mention(
            f"d{i}", type="ASSAULT", terms=frozenset(rng.sample(words, rng.randrange(0, 8))),
            sources=rng.choice([(), (Party(rng.choice(["Rebels", "Army"]), "SDN", ("REB",)),)]),
            targets=rng.choice([(), (Party(rng.choice(["civilians", "soldiers"]), None, ("CVL",)),)]),
            place=place, place_precision="city" if place else None,
            date=rng.choice(["2025-03-09", "2025-03-10"]), sentence=""))
    skipped = scored = 0
    for a in ms[:120]:
        for b in ms[120:]:
            if not _may_score(a, b):
                skipped += 1
                assert score(a, b) == 0.0, (a, b)  # the shortcut never hides a link
            elif score(a, b) > 0:
                scored += 1
    assert skipped > 1000 and scored > 100  # both kinds of pair were really tried


def test_parties_on_both_sides_are_worth_scoring_only_when_they_share_names() -> None:
    from eventwire.incidents.linking import _may_score

    a = mention("d1", place=None, terms=frozenset({"shell"}))
    same_names = mention("d2", place=None, terms=frozenset({"fire"}))
    other_names = mention("d3", place=None, terms=frozenset({"fire"}),
                          sources=(Party("Army", "SDN", ("MIL",)),), targets=(Party("rebels", "SDN", ("REB",)),))
    assert _may_score(a, same_names) and score(a, same_names) > 0
    assert not _may_score(a, other_names) and score(a, other_names) == 0.0
