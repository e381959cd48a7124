"""``resparse batch``: many files, folders and archives in; one JSON per document out.

Why it is built the way it is:

* **Supervised workers** (:mod:`resparse.batch.worker`): each document is read in a worker
  process under a memory limit, stopped from outside past its CPU time; the batch goes on.
* **Streaming.** Inputs are walked lazily (:mod:`resparse.batch.inputs`), at most one document
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
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resparse.batch.contexts import batch_context
from resparse.batch.inputs import (
    Broken,
    InputFile,
    Item,
    Skipped,
    WalkOptions,
    iter_input_files,
    readable,
    walk_bytes,
    walk_file,
)
from resparse.batch.names import NameAllocator, output_name
from resparse.batch.outputs import Output, OutputError, open_output
from resparse.batch.report import BatchReport, Messages, summary, write_failures
from resparse.batch.worker import Job, Outcome, Pool, Task, default_extract
from resparse.limits import DEFAULT_LIMITS, Limits

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
    page_seconds: float = 0.0,
    _extract: Job | None = None,
) -> BatchReport:
    """Convert every document among ``inputs`` into ``output`` (a folder or a ``.jsonl`` file).

    Failures are printed as ``resparse: NAME: reason`` as they happen and listed in
    ``OUTPUT.failures.jsonl`` beside the output; ``-`` among the inputs is standard input.
    ``_extract`` replaces :func:`resparse.pipeline.extract` in the workers
    (it must be a picklable module-level function) so that tests can simulate a hang.
    ``ocr`` ("auto", "always", "never") says when PDFs are read by OCR; ``page_seconds`` is what
    each PDF page adds to a document's time budget (:mod:`resparse.batch.budget`).
    """
    started = time.monotonic()
    workers_wanted = _validate(jobs, zip_encoding, limits)
    out = open_output(output, resume)
    messages = Messages(show_bar=not quiet and sys.stderr.isatty())
    report = BatchReport()
    if _extract is None and ocr != "auto":
        _extract = functools.partial(default_extract, ocr=ocr)
    pool = Pool(batch_context, _extract, limits, debug, workers_wanted, page_seconds)
    batch = _Batch(out, messages, report, pool)
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
        write_failures(out.failures_path, report.failures)
        report.replaced = out.replaced
        report.seconds = time.monotonic() - started
    if stopped:
        report.output_error = stopped[0]
        messages.line(f"resparse: {stopped[0]}")
    if not quiet:
        messages.line(summary(report, out.failures_path))
    return report


def _exit_on_sigterm() -> Any:
    """Turn SIGTERM into SystemExit so that ``finally`` kills the workers instead of orphaning them."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    return signal.signal(signal.SIGTERM, stop)


STDIN = "-"


@dataclass(frozen=True)
class _Unread:
    """An input given on the command line that is not there (or standard input too big): one
    line and exit 1, but not a document."""

    source: str
    reason: str


def _stdin_items(options: WalkOptions) -> Iterator[Item | _Unread]:
    """Standard input, read in chunks up to ``--max-file-mb``: a document or an archive."""
    from resparse.errors import InputError
    from resparse.limits import read_stream

    try:
        data = read_stream(sys.stdin.buffer, options.limits.max_file_bytes)
    except InputError as error:
        yield _Unread(STDIN, str(error))
        return
    yield from walk_bytes(data, STDIN, ("stdin",), options)


class _Batch:
    """The scheduling loop: pull items lazily, keep every worker busy, police the time limit."""

    def __init__(
        self,
        out: Output,
        messages: Messages,
        report: BatchReport,
        pool: Pool,
    ) -> None:
        self.out = out
        self.messages = messages
        self.report = report
        self.pool = pool
        self.names = NameAllocator()
        self.seen = 0
        self.remaining_inputs = 0
        self.completed = 0

    # -- items

    def _items(self, inputs: Sequence[Path], options: WalkOptions) -> Iterator[Item | _Unread]:
        """Standard input first (``-``), then the files, folders and archives in the order given."""
        files = [given for given in inputs if str(given) != STDIN]
        entries = list(iter_input_files(files, exclude=self.out.exclude()))
        given = {readable(str(path)) for path in files}
        self.remaining_inputs = len(entries)
        if len(files) < len(inputs):
            yield from _stdin_items(options)
        for entry in entries:
            self.remaining_inputs -= 1
            if isinstance(entry, InputFile):
                yield from walk_file(entry, options)
            elif isinstance(entry, Broken) and entry.source in given and entry.reason == "no such file":
                yield _Unread(entry.source, entry.reason)
            else:
                yield entry

    def _next_task(self, items: Iterator[Item]) -> Task | None:
        """The next document needing a worker; failures and skips on the way are recorded here."""
        for item in items:
            if isinstance(item, (Skipped, _Unread)):
                self.messages.line(f"resparse: {item.source}: {item.reason}")
                self.report.unread_inputs += isinstance(item, _Unread)
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
