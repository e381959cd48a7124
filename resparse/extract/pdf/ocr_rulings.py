"""Ruling lines of a scanned page, found in its pixels, and the grids they form.

A pure-Pillow scan for long runs of dark pixels (rows of the image for horizontal lines,
rows of the transposed image for vertical ones; :func:`find_rulings`). Vertical runs count
only when both ends reach a horizontal line, which rules out letter strokes; lines meeting
each other form a grid (:func:`find_grids`), the vertical lines present in each row band
give its cells and so their column span, and a missing horizontal line between two cells
stacked alike makes the lower one run down (a vertical merge). :func:`Grid.row_boxes`
hands the grid to the one table builder (:func:`.tables.build_piece`) as rows of cell boxes
in points, the shape the text layer's tables have. The lines are painted out before OCR
(:func:`erase_rulings`): they confuse Tesseract.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from PIL import Image, ImageDraw

from resparse.extract.pdf.ocr_tool import OcrWord
from resparse.extract.pdf.settings import SETTINGS
from resparse.extract.pdf.tables import BBox, cluster_edges

__all__ = ["Grid", "GridCell", "Segment", "erase_rulings", "find_grids", "find_rulings"]


@dataclass(frozen=True)
class Segment:
    """A straight ruling line: ``pos`` is its y (horizontal) or x (vertical); it runs start→end."""

    pos: float
    start: float
    end: float

    def scaled(self, factor: float) -> Segment:
        return Segment(self.pos * factor, self.start * factor, self.end * factor)


def find_rulings(
    image: Image.Image, unit: float = SETTINGS.ocr_dpi / 72
) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical table lines of a page image (``unit`` px per point), in points."""
    snap = SETTINGS.ocr_snap * unit
    dark = image.point(lambda v: 255 if v < SETTINGS.ocr_dark else 0)
    horizontal = _join_collinear(_segments(_runs(dark, round(SETTINGS.ocr_min_horizontal * unit))), snap)
    transposed = dark.transpose(Image.Transpose.TRANSPOSE)
    candidates = _join_collinear(_segments(_runs(transposed, round(SETTINGS.ocr_min_vertical * unit))), snap)
    vertical = [v for v in candidates if _anchored(v, horizontal, SETTINGS.ocr_meet * unit, snap)]
    horizontal = [h for h in horizontal if sum(1 for v in vertical if _meets(h, v, snap)) >= 2]
    return [h.scaled(1 / unit) for h in horizontal], [v.scaled(1 / unit) for v in vertical]


def _runs(image: Image.Image, min_length: int) -> list[tuple[int, int, int]]:
    """Runs ``(row, start, end)`` of at least ``min_length`` ink pixels along image rows."""
    width = image.width
    data = image.tobytes()
    runs: list[tuple[int, int, int]] = []
    for match in re.finditer(b"\xff{%d,}" % min_length, data):
        start, end = match.span()
        while start < end:  # a run may wrap past the end of a row in the flat buffer
            row, column = divmod(start, width)
            stop = min(end, (row + 1) * width)
            if stop - start >= min_length:
                runs.append((row, column, column + stop - start))
            start = stop
    return runs


def _segments(runs: Iterable[tuple[int, int, int]]) -> list[Segment]:
    """Stack runs in neighbouring rows that overlap into one line of some thickness."""
    open_groups: list[list[tuple[int, int, int]]] = []
    done: list[list[tuple[int, int, int]]] = []
    for run in sorted(runs):
        row, start, end = run
        still_open = []
        placed = False
        for group in open_groups:
            last_row, last_start, last_end = group[-1]
            if row - last_row > SETTINGS.ocr_run_gap:
                done.append(group)
                continue
            still_open.append(group)
            overlap = min(end, last_end) - max(start, last_start)
            if not placed and overlap > SETTINGS.line_overlap * min(end - start, last_end - last_start):
                group.append(run)
                placed = True
        if not placed:
            still_open.append([run])
        open_groups = still_open
    done.extend(open_groups)
    segments = []
    for group in done:
        rows = [r for r, _, _ in group]
        segments.append(
            Segment((min(rows) + max(rows)) / 2, min(s for _, s, _ in group), max(e for _, _, e in group))
        )
    return segments


def _join_collinear(segments: list[Segment], snap: float) -> list[Segment]:
    """Bridge small breaks in a line (a faint scan): same position, gap under a millimetre."""
    joined: list[Segment] = []
    for segment in sorted(segments, key=lambda s: (round(s.pos / 4), s.start)):
        last = joined[-1] if joined else None
        if last and abs(last.pos - segment.pos) <= snap / 3 and segment.start - last.end <= snap:
            joined[-1] = Segment((last.pos + segment.pos) / 2, last.start, max(last.end, segment.end))
        else:
            joined.append(segment)
    return joined


def _meets(horizontal: Segment, vertical: Segment, snap: float = SETTINGS.ocr_snap) -> bool:
    """Whether the two lines touch or cross."""
    return (
        horizontal.start - snap <= vertical.pos <= horizontal.end + snap
        and vertical.start - snap <= horizontal.pos <= vertical.end + snap
    )


def _anchored(vertical: Segment, horizontals: Sequence[Segment], meet: float, snap: float) -> bool:
    """A table's vertical line starts and ends on horizontal lines; a letter stroke does not.

    The ends must reach the horizontal lines (``meet``: a point or so, for the lines'
    thickness); a tall letter in a tight row stops short of them by a few pixels.
    """

    def at(y: float) -> bool:
        return any(
            abs(h.pos - y) <= meet and h.start - snap <= vertical.pos <= h.end + snap for h in horizontals
        )

    return at(vertical.start) and at(vertical.end)


# --------------------------------------------------------------------------- grids


@dataclass
class GridCell:
    """A cell of a ruled grid: its first row band and column, and how many it covers."""

    row: int
    column: int
    rows: int
    columns: int
    words: list[OcrWord] = field(default_factory=list)


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
            if _meets(h, v):
                parent[root(i)] = root(len(horizontal) + j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(root(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(root(len(horizontal) + j), ([], []))[1].append(v)
    return [group for group in groups.values() if len(group[0]) >= 2 and len(group[1]) >= 2]


def _grid(horizontal: list[Segment], vertical: list[Segment]) -> Grid | None:
    rows = cluster_edges((h.pos for h in horizontal), SETTINGS.ocr_snap)
    columns = cluster_edges((v.pos for v in vertical), SETTINGS.ocr_snap)
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
            if any(abs(v.pos - x) <= SETTINGS.ocr_snap and v.start <= middle <= v.end for v in vertical)
        ]
        edges = sorted(set(edges))
        current: dict[tuple[int, int], GridCell] = {}
        for first, last in pairwise(edges):
            key = (first, last - first)
            centre = (columns[first] + columns[last]) / 2
            ruled = any(
                abs(h.pos - top) <= SETTINGS.ocr_snap
                and h.start - SETTINGS.ocr_snap <= centre <= h.end + SETTINGS.ocr_snap
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


def erase_rulings(image: Image.Image, grids: Sequence[Grid], unit: float) -> Image.Image:
    """A copy of the page with the tables' lines painted white, so OCR does not read them."""
    clean = image.copy()
    draw = ImageDraw.Draw(clean)
    half = SETTINGS.ocr_erase * unit  # lines are up to ~2 pt thick in a scan
    for grid in grids:
        for line in (h.scaled(unit) for h in grid.horizontal):
            draw.rectangle((line.start - half, line.pos - half, line.end + half, line.pos + half), fill=255)
        for line in (v.scaled(unit) for v in grid.vertical):
            draw.rectangle((line.pos - half, line.start - half, line.pos + half, line.end + half), fill=255)
    return clean
