#!/usr/bin/env python3
"""The API under load while an ingest writes to the same store.

    python benchmarks/load.py [--clients 50] [--seconds 60] [--think 0] [--events 10000] [--mix varied]

A store is built (the store benchmark's synthetic events plus the bundled examples), then
``eventwire serve`` runs on 127.0.0.1 (two processes by default, or ``--workers``), and
``eventwire ingest`` runs in another over the shared VOA stories (repeated, each text made
distinct) into the same SQLite file (WAL: readers do not wait for the writer). ``--clients``
concurrent clients send a mix of requests — event pages with filters, search, incidents, one
document, stats, the timeline and the overview page — for ``--seconds`` seconds. With ``--mix
varied`` (the default) the filters,
page sizes, months, search words and documents are drawn at random from thousands of
combinations, so most answers are computed, not replayed from the server's cache; ``--mix
dashboard`` asks the same 13 questions over and over, as dashboards polling the API do. Clients
send their requests each waiting ``--think`` seconds between its
requests (0: closed loop, every client always waiting on the server). Only loopback is ever
contacted, and the loop stops by itself.

Reported: requests per second, p50/p99 latency (overall and per route), the share of answers
the server replayed from its cache, server errors (5xx), other errors, and how many documents
the ingest stored meanwhile. The issue's target: 0 server errors and p99 <= 500 ms
with an ingest running. The last line is a JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx

from eventwire.ingest import example_paths, ingest_paths
from eventwire.store import Store
from store import build, real_records, shapes  # the store benchmark's generator

PATHS = ["/v1/events?limit=50", "/v1/events?type=ASSAULT&limit=50", "/v1/events?since=2024-01&until=2024-03",
         "/v1/events?country=SYR&sort=-date", "/v1/search?q=government", "/v1/search?q=%22peace%20talks%22",
         "/v1/incidents?limit=20", "/v1/stats", "/v1/timeline?type=PROTEST", "/v1/places?since=2024", "/",
         "/events?type=COERCE"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def corpus(data: Path, folder: Path, docs: int) -> Path:
    stories = [json.loads(line) for line in (data / "corpora" / "voa" / "voa_stories.jsonl").open(encoding="utf-8")]
    path = folder / "ingest.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(docs):
            story = dict(stories[i % len(stories)])
            story["text"] = f"{story['text']}\n\nThis is copy {i} of the story."
            out.write(json.dumps(story) + "\n")
    return path


class HttpxConnection:
    """``httpx.AsyncClient`` behind the same ``get``/``close`` as :class:`LeanConnection`."""

    def __init__(self, base: str) -> None:
        self.http = httpx.AsyncClient(base_url=base, timeout=30.0)

    async def get(self, path: str) -> tuple[int, bool]:
        response = await self.http.get(path)
        return response.status_code, response.headers.get(CACHE) == "hit"

    async def close(self) -> None:
        await self.http.aclose()


class LeanConnection:
    """One kept-alive HTTP/1.1 connection that sends a GET and reads the whole response, with no
    more work than the protocol needs (as wrk or ab do). httpx spends several milliseconds of
    CPU per request, and 50 such clients in one Python process on a 2-core machine measure
    their own event loop's queue more than the server."""

    def __init__(self, base: str) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.host, self.port = host, int(port)
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, bool]:
        """The status, and whether the server replayed a kept answer (``X-Eventwire-Cache: hit``)."""
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        if "content-length" in headers:
            await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, headers.get(CACHE) == "hit"

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None


FAILURES = (httpx.HTTPError, TimeoutError, OSError, asyncio.IncompleteReadError, ValueError)
"""What a request may fail with, on either kind of connection: counted, never fatal."""


DOCUMENT = "/v1/documents/{id}"
TYPES = ["AGREE", "SUPPORT", "CONSULT", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
COUNTRIES = ["SYR", "USA", "RUS", "UKR", "CHN", "IRN", "ISR", "TUR", "IRQ", "AFG", "PAK", "IND", "NGA", "SDN",
             "SSD", "ETH", "SOM", "YEM", "LBY", "EGY", "FRA", "GBR", "DEU", "VEN", "MEX", "COL", "MMR", "PRK"]
WORDS = ["government", "army", "police", "protest", "ceasefire", "election", "talks", "attack", "sanctions",
         "refugees", "minister", "president", "rebels", "border", "killed", "arrested", "aid", "troops",
         "opposition", "court", "\"peace talks\"", "\"security forces\"", "\"human rights\"", "vote"]


def varied(rng: random.Random) -> tuple[str, str]:
    """A question drawn from thousands of distinct ones (filters, pages, words, months), as many
    analysts at once would ask: (its route, for the table; its path with the parameters)."""
    month = rng.randint(1, 10)
    limit = rng.randint(1, 100)  # a page size of its own: no two analysts' screens are the same
    choices = [
        ("/v1/events?type=", f"/v1/events?type={rng.choice(TYPES)}&limit={limit}"),
        ("/v1/events?country=", f"/v1/events?country={rng.choice(COUNTRIES)}&sort={rng.choice(['date', '-date'])}"
                                f"&limit={limit}"),
        ("/v1/events?since=&until=", f"/v1/events?since=2024-{month:02d}&until=2024-{month + 2:02d}&limit={limit}"),
        ("/v1/search?q=", f"/v1/search?q={quote(rng.choice(WORDS))}&limit={limit}"),
        ("/v1/incidents?type=", f"/v1/incidents?type={rng.choice(TYPES)}&limit={limit}"),
        ("/v1/timeline?type=", f"/v1/timeline?type={rng.choice(TYPES)}&since=2024-{month:02d}"),
        ("/v1/places?since=", f"/v1/places?since=2024-{month:02d}&type={rng.choice(TYPES)}"),
        ("/v1/stats", "/v1/stats"),
        ("/", "/"),
        ("/events?type=", f"/events?type={rng.choice(TYPES)}&country={rng.choice(COUNTRIES)}"),
    ]
    return rng.choice(choices)
CACHE = "x-eventwire-cache"


async def client(conn: HttpxConnection | LeanConnection, until: float, doc_ids: list[str],
                 latencies: dict[str, list[float]], errors: dict[str, int], rng: random.Random,
                 think: float, hits: dict[str, int], mix: str = "dashboard") -> None:
    """One client: requests in a closed loop (pausing ``think`` s on average) until ``until``;
    each latency is kept under its path (a document's under :data:`DOCUMENT`), and so is the
    count of answers the server replayed from its cache."""
    try:
        while time.monotonic() < until:
            if think:
                await asyncio.sleep(rng.uniform(0, 2 * think))
            if mix == "varied" and rng.random() < 12 / 13:
                route, path = varied(rng)
            else:
                route = rng.choice([*PATHS, DOCUMENT]) if mix == "dashboard" else DOCUMENT
                path = route.format(id=rng.choice(doc_ids)) if route == DOCUMENT else route
            started = time.perf_counter()
            try:
                status, hit = await asyncio.wait_for(conn.get(path), timeout=30.0)
            except FAILURES as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                if isinstance(conn, LeanConnection):
                    await conn.close()  # the stream may be mid-response: start a fresh one
                continue
            latencies.setdefault(route, []).append(time.perf_counter() - started)
            hits[route] = hits.get(route, 0) + hit
            if status >= 500:
                errors["5xx"] = errors.get("5xx", 0) + 1
            elif status >= 400:
                errors[str(status)] = errors.get(str(status), 0) + 1
    finally:
        await conn.close()


async def hammer(base: str, clients: int, seconds: float, doc_ids: list[str],
                 think: float, lean: bool = True,
                 mix: str = "dashboard") -> tuple[dict[str, list[float]], dict[str, int], dict[str, int]]:
    """Latencies per route, errors by kind and cache hits per route of ``clients`` clients."""
    latencies: dict[str, list[float]] = {}
    hits: dict[str, int] = {}
    errors: dict[str, int] = {}
    until = time.monotonic() + seconds
    kind = LeanConnection if lean else HttpxConnection
    await asyncio.gather(*(client(kind(base), until, doc_ids, latencies, errors, random.Random(i), think, hits, mix)
                           for i in range(clients)))
    return latencies, errors, hits


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))]


def wait_ready(base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/v1/stats", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--think", type=float, default=0.0, help="mean pause of a client between requests (s)")
    parser.add_argument("--client", choices=["lean", "httpx"], default="lean",
                        help="lean: a minimal kept-alive HTTP/1.1 client per connection (default); httpx: "
                             "httpx.AsyncClient, whose own CPU cost inflates the latencies on a small machine")
    parser.add_argument("--mix", choices=["dashboard", "varied"], default="varied",
                        help="dashboard: the same 13 questions over and over; varied (default): thousands of "
                             "distinct questions, so that most answers must be computed")
    parser.add_argument("--threads", type=int, default=None, help="the server's --threads (default: its own)")
    parser.add_argument("--workers", type=int, default=None, help="the server's --workers (default: its own)")
    parser.add_argument("--ingest-nice", type=int, default=0,
                        help="the ingest's --nice (default 0: the same priority as the server)")
    args = parser.parse_args(argv)
    threads = ["--threads", str(args.threads)] if args.threads else []
    threads += ["--workers", str(args.workers)] if args.workers else []
    exe = str(Path(sys.executable).parent / "eventwire")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.db"
        store = build(db, args.events, 7, shapes(real_records()))
        ingest_paths(store, example_paths(), progress=False)
        doc_ids = [r[0] for r in store.conn.execute("SELECT id FROM documents ORDER BY random() LIMIT 500")]
        before = store.summary()["documents"]
        store.close()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"}
        server = subprocess.Popen([exe, "serve", "--db", str(db), "--port", str(port), *threads], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        ingest = None
        try:
            wait_ready(base)
            ingest = subprocess.Popen([exe, "ingest", str(corpus(args.data, Path(tmp), 2000)), "--db", str(db),
                                       "--nice", str(args.ingest_nice)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            time.sleep(3.0)  # the ingest is past loading its model and writing
            started = time.perf_counter()
            latencies, errors, hits = asyncio.run(hammer(base, args.clients, args.seconds, doc_ids, args.think,
                                                   lean=args.client == "lean", mix=args.mix))
            elapsed = time.perf_counter() - started
            ingest_running = ingest.poll() is None
        finally:
            if ingest is not None:
                ingest.terminate()
                out, err = ingest.communicate(timeout=30)
                if ingest.returncode not in (0, -15):
                    print(f"ingest exited {ingest.returncode}: {(out + err)[-2000:]}", file=sys.stderr)
            server.terminate()
            server.wait(timeout=30)
        with Store(db) as after:
            stored = after.summary()["documents"] - before
            integrity = after.conn.execute("PRAGMA integrity_check").fetchone()[0]
    ms = sorted(x * 1000 for route in latencies.values() for x in route)
    result = {"clients": args.clients, "client": args.client, "mix": args.mix, "think_seconds": args.think,
              "ingest_nice": args.ingest_nice,
              "seconds": round(elapsed, 1), "requests": len(ms),
              "requests_per_second": round(len(ms) / elapsed, 1),
              "p50_ms": round(statistics.median(ms), 1) if ms else None,
              "p99_ms": round(percentile(ms, 0.99), 1) if ms else None,
              "server_errors": errors.get("5xx", 0), "other_errors": {k: v for k, v in errors.items() if k != "5xx"},
              "cache_hit_share": round(sum(hits.values()) / len(ms), 3) if ms else None,
              "ingest_running_throughout": ingest_running, "documents_ingested_meanwhile": stored,
              "integrity": integrity, "target_p99_ms": 500}
    print(f"{'route':<45} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8} {'cached':>7}")
    for route, seconds in sorted(latencies.items(), key=lambda kv: -percentile(kv[1], 0.99)):
        print(f"{route:<45} {len(seconds):>8} {percentile(seconds, 0.5) * 1000:>8.1f} "
              f"{percentile(seconds, 0.99) * 1000:>8.1f} {hits.get(route, 0) / len(seconds):>7.0%}")
    print(f"{args.clients} clients for {result['seconds']} s against 127.0.0.1 while an ingest wrote to the store")
    print(f"requests {result['requests']:,}  ({result['requests_per_second']:,} per second)")
    print(f"latency p50 {result['p50_ms']} ms  p99 {result['p99_ms']} ms  (target p99 <= 500 ms)")
    print(f"answers replayed from the server's cache: {result['cache_hit_share']:.0%} (a write empties it)")
    print(f"server errors {result['server_errors']}  other errors {result['other_errors']}")
    print(f"ingest stored {stored} documents meanwhile (still running at the end: {ingest_running}); "
          f"integrity_check: {integrity}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
