"""Store queries on hand-built records (no NLP): every event filter, flat rows, summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.clean.document import document_id
from eventwire.record import (
    Actor,
    ActorRef,
    Claim,
    Document,
    ErrorRecord,
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

TEXT_A = "Russian forces shelled Kharkiv on Monday. Ukrainian officials said the strike hit a school."
TEXT_B = "Police arrested protesters in Nairobi, the interior ministry said."


def record_a() -> Record:
    doc = Document(id=document_id(TEXT_A), url="https://a.example/1", source=Source("A News", "a.example"),
                   title="Strike on Kharkiv", published=Published("2022-05-04", "day", "user"), language="en",
                   text=TEXT_A)
    actors = (Actor("A1", "Russian forces", "group", "RUS", ("MIL",)),
              Actor("A2", "Ukrainian officials", "group", "UKR", ("GOV",)))
    place = Place("P1", "Kharkiv", "UKR", "Kharkivska", 706483, 49.98, 36.25, "city", confidence=0.9)
    time = Time("T1", "Monday", 32, 38, "2022-05-02", "day", "published", inferred=True)
    claim = Claim("C1", "A2", "Ukrainian officials", Span(42, 61), TextSpan("said", 62, 66), Span(67, 90),
                  "indirect", "asserts")
    shelled = Event("E1", "ASSAULT", "heavy-weapons", "194", TextSpan("shelled", 15, 22), 0,
                    source=(ActorRef("A1", "Russian forces", 0, 14),), target=(),
                    place=PlaceRef("P1", "Kharkiv", 23, 30), time=TimeRef("T1", "Monday", 34, 40))
    hit = Event("E2", "ASSAULT", None, "190", TextSpan("strike", 75, 81), 1, factuality="reported", claim="C1")
    return Record(document=doc, sentences=(Sentence(0, 41), Sentence(42, 91)), actors=actors, places=(place,),
                  times=(time,), claims=(claim,), events=(shelled, hit))


def record_b() -> Record:
    doc = Document(id=document_id(TEXT_B), url=None, source=None, title=None,
                   published=Published("2023-07-07", "day", "metadata"), language="en", text=TEXT_B)
    actors = (Actor("A1", "Police", "group", "KEN", ("COP",)),)
    arrest = Event("E1", "COERCE", "arrest", "173", TextSpan("arrested", 7, 15), 0,
                   source=(ActorRef("A1", "Police", 0, 6),), target=(ActorRef(None, "protesters", 16, 26),))
    return Record(document=doc, sentences=(Sentence(0, len(TEXT_B)),), actors=actors, events=(arrest,))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "q.db")
    s.add(record_a(), "a.txt")
    s.add(record_b(), "b.txt")
    return s


def ids(rows: list[dict[str, object]]) -> list[str]:
    return [f"{str(r['doc_id'])[7:11]}/{r['event_id']}" for r in rows]


def test_flat_event_rows_carry_actors_place_time_and_evidence(store: Store) -> None:
    (row,) = [r for r in store.events(EventFilter(type="assault")) if r["event_id"] == "E1"]
    assert (row["source"], row["source_country"], row["place"], row["place_country"]) == (
        "Russian forces", "RUS", "Kharkiv", "UKR")
    assert (row["lat"], row["lon"], row["date"], row["cameo"]) == (49.98, 36.25, "2022-05-02", "194")
    assert row["evidence"] == TEXT_A[0:41] and row["title"] == "Strike on Kharkiv"
    (reported,) = [r for r in store.events(EventFilter(type="ASSAULT")) if r["event_id"] == "E2"]
    assert reported["claimed_by"] == "Ukrainian officials" and reported["factuality"] == "reported"


@pytest.mark.parametrize(("flt", "expected"), [
    (EventFilter(type="COERCE"), 1),
    (EventFilter(actor="russian"), 1),
    (EventFilter(country="ken"), 1),
    (EventFilter(country="UKR"), 1),  # by place country
    (EventFilter(place="kharkiv"), 1),
    (EventFilter(claimed_by="officials"), 1),
    (EventFilter(since="2023"), 1),
    (EventFilter(until="2022-05"), 2),
    (EventFilter(since="2022-05-03", until="2022-05-04"), 1),  # E2 has no date: the publication date counts
    (EventFilter(limit=2), 2),
    (EventFilter(), 3),
])
def test_filters(store: Store, flt: EventFilter, expected: int) -> None:
    assert len(store.events(flt)) == expected


def test_events_are_ordered_by_date(store: Store) -> None:
    dates = [r["date"] or r["published"] for r in store.events(EventFilter())]
    assert dates == sorted(dates)  # type: ignore[type-var]


def test_claims_and_actors_are_flat_rows_too(store: Store) -> None:
    claims = [dict(r) for r in store.conn.execute("SELECT speaker, kind, stance, content FROM claims")]
    assert claims == [{"speaker": "Ukrainian officials", "kind": "indirect", "stance": "asserts",
                       "content": TEXT_A[67:90]}]
    sectors = dict(store.conn.execute("SELECT name, sector FROM actors").fetchall())
    assert sectors == {"Russian forces": "MIL", "Ukrainian officials": "GOV", "Police": "COP"}


def test_summary_and_records(store: Store) -> None:
    s = store.summary()
    assert (s["documents"], s["events"], s["claims"], s["errors"]) == (2, 3, 1, 0)
    assert s["events_by_type"] == {"ASSAULT": 2, "COERCE": 1}
    assert [r.document.id for r in store.records()] == [record_a().document.id, record_b().document.id]


def test_errors_are_recorded_once(store: Store) -> None:
    err = ErrorRecord(item="bad.html", stage="read", code="E103", message="bad.html looks binary")
    store.add_error(err)
    store.add_error(err)
    (row,) = store.errors()
    assert (row["item"], row["code"]) == ("bad.html", "E103")


def test_unknown_and_ambiguous_ids(store: Store) -> None:
    from eventwire.errors import NotFound

    with pytest.raises(NotFound, match="no document"):
        store.get("sha256:ffff")
    with pytest.raises(NotFound, match="ambiguous"):
        store.get("sha256:")
    assert store.get(record_b().document.id[7:20]).document.text == TEXT_B


def test_the_origin_of_each_stored_document_is_kept(store: Store) -> None:
    origins = dict(store.conn.execute("SELECT id, origin FROM documents").fetchall())
    assert origins == {record_a().document.id: "a.txt", record_b().document.id: "b.txt"}
    assert [c["origin"] for c in store.copies(record_b().document.id)] == ["b.txt"]
