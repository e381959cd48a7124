"""Where each point and roadmap row stands in the source: :class:`~resparse.models.Position`.

The rules build points from units and rows from table rows; this stage finds each one back,
in reading order, by the words it starts with, and reads its place from the layout block it
came from (page, paragraph, line, or table row and cell). It decides nothing: a point whose
words cannot be found keeps ``position`` null.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from resparse.layout import Layout, Paragraph, Table
from resparse.models import Document, Item, Position
from resparse.structure.units import Unit, clean

KEY_CHARS = 60
"""How many leading characters (letters and digits, lower case) identify a point or a row."""
SHORT_KEY = 8
"""A unit shorter than this must match a point's key whole, not as a prefix of it."""
_NOT_WORD = re.compile(r"\W+")


def key(text: str) -> str:
    """The leading letters and digits of ``text``, lower case: what a point and its unit share."""
    found = _key_of(text[: KEY_CHARS * 4])  # most texts give their key in a short head
    return found if len(found) == KEY_CHARS else _key_of(text)


def _key_of(text: str) -> str:
    return _NOT_WORD.sub("", text.lower().replace("ё", "е"))[:KEY_CHARS]


def locate(document: Document, layout: Layout, units: list[Unit]) -> None:
    """Set ``position`` on every point (nested ones too) and every roadmap row of ``document``."""
    places = _Places(layout)
    finder = _Finder([(key(u.text), places.of_unit(u)) for u in units if u.text.strip()])
    for item in _items(document):
        item.position = finder.find(key(item.text))
    rows = _Finder(list(places.table_rows()))
    for row in document.roadmap:
        row.position = rows.find(key(row.action)) or finder.find(key(row.action))


def _items(document: Document) -> Iterator[Item]:
    stack = [item for block in reversed(document.recommendations) for item in reversed(block.items)]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(reversed(item.items))


class _Finder:
    """Keys in reading order, searched forward from the last match (then from the start)."""

    def __init__(self, keyed: list[tuple[str, Position]]) -> None:
        self.keyed = keyed
        self.next = 0

    def find(self, wanted: str) -> Position | None:
        if not wanted:
            return None
        for start, stop in ((self.next, len(self.keyed)), (0, self.next)):
            for index in range(start, stop):
                have, value = self.keyed[index]
                if _matches(have, wanted):
                    self.next = index + 1
                    return value.model_copy()
        return None


def _matches(have: str, wanted: str) -> bool:
    if not have:
        return False
    if have.startswith(wanted) or (wanted.startswith(have) and len(have) >= SHORT_KEY):
        return True
    return have == wanted


class _Places:
    """Paragraph and table numbers of the layout's blocks, counted as a reader would."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.paragraph: dict[int, int] = {}
        self.table: dict[int, int] = {}
        counts: dict[int | None, int] = {}
        tables = 0
        for index, block in enumerate(layout.blocks):
            if isinstance(block, Table):
                tables += 1
                self.table[index] = tables
            elif block.text.strip():
                page = block.where.page
                counts[page] = counts.get(page, 0) + 1
                self.paragraph[index] = counts[page]

    def of_unit(self, unit: Unit) -> Position:
        block = self.layout.blocks[unit.origin]
        if isinstance(block, Paragraph):
            return Position(
                page=block.where.page, paragraph=self.paragraph.get(unit.origin), line=block.where.line
            )
        row, cell = unit.cell or (None, None)
        where = block.rows[row].where if row is not None and row < len(block.rows) else block.where
        return Position(
            page=where.page or block.where.page,
            line=where.line,
            table=self.table.get(unit.origin),
            row=None if row is None else row + 1,
            cell=None if cell is None else cell + 1,
        )

    def table_rows(self) -> Iterator[tuple[str, Position]]:
        """(key, position) for every cell of every table, row by row."""
        for index, number in self.table.items():
            table = self.layout.blocks[index]
            assert isinstance(table, Table)
            for row_index, row in enumerate(table.rows):
                for cell_index, cell in enumerate(row.cells):
                    if cell.merged or not clean(cell.text):
                        continue
                    yield (
                        key(cell.text),
                        Position(
                            page=row.where.page or table.where.page,
                            line=row.where.line,
                            table=number,
                            row=row_index + 1,
                            cell=cell_index + 1,
                        ),
                    )
