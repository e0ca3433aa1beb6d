"""The two engines. Each takes the shards still to do and a worker configuration, runs
:class:`~eventwire.run.worker.ShardWorker` on ``workers`` processes, and returns each shard's
result. (Progress is read by the runner from the part markers on disk, the same for both.)

- ``local``: a process pool on this machine; each process loads the model once.
- ``ray``: Ray Data, ``map_batches`` over the shards with an actor pool of ``workers`` actors,
  each loading the model once. Without ``address`` Ray starts locally (temporary files in a
  folder of its own, no dashboard, no usage reporting); with one it joins that cluster, whose
  nodes must see ``--out`` and the inputs at the same paths (a shared filesystem).
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import tempfile
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict
from typing import Any

from eventwire.errors import UsageError
from eventwire.run.shards import Shard
from eventwire.run.worker import ShardWorker, WorkerConfig

_worker: ShardWorker | None = None


def _init_local(config: WorkerConfig) -> None:
    global _worker
    _worker = ShardWorker(config)


def _run_local(shard: Shard) -> dict[str, Any]:
    assert _worker is not None
    return _worker.process(shard)


def run_local(shards: list[Shard], config: WorkerConfig, workers: int) -> list[dict[str, Any]]:
    if not shards:
        return []
    context = multiprocessing.get_context("spawn")  # a clean interpreter: no inherited threads or handles
    results = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_local,
                             initargs=(config,)) as pool:
        pending = {pool.submit(_run_local, shard) for shard in shards}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            results += [future.result() for future in done]
    return results


def _ray_processor(config: WorkerConfig) -> type:
    """The Ray actor class: one worker, kept for every batch of shards it is given. The
    configuration is baked into the class rather than passed to its constructor, because Ray
    warns about constructor arguments of restartable actors."""
    settings = asdict(config)

    class RayShardProcessor:
        def __init__(self) -> None:
            self.worker = ShardWorker(WorkerConfig(**settings))

        def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
            results = [self.worker.process(Shard(**json.loads(s))) for s in batch["shard"]]
            return {"result": [json.dumps(r) for r in results]}

    return RayShardProcessor


def run_ray(shards: list[Shard], config: WorkerConfig, workers: int,
            address: str | None = None) -> list[dict[str, Any]]:
    try:
        import ray
        import ray.data
    except ImportError:
        raise UsageError("the ray engine needs Ray: pip install 'eventwire[scale]'") from None
    if not shards:
        return []
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    for name in ("ray", "ray.data"):  # the run prints its own progress
        logging.getLogger(name).setLevel(logging.ERROR)
    started_here = not ray.is_initialized()
    temp = None
    if started_here:
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            temp = tempfile.mkdtemp(prefix="eventwire-ray-")
            ray.init(num_cpus=workers, include_dashboard=False, _temp_dir=temp, log_to_driver=False,
                     configure_logging=False)
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        dataset = ray.data.from_items([{"shard": json.dumps(asdict(s))} for s in shards],
                                      override_num_blocks=len(shards))
        mapped = dataset.map_batches(_ray_processor(config), batch_size=1, num_cpus=1,
                                     compute=ray.data.ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=1))
        return [json.loads(row["result"]) for row in mapped.iter_rows()]
    finally:
        if started_here:
            ray.shutdown()
        if temp:
            import shutil

            shutil.rmtree(temp, ignore_errors=True)


__all__ = ["run_local", "run_ray"]
