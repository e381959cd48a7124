"""Tables drawn with box characters, as legal databases export them to text.

КонсультантПлюс and Гарант save a document's tables to plain text as a grid of box-drawing
characters (or their ASCII stand-ins):

    ┌────┬──────────────────────────┬─────────────┐
    │ N  │ Наименование мероприятия │ Срок        │
    ├────┼──────────────────────────┼─────────────┤
    │ 1. │ Подготовка перечня       │ до 1 июля   │
    │    │ лесных участков          │ 2025 г.     │
    ├────┴──────────────────────────┴─────────────┤
    │ II. Развитие инфраструктуры                 │
    └─────────────────────────────────────────────┘

Rule lines (only box characters) separate rows; between two of them every line holds the same
cells at the same "│" positions, so a cell's text is its column's pieces joined. A table ruled
only under its header, as Markdown's pipe tables are, has a row a line. A row with fewer
cells than the table lost a merge: one text spanning the table is a section title. The row that
numbers the columns ("1 │ 2 │ 3 │ 4") is a printing device and is dropped.
"""

from __future__ import annotations

import re

from resparse.layout import Block, Cell, Paragraph, Row, Table, Where
from resparse.markers import BOX_VERTICALS, is_box_line, is_box_rule
from resparse.structure.roadmap import column_map
from resparse.structure.units import clean

_SPLIT = re.compile(f"[{re.escape(BOX_VERTICALS)}]")


def box_table(blocks: list[Block], index: int) -> tuple[list[Block], int] | None:
    """A box-drawn table starting at ``blocks[index]`` (its top border or first row) rebuilt as a
    :class:`Table`, and the index after it; None unless its header names roadmap columns."""
    end, lines = index, []
    while end < len(blocks) and isinstance(blocks[end], Paragraph):
        text = _raw(blocks[end])
        if not is_box_line(text):
            break
        lines.append((text, blocks[end]))
        end += 1
    groups = _row_groups(lines)
    if len(groups) < 2:
        return None
    rows = [_cells(group) for group in groups]
    width = max(len(cells) for cells, _ in rows)
    header_at = next((n for n, (cells, _) in enumerate(rows) if len(cells) == width), None)
    if header_at is None or column_map(rows[header_at][0]) is None:
        return None
    table_rows = [
        Row(cells=[Cell(text=c) for c in rows[header_at][0]], header=True, where=rows[header_at][1])
    ]
    for cells, where in rows[header_at + 1 :]:
        if _numbers_columns(cells):
            continue
        table_rows.append(_row(cells, width, where))
    return [Table(rows=table_rows, where=blocks[index].where)], end


def _raw(block: Block) -> str:
    assert isinstance(block, Paragraph)
    return f"{block.marker} {block.text}" if block.marker else block.text


def _row_groups(lines: list[tuple[str, Block]]) -> list[list[tuple[str, Block]]]:
    """Content lines between rule lines, one group a row. A table ruled under its header only
    (Markdown's "|---|---|") has a row a line."""
    groups: list[list[tuple[str, Block]]] = [[]]
    for text, block in lines:
        if is_box_rule(text):
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append((text, block))
    groups = [group for group in groups if group]
    if len(groups) == 2:
        groups = [groups[0], *([line] for line in groups[1])]
    return groups


def _cells(group: list[tuple[str, Block]]) -> tuple[list[str], Where]:
    """A row's cell texts: each line cut at its verticals, the pieces of a column joined."""
    columns: list[list[str]] = []
    for text, _ in group:
        pieces = _SPLIT.split(text.strip())[1:]
        if pieces and not pieces[-1].strip():
            pieces = pieces[:-1]
        for position, piece in enumerate(pieces):
            if position == len(columns):
                columns.append([])
            if piece.strip():
                columns[position].append(piece.strip())
    return [clean(_joined(parts)) for parts in columns], group[0][1].where


def _joined(parts: list[str]) -> str:
    """Lines of one cell: a word broken by a hyphen at the line end is joined back."""
    text = ""
    for part in parts:
        if text.endswith("-") and not text.endswith(" -") and part[:1].islower():
            text = text[:-1] + part
        else:
            text = f"{text} {part}" if text else part
    return text


def _numbers_columns(cells: list[str]) -> bool:
    texts = [text.rstrip(".") for text in cells]
    return len(texts) > 1 and texts == [str(n) for n in range(1, len(texts) + 1)]


def _row(cells: list[str], width: int, where: Where) -> Row:
    filled = [text for text in cells if text]
    if len(cells) < width and len(filled) == 1:
        return Row(cells=[Cell(text=filled[0], span=width)], where=where)
    cells = cells + [""] * (width - len(cells))
    return Row(cells=[Cell(text=text) for text in cells], where=where)
