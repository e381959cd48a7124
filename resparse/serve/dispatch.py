"""The supervised workers of ``batch``, fed from a bounded queue by one thread.

:class:`~resparse.batch.worker.Pool` is driven from a single thread, as ``batch`` drives it:
requests hand their :class:`~resparse.batch.worker.Task` to :meth:`Dispatcher.submit` and
await the :class:`~resparse.batch.worker.Outcome`. At most ``queue`` documents wait beyond
those being read; one more is refused at once (:class:`QueueFull`, a ``503``), so a burst costs
a status code, not memory. A waiting ``/v1/batch`` member passes ``bounded=False``: its request
keeps only :data:`~resparse.serve.settings.BATCH_WINDOW` of them outstanding.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import wait
from typing import Any

from resparse.batch.worker import Outcome, Pool, Task
from resparse.limits import POLL_SECONDS

log = logging.getLogger("resparse.serve")


class QueueFull(Exception):
    """Every worker is busy and ``queue`` documents are waiting already."""


Deliver = Callable[[Outcome], None]
"""Called (on the dispatch thread) with a task's outcome; must not block."""

Waiter = tuple[Task, Deliver, Callable[[], bool]]
"""A task, where its outcome goes, and whether its requester has gone (then it is not read)."""


class Dispatcher:
    def __init__(self, pool: Pool, queue: int) -> None:
        self.pool = pool
        self.queue = queue
        self._waiting: deque[Waiter] = deque()
        self._reading: dict[int, Waiter] = {}
        """Tasks the pool holds, by ``id(task)`` (each task is submitted once)."""
        self._lock = threading.Lock()
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_write, False)
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="resparse-dispatch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def alive(self) -> bool:
        return self._thread.is_alive() and not self._stopping

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {"workers": self.pool.jobs, "reading": len(self._reading), "waiting": len(self._waiting)}

    def submit(self, task: Task, *, bounded: bool = True) -> asyncio.Future:
        """Queue ``task``; its outcome arrives on the returned future (of the running loop)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future = loop.create_future()

        def deliver(outcome: Outcome) -> None:
            with contextlib.suppress(RuntimeError):  # the loop is closed: nobody is waiting
                loop.call_soon_threadsafe(_settle, future, outcome)

        self.put(task, deliver, future.cancelled, bounded=bounded)
        return future

    def put(self, task: Task, deliver: Deliver, gone: Callable[[], bool], *, bounded: bool = True) -> None:
        """Queue ``task`` for the next free worker; ``deliver`` gets its outcome (from any thread)."""
        with self._lock:
            if self._stopping:
                raise QueueFull("the server is stopping")
            idle = self.pool.jobs - len(self._reading)
            if bounded and len(self._waiting) >= self.queue + max(idle, 0):
                raise QueueFull(f"{len(self._waiting)} documents are waiting already")
            self._waiting.append((task, deliver, gone))
        self._wake()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):  # full: the thread is woken already; closed: stopped
            os.write(self._wake_write, b"x")

    def stop(self) -> None:
        """Stop taking tasks, fail those still waiting, stop the workers."""
        with self._lock:
            self._stopping = True
        self._wake()
        self._thread.join(timeout=30)
        os.close(self._wake_read)
        os.close(self._wake_write)

    # -- the dispatch thread

    def _run(self) -> None:
        try:
            policed = time.monotonic()
            while not self._stopping:
                self._hand_out()
                spoke = self._wait()
                # police the workers at least every POLL_SECONDS, however often tasks arrive
                if self.pool.busy() and (spoke or time.monotonic() - policed >= POLL_SECONDS):
                    self._collect()
                    policed = time.monotonic()
        except Exception:  # a bug: say so, and let every request know rather than wait forever
            log.exception("the dispatcher stopped")
        finally:
            with self._lock:
                self._stopping = True
            self._abandon()
            self.pool.shutdown()

    def _hand_out(self) -> None:
        while self.pool.has_room():
            with self._lock:
                if not self._waiting:
                    return
                waiter = self._waiting.popleft()
            task = waiter[0]
            if waiter[2]():  # nobody waits for it any more
                continue
            with self._lock:
                self._reading[id(task)] = waiter
            failed = self.pool.submit(task)
            if failed is not None:
                self._finish(task, failed)

    def _wait(self) -> bool:
        """Until a task arrives (False), a worker has something to say or :data:`POLL_SECONDS` pass."""
        busy = [w for w in self.pool.workers if w.task is not None]
        ready = wait(
            [self._wake_read] + [w.conn for w in busy] + [w.process.sentinel for w in busy],
            timeout=POLL_SECONDS,
        )
        if self._wake_read not in ready:
            return True
        os.read(self._wake_read, 4096)
        return len(ready) > 1

    def _collect(self) -> None:
        for task, outcome in self.pool.collect():
            self._finish(task, outcome)

    def _finish(self, task: Task, outcome: Outcome) -> None:
        with self._lock:
            waiter = self._reading.pop(id(task), None)
        if waiter is not None:
            waiter[1](outcome)

    def _abandon(self) -> None:
        with self._lock:
            left = list(self._waiting) + list(self._reading.values())
            self._waiting.clear()
            self._reading.clear()
        for task, deliver, _ in left:
            deliver(Outcome(task.source, "the server stopped before reading it"))


def _settle(future: asyncio.Future, outcome: Outcome) -> None:
    if not future.done():
        future.set_result(outcome)


def start_pool(factory: Callable[[], Any], job: Any, settings: Any) -> Pool:
    """The pool of ``batch``: a forkserver (the server runs threads), the same limits."""
    return Pool(factory, job, settings.limits, settings.debug, settings.jobs, settings.page_seconds)
