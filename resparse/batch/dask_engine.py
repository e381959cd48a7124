"""``--engine dask``: the batch's documents read on a Dask cluster, one supervised read each.

Imported only when chosen (``pip install 'resparse[dask]'``). The parent walks the inputs as
locally and submits documents in a bounded window (:data:`WINDOW_PER_THREAD` per worker thread);
each Dask task (:func:`read_on_worker`) reads its document in a supervised child process on
the worker — the same :class:`~resparse.batch.worker.Pool` as locally, so ``--timeout`` and
``--max-memory-mb`` hold there — and returns its JSON or a one-line reason.

* **Bytes, not paths**: no shared file system is needed. A document over :data:`SCATTER_BYTES`
  is scattered to the cluster once, so a retry does not send it again.
* **A lost worker** (killed, or restarted by its nanny) fails only the document it held: it is
  reported and tried once more (:data:`RETRIES`), then reported as failed. The local cluster's
  scheduler gives a task up at the first lost worker (``allowed-failures`` 0) so that the retry
  is this one; a real scheduler should be started so too (see the README).
* **Without ``--scheduler``** a ``LocalCluster`` of ``--jobs`` worker processes starts on this
  machine, on loopback only.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing
import pickle
import queue
import threading
import time
import uuid
from dataclasses import dataclass, replace
from typing import Any

from resparse.batch.contexts import batch_context
from resparse.batch.engines import Say, Setup
from resparse.batch.names import one_line
from resparse.batch.worker import Outcome, Pool, Task
from resparse.limits import MB, POLL_SECONDS

WINDOW_PER_THREAD = 2
"""Documents in flight per worker thread: one being read, one on its way."""
SCATTER_BYTES = 1 * MB
"""Documents larger than this are sent to the cluster once (``scatter``) and referred to."""
RETRIES = 1
"""Times a document whose worker was lost is tried again."""
CONNECT_SECONDS = 30
"""How long to wait for the scheduler given by ``--scheduler``."""
REFRESH_SECONDS = 5.0
"""How often the window is recomputed from the workers the scheduler has (they come and go)."""
LOCAL_HOST = "127.0.0.1"
"""A local cluster listens on loopback only."""
LOCAL_CONFIG = {"distributed.scheduler.allowed-failures": 0, "distributed.scheduler.worker-saturation": 1.0}
"""The local cluster's scheduler: a task whose worker dies fails at once (this engine retries it),
and a worker holds only the document it reads (the rest wait at the scheduler), so that a worker
lost fails no other document with it."""


# ----------------------------------------------------------------------------- on the worker

_held = threading.local()


def read_on_worker(task: Task, data: bytes, setup: Setup) -> Outcome:
    """One document, read in a supervised child process of this Dask worker (kept between tasks)."""
    pool = _pool(setup)
    failed = pool.submit(replace(task, data=data))
    if failed is not None:
        return failed
    while True:
        for _, outcome in pool.collect():
            return outcome


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


# ----------------------------------------------------------------------------- in the parent


@dataclass
class _Flight:
    task: Task
    """Without its bytes: those are in ``payload``."""
    payload: Any
    """The bytes, or the future of the bytes scattered once."""
    attempts: int = 1


class DaskEngine:
    """Documents to a Dask cluster; the same contract as :class:`~resparse.batch.engines.LocalEngine`."""

    needs_bytes = True

    def __init__(self, setup: Setup, *, jobs: int, scheduler: str | None, say: Say) -> None:
        distributed = _import_distributed()
        self.setup, self.say = setup, say
        self.client, self.cluster = _connect(distributed, scheduler, jobs)
        self.killed_worker = distributed.KilledWorker
        self.flying: dict[str, _Flight] = {}
        self.done: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.batch = uuid.uuid4().hex[:12]
        self.numbers = itertools.count()
        self.window, self.window_at = 1, -REFRESH_SECONDS
        say(f"resparse: Dask dashboard at {self.client.dashboard_link}")

    def has_room(self) -> bool:
        now = time.monotonic()
        if now - self.window_at >= REFRESH_SECONDS:
            threads = sum(self.client.nthreads().values())
            self.window, self.window_at = WINDOW_PER_THREAD * max(threads, 1), now
        return len(self.flying) < self.window

    def busy(self) -> bool:
        return bool(self.flying)

    def submit(self, task: Task) -> Outcome | None:
        data = task.data or b""
        try:
            payload: Any = self.client.scatter(data, hash=False) if len(data) > SCATTER_BYTES else data
            self._start(_Flight(replace(task, data=None), payload))
        except Exception as error:  # the scheduler is gone: say so per document
            return Outcome(task.source, f"could not be sent to the Dask cluster ({_describe(error)})")
        return None

    def _start(self, flight: _Flight) -> None:
        key = f"resparse-{self.batch}-{next(self.numbers)}"
        future = self.client.submit(
            read_on_worker, flight.task, flight.payload, self.setup, key=key, pure=False
        )
        self.flying[key] = flight
        future.add_done_callback(self.done.put)

    def collect(self) -> list[tuple[Task, Outcome]]:
        """What finished within :data:`POLL_SECONDS` (each worker polices its own documents)."""
        try:
            ready = [self.done.get(timeout=POLL_SECONDS)]
        except queue.Empty:
            return []
        with contextlib.suppress(queue.Empty):
            while True:
                ready.append(self.done.get_nowait())
        finished = []
        for future in ready:
            flight = self.flying.pop(future.key)
            outcome = self._outcome(flight, future)
            if outcome is not None:
                finished.append((flight.task, outcome))
        return finished

    def _outcome(self, flight: _Flight, future: Any) -> Outcome | None:
        """The document's outcome, or None when it was sent again (its worker was lost)."""
        source = flight.task.source
        if future.status == "finished":
            return future.result()
        error = future.exception() if future.status == "error" else None
        if isinstance(error, self.killed_worker) or future.status in ("lost", "cancelled"):
            if flight.attempts <= RETRIES:
                self.say(f"resparse: {source}: its Dask worker was lost; trying once more")
                flight.attempts += 1
                try:
                    self._start(flight)
                    return None
                except Exception as again:
                    error = again
            return Outcome(source, f"Dask worker lost while reading it, {flight.attempts} times")
        return Outcome(source, f"internal error on the Dask worker ({_describe(error)})")

    def shutdown(self) -> None:
        with contextlib.suppress(Exception):
            self.client.cancel([f for f in self.client.futures.values()], force=True)
        with contextlib.suppress(Exception):
            self.client.close()
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close()
        self.flying.clear()


def _import_distributed() -> Any:
    import typer

    try:
        import distributed
    except ImportError:
        raise typer.BadParameter(
            "needs Dask on this machine: pip install 'resparse[dask]'", param_hint="--engine"
        ) from None
    return distributed


def _connect(distributed: Any, scheduler: str | None, jobs: int) -> tuple[Any, Any]:
    """A client of the scheduler at ``scheduler`` (and None), or of a new local cluster of ``jobs``
    workers (and that cluster, to close with the engine)."""
    import typer

    if scheduler is not None:
        try:
            return distributed.Client(scheduler, timeout=CONNECT_SECONDS), None
        except (OSError, TimeoutError, ValueError) as error:
            reason = f"cannot reach the Dask scheduler at {scheduler} ({_describe(error)})"
            raise typer.BadParameter(reason, param_hint="--scheduler") from None
    cluster = local_cluster(jobs)
    return distributed.Client(cluster), cluster


def local_cluster(workers: int) -> Any:
    """A ``LocalCluster`` of ``workers`` single-threaded processes on loopback, as the engine starts."""
    import dask
    import distributed

    with dask.config.set(LOCAL_CONFIG):
        return distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host=LOCAL_HOST,
            dashboard_address=f"{LOCAL_HOST}:0",
            silence_logs=logging.ERROR,
        )


def _describe(error: BaseException | None) -> str:
    if error is None:
        return "no details"
    text = one_line(str(error), 200)
    return f"{type(error).__name__}: {text}" if text != "no details" else type(error).__name__
