"""Tables for the HTML reader: rows, ``colspan``/``rowspan`` resolved, borders detected.

A ``rowspan`` cell is repeated as a ``merged`` cell in each row it covers, as the DOCX
reader does for a vertical merge, so every row holds the cells a reader sees on its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree

from resparse.layout import Cell, Row
from resparse.limits import MergeBudget

__all__ = ["SourceCell", "bordered", "spread_rowspans", "table_rows", "tag_of"]


def tag_of(element: etree._Element) -> str:
    """The element's lower-case tag; "" for comments and processing instructions."""
    return element.tag.lower() if isinstance(element.tag, str) else ""


@dataclass
class SourceCell:
    text: str
    bold: bool
    span: int
    rowspan: int
    th: bool


def table_rows(table: etree._Element) -> Iterator[tuple[etree._Element, bool]]:
    """The table's own rows (not a nested table's), with whether each is in ``thead``."""
    for child in table:
        tag = tag_of(child)
        if tag == "tr":
            yield child, False
        elif tag in ("thead", "tbody", "tfoot"):
            for row in child:
                if tag_of(row) == "tr":
                    yield row, tag == "thead"


def spread_rowspans(
    grid: list[tuple[list[SourceCell], bool]], budget: MergeBudget | None = None
) -> list[Row]:
    """Rows with ``rowspan`` cells repeated as ``merged`` cells in the rows they cover.

    ``budget`` (one per document) refuses a table whose merges would repeat too much."""
    budget = budget or MergeBudget()
    budget.real(sum(len(cells) for cells, _ in grid))
    pending: dict[int, tuple[SourceCell, int]] = {}  # grid column → (origin, rows still covered)
    rows: list[Row] = []
    for cells, header in grid:
        out: list[Cell] = []
        queue = list(cells)
        column = 0
        while queue or any(key >= column for key in pending):
            if column in pending:
                origin, left = pending.pop(column)
                budget.repeat(origin.text)
                out.append(
                    Cell(text=origin.text, span=origin.span, bold=origin.bold or origin.th, merged=True)
                )
                if left > 1:
                    pending[column] = (origin, left - 1)
                column += origin.span
            elif queue:
                source = queue.pop(0)
                for key in range(column + 1, column + source.span):
                    pending.pop(key, None)  # a ragged table: the span runs over a merge
                out.append(Cell(text=source.text, span=source.span, bold=source.bold or source.th))
                if source.rowspan > 1:
                    pending[column] = (source, source.rowspan - 1)
                column += source.span
            else:
                column = min(key for key in pending if key >= column)
        if out:
            rows.append(Row(cells=out, header=header))
    return rows


def bordered(table: etree._Element, css: Callable[[etree._Element], dict[str, str]]) -> bool:
    """Whether the table draws borders: ``border`` attribute, ``rules`` or CSS borders."""
    border = (table.get("border") or "").strip()
    if border and border != "0":
        return True
    if (table.get("rules") or "").lower() not in ("", "none"):
        return True
    for element in table.iter("table", "td", "th", "tr"):
        for name, value in css(element).items():
            if name.startswith("border") and name != "border-collapse" and _visible_border(value):
                return True
    return False


def _visible_border(value: str) -> bool:
    words = value.replace(",", " ").split()
    if not words or any(word in ("none", "hidden") for word in words):
        return False
    return not all(re.fullmatch(r"0(?:\.0+)?[a-z%]*", word) for word in words if word[0].isdigit())
