"""The ``eventwire`` command: a thin layer over the library functions.

User errors print one line (``eventwire: E500: …``) and exit non-zero; never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from typing import Any, get_args

from eventwire import __version__
from eventwire.errors import EventwireError, UsageError
from eventwire.export import FORMATS, write_export
from eventwire.incidents.summary import STATUSES, Incident
from eventwire.ingest import example_paths, extract_paths, ingest_paths
from eventwire.record import PLOVER_TYPES, ErrorRecord, Factuality, Record
from eventwire.sources import MAX_BYTES, FieldMap, ReadLimits
from eventwire.sources.compressed import MAX_OUTPUT, MAX_RATIO
from eventwire.store import EventFilter, IncidentFilter, Store, default_db_path
from eventwire.store.query import MAX_LIMIT, SORTS, check_date, parse_bbox


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except EventwireError as exc:
        print(f"eventwire: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("eventwire: interrupted", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="eventwire", description="Evidence-linked event records from news pages.")
    p.add_argument("--version", action="version", version=f"eventwire {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    e = sub.add_parser("extract", help="print records for documents (no database)",
                       description="Extract records from files, directories or stdin ('-').")
    e.add_argument("paths", nargs="+", metavar="PATH")
    e.add_argument("--published", help="publication date (YYYY-MM-DD) for every document")
    e.add_argument("--format", choices=["json", "jsonl", "text"], default="json")
    _reading(e)
    e.set_defaults(func=cmd_extract)

    i = sub.add_parser("ingest", help="extract and store documents",
                       description="Read, clean, extract and store; prints read/new/unchanged/failed.")
    i.add_argument("paths", nargs="+", metavar="PATH")
    i.add_argument("--published", help="publication date (YYYY-MM-DD) for every document")
    _reading(i)
    _db(i)
    i.add_argument("--lock-timeout", type=float, default=30.0, metavar="SECONDS",
                   help="how long each write waits for another writer's lock (five attempts, then E401)")
    i.add_argument("--nice", type=int, default=0, metavar="N",
                   help="run at a lower processor priority (0-19, as nice(1)): a background ingest then "
                        "leaves the processor to a server answering queries, and runs at full speed "
                        "when nothing else wants it")
    i.set_defaults(func=cmd_ingest)

    v = sub.add_parser("events", help="list stored events", description="List stored events with filters.")
    _event_filters(v)
    v.add_argument("--sort", choices=list(SORTS), default="date")
    v.add_argument("--limit", type=int, default=1000, help=f"rows per page (at most {MAX_LIMIT})")
    v.add_argument("--cursor", help="continue after the page that printed this cursor")
    v.add_argument("--format", choices=["table", "json", "csv"], default="table")
    _db(v)
    v.set_defaults(func=cmd_events)

    q = sub.add_parser("search", help="full-text search over document texts and claims",
                       description='Search texts and claims: words must all match; "quoted phrases" stay phrases.')
    q.add_argument("text")
    q.add_argument("--kind", choices=["document", "claim"], help="only documents or only claims")
    q.add_argument("--limit", type=int, default=20)
    q.add_argument("--format", choices=["table", "json"], default="table")
    _db(q)
    q.set_defaults(func=cmd_search)

    x = sub.add_parser("export", help="write events or records as JSONL, CSV, GDELT, ACLED or PLOVER",
                       description="Export stored data; the event filters of 'eventwire events' apply.")
    x.add_argument("--format", required=True, choices=list(FORMATS))
    x.add_argument("--out", required=True, help="file to write ('-' for standard output)")
    _event_filters(x)
    _db(x)
    x.set_defaults(func=cmd_export)

    w = sub.add_parser("serve", help="serve the REST API (read-only unless EVENTWIRE_TOKEN is set)",
                       description="Serve /v1/... over HTTP. Writes need the bearer token from EVENTWIRE_TOKEN; "
                                   "without it the server is read-only.")
    w.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)")
    w.add_argument("--port", type=int, default=8000)
    w.add_argument("--public", action="store_true",
                   help="allow an address other than loopback (requires EVENTWIRE_TOKEN)")
    w.add_argument("--threads", type=int, default=None,
                   help="reads answered at once per process; the rest queue in arrival order (default 4)")
    w.add_argument("--workers", type=int, default=None,
                   help="server processes sharing the port (default: 2 with two cores or more; 1 where "
                        "processes cannot be forked)")
    _db(w)
    w.set_defaults(func=cmd_serve)

    m = sub.add_parser("metadata", help="print Datasette metadata documenting the store's tables and views",
                       description="Print metadata.json for: datasette DB --metadata metadata.json")
    _db(m)
    m.set_defaults(func=cmd_metadata)

    n = sub.add_parser("incidents", help="list incidents (one real happening, many reports)",
                       description="List incidents: events clustered across documents, with their sources.")
    n.add_argument("--type", choices=[t.lower() for t in PLOVER_TYPES] + list(PLOVER_TYPES),
                   metavar="TYPE", help="PLOVER type, e.g. ASSAULT")
    n.add_argument("--status", choices=list(STATUSES), help="corroborated, single_source, contested or denied")
    n.add_argument("--country", help="ISO3 of the incident's place")
    n.add_argument("--place", help="place name contains this")
    n.add_argument("--since", help="on or after this date (YYYY[-MM[-DD]])")
    n.add_argument("--until", help="on or before this date (YYYY[-MM[-DD]])")
    n.add_argument("--min-sources", type=int, help="at least this many outlets")
    n.add_argument("--min-independent", type=int, help="at least this many independent sources")
    n.add_argument("--rebuild", action="store_true", help="cluster every stored document again first")
    n.add_argument("--limit", type=int, default=1000)
    n.add_argument("--format", choices=["table", "json", "csv"], default="table")
    _db(n)
    n.set_defaults(func=cmd_incidents)

    s = sub.add_parser("show", help="print one stored document's record, or one incident",
                       description="Print the stored record of a document, or an incident with each "
                                   "source's version side by side (id or unique id prefix; incident ids "
                                   "start with 'inc:').")
    s.add_argument("doc_id")
    s.add_argument("--format", choices=["json", "text"], default="text")
    _db(s)
    s.set_defaults(func=cmd_show)

    r = sub.add_parser("errors", help="list documents that failed", description="List stored error records.")
    _db(r)
    r.set_defaults(func=cmd_errors)

    u = sub.add_parser("run", help="batch run over shards to Parquet (local processes or Ray); resumable",
                       description="Run the pipeline over shards (WARC, JSONL, CSV files or directories; paths or "
                                   "globs) into Parquet under --out, one folder per shard, with completion markers: "
                                   "a rerun skips finished shards and resumes unfinished ones.")
    u.add_argument("inputs", nargs="+", metavar="INPUT")
    u.add_argument("--out", required=True, help="output folder")
    u.add_argument("--engine", choices=["local", "ray"], default="local")
    u.add_argument("--workers", type=int, default=1, help="processes (local) or actors (ray); default 1")
    u.add_argument("--address", help="Ray cluster address (default: start Ray on this machine)")
    u.add_argument("--part-size", type=int, default=200, help="input items per part, the unit of resumption")
    u.add_argument("--published", help="publication date (YYYY-MM-DD) for documents that carry none")
    u.add_argument("--quiet", action="store_true", help="no progress line")
    u.set_defaults(func=cmd_run)

    o = sub.add_parser("load", help="load a run's Parquet output into the store (idempotent)",
                       description="Load the complete parts of an 'eventwire run' output folder into the store; "
                                   "near-duplicates and incidents are computed as records arrive.")
    o.add_argument("dir", metavar="DIR")
    _db(o)
    o.set_defaults(func=cmd_load)

    d = sub.add_parser("demo", help="ingest the bundled examples and summarise",
                       description="Ingest the bundled example corpus and print a summary.")
    _db(d)
    d.set_defaults(func=cmd_demo)
    return p


FACTUALITIES: tuple[str, ...] = get_args(Factuality)


def _event_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("event filters")
    g.add_argument("--type", choices=[t.lower() for t in PLOVER_TYPES] + list(PLOVER_TYPES),
                   metavar="TYPE", help="PLOVER type, e.g. ASSAULT")
    g.add_argument("--cameo", help="CAMEO code prefix, e.g. 19 (fight) or 173 (arrest)")
    g.add_argument("--actor", help="source or target name contains this")
    g.add_argument("--country", help="ISO3 of source, target or place")
    g.add_argument("--sector", help="source or target sector, e.g. MIL, REB, CVL")
    g.add_argument("--place", help="place name contains this")
    g.add_argument("--place-country", help="ISO3 of the resolved place")
    g.add_argument("--bbox", help="min_lon,min_lat,max_lon,max_lat of the resolved place")
    g.add_argument("--since", help="on or after this date (YYYY[-MM[-DD]])")
    g.add_argument("--until", help="on or before this date (YYYY[-MM[-DD]])")
    g.add_argument("--strict-dates", action="store_true",
                   help="only events whose whole date interval is in the range (default: overlapping)")
    g.add_argument("--factuality", help="comma-separated, e.g. asserted,reported")
    g.add_argument("--claimed-by", help="the event is inside a claim by this speaker")
    g.add_argument("--contested", action="store_true", help="only events that are disputed or denied")
    g.add_argument("--outlet", help="the publishing outlet's domain or name contains this")


def _event_filter(args: argparse.Namespace) -> EventFilter:
    for value in (args.since, args.until):
        if value is not None:
            check_date(value)
    bbox = parse_bbox(args.bbox, "--bbox") if args.bbox else None
    factuality = tuple(x.strip() for x in (args.factuality or "").split(",") if x.strip())
    unknown = set(factuality) - set(FACTUALITIES)
    if unknown:
        raise UsageError(f"unknown factuality {', '.join(sorted(unknown))}; use {', '.join(FACTUALITIES)}")
    return EventFilter(type=args.type, cameo=args.cameo, actor=args.actor, country=args.country,
                       sector=args.sector, place=args.place, place_country=args.place_country, bbox=bbox,
                       since=args.since, until=args.until, strict_dates=args.strict_dates,
                       factuality=factuality, claimed_by=args.claimed_by,
                       contested=True if args.contested else None, outlet=args.outlet,
                       sort=getattr(args, "sort", "date"), limit=getattr(args, "limit", 1000),
                       cursor=getattr(args, "cursor", None))


def _reading(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("reading", "inputs: .txt .html .jsonl .csv .warc (each may be .gz), folders, globs, '-'")
    g.add_argument("--fields", metavar="MAP",
                   help="JSONL/CSV field mapping, e.g. text=article_content,title=article_title,published=date")
    g.add_argument("--max-bytes", type=_size, default=MAX_BYTES, metavar="N",
                   help=f"truncate any single document beyond N bytes (default {MAX_BYTES:,}; K/M/G suffixes)")
    g.add_argument("--max-ratio", type=float, default=MAX_RATIO, metavar="R",
                   help=f"stop a gzip file that expands more than R times (default {MAX_RATIO})")
    g.add_argument("--max-expanded", type=_size, default=MAX_OUTPUT, metavar="N",
                   help="stop a gzip file that expands beyond N bytes (default 8G)")


def _size(value: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    v = value.strip().lower().rstrip("b")
    try:
        n = int(float(v[:-1]) * units[v[-1]]) if v and v[-1] in units else int(v)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (e.g. 20000000, 20M, 1G)") from None
    if n <= 0:
        raise argparse.ArgumentTypeError("the size must be positive")
    return n


def _read_options(args: argparse.Namespace) -> dict[str, Any]:
    return {"limits": ReadLimits(max_bytes=args.max_bytes, max_ratio=args.max_ratio,
                                 max_expanded=args.max_expanded),
            "fields": FieldMap.parse(args.fields)}


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, help="database path (default: $EVENTWIRE_DB or ./eventwire.db)")


def _open(args: argparse.Namespace) -> Store:
    return Store(args.db or default_db_path(), timeout=getattr(args, "lock_timeout", 30.0))


def _check_date(value: str | None) -> None:
    if value is None:
        return
    from eventwire.clean.metadata import parse_published

    parse_published(value, "user")


# --- commands ---------------------------------------------------------------------------

def cmd_extract(args: argparse.Namespace) -> int:
    _check_date(args.published)
    options = _read_options(args)
    results = list(extract_paths(args.paths, args.published, **options)) if args.format == "json" else \
        extract_paths(args.paths, args.published, **options)
    failed = 0
    records = 0
    if args.format == "json":
        assert isinstance(results, list)
        recs = [r for r in results if isinstance(r, Record)]
        for err in (r for r in results if isinstance(r, ErrorRecord)):
            _report_error(err)
            failed += 1
        if len(recs) == 1:
            print(json.dumps(recs[0].to_dict(), ensure_ascii=False, indent=1))
        elif recs:
            print(json.dumps([r.to_dict() for r in recs], ensure_ascii=False, indent=1))
        records = len(recs)
    else:
        for item in results:
            if isinstance(item, ErrorRecord):
                _report_error(item)
                failed += 1
            elif args.format == "jsonl":
                print(json.dumps(item.to_dict(), ensure_ascii=False), flush=False)
                records += 1
            else:
                print(render_text(item))
                records += 1
    return 0 if records or not failed else 1


def _report_error(err: ErrorRecord) -> None:
    print(f"eventwire: {err.item}: {err.code}: {err.message}", file=sys.stderr)


def _lower_priority(nice: int) -> None:
    """Lower this process's processor priority by ``nice`` steps (POSIX; elsewhere a no-op)."""
    import os

    if not 0 <= nice <= 19:
        raise UsageError(f"--nice must be between 0 and 19, not {nice}")
    if nice and hasattr(os, "nice"):
        os.nice(nice)


def cmd_ingest(args: argparse.Namespace) -> int:
    _check_date(args.published)
    _lower_priority(args.nice)
    options = _read_options(args)
    with _open(args) as store:
        report = ingest_paths(store, args.paths, args.published, **options)
        print(f"read {report.read}  new {report.new}  unchanged {report.unchanged}  copies {report.copies}  "
              f"near-duplicates {report.near_duplicates}  failed {report.failed}  ({store.path})")
        for what, count in sorted(report.skipped.items()):
            print(f"  skipped: {what} × {count}")
        for err in report.errors[:20]:
            print(f"  failed: {err.item}: {err.code} {err.message}")
        if report.failed > 20:
            print(f"  … and {report.failed - 20} more (eventwire errors)")
    return 0 if report.new + report.unchanged + report.copies or not report.failed else 1


def cmd_run(args: argparse.Namespace) -> int:
    from eventwire.run import RunConfig, run

    _check_date(args.published)
    summary = run(RunConfig(inputs=tuple(args.inputs), out=args.out, engine=args.engine, workers=args.workers,
                            address=args.address, part_size=args.part_size, published=args.published),
                  progress=None if args.quiet else sys.stderr)
    print(f"shards {summary.shards}  processed {summary.shards_processed}  skipped {summary.shards_skipped}  "
          f"parts resumed after {summary.parts_skipped}")
    print(f"documents {summary.documents}  events {summary.events}  claims {summary.claims}  "
          f"errors {summary.errors}  ({args.out})")
    print(f"this run: {summary.documents_this_run} documents in {summary.seconds:.1f} s "
          f"({summary.documents_per_second:.1f}/s, {summary.words_per_second:,.0f} words/s)")
    for code, n in sorted(summary.error_codes.items()):
        print(f"  {code} × {n}")
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from eventwire.run import load_run

    with _open(args) as store:
        report = load_run(store, args.dir)
        print(f"read {report.read}  new {report.new}  copies {report.copies}  unchanged {report.unchanged}  "
              f"errors {report.errors}  shards {len(report.shards)}  ({store.path})")
    return 0


EVENT_COLUMNS = ["published", "type", "cameo", "source", "target", "place", "date",
                 "factuality", "claimed_by", "trigger", "doc_id", "event_id"]


def cmd_events(args: argparse.Namespace) -> int:
    f = _event_filter(args)
    with _open(args) as store:
        page = store.event_page(f)
    rows = page.rows
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0].keys()) if rows else EVENT_COLUMNS)
        w.writeheader()
        w.writerows(rows)
    else:
        print(table(rows, ["type", "cameo", "source", "target", "place", "date", "factuality",
                           "trigger"]))
        print(f"{len(rows)} events" + (f"; more with --cursor {page.next_cursor}" if page.next_cursor else ""))
    if page.next_cursor and args.format != "table":
        print(f"eventwire: more rows: --cursor {page.next_cursor}", file=sys.stderr)
    return 0


def cmd_metadata(args: argparse.Namespace) -> int:
    from eventwire.store.datasette import metadata

    db = args.db or default_db_path()
    with _open(args):  # creates or migrates the store, so its views exist
        pass
    print(json.dumps(metadata(db), indent=1))
    return 0


LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def cmd_serve(args: argparse.Namespace) -> int:
    import os

    token = os.environ.get("EVENTWIRE_TOKEN") or None
    if args.host not in LOOPBACK:
        if not args.public:
            raise UsageError(f"refusing to listen on {args.host}: other machines could reach the store; "
                             "add --public (and set EVENTWIRE_TOKEN) if that is what you want")
        if token is None:
            raise UsageError("--public needs EVENTWIRE_TOKEN set: a server others can reach must require a token")
    if not 0 < args.port < 65536:
        raise UsageError(f"port {args.port} is not a TCP port")
    import socket

    import uvicorn

    from eventwire.api import create_app
    from eventwire.api.guard import guarded_h11
    from eventwire.api.workers import DEFAULT_WORKERS, can_fork, listening_sockets, serve

    workers = DEFAULT_WORKERS if args.workers is None else args.workers
    if workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    workers = workers if can_fork() else 1
    db = args.db or default_db_path()
    threads = {"threads": args.threads} if args.threads else {}

    def run(sock: socket.socket) -> None:  # one worker: its own application, after the fork
        app = create_app(db, token, **threads)
        uvicorn.Server(uvicorn.Config(app, log_level="warning", http=guarded_h11())).run(sockets=[sock])

    try:
        sockets = listening_sockets(args.host, args.port, workers)
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    mode = "writes need the token" if token else "read-only"
    print(f"eventwire API on http://{args.host}:{args.port}/v1/stats ({mode}, {workers} processes)",
          file=sys.stderr)
    serve(sockets, run, workers)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = store.search(args.text, args.kind, args.limit)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print(table(rows, ["kind", "doc_id", "claim_id", "title", "snippet"], width=60))
        print(f"{len(rows)} results")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    f = _event_filter(args)
    with _open(args) as store:
        n = write_export(store, args.format, args.out, f)
    print(f"wrote {n} rows ({args.format}) to {args.out}", file=sys.stderr)
    return 0


def table(rows: list[dict[str, Any]], columns: list[str], width: int = 28) -> str:
    def cell(v: Any) -> str:
        s = "" if v is None else str(v).replace("\n", " ")
        return s if len(s) <= width else s[: width - 1] + "…"

    widths = {c: max([len(c)] + [len(cell(r.get(c))) for r in rows]) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns),
             "  ".join("-" * widths[c] for c in columns)]
    lines += ["  ".join(cell(r.get(c)).ljust(widths[c]) for c in columns) for r in rows]
    return "\n".join(lines)


INCIDENT_TABLE = ["id", "type", "status", "date", "place", "country", "n_documents", "n_sources",
                  "n_independent", "first_seen"]


def cmd_incidents(args: argparse.Namespace) -> int:
    for value in (args.since, args.until):
        if value is not None:
            check_date(value)
    f = IncidentFilter(type=args.type, status=args.status, country=args.country, place=args.place,
                       since=args.since, until=args.until, min_sources=args.min_sources,
                       min_independent=args.min_independent, limit=args.limit)
    with _open(args) as store:
        if args.rebuild:
            print(f"rebuilt {store.rebuild_incidents()} incidents", file=sys.stderr)
        rows = store.incidents(f)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0].keys()) if rows else INCIDENT_TABLE)
        w.writeheader()
        w.writerows(rows)
    else:
        print(table(rows, INCIDENT_TABLE, width=24))
        print(f"{len(rows)} incidents")
    return 0


def render_incident(inc: Incident) -> str:
    """An incident with the consensus first and then each source's version side by side."""
    out = [f"incident {inc.id}  {inc.type} {inc.cameo or ''}  status {inc.status}",
           f"documents {len(inc.documents)}  outlets {inc.sources}  independent sources {inc.independent_sources}"
           f"  first seen {inc.first_seen or '-'}",
           f"consensus: where {inc.place or '-'} ({inc.country or '-'})  when {inc.time or '-'}  "
           f"who {', '.join(inc.source_actors) or '-'} -> {', '.join(inc.target_actors) or '-'}"
           f"  count {inc.count if inc.count is not None else '-'}"]
    if inc.conflicts:
        out.append("contested: " + "; ".join(inc.conflicts))
    rows = [{"outlet": ", ".join(v.outlets), "published": v.published, "says": v.factuality,
             "who": ", ".join(v.sources) or "-", "whom": ", ".join(v.targets) or "-", "where": v.place or "-",
             "when": v.date or "-", "count": ("at least " if v.count_is_floor else "") + str(v.count)
             if v.count is not None else "-", "independent": v.group[:15]}
            for v in inc.versions]
    out += ["", table(rows, ["outlet", "published", "says", "who", "whom", "where", "when", "count",
                             "independent"], width=26), ""]
    for v in inc.versions:
        out.append(f"  {v.doc_id[:19]}… ({', '.join(v.outlets)}): “{v.sentence[:200]}”")
    return "\n".join(out)


def cmd_show(args: argparse.Namespace) -> int:
    if args.doc_id.startswith("inc:"):
        with _open(args) as store:
            inc = store.incident(args.doc_id)
        print(json.dumps(inc.to_dict(), ensure_ascii=False, indent=1) if args.format == "json"
              else render_incident(inc))
        return 0
    with _open(args) as store:
        record = store.get(args.doc_id)
        copies = store.copies(record.document.id)
        part_of = store.incidents_of(record.document.id)
        group_id = record.document.syndication_group
        group = store.syndication_group(group_id) if group_id else []
    if args.format == "json":
        print(json.dumps(record.to_dict(), ensure_ascii=False, indent=1))
        return 0
    lines = [f"seen at ({len(copies)})"] + [f"  {c['url'] or c['origin']}  {c['source_name'] or c['domain'] or ''}"
                                            for c in copies]
    if group_id and group:
        lines.append(f"syndication group {group_id[:19]}… ({len(group)} texts)")
        lines += [f"  {g['id'][:19]}…  {g['url'] or '-'}  similarity {g['similarity'] or 'original'}" for g in group]
    shared = [i for i in part_of if i["n_documents"] > 1]
    if shared:
        lines.append(f"incidents shared with other documents ({len(shared)})")
        lines += [f"  {i['id']}  {i['type']}  {i['status']}  {i['n_documents']} documents, "
                  f"{i['n_independent']} independent" for i in shared]
    print(render_text(record, lines))
    return 0


def cmd_errors(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = store.errors()
    print(table(rows, ["id", "code", "stage", "item", "message"], width=60))
    print(f"{len(rows)} errors")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    with _open(args) as store:
        report = ingest_paths(store, example_paths())
        s = store.summary()
    print(f"ingested the bundled examples: read {report.read}, new {report.new}, "
          f"unchanged {report.unchanged}, copies {report.copies}, failed {report.failed}")
    print(f"documents       {s['documents']}")
    print(f"events          {s['events']}")
    for t, n in s["events_by_type"].items():
        print(f"  {t:<13} {n}")
    print(f"claims          {s['claims']}")
    print(f"contradictions  {s['contradictions']}")
    print(f"incidents       {s['incidents']}")
    for status, n in s["incidents_by_status"].items():
        print(f"  {status:<13} {n}")
    print(f"errors          {s['errors']}")
    print(f"database        {s['path']}")
    print("next: eventwire events --db " + s["path"] + " --type ASSAULT")
    return 0


def render_text(record: Record, provenance: Sequence[str] = ()) -> str:
    """A readable summary of one record: metadata, events and claims with their evidence."""
    d = record.document
    text = d.text
    actors = {a.id: a for a in record.actors}
    outlet = " / ".join(x for x in (d.source.name, d.source.domain) if x) if d.source else "-"
    out = [f"{d.title or '(untitled)'}", f"id {d.id}",
           f"published {d.published.value} ({d.published.origin}{', ' + d.published.via if d.published.via else ''})"
           f"  language {d.language}  url {d.url or '-'}",
           f"outlet {outlet}  author {d.author or '-'}  read from {d.origin or '-'}"]
    if d.duplicate_of:
        out.append(f"near-copy of {d.duplicate_of} (similarity {d.similarity})")
    out += [f"note: {n}" for n in d.notes]
    out += [*provenance, ""]
    out.append(f"events ({len(record.events)})")
    for e in record.events:
        src = ", ".join(actors[r.actor].name if r.actor in actors else r.text for r in e.source) or "-"
        tgt = ", ".join(actors[r.actor].name if r.actor in actors else r.text for r in e.target) or "-"
        out.append(f"  {e.id} {e.type:<9} {e.cameo or '':<4} {src} -> {tgt}  "
                   f"[{e.factuality}] “{e.trigger.text}”")
    out.append(f"claims ({len(record.claims)})")
    for c in record.claims:
        who = actors[c.speaker].name if c.speaker in actors else (c.speaker_text or "(the outlet)")
        content = text[c.content.start:c.content.end]
        out.append(f"  {c.id} {c.kind:<9} {c.stance:<7} {who}: {content[:90]}")
    if record.contradictions:
        out.append("contradictions")
        for k in record.contradictions:
            out.append(f"  {k.claims[0]} vs {k.claims[1]} ({k.reason})")
    out.append(f"removed by cleaning ({len(d.removed)})")
    for r in d.removed[:15]:
        out.append(f"  [{r.reason}] {r.text[:80]}")
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
