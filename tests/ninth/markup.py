"""The ninth set's line markup, and its two plain-text renderings.

A document is a string, one element a line:

* ``^ text`` a centred heading line, ``> text`` a right-aligned line (stamp, place, date);
* ``= left | right`` a borderless two-cell row (date | number, date | place);
* ``| a | b | …`` a row of a ruled table (the first row of a run is its header; a row of one cell
  is a section row), ``@ position | name`` a signature (two borderless cells);
* anything else a paragraph, its number or dash typed.

:func:`clean_txt` is the text as a clerk's Word file holds it (a paragraph a line, a table row a
line with tab-separated cells). :func:`messy_txt` is the same document copied out of its PDF:
lines broken where the page broke them, words hyphenated across lines, page numbers and running
headers between the lines, a table's cells one per line, each wrapped to its column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from renderkit import parse_markup

VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")


def parse(source: str) -> list[tuple]:
    """The elements of a document (see :func:`renderkit.parse_markup`)."""
    return parse_markup(source)


def clean_txt(elements: list[tuple]) -> str:
    lines: list[str] = []
    for el in elements:
        if el[0] == "tab":
            lines.extend("\t".join(row) for row in el[1])
        elif el[0] in ("dn", "sig"):
            lines.append(f"{el[1]}\t{el[2]}")
        else:
            lines.append(el[1])
    return "\n".join(lines) + "\n"


def _split_word(word: str, room: int) -> tuple[str, str] | None:
    """A syllable break of ``word`` whose head plus "-" fits in ``room`` characters."""
    if "-" in word[1:-1]:
        head = word[: word.index("-", 1) + 1]
        return (head, word[len(head) :]) if len(head) <= room else None
    letters = re.fullmatch(r"[«(]?[а-яё]+[»),.;:]?", word)
    if not letters or len(word) < 7:
        return None
    for k in range(min(room - 1, len(word) - 3), 2, -1):
        if word[k - 1] in VOWELS and word[k] not in "ьъйЬЪЙ" and word[k].isalpha():
            return word[:k] + "-", word[k:]
    return None


def wrap(text: str, width: int, hyphens: bool = True) -> list[str]:
    """``text`` broken into lines of at most ``width`` characters, long words hyphenated."""
    lines = [""]
    for word in text.split():
        gap = 1 if lines[-1] else 0
        if len(lines[-1]) + gap + len(word) <= width:
            lines[-1] += " " * gap + word
            continue
        split = _split_word(word, width - len(lines[-1]) - gap) if hyphens else None
        if split:
            lines[-1] += " " * gap + split[0]
            lines.append(split[1])
        else:
            lines.append(word)
    return [line for line in lines if line]


@dataclass
class Messy:
    """How a document's PDF was copied: line width, lines a page, the page mark, a table's cells."""

    width: int = 78
    page: int = 40
    mark: str = "num"  # "num" → "2", "dash" → "- 2 -", "annex" → "2" + "Продолжение приложения"
    cell: int | None = None  # column width a cell wraps to (None: a cell is one line)
    head_numbers: bool = False  # a plan's column-number row ("1 2 3 4 5") repeated on each page


def _page_mark(style: Messy, page: int) -> list[str]:
    if style.mark == "dash":
        return [f"- {page} -"]
    if style.mark == "annex":
        return [str(page), "Продолжение приложения"]
    return [str(page)]


def _element_lines(el: tuple, style: Messy) -> list[tuple[str, bool]]:
    """The copied lines of one element, each with whether it is a table line."""
    if el[0] == "tab":
        out = []
        for row in el[1]:
            for cell in row:
                if cell:
                    parts = wrap(cell, style.cell, hyphens=False) if style.cell else [cell]
                    out.extend((part, True) for part in parts)
        return out
    if el[0] in ("dn", "sig"):
        return [(el[1], False), (el[2], False)]
    if el[0] == "r":
        return [(el[1], False)]
    return [(line, False) for line in wrap(el[1], style.width)]


def messy_txt(elements: list[tuple], style: Messy) -> str:
    lines: list[str] = []
    count, page = 0, 1
    columns = max((len(el[1][0]) for el in elements if el[0] == "tab"), default=0)
    for el in elements:
        for line, in_table in _element_lines(el, style):
            if count == style.page:
                page += 1
                lines.extend(_page_mark(style, page))
                if in_table and style.head_numbers:
                    lines.extend(str(n) for n in range(1, columns + 1))
                count = 0
            lines.append(line)
            count += 1
    return "\n".join(lines) + "\n"
