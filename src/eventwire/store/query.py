"""The query layer: event filters, keyset pagination, full-text search and aggregates.

Library first: the CLI and the API call these functions with the same filters. Every value a
user gives is bound as a parameter; only fixed column names and placeholders are ever put into
SQL text.

**Dates.** An event's date is an interval at its precision ("2025-03" is all of March). A
range filter keeps an event whose interval *overlaps* the range (a month-precise event is kept
for a day range inside that month); ``strict_dates`` keeps only events wholly inside the range.
Both are written as ranges over indexed columns, so a month of a million-event store is found
without reading the rest.
An event whose text gives no date is placed at its document's publication day for filtering
and sorting, and the row says so (``dated_by`` is ``published``).
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, NamedTuple

from eventwire.errors import UsageError

LONGEST_INTERVAL_DAYS = 366
"""Vague dates reach back at most this far into a range: a year-precise event overlaps any
range in its year. (A decade-precise one, "the 1990s", is matched by its first year only.)"""

def _dense_threshold(conn: sqlite3.Connection) -> int:
    """Events in a box above which reading in date order beats sorting the box's events: the
    two costs meet near sqrt(page × events), twice that to favour the index."""
    n = conn.execute("SELECT MAX(rowid) FROM events").fetchone()[0] or 0
    return max(2000, 2 * int((100 * n) ** 0.5))

MAX_LIMIT = 1000
"""Largest page a caller may ask for; more is paged with the cursor."""

DAY = "e.day"
DAY_END = "COALESCE(e.date_end, e.day)"
SORTS = {"date": (DAY, "ASC"), "-date": (DAY, "DESC"), "confidence": ("COALESCE(e.confidence, 0)", "ASC"),
         "-confidence": ("COALESCE(e.confidence, 0)", "DESC")}
"""Sort keys are never NULL, so that (key, doc_id, event_id) orders rows totally and the date
order walks the ``events_day`` index."""

CONTESTED = ("(e.contested = 1 OR EXISTS (SELECT 1 FROM incident_mentions m JOIN incidents i ON i.id = m.incident_id"
             " WHERE m.doc_id = e.doc_id AND m.event_id = e.event_id AND i.status IN ('contested', 'denied')))")


def dicts(rows: sqlite3.Cursor) -> list[dict[str, Any]]:
    """Every row of an executed query as a dictionary of its column names.

    Zipping the names with each row's values is about twice as fast as ``dict(sqlite3.Row)``,
    which looks every column up by name; pages of events are hundreds of rows."""
    names = [c[0] for c in rows.description]
    return [dict(zip(names, r, strict=True)) for r in rows]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What events to return. Text filters match substrings, case-insensitively."""

    type: str | None = None
    cameo: str | None = None
    """CAMEO code prefix: "19" is every fight, "190" only the unspecified one."""
    actor: str | None = None
    country: str | None = None
    """ISO3 of a source, target or place."""
    sector: str | None = None
    """A source or target sector code (GOV, MIL, REB, CVL …)."""
    place: str | None = None
    place_country: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    """(min lon, min lat, max lon, max lat) of the resolved place."""
    since: str | None = None
    until: str | None = None
    strict_dates: bool = False
    factuality: tuple[str, ...] = ()
    claimed_by: str | None = None
    contested: bool | None = None
    """True: events in a contradiction, inside a denial, or in a contested or denied incident."""
    outlet: str | None = None
    doc_id: str | None = None
    sort: str = "date"
    limit: int = 1000
    cursor: str | None = None


@dataclass
class Page:
    rows: list[dict[str, Any]] = field(default_factory=list)
    next_cursor: str | None = None
    """Pass as ``cursor`` for the next page; None on the last page."""


def _where(f: EventFilter, dense_box: bool = False) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.type:
        where.append("e.type = ?")
        params.append(f.type.upper())
    if f.cameo:
        where.append("e.cameo LIKE ? ESCAPE '\\'")
        params.append(_like_prefix(f.cameo))
    if f.actor:
        if len(f.actor) >= 3 and not set(f.actor) & set("%_\\"):
            # the trigram index answers substrings of three characters or more (FTS5 cannot use
            # it with an ESCAPE clause, so input holding LIKE wildcards takes the plain scan)
            where.append("e.rowid IN (SELECT rowid FROM event_actors WHERE names LIKE ?)")
            params.append(f"%{f.actor}%")
        else:
            where.append("(e.source LIKE ? ESCAPE '\\' OR e.target LIKE ? ESCAPE '\\')")
            params += [_like_part(f.actor)] * 2
    if f.country:
        c = f.country.upper()
        where.append("(e.source_country LIKE ? ESCAPE '\\' OR e.target_country LIKE ? ESCAPE '\\' "
                     "OR e.place_country = ?)")
        params += [_like_part(c), _like_part(c), c]
    if f.sector:
        where.append("(e.source_sector LIKE ? ESCAPE '\\' OR e.target_sector LIKE ? ESCAPE '\\')")
        params += [_like_part(f.sector.upper())] * 2
    if f.place:
        where.append("e.place LIKE ? ESCAPE '\\'")
        params.append(_like_part(f.place))
    if f.place_country:
        where.append("e.place_country = ?")
        params.append(f.place_country.upper())
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        # A box with few events reads the R*Tree and sorts them; a box with many walks the date
        # order and keeps the rows inside (sorting a continent's events would be slower).
        if dense_box:
            where.append("+e.lat BETWEEN ? AND ? AND +e.lon BETWEEN ? AND ?")
        else:
            where.append("e.rowid IN (SELECT id FROM event_points WHERE min_lat >= ? AND max_lat <= ? "
                         "AND min_lon >= ? AND max_lon <= ?)")
        params += [min_lat, max_lat, min_lon, max_lon]
    if f.factuality:
        where.append(f"e.factuality IN ({','.join('?' * len(f.factuality))})")
        params += list(f.factuality)
    if f.claimed_by:
        where.append("e.claimed_by LIKE ? ESCAPE '\\'")
        params.append(_like_part(f.claimed_by))
    if f.contested is not None:
        where.append(CONTESTED if f.contested else f"NOT {CONTESTED}")
    if f.outlet:
        where.append("(e.outlet LIKE ? ESCAPE '\\' OR d.source_name LIKE ? ESCAPE '\\')")
        params += [_like_part(f.outlet)] * 2
    if f.doc_id:
        where.append("e.doc_id = ?")
        params.append(f.doc_id)
    return where, params


class Branch(NamedTuple):
    """One disjoint part of a date filter, and the index that reads it fastest."""

    cond: str
    params: list[Any]
    use_index: str = ""


def _with_dates(f: EventFilter) -> tuple[list[str], list[Any]]:
    """The filter's conditions with its date branches OR-ed together (for counts by group)."""
    where, params = _where(f)
    branches = [b for b in _date_branches(f) if b.cond]
    if branches:
        where.append("(" + " OR ".join(f"({b.cond})" for b in branches) + ")")
        params += [p for b in branches for p in b.params]
    return where, params


def _date_branches(f: EventFilter) -> list[Branch]:
    """The date filter as one or two disjoint conditions over indexed ranges of ``day``.

    Strict: the event starts and ends inside the range. Overlap: events that start inside the
    range, plus the vague ones (month, year) that start before it and reach into it; the two
    sets are disjoint and each is an index range, so queries take them as a UNION ALL instead
    of scanning the year before the range."""
    if not f.since and not f.until:
        return [Branch("", [])]
    start = _range_start(f.since) if f.since else None
    end = _range_end(f.until) if f.until else None
    if f.strict_dates:
        cond, params = [], []
        if start:
            cond.append(f"{DAY} >= ?")
            params.append(start)
        if end:
            cond.append(f"{DAY_END} <= ?")
            params.append(end)
        return [Branch(" AND ".join(cond), params)]
    if start is None:
        return [Branch(f"{DAY} <= ?", [end])]
    inside = Branch(f"{DAY} BETWEEN ? AND ?", [start, end]) if end else Branch(f"{DAY} >= ?", [start])
    reach = (date.fromisoformat(start) - timedelta(days=LONGEST_INTERVAL_DAYS)).isoformat()
    # The 'before' part reads the partial index of vague dates: otherwise SQLite walks the day
    # index through a whole year of precise events to find the few that reach into the range.
    before = Branch(f"{DAY} >= ? AND {DAY} < ? AND e.date_end > e.day AND e.date_end >= ?", [reach, start, start],
                    "events_vague")
    return [before, inside]


def _from(branch: Branch, join: bool = True) -> str:
    hint = f" INDEXED BY {branch.use_index}" if branch.use_index else ""
    return f" FROM events e{hint}" + (" JOIN documents d ON d.id = e.doc_id" if join else "")


def _dense_box(conn: sqlite3.Connection, f: EventFilter) -> bool:
    """Whether the filter's box holds many events (counted on the R*Tree, up to the threshold)."""
    if not f.bbox:
        return False
    min_lon, min_lat, max_lon, max_lat = f.bbox
    threshold = _dense_threshold(conn)
    row = conn.execute("SELECT COUNT(*) FROM (SELECT 1 FROM event_points WHERE min_lat >= ? AND max_lat <= ? "
                       "AND min_lon >= ? AND max_lon <= ? LIMIT ?)",
                       (min_lat, max_lat, min_lon, max_lon, threshold + 1)).fetchone()
    return int(row[0]) > threshold


def _select(f: EventFilter, extra: list[str], extra_params: list[Any], limit: int | None,
            dense_box: bool = False, documents: bool = True) -> tuple[str, list[Any]]:
    """The full SELECT for ``f`` (a UNION ALL of its date branches), ordered, with a limit.

    ``documents=False`` leaves out the document's title, URL and date (and the join that reads
    them) unless a filter needs the documents table."""
    where, params = _where(f, dense_box)
    key, direction = SORTS[f.sort]
    order = f" ORDER BY sort_key {direction}, doc_id {direction}, event_id {direction}"
    join = documents or f.outlet is not None
    columns = ("e.*, " + ("d.title, d.url, d.published, " if documents else "") + f"{key} AS sort_key, "
               "CASE WHEN e.date_start IS NULL THEN 'published' ELSE 'event' END AS dated_by")
    parts, all_params = [], []
    for branch in _date_branches(f):
        clauses = [*where, *extra] + ([branch.cond] if branch.cond else [])
        sql = (f"SELECT {columns}" + _from(branch, join)
               + (" WHERE " + " AND ".join(clauses) if clauses else "")
               + f" ORDER BY {key} {direction}, e.doc_id {direction}, e.event_id {direction}")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        parts.append(sql)
        all_params += [*params, *extra_params, *branch.params]
    if len(parts) == 1:
        return parts[0], all_params
    parts = [f"SELECT * FROM ({sql})" for sql in parts]  # each part keeps its own ORDER BY and LIMIT
    return " UNION ALL ".join(parts) + order + (f" LIMIT {int(limit)}" if limit is not None else ""), all_params


def events(conn: sqlite3.Connection, f: EventFilter) -> Page:
    """One page of events matching ``f``, in the requested order."""
    if f.sort not in SORTS:
        raise UsageError(f"cannot sort by {f.sort!r}; use one of {', '.join(SORTS)}")
    limit = _limit(f.limit)
    key, direction = SORTS[f.sort]
    extra: list[str] = []
    extra_params: list[Any] = []
    if f.cursor:
        value, doc_id, event_id = _decode(f.cursor, f.sort)
        op = ">" if direction == "ASC" else "<"
        extra.append(f"({key}, e.doc_id, e.event_id) {op} (?, ?, ?)")
        extra_params += [value, doc_id, event_id]
    # limit is an int we computed, never user text
    sql, params = _select(f, extra, extra_params, limit + 1, _dense_box(conn, f))
    rows = dicts(conn.execute(sql, params))
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = None
    if more and rows:
        last = rows[-1]
        cursor = _encode([last["sort_key"], last["doc_id"], last["event_id"], f.sort])
    for r in rows:
        r.pop("sort_key", None)
    return Page(rows, cursor)


def stream(conn: sqlite3.Connection, f: EventFilter, batch: int = 2000,
           documents: bool = True) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """(column names, row tuples) of every event matching ``f`` in the requested order, read
    from one SQLite cursor without pages: what exports read. Memory holds one batch."""
    if f.sort not in SORTS:
        raise UsageError(f"cannot sort by {f.sort!r}; use one of {', '.join(SORTS)}")
    sql, params = _select(f, [], [], None, _dense_box(conn, f), documents)
    cur = conn.cursor()
    cur.row_factory = None
    cur.execute(sql, params)
    names = [c[0] for c in cur.description]

    def rows() -> Iterator[tuple[Any, ...]]:
        while chunk := cur.fetchmany(batch):
            yield from chunk

    return names, rows()


def iter_events(conn: sqlite3.Connection, f: EventFilter) -> Iterator[dict[str, Any]]:
    """Every event matching ``f`` as a dictionary, streamed (see :func:`stream`)."""
    names, rows = stream(conn, f)
    for r in rows:
        row = dict(zip(names, r, strict=True))
        row.pop("sort_key", None)
        yield row


def count(conn: sqlite3.Connection, f: EventFilter) -> int:
    where, params = _where(f)
    total = 0
    for branch in _date_branches(f):
        clauses = [*where] + ([branch.cond] if branch.cond else [])
        sql = ("SELECT COUNT(*)" + _from(branch) + (" WHERE " + " AND ".join(clauses) if clauses else ""))
        total += int(conn.execute(sql, [*params, *branch.params]).fetchone()[0])
    return total


# --- full-text search ---------------------------------------------------------------------

def fts_query(text: str) -> str:
    """A safe FTS5 query from what a user typed: "quoted phrases" stay phrases, other words are
    terms, all must match. FTS5 operators and syntax in the input are treated as words."""
    parts = re.findall(r'"([^"]+)"|(\S+)', text)
    terms = []
    for phrase, word in parts:
        t = (phrase or word).strip()
        t = re.sub(r"[^\w\s'-]", " ", t).strip()
        if t:
            terms.append('"' + t.replace('"', '""') + '"')
    if not terms:
        raise UsageError("the search needs at least one word")
    return " ".join(terms)


def search(conn: sqlite3.Connection, text: str, kind: str | None = None, limit: int = 20,
           offset: int = 0, marks: tuple[str, str] = ("[", "]")) -> list[dict[str, Any]]:
    """Documents and claims matching ``text``, best first, with a snippet whose matches are
    wrapped in ``marks`` (the web page asks for control characters it can turn into tags)."""
    query = fts_query(text)
    where = "search MATCH ?"
    params: list[Any] = [query]
    if kind:
        if kind not in ("document", "claim"):
            raise UsageError("kind must be 'document' or 'claim'")
        where += " AND kind = ?"
        params.append(kind)
    rows = conn.execute(
        "SELECT doc_id, claim_id, kind, title, snippet(search, 4, ?, ?, '…', 16) AS snippet, "
        f"bm25(search) AS rank FROM search WHERE {where} ORDER BY rank LIMIT ? OFFSET ?",
        [*marks, *params, _limit(limit), max(0, offset)])
    return dicts(rows)


# --- aggregates ---------------------------------------------------------------------------

def _counted_from(f: EventFilter) -> str:
    """The tables a count by group reads: the events, and their documents only when a filter
    asks about the document (every event has one, so the join would only cost a lookup per
    event: a third of the time of the whole-store counts that follow every write)."""
    return " FROM events e" + (" JOIN documents d ON d.id = e.doc_id" if f.outlet is not None else "")


def events_per_day(conn: sqlite3.Connection, f: EventFilter = EventFilter()) -> list[dict[str, Any]]:
    """(day, type, events): the timeline. Events are counted on their first day."""
    where, params = _with_dates(f)
    return dicts(conn.execute(
        f"SELECT {DAY} AS day, e.type, COUNT(*) AS events" + _counted_from(f)
        + (" WHERE " + " AND ".join(where) if where else "") + " GROUP BY day, e.type ORDER BY day, e.type",
        params))


def top_actor_pairs(conn: sqlite3.Connection, f: EventFilter = EventFilter(), n: int = 20) -> list[dict[str, Any]]:
    """The (source, target) pairs with the most events."""
    where, params = _with_dates(f)
    where += ["e.source != ''", "e.target != ''"]
    return dicts(conn.execute(
        "SELECT e.source, e.target, COUNT(*) AS events" + _counted_from(f) + " WHERE "
        + " AND ".join(where) + " GROUP BY e.source, e.target ORDER BY events DESC, e.source, e.target LIMIT ?",
        [*params, _limit(n)]))


def events_per_place(conn: sqlite3.Connection, f: EventFilter = EventFilter()) -> list[dict[str, Any]]:
    """Resolved places with their event counts (for the map)."""
    where, params = _with_dates(f)
    where.append("e.lat IS NOT NULL")
    return dicts(conn.execute(
        "SELECT e.place, e.place_country, e.place_precision, e.lat, e.lon, COUNT(*) AS events" + _counted_from(f)
        + " WHERE " + " AND ".join(where)
        + " GROUP BY e.place, e.place_country, e.lat, e.lon ORDER BY events DESC, e.place", params))


# --- helpers ------------------------------------------------------------------------------

def _like_part(text: str) -> str:
    return "%" + _escape_like(text) + "%"


def _like_prefix(text: str) -> str:
    return _escape_like(text) + "%"


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _limit(n: int) -> int:
    if n < 1:
        raise UsageError("limit must be at least 1")
    return min(n, MAX_LIMIT)


_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def check_date(value: str) -> None:
    """Raise a usage error unless ``value`` is a real YYYY, YYYY-MM or YYYY-MM-DD."""
    start = _range_start(value)
    try:
        date.fromisoformat(start)
    except ValueError:
        raise UsageError(f"{value!r} is not a real date") from None


def parse_bbox(value: str, name: str = "bbox") -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) from "min_lon,min_lat,max_lon,max_lat"; ``name`` is
    how the caller's user wrote the option (``--bbox``, ``bbox``)."""
    try:
        parts = [float(x) for x in value.split(",")]
    except ValueError:
        parts = []
    if len(parts) != 4 or not all(math.isfinite(p) for p in parts) or not (
            -180 <= parts[0] <= parts[2] <= 180 and -90 <= parts[1] <= parts[3] <= 90):
        raise UsageError(f"{name} takes min_lon,min_lat,max_lon,max_lat, e.g. 29,10,31,13")
    return parts[0], parts[1], parts[2], parts[3]


def _range_start(value: str) -> str:
    m = _PARTIAL.fullmatch(value)
    if m is None:
        raise UsageError(f"cannot read the date {value!r}; use YYYY, YYYY-MM or YYYY-MM-DD")
    return f"{m[1]}-{m[2] or '01'}-{m[3] or '01'}"


def _range_end(value: str) -> str:
    m = _PARTIAL.fullmatch(value)
    if m is None:
        raise UsageError(f"cannot read the date {value!r}; use YYYY, YYYY-MM or YYYY-MM-DD")
    return f"{m[1]}-{m[2] or '12'}-{m[3] or '31'}"  # "2025-02-31" still compares after every February day


def _encode(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _decode(cursor: str, sort: str) -> tuple[Any, str, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, doc_id, event_id, made_for = json.loads(raw)
    except (ValueError, binascii.Error, TypeError):
        raise UsageError("the cursor is not one this server gave out") from None
    if made_for != sort or not isinstance(doc_id, str) or not isinstance(event_id, str):
        raise UsageError("the cursor belongs to another sort order or is damaged")
    return value, doc_id, event_id
