"""The thirteenth set's line markup and its plain-text rendering.

A document is a string, one element a line:

* ``^ text`` a centred bold heading line, ``> text`` a right-aligned line (place, date, stamp);
* ``~ text`` a line of the portal page around the document (menu, breadcrumb, "Версия для
  печати", "Поделиться"): in the web text and the page, not in the Word file;
* ``= left | right`` a borderless two-cell row (place | date);
* ``@ position | name`` a signature (a row of a borderless two-cell table), ``@@ position | name |
  position | name`` two signatures side by side (one row, two cells of two lines each);
* ``| a | b | …`` a row of a ruled table (the first row of a run is its header; a row of one cell
  is a section row);
* ``.`` an empty line (kept in the web text only);
* anything else a paragraph, its number, letter or dash typed.

:func:`web_txt` is the text as a portal page gives it when copied: a paragraph a line, a table
row a line with tab-separated cells, a signature's cells separated by a tab or padded with spaces.
"""

from __future__ import annotations

from renderkit import parse_markup


def parse(source: str) -> list[tuple]:
    """The elements of a document (see :func:`renderkit.parse_markup`)."""
    return parse_markup(source)


def web_txt(elements: list[tuple], blank: bool = False, pad: bool = False) -> str:
    """The copied web text; ``blank`` puts an empty line between paragraphs, ``pad`` separates a
    signature's position and name by spaces instead of a tab."""
    lines: list[str] = []
    gap = " " * 24 if pad else "\t"
    for el in elements:
        kind = el[0]
        if kind == "tab":
            lines.extend("\t".join(row) for row in el[1])
        elif kind in ("dn", "sig"):
            lines.append(f"{el[1]}{gap}{el[2]}")
        elif kind == "sig2":
            lines.append(f"{el[1]}{gap}{el[3]}")
            lines.append(f"{el[2]}{gap}{el[4]}")
        else:
            lines.append(el[1])
        if blank and kind not in ("chrome",):
            lines.append("")
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n") + "\n"
