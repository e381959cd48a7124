"""Every failure a client sees: a status code and one line of reason, as JSON.

``{"error": "not a document (looks like PNG image)"}`` — never a traceback. A document's
outcome from its worker maps to a status by what stopped it: its time budget (``504``), a
format resparse does not read (``415``), anything else the readers refuse — encrypted, damaged,
a bomb past the memory limit — (``422``), a worker that died or a bug (``500``).
"""

from __future__ import annotations

from resparse.batch.names import one_line
from resparse.batch.worker import Outcome

UNSUPPORTED_PREFIXES = ("not a document", "not a text document", "no reader for")
"""How the readers word a format they do not read (:class:`~resparse.errors.UnsupportedFormatError`)."""

TIMEOUT_MARK = "took longer than"
"""How the workers word a document stopped past its time budget (CPU or wall clock)."""

INTERNAL_PREFIXES = ("internal error", "worker process")


class ServeError(Exception):
    """A request that ends in ``status`` with ``reason``, one line."""

    def __init__(
        self, status: int, reason: str, headers: dict[str, str] | None = None, detail: str | None = None
    ) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = one_line(reason, 300)
        self.headers = headers or {}
        self.detail = one_line(detail or reason, 300)
        """What the log says: the reason, or what the client is not told (a bug's message)."""


def outcome_status(outcome: Outcome) -> int:
    """The status of a document's failed outcome."""
    reason = outcome.reason or ""
    if TIMEOUT_MARK in reason:
        return 504
    if reason.startswith(UNSUPPORTED_PREFIXES) or reason.endswith("files are not supported yet"):
        return 415
    if reason.startswith(INTERNAL_PREFIXES):
        return 500
    return 422


def failed(outcome: Outcome) -> ServeError:
    """What a document that could not be read answers."""
    status = outcome_status(outcome)
    reason = outcome.reason or "cannot be read"
    if status == 500:  # a bug's details are for the log, not the client
        return ServeError(500, "internal error while reading the document", detail=reason)
    return ServeError(status, reason)
