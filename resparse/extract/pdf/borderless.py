"""Invisible tables: runs of lines split by tab gaps into the same columns.

Word's borderless tables (place and date side by side, a signature block) show in a PDF
only as lines whose tab gaps line up; they become a ``Table(borderless=True)``, as the DOCX
reader gives for them. A single tabbed line ("Председатель<tab>В.П. Журавлёв") stays a
paragraph with "\t".
"""

from __future__ import annotations

from collections.abc import Sequence

from resparse.extract.pdf.settings import SETTINGS, Settings
from resparse.extract.pdf.tables import round_box
from resparse.extract.pdf.words import SENTENCE_END, Line, make_line, mostly_bold, segments
from resparse.layout import Cell, Row, Table, Where
from resparse.markers import split_marker

__all__ = ["borderless_tables"]


def borderless_tables(
    lines: Sequence[Line], max_pitch: float, settings: Settings = SETTINGS
) -> list[tuple[int, int, Table]]:
    """Find invisible tables: runs of lines split by tab gaps into the same columns.

    At least two consecutive lines must show the same columns (each column's parts share
    their left or their right edge, and columns do not overlap); untabbed lines right above
    or below that fit inside one column join the run. ``max_pitch`` (a multiple of the
    font size) is the line pitch beyond which a run ends. Returns ``(start, end, table)``
    for ``lines[start:end]``. A full grid gives a row per line; a run with partial lines
    gives one row whose cells hold their lines joined by "\n" (a cell of several short
    paragraphs, as Word's place-and-date tables are, or a letterhead opening the page) —
    but where untabbed lines stand between full ones below the top, a row per full line, the
    untabbed joining the cell above (a signature's position running on under it). A line
    above that ends a sentence is the end of the paragraph before, not part of the table.
    """
    found: list[tuple[int, int, Table]] = []
    parts = [_columns_of_line(line) for line in lines]
    index = 0
    while index < len(lines) - 1:
        end = _run_end(lines, parts, index, max_pitch, settings)
        columns = [row for row in parts[index:end] if len(row) == len(parts[index])]
        if len(columns) < 2:
            index += 1
            continue
        start = index
        while (
            start > 0
            and _close(lines[start - 1], lines[start], max_pitch)
            and _fits(parts[start - 1], columns, settings.column_align)
            and not SENTENCE_END.search(lines[start - 1].text)  # the end of the paragraph above
        ):
            start -= 1
        stop = end
        while (
            stop < len(lines)
            and _close(lines[stop - 1], lines[stop], max_pitch)
            and _fits(parts[stop], columns, settings.column_align)
        ):
            stop += 1
        on_top = start == 0  # a letterhead: its columns are read whole, one row
        found.append(
            (start, stop, _grid_table(parts[start:stop], len(columns[0]), settings.column_align, on_top))
        )
        index = stop
    return found


def _run_end(
    lines: Sequence[Line], parts: Sequence[Sequence[Line]], index: int, max_pitch: float, settings: Settings
) -> int:
    """Where a run of lines with the same columns, opened at ``index``, ends. A line that sits
    inside one column may stand between two such lines: the two cells of a letterhead set in
    different sizes do not share every baseline ("МИНИСТЕРСТВО<tab>РЕШЕНИЕ" / "СОЦИАЛЬНОЙ
    ЗАЩИТЫ" / "ОБЛАСТИ<tab>от … № 1")."""
    width = len(parts[index])
    if width < 2:
        return index + 1
    rows = [parts[index]]
    end = index + 1
    while end < len(lines) and _close(lines[end - 1], lines[end], max_pitch):
        if len(parts[end]) == width and _aligned([*rows, parts[end]], settings.column_align):
            rows.append(parts[end])
            end += 1
        elif (
            end + 1 < len(lines)
            and _fits(parts[end], rows, settings.column_align)
            and _close(lines[end], lines[end + 1], max_pitch)
            and len(parts[end + 1]) == width
            and _aligned([*rows, parts[end + 1]], settings.column_align)
        ):
            rows.append(parts[end + 1])
            end += 2
        else:
            break
    return end


def _columns_of_line(line: Line) -> list[Line]:
    """A line's tab-separated parts; the tab after a list number ("1.<tab>Text") splits none."""
    parts = segments(line)
    if len(parts) >= 2 and split_marker(line.text)[0] == parts[0].text.strip():
        parts = [make_line(parts[0].words + parts[1].words, line.page), *parts[2:]]
    return parts


def _close(above: Line, below: Line, max_pitch: float) -> bool:
    return 0 < below.top - above.top <= max_pitch * max(above.size, below.size, 1.0)


def _aligned(rows: Sequence[Sequence[Line]], tolerance: float) -> bool:
    for column in range(len(rows[0])):
        cells = [row[column] for row in rows]
        lefts, rights = [c.x0 for c in cells], [c.x1 for c in cells]
        if max(lefts) - min(lefts) > tolerance and max(rights) - min(rights) > tolerance:
            return False
        if column and min(lefts) <= max(row[column - 1].x1 for row in rows):
            return False
    return True


def _fits(parts: Sequence[Line], columns: Sequence[Sequence[Line]], tolerance: float) -> bool:
    """An untabbed line joins the run when it sits inside one column, aligned with it."""
    return len(parts) == 1 and _column_of(parts[0], columns, tolerance) is not None


def _column_of(part: Line, columns: Sequence[Sequence[Line]], tolerance: float) -> int | None:
    width = len(columns[0])
    for column in range(width):
        cells = [row[column] for row in columns]
        after = max(row[column - 1].x1 for row in columns) if column else float("-inf")
        before = min(row[column + 1].x0 for row in columns) if column + 1 < width else float("inf")
        aligned = any(abs(part.x0 - c.x0) <= tolerance or abs(part.x1 - c.x1) <= tolerance for c in cells)
        if aligned and part.x0 > after and part.x1 < before:
            return column
    return None


def _interleaved(parts: Sequence[Sequence[Line]], width: int) -> bool:
    """An untabbed line stands between two full lines (cells whose lines do not share baselines)."""
    full = [index for index, row in enumerate(parts) if len(row) == width]
    return any(len(row) != width for row in parts[full[0] : full[-1]]) if full else False


def _rows_of_full_lines(
    parts: Sequence[Sequence[Line]], full: Sequence[Sequence[Line]], width: int, tolerance: float
) -> list[list[list[Line]]]:
    """A row per full line; an untabbed line joins the cell of its column in the row above it
    (or in the first row, above the first full line): a cell's wrapped lines, as a signature's
    position runs on under it ("Председатель<tab>И.И. Иванов" / "Думы округа")."""
    grid: list[list[list[Line]]] = []
    waiting: list[Line] = []
    for row in parts:
        if len(row) == width:
            grid.append([[line] for line in row])
            for line in waiting:
                column = _column_of(line, full, tolerance) or 0
                grid[0][column].insert(len(grid[0][column]) - 1, line)
            waiting = []
        elif grid:
            grid[-1][_column_of(row[0], full, tolerance) or 0].append(row[0])
        else:
            waiting.append(row[0])
    return grid


def _grid_table(parts: Sequence[Sequence[Line]], width: int, tolerance: float, on_top: bool = False) -> Table:
    full = [row for row in parts if len(row) == width]
    page = parts[0][0].page
    top = min(line.top for row in parts for line in row)
    bottom = max(line.bottom for row in parts for line in row)
    left = min(line.x0 for row in parts for line in row)
    right = max(line.x1 for row in parts for line in row)
    bbox = round_box((left, top, right, bottom))
    if len(full) == len(parts):
        grid = [[[line] for line in row] for row in parts]
    elif _interleaved(parts, width) and not on_top:
        grid = _rows_of_full_lines(parts, full, width, tolerance)
    else:
        cells: list[list[Line]] = [[] for _ in range(width)]
        for row in parts:
            for line in row:
                column = _column_of(line, full, tolerance) if len(row) == 1 else row.index(line)
                cells[column if column is not None else 0].append(line)
        grid = [cells]
    rows = []
    for grid_row in grid:
        row_cells = []
        for cell_lines in grid_row:
            words = [w for line in cell_lines for w in line.words]
            text = "\n".join(line.text for line in cell_lines)
            row_cells.append(Cell(text=text, bold=mostly_bold(words)))
        row_lines = [line for cell_lines in grid_row for line in cell_lines]
        row_box = (left, min(x.top for x in row_lines), right, max(x.bottom for x in row_lines))
        rows.append(Row(cells=row_cells, where=Where(page=page, bbox=round_box(row_box))))
    return Table(rows=rows, borderless=True, where=Where(page=page, bbox=bbox))
