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
    """Wall time one document may take before it is stopped and reported."""
    max_archive_depth: int = 3
    """How deep archives inside archives are opened."""
    max_archive_members: int = 10_000
    """Most members read from one archive."""


DEFAULT_LIMITS = Limits()

# Amplification caps: fixed bounds, cheap to check early, on what a few bytes of a file can
# make resparse build. Real documents stay far below them.

MAX_ITEM_DEPTH = 32
"""Deepest nesting of items in the output; deeper points are brought up to this level (with a
warning) so that "1.1.1…" 300 levels deep cannot exhaust the serialisers."""


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


def read_stream(stream: BinaryIO, cap: int) -> bytes:
    """Read a stream (standard input) to its end in chunks, refusing it past ``cap`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(min(MB, cap + 1 - size)):
        size += len(chunk)
        if size > cap:
            raise LimitExceededError(f"file is larger than the {cap // MB} MB limit")
        chunks.append(chunk)
    return b"".join(chunks)
