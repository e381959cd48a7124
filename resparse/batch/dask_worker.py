"""What ``--engine dask`` runs on a Dask worker: a chunk of documents, each in a supervised read.

Imported by the workers (with the function they run, or ahead as a preload). Each Dask task
(:func:`read_on_worker`) is a chunk of a few documents, read one after the other in a supervised
child process of the worker — the same :class:`~resparse.batch.worker.Pool` as locally, so
``--timeout`` and ``--max-memory-mb`` hold there — and gives back each one's JSON or a one-line
reason. Before each document it says so (an event on :data:`STARTED_TOPIC`, with the task's key
and the document's place in the chunk): if the worker is lost, the parent knows which task it
had started (:mod:`resparse.batch.dask_engine`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import pickle
import threading
from dataclasses import replace
from typing import Any

from resparse.batch.contexts import batch_context
from resparse.batch.engines import Setup
from resparse.batch.tasks import Outcome, Task
from resparse.batch.worker import Pool

__all__ = ["STARTED_TOPIC", "dask_setup", "read_on_worker"]

STARTED_TOPIC = "resparse-started"
"""The Dask event topic on which a task says ``[key, place]`` as it starts reading a document."""

_held = threading.local()


def read_on_worker(tasks: list[Task], payloads: list[bytes], setup: Setup) -> list[Outcome]:
    """A chunk of documents, in order, each read in a supervised child process of this Dask
    worker (kept between tasks); ``payloads`` are their bytes."""
    pool = _pool(setup)
    outcomes = []
    for place, (task, data) in enumerate(zip(tasks, payloads, strict=True)):
        _say_started(place)
        outcomes.append(_read(pool, replace(task, data=data)))
    return outcomes


def _read(pool: Pool, task: Task) -> Outcome:
    failed = pool.submit(task)
    if failed is not None:
        return failed
    while True:
        for _, outcome in pool.collect():
            return outcome


def _say_started(place: int) -> None:
    """Tell the parent (through the scheduler) which of this task's documents is being read."""
    import distributed

    with contextlib.suppress(ValueError):  # not on a Dask worker (called directly)
        worker = distributed.get_worker()
        worker.log_event(STARTED_TOPIC, [worker.get_current_task(), place])


def dask_setup(worker: Any) -> None:
    """Run by a Dask worker that preloads this module (``dask worker --preload
    resparse.batch.dask_worker``; a local cluster's workers do): start the forkserver now, so that
    it loads and warms the pipeline while the cluster comes up rather than at the first document."""
    with contextlib.suppress(Exception):  # the first document will say what is wrong
        batch_context()


def _pool(setup: Setup) -> Pool:
    """This thread's pool of one worker, replaced when a batch with other settings comes."""
    _allow_children()
    key = pickle.dumps(setup)
    if getattr(_held, "key", None) != key:
        if getattr(_held, "pool", None) is not None:
            _held.pool.shutdown()
        _held.pool = Pool(batch_context, setup.job, setup.limits, setup.debug, 1, setup.page_seconds)
        _held.key = key
    return _held.pool


def _allow_children() -> None:
    """A Dask worker under a nanny runs as a daemonic process, which multiprocessing forbids to
    start children; the supervised child is one, and dies with the worker all the same."""
    current = multiprocessing.current_process()
    if current.daemon:
        current._config["daemon"] = False  # type: ignore[attr-defined]
