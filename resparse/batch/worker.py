"""One document at a time in a child process, under limits set and enforced from outside.

Every document a command reads — ``batch``, and ``extract`` and ``layout`` as a batch of one —
goes through a :class:`Pool` of these workers:

* **Memory.** The worker caps its own address space (``RLIMIT_AS``) before it reads anything,
  so no reader, Python or native, can take more than ``--max-memory-mb``. Python code that runs
  out gets a :class:`MemoryError`; native code may fail with another message or crash, so the
  parent also watches the worker's address space and names the memory limit when a document
  failed in a worker that reached it. Such a worker is replaced.
* **Time.** The parent reads each worker's CPU time (``/proc/PID/stat``, the converters it
  waited for included) every :data:`POLL_SECONDS` and kills it past ``--timeout``: a busy
  machine does not fail a cheap document, and no native loop outlives its limit. A worker that
  sleeps or blocks is killed after :data:`WALL_CLOCK_FACTOR` times that of wall-clock time.
  Without ``/proc`` the wall clock at ``--timeout`` is all there is.
* **A pipe per worker**, so the parent knows which document a stuck worker holds, kills just
  that worker (and what it started), reports the document and starts a fresh one.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resparse.batch.budget import Budget, pdf_budget, time_reason, within
from resparse.batch.contexts import single_context
from resparse.batch.names import one_line
from resparse.batch.outputs import write_atomic
from resparse.batch.procs import (
    cap_address_space,
    crashed_near_the_cap,
    descendants,
    end_with_the_pipe,
    peak_address_space,
    usage,
)
from resparse.errors import InputError
from resparse.limits import (
    MEMORY_ALARM,
    POLL_SECONDS,
    WALL_CLOCK_FACTOR,
    Limits,
    memory_reason,
    wall_clock_reason,
)

if TYPE_CHECKING:
    from resparse.emit import Format

Job = Callable[..., Any]
"""``job(bytes | Path, *, name, limits) -> Document`` (or any picklable value); module-level."""


@dataclass(frozen=True)
class Task:
    source: str
    order: int = 0
    """Position among the documents found, so JSON Lines come out in input order."""
    path: str | None = None
    data: bytes | None = field(default=None, repr=False)
    target: str | None = None
    """Output file (folder mode; the worker writes it) or None."""
    keep: bool = False
    """Send the job's value itself back (``extract``, ``layout``) rather than a JSON line."""
    form: Format = "jsonl"
    """How the JSON sent back is laid out: one line ("jsonl") or indented ("json", a file's)."""


@dataclass(frozen=True)
class Outcome:
    source: str
    reason: str | None = None
    """None when the document was converted."""
    warnings: int = 0
    line: str | None = None
    value: Any = field(default=None, repr=False)
    trace: str | None = None
    retire: bool = False
    """The worker came near its memory limit: replace it."""


def default_extract(source: bytes | Path, *, name: str, limits: Limits, ocr: str = "auto") -> Any:
    from resparse.pipeline import extract

    return extract(source, name=name, limits=limits, ocr=ocr)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- inside the worker


def convert(task: Task, job: Job, limits: Limits, debug: bool) -> Outcome:
    """Run ``job`` on one document and write, format or keep its result; every exception a reason."""
    try:
        source: bytes | Path = Path(task.path) if task.path is not None else (task.data or b"")
        result = job(source, name=task.source, limits=limits)
    except MemoryError:
        return Outcome(task.source, memory_reason(limits.max_memory_bytes), trace=_trace(debug), retire=True)
    except Exception as error:
        return Outcome(task.source, _reason(error, limits), trace=_trace(debug))
    try:
        return _deliver(task, result)
    except MemoryError:
        return Outcome(task.source, memory_reason(limits.max_memory_bytes), trace=_trace(debug), retire=True)
    except OSError as error:
        reason = f"cannot write the output ({one_line(str(error), 200)})"
        return Outcome(task.source, reason, trace=_trace(debug))
    except Exception as error:
        return Outcome(task.source, _reason(error, limits), trace=_trace(debug))


def _deliver(task: Task, result: Any) -> Outcome:
    from resparse.emit import dumps

    if task.keep:
        return Outcome(task.source, warnings=_warnings(result), value=result)
    if task.target is not None:
        write_atomic(Path(task.target), dumps([result], "json"))
        return Outcome(task.source, warnings=_warnings(result))
    return Outcome(task.source, warnings=_warnings(result), line=dumps([result], task.form))


def _reason(error: Exception, limits: Limits) -> str:
    if _near_memory_limit(limits):  # a reader that ran out in native code says something else
        return memory_reason(limits.max_memory_bytes)
    if isinstance(error, InputError):
        return input_reason(error)
    # a bug or a library failing on a weird file: this document only
    return f"internal error ({type(error).__name__}: {one_line(str(error), 200)})"


def input_reason(error: InputError) -> str:
    """What a document that cannot be read says: the reader's message on one line."""
    reason = one_line(str(error)) or "cannot be read"
    if "took longer than" in reason and "--timeout" not in reason:  # the OCR's own deadline
        reason += " (stopped; see --timeout)"
    return reason


def _warnings(result: Any) -> int:
    return len(getattr(result, "warnings", ()) or ())


def _trace(debug: bool) -> str | None:
    return traceback.format_exc() if debug else None


def _near_memory_limit(limits: Limits) -> bool:
    """The worker's address space peaked near the limit (False where unknown)."""
    peak = peak_address_space()
    return peak is not None and peak >= MEMORY_ALARM * limits.max_memory_bytes


def worker_main(
    conn: Connection, job: Job | None, limits: Limits, debug: bool, page_seconds: float = 0.0
) -> None:
    """Loop in a worker process: a task in, (its budget and) an outcome out, until the parent says stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    if sys.platform.startswith("linux"):  # die with the parent (the forkserver, or the command)
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    end_with_the_pipe(conn.fileno())  # whoever sent the documents is gone: stop, even mid-document
    cap_address_space(limits.max_memory_bytes)
    run = job or default_extract
    while True:
        try:
            task = conn.recv()
            if task is None:
                return
            outcome = convert(task, run, _budgeted(conn, task, limits, page_seconds), debug)
            if not outcome.retire and _near_memory_limit(limits):
                outcome = Outcome(**{**outcome.__dict__, "retire": True})
            try:
                conn.send(outcome)
            except MemoryError:  # the result itself is too big to send
                conn.send(Outcome(task.source, memory_reason(limits.max_memory_bytes), retire=True))
            if outcome.retire:
                return
        except (EOFError, OSError):  # the parent is gone (killed): nobody to tell
            return
        except Exception:  # out of memory, CPython 3.11 may fail a call with SystemError: the
            return  # parent reports the document (the memory limit, or the worker's death)


def _budgeted(conn: Connection, task: Task, limits: Limits, page_seconds: float) -> Limits:
    """The limits ``task`` is read under; a PDF's larger budget is told to the parent first."""
    budget = pdf_budget(task, limits, page_seconds) if page_seconds > 0 else None
    if budget is None:
        return limits
    conn.send(budget)
    return within(limits, budget)


# ----------------------------------------------------------------------------- the parent side


class Worker:
    """One worker process, the document it holds, and what that document has used so far."""

    def __init__(
        self, context: Any, job: Job | None, limits: Limits, debug: bool, page_seconds: float
    ) -> None:
        for stream in (sys.stdout, sys.stderr):  # a forked child must not repeat buffered output
            with contextlib.suppress(Exception):
                stream.flush()
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=worker_main,
            args=(child, job, limits, debug, page_seconds),
            daemon=True,
            name="resparse-worker",
        )
        self.process.start()
        child.close()
        self.limits = limits
        self.task: Task | None = None
        self.budget: Budget | None = None
        """What the worker said the document may take, when not the plain ``--timeout``."""
        self.started = self.cpu_start = 0.0
        self.peak = 0

    def give(self, task: Task) -> None:
        self.task, self.budget, self.started, self.peak = task, None, time.monotonic(), 0
        measured = usage(self.process.pid or 0)
        self.cpu_start = measured[0] if measured else 0.0
        self.conn.send(task)

    def overrun(self) -> str | None:
        """Why the document must be stopped now, or None."""
        seconds = within(self.limits, self.budget).seconds_per_document
        elapsed = time.monotonic() - self.started
        measured = usage(self.process.pid or 0)
        if measured is None:  # no /proc: the wall clock is all there is
            return time_reason(self.limits, self.budget) if elapsed >= seconds else None
        cpu, space = measured
        self.peak = max(self.peak, space)
        if cpu - self.cpu_start >= seconds:
            return time_reason(self.limits, self.budget)
        if space > self.limits.max_memory_bytes:  # where RLIMIT_AS could not be set
            return memory_reason(self.limits.max_memory_bytes)
        if elapsed >= seconds * WALL_CLOCK_FACTOR:
            return wall_clock_reason(seconds)
        return None

    def died(self) -> str:
        """Why the worker vanished: the memory limit, the signal that killed it, or its exit code."""
        self.process.join(timeout=1)
        code = self.process.exitcode
        cap = self.limits.max_memory_bytes
        if self.peak >= MEMORY_ALARM * cap or crashed_near_the_cap(code, self.peak, cap):
            return memory_reason(self.limits.max_memory_bytes)
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return f"worker process died while reading it ({name})"
        return f"worker process died while reading it (exit code {code})"

    def stop(self, graceful: bool) -> None:
        if graceful and self.task is None and self.process.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(None)

    def join(self, graceful: bool) -> None:
        if graceful:
            self.process.join(timeout=2)
        if self.process.is_alive():
            pid = self.process.pid
            for child in descendants(pid) if pid else []:  # soffice, tesseract: not to be orphaned
                with contextlib.suppress(OSError):
                    os.kill(child, signal.SIGKILL)
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()
        # still running after SIGKILL means stuck in the kernel: leave it to the OS
        with contextlib.suppress(ValueError):
            self.process.close()


class Pool:
    """Up to ``jobs`` workers; documents in, ``(task, outcome)`` pairs out as they finish."""

    def __init__(
        self,
        context: Callable[[], Any],
        job: Job | None,
        limits: Limits,
        debug: bool,
        jobs: int,
        page_seconds: float = 0.0,
    ):
        self._context_factory = context
        self._context: Any = None
        self.job, self.limits, self.debug, self.jobs = job, limits, debug, jobs
        self.page_seconds = page_seconds
        """Seconds a PDF page adds to the default budget (0: ``--timeout`` given, or no OCR)."""
        self.workers: list[Worker] = []

    def has_room(self) -> bool:
        return len(self.workers) < self.jobs or any(w.task is None for w in self.workers)

    def busy(self) -> bool:
        return any(w.task is not None for w in self.workers)

    def _spawn(self) -> Worker:
        if self._context is None:
            self._context = self._context_factory()
        worker = Worker(self._context, self.job, self.limits, self.debug, self.page_seconds)
        self.workers.append(worker)
        return worker

    def _retire(self, worker: Worker) -> None:
        """Kill a worker (stuck, dead or near its memory limit) and forget it."""
        self.workers.remove(worker)
        worker.task = None
        worker.join(graceful=False)

    def submit(self, task: Task) -> Outcome | None:
        """Hand ``task`` to an idle or new worker (a dead one is replaced once); an outcome if none starts."""
        idle = next((w for w in self.workers if w.task is None), None)
        problem = "unknown"
        for attempt in range(2):
            try:
                worker = idle if idle is not None and attempt == 0 else self._spawn()
            except Exception as error:  # no processes left, forkserver gone: say so per document
                problem = f"{type(error).__name__}: {one_line(str(error), 200)}"
                continue
            try:
                worker.give(task)
                return None
            except OSError as error:  # the worker died between two documents
                problem = f"{type(error).__name__}: {one_line(str(error), 200)}"
                self._retire(worker)
        return Outcome(task.source, f"worker process could not be started ({problem})")

    def collect(self) -> list[tuple[Task, Outcome]]:
        """Wait up to :data:`POLL_SECONDS` for workers; what finished, failed or overran meanwhile."""
        busy = [w for w in self.workers if w.task is not None]
        wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=POLL_SECONDS)
        finished = []
        for worker in busy:
            task = worker.task
            outcome = self._check(worker)
            if task is not None and outcome is not None:
                finished.append((task, outcome))
        return finished

    def _check(self, worker: Worker) -> Outcome | None:
        task = worker.task
        assert task is not None
        while worker.conn.poll():
            try:
                outcome: Outcome | Budget = worker.conn.recv()
            except (EOFError, OSError):
                outcome = Outcome(task.source, worker.died())
                self._retire(worker)
                return outcome
            if isinstance(outcome, Budget):  # said before the document is read
                worker.budget = outcome
                continue
            worker.task = None
            if outcome.retire:
                self._retire(worker)
            return outcome
        if not worker.process.is_alive():
            outcome = Outcome(task.source, worker.died())
        else:
            reason = worker.overrun()
            if reason is None:
                return None
            outcome = Outcome(task.source, reason)
        self._retire(worker)
        return outcome

    def shutdown(self) -> None:
        graceful = all(w.task is None for w in self.workers)
        for worker in self.workers:
            worker.stop(graceful)
        for worker in self.workers:
            worker.join(graceful)
        self.workers.clear()


def run_each(
    tasks: Iterable[Task], job: Job, limits: Limits, debug: bool, page_seconds: float = 0.0
) -> Iterator[Outcome]:
    """Outcomes of ``tasks`` in order, each read by one supervised worker (a batch of one each)."""
    pool = Pool(single_context, job, limits, debug, jobs=1, page_seconds=page_seconds)
    try:
        for task in tasks:
            failed = pool.submit(task)
            if failed is not None:
                yield failed
                continue
            while pool.busy():
                for _, outcome in pool.collect():
                    yield outcome
    finally:
        pool.shutdown()
