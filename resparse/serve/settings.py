"""What a ``resparse serve`` process is told at start: where it listens, how much it takes on.

Every bound is a named setting with the flag of the same name, so that a full queue, a large
upload or a slow document ends in a status code and one line, never in unbounded memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from resparse.limits import DEFAULT_LIMITS, Limits

DEFAULT_HOST = "127.0.0.1"
"""Loopback only unless told otherwise: put a reverse proxy in front to serve a network."""

DEFAULT_PORT = 8080

DEFAULT_QUEUE = 32
"""Documents waiting for a worker beyond those being read; past it ``503`` with ``Retry-After``."""

DEFAULT_MAX_BATCHES = 2
"""``/v1/batch`` requests streaming at once; past it ``503``."""

BATCH_WINDOW = 2
"""Members of one ``/v1/batch`` archive handed to the workers at a time: with
:data:`DEFAULT_MAX_BATCHES` this bounds the archive bytes held in memory."""

BATCH_AHEAD = 64
"""Lines of one ``/v1/batch`` held back behind a slow document (they go out in the archive's
order); past it no further member is read until that document is done."""

DEFAULT_GRACE_SECONDS = 120
"""After ``SIGTERM``, how long requests in flight may take to finish before the server stops."""

RETRY_AFTER_SECONDS = 2
"""What ``Retry-After`` says when the queue is full."""

SPOOL_CHUNK = 1 << 16
"""Bytes read from a request body at a time, and written to its spool file."""


@dataclass(frozen=True)
class Settings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    jobs: int = 2
    """Worker processes, each reading one document at a time under ``limits``."""
    queue: int = DEFAULT_QUEUE
    max_batches: int = DEFAULT_MAX_BATCHES
    grace_seconds: int = DEFAULT_GRACE_SECONDS
    limits: Limits = DEFAULT_LIMITS
    """``max_file_bytes`` also caps an upload (``413`` past it)."""
    ocr: str = "auto"
    page_seconds: float = 0.0
    """What each PDF page adds to a document's time budget (see :mod:`resparse.batch.budget`)."""
    token: str | None = field(default=None, repr=False)
    """With a token every route but ``/health`` needs ``Authorization: Bearer TOKEN``."""
    db: Path | None = None
    """A registry database: ``GET /v1/obligations`` reads it (read-only)."""
    spool: Path | None = None
    """Folder for uploads in flight (a fresh temporary folder when None)."""
    job: str | None = None
    """``module:function`` run in the workers instead of the pipeline (tests: a misbehaving reader)."""
    debug: bool = False
