"""The web page in a real browser: Debian's Chromium driven by Playwright against
``eventwire serve``'s app on 127.0.0.1, over a store that holds planted XSS payloads.

Chromium is installed by ``make test`` (tools/ensure_chromium.sh); these tests never skip."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from eventwire.api import create_app
from eventwire.api.background import serving
from eventwire.store import Store
from eventwire.web.browser import launch
from web_store import HOSTILE_URL, XSS_MARKER

PAGES = ["/", "/events", "/events?type=ASSAULT", "/documents", "/incidents", "/contested", "/timeline", "/map",
         "/search?q=Kadugli"]


@pytest.fixture(scope="module")
def base(web_db: Path) -> Iterator[str]:
    with serving(create_app(web_db)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch() as b:
        yield b


class Watched:
    """A page that records console errors, uncaught exceptions, CSP reports and dialogs."""

    def __init__(self, browser: Any, **options: Any) -> None:
        self.context = browser.new_context(**options)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))

    def visit(self, url: str) -> Any:
        response = self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        return response

    def xss(self) -> Any:
        return self.page.evaluate(f"typeof window.{XSS_MARKER} === 'undefined' ? null : window.{XSS_MARKER}")


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    w = Watched(browser, viewport={"width": 1280, "height": 800})
    yield w
    w.context.close()


def doc_ids(db: Path, where: str = "1") -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute(f"SELECT id FROM documents WHERE {where} ORDER BY rowid")]
    finally:
        conn.close()


def every_page(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    incidents = [r[0] for r in conn.execute("SELECT id FROM incidents ORDER BY n_sources DESC, id LIMIT 3")]
    conn.close()
    return PAGES + [f"/documents/{d}" for d in doc_ids(db)] + [f"/incidents/{i}" for i in incidents]


def test_every_page_loads_without_console_errors_or_running_payloads(watched: Watched, base: str,
                                                                     web_db: Path) -> None:
    for path in every_page(web_db):
        response = watched.visit(base + path)
        assert response.status == 200, path
        if path.startswith(("/documents/", "/timeline", "/map")):
            watched.page.wait_for_selector("body[data-ready='1']", timeout=10_000)
        assert watched.xss() is None, path
        assert watched.page.locator("a[href^='javascript:' i]").count() == 0, path
    assert watched.problems == []


def test_planted_payloads_never_execute_even_when_clicked(watched: Watched, base: str, web_db: Path) -> None:
    for doc in doc_ids(web_db, "url LIKE 'javascript:%' OR url LIKE '%evil.example%'"):
        watched.visit(f"{base}/documents/{doc}")
        marks = watched.page.locator("mark.hl")
        for i in range(min(marks.count(), 40)):
            marks.nth(i).click()
            marks.nth(i).hover()
        watched.page.locator("text=javascript:window.__xss=3").first.click() if doc in doc_ids(
            web_db, "url LIKE 'javascript:%'") else None
        assert watched.xss() is None
        text = watched.page.locator("#doc-text").inner_text()
        assert "<script>window.__xss=5</script>" in text  # shown as text, exactly
    assert watched.page.locator("script:not([src])").count() == 0
    assert watched.problems == []


def test_a_script_injected_past_escaping_is_still_blocked_by_the_csp(watched: Watched, base: str) -> None:
    watched.visit(base + "/")
    watched.page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__xss = 99';"
        " document.body.appendChild(s); }")
    assert watched.xss() is None
    assert any("Content Security Policy" in p for p in watched.problems)


def test_highlight_text_equals_the_records_span(watched: Watched, base: str, web_db: Path) -> None:
    with Store(web_db) as store:
        records = [store.get(d) for d in doc_ids(web_db)]
    for record in records:
        watched.visit(f"{base}/documents/{record.document.id}")
        marks = watched.page.eval_on_selector_all(
            "mark.hl", "ms => ms.map(m => [m.dataset.kind, m.dataset.ref, +m.dataset.start, +m.dataset.end,"
            " m.textContent, m.dataset.part || ''])")
        assert marks, record.document.id
        text = record.document.text
        for kind, ref, start, end, shown, _ in marks:
            assert shown == text[start:end], (kind, ref)
        whole = {(ref, start, end) for kind, ref, start, end, _, part in marks if not part}
        spans = {e.id: (e.trigger.start, e.trigger.end) for e in record.events}
        spans.update({c.id: (c.content.start, c.content.end) for c in record.claims})
        spans.update({t.id: (t.start, t.end) for t in record.times})
        for ref, start, end in whole:
            if ref in spans:
                assert spans[ref] == (start, end), ref
        assert watched.page.locator("#doc-text").text_content() == text


def test_clicking_a_highlight_shows_its_fields(watched: Watched, base: str, web_db: Path) -> None:
    (doc,) = doc_ids(web_db, "n_contradictions > 0 AND url LIKE '%front.example%'")
    with Store(web_db) as store:
        record = store.get(doc)
    watched.visit(f"{base}/documents/{doc}")
    event = next(e for e in record.events if e.place is not None and e.cameo)
    watched.page.locator(f"mark.hl-event[data-ref='{event.id}']").first.click()
    card = watched.page.locator(f"#card-{event.id}")
    assert card.is_visible()
    assert card.locator("dd[data-field='type']").inner_text() == event.type
    assert card.locator("dd[data-field='CAMEO']").inner_text() == event.cameo
    assert card.locator("dd[data-field='factuality']").inner_text() == event.factuality
    assert card.locator("dd[data-field='offsets']").inner_text() == f"{event.trigger.start}–{event.trigger.end}"

    place = next(p for p in record.places if p.lat is not None and p.mentions)
    entity = next(e for e in record.entities if e.place == place.id)
    watched.page.locator(f"mark[data-ref='{entity.id}']").first.click()
    assert not card.is_visible()  # one card at a time
    place_card = watched.page.locator(f"#card-{entity.id}")
    assert place_card.locator("dd[data-field='coordinates']").inner_text() == f"{place.lat:.4f}, {place.lon:.4f}"
    assert place_card.locator("dd[data-field='GeoNames id']").inner_text() == str(place.geonames_id)

    denial = next(c for c in record.claims if c.stance == "denies")
    watched.page.locator(f"mark.hl-claim[data-ref='{denial.id}']").first.focus()  # its middle holds other marks
    watched.page.keyboard.press("Enter")
    claim_card = watched.page.locator(f"#card-{denial.id}")
    assert claim_card.is_visible() and claim_card.locator("dd[data-field='stance']").inner_text() == "denies"

    time = next(t for t in record.times if t.value)
    watched.page.locator(f"mark.hl-time[data-ref='{time.id}']").first.click()
    assert watched.page.locator(f"#card-{time.id} dd[data-field='value']").inner_text() == time.value
    assert watched.problems == []


def test_keyboard_reaches_highlights_and_opens_their_cards(watched: Watched, base: str, web_db: Path) -> None:
    doc = doc_ids(web_db, "n_events > 0")[0]
    watched.visit(f"{base}/documents/{doc}")
    watched.page.keyboard.press("Tab")
    assert watched.page.evaluate("document.activeElement.textContent") == "Skip to content"
    watched.page.keyboard.press("Enter")
    for _ in range(60):  # from the main landmark, Tab reaches the first highlight
        watched.page.keyboard.press("Tab")
        if watched.page.evaluate("document.activeElement.matches('mark.hl')"):
            break
    ref = watched.page.evaluate("document.activeElement.dataset.ref")
    assert ref
    watched.page.keyboard.press("Enter")
    assert watched.page.evaluate("document.activeElement.id") == f"card-{ref}"
    watched.page.keyboard.press("Escape")
    assert watched.page.locator(f"#card-{ref}").is_hidden()
    assert watched.page.evaluate("document.activeElement.dataset.ref") == ref  # focus goes back


def test_an_evidence_link_opens_the_reader_at_the_event(watched: Watched, base: str) -> None:
    watched.visit(base + "/events?type=ASSAULT")
    link = watched.page.locator("#events tbody a").first
    href = link.get_attribute("href")
    link.click()
    watched.page.wait_for_selector("body[data-ready='1']")
    ref = urlsplit(href).fragment.removeprefix("m-")
    assert watched.page.locator(f"#card-{ref}").is_visible()
    assert watched.page.locator(f"#card-{ref} dd[data-field='type']").inner_text() == "ASSAULT"


def test_filters_change_the_events_table(watched: Watched, base: str) -> None:
    watched.visit(base + "/events")
    before = watched.page.locator("#events tbody tr").count()
    watched.page.select_option("select[name=type]", "ASSAULT")
    with watched.page.expect_navigation():
        watched.page.click("form.filters button[type=submit]")
    assert parse_qs(urlsplit(watched.page.url).query)["type"] == ["ASSAULT"]
    types = watched.page.locator("#events tbody tr td:nth-child(2)").all_inner_texts()
    assert types and all(t.startswith("ASSAULT") for t in types) and len(types) < before
    watched.page.fill("input[name=since]", "2099-01-01")
    with watched.page.expect_navigation():
        watched.page.click("form.filters button[type=submit]")
    assert "No events match" in watched.page.locator("#events").inner_text()


def test_timeline_draws_bars_and_zooms_by_dragging(watched: Watched, base: str, web_db: Path) -> None:
    watched.visit(base + "/timeline")
    watched.page.wait_for_selector("body[data-ready='1']")
    bars = watched.page.locator("#timeline rect.bar")
    with Store(web_db) as store:
        total = store.count_events()
    counted = watched.page.eval_on_selector_all(
        "#timeline-table tbody tr", "rows => rows.reduce((s, r) => s + +r.cells[2].textContent, 0)")
    assert bars.count() > 0 and counted == total
    box = watched.page.locator("#timeline svg").bounding_box()
    y = box["y"] + box["height"] / 2
    watched.page.mouse.move(box["x"] + box["width"] * 0.3, y)
    watched.page.mouse.down()
    watched.page.mouse.move(box["x"] + box["width"] * 0.7, y, steps=5)
    watched.page.mouse.up()
    watched.page.wait_for_url("**/timeline?**")
    watched.page.wait_for_selector("body[data-ready='1']")
    query = parse_qs(urlsplit(watched.page.url).query)
    assert query["since"][0] < query["until"][0]
    assert watched.page.locator("input[name=since]").input_value() == query["since"][0]
    assert watched.problems == []


def test_map_draws_the_bundled_basemap_and_merges_overlapping_points(watched: Watched, base: str) -> None:
    requests: list[str] = []
    watched.page.on("request", lambda r: requests.append(r.url))
    watched.visit(base + "/map")
    watched.page.wait_for_selector("body[data-ready='1']")
    assert watched.page.locator("#land path.country").count() > 150
    assert all(url.startswith(base) for url in requests)  # no tiles, no CDN
    places = watched.page.evaluate("fetch('/v1/places').then(r => r.json()).then(b => b.data)")
    clusters = watched.page.locator("#points g.cluster")
    world = clusters.count()
    shown = sum(int(c) for c in clusters.evaluate_all("cs => cs.map(c => c.dataset.events)"))
    assert shown == sum(p["events"] for p in places)
    assert 0 < world <= len(places)
    for _ in range(4):
        watched.page.click("#zoom-in")
    assert clusters.count() >= 1
    watched.page.click("#zoom-reset")
    assert clusters.count() == world
    clusters.first.focus()
    watched.page.keyboard.press("Enter")
    assert watched.page.locator("#map-panel li a").count() >= 1
    href = watched.page.locator("#map-panel li a").first.get_attribute("href")
    assert href.startswith("/events?") and "bbox=" in href
    assert watched.problems == []


def test_search_box_finds_text_and_claims(watched: Watched, base: str) -> None:
    watched.visit(base + "/")
    watched.page.fill("#q", "Kadugli")
    with watched.page.expect_navigation():
        watched.page.keyboard.press("Enter")
    assert watched.page.locator(".results li").count() >= 1
    assert watched.page.locator(".snippet mark").first.inner_text().lower() == "kadugli"


@pytest.mark.parametrize("width,height", [(1280, 800), (390, 844)])
def test_pages_fit_the_screen(browser: Any, base: str, web_db: Path, width: int, height: int) -> None:
    w = Watched(browser, viewport={"width": width, "height": height})
    try:
        for path in every_page(web_db)[:12]:
            w.visit(base + path)
            overflow = w.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, (path, width, overflow)
        assert w.problems == []
    finally:
        w.context.close()


def test_unknown_page_is_an_html_error_with_the_csp(watched: Watched, base: str) -> None:
    response = watched.visit(base + "/nowhere")
    assert response.status == 404
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert "Not found" in watched.page.locator("h1").inner_text()
    assert HOSTILE_URL not in watched.page.content()
