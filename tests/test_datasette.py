"""The store opens in Datasette (the real application, in process) with documented views."""

from __future__ import annotations

import asyncio
import json
import subprocess
from pathlib import Path
from typing import Any

from eventwire.store import Store
from eventwire.store.datasette import HIDDEN, TABLES, metadata
from test_query_export import record_c
from test_store_queries import record_a, record_b


def datasette_get(db: Path, meta: dict[str, Any], path: str) -> Any:
    from datasette.app import Datasette

    async def fetch() -> Any:
        ds = Datasette(files=[str(db)], metadata=meta)
        response = await ds.client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        return response.json()

    return asyncio.run(fetch())


def test_views_and_metadata_in_datasette(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store(db) as s:
        for r in (record_a(), record_b(), record_c()):
            s.add(r)
    meta = metadata(db)
    assert set(meta["databases"]) == {"news"}
    details = datasette_get(db, meta, "/news/event_details.json?_shape=array")
    assert len(details) == 5
    kharkiv = next(r for r in details if r["place"] == "Kharkiv")
    assert kharkiv["title"] == "Strike on Kharkiv" and kharkiv["outlet"] == "a.example"
    assert kharkiv["latitude"] == 49.98 and kharkiv["incident_id"].startswith("inc:")
    assert kharkiv["incident_status"] == "single_source"
    denials = datasette_get(db, meta, "/news/denials.json?_shape=array")
    assert [d["speaker"] for d in denials] == ["army"]
    overview = datasette_get(db, meta, "/news/incident_overview.json?_shape=array")
    assert overview and {"status", "n_independent", "latitude"} <= set(overview[0])
    described = datasette_get(db, meta, "/-/metadata.json")
    tables = described["databases"]["news"]["tables"]
    assert tables["events"]["columns"]["factuality"].startswith("asserted")
    listing = datasette_get(db, meta, "/news.json")
    visible = {t["name"] for t in listing["tables"] if not t["hidden"]}
    assert {"documents", "events", "claims", "incidents"} <= visible and not visible & set(HIDDEN)
    assert {v["name"] for v in listing["views"]} == {"event_details", "denials", "incident_overview"}


def test_every_described_table_exists(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        names = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert set(TABLES) <= names and set(HIDDEN) <= names


def test_metadata_command(cli: list[str], tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    done = subprocess.run([*cli, "metadata", "--db", str(db)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert "store" in json.loads(done.stdout)["databases"]
