"""Every record the pipeline produces validates against the generated and the shared schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from eventwire.ingest import example_paths, extract_paths
from eventwire.record import Record
from eventwire.schema import record_schema


@pytest.fixture(scope="module")
def example_records() -> list[Record]:
    records = [r for r in extract_paths(example_paths()) if isinstance(r, Record)]
    assert len(records) == 7
    return records


def test_generated_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(record_schema())


def test_records_validate_against_generated_schema(example_records: list[Record]) -> None:
    validator = jsonschema.Draft202012Validator(record_schema())
    for r in example_records:
        errors = list(validator.iter_errors(r.to_dict()))
        assert not errors, errors[0].message


def test_records_validate_against_shared_schema(example_records: list[Record], shared: Path) -> None:
    schema = json.loads((shared / "spec" / "document.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    for r in example_records:
        errors = list(validator.iter_errors(r.to_dict()))
        assert not errors, errors[0].message


def test_every_offset_points_into_the_text(example_records: list[Record]) -> None:
    for r in example_records:
        text = r.document.text
        n = len(text)
        for e in r.entities:
            assert text[e.start:e.end] == e.text
        for t in r.times:
            assert text[t.start:t.end] == t.text
        for ev in r.events:
            assert text[ev.trigger.start:ev.trigger.end] == ev.trigger.text
            assert 0 <= ev.sentence < len(r.sentences)
            s = r.sentences[ev.sentence]
            assert s.start <= ev.trigger.start < s.end
            for ref in ev.source + ev.target:
                assert text[ref.start:ref.end] == ref.text
        for c in r.claims:
            assert 0 <= c.content.start < c.content.end <= n
            if c.cue:
                assert text[c.cue.start:c.cue.end] == c.cue.text
            if c.speaker_span:
                assert text[c.speaker_span.start:c.speaker_span.end] == c.speaker_text
        ids = {c.id for c in r.claims}
        for k in r.contradictions:
            assert set(k.claims) <= ids
