"""Geometry helpers for the PDF reader: words → lines, joining lines, ruled tables.

Everything here works on plain data — word dicts in pdfplumber's shape (``text``, ``x0``, ``x1``,
``top``, ``bottom``, ``fontname``, ``size``), bounding-box tuples and layout rows — so each
rule can be tested without building a PDF. :mod:`resparse.extract.pdf` drives them.

Tables come from ruling lines (:func:`.pdf_page.ruled_tables`, pdfplumber's finder), which
reports a merged cell as one box in the row where it starts and ``None`` for the slots it
covers; the grid columns are rebuilt from the x-edges of all boxes, so a box's ``span`` is the number of grid
columns it crosses and a box taller than its row is a vertical merge (``Cell.merged``)
in the rows below. A table that runs over several pages arrives as one piece per page;
:func:`continue_table` glues a piece onto the table it continues.

Tables without rulings show only as lines split by tab gaps into aligned columns
(:func:`borderless_tables`). Lines are joined with a space; a hyphen at a line end goes
only when it split a dictionary word (:func:`drop_line_hyphen`, pymorphy3).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

from resparse.layout import Cell, Row, Table, Where
from resparse.markers import split_marker

Word = dict[str, Any]
BBox = tuple[float, float, float, float]

_BOLD_FONT = re.compile(r"bold|black|heavy|(?<![a-z])demi|[,-]b$", re.IGNORECASE)
_HYPHENS = "-\u2010\u2011"
_SOFT_HYPHEN = "\u00ad"
_TRAILING_LETTERS = re.compile(r"([^\W\d_]+)$")
_LEADING_LETTERS = re.compile(r"^([^\W\d_]+)")
_NUMBER_ROW_CELL = re.compile(r"^\d{1,2}\.?$")
SENTENCE_END = re.compile(r"[.!?:;…][»\"')\]]*$")
"""A line that ends like this ends a sentence (closing quotes and brackets may follow)."""


def is_bold_font(fontname: str) -> bool:
    """PDF fonts carry their weight in the name: "ABCDEF+LiberationSerif-Bold", "Arial,Bold"."""
    name = fontname.split("+", 1)[-1]
    return bool(_BOLD_FONT.search(name))


@dataclass
class Line:
    """One visual line of text: its words left to right, with the font hints readers see."""

    words: list[Word]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    has_tab: bool
    """A gap far wider than a space splits the line (a tab stop or an invisible table)."""
    page: int = 0
    tabs: tuple[int, ...] = ()
    """Indices of the words that follow a tab gap."""

    @property
    def first_word_width(self) -> float:
        word = self.words[0]
        return float(word["x1"] - word["x0"])


def group_lines(words: Sequence[Word], page: int = 0) -> list[Line]:
    """Cluster words into lines by vertical overlap, in top-to-bottom order.

    Words are taken in order of their top edge; a word joins the open line when it overlaps
    the line's band by more than half of the smaller height (so a bold word set a little
    higher, or a superscript, stays on its line).
    """
    clusters: list[list[Word]] = []
    band: tuple[float, float] = (0.0, 0.0)
    for word in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        top, bottom = float(word["top"]), float(word["bottom"])
        if clusters:
            overlap = min(bottom, band[1]) - max(top, band[0])
            height = min(bottom - top, band[1] - band[0])
            if height > 0 and overlap > 0.5 * height:
                clusters[-1].append(word)
                band = (min(band[0], top), max(band[1], bottom))
                continue
        clusters.append([word])
        band = (top, bottom)
    return [make_line(cluster, page) for cluster in clusters]


def make_line(words: list[Word], page: int = 0) -> Line:
    """Build a :class:`Line` from the words of one visual line (any order)."""
    ordered = sorted(words, key=lambda w: w["x0"])
    sizes = [float(w.get("size") or 0.0) for w in ordered]
    size = statistics.median(sizes) if sizes else 0.0
    gaps = [float(b["x0"] - a["x1"]) for a, b in pairwise(ordered)]
    pieces = [ordered[0]["text"]]
    tabs: list[int] = []
    for index, (gap, word) in enumerate(zip(gaps, ordered[1:], strict=True), start=1):
        tab = is_tab_gap(gap, gaps, size)
        if tab:
            tabs.append(index)
        # Words split only by a change of font (bold "РЕКОМЕНДАЦИИ" + plain ":") touch.
        pieces.append("\t" if tab else " " if gap > 0.08 * (size or 10.0) else "")
        pieces.append(word["text"])
    bold_chars = sum(len(w["text"]) for w in ordered if is_bold_font(str(w.get("fontname", ""))))
    all_chars = sum(len(w["text"]) for w in ordered)
    return Line(
        words=ordered,
        text="".join(pieces),
        x0=float(min(w["x0"] for w in ordered)),
        x1=float(max(w["x1"] for w in ordered)),
        top=float(min(w["top"] for w in ordered)),
        bottom=float(max(w["bottom"] for w in ordered)),
        size=round(size, 1),
        bold=bold_chars * 2 > all_chars,
        has_tab=bool(tabs),
        page=page,
        tabs=tuple(tabs),
    )


def segments(line: Line) -> list[Line]:
    """The parts of a line between its tab gaps, each as a line of its own."""
    if not line.tabs:
        return [line]
    bounds = [0, *line.tabs, len(line.words)]
    return [make_line(line.words[a:b], line.page) for a, b in pairwise(bounds)]


TAB_MIN_EM = 2.0
"""A tab gap is at least this many ems wide."""
TAB_ALONE_EM = 6.0
"""A gap this many ems wide is a tab even when the line has no other gap to compare with."""
TAB_OVER_TYPICAL = 3.0
"""… otherwise it must be this many times the line's typical gap."""
JUSTIFIED_RATIO = 1.25
"""Three or more gaps within this ratio of each other are spaces stretched alike."""
JUSTIFIED_PAIR_EM = 0.1
"""Two gaps this close (in ems) are the two spaces of a three-word justified line."""
SPACE_FLOOR_EM = 0.2
"""The narrowest a line's typical gap is taken to be (tightly set lines)."""


def is_tab_gap(gap: float, gaps: Sequence[float], size: float) -> bool:
    """A gap is a tab (or a column edge) when it dwarfs a space.

    Justified lines stretch every space alike, so a gap counts only when it is wide in
    absolute terms, the gaps are not all alike (three words on a justified line have two
    equal gaps however wide), and it is either far wider than the line's typical gap or
    huge (a lone gap that wide is a tab stop).
    """
    em = size or 10.0
    if gap < TAB_MIN_EM * em:
        return False
    others = sorted(gaps)
    if len(others) >= 3 and others[-1] <= JUSTIFIED_RATIO * others[0]:
        return False  # every space stretched alike: a sparse justified line
    if len(others) == 2 and others[1] - others[0] <= JUSTIFIED_PAIR_EM * em:
        return False
    if gap >= TAB_ALONE_EM * em:
        return True
    if len(others) < 3:
        return False
    typical = others[len(others) // 2]
    return gap > TAB_OVER_TYPICAL * max(typical, SPACE_FLOOR_EM * em)


@lru_cache(maxsize=1)
def _morph() -> Any:
    """pymorphy3 is loaded only when a line ends in a hyphen (it takes ~0.15 s)."""
    try:
        import pymorphy3
    except ImportError:  # pragma: no cover - pymorphy3 is a hard dependency
        return None
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=4096)
def _is_word(word: str) -> bool:
    morph = _morph()
    return bool(morph is not None and morph.word_is_known(word.lower()))


def drop_line_hyphen(head: str, tail: str) -> bool:
    """Whether "head-" + "tail" at a line break is a word the typesetter hyphenated.

    The hyphen goes only when the joined word is a dictionary word and the hyphenated
    form is not: "организа-" + "ций" → "организаций", but "бизнес-" + "сообщества" and
    "торгово-" + "промышленной" keep their hyphen (a real compound stays as printed).
    """
    if not head or not tail or not tail[0].islower():
        return False
    return _is_word(head + tail) and not _is_word(f"{head}-{tail}")


def join_pair(left: str, right: str) -> str:
    """Join two consecutive lines of one paragraph as a reader would."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left or right
    if left.endswith(_SOFT_HYPHEN):
        return left[:-1] + right
    if left[-1] in _HYPHENS and len(left) >= 2 and left[-2].isalnum() and right[0].isalnum():
        head = _TRAILING_LETTERS.search(left[:-1])
        tail = _LEADING_LETTERS.match(right)
        if head and tail and drop_line_hyphen(head.group(1), tail.group(1)):
            return left[:-1] + right
        return left + right
    return f"{left} {right}"


def join_lines(texts: Iterable[str]) -> str:
    """Join a paragraph's (or a cell's) lines with spaces, re-joining hyphenated words."""
    result = ""
    for text in texts:
        result = join_pair(result, text)
    return result


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

    def holds(self, word: Word) -> bool:
        return inside(word, self.bbox) and any(inside(word, box) for box in self.cells)


def cluster_edges(values: Iterable[float], tolerance: float = 2.0) -> list[float]:
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
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def column_span(edges: Sequence[float], x0: float, x1: float) -> tuple[int, int]:
    """Grid columns ``(first, count)`` that the box from ``x0`` to ``x1`` covers."""
    first, last = nearest(edges, x0), nearest(edges, x1)
    return first, max(1, last - first)


def inside(word: Word, box: BBox) -> bool:
    """Whether the word's centre lies in ``box`` (x0, top, x1, bottom)."""
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def cell_text(words: Sequence[Word]) -> tuple[str, bool]:
    """A cell's text (lines joined with spaces, hyphen rule applied) and its bold hint."""
    if not words:
        return "", False
    lines = group_lines(words)
    text = join_lines(line.text.replace("\t", " ") for line in lines)
    bold_chars = sum(len(w["text"]) for w in words if is_bold_font(str(w.get("fontname", ""))))
    return text, bold_chars * 2 > sum(len(w["text"]) for w in words)


def build_piece(
    row_boxes: Sequence[Sequence[BBox | None]],
    words: Sequence[Word],
    page: int,
    bbox: BBox,
    page_area: float = 0.0,
) -> TablePiece | None:
    """Turn pdfplumber's rows of cell boxes into a :class:`TablePiece`.

    Returns None for a "table" of a single cell (a frame drawn around text) and for one
    with a cell covering half the page area (a page border crossed by a rule).
    """
    boxes = [box for row in row_boxes for box in row if box is not None]
    if len(boxes) < 2 or (page_area and max(_area(b) for b in boxes) > 0.5 * page_area):
        return None
    edges = cluster_edges([b[0] for b in boxes] + [b[2] for b in boxes])
    if len(edges) < 2:
        return None
    table_words = [w for w in words if inside(w, bbox)]
    rows: list[Row] = []
    tall: dict[int, tuple[Cell, int, float]] = {}  # column → (origin cell, span, bottom)
    for row in row_boxes:
        present = [box for box in row if box is not None]
        if not present:
            continue
        row_top = min(b[1] for b in present)
        row_bottom = min(b[3] for b in present)
        starts: dict[int, Cell] = {}
        for box in present:
            first, span = column_span(edges, box[0], box[2])
            text, bold = cell_text([w for w in table_words if inside(w, box)])
            cell = Cell(text=text, span=span, bold=bold)
            starts[first] = cell
            if box[3] > row_bottom + 2.0:
                tall[first] = (cell, span, box[3])
        cells: list[Cell] = []
        column = 0
        while column < len(edges) - 1:
            if column in starts:
                cells.append(starts[column])
                column += starts[column].span
                continue
            origin = tall.get(column)
            if origin and origin[2] > row_top + 2.0:
                cells.append(origin[0].model_copy(update={"merged": True}))
                column += origin[1]
                continue
            cells.append(Cell(text=""))
            column += 1
        row_box = (bbox[0], row_top, bbox[2], row_bottom)
        rows.append(Row(cells=cells, where=Where(page=page, bbox=_round_box(row_box))))
    if not rows:
        return None
    piece = TablePiece(page=page, bbox=bbox, columns=edges, rows=rows, cells=boxes)
    piece.header_rows = header_row_count(row_boxes, rows)
    return piece


def header_row_count(row_boxes: Sequence[Sequence[BBox | None]], rows: Sequence[Row]) -> int:
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
        if deepest > first_bottom + 2.0:
            for row in row_boxes[1:]:
                present = [box for box in row if box is not None]
                if present and min(b[1] for b in present) < deepest - 2.0:
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


def same_columns(table_edges: Sequence[float], piece_edges: Sequence[float], tolerance: float = 3.0) -> bool:
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


def is_repeated_header(header: Sequence[Row], rows: Sequence[Row]) -> bool:
    """Whether ``rows`` start with the same texts as the table's header rows."""
    if not header or len(rows) < len(header):
        return False
    return all(
        [_norm(t) for t in head.texts] == [_norm(t) for t in row.texts]
        for head, row in zip(header, rows, strict=False)
    )


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
    return Table(rows=rows, where=Where(page=piece.page, bbox=_round_box(piece.bbox)))


def continue_table(table: Table, piece: TablePiece) -> None:
    """Append the next page's piece to ``table``: drop a repeated header, merge a split row."""
    header = [row for row in table.rows if row.header]
    rows = list(piece.rows)
    if is_repeated_header(header, rows):
        rows = rows[len(header) :]
    if rows and table.rows and not table.rows[-1].header and is_split_fragment(rows[0]):
        table.rows[-1] = merge_rows(table.rows[-1], rows[0])
        rows = rows[1:]
    table.rows.extend(rows)


def borderless_tables(lines: Sequence[Line], max_pitch: float) -> list[tuple[int, int, Table]]:
    """Find invisible tables: runs of lines split by tab gaps into the same columns.

    At least two consecutive lines must show the same columns (each column's parts share
    their left or their right edge, and columns do not overlap); untabbed lines right above
    or below that fit inside one column join the run. ``max_pitch`` (a multiple of the
    font size) is the line pitch beyond which a run ends. Returns ``(start, end, table)``
    for ``lines[start:end]``. A full grid gives a row per line; a run with partial lines
    gives one row whose cells hold their lines joined by "\n" (a cell of several short
    paragraphs, as Word's place-and-date tables are). A line above that ends a sentence is
    the end of the paragraph before, not part of the table.
    """
    found: list[tuple[int, int, Table]] = []
    parts = [_columns_of_line(line) for line in lines]
    index = 0
    while index < len(lines) - 1:
        end = index + 1
        while (
            end < len(lines)
            and len(parts[end]) == len(parts[index]) >= 2
            and _close(lines[end - 1], lines[end], max_pitch)
            and _aligned(parts[index : end + 1])
        ):
            end += 1
        if end - index < 2:
            index += 1
            continue
        columns = parts[index:end]
        start = index
        while (
            start > 0
            and _close(lines[start - 1], lines[start], max_pitch)
            and _fits(parts[start - 1], columns)
            and not SENTENCE_END.search(lines[start - 1].text)  # the end of the paragraph above
        ):
            start -= 1
        stop = end
        while (
            stop < len(lines)
            and _close(lines[stop - 1], lines[stop], max_pitch)
            and _fits(parts[stop], columns)
        ):
            stop += 1
        found.append((start, stop, _grid_table(parts[start:stop], len(columns[0]))))
        index = stop
    return found


def _columns_of_line(line: Line) -> list[Line]:
    """A line's tab-separated parts; the tab after a list number ("1.<tab>Text") splits none."""
    parts = segments(line)
    if len(parts) >= 2 and split_marker(line.text)[0] == parts[0].text.strip():
        parts = [make_line(parts[0].words + parts[1].words, line.page), *parts[2:]]
    return parts


def _close(above: Line, below: Line, max_pitch: float) -> bool:
    return 0 < below.top - above.top <= max_pitch * max(above.size, below.size, 1.0)


def _aligned(rows: Sequence[Sequence[Line]], tolerance: float = 4.0) -> bool:
    for column in range(len(rows[0])):
        cells = [row[column] for row in rows]
        lefts, rights = [c.x0 for c in cells], [c.x1 for c in cells]
        if max(lefts) - min(lefts) > tolerance and max(rights) - min(rights) > tolerance:
            return False
        if column and min(lefts) <= max(row[column - 1].x1 for row in rows):
            return False
    return True


def _fits(parts: Sequence[Line], columns: Sequence[Sequence[Line]]) -> bool:
    """An untabbed line joins the run when it sits inside one column, aligned with it."""
    return len(parts) == 1 and _column_of(parts[0], columns) is not None


def _column_of(part: Line, columns: Sequence[Sequence[Line]], tolerance: float = 4.0) -> int | None:
    width = len(columns[0])
    for column in range(width):
        cells = [row[column] for row in columns]
        after = max(row[column - 1].x1 for row in columns) if column else float("-inf")
        before = min(row[column + 1].x0 for row in columns) if column + 1 < width else float("inf")
        aligned = any(abs(part.x0 - c.x0) <= tolerance or abs(part.x1 - c.x1) <= tolerance for c in cells)
        if aligned and part.x0 > after and part.x1 < before:
            return column
    return None


def _grid_table(parts: Sequence[Sequence[Line]], width: int) -> Table:
    full = [row for row in parts if len(row) == width]
    page = parts[0][0].page
    top = min(line.top for row in parts for line in row)
    bottom = max(line.bottom for row in parts for line in row)
    left = min(line.x0 for row in parts for line in row)
    right = max(line.x1 for row in parts for line in row)
    bbox = _round_box((left, top, right, bottom))
    if len(full) == len(parts):
        grid = [[[line] for line in row] for row in parts]
    else:
        cells: list[list[Line]] = [[] for _ in range(width)]
        for row in parts:
            for line in row:
                column = _column_of(line, full) if len(row) == 1 else row.index(line)
                cells[column if column is not None else 0].append(line)
        grid = [cells]
    rows = []
    for grid_row in grid:
        row_cells = []
        for cell_lines in grid_row:
            words = [w for line in cell_lines for w in line.words]
            bold = sum(len(w["text"]) for w in words if is_bold_font(str(w.get("fontname", ""))))
            text = "\n".join(line.text for line in cell_lines)
            row_cells.append(Cell(text=text, bold=bold * 2 > sum(len(w["text"]) for w in words)))
        row_lines = [line for cell_lines in grid_row for line in cell_lines]
        row_box = (left, min(x.top for x in row_lines), right, max(x.bottom for x in row_lines))
        rows.append(Row(cells=row_cells, where=Where(page=page, bbox=_round_box(row_box))))
    return Table(rows=rows, borderless=True, where=Where(page=page, bbox=bbox))


def _area(box: BBox) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _round_box(box: Sequence[float]) -> BBox:
    x0, top, x1, bottom = (round(float(v), 1) for v in box)
    return (x0, top, x1, bottom)
