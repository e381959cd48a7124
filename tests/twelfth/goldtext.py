"""Looking up a line of a twelfth-set text by its first words, for write_gold.py.

:func:`t` returns the lines (of inputs/NNNN.txt, the visible text) beginning with ``starts``,
without their automatic number or letter, joined by spaces; :func:`cell` a plan cell.
"""

from __future__ import annotations

import re
from pathlib import Path

from goldkit import opening, row_cell

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|[а-я]\)|–)\s+")


def _lines(stem: str) -> list[str]:
    return (HERE / "inputs" / f"{stem}.txt").read_text(encoding="utf-8").splitlines()


def t(stem: str, *starts: str) -> str:
    """The paragraphs beginning with ``starts``, each found once, joined by spaces."""
    return opening((MARK.sub("", line) for line in _lines(stem)), stem, *starts)


def cell(stem: str, number: str, column: int) -> str:
    """Column ``column`` of the plan row numbered ``number``."""
    return row_cell((line.split("\t") for line in _lines(stem)), stem, number, column)
