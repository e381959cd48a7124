"""``resparse batch``: many files, folders and archives in; one JSON per document out.

Why it is built the way it is:

* **Supervised workers** (:mod:`resparse.batch.worker`): each document is read in a worker
  process under a memory limit, stopped from outside past its CPU time; the batch goes on.
  The workers are the local pool or a Dask cluster (:mod:`resparse.batch.engines`); the loop
  (:class:`~resparse.batch.execution.Execution`) is the one :func:`resparse.batch.convert` runs.
* **Streaming.** Inputs are walked lazily (:mod:`resparse.batch.inputs`), a few documents per
  worker are in flight, and in folder mode each document's file is written as soon as it
  is read, so no JSON is gathered in the parent. Output files are written to a temporary
  name and renamed, so an interrupted batch never leaves a half-written ``.json`` — which
  is what makes ``--resume`` ("skip documents whose output exists") safe.
* **Names are derived, never trusted** (:mod:`resparse.batch.names`): nothing is written
  outside OUT whatever an archive calls its members.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from resparse.batch.engines import Engine, Setup, open_engine
from resparse.batch.execution import Converted, Execution
from resparse.batch.inputs import Found, WalkOptions
from resparse.batch.names import NameAllocator, output_name
from resparse.batch.outputs import Output, OutputError, open_output
from resparse.batch.report import BatchReport, Messages, summary, write_failures
from resparse.batch.tasks import Job, default_extract
from resparse.limits import DEFAULT_LIMITS, Limits

# ----------------------------------------------------------------------------- the batch


def settings(
    jobs: int | None, zip_encoding: str | None, limits: Limits, ocr: str, job: Job | None
) -> tuple[Job | None, int]:
    """The job each worker runs and how many workers, after checking the options (a usage error)."""
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
    if job is None and ocr != "auto":
        job = functools.partial(default_extract, ocr=ocr)
    if jobs is not None:
        return job, jobs
    try:
        return job, len(os.sched_getaffinity(0))
    except AttributeError:
        return job, os.cpu_count() or 1


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
    page_seconds: float = 0.0,
    engine: str = "local",
    scheduler: str | None = None,
    _extract: Job | None = None,
) -> BatchReport:
    """Convert every document among ``inputs`` into ``output`` (a folder or a ``.jsonl`` file).

    Failures are printed as ``resparse: NAME: reason`` as they happen and listed in
    ``OUTPUT.failures.jsonl`` beside the output; ``-`` among the inputs is standard input.
    ``_extract`` (a picklable module-level function) replaces :func:`resparse.pipeline.extract`.
    ``ocr`` ("auto", "always", "never") says when PDFs are read by OCR; ``page_seconds`` is what
    each PDF page adds to a document's time budget (:mod:`resparse.batch.budget`).
    ``engine`` is "local" (worker processes here) or "dask" (the cluster at ``scheduler``, or
    a local one).
    """
    started = time.monotonic()
    job, workers = settings(jobs, zip_encoding, limits, ocr, _extract)
    out = open_output(output, resume)
    messages = Messages(show_bar=not quiet and sys.stderr.isatty())
    report = BatchReport()
    stopped: list[str] = []
    running: Engine | None = None
    try:
        with _sigterm_exits():
            setup = Setup(limits, job, debug, page_seconds)
            say = messages.line if not quiet else _silent
            running = open_engine(engine, setup, jobs=workers, scheduler=scheduler, say=say)
            _Batch(out, messages, report).run(running, inputs, WalkOptions(limits, zip_encoding))
    except OutputError as error:
        stopped.append(str(error))
    finally:
        _close(running, messages, out, report, stopped)
        report.seconds = time.monotonic() - started
    if stopped:
        report.output_error = stopped[0]
        messages.line(f"resparse: {stopped[0]}")
    if not quiet:
        messages.line(summary(report, out.failures_path))
    return report


def _close(
    running: Engine | None, messages: Messages, out: Output, report: BatchReport, stopped: list[str]
) -> None:
    """Stop the engine, then close the output and list the failures; a write that fails is noted."""
    if running is not None:
        running.shutdown()
    messages.close()
    try:
        out.close()
    except OutputError as error:
        stopped.append(str(error))
    write_failures(out.failures_path, report.failures)
    report.replaced = out.replaced


def _silent(text: str) -> None:
    pass


@contextlib.contextmanager
def _sigterm_exits() -> Iterator[None]:
    """SIGTERM as SystemExit while the batch runs, so that ``finally`` stops the workers instead
    of orphaning them; the previous handler comes back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Batch:
    """What ``batch`` does with each thing the execution yields: write it, count it, show it."""

    def __init__(self, out: Output, messages: Messages, report: BatchReport) -> None:
        self.out = out
        self.messages = messages
        self.report = report
        self.allocator = NameAllocator()
        self.names: dict[int, str] = {}
        """Output names of documents not yet written, by order (allocated in input order)."""
        self.completed = 0

    def run(self, engine: Engine, inputs: Sequence[Path], options: WalkOptions) -> None:
        execution = Execution(
            engine, options, exclude=self.out.exclude(), decide=self._done, pretty=self.out.form == "json"
        )
        self.execution = execution
        for order, converted in execution.run(inputs):
            self._record(order, converted)

    def _done(self, order: int, found: Found, sha: str | None) -> bool:
        """Allocate the document's output name; True when ``--resume`` finds its output there."""
        name = self.allocator.allocate(output_name(found.parts))
        self.names[order] = name
        return self.out.done(found, name)

    def _record(self, order: int, converted: Converted) -> None:
        report = self.report
        name = self.names.pop(order, None)
        if converted.note is not None:
            self.messages.line(f"resparse: {converted.source}: {converted.reason}")
            report.unread_inputs += converted.note == "unread"
            self.out.accept(order, None, None)
            return
        self.completed += 1
        if converted.skipped:
            report.skipped += 1
        elif converted.reason is None:
            report.documents += 1
            report.ok += 1
            report.warnings += converted.warnings > 0
        else:
            report.documents += 1
            report.failed += 1
            report.failures.append((converted.source, converted.reason))
            self.messages.line(f"resparse: {converted.source}: {converted.reason}")
            if converted.trace:
                self.messages.line(converted.trace.rstrip())
        self.out.accept(order, name, converted.json)
        total = self.execution.found + self.execution.remaining_inputs
        self.messages.update(self.completed, total, converted.source)
