"""Looking up a paragraph of an eighth-set document by its first words, for write_gold.py.

The gold types each point's opening words and its annotations (number, addressee, term, names in
the nominative); :func:`t` returns the paragraph they begin, as the document has it, without its
typed number, letter or dash, with soft breaks as spaces.
"""

from __future__ import annotations

import re

from goldkit import opening
from marks import typed
from texts_a import K as KA
from texts_b import K as KB
from texts_c import K as KC

DOCS = {**KA, **KB, **KC}
MARK = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|[а-я]\)|–)\s+")


def _texts(stem: str) -> list[str]:
    elements = DOCS[stem]
    return [
        MARK.sub("", text).replace("\n", " ")
        for el, text in zip(elements, typed(elements), strict=True)
        if el[0] in ("p", "n", "b", "h")
    ]


def t(stem: str, *starts: str) -> str:
    """The paragraphs beginning with ``starts``, each found once, joined by spaces."""
    return opening(_texts(stem), stem, *starts)
