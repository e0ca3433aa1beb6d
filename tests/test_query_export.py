"""The query layer (filters, dates, pagination, search, aggregates) and the exports, on
hand-built records stored in a real SQLite store."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from eventwire.clean.document import document_id
from eventwire.errors import UsageError
from eventwire.export import FORMATS, write_export
from eventwire.export.acled import classify
from eventwire.export.gdelt import COLUMNS as GDELT_COLUMNS
from eventwire.export.gdelt import goldstein, quad_class
from eventwire.export.writers import iter_events
from eventwire.record import (
    Actor,
    ActorRef,
    Claim,
    Contradiction,
    Document,
    Event,
    Place,
    PlaceRef,
    Published,
    Record,
    Sentence,
    Source,
    Span,
    TextSpan,
    Time,
    TimeRef,
)
from eventwire.store import EventFilter, Store
from eventwire.store.query import fts_query
from test_store_queries import record_a, record_b

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

TEXT_C = ("The army denied that its soldiers shelled Kadugli in March. Rebels said 40% of the town_hall "
          "was destroyed.")


def record_c() -> Record:
    """A month-dated event inside a denial, in Sudan, from another outlet."""
    doc = Document(id=document_id(TEXT_C), url="https://c.example/2", source=Source("C Wire", "c.example"),
                   title="Army denies shelling", published=Published("2024-04-10", "day", "metadata"),
                   language="en", text=TEXT_C)
    actors = (Actor("A1", "army", "group", "SDN", ("MIL",)), Actor("A2", "Rebels", "group", "SDN", ("REB",)))
    place = Place("P1", "Kadugli", "SDN", "13", 371545, 11.01, 29.72, "city", confidence=0.8)
    time = Time("T1", "in March", 50, 58, "2024-03", "month", "published", inferred=True)
    denial = Claim("C1", "A1", "The army", Span(0, 8), TextSpan("denied", 9, 15), Span(16, 58), "indirect", "denies")
    shelled = Event("E1", "ASSAULT", None, "194", TextSpan("shelled", 34, 41), 0,
                    source=(ActorRef(None, "its soldiers", 21, 33),), place=PlaceRef("P1", "Kadugli", 42, 49),
                    time=TimeRef("T1", "in March", 50, 58), factuality="denied", claim="C1")
    destroyed = Event("E2", "ASSAULT", None, "1711", TextSpan("destroyed", 96, 105), 1,
                      source=(ActorRef("A2", "Rebels", 60, 66),), factuality="reported")
    return Record(document=doc, sentences=(Sentence(0, 59), Sentence(60, len(TEXT_C))), actors=actors,
                  places=(place,), times=(time,), claims=(denial,), events=(shelled, destroyed),
                  contradictions=(Contradiction(("C1", "C1"), "E1", "denial"),))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "q.db")
    for r, origin in ((record_a(), "a"), (record_b(), "b"), (record_c(), "c")):
        assert s.add(r, origin)
    return s


def keys(rows: list[dict[str, object]]) -> set[str]:
    return {f"{str(r['doc_id'])[7:11]}/{r['event_id']}" for r in rows}


A, B, C = (document_id(t)[7:11] for t in (record_a().document.text, record_b().document.text, TEXT_C))


# --- filters ------------------------------------------------------------------------------

@pytest.mark.parametrize(("flt", "expected"), [
    (EventFilter(cameo="19"), {f"{A}/E1", f"{A}/E2", f"{C}/E1"}),
    (EventFilter(cameo="194"), {f"{A}/E1", f"{C}/E1"}),
    (EventFilter(cameo="17"), {f"{B}/E1", f"{C}/E2"}),
    (EventFilter(sector="mil"), {f"{A}/E1"}),
    (EventFilter(sector="REB"), {f"{C}/E2"}),
    (EventFilter(place_country="sdn"), {f"{C}/E1"}),
    (EventFilter(bbox=(36.0, 49.0, 37.0, 50.5)), {f"{A}/E1"}),
    (EventFilter(bbox=(0.0, 0.0, 1.0, 1.0)), set()),
    (EventFilter(factuality=("denied",)), {f"{C}/E1"}),
    (EventFilter(factuality=("reported", "denied")), {f"{A}/E2", f"{C}/E1", f"{C}/E2"}),
    (EventFilter(contested=True), {f"{C}/E1"}),
    (EventFilter(contested=False, type="ASSAULT"), {f"{A}/E1", f"{A}/E2", f"{C}/E2"}),
    (EventFilter(outlet="c.example"), {f"{C}/E1", f"{C}/E2"}),
    (EventFilter(outlet="A News"), {f"{A}/E1", f"{A}/E2"}),
    (EventFilter(actor="ssian FOR"), {f"{A}/E1"}),  # substring, any case, through the trigram index
    (EventFilter(actor="protesters"), {f"{B}/E1"}),  # targets too
    (EventFilter(actor="Po"), {f"{B}/E1"}),  # short: a plain scan
    (EventFilter(actor="%%%"), set()),
    (EventFilter(actor="%"), set()),  # LIKE wildcards in user input are literal characters
    (EventFilter(actor="_"), set()),
    (EventFilter(type="assault", country="SDN"), {f"{C}/E1", f"{C}/E2"}),
])
def test_filters(store: Store, flt: EventFilter, expected: set[str]) -> None:
    assert keys(store.events(flt)) == expected
    assert store.count_events(flt) == len(expected)


def test_date_ranges_overlap_unless_strict(store: Store) -> None:
    # C/E1 is dated "2024-03": the whole month
    assert f"{C}/E1" in keys(store.events(EventFilter(since="2024-03-10", until="2024-03-12")))
    assert f"{C}/E1" not in keys(store.events(EventFilter(since="2024-03-10", until="2024-03-12",
                                                          strict_dates=True)))
    assert f"{C}/E1" in keys(store.events(EventFilter(since="2024-03", until="2024-03", strict_dates=True)))
    assert f"{C}/E1" in keys(store.events(EventFilter(since="2024", until="2024", strict_dates=True)))
    # an undated event is placed at its publication day, and the row says so
    (row,) = [r for r in store.events(EventFilter(since="2024-04-10", until="2024-04-10")) if r["event_id"] == "E2"]
    assert row["dated_by"] == "published" and row["date"] is None
    (dated,) = store.events(EventFilter(cameo="194", since="2024"))
    assert dated["dated_by"] == "event" and (dated["date_start"], dated["date_end"]) == ("2024-03-01", "2024-03-31")
    with pytest.raises(UsageError):
        store.events(EventFilter(since="March"))


def test_cursor_pages_cover_every_event_once_in_both_orders(store: Store) -> None:
    everything = store.events(EventFilter())
    for sort in ("date", "-date", "confidence", "-confidence"):
        seen, cursor = [], None
        while True:
            page = store.event_page(EventFilter(limit=1, sort=sort, cursor=cursor))
            seen += page.rows
            cursor = page.next_cursor
            if cursor is None:
                break
        assert len(seen) == len(everything) == 5
        assert keys(seen) == keys(everything)
    dates = [r["date_start"] or r["published"][:10] for r in store.events(EventFilter(sort="-date"))]
    assert dates == sorted(dates, reverse=True)


def test_bad_cursor_sort_and_limit(store: Store) -> None:
    with pytest.raises(UsageError):
        store.event_page(EventFilter(cursor="not-a-cursor"))
    page = store.event_page(EventFilter(limit=1))
    assert page.next_cursor
    with pytest.raises(UsageError):  # a cursor made for one order cannot be used with another
        store.event_page(EventFilter(limit=1, sort="-date", cursor=page.next_cursor))
    with pytest.raises(UsageError):
        store.event_page(EventFilter(sort="type; DROP TABLE events"))
    with pytest.raises(UsageError):
        store.event_page(EventFilter(limit=0))
    assert len(store.events(EventFilter(limit=10**9))) == 5  # capped, not refused


def test_flat_rows_carry_sectors_admin1_and_outlet(store: Store) -> None:
    (row,) = store.events(EventFilter(cameo="194", place_country="UKR"))
    assert (row["source_sector"], row["admin1"], row["geonames_id"], row["outlet"]) == \
        ("MIL", "Kharkivska", 706483, "a.example")
    assert row["place_precision"] == "city" and row["contested"] == 0


# --- search and aggregates ----------------------------------------------------------------

def test_search_documents_and_claims(store: Store) -> None:
    hits = store.search("Kharkiv")
    assert hits and hits[0]["doc_id"].startswith("sha256:" + A) and "[Kharkiv]" in hits[0]["snippet"]
    claims = store.search("soldiers shelled", kind="claim")
    assert [h["claim_id"] for h in claims] == ["C1"]
    assert store.search('"hit a school"') and not store.search('"school a hit"')
    assert store.search("kadugli KADUGLI")  # case-insensitive


@pytest.mark.parametrize("hostile", ['"unbalanced', "NEAR(a b", "a OR", "*", "-x", "title:army", "a AND NOT b",
                                     "'; DROP TABLE search; --", "{}()[]^"])
def test_search_survives_fts_syntax(store: Store, hostile: str) -> None:
    with contextlib.suppress(UsageError):  # nothing searchable left: a clear error, not an SQL error
        store.search(hostile)
    assert store.search("Kharkiv")


def test_fts_query_quotes_every_term() -> None:
    assert fts_query('army "hit a school"') == '"army" "hit a school"'
    assert fts_query("NEAR(a") == '"NEAR a"'
    with pytest.raises(UsageError):
        fts_query("  ")


def test_aggregates(store: Store) -> None:
    from eventwire.store import query

    days = query.events_per_day(store.conn)
    assert {"day": "2022-05-02", "type": "ASSAULT", "events": 1} in days
    assert sum(d["events"] for d in days) == 5
    pairs = query.top_actor_pairs(store.conn)
    assert pairs == [{"source": "Police", "target": "protesters", "events": 1}]
    places = query.events_per_place(store.conn, EventFilter(type="ASSAULT"))
    assert {(p["place"], p["events"]) for p in places} == {("Kharkiv", 1), ("Kadugli", 1)}


def test_counts_by_outlet_read_the_documents_and_others_do_not(store: Store) -> None:
    from eventwire.store import query

    outlets = [r[0] for r in store.conn.execute(
        "SELECT DISTINCT COALESCE(e.outlet, d.source_name) FROM events e JOIN documents d ON d.id = e.doc_id")]
    assert any(outlets)
    for outlet in filter(None, outlets):
        f = EventFilter(outlet=outlet)
        listed = len(query.events(store.conn, f).rows)
        assert sum(d["events"] for d in query.events_per_day(store.conn, f)) == listed
    assert "documents" not in query._counted_from(EventFilter(type="ASSAULT"))
    assert "documents" in query._counted_from(EventFilter(outlet="Reuters"))


def test_migration_refills_rows_of_older_stores(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store(db) as s:
        s.add(record_a(), "a")
        with s.conn:
            for name in ("event_details", "denials", "incident_overview"):
                s.conn.execute(f"DROP VIEW {name}")
            s.conn.execute("DROP TABLE search")
            s.conn.execute("DROP TABLE event_actors")
            s.conn.execute("DROP TABLE event_points")
            s.conn.execute("DELETE FROM migrations WHERE name IN ('0005_query', '0006_views')")
    with Store(db) as s:
        assert len(s.events()) == 2 and s.search("Kharkiv")


# --- exports ------------------------------------------------------------------------------

def test_jsonl_round_trips_full_records(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert write_export(store, "jsonl", out) == 3
    records = [Record.from_dict(json.loads(line)) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r.document.id for r in records} == {r.document.id for r in store.records()}
    assert records[0] == store.get(records[0].document.id)
    assert write_export(store, "jsonl", out, EventFilter(place_country="SDN")) == 1


def test_csv_has_one_row_per_event(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    assert write_export(store, "csv", out) == 5
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 5 and {"type", "cameo", "source_sector", "date_start", "evidence", "url"} <= set(rows[0])
    assert write_export(store, "csv", out, EventFilter(type="COERCE")) == 1


def test_gdelt_columns_codes_and_goldstein(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.gdelt.tsv"
    assert write_export(store, "gdelt", out) == 5
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")), delimiter="\t"))
    assert list(rows[0]) == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61
    shelling = next(r for r in rows if r["EventCode"] == "194" and r["ActionGeo_CountryCode"] == "UKR")
    assert shelling["SQLDATE"] == "20220502" and shelling["Actor1Code"] == "RUSMIL"
    assert shelling["QuadClass"] == "4" and float(shelling["GoldsteinScale"]) == -10.0
    assert shelling["ActionGeo_Type"] == "4" and shelling["ActionGeo_FeatureID"] == "706483"
    assert shelling["IsRootEvent"] == "1" and shelling["SOURCEURL"] == "https://a.example/1"
    assert len({r["GLOBALEVENTID"] for r in rows}) == 5
    assert goldstein("0874") == 10.0 and goldstein("1949") == -10.0 and goldstein(None) is None
    assert (quad_class("040"), quad_class("070"), quad_class("111"), quad_class("190"), quad_class("x")) == \
        (1, 2, 3, 4, None)


def test_acled_maps_types_and_skips_statements(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.acled.csv"
    assert write_export(store, "acled", out) == 5  # every stored event here is violence or coercion
    rows = {r["notes"][:20]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    shelled = rows["Russian forces shell"]
    assert (shelled["event_type"], shelled["sub_event_type"]) == \
        ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert shelled["inter1"] == "1" and shelled["geo_precision"] == "1" and shelled["time_precision"] == "1"
    assert shelled["country"] == "Ukraine" and shelled["latitude"] == "49.98"
    arrest = rows["Police arrested prot"]
    assert (arrest["event_type"], arrest["sub_event_type"]) == ("Strategic developments", "Arrests")
    denied = next(r for r in rows.values() if r["tags"] == "denied")
    assert denied["time_precision"] == "3"
    assert classify({"type": "CONSULT"}) is None and classify({"type": "ACCUSE"}) is None
    assert classify({"type": "PROTEST", "cameo": "145"})[1] == "Riots"  # type: ignore[index]
    assert classify({"type": "ASSAULT", "cameo": "190", "source_sector": "MIL",
                     "target_sector": "REB"})[1] == "Battles"  # type: ignore[index]


def test_plover_records(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.plover.jsonl"
    assert write_export(store, "plover", out) == 5
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    shelled = next(r for r in records if r["cameo"] == "194" and r.get("eventLoc", {}).get("name") == "Kharkiv")
    assert shelled["event"] == "ASSAULT" and shelled["mode"] == "heavy-weapons"
    assert shelled["source"] == [{"actorText": "Russian forces", "code": "RUS", "sector": "MIL"}]
    assert shelled["eventLoc"]["country code"] == "UA" and shelled["date"] == "2022-05-02"
    assert any(r.get("claimedBy") == "Ukrainian officials" for r in records)


def test_exports_stream_page_by_page(tmp_path: Path) -> None:
    text = " ".join(f"Troops shelled village number {i}." for i in range(2500))
    doc = Document(id=document_id(text), url=None, source=None, title="many", language="en", text=text,
                   published=Published("2024-01-01", "day", "user"))
    events = tuple(Event(f"E{i + 1}", "ASSAULT", None, "194", TextSpan("shelled", 0, 7), 0) for i in range(2500))
    with Store(tmp_path / "big.db") as s:
        s.add(Record(document=doc, sentences=(Sentence(0, len(text)),), events=events))
        assert sum(1 for _ in iter_events(s)) == 2500
        assert write_export(s, "csv", tmp_path / "big.csv") == 2500


def test_export_errors_leave_no_partial_file(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        write_export(store, "xlsx", tmp_path / "x")
    with pytest.raises(UsageError):
        write_export(store, "csv", tmp_path / "missing" / "e.csv")
    with pytest.raises(UsageError):
        write_export(store, "csv", tmp_path)
    assert not list(tmp_path.glob(".*.partial")) and not (tmp_path / "missing").exists()


def test_every_format_writes_from_the_cli(cli: list[str], store: Store, tmp_path: Path) -> None:
    db = store.path
    for fmt in FORMATS:
        out = tmp_path / f"out.{fmt}"
        done = subprocess.run([*cli, "export", "--db", db, "--format", fmt, "--out", str(out), "--type", "assault"],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert out.stat().st_size > 0 and "wrote" in done.stderr
    bad = subprocess.run([*cli, "export", "--db", db, "--format", "csv", "--out", "-", "--bbox", "1,2,3"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "--bbox" in bad.stderr and "Traceback" not in bad.stderr
    listed = subprocess.run([*cli, "events", "--db", db, "--limit", "2", "--format", "json"],
                            capture_output=True, text=True, timeout=120)
    assert len(json.loads(listed.stdout)) == 2 and "--cursor " in listed.stderr
    cursor = listed.stderr.split("--cursor ")[1].split()[0]
    rest = subprocess.run([*cli, "events", "--db", db, "--cursor", cursor, "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert len(json.loads(rest.stdout)) == 3 and "--cursor" not in rest.stderr
    found = subprocess.run([*cli, "search", "--db", db, "Kharkiv"], capture_output=True, text=True, timeout=120)
    assert found.returncode == 0 and "[Kharkiv]" in found.stdout
    unknown = subprocess.run([*cli, "events", "--db", db, "--factuality", "maybe"], capture_output=True,
                             text=True, timeout=120)
    assert unknown.returncode == 1 and "unknown factuality" in unknown.stderr


def test_filters_are_frozen_values() -> None:
    f = EventFilter(type="ASSAULT")
    assert replace(f, limit=5).type == "ASSAULT"


# --- parquet --------------------------------------------------------------------------------

def test_parquet_reads_in_duckdb_and_pandas(store: Store, tmp_path: Path) -> None:
    import duckdb
    import pandas as pd

    out = tmp_path / "pq"
    assert write_export(store, "parquet", out) == 5
    assert {p.name for p in out.iterdir()} == {"documents.parquet", "events.parquet", "claims.parquet",
                                               "incidents.parquet"}
    events = pd.read_parquet(out / "events.parquet")
    assert len(events) == 5
    assert sorted(events["geonames_id"].dropna().astype(int).tolist()) == [371545, 706483]
    assert events["lat"].dtype.kind == "f" and events["contested"].dtype.kind == "i"
    by_type = duckdb.sql(f"SELECT type, count(*) FROM '{out / 'events.parquet'}' GROUP BY type ORDER BY type"
                         ).fetchall()
    assert by_type == [("ASSAULT", 4), ("COERCE", 1)]
    docs = duckdb.sql(f"SELECT id, text FROM '{out / 'documents.parquet'}'").fetchall()
    assert len(docs) == 3 and any("Kharkiv" in t for _, t in docs)
    claims = pd.read_parquet(out / "claims.parquet")
    assert set(claims["stance"]) == {"asserts", "denies"}
    incidents = duckdb.sql(f"SELECT status, outlets FROM '{out / 'incidents.parquet'}'").fetchall()
    assert incidents and all(isinstance(o, list) for _, o in incidents)
    joined = duckdb.sql(f"SELECT count(*) FROM '{out / 'events.parquet'}' e JOIN '{out / 'documents.parquet'}' d "
                        "ON d.id = e.doc_id").fetchall()
    assert joined == [(5,)]


def test_parquet_filters_and_rewrites_only_its_own_folder(store: Store, tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "pq"
    assert write_export(store, "parquet", out, EventFilter(place_country="SDN")) == 1
    assert len(pd.read_parquet(out / "documents.parquet")) == 1
    assert write_export(store, "parquet", out) == 5  # an earlier export is replaced
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(UsageError):
        write_export(store, "parquet", precious)
    assert (precious / "notes.txt").read_text(encoding="utf-8") == "keep me"
    with pytest.raises(UsageError):
        write_export(store, "parquet", "-")


def test_parquet_of_an_empty_store_keeps_the_schema(tmp_path: Path) -> None:
    import pandas as pd

    with Store(tmp_path / "empty.db") as s:
        assert write_export(s, "parquet", tmp_path / "pq") == 0
    events = pd.read_parquet(tmp_path / "pq" / "events.parquet")
    assert len(events) == 0 and {"type", "cameo", "lat", "evidence"} <= set(events.columns)


def test_store_benchmark_runs_on_a_small_store(tmp_path: Path) -> None:
    import store as bench

    result = bench.run(20_000, tmp_path / "bench.db", reps=2, seed=1)
    assert result["events"] == 20_000
    assert set(result["exports_rows_per_second"]) == {"csv", "parquet", "gdelt", "acled", "plover", "jsonl"}
    assert {"type", "month range", "bbox", "actor substring", "search (one word)"} <= set(result["queries"])
    with Store(tmp_path / "bench.db") as s:
        assert s.count_events() == 20_000
        assert s.events(EventFilter(actor=s.events(EventFilter(limit=1))[0]["source"][-5:]))


def test_gdelt_and_acled_files_load_in_pandas_with_their_column_names(store: Store, tmp_path: Path) -> None:
    import pandas as pd

    write_export(store, "gdelt", tmp_path / "g.tsv")
    write_export(store, "acled", tmp_path / "a.csv")
    gdelt = pd.read_csv(tmp_path / "g.tsv", sep="\t", dtype={"EventCode": str, "EventRootCode": str})
    assert list(gdelt.columns) == GDELT_COLUMNS and set(gdelt["EventRootCode"]) >= {"19", "17"}
    assert gdelt["GoldsteinScale"].min() == -10.0
    acled = pd.read_csv(tmp_path / "a.csv")
    assert {"event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location",
            "latitude", "longitude", "geo_precision", "time_precision", "source", "notes",
            "fatalities"} <= set(acled.columns)
    assert pd.to_datetime(acled["event_date"]).notna().all()


def test_aggregates_honour_filters_including_dates(store: Store) -> None:
    from eventwire.store import query

    march = query.events_per_day(store.conn, EventFilter(since="2024-03-10", until="2024-03-12"))
    assert march == [{"day": "2024-03-01", "type": "ASSAULT", "events": 1}]  # a month-dated event overlaps
    assert query.events_per_day(store.conn, EventFilter(since="2024-03-10", until="2024-03-12",
                                                        strict_dates=True)) == []
    assert query.events_per_place(store.conn, EventFilter(place_country="UKR"))[0]["place"] == "Kharkiv"
    assert query.top_actor_pairs(store.conn, EventFilter(type="ASSAULT")) == []
    assert store.count_events(EventFilter(since="2024-03-10", until="2024-03-12")) == 1
    assert store.count_events(EventFilter(since="2022")) == 5 and store.count_events(EventFilter(until="2021")) == 0
