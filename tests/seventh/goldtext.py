"""Looking up a paragraph of a seventh-set document by its first words, for write_gold.py.

The gold types each point's opening words and its annotations (number, addressee, term, names in
the nominative); :func:`t` returns the paragraph they begin, as the document has it, without its
typed number or dash, with soft breaks as spaces.
"""

from __future__ import annotations

import re

from goldkit import opening
from texts_a import G as GA
from texts_b import G as GB

DOCS = {**GA, **GB}
MARK = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|–)\s+")


def _texts(stem: str) -> list[str]:
    out = []
    for el in DOCS[stem]:
        if el[0] in ("p", "b"):
            out.append(el[1])
        elif el[0] == "n":
            out.append(el[2])
    return [MARK.sub("", text).replace("\n", " ") for text in out]


def t(stem: str, *starts: str) -> str:
    """The paragraphs beginning with ``starts``, each found once, joined by spaces."""
    return opening(_texts(stem), stem, *starts)
