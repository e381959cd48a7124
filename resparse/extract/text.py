"""Plain text and Markdown reader.

Encodings are detected, never guessed as latin-1: UTF-8 (with or without BOM), UTF-16
(BOM or NUL pattern), then cp1251 versus koi8-r decided by which gives Russian letter
frequencies. Tab-separated lines become a table; ``**bold**`` becomes a bold hint.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from resparse.errors import EmptyFileError, UnsupportedFormatError
from resparse.extract.joining import join_pair
from resparse.layout import Cell, Layout, Paragraph, Row, SourceInfo, Table, Where
from resparse.limits import Limits
from resparse.markers import COLUMN_GAP, capitals, is_address_line, is_box_line, is_date_line, split_marker

# The most frequent Russian letters; a wrong 8-bit code page turns them into rare ones.
_FREQUENT = set("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё")
_BOLD = re.compile(r"\*\*")
_GLUED_BOLD = re.compile(r"(?<=\S)\*\*(?=[^\s*.,;:!?»)])")


def read(data: bytes, source: SourceInfo, limits: Limits) -> Layout:
    text = decode(data)
    if not text.strip():
        raise EmptyFileError("file has no text")
    blocks = parse_lines(text.splitlines())
    return Layout(source=source.model_copy(update={"pages": None}), blocks=blocks)


def decode(data: bytes) -> str:
    """Decode text bytes; raise :class:`UnsupportedFormatError` when no encoding fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        head = data[:4096]
        encoding = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    if _mostly_utf8(lines):
        # A UTF-8 file with lines pasted from a cp1251 one: each line in its own encoding.
        return "\n".join(_decode_line(line) for line in lines)
    decoded = best_single_byte(data)
    if decoded is None:
        raise UnsupportedFormatError("text in an unknown encoding (not UTF-8, UTF-16, cp1251 or koi8-r)")
    return decoded


SINGLE_BYTE = ("cp1251", "koi8-r", "cp866")
"""The single-byte code pages Russian text comes in, most common first."""
RUSSIAN_SCORE_MIN = 0.3
"""Below this :func:`russian_score` the text reads as no Russian in any code page."""


def best_single_byte(data: bytes, encodings: tuple[str, ...] = SINGLE_BYTE) -> str | None:
    """``data`` in the code page that reads most like Russian, or None when none does."""
    candidates = []
    for encoding in encodings:
        try:
            decoded = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        candidates.append((russian_score(decoded), encoding, decoded))
    if not candidates or max(candidates)[0] < RUSSIAN_SCORE_MIN:
        return None
    return max(candidates)[2]


def _mostly_utf8(lines: list[bytes]) -> bool:
    """Do most lines with non-ASCII bytes decode as UTF-8?"""
    foreign = [line for line in lines if any(byte > 0x7F for byte in line)]
    valid = sum(1 for line in foreign if _is_utf8(line))
    return bool(foreign) and valid * 2 >= len(foreign)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_line(line: bytes) -> str:
    if _is_utf8(line):
        return line.decode("utf-8")
    return best_single_byte(line) or line.decode("cp1251", errors="replace")


def russian_score(text: str) -> float:
    letters = [ch for ch in text.lower() if "а" <= ch <= "я" or ch == "ё"]
    if not letters:
        return 0.0
    lower_share = sum(1 for ch in text if "а" <= ch <= "я") / max(1, sum(1 for ch in text if ch.isalpha()))
    frequent = sum(1 for ch in letters if ch in _FREQUENT) / len(letters)
    return frequent * lower_share


def parse_lines(lines: list[str]) -> list[Paragraph | Table]:
    """Turn text lines into blocks: paragraphs, blank separators and tab-separated tables."""
    blocks: list[Paragraph | Table] = []
    index = 0
    while index < len(lines):
        if _is_table_line(lines[index]):
            end, table = _take_table(lines, index)
            if len(table.rows) >= 2:
                blocks.append(table)
                index = end
                continue
        if not _page_number_inside(lines, index):
            blocks.append(_paragraph(lines[index], index + 1))
        index += 1
    widths = [len(line.rstrip()) for line in lines]
    return _join_wrapped(
        blocks, lambda block: widths[block.where.line - 1] if block.where.line else 0, _wrap_width(widths)
    )


CLAUSE_ENDS = (".", ":", ";", "!", "?")
"""A line ending so ends its sentence or clause: the next line does not continue it."""
_PAGE_NUMBER = re.compile(r"\s*[-–—]?\s*\d{1,3}\s*[-–—]?\s*")


def _page_number_inside(lines: list[str], index: int) -> bool:
    """A page's number in a text copied out of a PDF, standing inside a sentence ("«Центр
    сельско-" / "2" / "хозяйственного …»"): the line above ends no sentence and the line below
    goes on in small letters. It is the page's furniture, as the PDF reader drops it."""
    if not _PAGE_NUMBER.fullmatch(lines[index]):
        return False
    above = next((line.strip() for line in reversed(lines[:index]) if line.strip()), "")
    below = next((line.strip() for line in lines[index + 1 :] if line.strip()), "")
    return bool(above and below) and not above.endswith(CLAUSE_ENDS) and below[0].islower()


def _paragraph(line: str, number: int) -> Paragraph:
    raw = line.rstrip()
    bold = "**" in raw
    text = _strip_bold(raw) if bold else raw
    indent = len(text) - len(text.lstrip(" \t"))
    indent_width = len(text[:indent].replace("\t", "    "))
    marker, rest = split_marker(text)
    # A line of spaces is kept as one space: in a table copied from a web page it is an empty
    # cell, where an empty line only separates paragraphs.
    kept = " " if line and not line.strip() else (rest if marker else text).strip()
    caps = bool(kept) and kept.upper() == kept and any(ch.isalpha() for ch in kept)
    where = Where(line=number)
    if marker:
        level = min(3, (indent_width + 3) // 4)
        return Paragraph(
            text=kept, bold=bold, where=where, marker=marker, marker_source="typed", level=level, caps=caps
        )
    return Paragraph(text=kept, bold=bold, where=where, caps=caps)


def _strip_bold(text: str) -> str:
    text = _GLUED_BOLD.sub(" ", text)  # "…КАРТА»)**по" glued bold
    return _BOLD.sub("", text)


def _is_table_line(line: str) -> bool:
    return line.count("\t") >= 2 and len(line.strip("\t ").split("\t")) >= 1 and bool(line.strip())


def _continues(rows: list[Row], line: str) -> bool:
    """A tab line with as many cells as the table's first row; a signature set with tabs
    under the table ("Глава района<tab><tab>И.И. Иванов") has another count and ends it."""
    if not _is_table_line(line):
        return False
    if not rows:
        return True
    cells, width = line.split("\t"), len(rows[0].cells)
    return len(cells) == width or (len(cells) < width and _numbered_like(rows, cells[0]))


_ROW_NUMBER = re.compile(r"\s*\d+(?:\.\d+)*\.?\s*")


def _numbered_like(rows: list[Row], first: str) -> bool:
    """A numbered row in a table whose rows are numbered: copied with its empty last cells lost
    ("5<tab>Концерт<tab><tab>Площадь" under five columns), it is a row all the same."""
    numbered = [row for row in rows[1:] if _ROW_NUMBER.fullmatch(row.cells[0].text)]
    return bool(numbered) and _ROW_NUMBER.fullmatch(first) is not None


def _take_table(lines: list[str], start: int) -> tuple[int, Table]:
    rows: list[Row] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            # A blank line inside a table (a page gap) continues it when a row follows.
            following = next((j for j in range(index, len(lines)) if lines[j].strip()), None)
            if following is not None and _continues(rows, lines[following]):
                index = following
                continue
            break
        if not _continues(rows, line):
            if _title_row(rows, lines, index):
                width = len(rows[0].cells)
                rows.append(
                    Row(cells=[Cell(text=_strip_bold(line).strip(), span=width)], where=Where(line=index + 1))
                )
                index += 1
                continue
            break
        cells = [Cell(text=_strip_bold(cell).strip()) for cell in line.split("\t")]
        cells += [Cell(text="") for _ in range(len(rows[0].cells) - len(cells) if rows else 0)]
        rows.append(Row(cells=cells, where=Where(line=index + 1)))
        index += 1
    if rows:
        rows[0].header = True
    return index, Table(rows=rows, where=Where(line=start + 1))


TITLE_ROW_MAX = 200
"""Longest line without tabs read as a title row between the rows of a tab table."""


def _title_row(rows: list[Row], lines: list[str], index: int) -> bool:
    """ "1. Организационные мероприятия" on its own line between tab rows: a section title that
    spanned the table (one cell, so no tabs); a tab row of the table must follow it."""
    line = lines[index].strip()
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return bool(rows) and 0 < len(line) <= TITLE_ROW_MAX and "\t" not in line and _continues(rows, following)


WRAP_MIN = 40
"""Lines shorter than this (characters) say nothing of a hard wrap."""
WRAP_NEAR = 0.85
"""A line this close to the widest common line was wrapped by the editor, not ended by the writer."""
WRAP_LINES = 5
"""How many lines near the wrap width show that a text was wrapped by hand."""
WRAPPED_SHARE = 0.75
"""A line at least this share of the wrap width, ending no sentence, runs on into the next."""


def _wrap_width(widths: list[int]) -> int | None:
    """The width a hard-wrapped text was wrapped at (monospace pages, e-mails), or None."""
    long = sorted(w for w in widths if w >= WRAP_MIN)
    if len(long) < WRAP_LINES:
        return None
    width = long[int(len(long) * 0.9) - 1]
    near = sum(1 for w in long if WRAP_NEAR * width <= w <= width)
    return width if near >= max(WRAP_LINES, len(long) // 3) else None


def _columns(previous: Paragraph, block: Paragraph) -> bool:
    """Lines set in columns ("Председательствующий      П.П. Петров") or drawn as a table's
    borders and rows ("├───┼───┤", "│ 1. │ …") are rows, not wrapped prose."""
    if is_box_line(previous.text) or is_box_line(block.text) or is_date_line(block.text):
        return True
    return bool(COLUMN_GAP.search(previous.text) or COLUMN_GAP.search(block.text))


def rejoin_wrapped(blocks: list[Paragraph | Table]) -> list[Paragraph | Table]:
    """Paragraphs that are the lines of a text wrapped at a fixed width (a page that set each line
    of a pasted text as its own paragraph) joined as the text reader joins such lines; blocks of
    any other page are returned as they are."""
    widths = [_shown_width(block) for block in blocks]
    wrap = _wrap_width(widths)
    if wrap is None:
        return blocks
    position = {id(block): index for index, block in enumerate(blocks)}
    return _join_wrapped(blocks, lambda block: widths[position[id(block)]], wrap)


def _shown_width(block: Paragraph | Table) -> int:
    """A paragraph's width as its line shows it, typed number included."""
    if not isinstance(block, Paragraph):
        return 0
    return len(block.text) + (len(block.marker) + 1 if block.marker else 0)


def _dash_inside_sentence(previous: Paragraph, block: Paragraph) -> bool:
    """ "Участники – представители … автономий" / "– обсудили вопросы …": a dash that a wrap put at
    a line's start, going on in small letters inside a sentence that is no list item itself (the
    caller asks that the line above filled the width: a heading above dashes does not)."""
    return (
        block.marker in _DASHES
        and previous.marker is None
        and block.text[:1].islower()
        and bool(re.search(r"[^\W\d_]$", previous.text))
    )


_DASHES = ("–", "—", "-")
_LABEL_LINE = re.compile(r"[А-ЯЁA-Z][А-ЯЁа-яёA-Za-z-]*(?:\s+[а-яёa-z-]+){0,2}\s*:")
"""A short capitalised line ending in a colon ("Решение:", "Ответственный:") opens what follows;
it never continues the line above."""
_SUBJECT_LINE = re.compile(r"Об?о?\s+[а-яё]")
"""A capitalised "О"/"Об" opens a letter's or an act's subject line ("О подготовке к …"); inside a
wrapped sentence the preposition is in small letters, so such a line starts anew."""


def _join_wrapped(
    blocks: list[Paragraph | Table], width_of: Callable[[Paragraph | Table], int], wrap: int | None
) -> list[Paragraph | Table]:
    """Re-join hard-wrapped lines: a line continues when the next starts in lower case, or, in a
    text wrapped at a fixed width, when it fills the width and ends no sentence ("… возложить на
    заместителя" / "Председателя Правительства области …")."""
    joined: list[Paragraph | Table] = []
    last_width = 0
    for block in blocks:
        previous = joined[-1] if joined else None
        width = width_of(block)
        filled = wrap is not None and last_width >= WRAPPED_SHARE * wrap  # the line above was wrapped
        if (
            isinstance(block, Paragraph)
            and isinstance(previous, Paragraph)
            and (block.bold, block.centered) == (previous.bold, previous.centered)
            and block.text
            and previous.text
            and (block.marker is None or (filled and _dash_inside_sentence(previous, block)))
            and not previous.text.endswith(CLAUSE_ENDS)
            and not _columns(previous, block)
            and not _LABEL_LINE.fullmatch(block.text)
            and not _SUBJECT_LINE.match(block.text)
            and not (is_address_line(block.text) and capitals(previous.text))
            and (block.text[0].islower() or filled)
        ):
            text = f"{block.marker} {block.text}" if block.marker else block.text
            previous.text = join_pair(previous.text, text)  # "органи-" / "заций" → "организаций"
            previous.bold = previous.bold or block.bold
            last_width = width
            continue
        joined.append(block)
        last_width = width
    return joined
