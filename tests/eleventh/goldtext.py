"""Looking up a paragraph of an eleventh-set document by its first words, for write_gold.py.

The gold types each point's opening words and its annotations (number, addressee, term, names in
the nominative); :func:`t` returns the paragraph they begin, without its typed number, letter,
Roman numeral, dash or bullet; :func:`cell` a cell of an annex plan by its row number.
"""

from __future__ import annotations

import re

from markup import parse
from texts_a import L as LA
from texts_b import L as LB

DOCS = {stem: parse(text) for stem, text in {**LA, **LB}.items()}
MARK = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|[IVX]+\.|[–•])\s+")


def t(stem: str, *starts: str) -> str:
    """The paragraphs beginning with ``starts``, each found once, joined by spaces."""
    texts = [MARK.sub("", el[1]) for el in DOCS[stem] if el[0] == "p"]
    found = []
    for start in starts:
        hits = [text for text in texts if text.startswith(start)]
        if len(hits) != 1:
            raise LookupError(f"{stem}: {len(hits)} paragraphs begin {start!r}")
        found.append(hits[0])
    return " ".join(found)


def cell(stem: str, number: str, column: int) -> str:
    """Column ``column`` of the plan row numbered ``number``."""
    for el in DOCS[stem]:
        if el[0] == "tab":
            for row in el[1]:
                if row[0].rstrip(".") == number.rstrip("."):
                    return row[column]
    raise LookupError(f"{stem}: no row {number}")
