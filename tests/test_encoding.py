"""Bytes to text: byte-order marks, declared and wrong charsets, guesses, and refusals."""

from __future__ import annotations

import codecs

import pytest

from eventwire.errors import BinaryInput, EmptyInput, EncodingError
from eventwire.sources.encoding import declared_charset, decode
from eventwire.sources.raw import ReadLimits
from eventwire.sources.tabular import FieldMap, item_from_fields

TEXT = "Les négociations reprendront à Genève — “today”."


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks(codec: str) -> None:
    data = TEXT.encode(codec)
    if codec == "utf-8-sig":
        assert data.startswith(codecs.BOM_UTF8)
    text, notes = decode(data, "x")
    assert text == TEXT and notes == []


def test_plain_utf8_needs_no_note() -> None:
    assert decode(TEXT.encode(), "x") == (TEXT, [])


def test_declared_charset_from_a_header_is_used() -> None:
    page = "<p>Москва заявила</p>".encode("cp1251")
    text, notes = decode(page, "x", declared="windows-1251")
    assert "Москва" in text and notes == []


def test_latin1_label_reads_as_windows_1252() -> None:
    text, _ = decode("“quoted” café".encode("cp1252"), "x", declared="iso-8859-1")
    assert text == "“quoted” café"


def test_utf8_bytes_win_over_a_wrong_declaration() -> None:
    text, notes = decode(TEXT.encode(), "x", declared="iso-8859-1")
    assert text == TEXT and "bytes are valid UTF-8" in notes[0]


def test_ascii_page_declaring_latin1_is_not_a_conflict() -> None:
    assert decode(b"<p>plain ascii</p>", "x", declared="iso-8859-1") == ("<p>plain ascii</p>", [])


def test_declaration_that_does_not_fit_falls_back_to_a_guess() -> None:
    data = ("Сегодня в Москве прошли переговоры министров иностранных дел " * 5).encode("cp1251")
    text, notes = decode(data, "x", declared="utf-16")
    assert "Москве" in text
    assert any("does not fit" in n for n in notes) and any("guessed" in n for n in notes)


def test_unknown_label_is_noted() -> None:
    data = "caf\xe9 cr\xe8me br\xfbl\xe9e et th\xe9 au lait".encode("latin-1")
    text, notes = decode(data, "x", declared="x-no-such-charset")
    assert "café" in text and any("unknown declared charset" in n for n in notes)


def test_meta_charset_is_sniffed() -> None:
    assert declared_charset(b'<html><head><meta charset="KOI8-R"></head>') == "koi8-r"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">') == "shift_jis"
    assert declared_charset(b"<html><body>no declaration</body></html>") is None


def test_strict_mode_refuses_non_utf8_text() -> None:
    with pytest.raises(EncodingError):
        decode("caf\xe9".encode("latin-1"), "notes.txt", strict_utf8=True)


@pytest.mark.parametrize(("data", "error"), [
    (b"", EmptyInput), (b"   \n\t ", EmptyInput), (b"abc\x00def", BinaryInput),
    (bytes(range(1, 32)) * 10, BinaryInput),
])
def test_refusals(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        decode(data, "x")


def test_field_map_reads_lists_and_objects() -> None:
    row = {"maintext": "Rebels seized the port.", "authors": ["Ann Lee", " ", "Bo Chan"],
           "source": {"name": "Harbour Times", "domain": "harbour.example"}, "title": "  "}
    item = item_from_fields(row, "r:1", FieldMap(), ReadLimits())
    assert (item.author, item.source, item.title) == ("Ann Lee, Bo Chan", "Harbour Times", None)


def test_field_map_override_wins_over_the_usual_names() -> None:
    row = {"text": "the usual field", "body_text": "the mapped field, which the user asked for"}
    item = item_from_fields(row, "r:1", FieldMap.parse("text=body_text"), ReadLimits())
    assert item.content.startswith("the mapped field")


def test_oversized_field_is_truncated_with_a_note() -> None:
    item = item_from_fields({"text": "é" * 100}, "r:1", FieldMap(), ReadLimits(max_bytes=51))
    assert item.content == "é" * 25 and item.notes[0].startswith("truncated: kept the first 51 of 200")
