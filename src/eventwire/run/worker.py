"""One worker: the pipeline loaded once, then shard after shard, part after part.

Both engines run this same code (the local engine in pool processes, Ray in actors), which
is why they produce identical records for the same input.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from itertools import islice
from typing import Any

from eventwire.pipeline import Pipeline, standard_pipeline
from eventwire.record import ErrorRecord, Record
from eventwire.run.layout import RunLayout
from eventwire.run.shards import Shard
from eventwire.sources import RawItem, read_inputs
from eventwire.store.rows import claim_rows, event_rows


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    out: str
    part_size: int = 200
    """Input items per part: the unit of resumption."""
    published: str | None = None


class ShardWorker:
    """Loads spaCy once (on the first document) and keeps it for every shard it is given."""

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        self.layout = RunLayout(config.out)
        self.pipeline: Pipeline = standard_pipeline(config.published)

    def process(self, shard: Shard) -> dict[str, Any]:
        """Run the shard's remaining parts; return what was done (parts skipped and processed)."""
        if self.layout.is_done(shard.id):
            return {"shard": shard.id, "skipped": True, "parts_skipped": 0, "parts_processed": 0}
        done = self.layout.parts_done(shard.id)
        consumed = sum(int(p["items"]) for p in done)
        items = islice(read_inputs([shard.path]), consumed, None)
        part = len(done)
        processed = 0
        while chunk := list(islice(items, self.config.part_size)):
            self._part(shard, part, chunk)
            part += 1
            processed += 1
        totals = _sum([*done, *self.layout.parts_done(shard.id)[len(done):]])
        self.layout.mark_done(shard.id, {"shard": shard.id, "path": shard.path, "parts": part, **totals})
        return {"shard": shard.id, "skipped": False, "parts_skipped": len(done), "parts_processed": processed}

    def _part(self, shard: Shard, part: int, chunk: list[RawItem | ErrorRecord]) -> None:
        started = time.perf_counter()
        rows: dict[str, list[tuple[Any, ...]]] = {"documents": [], "events": [], "claims": [], "errors": []}
        words = 0
        codes: Counter[str] = Counter()
        for item in self.pipeline.run(chunk):
            if isinstance(item, Record):
                d = item.document
                n_words = len(d.text.split())
                words += n_words
                rows["documents"].append((
                    d.id, d.origin, d.url, d.title, d.published.value, d.source.name if d.source else None,
                    d.source.domain if d.source else None, d.language, len(item.events), len(item.claims),
                    len(item.contradictions), n_words, json.dumps(item.to_dict(), ensure_ascii=False)))
                rows["events"] += event_rows(item)
                rows["claims"] += claim_rows(item)
            elif isinstance(item, ErrorRecord):
                rows["errors"].append((item.item, item.stage, item.code, item.message, item.document_id))
                codes[item.code] += 1
        self.layout.write_part(shard.id, part, rows, {
            "items": len(chunk), "documents": len(rows["documents"]), "events": len(rows["events"]),
            "claims": len(rows["claims"]), "errors": len(rows["errors"]), "error_codes": dict(codes),
            "words": words, "seconds": round(time.perf_counter() - started, 3)})


def _sum(parts: list[dict[str, Any]]) -> dict[str, Any]:
    totals: dict[str, Any] = {k: 0 for k in ("items", "documents", "events", "claims", "errors", "words")}
    codes: Counter[str] = Counter()
    for p in parts:
        for k in totals:
            totals[k] += int(p.get(k, 0))
        codes.update(p.get("error_codes", {}))
    totals["error_codes"] = dict(codes)
    return totals


__all__ = ["ShardWorker", "WorkerConfig"]
