"""``registry build``: documents from batch into the store, only those not stored yet.

Documents come from :func:`resparse.batch.convert` (batch's walk, engines, workers and limits);
each converted one is validated back into a :class:`~resparse.models.Document` and stored in a
transaction of its own. Failures are one line each, ``resparse: NAME: reason``, and the build
goes on.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from resparse.limits import DEFAULT_LIMITS, Limits
from resparse.models import Document
from resparse.registry.query import summary
from resparse.registry.store import Store


@dataclass
class BuildReport:
    """What a build did, and what the registry holds after it."""

    added: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    obligations: int = 0
    """Obligations added by this build."""
    totals: dict[str, int] = field(default_factory=dict)
    """The registry's documents, obligations, organisations and overdue (as of the build's date)."""

    def line(self) -> str:
        t = self.totals
        return (
            f"registry: {self.added} documents added, {self.skipped} unchanged, {len(self.failed)} failed; "
            f"holds {t.get('documents', 0)} documents{_copies(t.get('copies', 0))}, "
            f"{t.get('obligations', 0)} obligations, "
            f"{t.get('organisations', 0)} organisations, {t.get('overdue', 0)} overdue"
        )


@dataclass(frozen=True)
class Engine:
    """How documents are read: batch's settings, passed through unchanged."""

    limits: Limits = DEFAULT_LIMITS
    jobs: int | None = None
    engine: str = "local"
    scheduler: str | None = None
    ocr: str = "auto"
    page_seconds: float = 0.0
    zip_encoding: str | None = None


Progress = Callable[[str, int], None]
"""``progress(source, done)`` after each document."""


def build(
    inputs: Sequence[Path],
    store: Store,
    engine: Engine = Engine(),
    *,
    as_of: dt.date | None = None,
    progress: Progress | None = None,
    say: Callable[[str], None] | None = None,
) -> BuildReport:
    """Add every new or changed document among ``inputs`` to ``store``."""
    from resparse.batch import convert

    say = say or _stderr
    report = BuildReport()
    converted = convert(
        inputs,
        limits=engine.limits,
        jobs=engine.jobs,
        engine=engine.engine,
        scheduler=engine.scheduler,
        ocr=engine.ocr,
        page_seconds=engine.page_seconds,
        zip_encoding=engine.zip_encoding,
        skip=store.known,
        say=say,
    )
    for done, result in enumerate(converted, 1):
        if result.skipped:
            report.skipped += 1
        elif result.note == "ignored":
            say(f"resparse: {result.source}: {result.reason}")
        elif result.reason is not None or result.json is None:
            reason = result.reason or "no document"
            report.failed.append((result.source, reason))
            say(f"resparse: {result.source}: {reason}")
        else:
            document = Document.model_validate_json(result.json)
            report.obligations += store.add(document, result.source)
            report.added += 1
        if progress is not None:
            progress(result.source, done)
    store.settle_names()
    report.totals = summary(store, as_of or dt.date.today())
    return report


def _copies(count: int) -> str:
    return f" (and {count} copies of them in other files)" if count else ""


def _stderr(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()
