"""Geometry helpers for the PDF reader: words → lines, joining lines, ruled tables.

Everything here works on plain data — pdfplumber word dicts (``text``, ``x0``, ``x1``,
``top``, ``bottom``, ``fontname``, ``size``), bounding-box tuples and layout rows — so each
rule can be tested without building a PDF. :mod:`resparse.extract.pdf` drives them.

Tables come from ruling lines (``page.find_tables()``). pdfplumber reports a merged cell as
one box in the row where it starts and ``None`` for the slots it covers; the grid columns
are rebuilt from the x-edges of all boxes, so a box's ``span`` is the number of grid
columns it crosses and a box taller than its row is a vertical merge (``Cell.merged``)
in the rows below. A table that runs over several pages arrives as one piece per page;
:func:`continue_table` glues a piece onto the table it continues.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from resparse.layout import Cell, Row, Table, Where

Word = dict[str, Any]
BBox = tuple[float, float, float, float]

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b$|-b$", re.IGNORECASE)
_HYPHENS = "-\u2010\u2011"
_SOFT_HYPHEN = "\u00ad"
_TRAILING_LETTERS = re.compile(r"([^\W\d_]+)$")
_LEADING_LETTERS = re.compile(r"^([^\W\d_]+)")
_NUMBER_ROW_CELL = re.compile(r"^\d{1,2}\.?$")


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
    gaps = [float(b["x0"] - a["x1"]) for a, b in zip(ordered, ordered[1:])]
    pieces = [ordered[0]["text"]]
    has_tab = False
    for gap, word in zip(gaps, ordered[1:]):
        tab = is_tab_gap(gap, gaps, size)
        has_tab = has_tab or tab
        pieces.append("\t" if tab else " ")
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
        has_tab=has_tab,
        page=page,
    )


def is_tab_gap(gap: float, gaps: Sequence[float], size: float) -> bool:
    """A gap is a tab (or a column edge) when it dwarfs a space.

    Justified lines stretch every space alike, so a gap counts only when it is wide in
    absolute terms (two ems) and either far wider than the line's typical gap or huge (six
    ems, which justification never produces in running text).
    """
    em = size or 10.0
    if gap < 2.0 * em:
        return False
    if gap >= 6.0 * em:
        return True
    others = sorted(gaps)
    if len(others) < 3:
        return False
    typical = others[len(others) // 2]
    return gap > 3.0 * max(typical, 0.2 * em)


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
    row_boxes: Sequence[Sequence[BBox | None]], words: Sequence[Word], page: int, bbox: BBox
) -> TablePiece | None:
    """Turn pdfplumber's rows of cell boxes into a :class:`TablePiece`.

    Returns None for a "table" of a single cell: a frame drawn around text is not a table.
    """
    boxes = [box for row in row_boxes for box in row if box is not None]
    if len(boxes) < 2:
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
    piece = TablePiece(page=page, bbox=bbox, columns=edges, rows=rows)
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
        for head, row in zip(header, rows)
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


def _round_box(box: Sequence[float]) -> BBox:
    x0, top, x1, bottom = (round(float(v), 1) for v in box)
    return (x0, top, x1, bottom)
