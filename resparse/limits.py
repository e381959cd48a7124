"""Resource limits applied while reading untrusted files.

One frozen object travels from the CLI through the readers so that every stage refuses
work beyond the same bounds; each limit has a flag of the same name on the command line.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from resparse.errors import LimitExceededError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 200 * MB
    """Largest input file (or archive member) read at all."""
    max_part_bytes: int = 200 * MB
    """Largest decompressed part of a DOCX/ODT package or archive member."""
    max_pages: int = 500
    """Most PDF pages read from one document."""
    seconds_per_document: float = 60.0
    """CPU time one document may take (its worker's, counted from outside) before it is stopped
    and reported; a worker that does not use the CPU (asleep, blocked) is stopped after
    :data:`WALL_CLOCK_FACTOR` times this of wall-clock time."""
    max_memory_bytes: int = 2048 * MB
    """Address space of the worker process that reads one document (``RLIMIT_AS``: everything it
    maps, its libraries and the converters it starts included); past it the document is refused."""
    max_archive_depth: int = 3
    """How deep archives inside archives are opened."""
    max_archive_members: int = 10_000
    """Most members read from one archive."""


DEFAULT_LIMITS = Limits()

ARCHIVE_EXPANSION_RATIO = 100
ARCHIVE_EXPANSION_FLOOR = 1024 * MB
"""What all members of one archive (archives inside it included) may expand to, declared or
really read: 100 times the archive's own size or 1 GB, whichever is larger. Documents compress
10 times at most; zip bombs, a thousand times and more. Past it the rest is not read."""


def archive_expansion_limit(archive_bytes: int) -> int:
    return max(ARCHIVE_EXPANSION_FLOOR, ARCHIVE_EXPANSION_RATIO * archive_bytes)


WALL_CLOCK_FACTOR = 4
"""A worker is also stopped after this many times ``--timeout`` of wall-clock time, so that one
asleep or blocked (which uses no CPU) ends too, while a busy machine does not fail documents
that cost little CPU."""

POLL_SECONDS = 0.1
"""How often the parent reads its workers' CPU time and address space (``/proc/PID/stat``)."""

MEMORY_ALARM = 0.9
"""A worker whose address space peaked past this share of the limit is replaced after the
document, and a document that failed in one is reported as over the memory limit: a reader
that runs out of memory in native code often fails with some other message, or crashes."""


def cpu_time_reason(seconds: float) -> str:
    return f"took longer than {seconds:g} s of CPU time (stopped; --timeout)"


def wall_clock_reason(seconds: float) -> str:
    return (
        f"took longer than {seconds * WALL_CLOCK_FACTOR:g} s of wall-clock time, "
        f"{WALL_CLOCK_FACTOR} × --timeout (stopped)"
    )


def memory_reason(limit: int) -> str:
    return f"exceeds the {limit // MB} MB memory limit (--max-memory-mb)"


# Amplification caps: fixed bounds, cheap to check early, on what a few bytes of a file can
# make resparse build. Real documents stay far below them.

MAX_ITEM_DEPTH = 32
"""Deepest nesting of items in the output; deeper points are brought up to this level (with a
warning) so that "1.1.1…" 300 levels deep cannot exhaust the serialisers."""

MAX_SPELLED_LIST_NUMBER = 3999
"""Largest list number shown in Roman numerals, letters ("aaa…") or Chicago marks; past it the
number is shown in decimal, as CSS does for Roman numerals past MMMCMXCIX. A list starting at
10**9 would otherwise be a million "M"s per point."""

MAX_COLUMN_SPAN = 1000
"""Most grid columns one table cell spans (DOCX ``gridSpan``, HTML ``colspan``, which browsers
clamp to 1000 too); a larger span is taken as this."""

MAX_MERGED_TEXT = 20_000_000
"""Most characters one document's merged table cells may repeat. A cell merged down over the
rows below it (DOCX ``vMerge``, HTML ``rowspan``) repeats its text in each of them, so a few KB
of compressed XML could otherwise become gigabytes; past this the document is refused."""

MERGED_CELLS_PER_CELL = 10
"""Most cells that merges may add per cell the file really holds (plus 100,000): an HTML cell
spanning 65,534 rows of empty ``<tr>`` must not make millions of cells; past it, refused."""

MAX_IMAGE_PIXELS = 100_000_000
"""Most pixels of one image in a page OCR renders (A0 at 250 dpi; an A4 scan at 600 dpi is 35
million): pdfium decodes an image whole before scaling it, so a 40,000-pixel-square image of a few
KB would take gigabytes. Checked from the image's header before the page is rendered."""

LIST_NUMBER_RANGE = (-(2**31), 2**31 - 1)
"""List start values outside a 32-bit integer (OOXML's ``ST_DecimalNumber``, HTML's ``start``)
are invalid and ignored, as if absent."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop the code inside after ``seconds`` of wall time with :class:`LimitExceededError`.

    For one document read in this process (``resparse extract``); ``batch`` polices its
    worker processes itself. Uses SIGALRM, so it works in the main thread on Unix and does
    nothing elsewhere (nor for ``seconds <= 0``). A running external converter is killed by
    ``subprocess.run`` as the error passes through it.
    """
    usable = (
        seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise LimitExceededError(f"took longer than {seconds:g} s (stopped)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def size_words(limit: int) -> str:
    """A byte limit in words: "200 MB", or bytes for the small limits tests use."""
    if limit >= MB:
        return f"{limit // MB} MB" if limit % MB == 0 else f"{limit / MB:.1f} MB"
    return f"{limit} bytes"


def read_capped(stream: BinaryIO, cap: int, refusal: str) -> bytes:
    """Read a stream (standard input, a decompressing ZIP member) to its end in chunks of at most
    a megabyte, refusing — not truncating — past ``cap`` bytes with ``refusal`` as the reason:
    a compressed stream's declared size can lie, so the bytes themselves are counted."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(min(MB, cap + 1 - size)):
        size += len(chunk)
        if size > cap:
            raise LimitExceededError(refusal)
        chunks.append(chunk)
    return b"".join(chunks)


def read_stream(stream: BinaryIO, cap: int) -> bytes:
    """Read a stream (standard input) to its end in chunks, refusing it past ``cap`` bytes."""
    return read_capped(stream, cap, f"file is larger than the {cap // MB} MB limit")


class MergeBudget:
    """What merged table cells repeat in one document, refused past the caps above."""

    def __init__(self) -> None:
        self.cells = self.merged = self.text = 0

    def real(self, cells: int = 1) -> None:
        self.cells += cells

    def repeat(self, text: str) -> None:
        self.merged += 1
        self.text += len(text)
        if self.text > MAX_MERGED_TEXT:
            raise LimitExceededError(
                f"table cells merged across rows would repeat more than {MAX_MERGED_TEXT:,} "
                "characters (refused)"
            )
        if self.merged > MERGED_CELLS_PER_CELL * self.cells + 100_000:
            raise LimitExceededError(
                f"table cells merged across rows would add more than {self.merged - 1:,} cells "
                f"to the {self.cells:,} in the file (refused)"
            )
