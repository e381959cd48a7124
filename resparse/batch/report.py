"""What a batch tells people: failures as they happen, a progress bar, the summary, the failure list."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from resparse.batch.outputs import write_atomic


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 document``, ``2 documents``, ``0 documents``."""
    return f"{count} {word if count == 1 else many or word + 's'}"


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
    unread_inputs: int = 0
    """Inputs given that could not be read at all (no such file, standard input too big): not
    documents, but the batch exits 1."""
    replaced: int = 0
    """Outputs of an earlier run written over (the batch ran without ``--resume``)."""


# ----------------------------------------------------------------------------- progress and messages


class Messages:
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


def write_failures(path: Path, failures: list[tuple[str, str]]) -> None:
    """The failure list holds this run's failures; a stale one from an earlier run is removed."""
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


def summary(report: BatchReport, failures_path: Path) -> str:
    """``3 documents: 2 ok (1 with warnings), 1 failed — 1.2 s, 2.5 documents/s; …``"""
    text = (
        f"{plural(report.documents, 'document')}: {report.ok} ok ({report.warnings} with warnings), "
        f"{report.failed} failed"
    )
    if report.skipped:
        text += f", {report.skipped} skipped (already converted)"
    text += f" — {report.seconds:.1f} s"
    if report.documents and report.seconds > 0:
        text += f", {report.documents / report.seconds:.1f} documents/s"
    notes = []
    if report.unread_inputs:
        notes.append(f"{plural(report.unread_inputs, 'input')} not read")
    if report.replaced:
        notes.append(
            f"{plural(report.replaced, 'output')} of an earlier run overwritten (--resume keeps them)"
        )
    if report.failed:
        notes.append(f"failures listed in {failures_path}")
    if report.output_error:
        notes.append("stopped: the output could not be written")
    return "; ".join([text, *notes])
