"""``--engine dask``: the batch's documents read on a Dask cluster, one supervised read each.

Imported only when chosen (``pip install 'resparse[dask]'``). The parent walks the inputs as
locally and sends the documents in chunks (:data:`CHUNK_DOCUMENTS`, :data:`CHUNK_BYTES`), one
Dask task each (:func:`~resparse.batch.dask_worker.read_on_worker`), keeping
:data:`WINDOW_PER_THREAD` chunks in flight per worker thread: a worker has its next chunk at hand
when it finishes one, and the scheduler's cost of a task is paid once for a few documents. Each
document is read on the worker in a supervised child process, as locally; the results of all
the chunks finished in a moment are fetched in one request.

* **Bytes, not paths**: no shared file system is needed. A document over :data:`SCATTER_BYTES`
  is scattered to the cluster once (and travels alone), so a retry does not send it again.
* **A lost worker** (killed, or restarted by its nanny) fails only the document it was reading.
  The worker says which task it starts (an event). A lost chunk of several documents is sent
  again one document a task, nothing reported: which of them was being read is not known for
  sure (the word of which one can be lost with the worker). A document lost alone in a task the
  worker said it started is the one: it is reported and tried once more (:data:`RETRIES`), then
  reported as failed. Tasks waiting on the worker are sent again as they were, nothing reported
  (:data:`NEIGHBOUR_LOSSES`). The local cluster's scheduler gives a task up at the first lost
  worker (``allowed-failures`` 0) so that the decision is this engine's; a real scheduler should
  be started so too (see the README).
* **Without ``--scheduler``** a ``LocalCluster`` of ``--jobs`` worker processes starts on this
  machine, on loopback only; each worker starts its forkserver (which loads the pipeline) as it
  starts (:func:`~resparse.batch.dask_worker.dask_setup`), not at its first document.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import queue
import time
import uuid
from dataclasses import dataclass, replace
from typing import Any

from resparse.batch.dask_worker import STARTED_TOPIC, read_on_worker
from resparse.batch.engines import Say, Setup
from resparse.batch.names import one_line
from resparse.batch.tasks import Outcome, Task
from resparse.limits import MB, POLL_SECONDS

CHUNK_DOCUMENTS = 4
"""Documents sent in one Dask task at most: the scheduler's few milliseconds a task, paid once
for them all, are what made the Dask path slow on cheap documents."""
CHUNK_BYTES = 1 * MB
"""A chunk is sent once its documents weigh this much, however few they are."""
WINDOW_PER_THREAD = 2
"""Chunks in flight per worker thread: one being read, one waiting on the worker for it."""
SCATTER_BYTES = 1 * MB
"""Documents larger than this are sent to the cluster once (``scatter``) and referred to."""
RETRIES = 1
"""Times a document whose worker was lost while reading it is tried again."""
NEIGHBOUR_LOSSES = 5
"""Times a document is sent again, uncounted, because the worker holding it was lost while
reading another; past that it counts as if it was the one read (should the worker die before
its word that it started a document got out, that document cannot go round for ever). Above
the losses one killer causes (a chunk, then twice alone), so a neighbour queued behind it each
time is never counted."""
CONNECT_SECONDS = 30
"""How long to wait for the scheduler given by ``--scheduler``."""
REFRESH_SECONDS = 5.0
"""How often the window is recomputed from the workers the scheduler has (they come and go)."""
LOCAL_HOST = "127.0.0.1"
"""A local cluster listens on loopback only."""
LOCAL_CONFIG = {
    "distributed.scheduler.allowed-failures": 0,
    "distributed.scheduler.worker-saturation": float(WINDOW_PER_THREAD),
}
"""The local cluster's scheduler: a task whose worker dies fails at once (this engine decides
what counts and sends the documents again), and a worker is given :data:`WINDOW_PER_THREAD`
chunks per thread."""


@dataclass
class _Flight:
    """One document sent, or to be sent."""

    task: Task
    """Without its bytes: those are in ``payload``."""
    payload: Any
    """The bytes, or the future of the bytes scattered once."""
    attempts: int = 1
    """Times sent to be read, counting only those whose worker was lost reading it."""
    waited: int = 0
    """Times sent again because its worker was lost while reading another document."""
    alone: bool = False
    """Sent in a task of its own: its chunk was lost with its worker."""


class DaskEngine:
    """Documents to a Dask cluster; the same contract as :class:`~resparse.batch.engines.LocalEngine`."""

    needs_bytes = True

    def __init__(self, setup: Setup, *, jobs: int, scheduler: str | None, say: Say) -> None:
        distributed = _import_distributed()
        self.setup, self.say = setup, say
        self.client, self.cluster = _connect(distributed, scheduler, jobs)
        self.killed_worker = distributed.KilledWorker
        self.chunks: dict[str, list[_Flight]] = {}
        """The chunks sent, by task key."""
        self.pending: list[_Flight] = []
        """Documents for the next chunk."""
        self.documents = 0
        """Documents pending or in flight."""
        self.done: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.prefix = f"resparse-{uuid.uuid4().hex[:12]}-"
        self.numbers = itertools.count()
        self.started: set[str] = set()
        """The tasks their workers said they started."""
        self.finished: set[str] = set()
        """The tasks that finished (their results may yet be lost with their worker)."""
        self.client.subscribe_topic(STARTED_TOPIC, self._heard_start)
        self.window, self.window_at = 1, -REFRESH_SECONDS
        say(f"resparse: Dask dashboard at {self.client.dashboard_link}")

    def _heard_start(self, event: tuple[float, Any]) -> None:
        """On the client's event loop, before the task's result or loss reaches it."""
        key = event[1][0]
        if isinstance(key, str) and key.startswith(self.prefix):
            self.started.add(key)

    def has_room(self) -> bool:
        now = time.monotonic()
        if now - self.window_at >= REFRESH_SECONDS:
            threads = sum(self.client.nthreads().values())
            self.window, self.window_at = WINDOW_PER_THREAD * CHUNK_DOCUMENTS * max(threads, 1), now
        return self.documents < self.window

    def busy(self) -> bool:
        return self.documents > 0

    def submit(self, task: Task) -> Outcome | None:
        """Add the document to the next chunk (sent at the next :meth:`collect`)."""
        data = task.data or b""
        payload: Any = data
        if len(data) > SCATTER_BYTES:
            try:
                payload = self.client.scatter(data, hash=False)
            except Exception as error:  # the scheduler is gone: say so per document
                return Outcome(task.source, f"could not be sent to the Dask cluster ({_describe(error)})")
        self.pending.append(_Flight(replace(task, data=None), payload))
        self.documents += 1
        return None

    def _flush(self) -> list[tuple[Task, Outcome]]:
        """Send the pending documents in chunks; those that cannot be sent fail."""
        flights, self.pending = self.pending, []
        unsent = []
        for chunk in _chunks(flights):
            try:
                self._send(chunk)
            except Exception as error:  # the scheduler is gone: say so per document
                reason = f"could not be sent to the Dask cluster ({_describe(error)})"
                unsent += [(flight.task, Outcome(flight.task.source, reason)) for flight in chunk]
        self.documents -= len(unsent)
        return unsent

    def _send(self, chunk: list[_Flight]) -> None:
        key = f"{self.prefix}{next(self.numbers)}"
        tasks, payloads = [f.task for f in chunk], [f.payload for f in chunk]
        future = self.client.submit(read_on_worker, tasks, payloads, self.setup, key=key, pure=False)
        self.chunks[key] = chunk
        future.add_done_callback(self._done)

    def _done(self, future: Any) -> None:
        """On the client's side as a task ends; one that finished is remembered as read whole,
        should its worker die before its result is fetched."""
        if future.status == "finished":
            self.finished.add(future.key)
        self.done.put(future)

    def collect(self) -> list[tuple[Task, Outcome]]:
        """What finished within :data:`POLL_SECONDS` (each worker polices its own documents)."""
        unsent = self._flush()
        try:
            ready = [self.done.get(timeout=POLL_SECONDS)]
        except queue.Empty:
            return unsent
        finished = []
        with contextlib.suppress(queue.Empty):
            while True:
                ready.append(self.done.get_nowait())
        results = self._gather([future for future in ready if future.status == "finished"])
        for future in ready:
            chunk = self.chunks.pop(future.key)
            outcomes = results.get(future.key)
            if outcomes is None:
                outcomes = self._outcomes(chunk, future)
            finished += [(flight.task, o) for flight, o in zip(chunk, outcomes, strict=True) if o]
            self.started.discard(future.key)
            self.finished.discard(future.key)
        self.documents -= len(finished)
        return unsent + finished

    def _gather(self, futures: list[Any]) -> dict[str, list[Outcome]]:
        """The outcomes of finished chunks, fetched in one request (none if it fails: then each
        chunk is looked at on its own)."""
        if not futures:
            return {}
        try:
            outcomes = self.client.gather(futures)
            return {future.key: chunk for future, chunk in zip(futures, outcomes, strict=True)}
        except Exception:
            return {}

    def _outcomes(self, chunk: list[_Flight], future: Any) -> list[Outcome | None]:
        """Each document's outcome; None for one sent again (its worker was lost)."""
        error: BaseException | None = None
        try:
            if future.status == "finished":
                return future.result()
            error = future.exception() if future.status == "error" else None
        except Exception as lost:  # its result went with its worker
            error = lost
        if future.status not in ("lost", "cancelled", "finished") and not isinstance(
            error, self.killed_worker
        ):
            reason = f"internal error on the Dask worker ({_describe(error)})"
            return [Outcome(flight.task.source, reason) for flight in chunk]
        started = future.key in self.started and future.key not in self.finished
        if len(chunk) > 1:
            first = chunk[0].task.source
            more = len(chunk) - 1
            self.say(f"resparse: {first} and {more} more: their Dask worker was lost; sent again one by one")
        return [self._lost(flight, started and len(chunk) == 1) for flight in chunk]

    def _lost(self, flight: _Flight, was_reading: bool) -> Outcome | None:
        """A document whose worker was lost: sent again (None) — alone, so that a second loss
        names it — or failed once tried enough."""
        source = flight.task.source
        if was_reading or flight.waited >= NEIGHBOUR_LOSSES:
            if flight.attempts > RETRIES:
                return Outcome(source, f"Dask worker lost while reading it, {flight.attempts} times")
            self.say(f"resparse: {source}: its Dask worker was lost; trying once more")
            flight.attempts += 1
        else:
            flight.waited += 1
        flight.alone = True
        self.pending.append(flight)
        return None

    def shutdown(self) -> None:
        with contextlib.suppress(Exception):
            self.client.cancel([f for f in self.client.futures.values()], force=True)
        with contextlib.suppress(Exception):
            self.client.close()
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close()
        self.chunks.clear()
        self.pending.clear()
        self.documents = 0


def _chunks(flights: list[_Flight]) -> list[list[_Flight]]:
    """Documents in sending order, cut into chunks of at most :data:`CHUNK_DOCUMENTS` and about
    :data:`CHUNK_BYTES`; a scattered document goes alone."""
    chunks: list[list[_Flight]] = []
    current: list[_Flight] = []
    for flight in flights:
        if not isinstance(flight.payload, bytes) or flight.alone:
            chunks.append([flight])
            continue
        current.append(flight)
        if len(current) >= CHUNK_DOCUMENTS or sum(len(f.payload) for f in current) >= CHUNK_BYTES:
            chunks.append(current)
            current = []
    return [*chunks, current] if current else chunks


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
            preload=["resparse.batch.dask_worker"],
        )


def _describe(error: BaseException | None) -> str:
    if error is None:
        return "no details"
    text = one_line(str(error), 200)
    return f"{type(error).__name__}: {text}" if text != "no details" else type(error).__name__
