"""PDF reader: text lines → paragraphs, ruling lines → tables.

A PDF has no paragraphs, only positioned words, so the reader rebuilds what a person sees:

1. Per page, :mod:`.pdf_page` (pdfium) gives words with font name and size and the ruling
   edges, which pdfplumber's table finder turns into ruled tables. Words inside a table go
   to its cells; the rest are clustered into lines (:mod:`.pdf_tables`). A gap of several
   ems inside a line becomes "\t".
2. Running headers and footers go: a line in the top or bottom band that is only a page
   number, or that repeats at the same place on most pages.
3. Lines are grouped into paragraphs. A new paragraph starts at a list marker, at a change
   of the line's left edge (first-line indent, outdent), after a vertical gap wider than
   the document's normal line pitch (a very wide gap also yields an empty separator
   paragraph), and after a *forced* break — when the next line's first word would have
   fitted on the line, the break was not word wrap — if that line ends a sentence, is
   centred or changes style. Otherwise lines join with a space; a hyphen at the break is
   dropped only when it splits a dictionary word (see :func:`.pdf_tables.drop_line_hyphen`).
4. All list numbers are in the text layer, so every marker is "typed" and comes from
   :func:`~resparse.markers.split_marker`. A marker-looking start of a line that
   continues a paragraph ("… крупного бизнеса" / "- ПАО Сбербанк") is not a marker. The
   level is the rank of the marker's x-position among markers of the same kind in the
   document (dashes at two indents → 0 and 1), or the numbering depth ("1.1." → 1) when
   that is deeper.
5. A table whose piece starts a page continues the table that ended the previous page when
   the columns match: the repeated header is dropped and a row split by the page break
   (a fragment with an empty number cell) is merged back cell by cell.
6. Two or more consecutive lines split by tab gaps into the same columns are an invisible
   table (place and date side by side): a ``Table(borderless=True)``, as the DOCX reader
   gives for Word's borderless tables. A single tabbed line ("Председатель<tab>В.П.
   Журавлёв") stays a paragraph with "\t".

Unreadable text layers (glyphs without a Unicode mapping, private-use glyph soup, mojibake)
are dropped with a warning per page; with no readable text left the reader raises
:class:`InputError` that says OCR is needed (:func:`needs_ocr` is the same check for
callers). Files pdfium cannot open raise :class:`CorruptFileError` or
:class:`EncryptedFileError`; a page that fails is skipped with a warning.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from resparse.errors import CorruptFileError, InputError, LimitExceededError
from resparse.extract.pdf_page import PageContent, open_pdf, read_page, ruled_tables
from resparse.extract.pdf_tables import (
    SENTENCE_END,
    Line,
    TablePiece,
    Word,
    borderless_tables,
    build_piece,
    cluster_edges,
    continue_table,
    group_lines,
    join_lines,
    make_line,
    same_columns,
    start_table,
)
from resparse.layout import Block, Layout, Paragraph, SourceInfo, Table, Where
from resparse.limits import Limits
from resparse.markers import marker_depth, marker_kind, split_marker

__all__ = ["needs_ocr", "read", "text_is_readable"]

_CID = re.compile(r"\(cid:\d+\)")
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,3}\s*[-–—]|\d{1,3}|(?:стр(?:аница)?\.?|page)\s*\d{1,3}(?:\s*(?:из|of|/)\s*\d{1,3})?"
    r"|\d{1,3}\s*(?:из|of|/)\s*\d{1,3})$",
    re.IGNORECASE,
)
_BAND = 0.12
"""Share of the page height at the top and bottom where running headers and footers live."""
_ALIGN = 3.0
"""Tolerance (pt) for "starts at the same x"."""


# --- readability ----------------------------------------------------------------------------


def text_is_readable(text: str) -> bool:
    """Whether extracted text is real text rather than glyph soup.

    Unreadable: mostly ``(cid:NN)`` codes, private-use or replacement characters, control
    characters, or no letters at all next to such junk; also cp1251-as-Latin-1 mojibake
    ("Ðåêîìåíäàöèè"), where accented Latin letters make up most of the letters.
    """
    cids = _CID.findall(text)
    rest = _CID.sub("", text)
    chars = [ch for ch in rest if not ch.isspace()]
    bad = sum(len(c) for c in cids) + sum(1 for ch in chars if _is_junk(ch))
    total = sum(len(c) for c in cids) + len(chars)
    if total == 0:
        return False
    letters = [ch for ch in chars if ch.isalpha()]
    if not letters:
        return bad == 0
    if bad > 0.3 * total:
        return False
    latin1 = sum(1 for ch in letters if "\u00c0" <= ch <= "\u00ff")
    return latin1 < 0.5 * len(letters)


def _is_junk(ch: str) -> bool:
    code = ord(ch)
    return 0xE000 <= code <= 0xF8FF or code == 0xFFFD or code < 0x20


def needs_ocr(data: bytes) -> bool:
    """Whether a PDF has no readable text layer on any page (a scan): OCR is needed."""
    document = open_pdf(data)
    try:
        for index in range(len(document)):
            text = " ".join(word["text"] for word in read_page(document, index).words)
            if text_is_readable(text) and any(ch.isalpha() for ch in _CID.sub("", text)):
                return False
        return True
    finally:
        document.close()


# --- reading --------------------------------------------------------------------------------


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    pieces: list[TablePiece] = field(default_factory=list)
    unreadable: str | None = None
    """Why the page gave no text ("no text layer, only an image"): OCR could read it."""


def read(data: bytes, source: SourceInfo, limits: Limits, ocr: str = "never") -> Layout:
    """Read a PDF's text layer; with ``ocr="auto"``, scanned pages among text pages are OCRed.

    A PDF with no readable page at all raises :class:`InputError` saying OCR is needed (the
    caller decides whether to OCR the whole file).
    """
    warnings: list[str] = []
    document = open_pdf(data)
    try:
        count, pages = _read_pages(document, limits, warnings)
    finally:
        document.close()
    _drop_running_lines(pages)
    if not any(_has_text(page) for page in pages):
        raise InputError("PDF has no readable text layer (a scan?): OCR is needed")
    scanned = [page.number for page in pages if page.unreadable]
    recognised = _ocr_pages(data, scanned, limits, warnings) if scanned and ocr == "auto" else {}
    for page in pages:
        if page.unreadable and page.number not in recognised:
            warnings.append(f"page {page.number}: {page.unreadable} (needs OCR)")
    blocks = _assemble_with(pages, recognised)
    info = source.model_copy(update={"pages": count, "ocr": bool(recognised)})
    return Layout(source=info, blocks=blocks, warnings=warnings)


def _ocr_pages(
    data: bytes, numbers: list[int], limits: Limits, warnings: list[str]
) -> dict[int, list[Block]]:
    """OCR the scanned pages: blocks per first page of each run of consecutive ones.

    Without Tesseract the pages stay unread and the warning says so.
    """
    from resparse.extract import ocr

    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    try:
        blocks, notes = ocr.read_pages(data, runs, limits)
    except InputError as error:  # Tesseract missing, too slow, …
        warnings.append(f"scanned {_page_list(numbers)} not OCRed: {error}")
        return {}
    warnings.append(f"{_page_list(numbers)}: no text layer, read by OCR; the text may contain errors")
    warnings.extend(notes)
    recognised = {number: [] for number in numbers}
    recognised.update({run[0]: run_blocks for run, run_blocks in zip(runs, blocks, strict=True)})
    return recognised


def _page_list(numbers: Sequence[int]) -> str:
    """ "page 3", "pages 3, 5"."""
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(str(number) for number in numbers)


def _assemble_with(pages: list[_Page], recognised: dict[int, list[Block]]) -> list[Block]:
    """Text pages assembled run by run, with the OCR blocks of scanned pages in between."""
    blocks: list[Block] = []
    run: list[_Page] = []
    for page in pages:
        if page.number in recognised:
            blocks += _assemble(run) if run else []
            blocks += recognised[page.number]
            run = []
        else:
            run.append(page)
    return blocks + (_assemble(run) if run else [])


def _read_pages(document: Any, limits: Limits, warnings: list[str]) -> tuple[int, list[_Page]]:
    count = len(document)
    if count == 0:
        raise CorruptFileError("damaged PDF (no pages)")
    if count > limits.max_pages:
        raise LimitExceededError(f"PDF has {count} pages, more than the limit of {limits.max_pages}")
    pages: list[_Page] = []
    failure: Exception | None = None
    for index in range(count):
        try:
            pages.append(_read_page(read_page(document, index), warnings))
        except Exception as error:  # one damaged page must not lose the others
            failure = error
            warnings.append(f"page {index + 1}: damaged, skipped ({_describe(error)})")
    if not pages and failure is not None:
        raise CorruptFileError(f"damaged PDF ({_describe(failure)})") from failure
    return count, pages


def _has_text(page: _Page) -> bool:
    texts = [line.text for line in page.lines]
    texts += [cell.text for piece in page.pieces for row in piece.rows for cell in row.cells]
    return any(ch.isalpha() for text in texts for ch in text)


def _describe(error: BaseException) -> str:
    inner = error.args[0] if error.args and isinstance(error.args[0], BaseException) else error
    if "EOF" in type(inner).__name__ or "EOF" in str(inner):
        return "the file ends too early: truncated?"
    message = str(inner).strip()
    if len(message) < 4:  # KeyError(0) and the like say nothing
        message = f"{type(inner).__name__} {message}".strip()
    return message[:120]


def _read_page(content: PageContent, warnings: list[str]) -> _Page:
    number = content.number
    result = _Page(number=number, width=content.width, height=content.height)
    words = content.words
    if content.rotated_text:
        warnings.append(f"page {number}: vertical or rotated text left out")
    if not words:
        if content.images:
            result.unreadable = "no text layer, only an image"
        return result
    if not text_is_readable(" ".join(w["text"] for w in words)):
        result.unreadable = "text layer unreadable"
        return result
    words, undecoded = _clean_words(words)
    if undecoded:
        warnings.append(f"page {number}: some characters could not be decoded and were left out")
    table_words = [w for w in words if not _is_cid(w)]
    for boxes, box in ruled_tables(content):
        piece = build_piece(boxes, table_words, number, box, result.width * result.height)
        if piece is not None:
            result.pieces.append(piece)
    free = [w for w in words if not any(piece.holds(w) for piece in result.pieces)]
    result.lines = _fix_cid_lines(group_lines(free, number))
    return result


def _clean_words(words: list[Word]) -> tuple[list[Word], bool]:
    """Strip ``(cid:NN)`` codes pdfminer could not map; say whether there were any.

    A word that is nothing but such codes stays as ``(cid:NN)`` for :func:`_fix_cid_lines`,
    which knows whether it starts a line (then it is a bullet glyph).
    """
    cleaned: list[Word] = []
    found = False
    for word in words:
        text = word["text"]
        if "(cid:" in text:
            found = True
            if not _CID.fullmatch(text):
                text = _CID.sub("", text)
                word = {**word, "text": text}
            if not text.strip():
                continue
        cleaned.append(word)
    return cleaned, found


def _is_cid(word: Word) -> bool:
    return bool(_CID.fullmatch(word["text"]))


def _fix_cid_lines(lines: list[Line]) -> list[Line]:
    """An undecodable glyph opening a line is a bullet ("·"); anywhere else it is dropped."""
    fixed: list[Line] = []
    for line in lines:
        if not any(_is_cid(w) for w in line.words):
            fixed.append(line)
            continue
        head, rest = line.words[0], [w for w in line.words[1:] if not _is_cid(w)]
        if _is_cid(head):
            if not rest:
                continue
            head = {**head, "text": "·"}
        fixed.append(make_line([head, *rest], line.page))
    return fixed


# --- running headers and footers ------------------------------------------------------------


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove page numbers and lines repeated at the same place on most pages."""
    candidates: dict[int, list[Line]] = {}
    for page in pages:
        edge = list({id(line): line for line in page.lines[:2] + page.lines[-2:]}.values())
        candidates[page.number] = [
            line for line in edge if line.bottom < page.height * _BAND or line.top > page.height * (1 - _BAND)
        ]
    seen: Counter[tuple[str, int]] = Counter()
    for page in pages:
        keys = {_running_key(line) for line in candidates[page.number]}
        seen.update(keys)
    need = max(2, (len(pages) + 1) // 2)
    for page in pages:
        drop = {
            id(line)
            for line in candidates[page.number]
            if _PAGE_NUMBER.match(line.text.strip()) or seen[_running_key(line)] >= need
        }
        if drop:
            page.lines = [line for line in page.lines if id(line) not in drop]


def _running_key(line: Line) -> tuple[str, int]:
    return re.sub(r"\d+", "#", " ".join(line.text.split())), round(line.top / 4)


# --- paragraphs -----------------------------------------------------------------------------


@dataclass
class _Geometry:
    """Document-wide measures the paragraph rules compare against."""

    left: dict[tuple[int, int], float]
    right: dict[tuple[int, int], float]
    pitch: float
    """Normal line pitch as a multiple of the font size."""
    common_x: dict[tuple[int, int], list[float]]

    def key(self, page: _Page) -> tuple[int, int]:
        return round(page.width), round(page.height)


def _measure(pages: Sequence[_Page]) -> _Geometry:
    left: dict[tuple[int, int], float] = {}
    right: dict[tuple[int, int], float] = {}
    starts: dict[tuple[int, int], Counter[float]] = {}
    ratios: list[float] = []
    for page in pages:
        key = (round(page.width), round(page.height))
        xs0 = [line.x0 for line in page.lines] + [p.bbox[0] for p in page.pieces]
        xs1 = [line.x1 for line in page.lines] + [p.bbox[2] for p in page.pieces]
        if xs0:
            left[key] = min(left.get(key, xs0[0]), *xs0)
            right[key] = max(right.get(key, xs1[0]), *xs1)
        counter = starts.setdefault(key, Counter())
        counter.update(round(line.x0, 1) for line in page.lines)
        for above, below in pairwise(page.lines):
            if above.size and abs(above.size - below.size) < 0.5:
                ratio = (below.top - above.top) / above.size
                if 0.8 < ratio < 2.0:
                    ratios.append(ratio)
    pitch = statistics.median(ratios) if ratios else 1.2
    common = {key: [float(x) for x, n in counter.items() if n >= 4] for key, counter in starts.items()}
    return _Geometry(left=left, right=right, pitch=pitch, common_x=common)


@dataclass
class _LineInfo:
    line: Line
    page: _Page
    centered: bool
    tabbed: bool = False
    """The line holds a column gap (beyond a tab after its list marker)."""
    marker: str | None = None
    rest: str = ""


@dataclass
class _Draft:
    lines: list[_LineInfo]

    @property
    def continuation_x(self) -> float | None:
        return self.lines[1].line.x0 if len(self.lines) > 1 else None


def _assemble(pages: Sequence[_Page]) -> list[Paragraph | Table]:
    """Walk pages top to bottom, grouping lines into paragraphs and pieces into tables."""
    geometry = _measure(pages)
    blocks: list[Paragraph | Table] = []
    drafts: list[tuple[_Draft, Paragraph]] = []
    draft: _Draft | None = None
    previous: _LineInfo | None = None
    last_table: Table | None = None
    last_edges: list[float] = []
    last_kind_page: tuple[str, int] = ("", 0)

    def flush() -> None:
        nonlocal draft
        if draft is not None:
            paragraph = _paragraph(draft)
            blocks.append(paragraph)
            drafts.append((draft, paragraph))
            draft = None

    for page in pages:
        invisible = borderless_tables(page.lines, max_pitch=1.4 * geometry.pitch)
        hidden = {index for start, end, _ in invisible for index in range(start, end)}
        items: list[tuple[float, Line | TablePiece | Table]] = [
            (line.top, line) for index, line in enumerate(page.lines) if index not in hidden
        ]
        items += [(piece.bbox[1], piece) for piece in page.pieces]
        items += [
            (table.rows[0].where.bbox[1] if table.rows[0].where.bbox else 0.0, table)
            for *_, table in invisible
        ]
        items.sort(key=lambda item: item[0])
        for position, (_, item) in enumerate(items):
            if isinstance(item, Table):
                flush()
                previous = None
                blocks.append(item)
                last_kind_page = ("line", page.number)
                continue
            if isinstance(item, TablePiece):
                flush()
                previous = None
                continues = (
                    position == 0
                    and last_table is not None
                    and last_kind_page == ("table", page.number - 1)
                    and same_columns(last_edges, item.columns)
                )
                if continues and last_table is not None:
                    continue_table(last_table, item)
                else:
                    last_table, last_edges = start_table(item), item.columns
                    blocks.append(last_table)
                last_kind_page = ("table", page.number)
                continue
            info = _describe_line(item, page, geometry)
            new, blank = _starts_paragraph(draft, previous, info, geometry)
            if new:
                flush()
                if blank and blocks and not (isinstance(blocks[-1], Paragraph) and not blocks[-1].text):
                    blocks.append(Paragraph(text="", where=Where(page=page.number)))
                draft = _Draft(lines=[info])
            elif draft is not None:
                info.marker = None
                draft.lines.append(info)
            previous = info
            last_kind_page = ("line", page.number)
    flush()
    _set_levels(drafts, geometry)
    return blocks


def _describe_line(line: Line, page: _Page, geometry: _Geometry) -> _LineInfo:
    key = geometry.key(page)
    left, right = geometry.left.get(key, line.x0), geometry.right.get(key, line.x1)
    centre = (left + right) / 2
    marker, rest = split_marker(line.text)
    # Word puts a tab after a list number ("1.<tab>Text"): that gap splits no columns.
    tabbed = line.has_tab and (marker is None or "\t" in rest)
    starts_common = any(abs(line.x0 - x) <= 0.25 for x in geometry.common_x.get(key, []))
    centered = (
        line.x0 > left + _ALIGN
        and line.x1 < right - _ALIGN
        and abs((line.x0 + line.x1) / 2 - centre) <= 5.0
        and not starts_common
        and not tabbed
    )
    return _LineInfo(
        line=line, page=page, centered=centered, tabbed=tabbed, marker=marker, rest=rest if marker else ""
    )


def _starts_paragraph(
    draft: _Draft | None, previous: _LineInfo | None, info: _LineInfo, geometry: _Geometry
) -> tuple[bool, bool]:
    """Whether ``info`` starts a new paragraph, and whether a blank separator precedes it."""
    if draft is None or previous is None:
        return True, False
    prev, line = previous.line, info.line
    if prev.page == line.page:
        normal = geometry.pitch * max(prev.size, line.size, 1.0)
        pitch = line.top - prev.top
        if pitch > 1.8 * normal:
            return True, True
        if pitch > 1.4 * normal:
            return True, False
    forced = _forced_break(previous, info, geometry)
    ends_sentence = bool(SENTENCE_END.search(prev.text))
    if info.marker is not None:
        # "… крупного бизнеса" / "- ПАО Сбербанк": the dash did not fit on a line that ends
        # mid-sentence, so it is text running on, not a bullet.
        at_continuation = draft.continuation_x is None or abs(line.x0 - draft.continuation_x) <= _ALIGN
        if forced or ends_sentence or not at_continuation:
            return True, False
    if previous.tabbed:
        return True, False
    style_change = prev.bold != line.bold or abs(prev.size - line.size) > 0.5 or _caps(prev) != _caps(line)
    if forced and (ends_sentence or previous.centered or info.centered or style_change):
        return True, False
    if previous.centered != info.centered and not (previous.centered and not forced):
        return True, False
    continuation_x = draft.continuation_x
    if continuation_x is not None and not info.centered and abs(line.x0 - continuation_x) > _ALIGN:
        return True, False
    return False, False


def _forced_break(previous: _LineInfo, info: _LineInfo, geometry: _Geometry) -> bool:
    """Whether the next line's first word would have fitted on the previous line."""
    right = geometry.right.get(geometry.key(previous.page), previous.line.x1)
    space = 0.25 * (previous.line.size or 10.0)
    return previous.line.x1 + space + info.line.first_word_width < right - 1.0


def _caps(line: Line) -> bool:
    letters = [ch for ch in line.text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _paragraph(draft: _Draft) -> Paragraph:
    """Build the paragraph; its box covers its lines on the page where it starts."""
    first = draft.lines[0]
    texts = [first.rest if first.marker else first.line.text]
    texts += [info.line.text for info in draft.lines[1:]]
    text = join_lines(texts)
    words = [w for info in draft.lines for w in info.line.words]
    bold_chars = sum(len(w["text"]) for info in draft.lines if info.line.bold for w in info.line.words)
    sizes = Counter(round(float(w.get("size") or 0), 1) for w in words)
    letters = [ch for ch in text if ch.isalpha()]
    page_lines = [info.line for info in draft.lines if info.line.page == first.line.page]
    bbox = (
        round(min(line.x0 for line in page_lines), 1),
        round(min(line.top for line in page_lines), 1),
        round(max(line.x1 for line in page_lines), 1),
        round(max(line.bottom for line in page_lines), 1),
    )
    paragraph = Paragraph(
        text=text,
        bold=bold_chars * 2 > sum(len(w["text"]) for w in words),
        centered=all(info.centered for info in draft.lines),
        caps=bool(letters) and all(ch.isupper() for ch in letters),
        size=sizes.most_common(1)[0][0] if sizes else None,
        where=Where(page=first.line.page, bbox=bbox),
    )
    if first.marker:
        paragraph.marker = first.marker
        paragraph.marker_source = "typed"
    return paragraph


def _set_levels(drafts: Sequence[tuple[_Draft, Paragraph]], geometry: _Geometry) -> None:
    """Level = rank of the marker's x among markers of its kind, or its numbering depth."""
    positions: dict[tuple[str, tuple[int, int]], list[float]] = {}
    marked = [(d, p) for d, p in drafts if p.marker]
    for draft, paragraph in marked:
        key = (marker_kind(paragraph.marker or ""), geometry.key(draft.lines[0].page))
        positions.setdefault(key, []).append(draft.lines[0].line.x0)
    clusters = {key: cluster_edges(values, tolerance=4.0) for key, values in positions.items()}
    for draft, paragraph in marked:
        key = (marker_kind(paragraph.marker or ""), geometry.key(draft.lines[0].page))
        x = draft.lines[0].line.x0
        rank = min(range(len(clusters[key])), key=lambda i: abs(clusters[key][i] - x))
        paragraph.level = max(rank, marker_depth(paragraph.marker))
