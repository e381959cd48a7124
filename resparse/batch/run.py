"""``resparse batch``: many files, folders and archives in; one JSON per document out.

Why it is built the way it is:

* **Supervised workers** (:mod:`resparse.batch.worker`): each document is read in a worker
  process under a memory limit, stopped from outside past its CPU time; the batch goes on.
* **Streaming.** Inputs are walked lazily (:mod:`resparse.archives`), at most one document
  per worker is in flight, and in folder mode each worker writes its own output file, so
  no JSON is gathered in the parent. Output files are written to a temporary name and
  renamed, so an interrupted batch never leaves a half-written ``.json`` — which is what
  makes ``--resume`` ("skip documents whose output exists") safe.
* **Names are derived, never trusted** (:mod:`resparse.batch.names`): nothing is written
  outside OUT whatever an archive calls its members.
"""

from __future__ import annotations

import codecs
import functools
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
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
from resparse.batch.contexts import batch_context
from resparse.batch.names import NameAllocator, output_name
from resparse.batch.worker import Job, Outcome, Pool, Task, default_extract
from resparse.batch_outputs import Output, OutputError, open_output, write_atomic
from resparse.limits import DEFAULT_LIMITS, Limits


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
    if limits.max_memory_bytes <= 0:
        raise typer.BadParameter("must be more than 0", param_hint="--max-memory-mb")
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
    _extract: Job | None = None,
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
        _extract = functools.partial(default_extract, ocr=ocr)
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
        extract: Job | None,
    ) -> None:
        self.out = out
        self.messages = messages
        self.report = report
        self.limits = limits
        self.debug = debug
        self.pool = Pool(batch_context, extract, limits, debug, jobs)
        self.names = NameAllocator()
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

    def _next_task(self, items: Iterator[Item]) -> Task | None:
        """The next document needing a worker; failures and skips on the way are recorded here."""
        for item in items:
            if isinstance(item, Skipped):
                self.messages.line(f"resparse: {item.source}: {item.reason}")
                continue
            self.seen += 1
            order = self.seen - 1
            if isinstance(item, Broken):
                self._record(Outcome(item.source, item.reason), order)
                continue
            name = self.names.allocate(output_name(item.parts))
            if self.out.done(item, name):
                self.out.accept(order, None)
                self.report.skipped += 1
                self.completed += 1
                self._progress(item.source)
                continue
            path = str(item.path) if item.path is not None else None
            return Task(item.source, order, path=path, data=item.data, target=self.out.target(name))
        return None

    # -- outcomes

    def _record(self, outcome: Outcome, order: int) -> None:
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

    # -- the loop

    def run(self, inputs: Sequence[Path], options: WalkOptions) -> None:
        items = self._items(inputs, options)
        exhausted = False
        while True:
            while not exhausted and self.pool.has_room():
                task = self._next_task(items)
                if task is None:
                    exhausted = True
                    continue
                failed = self.pool.submit(task)
                if failed is not None:
                    self._record(failed, task.order)
            if not self.pool.busy():
                if exhausted:
                    return
                continue
            for task, outcome in self.pool.collect():
                self._record(outcome, task.order)

    def shutdown(self) -> None:
        self.pool.shutdown()
