"""Tables: rows of cells with spans and merges resolved, and whether any border is drawn.

A cell merged down from the one above (``vMerge``) repeats that cell's text, charged to the
walker's :class:`~resparse.limits.MergeBudget`; a legacy horizontal merge (``hMerge``) widens the
cell it continues. A table is borderless only when neither its style (conditional formatting
included), its own properties, a row's exceptions nor any cell draws a visible edge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from resparse.extract.blocks import flatten
from resparse.extract.docx.styles import border_edges
from resparse.extract.docx.tags import TBL, TBLPR, TC, TCPR, TR, TRPR, P, W, content, integer, toggle, val
from resparse.layout import Cell, Row, Table
from resparse.limits import MAX_COLUMN_SPAN

if TYPE_CHECKING:
    from resparse.extract.docx.body import Walker

_TBL_BORDERS, _TC_BORDERS = f"{W}tblBorders", f"{W}tcBorders"
_GRID_SPAN, _GRID_BEFORE = f"{W}gridSpan", f"{W}gridBefore"
_V_MERGE, _H_MERGE = f"{W}vMerge", f"{W}hMerge"


def read_table(walker: Walker, table: etree._Element) -> Table:
    rows: list[Row] = []
    origins: dict[int, Cell] = {}  # grid column → the cell a vertical merge started from
    bordered = _table_bordered(walker, table)
    for row in content(table):
        if row.tag != TR:
            continue
        trpr = row.find(TRPR)
        header = bool(toggle(trpr.find(f"{W}tblHeader"))) if trpr is not None else False
        column = (integer(val(trpr.find(_GRID_BEFORE))) or 0) if trpr is not None else 0
        column = min(column, MAX_COLUMN_SPAN)
        bordered = bordered or _row_bordered(row)
        cells: list[Cell] = []
        for element in content(row):
            if element.tag != TC:
                continue
            span, bordered_cell = _cell(walker, element, cells, origins, column)
            bordered = bordered or bordered_cell
            column += span
        rows.append(Row(cells=cells, header=header))
    return Table(rows=rows, borderless=not bordered)


def _cell(
    walker: Walker, element: etree._Element, cells: list[Cell], origins: dict[int, Cell], column: int
) -> tuple[int, bool]:
    """Add one ``w:tc`` to the row's cells (or widen the last); return its span and whether it
    draws a border."""
    tcpr = element.find(TCPR)
    span = (integer(val(tcpr.find(_GRID_SPAN))) or 1) if tcpr is not None else 1
    span = max(1, min(span, MAX_COLUMN_SPAN))
    walker.merges.real()
    vmerge = tcpr.find(_V_MERGE) if tcpr is not None else None
    hmerge = tcpr.find(_H_MERGE) if tcpr is not None else None
    bordered = tcpr is not None and any(border_edges(tcpr.find(_TC_BORDERS)).values())
    if hmerge is not None and val(hmerge) != "restart" and cells:
        cells[-1].span += span  # legacy horizontal merge: widen the cell it continues
        return span, bordered
    if vmerge is not None and val(vmerge) != "restart":
        origin = origins.get(column)
        text, bold = (origin.text, origin.bold) if origin else ("", False)
        walker.merges.repeat(text)
        cell = Cell(text=text, span=span, bold=bold, merged=True)
    else:
        text, bold = cell_content(walker, element)
        cell = Cell(text=text, span=span, bold=bold)
        if vmerge is not None:
            origins[column] = cell
        else:
            origins.pop(column, None)
    cells.append(cell)
    return span, bordered


def _table_bordered(walker: Walker, table: etree._Element) -> bool:
    styles = walker.styles
    tblpr = table.find(TBLPR)
    style_id = val(tblpr.find(f"{W}tblStyle")) if tblpr is not None else None
    if style_id not in styles:
        style_id = styles.default_table
    edges, conditional = styles.table_borders(style_id)
    if tblpr is not None:
        edges = {**edges, **border_edges(tblpr.find(_TBL_BORDERS))}
    return conditional or any(edges.values())


def _row_bordered(row: etree._Element) -> bool:
    """Table-property exceptions on a row (``tblPrEx``) can draw borders of their own."""
    exceptions = row.find(f"{W}tblPrEx")
    return exceptions is not None and any(border_edges(exceptions.find(_TBL_BORDERS)).values())


def cell_content(walker: Walker, cell: etree._Element) -> tuple[str, bool]:
    """A cell's text (paragraphs joined by "\\n", auto numbers kept) and whether it is all bold."""
    lines: list[str] = []
    bolds: list[bool] = []
    for child in content(cell):
        if child.tag == P:
            parts = walker.paragraph_parts(child)
            lines.append(f"{parts.auto_marker} {parts.text}" if parts.auto_marker else parts.text)
            if parts.text:
                bolds.append(parts.bold)
            lines.extend(flatten(block) for block in parts.boxes)
        elif child.tag == TBL:
            lines.append(flatten(walker.table(child)))
    return "\n".join(lines).strip(), bool(bolds) and all(bolds)
