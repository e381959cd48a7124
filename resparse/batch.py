"""``resparse batch``: many files, folders and archives in; one JSON per document out.

Why it is built the way it is:

* **Processes, one pipe each.** A pathological PDF can spin forever inside a C extension;
  only a process can be stopped from outside. Each worker has its own pipe, so the parent
  knows which document a stuck worker holds, kills just that worker after
  ``limits.seconds_per_document``, reports the document, and starts a fresh worker.
* **Forkserver, not fork.** The parent runs a progress-bar thread; forking a threaded
  process can copy a held lock into the child. Workers fork from a clean server instead.
* **Streaming.** Inputs are walked lazily (:mod:`resparse.archives`), at most one document
  per worker is in flight, and in folder mode each worker writes its own output file, so
  no JSON is gathered in the parent. Output files are written to a temporary name and
  renamed, so an interrupted batch never leaves a half-written ``.json`` — which is what
  makes ``--resume`` ("skip documents whose output exists") safe.
* **Names are derived, never trusted.** An output name is built from the source's path
  segments with separators, ``..`` and control characters removed; nothing is written
  outside OUT whatever an archive calls its members.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from resparse.archives import (
    Broken,
    InputFile,
    Item,
    Skipped,
    WalkOptions,
    iter_input_files,
    walk_file,
)
from resparse.batch_outputs import Output, OutputError, open_output, write_atomic
from resparse.errors import InputError, printable
from resparse.limits import DEFAULT_LIMITS, Limits

__all__ = [
    "BatchReport",
    "NameAllocator",
    "convert",
    "one_line",
    "output_name",
    "run_batch",
]

ExtractFn = Callable[..., Any]
"""``extract(bytes | Path, *, name, limits) -> Document``; replaceable in tests."""

_MAX_NAME_BYTES = 180
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
)
_UNSAFE_CHARS = frozenset('<>:"/\\|?*')


@dataclass
class BatchReport:
    """What a batch did; the CLI exits 1 when ``failed`` is non-zero."""

    documents: int = 0
    """Documents tried in this run (converted or failed; not the ones skipped by ``--resume``)."""
    ok: int = 0
    warnings: int = 0
    """Converted documents whose output lists warnings (included in ``ok``)."""
    failed: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    """``(source, reason)`` for every failed document, in the order they failed."""
    skipped: int = 0
    """Documents skipped by ``--resume`` because their output already exists."""
    output_error: str | None = None
    """Why the output could not be written (a full disk), which stopped the batch."""


# ----------------------------------------------------------------------------- naming (pure)


def one_line(text: str, limit: int = 300) -> str:
    """A reason for a ``resparse: FILE: reason`` line: whitespace collapsed, controls escaped, bounded."""
    flat = printable(" ".join(str(text).split()))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _safe_segment(segment: str) -> str:
    """One path segment with nothing a file system or a terminal could misread."""
    cleaned = "".join(
        "_" if (ch in _UNSAFE_CHARS or not ch.isprintable()) else ch
        for ch in unicodedata.normalize("NFC", segment)
    )
    return cleaned.strip().strip(".").strip()


def output_name(parts: Sequence[str]) -> str:
    """``("archive.zip", "docs", "решение.docx")`` → ``"archive.zip__docs__решение.json"``.

    Only the last segment loses its extension; empty, ``.``, ``..`` and root segments are
    dropped, so the result is always one plain file name inside OUT.
    """
    pieces = (piece for part in parts for piece in part.replace("\\", "/").split("/"))
    segments = [s for s in (_safe_segment(p) for p in pieces) if s]
    if segments:
        last = segments[-1]
        stem, dot, _ = last.rpartition(".")
        segments[-1] = (stem.strip().strip(".").strip() if dot and stem.strip(". ") else last) or last
    base = "__".join(segments) or "document"
    if base.split(".")[0].upper() in _WINDOWS_RESERVED:
        base = "_" + base
    encoded = base.encode("utf-8")
    if len(encoded) > _MAX_NAME_BYTES:
        import hashlib

        digest = hashlib.sha1(encoded).hexdigest()[:10]
        base = encoded[: _MAX_NAME_BYTES - 11].decode("utf-8", errors="ignore").rstrip(". ") + "-" + digest
    return base + ".json"


class NameAllocator:
    """Hands out unique output names in discovery order: ``a.json``, ``a-2.json``, …

    Case-insensitively, because OUT may live on a case-insensitive file system. The order of
    discovery is deterministic, so a ``--resume`` run assigns the same names again.
    """

    def __init__(self, reserved: Sequence[str] = ()) -> None:
        self._taken: set[str] = {name.casefold() for name in reserved}

    def allocate(self, name: str) -> str:
        stem, _, suffix = name.rpartition(".")
        candidate, number = name, 1
        while candidate.casefold() in self._taken:
            number += 1
            candidate = f"{stem}-{number}.{suffix}"
        self._taken.add(candidate.casefold())
        return candidate


def _seconds(value: float) -> str:
    return f"{value:g}"


# ----------------------------------------------------------------------------- the worker side


@dataclass(frozen=True)
class _Task:
    source: str
    order: int = 0
    """Position among the documents found, so JSON Lines come out in input order."""
    path: str | None = None
    data: bytes | None = field(default=None, repr=False)
    target: str | None = None
    """Output file (folder mode; the worker writes it) or None (JSON Lines: the line comes back)."""


@dataclass(frozen=True)
class _Outcome:
    source: str
    reason: str | None = None
    """None when the document was converted."""
    warnings: int = 0
    line: str | None = None
    trace: str | None = None


def _default_extract(source: bytes | Path, *, name: str, limits: Limits, ocr: str = "auto") -> Any:
    from resparse.pipeline import extract

    return extract(source, name=name, limits=limits, ocr=ocr)  # type: ignore[arg-type]


def convert(task: _Task, extract: ExtractFn, limits: Limits, debug: bool) -> _Outcome:
    """Convert one document and write (or return) its JSON; every exception becomes a reason."""
    from resparse.emit import dumps

    try:
        source: bytes | Path = Path(task.path) if task.path is not None else (task.data or b"")
        document = extract(source, name=task.source, limits=limits)
    except InputError as error:
        return _Outcome(task.source, one_line(str(error)) or "cannot be read", trace=_trace(debug))
    except Exception as error:  # a bug or a library failing on a weird file: this document only
        reason = f"internal error ({type(error).__name__}: {one_line(str(error), 200)})"
        return _Outcome(task.source, reason, trace=_trace(debug))
    try:
        if task.target is not None:
            write_atomic(Path(task.target), dumps([document], "json"))
            line = None
        else:
            line = dumps([document], "jsonl")
    except OSError as error:
        return _Outcome(
            task.source, f"cannot write the output ({one_line(str(error), 200)})", trace=_trace(debug)
        )
    except Exception as error:
        reason = f"internal error ({type(error).__name__}: {one_line(str(error), 200)})"
        return _Outcome(task.source, reason, trace=_trace(debug))
    return _Outcome(task.source, warnings=len(getattr(document, "warnings", ()) or ()), line=line)


def _trace(debug: bool) -> str | None:
    return traceback.format_exc() if debug else None


def _worker_main(conn: Connection, extract: ExtractFn | None, limits: Limits, debug: bool) -> None:
    """Loop in a worker process: a task in, an outcome out, until the parent says stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    if sys.platform.startswith("linux"):  # die with the forkserver, which exits with the batch
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    run = extract or _default_extract
    while True:
        try:
            task = conn.recv()
            if task is None:
                return
            conn.send(convert(task, run, limits, debug))
        except (EOFError, OSError):  # the parent is gone (killed): nobody to tell
            return


class _Worker:
    """One worker process, the document it holds and when that document's time runs out."""

    def __init__(self, context: Any, extract: ExtractFn | None, limits: Limits, debug: bool) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(child, extract, limits, debug), daemon=True, name="resparse-worker"
        )
        self.process.start()
        child.close()
        self.task: _Task | None = None
        self.deadline = 0.0

    def give(self, task: _Task, seconds: float) -> None:
        self.task = task
        self.deadline = time.monotonic() + seconds
        self.conn.send(task)

    def stop(self, graceful: bool) -> None:
        if graceful and self.task is None and self.process.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(None)

    def join(self, graceful: bool) -> None:
        if graceful:
            self.process.join(timeout=2)
        if self.process.is_alive():
            pid = self.process.pid
            for child in _descendants(pid) if pid else []:  # soffice, tesseract: not to be orphaned
                with contextlib.suppress(OSError):
                    os.kill(child, signal.SIGKILL)
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()
        # still running after SIGKILL means stuck in the kernel: leave it to the OS
        with contextlib.suppress(ValueError):
            self.process.close()


def _descendants(pid: int) -> list[int]:
    """Children, grandchildren… of ``pid``, read from ``/proc`` (Linux); empty where there is none.

    Killing a stuck worker must also stop the converters it started, or they run on as orphans.
    """
    children: dict[int, list[int]] = {}
    try:
        entries = list(os.scandir("/proc"))
    except OSError:
        return []
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stream:
                fields = stream.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    found: list[int] = []
    queue = list(children.get(pid, []))
    while queue:
        child = queue.pop()
        if child not in found:
            found.append(child)
            queue.extend(children.get(child, []))
    return found


def _context() -> Any:
    """Forkserver where there is one (POSIX), spawn elsewhere; the server preloads the pipeline."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # Only the core: a reader module broken by an edit must fail its documents, not the server.
        context.set_forkserver_preload(["resparse.batch", "resparse.pipeline", "resparse.emit"])
        return context
    return multiprocessing.get_context("spawn")


# ----------------------------------------------------------------------------- progress and messages


class _Messages:
    """Lines for people on stderr, above a rich progress bar when stderr is a terminal."""

    def __init__(self, show_bar: bool) -> None:
        self.progress: Any = None
        self.task_id: Any = None
        if show_bar:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.progress = Progress(
                SpinnerColumn(),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.description}", markup=False),
                console=Console(stderr=True),
                transient=True,
            )
            self.task_id = self.progress.add_task("", total=None)
            self.progress.start()

    def line(self, text: str) -> None:
        if self.progress is not None:
            self.progress.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            sys.stderr.write(text + "\n")
            sys.stderr.flush()

    def update(self, completed: int, total: int, current: str = "") -> None:
        if self.progress is not None:
            self.progress.update(
                self.task_id, completed=completed, total=max(total, completed), description=current
            )

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


# ----------------------------------------------------------------------------- the batch


def _validate(jobs: int | None, zip_encoding: str | None, limits: Limits) -> int:
    import typer

    if jobs is not None and jobs < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--jobs")
    if zip_encoding is not None:
        try:
            codecs.lookup(zip_encoding)
        except LookupError:
            raise typer.BadParameter(
                f"unknown encoding {zip_encoding!r}", param_hint="--zip-encoding"
            ) from None
    if limits.seconds_per_document <= 0:
        raise typer.BadParameter("must be more than 0", param_hint="--timeout")
    if jobs is not None:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def run_batch(
    inputs: list[Path],
    output: Path,
    *,
    jobs: int | None = None,
    resume: bool = False,
    zip_encoding: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    quiet: bool = False,
    debug: bool = False,
    ocr: str = "auto",
    _extract: ExtractFn | None = None,
) -> BatchReport:
    """Convert every document among ``inputs`` into ``output`` (a folder or a ``.jsonl`` file).

    Failures are printed as ``resparse: NAME: reason`` as they happen and listed in a
    ``failures.jsonl``; ``_extract`` replaces :func:`resparse.pipeline.extract` in the workers
    (it must be a picklable module-level function) so that tests can simulate a hang.
    ``ocr`` ("auto", "always", "never") says when PDFs are read by OCR.
    """
    started = time.monotonic()
    workers_wanted = _validate(jobs, zip_encoding, limits)
    out = open_output(output, resume)
    messages = _Messages(show_bar=not quiet and sys.stderr.isatty())
    report = BatchReport()
    if _extract is None and ocr != "auto":
        _extract = functools.partial(_default_extract, ocr=ocr)
    batch = _Batch(out, messages, report, limits, debug, workers_wanted, _extract)
    previous = _exit_on_sigterm()
    stopped: list[str] = []
    try:
        batch.run(inputs, WalkOptions(limits=limits, zip_encoding=zip_encoding))
    except OutputError as error:
        stopped.append(str(error))
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        batch.shutdown()
        messages.close()
        try:
            out.close()
        except OutputError as error:
            stopped.append(str(error))
        _write_failures(out.failures_path, report.failures)
        report.seconds = time.monotonic() - started
    if stopped:
        report.output_error = stopped[0]
        messages.line(f"resparse: {stopped[0]}")
    if not quiet:
        messages.line(_summary(report, out.failures_path))
    return report


def _exit_on_sigterm() -> Any:
    """Turn SIGTERM into SystemExit so that ``finally`` kills the workers instead of orphaning them."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    return signal.signal(signal.SIGTERM, stop)


def _write_failures(path: Path, failures: list[tuple[str, str]]) -> None:
    """``failures.jsonl`` lists this run's failures; a stale one from an earlier run is removed."""
    try:
        if failures:
            text = "".join(
                json.dumps({"source": source, "reason": reason}, ensure_ascii=False) + "\n"
                for source, reason in failures
            )
            write_atomic(path, text)
        else:
            path.unlink(missing_ok=True)
    except OSError as error:
        sys.stderr.write(f"resparse: {path}: cannot write the failure list ({error.strerror or error})\n")


def _summary(report: BatchReport, failures_path: Path) -> str:
    rate = report.documents / report.seconds if report.seconds > 0 else 0.0
    text = (
        f"{report.documents} documents: {report.ok} ok ({report.warnings} with warnings), "
        f"{report.failed} failed"
    )
    if report.skipped:
        text += f", {report.skipped} skipped (already converted)"
    text += f" — {report.seconds:.1f} s, {rate:.1f} documents/s"
    if report.failed:
        text += f"; failures listed in {failures_path}"
    return text + ("; stopped: the output could not be written" if report.output_error else "")


class _Batch:
    """The scheduling loop: pull items lazily, keep every worker busy, police the time limit."""

    def __init__(
        self,
        out: Output,
        messages: _Messages,
        report: BatchReport,
        limits: Limits,
        debug: bool,
        jobs: int,
        extract: ExtractFn | None,
    ) -> None:
        self.out = out
        self.messages = messages
        self.report = report
        self.limits = limits
        self.debug = debug
        self.jobs = jobs
        self.extract = extract
        self.names = NameAllocator()
        self.workers: list[_Worker] = []
        self.context: Any = None
        self.seen = 0
        self.remaining_inputs = 0
        self.completed = 0

    # -- items

    def _items(self, inputs: Sequence[Path], options: WalkOptions) -> Iterator[Item]:
        entries = list(iter_input_files(inputs, exclude=self.out.exclude()))
        self.remaining_inputs = len(entries)
        for entry in entries:
            self.remaining_inputs -= 1
            if isinstance(entry, InputFile):
                yield from walk_file(entry, options)
            else:
                yield entry

    def _next_task(self, items: Iterator[Item]) -> _Task | None:
        """The next document needing a worker; failures and skips on the way are recorded here."""
        for item in items:
            if isinstance(item, Skipped):
                self.messages.line(f"resparse: {item.source}: {item.reason}")
                continue
            self.seen += 1
            order = self.seen - 1
            if isinstance(item, Broken):
                self._record(_Outcome(item.source, item.reason), order)
                continue
            name = self.names.allocate(output_name(item.parts))
            if self.out.done(item, name):
                self.out.accept(order, None)
                self.report.skipped += 1
                self.completed += 1
                self._progress(item.source)
                continue
            path = str(item.path) if item.path is not None else None
            return _Task(item.source, order, path=path, data=item.data, target=self.out.target(name))
        return None

    # -- outcomes

    def _record(self, outcome: _Outcome, order: int) -> None:
        report = self.report
        report.documents += 1
        self.completed += 1
        if outcome.reason is None:
            report.ok += 1
            if outcome.warnings:
                report.warnings += 1
            self.out.accept(order, outcome.line)
        else:
            self.out.accept(order, None)
            report.failed += 1
            report.failures.append((outcome.source, outcome.reason))
            self.messages.line(f"resparse: {outcome.source}: {outcome.reason}")
            if outcome.trace:
                self.messages.line(outcome.trace.rstrip())
        self._progress(outcome.source)

    def _progress(self, current: str) -> None:
        self.messages.update(self.completed, self.seen + self.remaining_inputs, current)

    # -- workers

    def _spawn(self) -> _Worker:
        if self.context is None:
            self.context = _context()
        worker = _Worker(self.context, self.extract, self.limits, self.debug)
        self.workers.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker (stuck or dead) and forget it; a fresh one is started when needed."""
        self.workers.remove(worker)
        worker.task = None
        worker.join(graceful=False)

    def _dispatch(self, task: _Task) -> None:
        """Hand ``task`` to an idle or new worker; a worker found dead is replaced once."""
        idle = next((w for w in self.workers if w.task is None), None)
        problem = "unknown"
        for attempt in range(2):
            try:
                worker = idle if idle is not None and attempt == 0 else self._spawn()
            except Exception as error:  # no processes left, forkserver gone: say so per document
                problem = f"{type(error).__name__}: {one_line(str(error), 200)}"
                continue
            try:
                worker.give(task, self.limits.seconds_per_document)
                return
            except OSError as error:  # the worker died between two documents
                problem = f"{type(error).__name__}: {one_line(str(error), 200)}"
                self._retire(worker)
        self._record(_Outcome(task.source, f"worker process could not be started ({problem})"), task.order)

    def run(self, inputs: Sequence[Path], options: WalkOptions) -> None:
        items = self._items(inputs, options)
        exhausted = False
        while True:
            while not exhausted and (
                len(self.workers) < self.jobs or any(w.task is None for w in self.workers)
            ):
                task = self._next_task(items)
                if task is None:
                    exhausted = True
                else:
                    self._dispatch(task)
            busy = [w for w in self.workers if w.task is not None]
            if not busy:
                if exhausted:
                    return
                continue
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=timeout)
            for worker in busy:
                self._check(worker)

    def _check(self, worker: _Worker) -> None:
        task = worker.task
        assert task is not None
        if worker.conn.poll():
            try:
                outcome = worker.conn.recv()
            except (EOFError, OSError):
                reason = _died(worker)
                self._retire(worker)
                self._record(_Outcome(task.source, reason), task.order)
                return
            worker.task = None
            self._record(outcome, task.order)
        elif not worker.process.is_alive():
            reason = _died(worker)
            self._retire(worker)
            self._record(_Outcome(task.source, reason), task.order)
        elif time.monotonic() >= worker.deadline:
            self._retire(worker)
            self._record(
                _Outcome(
                    task.source, f"took longer than {_seconds(self.limits.seconds_per_document)} s (stopped)"
                ),
                task.order,
            )

    def shutdown(self) -> None:
        graceful = all(w.task is None for w in self.workers)
        for worker in self.workers:
            worker.stop(graceful)
        for worker in self.workers:
            worker.join(graceful)
        self.workers.clear()


def _died(worker: _Worker) -> str:
    """Why a worker vanished: the signal that killed it (often the OOM killer) or its exit code."""
    worker.process.join(timeout=1)
    code = worker.process.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"worker process died while reading it ({name})"
    return f"worker process died while reading it (exit code {code})"
