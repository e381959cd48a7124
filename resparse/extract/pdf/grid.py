"""Ruling lines → a grid of cells: one builder for the text layer's edges and a scan's lines.

Lines that meet form a grid (:func:`find_grids`): its rows and columns are the lines'
positions (clustered), the vertical lines present in each row band give its cells and so
their column span, and a missing horizontal line between two cells stacked alike makes the
lower one run down (a vertical merge). :meth:`Grid.row_boxes` hands the grid to the table
builder (:func:`.tables.build_piece`) as rows of cell boxes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from resparse.extract.pdf.settings import SETTINGS
from resparse.extract.pdf.tables import BBox, cluster_edges

__all__ = ["Grid", "GridCell", "Segment", "find_grids", "meets", "ruled_tables"]


@dataclass(frozen=True)
class Segment:
    """A straight ruling line: ``pos`` is its y (horizontal) or x (vertical); it runs start→end."""

    pos: float
    start: float
    end: float

    def scaled(self, factor: float) -> Segment:
        return Segment(self.pos * factor, self.start * factor, self.end * factor)


def meets(horizontal: Segment, vertical: Segment, snap: float = SETTINGS.grid_snap) -> bool:
    """Whether the two lines touch or cross."""
    return (
        horizontal.start - snap <= vertical.pos <= horizontal.end + snap
        and vertical.start - snap <= horizontal.pos <= vertical.end + snap
    )


@dataclass
class GridCell:
    """A cell of a ruled grid: its first row band and column, and how many it covers."""

    row: int
    column: int
    rows: int
    columns: int
    words: list[Any] = field(default_factory=list)
    """The words OCR found in the cell (the text layer's go to cells by position)."""


@dataclass
class Grid:
    """A ruled table on one page: row and column edges (px) and the cells between them."""

    rows: list[float]
    columns: list[float]
    cells: list[GridCell]
    horizontal: list[Segment]
    vertical: list[Segment]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.columns[0], self.rows[0], self.columns[-1], self.rows[-1])

    def cell_box(self, cell: GridCell) -> tuple[float, float, float, float]:
        return (
            self.columns[cell.column],
            self.rows[cell.row],
            self.columns[cell.column + cell.columns],
            self.rows[cell.row + cell.rows],
        )

    def row_boxes(self) -> list[list[BBox | None]]:
        """Per row band, the boxes of the cells starting there: the table builder's input."""
        return [
            [self.cell_box(cell) for cell in sorted(self.cells, key=lambda c: c.column) if cell.row == band]
            for band in range(len(self.rows) - 1)
        ]

    def cell_at(self, x: float, y: float) -> GridCell | None:
        """The cell covering the point, or None outside the grid."""
        if not (self.columns[0] <= x <= self.columns[-1] and self.rows[0] <= y <= self.rows[-1]):
            return None
        row = min(bisect_right(self.rows, y) - 1, len(self.rows) - 2)
        column = min(bisect_right(self.columns, x) - 1, len(self.columns) - 2)
        for cell in self.cells:
            if cell.row <= row < cell.row + cell.rows and cell.column <= column < cell.column + cell.columns:
                return cell
        return None


def find_grids(horizontal: Sequence[Segment], vertical: Sequence[Segment]) -> list[Grid]:
    """Tables formed by lines that meet; a lone frame (one cell) is not a table."""
    grids = []
    for lines_h, lines_v in _components(horizontal, vertical):
        grid = _grid(lines_h, lines_v)
        if grid is not None:
            grids.append(grid)
    return sorted(grids, key=lambda g: g.rows[0])


def _components(
    horizontal: Sequence[Segment], vertical: Sequence[Segment]
) -> list[tuple[list[Segment], list[Segment]]]:
    """Group lines into connected sets (union-find over meeting pairs)."""
    parent = list(range(len(horizontal) + len(vertical)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if meets(h, v):
                parent[root(i)] = root(len(horizontal) + j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(root(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(root(len(horizontal) + j), ([], []))[1].append(v)
    return [group for group in groups.values() if len(group[0]) >= 2 and len(group[1]) >= 2]


def _grid(horizontal: list[Segment], vertical: list[Segment]) -> Grid | None:
    rows = cluster_edges((h.pos for h in horizontal), SETTINGS.grid_snap)
    columns = cluster_edges((v.pos for v in vertical), SETTINGS.grid_snap)
    if len(rows) < 2 or len(columns) < 2 or (len(rows) - 1) * (len(columns) - 1) < 2:
        return None
    cells: list[GridCell] = []
    above: dict[tuple[int, int], GridCell] = {}  # (first column, columns) → cell open from the band above
    for band, (top, bottom) in enumerate(pairwise(rows)):
        middle = (top + bottom) / 2
        edges = [0, len(columns) - 1]
        edges += [
            index
            for index, x in enumerate(columns)
            if any(abs(v.pos - x) <= SETTINGS.grid_snap and v.start <= middle <= v.end for v in vertical)
        ]
        edges = sorted(set(edges))
        current: dict[tuple[int, int], GridCell] = {}
        for first, last in pairwise(edges):
            key = (first, last - first)
            centre = (columns[first] + columns[last]) / 2
            ruled = any(
                abs(h.pos - top) <= SETTINGS.grid_snap
                and h.start - SETTINGS.grid_snap <= centre <= h.end + SETTINGS.grid_snap
                for h in horizontal
            )
            origin = above.get(key)
            if origin is not None and not ruled:
                origin.rows += 1  # no line between: one cell running down (a vertical merge)
                current[key] = origin
                continue
            cell = GridCell(row=band, column=first, rows=1, columns=last - first)
            cells.append(cell)
            current[key] = cell
        above = current
    if len(cells) < 2:
        return None
    return Grid(rows=rows, columns=columns, cells=cells, horizontal=horizontal, vertical=vertical)


def ruled_tables(edges: Sequence[dict[str, Any]]) -> list[tuple[list[list[BBox | None]], BBox]]:
    """Tables drawn with ruling lines in the text layer: per table, its rows of cell boxes and its box.

    ``edges`` are the text layer's axis-parallel path segments (:mod:`.text_layer`).
    """
    horizontal = [Segment(e["top"], e["x0"], e["x1"]) for e in edges if e["orientation"] == "h"]
    vertical = [Segment(e["x0"], e["top"], e["bottom"]) for e in edges if e["orientation"] == "v"]
    if len(edges) < SETTINGS.min_edges:
        return []
    return [(grid.row_boxes(), grid.bbox) for grid in find_grids(horizontal, vertical)]
