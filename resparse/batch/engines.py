"""Where a batch's documents are read: the local pool (the default) or a Dask cluster.

Every engine keeps the same contract, so the batch loop (:mod:`resparse.batch.execution`) does
not know which one runs: a :class:`~resparse.batch.worker.Task` (a document's name and its
bytes or path) in, an :class:`~resparse.batch.worker.Outcome` (its JSON, or a one-line reason)
out, each document read by one supervised worker under the batch's time and memory limits.

    has_room()          may another document be submitted now
    submit(task)        start reading it; an Outcome at once if it cannot even start
    busy()              documents in flight
    collect()           what finished (or failed, or overran) in the last moment, as (task, outcome)
    shutdown()          stop every worker

A new engine is one class here (or in a module of its own, imported only when chosen, as
:mod:`resparse.batch.dask_engine` is) and one name in :data:`ENGINES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from resparse.batch.contexts import batch_context
from resparse.batch.worker import Job, Outcome, Pool, Task
from resparse.limits import Limits

ENGINES = ("local", "dask")
"""What ``--engine`` accepts; the first is the default."""

Say = Callable[[str], None]
"""Where an engine tells people something (the dashboard address, a retried document)."""


@dataclass(frozen=True)
class Setup:
    """How each document is read, whichever engine reads it."""

    limits: Limits
    job: Job | None = None
    """Replaces :func:`resparse.pipeline.extract` (a picklable module-level function), or None."""
    debug: bool = False
    page_seconds: float = 0.0
    """Seconds each PDF page adds to the time budget (:mod:`resparse.batch.budget`)."""


class Engine(Protocol):
    needs_bytes: bool
    """Documents must travel as bytes (no shared file system): the parent reads files on disk."""

    def has_room(self) -> bool: ...
    def submit(self, task: Task) -> Outcome | None: ...
    def busy(self) -> bool: ...
    def collect(self) -> list[tuple[Task, Outcome]]: ...
    def shutdown(self) -> None: ...


class LocalEngine:
    """Today's pool: ``jobs`` supervised worker processes on this machine, one document each."""

    needs_bytes = False

    def __init__(self, setup: Setup, jobs: int) -> None:
        self.pool = Pool(batch_context, setup.job, setup.limits, setup.debug, jobs, setup.page_seconds)

    def has_room(self) -> bool:
        return self.pool.has_room()

    def submit(self, task: Task) -> Outcome | None:
        return self.pool.submit(task)

    def busy(self) -> bool:
        return self.pool.busy()

    def collect(self) -> list[tuple[Task, Outcome]]:
        return self.pool.collect()

    def shutdown(self) -> None:
        self.pool.shutdown()


def open_engine(name: str, setup: Setup, *, jobs: int, scheduler: str | None, say: Say) -> Engine:
    """The engine called ``name``; ``scheduler`` is a Dask scheduler's address (None: a local cluster)."""
    if name == "local":
        return LocalEngine(setup, jobs)
    if name == "dask":
        from resparse.batch.dask_engine import DaskEngine

        return DaskEngine(setup, jobs=jobs, scheduler=scheduler, say=say)
    raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {name!r}")
