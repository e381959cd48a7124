"""Looking up a paragraph of an eleventh-set document by its first words, for write_gold.py.

The gold types each point's opening words and its annotations (number, addressee, term, names in
the nominative); :func:`t` returns the paragraph they begin, without its typed number, letter,
Roman numeral, dash or bullet; :func:`cell` a cell of an annex plan by its row number.
"""

from __future__ import annotations

import re

from goldkit import opening, row_cell
from markup import parse
from texts_a import L as LA
from texts_b import L as LB

DOCS = {stem: parse(text) for stem, text in {**LA, **LB}.items()}
MARK = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|[IVX]+\.|[–•])\s+")


def t(stem: str, *starts: str) -> str:
    """The paragraphs beginning with ``starts``, each found once, joined by spaces."""
    return opening((MARK.sub("", el[1]) for el in DOCS[stem] if el[0] == "p"), stem, *starts)


def cell(stem: str, number: str, column: int) -> str:
    """Column ``column`` of the plan row numbered ``number``."""
    return row_cell((row for el in DOCS[stem] if el[0] == "tab" for row in el[1]), stem, number, column)
