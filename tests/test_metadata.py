"""Metadata with provenance: dates in the forms sources write them, URL dates, precedence, domains."""

from __future__ import annotations

import pytest

from eventwire.clean import build_document
from eventwire.clean.metadata import choose_published, date_from_url, domain_of, looks_like_domain, parse_date
from eventwire.errors import UsageError
from eventwire.sources.raw import RawItem

BODY = ("<html><head>{head}</head><body><article><p>Troops shelled the town on Monday, officials said, "
        "and the government denied that any civilians had been hurt in the attack.</p></article></body></html>")


@pytest.mark.parametrize(("value", "iso", "precision"), [
    ("2020-02-20", "2020-02-20", "day"),
    ("2020-02", "2020-02", "month"),
    ("2020", "2020", "year"),
    ("2020-02-20T10:30:00Z", "2020-02-20T10:30:00+00:00", "second"),
    ("2020-02-20 10:30:00", "2020-02-20T10:30:00", "second"),
    ("Thu, 20 Feb 2020 10:30:00 GMT", "2020-02-20T10:30:00+00:00", "second"),
    ("February 20, 2020", "2020-02-20", "day"),
    ("Feb. 20th, 2020", "2020-02-20", "day"),
    ("20 February 2020", "2020-02-20", "day"),
    ("Thursday, 20 February 2020", "2020-02-20", "day"),
    ("February 2020", "2020-02", "month"),
    ("4/5/2017", "2017-04-05", "day"),
    ("25/12/2016", "2016-12-25", "day"),
])
def test_parse_date(value: str, iso: str, precision: str) -> None:
    assert parse_date(value) == (iso, precision)


@pytest.mark.parametrize("value", ["2020-02-31", "31/31/2020", "next week", "Feb 30, 2021"])
def test_unreadable_dates_raise(value: str) -> None:
    with pytest.raises(UsageError):
        parse_date(value)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://news.example.com/2020/02/19/strike-hits-port", ("2020-02-19", "day")),
    ("https://news.example.com/world/2020-02-19-strike", ("2020-02-19", "day")),
    ("https://news.example.com/a/20200219/strike", ("2020-02-19", "day")),
    ("https://news.example.com/2020/02/strike", ("2020-02", "month")),
    ("https://news.example.com/story/8011117.html", None),
    ("https://20200219.example.com/story", None),
    ("https://news.example.com/2020/13/45/x", None),
    (None, None),
])
def test_date_from_url(url: str | None, expected: tuple[str, str] | None) -> None:
    assert date_from_url(url) == expected


def test_precedence_user_metadata_dateline_warc_url() -> None:
    url = "https://x.example/2020/01/02/story"
    p = choose_published("2020-03-04", [("2021-01-01", "page metadata")], "2022-01-01T00:00:00Z", url, ["May 5, 2023"])
    assert (p.value, p.origin, p.via) == ("2020-03-04", "user", "--published")
    p = choose_published(None, [(None, "source field"), ("2021-01-01", "page metadata")], "2022-01-01T00:00:00Z",
                         url, ["May 5, 2023"])
    assert (p.value, p.origin, p.via) == ("2021-01-01", "metadata", "page metadata")
    p = choose_published(None, [("not a date", "page metadata")], "2022-01-01T00:00:00Z", url, ["Updated: May 5, 2023"])
    assert (p.value, p.origin, p.via) == ("2023-05-05", "text", "dateline")
    p = choose_published(None, [], "2022-01-01T00:00:00Z", url, [])
    assert (p.value, p.origin, p.precision) == ("2022-01-01T00:00:00+00:00", "warc", "second")
    p = choose_published(None, [], None, url, [])
    assert (p.value, p.origin, p.via, p.precision) == ("2020-01-02", "metadata", "url path", "day")
    p = choose_published(None, [], None, None, [])
    assert (p.value, p.origin, p.precision) == (None, "unknown", "unknown")


def test_domains() -> None:
    assert domain_of("https://www.voanews.com/a/x.html") == "voanews.com"
    assert domain_of("news.example.org/path") == "news.example.org"
    assert domain_of("not a url") is None and domain_of(None) is None
    assert looks_like_domain("example.org") and not looks_like_domain("Voice of America")


def test_html_page_metadata_with_provenance() -> None:
    head = ('<title>Strike hits port</title><meta property="og:site_name" content="Harbour Times">'
            '<meta name="author" content="Lena Park"><meta property="article:published_time" '
            'content="2021-06-01T08:00:00Z">')
    item = RawItem(origin="x.warc@0", content=BODY.format(head=head), kind="html",
                   url="https://www.harbourtimes.example/2021/05/30/strike", warc_date="2021-06-03T00:00:00Z")
    d = build_document(item)
    assert d.source is not None and (d.source.name, d.source.domain) == ("Harbour Times", "harbourtimes.example")
    assert d.author == "Lena Park" and d.origin == "x.warc@0"
    assert (d.published.value[:10], d.published.origin) == ("2021-06-01", "metadata")


def test_warc_date_then_url_date_when_the_page_has_none() -> None:
    page = BODY.format(head="<title>Strike hits port</title>")
    d = build_document(RawItem(origin="w", content=page, kind="html", url="https://a.example/2021/05/30/s",
                               warc_date="2021-06-03T10:00:00Z"))
    assert (d.published.value, d.published.origin, d.published.via) == (
        "2021-06-03T10:00:00+00:00", "warc", "WARC-Date")
    d = build_document(RawItem(origin="w", content=page, kind="html", url="https://a.example/2021/05/30/s"))
    assert (d.published.value, d.published.origin, d.published.via) == ("2021-05-30", "metadata", "url path")


def test_copyright_year_is_not_a_publication_date() -> None:
    page = BODY.format(head="<title>x</title>").replace("</article>", "</article><footer>© 2019 Harbour Times</footer>")
    d = build_document(RawItem(origin="w", content=page, kind="html"))
    assert d.published.value is None and d.published.origin == "unknown"


def test_source_field_that_is_a_domain_becomes_the_domain() -> None:
    d = build_document(RawItem(origin="j", content="Rebels seized the airport on Sunday, the army said.",
                               kind="text", source="example.org"))
    assert d.source is not None and (d.source.name, d.source.domain) == (None, "example.org")


def test_non_english_document_is_flagged_and_notes_survive() -> None:
    text = ("Le gouvernement a annoncé lundi que les négociations avec l'opposition reprendraient la semaine "
            "prochaine à Genève, malgré de profondes divergences.")
    d = build_document(RawItem(origin="f", content=text, kind="text", notes=("encoding guessed as cp1252",)))
    assert d.language == "fr"
    assert d.notes[0] == "encoding guessed as cp1252" and "English-only extraction" in d.notes[1]


def test_truncation_is_listed_in_removed() -> None:
    note = "truncated: kept the first 1,000 of 5,000 bytes (raise --max-bytes to keep more)"
    d = build_document(RawItem(origin="t", content="Troops shelled the town, officials said.", kind="text",
                               notes=(note,)))
    assert d.removed[-1].reason == note and d.notes == (note,)
