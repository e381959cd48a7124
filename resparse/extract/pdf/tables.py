"""One table builder for both page sources: ruling edges → cells, pieces → tables.

Both sources give ruled tables as rows of cell boxes (:mod:`.grid`, from the text layer's
path edges or the ruling lines found in a scan's pixels): a merged cell is one box in the
row where it starts. The grid columns are rebuilt from the x-edges of all boxes, so a box's
``span`` is the number of grid columns it crosses and a box taller than its row is a
vertical merge (``Cell.merged``) in the rows below. A table that runs over several pages
arrives as one piece per page; :func:`continue_table` glues a piece onto the table it
continues (repeated header dropped, a row split by the page break merged back).

Tables without rulings show only as lines split by tab gaps into aligned columns
(:mod:`.borderless`).
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from resparse.extract.pdf.settings import SETTINGS, Settings
from resparse.extract.pdf.words import Word, join_lines, join_pair, line_clusters, mostly_bold, plain_text
from resparse.layout import Cell, Row, Table, Where

__all__ = [
    "BBox",
    "TablePiece",
    "build_piece",
    "cluster_edges",
    "column_span",
    "continue_table",
    "header_row_count",
    "inside",
    "is_numbering_row",
    "is_repeated_header",
    "is_split_fragment",
    "merge_rows",
    "round_box",
    "same_columns",
    "start_table",
]

BBox = tuple[float, float, float, float]

_NUMBER_ROW_CELL = re.compile(r"^\d{1,2}\.?$")


# --- tables -------------------------------------------------------------------------------


@dataclass
class TablePiece:
    """The part of a ruled table that sits on one page."""

    page: int
    bbox: BBox
    columns: list[float]
    """Grid column edges, left to right (n columns have n + 1 edges)."""
    rows: list[Row] = field(default_factory=list)
    header_rows: int = 1
    cells: list[BBox] = field(default_factory=list)
    """The cell boxes: text inside one belongs to the table, text beside them does not."""
    taken: set[int] = field(default_factory=set)
    """``id()`` of the words that went into a cell (the page's other words make its lines)."""

    def holds(self, word: Word) -> bool:
        return id(word) in self.taken


def cluster_edges(values: Iterable[float], tolerance: float = SETTINGS.edge_cluster) -> list[float]:
    """Merge coordinates closer than ``tolerance`` into one edge (their mean)."""
    edges: list[list[float]] = []
    for value in sorted(values):
        if edges and value - edges[-1][-1] <= tolerance:
            edges[-1].append(value)
        else:
            edges.append([value])
    return [sum(group) / len(group) for group in edges]


def nearest(edges: Sequence[float], value: float) -> int:
    """Index of the edge closest to ``value``."""
    distances = [abs(edge - value) for edge in edges]
    return distances.index(min(distances))  # the first of equally near ones


def column_span(edges: Sequence[float], x0: float, x1: float) -> tuple[int, int]:
    """Grid columns ``(first, count)`` that the box from ``x0`` to ``x1`` covers."""
    first, last = nearest(edges, x0), nearest(edges, x1)
    return first, max(1, last - first)


def inside(word: Word, box: BBox) -> bool:
    """Whether the word's centre lies in ``box`` (x0, top, x1, bottom)."""
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


class _Centres:
    """Words by the height of their centres, to find those inside a box without trying them all."""

    def __init__(self, words: Sequence[Word]) -> None:
        placed = sorted(
            ((w["top"] + w["bottom"]) / 2, (w["x0"] + w["x1"]) / 2, i) for i, w in enumerate(words)
        )
        self.words = words
        self.ys = [y for y, _, _ in placed]
        self.placed = placed
        self.taken: set[int] = set()

    def within(self, box: BBox) -> list[Word]:
        """The words whose centre lies in ``box``, in their original order."""
        low, high = bisect_left(self.ys, box[1]), bisect_right(self.ys, box[3])
        found = sorted(i for _, x, i in self.placed[low:high] if box[0] <= x <= box[2])
        self.taken.update(id(self.words[i]) for i in found)
        return [self.words[i] for i in found]


def cell_text(words: Sequence[Word], settings: Settings = SETTINGS) -> tuple[str, bool]:
    """A cell's text (lines joined with spaces, hyphen rule applied) and its bold hint."""
    if not words:
        return "", False
    lines = line_clusters(words, settings)
    return join_lines(plain_text(line, settings) for line in lines), mostly_bold(words)


def build_piece(
    row_boxes: Sequence[Sequence[BBox | None]],
    words: Sequence[Word],
    page: int,
    bbox: BBox,
    page_area: float = 0.0,
    settings: Settings = SETTINGS,
) -> TablePiece | None:
    """Turn rows of cell boxes into a :class:`TablePiece`, each word in the cell holding its centre.

    Returns None for a "table" of a single cell (a frame drawn around text) and for one
    with a cell covering half the page area (a page border crossed by a rule).
    """
    boxes = [box for row in row_boxes for box in row if box is not None]
    if len(boxes) < 2 or (
        page_area and max(_area(b) for b in boxes) > settings.page_border_share * page_area
    ):
        return None
    edges = cluster_edges([b[0] for b in boxes] + [b[2] for b in boxes], settings.edge_cluster)
    if len(edges) < 2:
        return None
    table_words = _Centres([w for w in words if inside(w, bbox)])
    rows: list[Row] = []
    tall: dict[int, tuple[Cell, int, float]] = {}  # column → (origin cell, span, bottom)
    for row in row_boxes:
        present = [box for box in row if box is not None]
        if present:
            cells, top, bottom = _row_cells(present, edges, table_words, tall, settings)
            row_box = (bbox[0], top, bbox[2], bottom)
            rows.append(Row(cells=cells, where=Where(page=page, bbox=round_box(row_box))))
    if not rows:
        return None
    piece = TablePiece(page=page, bbox=bbox, columns=edges, rows=rows, cells=boxes, taken=table_words.taken)
    piece.header_rows = header_row_count(row_boxes, rows, settings)
    return piece


def _row_cells(
    present: Sequence[BBox],
    edges: Sequence[float],
    words: _Centres,
    tall: dict[int, tuple[Cell, int, float]],
    settings: Settings,
) -> tuple[list[Cell], float, float]:
    """One row's cells by grid column (covered slots as ``merged`` copies), its top and bottom.

    ``tall`` carries the cells reaching down from rows above; this row's tall cells are added.
    """
    row_top = min(b[1] for b in present)
    row_bottom = min(b[3] for b in present)
    starts: dict[int, Cell] = {}
    for box in present:
        first, span = column_span(edges, box[0], box[2])
        text, bold = cell_text(words.within(box), settings)
        cell = Cell(text=text, span=span, bold=bold)
        starts[first] = cell
        if box[3] > row_bottom + settings.tall_cell:
            tall[first] = (cell, span, box[3])
    cells: list[Cell] = []
    column = 0
    while column < len(edges) - 1:
        if column in starts:
            cells.append(starts[column])
            column += starts[column].span
            continue
        origin = tall.get(column)
        if origin and origin[2] > row_top + settings.tall_cell:
            cells.append(origin[0].model_copy(update={"merged": True}))
            column += origin[1]
            continue
        cells.append(Cell(text=""))
        column += 1
    return cells, row_top, row_bottom


def header_row_count(
    row_boxes: Sequence[Sequence[BBox | None]], rows: Sequence[Row], settings: Settings = SETTINGS
) -> int:
    """How many leading rows form the header.

    The first row always; more when a first-row cell reaches down over later rows (a
    two-level header), plus a following row that only numbers the columns "1 2 3 …".
    """
    if not rows:
        return 0
    first = [box for box in row_boxes[0] if box is not None]
    count = 1
    if first:
        first_bottom = min(b[3] for b in first)
        deepest = max(b[3] for b in first)
        if deepest > first_bottom + settings.tall_cell:
            for row in row_boxes[1:]:
                present = [box for box in row if box is not None]
                if present and min(b[1] for b in present) < deepest - settings.tall_cell:
                    count += 1
                else:
                    break
    count = min(count, len(rows))
    if count < len(rows) and is_numbering_row(rows[count].texts):
        count += 1
    return count


def is_numbering_row(texts: Sequence[str]) -> bool:
    """A row "1 | 2 | 3 | …" under a header just numbers the columns."""
    cleaned = [t.strip() for t in texts if t.strip()]
    if len(cleaned) < 2 or not all(_NUMBER_ROW_CELL.match(t) for t in cleaned):
        return False
    numbers = [int(t.rstrip(".")) for t in cleaned]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def same_columns(
    table_edges: Sequence[float], piece_edges: Sequence[float], tolerance: float = SETTINGS.column_match
) -> bool:
    """Whether a piece on the next page has the table's column layout.

    The outer edges must match; every inner edge of the piece must be one of the table's
    (a page holding only wide section rows shows fewer edges, never new ones).
    """
    if len(table_edges) < 2 or len(piece_edges) < 2:
        return False
    if abs(table_edges[0] - piece_edges[0]) > tolerance or abs(table_edges[-1] - piece_edges[-1]) > tolerance:
        return False
    return all(any(abs(edge - other) <= tolerance for other in table_edges) for edge in piece_edges)


def _norm(text: str) -> str:
    return " ".join(text.split())


def is_repeated_header(header: Sequence[Row], rows: Sequence[Row], similarity: float = 1.0) -> bool:
    """Whether ``rows`` start with the same texts as the table's header rows.

    ``similarity`` below 1 allows for OCR noise: the texts of a row need only be that similar.
    """
    if not header or len(rows) < len(header):
        return False
    return all(
        _same_texts(head.texts, row.texts, similarity) for head, row in zip(header, rows, strict=False)
    )


def _same_texts(a: Sequence[str], b: Sequence[str], similarity: float) -> bool:
    if [_norm(t) for t in a] == [_norm(t) for t in b]:
        return True
    if similarity >= 1.0:
        return False
    left, right = _norm(" ".join(a)).lower(), _norm(" ".join(b)).lower()
    return difflib.SequenceMatcher(None, left, right, autojunk=False).ratio() >= similarity


def is_split_fragment(row: Row) -> bool:
    """A row at the top of a page with an empty first (number) cell is the rest of a split row."""
    return bool(row.cells) and not row.cells[0].text.strip() and any(c.text.strip() for c in row.cells)


def merge_rows(upper: Row, lower: Row) -> Row:
    """Merge the fragment ``lower`` into ``upper`` cell by cell (by grid column)."""
    starts: dict[int, int] = {}
    column = 0
    for index, cell in enumerate(upper.cells):
        starts[column] = index
        column += cell.span
    cells = [cell.model_copy() for cell in upper.cells]
    column = 0
    for cell in lower.cells:
        target = _covering(starts, upper.cells, column)
        column += cell.span
        if target is None or not cell.text.strip() or cell.merged:
            continue
        cells[target] = cells[target].model_copy(update={"text": join_pair(cells[target].text, cell.text)})
    return upper.model_copy(update={"cells": cells})


def _covering(starts: dict[int, int], cells: Sequence[Cell], column: int) -> int | None:
    for start, index in starts.items():
        if start <= column < start + cells[index].span:
            return index
    return None


def start_table(piece: TablePiece) -> Table:
    """A new layout table from its first piece, with header rows marked."""
    rows = [row.model_copy() for row in piece.rows]
    for row in rows[: piece.header_rows]:
        row.header = True
    return Table(rows=rows, where=Where(page=piece.page, bbox=round_box(piece.bbox)))


def continue_table(table: Table, piece: TablePiece, settings: Settings = SETTINGS) -> None:
    """Append the next page's piece to ``table``: drop a repeated header, merge a split row."""
    header = [row for row in table.rows if row.header]
    rows = list(piece.rows)
    if is_repeated_header(header, rows, settings.header_similarity):
        rows = rows[len(header) :]
    if rows and table.rows and not table.rows[-1].header and is_split_fragment(rows[0]):
        table.rows[-1] = merge_rows(table.rows[-1], rows[0])
        rows = rows[1:]
    table.rows.extend(rows)


def _area(box: BBox) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def round_box(box: Sequence[float]) -> BBox:
    x0, top, x1, bottom = (round(float(v), 1) for v in box)
    return (x0, top, x1, bottom)
