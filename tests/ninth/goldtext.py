"""Looking up a paragraph of a ninth-set document by its first words, for write_gold.py.

The gold types each point's opening words and its annotations (number, addressee, term, names in
the nominative); :func:`t` returns the paragraph they begin as the document means it (its clean
text, not the copy out of the PDF), without its typed number, letter or dash.
"""

from __future__ import annotations

import re

from markup import parse
from texts_a import N as NA
from texts_b import N as NB
from texts_c import N as NC

DOCS = {stem: parse(text) for stem, text in {**NA, **NB, **NC}.items()}
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
                if row[0].rstrip(".") == number.rstrip("."):
                    return row[column]
    raise LookupError(f"{stem}: no row {number}")
