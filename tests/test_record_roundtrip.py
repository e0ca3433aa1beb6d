"""Property tests: record <-> JSON <-> store round trips, offsets always inside the text."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.clean.document import document_id
from eventwire.record import (
    Actor,
    ActorRef,
    Claim,
    Document,
    Event,
    Published,
    Record,
    Removed,
    Sentence,
    Source,
    Span,
    TextSpan,
    Time,
)
from eventwire.store import Store

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300)


@st.composite
def records(draw: st.DrawFn) -> Record:
    text = draw(texts)
    n = len(text)
    a = draw(st.integers(0, n - 1))
    b = draw(st.integers(a + 1, n))
    doc = Document(id=document_id(text), url=draw(st.none() | st.just("https://x.example/a")),
                   source=draw(st.none() | st.just(Source(name="X", domain="x.example"))),
                   title=draw(st.none() | texts), published=Published("2020-02-20", "day", "user"),
                   language="en", text=text, removed=(Removed(text="0 $", reason="widget"),))
    actor = Actor(id="A1", name=draw(texts), kind="person", country="LBY", sector=("MIL",),
                  aliases=("x",), mentions=("T1",))
    ref = ActorRef(actor="A1", text=text[a:b], start=a, end=b)
    claim = Claim(id="C1", speaker="A1", speaker_text=text[a:b], speaker_span=Span(a, b),
                  cue=TextSpan(text[a:b], a, b), content=Span(a, b), kind="indirect",
                  stance=draw(st.sampled_from(["asserts", "denies"])), channel=None, quote=None)
    event = Event(id="E1", type=draw(st.sampled_from(["ASSAULT", "CONSULT"])), mode=None,
                  cameo="190", trigger=TextSpan(text[a:b], a, b), sentence=0, source=(ref,),
                  target=(), factuality="reported", claim="C1",
                  confidence=draw(st.floats(0, 1)))
    time = Time(id="D1", text=text[a:b], start=a, end=b, value="2020-02-19", precision="day",
                anchor="published", inferred=draw(st.booleans()))
    return Record(document=doc, sentences=(Sentence(0, n),), actors=(actor,), claims=(claim,),
                  events=(event,), times=(time,))


@given(records())
def test_record_json_round_trip(record: Record) -> None:
    data = json.loads(json.dumps(record.to_dict()))
    assert Record.from_dict(data) == record
    assert data["format"] == "eventwire/1"


@given(records())
@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=40)
def test_record_store_round_trip(record: Record) -> None:
    with Store(":memory:") as store:
        assert store.add(record) is True
        assert store.get(record.document.id) == record
        assert store.add(record) is False  # same content: nothing added


@given(records())
def test_offsets_inside_text(record: Record) -> None:
    n = len(record.document.text)
    for e in record.events:
        assert 0 <= e.trigger.start < e.trigger.end <= n
        for r in e.source:
            assert record.document.text[r.start:r.end] == r.text
    for c in record.claims:
        assert 0 <= c.content.start <= c.content.end <= n
