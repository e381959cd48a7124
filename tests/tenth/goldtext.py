"""Looking up a paragraph or a plan cell of a tenth-set document, for write_gold.py.

The gold types each point's opening words and its annotations (number, addressee, term, names in
the nominative); :func:`t` returns the paragraph they begin, without its typed number, letter or
dash, as inputs/*.txt holds it; :func:`cell` a plan cell by its row number.
"""

from __future__ import annotations

import re

from markup import parse
from texts_a import T as TA
from texts_b import T as TB
from texts_c import T as TC

DOCS = {stem: parse(text) for stem, text in {**TA, **TB, **TC}.items()}
MARK = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|[а-я]\)|–)\s+")


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
    """Column ``column`` of the plan row numbered ``number`` ("1.1." or "1")."""
    for el in DOCS[stem]:
        if el[0] == "tab":
            for row in el[1]:
                if len(row) > 1 and row[0].rstrip(".") == number.rstrip("."):
                    return row[column]
    raise LookupError(f"{stem}: no row {number}")
