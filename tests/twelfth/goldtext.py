"""Looking up a line of a twelfth-set text by its first words, for write_gold.py.

:func:`t` returns the lines (of inputs/NNNN.txt, the visible text) beginning with ``starts``,
without their automatic number or letter, joined by spaces; :func:`cell` a plan cell.
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|[а-я]\)|–)\s+")


def _lines(stem: str) -> list[str]:
    return (HERE / "inputs" / f"{stem}.txt").read_text(encoding="utf-8").splitlines()


def t(stem: str, *starts: str) -> str:
    """The lines beginning with ``starts``, each found once, joined by spaces."""
    texts = [MARK.sub("", line) for line in _lines(stem)]
    found = []
    for start in starts:
        hits = [text for text in texts if text.replace("\u00a0", " ").startswith(start)]
        if len(hits) != 1:
            raise LookupError(f"{stem}: {len(hits)} lines begin {start!r}")
        found.append(hits[0])
    return " ".join(found)


def cell(stem: str, number: str, column: int) -> str:
    """Column ``column`` of the table row numbered ``number``."""
    for line in _lines(stem):
        cells = line.split("\t")
        if cells[0] == number:
            return cells[column]
    raise LookupError(f"{stem}: no row {number}")
