"""The text rendering of a record and the progress line, called directly (the CLI tests run
the installed command in a subprocess)."""

from __future__ import annotations

import io
from dataclasses import replace

from eventwire.cli import _size, build_parser, render_text, table
from eventwire.pipeline import Progress
from eventwire.record import ErrorRecord, Published, Removed, Source
from helpers import record_of


def test_render_text_shows_provenance_events_claims_and_removals() -> None:
    r = record_of("Rebels shelled the port of Hodeidah on Monday, officials said.", published="2022-05-04")
    document = replace(r.document, title="Port shelled", url="https://a.example/1",
                       source=Source("A News", "a.example"), author="Ann Lee", origin="crawl.warc@12",
                       published=Published("2022-05-04", "day", "warc", "WARC-Date"),
                       duplicate_of="sha256:" + "1" * 64, similarity=0.91, notes=("encoding guessed as cp1252",),
                       removed=(Removed("Share Tweet", "share bar"),))
    text = render_text(replace(r, document=document), ["seen at (2)", "  https://b.example/2  B News"])
    lines = text.splitlines()
    assert lines[0] == "Port shelled"
    assert "published 2022-05-04 (warc, WARC-Date)" in text and "url https://a.example/1" in text
    assert "outlet A News / a.example  author Ann Lee  read from crawl.warc@12" in text
    assert "near-copy of sha256:111" in text and "(similarity 0.91)" in text
    assert "note: encoding guessed as cp1252" in text and "seen at (2)" in text
    assert any(line.startswith("events (") for line in lines) and "ASSAULT" in text
    assert "[share bar] Share Tweet" in text


def test_table_truncates_and_aligns() -> None:
    out = table([{"a": "x" * 40, "b": None}, {"a": "y", "b": 3}], ["a", "b"], width=10)
    header, rule, first, second = out.splitlines()[:4]
    assert header.split() == ["a", "b"] and set(rule.replace(" ", "")) == {"-"}
    assert first.startswith("xxxxxxxxx…") and second.startswith("y")


def test_sizes_accept_units() -> None:
    assert (_size("20M"), _size("1g"), _size("512k"), _size("1000")) == (20 * 1024**2, 1024**3, 512 * 1024, 1000)


def test_parser_knows_every_command_and_reading_option() -> None:
    parser = build_parser()
    args = parser.parse_args(["ingest", "x.warc.gz", "--fields", "text=body", "--max-bytes", "2M",
                              "--max-ratio", "50", "--max-expanded", "1G", "--db", "t.db"])
    assert (args.max_bytes, args.max_ratio, args.max_expanded, args.fields) == (2 * 1024**2, 50.0, 1024**3,
                                                                              "text=body")


class Terminal(io.StringIO):
    """A text stream that says it is a terminal, as stderr does in an interactive shell."""

    def isatty(self) -> bool:
        return True


def test_progress_line_on_a_terminal_counts_documents_and_failures() -> None:
    stream = Terminal()
    progress = Progress(stream=stream, every=0)
    r = record_of("Rebels shelled the port.")
    progress.update(r)
    progress.update(ErrorRecord(item="x", stage="read", code="E103", message="binary"))
    progress.close()
    out = stream.getvalue()
    assert "\r1 documents, 0 failed" in out and "\r2 documents, 1 failed" in out and out.endswith("\n")
