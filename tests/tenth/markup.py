"""The tenth set's line markup and its plain-text rendering (what a portal page copy gives).

A document is a string, one element a line:

* ``^ text`` a centred heading line, ``> text`` a right-aligned line (stamp, place, date);
* ``= left | right`` a borderless two-cell row (date | number, letterhead | recipient, two
  signatures side by side);
* ``@ position | name`` a signature (two borderless cells);
* ``| a | b | …`` a row of a ruled table (the first row of a run is its header; a row of one cell
  is a section row spanning the table; a cell ``~`` is merged with the cell above it);
* ``---`` a page break (an annex starts on a new page);
* anything else a paragraph, its number or dash typed.

:func:`plain_txt` is the text as a browser copies it: a paragraph a line, a table row a line with
tab-separated cells (a merged-down cell left empty), a two-cell row as two tab-separated cells.
"""

from __future__ import annotations

import re

from renderkit import parse_markup

NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.\s+(?=\S)")
"""A typed multi-level point number ("1.", "2.1.", "1.2.1."), which automatic numbering replaces."""


def parse(source: str) -> list[tuple]:
    """The elements of a document (see :func:`renderkit.parse_markup`)."""
    return parse_markup(source)


def plain_txt(elements: list[tuple], gaps: bool = False) -> str:
    """The document as copied from a web page; ``gaps`` puts an empty line between paragraphs."""
    lines: list[str] = []
    for el in elements:
        if el[0] == "pb":
            continue
        if el[0] == "tab":
            lines.extend("\t".join("" if c == "~" else c for c in row) for row in el[1])
        elif el[0] in ("dn", "sig"):
            lines.append(f"{el[1]}\t{el[2]}")
        else:
            lines.append(el[1])
        if gaps:
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
