"""Reading and writing for the ``resparse`` commands: one line ``resparse: FILE: reason`` for a
bad file, a bug or an output that cannot be written, never a traceback without ``--debug``."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

if TYPE_CHECKING:
    from resparse.limits import Limits

T = TypeVar("T")


def say(name: str, reason: str) -> None:
    """Print ``resparse: NAME: reason`` on stderr, one line, control characters escaped."""
    from resparse.errors import printable

    typer.echo(f"resparse: {printable(name)}: {printable(' '.join(reason.split()))}", err=True)


def guarded(name: str, debug: bool, work: Callable[[], T]) -> T | None:
    """Run ``work``; a bad file or a bug is one line ``resparse: NAME: reason`` and None."""
    from resparse.errors import InputError

    try:
        return work()
    except InputError as error:
        if debug:
            raise
        say(name, str(error))
    except Exception as error:  # a bug, not the user's fault: say so, briefly
        if debug:
            raise
        say(name, f"internal error ({type(error).__name__}: {error})")
    return None


def read(path: str, limits: Limits, debug: bool, work: Callable[[bytes | Path], T]) -> T | None:
    """Read ``path`` (``-``: standard input) within the limits, through :func:`guarded`."""
    from resparse.limits import read_stream, time_limit

    def work_in_limits() -> T:
        with time_limit(limits.seconds_per_document):
            if path == "-":
                return work(read_stream(sys.stdin.buffer, limits.max_file_bytes))
            return work(Path(path))

    return guarded(path, debug, work_in_limits)


def stdin_name(data: bytes | Path) -> str | None:
    return "-" if isinstance(data, bytes) else None


def write(text: str, output: Path | None) -> bool:
    """Write to ``output`` or stdout; a folder, a missing folder or a full disk is one line."""
    try:
        if output is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            with open(output, "w", encoding="utf-8") as stream:
                stream.write(text)
        return True
    except OSError as error:
        if output is None:  # nothing more can reach stdout, not even Python's flush at exit
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        say(str(output or "standard output"), f"cannot write the output ({error.strerror or error})")
        return False
