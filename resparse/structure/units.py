"""The layout as the rules see it: a flat list of text units.

Paragraphs map one to one; layout tables (borderless signature or place/date tables, and
any table that is not a roadmap) are read cell by cell, line by line, so that a name in the
right-hand cell of a signature table follows its position like on paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from resparse.layout import Layout, Paragraph, Table
from resparse.markers import COLUMN_GAP, capitals, is_address_line, is_date_line

CLEAN_CACHE = 8192
"""How many distinct texts :func:`clean` remembers: the rules ask for the same lines many times."""
_SPACES = re.compile(r"[ \u00a0\u2007\u202f]+")


@dataclass
class Unit:
    text: str
    """Text with soft breaks turned into spaces; tabs are kept (they separate a signature's name)."""
    marker: str | None = None
    level: int = 0
    bold: bool = False
    centered: bool = False
    caps: bool = False
    origin: int = 0
    """Index of the layout block it came from."""
    cell: tuple[int, int] | None = None
    """For a unit read from a table: its row and cell (0-based) in that table."""
    claimed: bool = field(default=False, compare=False)
    _cleaned: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)
    """(text, its clean form): the rules ask for the clean text of a unit many times."""

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def clean(self) -> str:
        cleaned = self._cleaned
        if cleaned is None or cleaned[0] is not self.text:  # the text may be changed (joined)
            cleaned = self._cleaned = (self.text, clean(self.text))
        return cleaned[1]


@lru_cache(maxsize=CLEAN_CACHE)
def clean(text: str) -> str:
    """Collapse runs of whitespace (tabs, non-breaking spaces, line breaks) into one space."""
    return " ".join(_SPACES.sub(" ", text.replace("\t", " ").replace("\n", " ")).split())


_LETTER_SPACED = re.compile(r"(?<![\w.])(?:\w ){2,}\w(?![\w.])")


@lru_cache(maxsize=CLEAN_CACHE)
def unspaced(text: str) -> str:
    """Letter-spaced words closed up: "П Р О Т О К О Л" → "ПРОТОКОЛ", "п о с т а н о в л я ю:"
    → "постановляю:" (titles and operative cues are often set so)."""
    return _LETTER_SPACED.sub(lambda m: m.group().replace(" ", ""), text)


def flatten(layout: Layout, skip_tables: set[int]) -> list[Unit]:
    """Units for every block but the tables in ``skip_tables`` (those the roadmap rules took)."""
    units: list[Unit] = []
    ends = -2  # the block the last unit ends in: a paragraph wrapped over many lines joins whole
    for index, block in enumerate(layout.blocks):
        if isinstance(block, Paragraph):
            for part in _enumeration(block):
                unit = _from_paragraph(part, index)
                previous = units[-1] if units else None
                if previous is not None and ends == index - 1 and _continues(previous, unit):
                    previous.text = f"{previous.text} {unit.text}"  # a hard-wrapped line, in any format
                else:
                    units.append(unit)
                ends = index
        elif isinstance(block, Table) and index not in skip_tables:
            units.extend(_from_table(block, index))
            units.append(Unit(text="", origin=index))
    return units


def _enumeration(paragraph: Paragraph) -> list[Paragraph]:
    """A paragraph whose lines, broken by hand, each end in ";" is a list set in one paragraph
    ("председатель Комиссии – …;" / "секретарь Комиссии – …"): one unit a line."""
    lines = [line for line in paragraph.text.split("\n") if line.strip()]
    if len(lines) < 2 or not all(line.rstrip().endswith(";") for line in lines[:-1]):
        return [paragraph]
    first = paragraph.model_copy(update={"text": lines[0]})
    rest = [paragraph.model_copy(update={"text": line, "marker": None}) for line in lines[1:]]
    return [first, *rest]


def _continues(previous: Unit, unit: Unit) -> bool:
    """A paragraph that starts in lower case, after one that ends no sentence, is the same
    paragraph hard-wrapped (a web page with a paragraph per source line): "О проведении месячника
    по" / "санитарной очистке населенных пунктов"."""
    text, before = unit.text.strip(), previous.text.rstrip()
    formatted = previous.centered or previous.bold or unit.centered or unit.bold  # set as lines of a title
    if COLUMN_GAP.search(previous.text) or COLUMN_GAP.search(unit.text) or is_date_line(unit.text):
        return False  # lines set in columns are rows, not one paragraph wrapped; a date is its own
    if is_address_line(unit.text) and capitals(previous.text):
        return False  # "ул. Набережная, д. 41, …" under a letterhead in capitals
    return (
        unit.marker is None
        and not formatted
        and bool(text)
        and bool(before)
        and text[0].islower()
        and not before.endswith((".", ":", ";", "!", "?"))
    )


def _from_paragraph(paragraph: Paragraph, index: int) -> Unit:
    text = _GLUED_NAME.sub("\t", paragraph.text.replace("\n", " "))
    return Unit(
        text=text,
        marker=paragraph.marker,
        level=paragraph.level,
        bold=paragraph.bold,
        centered=paragraph.centered,
        caps=paragraph.caps or capitals(text),
        origin=index,
    )


_GLUED_NAME = re.compile(r"(?<=[а-яё])(?=[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё])")
"""A small letter running straight into initials and a surname ("Губернатор областиЕ.В.
Стрельников"): two cells a conversion glued together; a tab sets them apart again."""


def _from_table(table: Table, index: int) -> list[Unit]:
    from resparse.markers import split_marker

    units: list[Unit] = []
    for row_index, row in enumerate(table.rows):
        for cell_index, cell in enumerate(row.cells):
            if cell.merged:
                continue
            for line in cell.text.split("\n"):
                marker, rest = split_marker(line)
                units.append(
                    Unit(
                        text=rest if marker else line,
                        marker=marker,
                        bold=cell.bold,
                        origin=index,
                        cell=(row_index, cell_index),
                    )
                )
    return units
