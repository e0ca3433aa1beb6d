"""Batch runs over sharded archives: ``eventwire run`` (local process pool or Ray Data) writes
Parquet per shard with completion markers, so a rerun resumes; ``eventwire load`` puts a run's
output into the SQLite store."""

from eventwire.run.layout import RunLayout
from eventwire.run.load import LoadReport, load_run
from eventwire.run.runner import RunConfig, RunSummary, run
from eventwire.run.shards import Shard, plan_shards

__all__ = ["LoadReport", "RunConfig", "RunLayout", "RunSummary", "Shard", "load_run", "plan_shards", "run"]
