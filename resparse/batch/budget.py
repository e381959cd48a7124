"""A document's time budget: ``--timeout``, and by default more for each page of a PDF.

A scanned page costs Tesseract a few seconds of CPU time (more on a slow machine), so a fixed
default would stop a long scan that is merely long. Unless ``--timeout`` is given (then it is
the budget, whatever the document) or OCR is off, a PDF gets :data:`OCR_PAGE_SECONDS` more per
page. The worker counts the pages before reading (pdfium opens a PDF without parsing its
pages) and tells the parent, which polices the budget from outside.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from resparse.limits import cpu_time_reason

if TYPE_CHECKING:
    from resparse.batch.tasks import Task
    from resparse.limits import Limits

OCR_PAGE_SECONDS = 10.0
"""CPU seconds added per PDF page to the default budget (Tesseract takes 2–5 s a page)."""


@dataclass(frozen=True)
class Budget:
    """Sent by a worker before it reads a document whose budget is not the plain ``--timeout``."""

    seconds: float
    note: str
    """How it was reckoned: ``60 s + 10 s for each of its 6 pages``."""

    def reason(self) -> str:
        return f"took longer than {self.seconds:g} s of CPU time ({self.note}; stopped; see --timeout)"


def pdf_budget(task: Task, limits: Limits, page_seconds: float) -> Budget | None:
    """The budget of a PDF when pages add to it, else None (not a PDF, unreadable: the reader says)."""
    if page_seconds <= 0:
        return None
    pages = 0
    with contextlib.suppress(Exception):
        pages = min(_pdf_pages(task, limits), limits.max_pages)
    if pages <= 0:
        return None
    base = limits.seconds_per_document
    return Budget(
        base + page_seconds * pages, f"{base:g} s + {page_seconds:g} s for each of its {pages} pages"
    )


def _pdf_pages(task: Task, limits: Limits) -> int:
    if task.path is not None:
        if os.path.getsize(task.path) > limits.max_file_bytes:
            return 0
        with open(task.path, "rb") as stream:
            head = stream.read(1024)
    else:
        head = (task.data or b"")[:1024]
    if b"%PDF-" not in head:
        return 0
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(task.path if task.path is not None else task.data)
    try:
        return len(document)
    finally:
        document.close()


def within(limits: Limits, budget: Budget | None) -> Limits:
    """The limits a document is read under: its budget as ``seconds_per_document``."""
    return limits if budget is None else replace(limits, seconds_per_document=budget.seconds)


def time_reason(limits: Limits, budget: Budget | None) -> str:
    return budget.reason() if budget is not None else cpu_time_reason(limits.seconds_per_document)
