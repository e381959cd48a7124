"""Looking up a paragraph or a plan cell of a tenth-set document, for write_gold.py.

The gold types each point's opening words and its annotations (number, addressee, term, names in
the nominative); :func:`t` returns the paragraph they begin, without its typed number, letter or
dash, as inputs/*.txt holds it; :func:`cell` a plan cell by its row number.
"""

from __future__ import annotations

import re

from goldkit import opening, row_cell
from markup import parse
from texts_a import T as TA
from texts_b import T as TB
from texts_c import T as TC

DOCS = {stem: parse(text) for stem, text in {**TA, **TB, **TC}.items()}
MARK = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|[а-я]\)|–)\s+")


def t(stem: str, *starts: str) -> str:
    """The paragraphs beginning with ``starts``, each found once, joined by spaces."""
    return opening((MARK.sub("", el[1]) for el in DOCS[stem] if el[0] == "p"), stem, *starts)


def cell(stem: str, number: str, column: int) -> str:
    """Column ``column`` of the plan row numbered ``number``."""
    return row_cell((row for el in DOCS[stem] if el[0] == "tab" for row in el[1]), stem, number, column)
