"""How worker processes start: a forkserver for ``batch``, a plain fork for one document.

The forkserver is a fresh interpreter started with ``python -c``, which puts the current
folder first on ``sys.path`` (Python 3.11 ignores the ``sys_path`` multiprocessing passes
it). Run from the project's own folder, with resparse installed (``pip install .``), its
workers would import the source tree instead of the installed package the command runs —
another version, laid out differently. So the server starts with the current folder left off
the path (``PYTHONSAFEPATH``) and the folder the command's ``resparse`` came from put first.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Iterator
from typing import Any

PRELOAD = ["resparse.batch.worker", "resparse.pipeline", "resparse.emit", "resparse.batch.warm"]
"""The core, then :mod:`resparse.batch.warm`: the readers, the morphology dictionaries, the grammars
and the rules' compiled patterns, loaded once in the server and shared copy-on-write by every
worker. The warm-up swallows its own failures: a reader module broken by an edit must fail its
documents, not the server."""


def batch_context() -> Any:
    """Forkserver where there is one (POSIX), spawn elsewhere; the server preloads the pipeline.

    Not fork: ``batch`` runs a progress-bar thread, and forking a threaded process can copy a
    held lock into the child. Workers fork from a clean server instead.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    from multiprocessing import forkserver

    with _this_package_first():
        forkserver.ensure_running()
    return context


def single_context() -> Any:
    """For ``extract`` and ``layout``: a plain fork of the command, which has imported the
    pipeline already and runs no thread, costs a few milliseconds where a forkserver costs a
    second interpreter start; the batch's context otherwise."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return batch_context()


def package_root() -> str:
    """The folder holding the ``resparse`` package this process runs."""
    import resparse

    return os.path.dirname(os.path.dirname(os.path.abspath(resparse.__file__ or "")))


@contextlib.contextmanager
def _this_package_first() -> Iterator[None]:
    """The environment a child interpreter starts in: this process's ``resparse`` found first."""
    saved = {name: os.environ.get(name) for name in ("PYTHONPATH", "PYTHONSAFEPATH")}
    paths = [package_root(), *filter(None, (saved["PYTHONPATH"] or "").split(os.pathsep))]
    os.environ["PYTHONPATH"] = os.pathsep.join(paths)
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
