"""The one execution path: inputs walked lazily, documents handed to an engine, results back.

:func:`convert` (public, ``resparse.batch.convert``) yields a :class:`Converted` for everything
the inputs hold, in input order; ``resparse batch`` (:mod:`resparse.batch.run`) and
``resparse registry build`` both read documents through it (``batch`` takes them as they finish,
through :class:`Execution` itself, so that a folder's files are written at once).

Submission is bounded twice: an engine holds a few documents per worker at most
(``has_room``), and no document is submitted more than :data:`MAX_AHEAD` places past the
oldest one still being read, so what waits to be yielded in input order stays bounded too.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from resparse.batch.engines import Engine, Say, Setup, open_engine
from resparse.batch.inputs import (
    Broken,
    Found,
    InputFile,
    Item,
    Skipped,
    WalkOptions,
    iter_input_files,
    readable,
    walk_bytes,
    walk_file,
)
from resparse.batch.worker import Job, Outcome, Task, input_reason
from resparse.limits import Limits

__all__ = ["MAX_AHEAD", "STDIN", "Converted", "Execution", "convert"]

MAX_AHEAD = 1000
"""Documents submitted past the oldest one still being read, at most: bounds the finished
results held back so that they come out in input order."""

STDIN = "-"

Note = Literal["ignored", "unread"]


@dataclass(frozen=True)
class Converted:
    """What became of one thing the inputs hold: a document (converted, failed or skipped) or a note."""

    source: str
    """The document's name for people and for ``source.path``: ``archive.zip/folder/a.docx``."""
    parts: tuple[str, ...] = ()
    """Path segments relative to the input, for naming an output (empty for a note)."""
    sha256: str | None = None
    """Of the document's bytes (None where they could not be read, or were not hashed)."""
    json: str | None = None
    """The document as JSON: one line, or indented with ``pretty``; None unless converted."""
    reason: str | None = None
    """One line: why the document failed (or, for a note, why it was left alone)."""
    warnings: int = 0
    """How many warnings the converted document lists."""
    skipped: bool = False
    """``skip`` said it is known already: not converted (``json`` and ``reason`` are None)."""
    note: Note | None = None
    """Not a document: "ignored" (a symlink or device in an archive, left alone on purpose) or
    "unread" (an input given that is not there, standard input over the size limit)."""
    trace: str | None = None
    """The traceback of a failure, with ``debug``."""

    @property
    def failed(self) -> bool:
        return self.reason is not None and self.note is None


Decide = Callable[[int, Found, "str | None"], bool]
"""``decide(order, found, sha256) -> True`` when the document is not to be converted."""


class Execution:
    """The loop: pull items lazily, keep the engine busy, turn outcomes into :class:`Converted`.

    :meth:`run` yields ``(order, converted)`` as documents finish; ``order`` numbers everything
    yielded (notes too) in input order, from 0 without gaps.
    """

    def __init__(
        self,
        engine: Engine,
        options: WalkOptions,
        *,
        exclude: Sequence[Path] = (),
        decide: Decide | None = None,
        hash_documents: bool = False,
        pretty: bool = False,
    ) -> None:
        self.engine = engine
        self.options = options
        self.exclude = list(exclude)
        self.decide = decide
        self.hash_documents = hash_documents
        self.form: Literal["json", "jsonl"] = "json" if pretty else "jsonl"
        self.flying: dict[int, tuple[tuple[str, ...], str | None]] = {}
        """Documents being read: their order, parts and sha256."""
        self.found = 0
        """Everything met so far (what the next order number is)."""
        self.remaining_inputs = 0
        """Inputs given (files, folders' files) not yet opened: for a progress bar's total."""

    # -- the loop

    def run(self, inputs: Sequence[Path]) -> Iterator[tuple[int, Converted]]:
        items = self._items(inputs)
        exhausted = False
        while True:
            while not exhausted and self.engine.has_room() and self._within_window():
                step = self._next(items)
                if step is None:
                    exhausted = True
                elif isinstance(step, Task):
                    failed = self.engine.submit(step)
                    if failed is not None:
                        yield step.order, self._finished(step, failed)
                else:
                    yield step
            if not self.engine.busy():
                if exhausted:
                    return
                continue
            for task, outcome in self.engine.collect():
                yield task.order, self._finished(task, outcome)

    def _within_window(self) -> bool:
        return not self.flying or self.found - min(self.flying) < MAX_AHEAD

    def _finished(self, task: Task, outcome: Outcome) -> Converted:
        parts, sha = self.flying.pop(task.order)
        return Converted(
            task.source,
            parts,
            sha,
            json=outcome.line if outcome.reason is None else None,
            reason=outcome.reason,
            warnings=outcome.warnings,
            trace=outcome.trace,
        )

    # -- items

    def _next(self, items: Iterator[Item | _Unread]) -> Task | tuple[int, Converted] | None:
        """The next document to submit, or the next thing to yield at once; None at the end."""
        for item in items:
            order = self.found
            self.found += 1
            if isinstance(item, (Skipped, _Unread)):
                note: Note = "unread" if isinstance(item, _Unread) else "ignored"
                return order, Converted(item.source, reason=item.reason, note=note)
            if isinstance(item, Broken):
                return order, Converted(item.source, reason=item.reason)
            return self._task(item, order)
        return None

    def _task(self, found: Found, order: int) -> Task | tuple[int, Converted]:
        data, path = found.data, found.path
        sha: str | None = None
        if self.hash_documents:
            data, reason = self._bytes(found)
            if data is None:
                return order, Converted(found.source, found.parts, reason=reason)
            sha = hashlib.sha256(data).hexdigest()
        if self.decide is not None and self.decide(order, found, sha):
            return order, Converted(found.source, found.parts, sha, skipped=True)
        if data is None and self.engine.needs_bytes:
            data, reason = self._bytes(found)
            if data is None:
                return order, Converted(found.source, found.parts, reason=reason)
        self.flying[order] = (found.parts, sha)
        path_text = str(path) if data is None and path is not None else None
        return Task(found.source, order, path=path_text, data=data, form=self.form)

    def _bytes(self, found: Found) -> tuple[bytes | None, str | None]:
        """The document's bytes, read here (under the file size limit), or why they cannot be."""
        if found.data is not None or found.path is None:
            return found.data or b"", None
        from resparse.errors import InputError
        from resparse.extract import _read_file  # the reader's own checks and messages

        try:
            return _read_file(found.path, self.options.limits), None
        except InputError as error:
            return None, input_reason(error)

    def _items(self, inputs: Sequence[Path]) -> Iterator[Item | _Unread]:
        """Standard input first (``-``), then the files, folders and archives in the order given."""
        files = [given for given in inputs if str(given) != STDIN]
        entries = list(iter_input_files(files, exclude=self.exclude))
        given = {readable(str(path)) for path in files}
        self.remaining_inputs = len(entries)
        if len(files) < len(inputs):
            yield from _stdin_items(self.options)
        for entry in entries:
            self.remaining_inputs -= 1
            if isinstance(entry, InputFile):
                yield from walk_file(entry, self.options)
            elif isinstance(entry, Broken) and entry.source in given and entry.reason == "no such file":
                yield _Unread(entry.source, entry.reason)
            else:
                yield entry


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


def in_input_order(finished: Iterator[tuple[int, Converted]]) -> Iterator[Converted]:
    """``(order, converted)`` pairs in any order → the converted in order (numbered from 0, no gaps)."""
    waiting: dict[int, Converted] = {}
    next_order = 0
    for order, converted in finished:
        waiting[order] = converted
        while next_order in waiting:
            yield waiting.pop(next_order)
            next_order += 1


def _stderr(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def convert(
    inputs: Sequence[Path],
    *,
    limits: Limits,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    ocr: str = "auto",
    page_seconds: float = 0.0,
    zip_encoding: str | None = None,
    skip: Callable[[str], bool] | None = None,
    pretty: bool = False,
    say: Say = _stderr,
    _extract: Job | None = None,
) -> Iterator[Converted]:
    """Every document among ``inputs`` (files, folders, archives; ``-`` is standard input), converted.

    Yields in input order one :class:`Converted` per document found — converted (``json``),
    failed (``reason``: one line; an unreadable archive member is a failed document too) or, when
    ``skip(sha256)`` says it is known already, ``skipped`` — and one per thing that is not a
    document (``note``). Each document is read by a supervised worker under ``limits``
    (``jobs`` of them; all cores by default) on this machine (``engine="local"``) or on a Dask
    cluster (``engine="dask"``: the scheduler at ``scheduler``, or a local cluster).
    ``say`` gets the lines an engine has for people (a Dask dashboard's address).
    Closing the generator stops the workers.
    """
    from resparse.batch.run import settings

    job, workers = settings(jobs, zip_encoding, limits, ocr, _extract)
    setup = Setup(limits, job, debug=False, page_seconds=page_seconds)
    running = open_engine(engine, setup, jobs=workers, scheduler=scheduler, say=say)
    try:
        decide = None if skip is None else lambda order, found, sha: skip(sha or "")
        execution = Execution(
            running,
            WalkOptions(limits=limits, zip_encoding=zip_encoding),
            decide=decide,
            hash_documents=True,
            pretty=pretty,
        )
        yield from in_input_order(execution.run(inputs))
    finally:
        running.shutdown()
