"""Looking up a paragraph of a ninth-set document by its first words, for write_gold.py.

The gold types each point's opening words and its annotations (number, addressee, term, names in
the nominative); :func:`t` returns the paragraph they begin as the document means it (its clean
text, not the copy out of the PDF), without its typed number, letter or dash.
"""

from __future__ import annotations

import re

from goldkit import opening, row_cell
from markup import parse
from texts_a import N as NA
from texts_b import N as NB
from texts_c import N as NC

DOCS = {stem: parse(text) for stem, text in {**NA, **NB, **NC}.items()}
MARK = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|[а-я]\)|–)\s+")


def t(stem: str, *starts: str) -> str:
    """The paragraphs beginning with ``starts``, each found once, joined by spaces."""
    return opening((MARK.sub("", el[1]) for el in DOCS[stem] if el[0] == "p"), stem, *starts)


def cell(stem: str, number: str, column: int) -> str:
    """Column ``column`` of the plan row numbered ``number``."""
    return row_cell((row for el in DOCS[stem] if el[0] == "tab" for row in el[1]), stem, number, column)
