"""Tables that reached us as text: paragraphs rebuilt into :class:`~resparse.layout.Table` blocks.

Plans of measures copied from legal databases and web pages lose their table structure. A
table is recognised from its header row (the roadmap column names of ``grammars/roadmap.yaml``)
and rebuilt so that the roadmap rules read it like a table of a DOCX file. Renderings:

* cells closed by "|": Garant's "cell |" lines, or lines holding only "|" between cells;
* one row per line, cells separated by " | ";
* one row per line, cells separated by single spaces (cut by :mod:`text_rows`);
* one cell per paragraph, blank lines between, a line of spaces for an empty cell;
* drawn with box characters, as legal databases export them (:mod:`box_tables`).

A row with text in one cell only is a title row spanning the table (the text lost the merge).
Editorial notes in parentheses between rows ("(в ред. постановления …)") stay paragraphs.
This pass serves any format whose table came out as paragraphs (text, HTML, DOCX, PDF).
"""

from __future__ import annotations

import re

from resparse.layout import Block, Cell, Layout, Paragraph, Row, Table
from resparse.markers import capitals, is_box_line
from resparse.structure.box_tables import box_table
from resparse.structure.executors import starts_executor
from resparse.structure.persons import PERSON
from resparse.structure.roadmap import column_map, labelled_title, names_column
from resparse.structure.text_rows import deadline_cell, split_header, split_row
from resparse.structure.units import clean

MIN_COLUMNS = 3
"""A header names at least this many columns (number, measure and one more)."""
HEADER_CELL_MAX_WORDS = 8
"""A column name is short; a longer text after the header is a row or a section title."""

_ROW_NUMBER = re.compile(r"(?:\d{1,2}\.)*\d{1,3}\.?")
_NOTE = re.compile(r"\(.*\)")
_CONTINUED = re.compile(r"[-–—,]$")
_PERSON = re.compile(rf"{PERSON},?")


def rebuild_tables(layout: Layout) -> Layout:
    """The layout with every table rendered as paragraphs turned back into a table."""
    blocks: list[Block] = []
    index = 0
    while index < len(layout.blocks):
        found = _table_at(layout.blocks, index)
        if found is None:
            blocks.append(layout.blocks[index])
            index += 1
        else:
            rebuilt, index = found
            blocks.extend(rebuilt)
    if len(blocks) == len(layout.blocks) and all(a is b for a, b in zip(blocks, layout.blocks, strict=True)):
        return layout
    return layout.model_copy(update={"blocks": blocks})


def _text(block: Block) -> str:
    """A paragraph's text with its typed number put back ("1.1.1 |"); tables give None."""
    if not isinstance(block, Paragraph):
        return ""
    return f"{block.marker} {block.text}" if block.marker else block.text


def _table_at(blocks: list[Block], index: int) -> tuple[list[Block], int] | None:
    block = blocks[index]
    if isinstance(block, Paragraph) and is_box_line(_text(block)):
        found = box_table(blocks, index)
        if found is not None:
            return found
    if not isinstance(block, Paragraph) or not names_column(clean(_text(block)).lower()):
        return None
    for reader in (_piped_rows, _piped_cells, _spaced_rows, _paragraph_cells):
        found = reader(blocks, index)
        if found is not None:
            return found
    return None


def _is_header(cells: list[str]) -> bool:
    return len(cells) >= MIN_COLUMNS and column_map(cells) is not None


def _row(cells: list[str], width: int, where_from: Block, header: bool = False) -> Row:
    """A row of ``width`` cells; a row with one text only becomes a title spanning the table."""
    cells = cells + [""] * (width - len(cells))
    where = where_from.where
    filled = [c for c in cells if c]
    if not header and len(filled) == 1 and width > 1:
        return Row(cells=[Cell(text=filled[0], span=width)], where=where)
    return Row(cells=[Cell(text=c) for c in cells], header=header, where=where)


# --- " | " between cells on one line ----------------------------------------------------------


def _pipe_split(line: str) -> list[str]:
    pieces = [clean(p) for p in line.split("|")]
    if pieces and not pieces[0] and line.lstrip().startswith("|"):
        pieces = pieces[1:]
    if pieces and not pieces[-1] and line.rstrip().endswith("|"):
        pieces = pieces[:-1]
    return pieces


def _piped_rows(blocks: list[Block], index: int) -> tuple[list[Block], int] | None:
    header = _pipe_split(_text(blocks[index]))
    if len([h for h in header if h]) < MIN_COLUMNS or not _is_header(header):
        return None
    rows = [_row(header, len(header), blocks[index], header=True)]
    end = index + 1
    while end < len(blocks) and ("|" in _text(blocks[end]) or _title_between_rows(blocks, end)):
        rows.append(_row(_pipe_split(_text(blocks[end])), len(header), blocks[end]))
        end += 1
    return ([Table(rows=rows, where=blocks[index].where)], end) if len(rows) > 1 else None


SECTION_TITLE_MAX = 200
"""A section row set on its own line between piped rows is a short title."""


def _title_between_rows(blocks: list[Block], index: int) -> bool:
    """ "2. Информационные мероприятия" on its own line, a piped row after it: the title row of a
    section that lost its one cell spanning the table."""
    text = clean(_text(blocks[index]))
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return (
        0 < len(text) <= SECTION_TITLE_MAX
        and following is not None
        and "|" in _text(following)
        and not text.endswith((":", ";"))
    )


# --- cells closed by "|", one or more lines each ------------------------------------------------


def _piped_cells(blocks: list[Block], index: int) -> tuple[list[Block], int] | None:
    end = index
    last_pipe = None
    while end < len(blocks) and isinstance(blocks[end], Paragraph) and clean(_text(blocks[end])):
        if "|" in _text(blocks[end]):
            last_pipe = end
        end += 1
    if last_pipe is None:
        return None
    cells: list[tuple[str, Block]] = []
    pending: list[str] = []
    for block in blocks[index : last_pipe + 1]:
        pieces = _text(block).split("|")
        for number, piece in enumerate(pieces):
            if clean(piece):
                pending.append(clean(piece))
            if number < len(pieces) - 1:  # a "|" closes the cell
                cells.append((" ".join(pending), block))
                pending = []
    header = _header_cells([text for text, _ in cells])
    if not _is_header(header):
        return None
    width = len(header)
    numbered = column_map(header).get(0) == "number"  # type: ignore[union-attr]
    rows = [_row(header, width, blocks[index], header=True)]
    for chunk in _cell_rows(cells[width:], width, numbered):
        rows.append(_row([text for text, _ in chunk], width, chunk[0][1]))
    return ([Table(rows=rows, where=blocks[index].where)], last_pipe + 1) if len(rows) > 1 else None


Cells = list[tuple[str, Block]]


def _cell_rows(cells: Cells, width: int, numbered: bool) -> list[Cells]:
    """Cells closed by "|" grouped into rows of ``width``, kept in step by the number column.

    In a table with a number column a row begins with its number cell (or an empty one); a text
    where a number is expected is a section title that lost its merged cell ("Раздел 2. …",
    "I. РАЗВИТИЕ …") and is a row of its own. A row stops early where the number of the row that
    follows appears ("1." then "2.", or "1." then "1.1"): a cell was left out.
    """
    if not numbered:
        return [cells[start : start + width] for start in range(0, len(cells), width)]
    rows: list[Cells] = []
    position = 0
    last = ""
    while position < len(cells):
        first = cells[position][0]
        size = _column_numbers(cells, position, width)
        if not size and first and not _ROW_NUMBER.fullmatch(first):
            size = 1 + _padding(cells, position + 1, width)  # a section title
        elif not size:
            last = first or last
            size = 1
            while size < width and position + size < len(cells):
                if _follows(cells[position + size][0], last):
                    break
                size += 1
        rows.append(cells[position : position + size])
        position += size
    return rows


def _column_numbers(cells: Cells, start: int, width: int) -> int:
    """``width`` when the cells at ``start`` number the columns ("1", "2", … "5"), else 0."""
    texts = [text.rstrip(".") for text, _ in cells[start : start + width]]
    return width if texts == [str(n) for n in range(1, width + 1)] else 0


def _padding(cells: Cells, start: int, width: int) -> int:
    """Empty cells after a section title that fill its row ("Раздел II. … |" then "||||")."""
    empty = 0
    while start + empty < len(cells) and not cells[start + empty][0] and empty < width - 1:
        empty += 1
    following = cells[start + empty][0] if start + empty < len(cells) else ""
    return empty if not following or _ROW_NUMBER.fullmatch(following) else 0


def _follows(text: str, number: str) -> bool:
    """Is ``text`` the number of a row that may come right after row ``number``: the next at
    any level ("1.2" → "1.3", "2", "2."), or the first below it ("1" → "1.1")?"""
    if not number or not _ROW_NUMBER.fullmatch(text) or not _ROW_NUMBER.fullmatch(number):
        return False
    current = [int(n) for n in number.rstrip(".").split(".")]
    candidate = [int(n) for n in text.rstrip(".").split(".")]
    if candidate == [*current, 1]:
        return True
    return any(candidate == [*current[:level], current[level] + 1] for level in range(len(current)))


def _header_cells(cells: list[str]) -> list[str]:
    """The header's cells: short column names set alike, up to the first row number, empty cell
    or text of another kind (a capitals-only section title under mixed-case names)."""
    header: list[str] = []
    for text in cells:
        if not text or _ROW_NUMBER.fullmatch(text) or len(text.split()) > HEADER_CELL_MAX_WORDS:
            break
        if labelled_title(text):
            break  # "Раздел 1. …", "I. …": a section row under the header
        if header and capitals(text, 2) != capitals(header[0], 2):
            break
        header.append(text)
    return header


# --- cells separated by single spaces, one row per line --------------------------------------


def _spaced_rows(blocks: list[Block], index: int) -> tuple[list[Block], int] | None:
    header = split_header(clean(_text(blocks[index])))
    mapping = column_map(header) if len(header) >= MIN_COLUMNS else None
    if not mapping or mapping.get(0) != "number":
        return None
    fields = [mapping.get(position) for position in range(1, len(header))]
    head = _row(header, len(header), blocks[index], header=True)
    tables: list[Block] = []
    rows = [head]
    end = index + 1
    while end < len(blocks) and isinstance(blocks[end], Paragraph):
        paragraph = blocks[end]
        text = clean(paragraph.text)
        if paragraph.marker and _ROW_NUMBER.fullmatch(paragraph.marker.rstrip(".)") + "."):
            cells = split_row(text, fields) or [text]
            rows.append(_row([paragraph.marker, *cells], len(header), paragraph))
        elif _NOTE.fullmatch(text) and len(rows) > 1:
            tables += [Table(rows=rows, where=rows[1].where), paragraph]  # an editorial note
            rows = [head]
        else:
            break
        end += 1
    if len(rows) > 1:
        tables.append(Table(rows=rows, where=rows[1].where))
    return (tables, end) if any(isinstance(t, Table) for t in tables) else None


# --- one cell per paragraph ---------------------------------------------------------------------


def _paragraph_cells(blocks: list[Block], index: int) -> tuple[list[Block], int] | None:
    stream = _cell_stream(blocks, index)
    header, used = _paragraph_header(stream)
    if not _is_header(header):
        return None
    width = len(header)
    numbered = column_map(header).get(0) == "number"  # type: ignore[union-attr]
    rows: list[Row] = [_row(header, width, blocks[index], header=True)]
    position = used
    while position < len(stream):
        taken = _take_row(stream, position, width, numbered)
        if taken is None:
            break
        cells, position = taken
        rows.append(_row(cells, width, blocks[stream[position - 1][1]]))
    if len(rows) < 2:
        return None
    return [Table(rows=rows, where=blocks[index].where)], stream[position - 1][1] + 1


def _cell_stream(blocks: list[Block], index: int) -> list[tuple[str, int]]:
    """(cell text, block index) from ``index`` on: blank lines separate cells, a line of spaces
    is an empty cell; two blank lines in a row or a table end the stream."""
    stream: list[tuple[str, int]] = []
    blanks = 0
    for position in range(index, len(blocks)):
        block = blocks[position]
        if not isinstance(block, Paragraph):
            break
        text = _text(block)
        if "|" in text:
            break  # cells closed by "|" are read by _piped_cells
        if not text:
            blanks += 1
            if blanks > 1:
                break
            continue
        blanks = 0
        stream.append((clean(text), position))
    return stream


def _paragraph_header(stream: list[tuple[str, int]]) -> tuple[list[str], int]:
    """Header cells and how many paragraphs they took: a name starting in lower case continues
    the one above ("Категория" / "участников")."""
    header: list[str] = []
    used = 0
    for text, _ in stream:
        if header and text[:1].islower() and len(text.split()) <= HEADER_CELL_MAX_WORDS:
            header[-1] = f"{header[-1]} {text}"
        elif _header_cells([*header, text]) == [*header, text]:
            header.append(text)
        else:
            break
        used += 1
    return header, used


def _starts_row(text: str, numbered: bool) -> bool:
    """A row begins with its number, or an empty number cell, or is a section title: in capitals,
    or labelled by a word or a roman numeral ("Раздел 2. …", "II. …"; "2. …" may be a cell's
    second paragraph)."""
    if not numbered or not text or _ROW_NUMBER.fullmatch(text) or capitals(text, 2):
        return True
    return labelled_title(text) and not text[:1].isdigit()


def _take_row(
    stream: list[tuple[str, int]], start: int, width: int, numbered: bool
) -> tuple[list[str], int] | None:
    """The cells of the row at ``start`` and where the next row begins.

    A cell may run over several paragraphs; when the paragraph after ``width`` cells cannot
    begin a row, the two paragraphs most likely to be one cell are joined (see :func:`_join`).
    """
    first = stream[start][0]
    if not _starts_row(first, numbered):
        return None
    if numbered and first and not _ROW_NUMBER.fullmatch(first):
        return [first], start + 1  # a section title
    cells = [text for text, _ in stream[start : start + width]]
    position = start + len(cells)
    while position < len(stream) and not _starts_row(stream[position][0], numbered):
        candidates = [*cells, stream[position][0]]
        joint = _join(candidates, 1 if numbered else 0)
        if joint is None:
            return None
        joined = f"{candidates[joint]} {candidates[joint + 1]}"
        cells = [*candidates[:joint], joined, *candidates[joint + 2 :]]
        position += 1
    return cells, position


def _join(cells: list[str], first: int) -> int | None:
    """Which two neighbouring paragraphs are one cell: one ending in a dash or comma ("16.03.2020 –"
    / "17.04.2020", "Сыса Д.А.," / "Лемеза М.Н."), then a lower-case continuation that is not a
    term cell of its own ("май 2024 г.", "ежеквартально"), then a name under a position
    ("Директор школы" / "Симонович О.С."), then two executors one under the other ("Рябова Т.С."
    / "Инспектор ОГИБДД …")."""
    pairs = list(range(first, len(cells) - 1))
    tests = (
        lambda a, b: bool(a) and bool(b) and bool(_CONTINUED.search(a)),
        lambda a, b: bool(a) and b[:1].islower() and not deadline_cell(b),
        lambda a, b: (
            bool(a) and bool(_PERSON.fullmatch(b)) and not _PERSON.search(a) and not deadline_cell(a)
        ),
        lambda a, b: starts_executor(a) and starts_executor(b) and not deadline_cell(a),
    )
    for test in tests:
        for pair in pairs:
            if test(cells[pair], cells[pair + 1]):
                return pair
    return None
