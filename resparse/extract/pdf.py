"""PDF reader: text lines → paragraphs, ruling lines → tables.

A PDF has no paragraphs, only positioned words, so the reader rebuilds what a person sees:

1. Per page, :mod:`.pdf_page` (pdfium) gives words with font name and size and the ruling
   edges, which pdfplumber's table finder turns into ruled tables. Words inside a table go
   to its cells; the rest are clustered into lines (:mod:`.pdf_tables`). A gap of several
   ems inside a line becomes "\t".
2. Running headers and footers go: the first or last line of a page, in the top or bottom
   band, that is only a page number, and lines repeated at the same place on most pages.
3. Lines are grouped into paragraphs by :mod:`.pdf_paragraphs`, from how Word lays out
   an act: a first-line indent, a list marker, a centred line, a row with a tab gap, a
   vertical gap wider than the normal pitch open a paragraph; so does a line after a
   *forced* break (the next word would have fitted) that ends a sentence or changes style,
   and a line at the first-line indent again after a one-line paragraph there. Otherwise
   lines join with a space; a hyphen at the break is dropped only when it splits a
   dictionary word (see :func:`.pdf_tables.drop_line_hyphen`).
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
from collections import Counter
from collections.abc import Sequence
from typing import Any

from resparse.errors import CorruptFileError, InputError, LimitExceededError
from resparse.extract.pdf_geometry import Page
from resparse.extract.pdf_page import PageContent, open_pdf, read_page, ruled_tables
from resparse.extract.pdf_paragraphs import assemble
from resparse.extract.pdf_tables import Line, Word, build_piece, group_lines, make_line
from resparse.layout import Block, Layout, SourceInfo
from resparse.limits import Limits

__all__ = ["needs_ocr", "read", "text_is_readable"]

_CID = re.compile(r"\(cid:\d+\)")
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,3}\s*[-–—]|\d{1,3}|(?:стр(?:аница)?\.?|page)\s*\d{1,3}(?:\s*(?:из|of|/)\s*\d{1,3})?"
    r"|\d{1,3}\s*(?:из|of|/)\s*\d{1,3})$",
    re.IGNORECASE,
)
_BAND = 0.12
"""Share of the page height at the top and bottom where running headers and footers live."""


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


def _assemble_with(pages: list[Page], recognised: dict[int, list[Block]]) -> list[Block]:
    """Text pages assembled run by run, with the OCR blocks of scanned pages in between."""
    blocks: list[Block] = []
    run: list[Page] = []
    for page in pages:
        if page.number in recognised:
            blocks += assemble(run) if run else []
            blocks += recognised[page.number]
            run = []
        else:
            run.append(page)
    return blocks + (assemble(run) if run else [])


def _read_pages(document: Any, limits: Limits, warnings: list[str]) -> tuple[int, list[Page]]:
    count = len(document)
    if count == 0:
        raise CorruptFileError("damaged PDF (no pages)")
    if count > limits.max_pages:
        raise LimitExceededError(f"PDF has {count} pages, more than the limit of {limits.max_pages}")
    pages: list[Page] = []
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


def _has_text(page: Page) -> bool:
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


def _read_page(content: PageContent, warnings: list[str]) -> Page:
    number = content.number
    result = Page(number=number, width=content.width, height=content.height)
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


def _drop_running_lines(pages: list[Page]) -> None:
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
        drop = {id(line) for line in candidates[page.number] if seen[_running_key(line)] >= need}
        kept = [line for line in page.lines if id(line) not in drop]
        # A page number is the first or last line; a number amid the text ("… № " / "203") stays.
        edge = {id(line) for line in candidates[page.number]}
        ends = {id(line) for line in kept[:1] + kept[-1:] if id(line) in edge}
        drop |= {id(line) for line in kept if id(line) in ends and _PAGE_NUMBER.match(line.text.strip())}
        if drop:
            page.lines = [line for line in page.lines if id(line) not in drop]


def _running_key(line: Line) -> tuple[str, int]:
    return re.sub(r"\d+", "#", " ".join(line.text.split())), round(line.top / 4)
