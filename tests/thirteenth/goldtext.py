"""Looking up a paragraph of a thirteenth-set document by its first words, for write_gold.py.

The gold types each point's opening words and its annotations (number, addressee, term, names in
the nominative); :func:`t` returns the paragraph they begin, without its typed number, Roman
numeral, dash or bullet; :func:`run` a point with the "Отв.:" / "Срок:" lines under it;
:func:`cell` a cell of a plan by its row number.
"""

from __future__ import annotations

import re

from markup import parse
from texts_a import L as LA
from texts_b import L as LB

DOCS = {stem: parse(text) for stem, text in {**LA, **LB}.items()}
MARK = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|[IVX]+\.|[–•])\s+")


def _texts(stem: str) -> list[str]:
    return [MARK.sub("", el[1]) for el in DOCS[stem] if el[0] == "p"]


def t(stem: str, *starts: str, nth: int | None = None) -> str:
    """The paragraphs beginning with ``starts``, each found once (or the ``nth`` of several),
    joined by spaces."""
    texts = _texts(stem)
    found = []
    for start in starts:
        hits = [text for text in texts if text.startswith(start)]
        if nth is not None and len(hits) > nth:
            hits = [hits[nth]]
        if len(hits) != 1:
            raise LookupError(f"{stem}: {len(hits)} paragraphs begin {start!r}")
        found.append(hits[0])
    return " ".join(found)


def run(stem: str, start: str, following: int) -> str:
    """The paragraph beginning with ``start`` and the ``following`` paragraphs after it."""
    texts = _texts(stem)
    hits = [i for i, text in enumerate(texts) if text.startswith(start)]
    if len(hits) != 1:
        raise LookupError(f"{stem}: {len(hits)} paragraphs begin {start!r}")
    return " ".join(texts[hits[0] : hits[0] + following + 1])


def cell(stem: str, number: str, column: int) -> str:
    """Column ``column`` of the plan row numbered ``number``."""
    for el in DOCS[stem]:
        if el[0] == "tab":
            for row in el[1]:
                if row[0].rstrip(".") == number.rstrip("."):
                    return row[column]
    raise LookupError(f"{stem}: no row {number}")
