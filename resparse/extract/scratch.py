"""Scratch folders for LibreOffice, named after the process that owns them.

A worker killed with SIGKILL (a memory cap, a time limit, the user) runs no clean-up, and its
LibreOffice profile (some megabytes) would stay in the temporary folder for good. Each folder is
therefore named ``resparse-KIND-PID-…``: whoever makes a new one first removes those whose
process is gone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


def make(kind: str) -> Path:
    """A new private folder ``resparse-KIND-PID-…``, after sweeping the dead's of the same kind."""
    sweep(kind)
    return Path(tempfile.mkdtemp(prefix=f"resparse-{kind}-{os.getpid()}-"))


@contextlib.contextmanager
def folder(kind: str) -> Iterator[Path]:
    """:func:`make`, removed on leaving."""
    made = make(kind)
    try:
        yield made
    finally:
        shutil.rmtree(made, ignore_errors=True)


def sweep(kind: str, root: Path | None = None) -> list[Path]:
    """Remove the ``resparse-KIND-PID-…`` folders of processes no longer running; those removed."""
    removed = []
    for found in (root or Path(tempfile.gettempdir())).glob(f"resparse-{kind}-*-*"):
        pid = found.name.split("-")[2]
        if pid.isdigit() and not _running(int(pid)) and found.is_dir() and not found.is_symlink():
            shutil.rmtree(found, ignore_errors=True)
            removed.append(found)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's
    return True
