"""The ``resparse`` command line.

Data goes to stdout, messages for people to stderr. Exit codes: 0 all good, 1 some
documents failed, 2 usage error. A bad file is one line, ``resparse: FILE: reason``; a
traceback only with ``--debug``. Heavy modules (pdfplumber, python-docx, pymorphy3) are
imported inside the commands so that ``resparse --help`` starts fast.
"""

from __future__ import annotations

from resparse.cli import batch, evaluate, extract, registry, serve  # noqa: F401  (each registers its commands)
from resparse.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
