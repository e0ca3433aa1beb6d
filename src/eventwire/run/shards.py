"""What a run's unit of work is: a shard is one input file (WARC, JSONL, CSV, a page) or one
directory, as given on the command line or matched by a glob.

A shard's id is derived from its resolved path, so the same input gets the same id in every
run: that is what lets a rerun find the shard's earlier output and skip or resume it.
"""

from __future__ import annotations

import glob
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import UsageError


@dataclass(frozen=True, slots=True)
class Shard:
    id: str
    """``<slug>-<hash>``: readable in a directory listing, unique by path."""
    path: str
    """Resolved path of the file or directory."""


def shard_of(path: Path) -> Shard:
    resolved = str(path.resolve())
    digest = hashlib.sha256(resolved.encode()).hexdigest()[:12]
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", path.name)[:40].strip("._") or "shard"
    return Shard(f"{slug}-{digest}", resolved)


def plan_shards(inputs: list[str]) -> list[Shard]:
    """Shards for ``inputs`` (paths, directories or globs), in input order, each once."""
    shards: dict[str, Shard] = {}
    for raw in inputs:
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        if not matches:
            raise UsageError(f"no input matches {raw!r}")
        for match in matches:
            path = Path(match)
            if not path.exists():
                raise UsageError(f"input not found: {match}")
            shard = shard_of(path)
            shards.setdefault(shard.id, shard)
    if not shards:
        raise UsageError("no inputs")
    return list(shards.values())


__all__ = ["Shard", "plan_shards", "shard_of"]
