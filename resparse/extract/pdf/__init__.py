"""PDF reader: one engine for text PDFs and scans.

A PDF has no paragraphs, only positioned words, so the reader rebuilds what a person sees.
Each page comes from a *page source* as words and ruled tables in points — the text layer
(:mod:`.text_source`, pdfium) or, for a page without one, OCR (:mod:`.ocr_source`,
Tesseract, ruling lines found in pixels). One function, :func:`_choose`, decides per page:
the text source raises :class:`~resparse.errors.NeedsOcrError` for a page it cannot read,
and the ``ocr`` mode says what then happens ("auto": OCR it; "never": leave it out with a
warning; "always": every page is OCRed). Then the same code reads both: ruling lines →
a grid of cells (:mod:`.grid`) → table pieces (:mod:`.tables`, a table split over pages is
glued back), words → lines
(:mod:`.words`), running headers and footers dropped and lines → paragraphs with list
markers and levels (:mod:`.lines`), tab-aligned lines → borderless tables
(:mod:`.borderless`). Every threshold is in :mod:`.settings`.

Files pdfium cannot open raise :class:`CorruptFileError` or :class:`EncryptedFileError`; a
page that fails is skipped with a warning. A page-count limit is checked once, before any
page is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from resparse.errors import CorruptFileError, EmptyFileError, InputError, LimitExceededError, NeedsOcrError
from resparse.extract.pdf.geometry import Page
from resparse.extract.pdf.lines import assemble, drop_running_lines
from resparse.extract.pdf.settings import SCAN, SETTINGS
from resparse.extract.pdf.text_layer import open_pdf, read_page
from resparse.extract.pdf.text_source import has_letters, read_text_page, text_is_readable
from resparse.layout import Block, Layout, Paragraph, SourceInfo
from resparse.limits import Limits

__all__ = ["needs_ocr", "read", "text_is_readable"]

OcrMode = Literal["auto", "always", "never"]
_SCAN_MESSAGE = "PDF has no readable text layer (a scan?): OCR is needed"


def needs_ocr(data: bytes) -> bool:
    """Whether a PDF has no readable text layer on any page (a scan): OCR is needed."""
    document = open_pdf(data)
    try:
        for index in range(len(document)):
            if has_letters(" ".join(word["text"] for word in read_page(document, index).words)):
                return False
        return True
    finally:
        document.close()


def read(data: bytes, source: SourceInfo, limits: Limits, *, ocr: OcrMode = "never") -> Layout:
    """Read a PDF into a layout; ``ocr`` says what happens to pages without a text layer.

    "never" (the default: a plain read runs no external tool) leaves them out with a
    warning and raises :class:`NeedsOcrError` when no page has text; "auto" OCRs them;
    "always" OCRs every page.
    """
    warnings: list[str] = []
    document = open_pdf(data)
    try:
        count = _check_pages(document, limits)
        pages, scanned = _read_text_pages(document, count, ocr, warnings)
        recognised = _recognise(document, scanned, pages, ocr, limits, warnings) if scanned else {}
    finally:
        document.close()
    for number, reason in scanned.items():
        if number not in recognised:
            warnings.append(f"page {number}: {reason} (needs OCR)")
    pages = sorted([*pages, *recognised.values()], key=lambda page: page.number)
    blocks = _assemble(pages)
    if not any(_has_letters(block) for block in blocks):
        if recognised:
            raise EmptyFileError("scanned PDF: OCR found no text")
        raise NeedsOcrError(_SCAN_MESSAGE)
    info = source.model_copy(update={"pages": count, "ocr": bool(recognised)})
    return Layout(source=info, blocks=blocks, warnings=warnings)


def _check_pages(document: Any, limits: Limits) -> int:
    count = len(document)
    if count == 0:
        raise CorruptFileError("damaged PDF (no pages)")
    if count > limits.max_pages:
        raise LimitExceededError(f"PDF has {count} pages, more than the limit of {limits.max_pages}")
    return count


def _read_text_pages(
    document: Any, count: int, ocr: OcrMode, warnings: list[str]
) -> tuple[list[Page], dict[int, str]]:
    """The pages read from the text layer, and the others (number → why OCR is needed)."""
    pages: list[Page] = []
    scanned: dict[int, str] = {}
    failure: Exception | None = None
    for index in range(count):
        try:
            pages.append(_choose(document, index, ocr, warnings))
        except NeedsOcrError as error:
            scanned[index + 1] = str(error)
        except Exception as error:  # one damaged page must not lose the others
            failure = error
            warnings.append(f"page {index + 1}: damaged, skipped ({_describe(error)})")
    if not pages and not scanned and failure is not None:
        raise CorruptFileError(f"damaged PDF ({_describe(failure)})") from failure
    return pages, scanned


def _choose(document: Any, index: int, ocr: OcrMode, warnings: list[str]) -> Page:
    """The one place OCR is decided: the page's text layer, or :class:`NeedsOcrError`."""
    if ocr == "always":
        raise NeedsOcrError("read by OCR as asked")
    return read_text_page(document, index, warnings, SETTINGS)


def _recognise(
    document: Any,
    scanned: dict[int, str],
    pages: Sequence[Page],
    ocr: OcrMode,
    limits: Limits,
    warnings: list[str],
) -> dict[int, Page]:
    """OCR the pages without a text layer (unless ``ocr`` is "never"): page number → page.

    A whole scan (no text page at all) fails as OCR fails; a scanned page among text pages
    only gets a warning when Tesseract is missing or too slow.
    """
    from resparse.extract.pdf.ocr_source import OCR_WARNING, recognise, warnings_of

    if ocr == "never":
        return {}
    whole = not any(_page_has_letters(page) for page in pages)
    try:
        results = recognise(document, [number - 1 for number in scanned], limits)
    except InputError as error:  # Tesseract missing, too slow, …
        if whole:
            raise
        warnings.append(f"scanned {_page_list(list(scanned))} not OCRed: {error}")
        return {}
    if whole and all(result.error for result in results):
        raise CorruptFileError(f"OCR failed on every page ({results[0].error})")
    if whole:
        warnings.append(OCR_WARNING)
    else:
        warnings.append(
            f"{_page_list(list(scanned))}: no text layer, read by OCR; the text may contain errors"
        )
    warnings.extend(warnings_of(results))
    return {result.page.number: result.page for result in results}


def _assemble(pages: Sequence[Page]) -> list[Block]:
    """Runs of pages from one source, each through the one assembler with that source's settings."""
    blocks: list[Block] = []
    run: list[Page] = []
    for page in pages:
        if run and run[-1].ocr != page.ocr:
            blocks += _assemble_run(run)
            run = []
        run.append(page)
    return blocks + (_assemble_run(run) if run else [])


def _assemble_run(pages: list[Page]) -> list[Block]:
    settings = SCAN if pages[0].ocr else SETTINGS
    drop_running_lines(pages, settings)
    return list(assemble(pages, settings))


def _page_list(numbers: Sequence[int]) -> str:
    """ "page 3", "pages 3, 5"."""
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(str(number) for number in numbers)


def _page_has_letters(page: Page) -> bool:
    texts = [line.text for line in page.lines]
    texts += [cell.text for piece in page.pieces for row in piece.rows for cell in row.cells]
    return any(ch.isalpha() for text in texts for ch in text)


def _has_letters(block: Block) -> bool:
    """Letters in a block: a text layer of page numbers or stray marks is still a scan."""
    if isinstance(block, Paragraph):
        return any(ch.isalpha() for ch in block.text)
    return any(ch.isalpha() for row in block.rows for cell in row.cells for ch in cell.text)


def _describe(error: BaseException) -> str:
    inner = error.args[0] if error.args and isinstance(error.args[0], BaseException) else error
    if "EOF" in type(inner).__name__ or "EOF" in str(inner):
        return "the file ends too early: truncated?"
    message = str(inner).strip()
    if len(message) < 4:  # KeyError(0) and the like say nothing
        message = f"{type(inner).__name__} {message}".strip()
    return message[:120]
