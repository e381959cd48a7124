"""What a worker is given and what it gives back: one document's :class:`Task` and :class:`Outcome`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from resparse.emit import Format
    from resparse.limits import Limits

__all__ = ["Job", "Outcome", "Task", "default_extract"]

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
