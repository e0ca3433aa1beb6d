"""The web page without a browser: highlight nesting, URL safety, filters, page contents,
security headers and escaping of every hostile field, through the real app and store."""

from __future__ import annotations

import itertools
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.datastructures import QueryParams

from eventwire.api import create_app
from eventwire.errors import UsageError
from eventwire.store import IncidentFilter, Store
from eventwire.web import views
from eventwire.web.highlight import Mark, marks_of, nest, render
from eventwire.web.pages import CSP, snippet
from web_store import HOSTILE_URL, XSS_MARKER

# --- highlight nesting --------------------------------------------------------------------


class MarkCollector(HTMLParser):
    """Rebuilds the text and each <mark>'s own text from rendered HTML, as a browser would."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.open: list[dict[str, str | None]] = []
        self.marks: list[tuple[dict[str, str | None], str]] = []
        self.starts: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag == "mark", tag
        self.open.append(dict(attrs))
        self.starts.append(len("".join(self.text)))

    def handle_endtag(self, tag: str) -> None:
        attrs, start = self.open.pop(), self.starts.pop()
        self.marks.append((attrs, "".join(self.text)[start:]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> MarkCollector:
    collector = MarkCollector()
    collector.feed(html)
    collector.close()
    assert not collector.open, "every mark is closed"
    return collector


def test_nested_marks_keep_their_exact_text() -> None:
    text = "Turkish officials said the attack on Tripoli never happened on Monday."
    marks = [Mark("claim", "c1", 23, 61), Mark("actor", "ent1", 0, 17), Mark("event", "e1", 27, 33),
             Mark("place", "ent2", 37, 44), Mark("time", "t1", 63, 69)]
    out = parse(str(render(text, marks)))
    assert "".join(out.text) == text
    for attrs, inner in out.marks:
        assert inner == text[int(attrs["data-start"] or 0):int(attrs["data-end"] or 0)]
    kinds = {attrs["data-ref"]: attrs["data-kind"] for attrs, _ in out.marks}
    assert kinds == {"c1": "claim", "ent1": "actor", "e1": "event", "ent2": "place", "t1": "time"}


def test_a_mark_crossing_its_parent_is_cut_into_pieces() -> None:
    marks = [Mark("claim", "c1", 0, 10), Mark("actor", "a", 6, 14)]
    forest = nest(marks)
    assert [n.mark.ref for n in forest] == ["c1", "a"]
    assert (forest[0].children[0].mark.start, forest[0].children[0].mark.end, forest[0].children[0].mark.part) \
        == (6, 10, 1)
    assert (forest[1].mark.start, forest[1].mark.end, forest[1].mark.part) == (10, 14, 2)
    html = str(render("abcdefghijklmnop", marks))
    assert html.count('data-ref="a"') == 2 and html.count('id="m-a"') == 1


def test_identical_spans_nest_by_kind_and_ids_stay_unique() -> None:
    marks = [Mark("time", "t1", 0, 5), Mark("event", "e1", 0, 5), Mark("claim", "c1", 0, 5)]
    out = parse(str(render("hello world", marks)))
    assert [a["data-kind"] for a, _ in out.marks] == ["time", "event", "claim"]  # innermost closes first
    assert all(inner == "hello" for _, inner in out.marks)


def test_text_between_marks_is_escaped() -> None:
    text = '<script>alert(1)</script> & "quotes" <b>'
    html = str(render(text, [Mark("event", 'e"><x', 8, 16, title='"><img onerror=x>')]))
    assert "<script>" not in html and "<b>" not in html and '"><img' not in html
    assert "&lt;script&gt;" in html and "&amp;" in html
    out = parse(html)
    assert "".join(out.text) == text


@st.composite
def text_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80))
    n = len(text)
    marks = []
    for i in range(draw(st.integers(0, 12))):
        a = draw(st.integers(0, n - 1))
        b = draw(st.integers(a + 1, n))
        kind = draw(st.sampled_from(["claim", "event", "actor", "place", "time"]))
        marks.append(Mark(kind, f"{kind[0]}{i}", a, b))
    return text, marks


@settings(max_examples=300, deadline=None)
@given(text_and_marks())
def test_any_marks_render_to_a_tree_whose_text_is_the_document(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    out = parse(str(render(text, marks)))
    assert "".join(out.text) == text.replace("\r\n", "\n").replace("\r", "\n") or "\r" in text
    if "\r" in text:
        return  # the HTML parser normalises carriage returns, as browsers do
    pieces: dict[str, list[tuple[int, int]]] = {}
    for attrs, inner in out.marks:
        start, end = int(attrs["data-start"] or 0), int(attrs["data-end"] or 0)
        assert inner == text[start:end]
        pieces.setdefault(attrs["data-ref"] or "", []).append((start, end))
    for mark in marks:  # the pieces of each mark cover exactly its span
        covered = sorted(pieces[mark.ref])
        assert covered[0][0] == mark.start and covered[-1][1] == mark.end
        assert all(a[1] == b[0] for a, b in itertools.pairwise(covered))


# --- URLs and filters ---------------------------------------------------------------------

@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)",
                                 "java\tscript:alert(1)", "data:text/html,<script>", "vbscript:x", "//evil.example",
                                 "/relative", "https://", "http://a b.example", "file:///etc/passwd", "", None,
                                 "https://x.example/" + "a" * 3000])
def test_unsafe_urls_never_become_links(url: str | None) -> None:
    assert views.safe_url(url) is None


@pytest.mark.parametrize("url", ["https://www.voanews.com/a/x.html", "http://a.example/?q=1&b=%22"])
def test_web_urls_stay_links(url: str) -> None:
    assert views.safe_url(url) == url


def test_event_filter_reads_the_form_and_ignores_empty_fields() -> None:
    f = views.event_filter(QueryParams("type=assault&cameo=19&actor=&since=2024-01&factuality=denied"
                                       "&factuality=reported&contested=true&bbox=1,2,3,4&sort=-date"
                                       "&strict_dates=true&doc_id=sha256:ab"))
    assert (f.type, f.cameo, f.actor, f.since, f.factuality, f.contested, f.bbox, f.sort, f.strict_dates,
            f.doc_id) == ("assault", "19", None, "2024-01", ("denied", "reported"), True, (1.0, 2.0, 3.0, 4.0),
                          "-date", True, "sha256:ab")


@pytest.mark.parametrize("query", ["since=yesterday", "type=BOMBING", "factuality=maybe", "contested=perhaps",
                                   "bbox=1,2,3", "bbox=nan,0,1,1", "strict_dates=yes", "bbox=0,0,200,1", "sort=random",
                                   "until=2024-13-01", "since=2023-02-30"])
def test_bad_filters_are_usage_errors(query: str) -> None:
    with pytest.raises(UsageError):
        views.event_filter(QueryParams(query))


def test_query_strings_keep_repeated_values_and_drop_empty_ones() -> None:
    from eventwire.web.pages import _query

    assert _query({"type": "ASSAULT", "actor": "", "factuality": ["denied", "reported"]}, cursor="abc") == \
        "type=ASSAULT&factuality=denied&factuality=reported&cursor=abc"


def test_search_snippets_mark_matches_and_escape_the_rest() -> None:
    html = str(snippet("a <b>\x02Kadugli\x03</b> \x03 and \x02open"))
    assert html == "a &lt;b&gt;<mark>Kadugli</mark>&lt;/b&gt;  and <mark>open</mark>"


# --- pages through the app ----------------------------------------------------------------

@pytest.fixture(scope="module")
def client(web_db: Path) -> TestClient:
    return TestClient(create_app(web_db), raise_server_exceptions=False)


def ids(db: Path, sql: str) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute(sql)]
    finally:
        conn.close()


def all_pages(db: Path) -> list[str]:
    docs = ids(db, "SELECT id FROM documents")
    incidents = ids(db, "SELECT id FROM incidents ORDER BY n_sources DESC LIMIT 5")
    return (["/", "/events", "/events?type=ASSAULT&sort=-date", "/documents", "/incidents",
             "/incidents?status=denied", "/contested", "/timeline", "/map", "/search?q=Kadugli",
             "/search?q=script&kind=claim"]
            + [f"/documents/{d}" for d in docs] + [f"/incidents/{i}" for i in incidents])


def test_every_page_answers_html_with_the_security_headers(client: TestClient, web_db: Path) -> None:
    for path in all_pages(web_db):
        r = client.get(path)
        assert r.status_code == 200, (path, r.text[:500])
        assert r.headers["content-type"].startswith("text/html")
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
        assert "<script>" not in r.text, path  # scripts only by src, never inline
        assert "javascript:" not in r.text.replace(HOSTILE_URL.replace('"', "&#34;"), "").replace(
            "javascript:window.__xss", ""), path


class ElementAudit(HTMLParser):
    """Every element a browser would build from the page, with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def test_hostile_fields_are_escaped_on_every_page(client: TestClient, web_db: Path) -> None:
    for path in all_pages(web_db):
        audit = ElementAudit()
        audit.feed(client.get(path).text)
        for tag, attrs in audit.elements:
            assert tag not in ("img", "iframe", "object", "embed"), (path, tag, attrs)
            assert tag != "svg" or attrs.get("id") == "map", (path, tag, attrs)  # the map's own, empty
            assert tag != "script" or (set(attrs) == {"src", "defer"} and str(attrs["src"]).startswith("/static/"))
            assert not [a for a in attrs if a.startswith("on")], (path, tag, attrs)
            for name in ("href", "src", "action"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:text", "vbscript:")), (path, tag, attrs)
            assert XSS_MARKER not in " ".join(str(v) for k, v in attrs.items() if k != "title"), (path, tag, attrs)


def test_hostile_document_shows_its_payloads_as_text(client: TestClient, web_db: Path) -> None:
    (doc,) = ids(web_db, "SELECT id FROM documents WHERE url LIKE 'javascript:%'")
    html = client.get(f"/documents/{doc}").text
    assert "&lt;script&gt;window.__xss=5&lt;/script&gt;" in html
    assert "javascript:window.__xss=3" in html and 'href="javascript' not in html  # shown, not linked
    assert "Minister &lt;script&gt;" in html


def test_document_reader_has_a_card_for_every_mark(client: TestClient, web_db: Path) -> None:
    doc = ids(web_db, "SELECT id FROM documents ORDER BY n_contradictions DESC LIMIT 1")[0]
    html = client.get(f"/documents/{doc}").text
    refs = set(re.findall(r'<mark class="hl hl-\w+"[^>]* data-ref="([^"]+)"', html))
    cards = set(re.findall(r'<section class="card card-\w+" id="card-([^"]+)"', html))
    assert refs and refs <= cards
    with Store(web_db) as store:
        record = store.get(doc)
    assert {m.ref for m in marks_of(record)} == refs
    assert "What cleaning removed" in html and "Contradictions in this document" in html


def test_events_table_applies_its_filters(client: TestClient) -> None:
    everything = client.get("/events").text
    assaults = client.get("/events?type=ASSAULT").text
    rows = re.findall(r"<tr>\s*<td>", assaults)
    assert 0 < len(rows) < len(re.findall(r"<tr>\s*<td>", everything))
    assert re.search(r"(\d+) events match", assaults)
    types = re.findall(r"</td>\s*<td>([A-Z]+)(?: <span| *</td>)", assaults)
    assert types and set(types) == {"ASSAULT"}


def test_events_table_filters_by_document(client: TestClient, web_db: Path) -> None:
    doc = ids(web_db, "SELECT id FROM documents ORDER BY n_events DESC LIMIT 1")[0]
    html = client.get(f"/events?doc_id={doc}").text
    links = re.findall(r'<td><a href="/documents/([^"#]+)#', html)
    assert links and {link.replace("%3A", ":") for link in links} == {doc}


def test_events_pages_follow_the_cursor(client: TestClient, web_db: Path) -> None:
    with Store(web_db) as store:
        total = store.count_events()
    seen, url = 0, "/events"
    for _ in range(20):
        html = client.get(url).text
        seen += len(re.findall(r'<td><a href="/documents/', html))
        found = re.search(r'<a rel="next" href="([^"]+)"', html)
        if not found:
            break
        url = found.group(1).replace("&amp;", "&")
    assert seen == total


def test_bad_filters_and_unknown_pages_get_html_errors(client: TestClient) -> None:
    r = client.get("/events?since=yesterday")
    assert r.status_code == 400 and "text/html" in r.headers["content-type"] and "E500" in r.text
    r = client.get("/documents/sha256:0000")
    assert r.status_code == 404 and "Not found" in r.text
    r = client.get("/no/such/page")
    assert r.status_code == 404 and r.headers["content-security-policy"] == CSP
    r = client.get("/v1/no/such/route")
    assert r.status_code == 404 and r.json()["ok"] is False  # the API keeps its envelope


def test_timeline_and_places_api_take_the_event_filters(client: TestClient, web_db: Path) -> None:
    days = client.get("/v1/timeline").json()["data"]
    assert days and {"day", "type", "events"} <= set(days[0])
    with Store(web_db) as store:
        assert sum(d["events"] for d in days) == store.count_events()
    only = client.get("/v1/timeline?type=ASSAULT").json()["data"]
    assert {d["type"] for d in only} == {"ASSAULT"}
    places = client.get("/v1/places").json()["data"]
    assert places and all(p["lat"] is not None and p["lon"] is not None for p in places)
    assert client.get("/v1/places?since=bad").status_code == 400


def test_overview_counts_and_contested_pairs(client: TestClient, web_db: Path) -> None:
    html = client.get("/").text
    with Store(web_db) as store:
        summary = store.summary()
        pairs = views.contested_pairs(store)
        latest = store.incidents(IncidentFilter(sort="latest", limit=10))
    assert f'<a href="/events">{summary["events"]}</a>' in html
    assert pairs and all(p.denial.stance == "denies" or p.reason != "denial" for p in pairs)
    assert latest[0]["first_seen"] >= latest[-1]["first_seen"]
    contested = client.get("/contested").text
    assert contested.count('class="pair"') >= len(pairs)


def test_incident_page_puts_every_version_side_by_side(client: TestClient, web_db: Path) -> None:
    (incident,) = ids(web_db, "SELECT id FROM incidents ORDER BY n_documents DESC, id LIMIT 1")
    with Store(web_db) as store:
        found = store.incident(incident)
    html = client.get(f"/incidents/{incident}").text
    header = re.search(r"<thead><tr>(.*?)</tr></thead>", html, re.S)
    assert header and header.group(1).count("<th") == len(found.versions) + 1
    assert found.status.replace("_", " ") in html


def test_incident_sort_is_checked() -> None:
    with Store() as store, pytest.raises(UsageError):
        store.incidents(IncidentFilter(sort="random"))


def test_search_page_highlights_matches(client: TestClient) -> None:
    html = client.get("/search?q=Kadugli").text
    assert "<mark>Kadugli</mark>" in html
    assert client.get("/search?q=").status_code == 200


@pytest.mark.parametrize("raw_path", ["/static/../../pyproject.toml", "/static/%2e%2e/%2e%2e/pages.py",
                                      "/static/..%2f..%2fapi%2fapp.py", "/static/%2e%2e%2f%2e%2e%2frecord.py",
                                      "/static//etc/passwd", "/static/..\\..\\pages.py", "/static/%00world.json"])
def test_static_files_refuse_paths_outside_their_folder(web_db: Path, raw_path: str) -> None:
    """Sent byte for byte over a real socket: an HTTP client library would normalise the dots."""
    import http.client
    from urllib.parse import urlsplit

    from eventwire.api.background import serving

    with serving(create_app(web_db)) as base:
        parts = urlsplit(base)
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
        conn.putrequest("GET", raw_path, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        conn.close()
    assert response.status in (400, 404), (raw_path, response.status)
    for secret in ("[project]", "def create_app", "root:x:0", "class Record", "def add_pages"):
        assert secret not in body


def test_the_static_folder_serves_its_own_files(client: TestClient) -> None:
    r = client.get("/static/world.json")
    assert r.status_code == 200 and r.json()["countries"]
    assert r.headers["content-security-policy"] == CSP


@pytest.mark.parametrize("hostile", ["' OR '1'='1", "'; DROP TABLE documents; --", "%", "_", "\\", "\x00",
                                     "\" onmouseover=\"alert(1)", "<script>alert(1)</script>"])
def test_injection_attempts_on_every_page_parameter(client: TestClient, web_db: Path, hostile: str) -> None:
    with Store(web_db) as store:
        before = (store.summary()["documents"], store.count_events())
    for name in views.EVENT_FILTERS:
        for path in ("/events", "/timeline", "/map", "/v1/timeline", "/v1/places"):
            response = client.get(path, params={name: hostile})
            assert response.status_code in (200, 400), (path, name, response.text[:300])
            if response.headers["content-type"].startswith("text/html"):
                assert "<script>alert" not in response.text and '" onmouseover' not in response.text
    for path, name in (("/documents", "outlet"), ("/incidents", "place"), ("/incidents", "type"),
                       ("/search", "q"), ("/search", "kind"), ("/incidents", "status"), ("/incidents", "sort")):
        response = client.get(path, params={name: hostile})
        assert response.status_code in (200, 400), (path, name, response.text[:300])
        assert "<script>alert" not in response.text
    with Store(web_db) as store:
        assert (store.summary()["documents"], store.count_events()) == before


def test_document_list_filters_by_outlet_literally(web_db: Path) -> None:
    with Store(web_db) as store:
        voa = store.document_list(outlet="voanews")
        assert voa and all(d["domain"] == "voanews.com" for d in voa)
        assert store.document_list(outlet="%") == [] and store.document_list(outlet="_") == []
        newest = store.document_list(newest_first=True)
        dates = [d["published"] or "" for d in newest]
        assert dates == sorted(dates, reverse=True)
        assert len(store.document_list(limit=2, offset=1)) == 2
