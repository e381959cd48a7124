"""The OCR page source: a scanned page's words (lines) and ruled tables, in points.

A scan has no text layer, so each page is rendered with pypdfium2 in greyscale — at the
resolution of the scanned image itself when the page is one (:func:`scan_dpi`; enlarging a
200 dpi scan to 300 dpi blurs it and made Tesseract misread list numbers), else at 300 dpi
— after its images' sizes were checked (:func:`check_pixels`, before pdfium decodes them).
The page is cleaned of specks and turned square first (:mod:`.ocr_image`: a scan is
always a little askew).
Ruling lines are found in the pixels (:mod:`.ocr_rulings`) and painted out, the rest is read
by Tesseract (:mod:`.ocr_tool`); cells that come out empty or very short (row numbers in a
narrow column) are read again as one strip of crops. Every box is converted to points, so
the page is a :class:`~.geometry.Page` like the text layer's: the same table builder and the
same line assembler read it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from PIL import Image

from resparse.errors import CorruptFileError, LimitExceededError
from resparse.extract.pdf.geometry import Page
from resparse.extract.pdf.grid import Grid, GridCell, find_grids
from resparse.extract.pdf.ocr_image import prepare
from resparse.extract.pdf.ocr_lines import snap_to_lines
from resparse.extract.pdf.ocr_rulings import erase_rulings, find_rulings
from resparse.extract.pdf.ocr_tool import (
    NUMBER_HEADER,
    OcrWord,
    PageFailed,
    find_tesseract,
    fix_ocr_text,
    is_number_header,
    mark_bold,
    run_tesseract,
    tesseract_languages,
)
from resparse.extract.pdf.settings import SCAN, SETTINGS
from resparse.extract.pdf.tables import build_piece
from resparse.extract.pdf.words import Line, Word, group_lines, make_line
from resparse.limits import MAX_IMAGE_PIXELS, Limits

__all__ = ["OCR_WARNING", "OcrPage", "check_pixels", "recognise", "render", "scan_dpi"]

OCR_WARNING = "text recognised by OCR; it may contain errors"
_IMAGE_OBJECT = 3
"""pdfium's FPDF_PAGEOBJ_IMAGE."""


@dataclass
class OcrPage:
    """One page read by OCR: the page for the assembler, and what went wrong."""

    page: Page
    words: list[OcrWord] = field(default_factory=list)
    """Every word recognised on the page (for the confidence warning)."""
    error: str | None = None
    """Why Tesseract could not read the page at all."""
    notes: list[str] = field(default_factory=list)
    """Lesser trouble on the page, for the layout's warnings."""


def recognise(document: Any, indices: Sequence[int], limits: Limits) -> list[OcrPage]:
    """OCR pages ``indices`` (0-based): render one by one (pdfium is not thread-safe), read in parallel."""
    tesseract = find_tesseract()
    languages = tesseract_languages(tesseract)
    deadline = time.monotonic() + limits.seconds_per_document
    workers = max(1, min(SETTINGS.ocr_workers, os.cpu_count() or 1))
    results: list[OcrPage] = []
    pending: list[Future[OcrPage]] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        try:
            for index in indices:
                if time.monotonic() > deadline:
                    raise _too_slow(limits)
                rendered = render(document, index)
                pending.append(pool.submit(_read_page, index + 1, rendered, tesseract, languages, deadline))
                while len(pending) > workers:  # bound the images held in memory
                    results.append(_result(pending.pop(0), limits))
            results.extend(_result(future, limits) for future in pending)
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    return results


def warnings_of(pages: Sequence[OcrPage]) -> list[str]:
    """Pages OCR failed on, lesser trouble, and pages of low confidence (a poor scan)."""
    warnings: list[str] = []
    for page in pages:
        if page.error:
            warnings.append(f"page {page.page.number}: OCR failed ({page.error})")
        warnings += page.notes
    for page in pages:
        confs = [w.conf for w in page.words if w.conf >= 0]
        if (
            len(confs) >= SETTINGS.ocr_confidence_words
            and statistics.mean(confs) < SETTINGS.ocr_low_confidence
        ):
            warnings.append(f"page {page.page.number}: OCR confidence is low ({statistics.mean(confs):.0f}%)")
    return warnings


def _result(future: Future[OcrPage], limits: Limits) -> OcrPage:
    try:
        return future.result()
    except subprocess.TimeoutExpired as error:
        raise _too_slow(limits) from error


def _too_slow(limits: Limits) -> LimitExceededError:
    return LimitExceededError(f"OCR took longer than {limits.seconds_per_document:g} s")


# --- rendering ------------------------------------------------------------------------------


def render(pdf: Any, index: int) -> tuple[Image.Image, float, tuple[float, float]]:
    """The page as a greyscale image, its resolution (dpi) and its size in points."""
    page = pdf[index]
    try:
        check_pixels(page, index + 1)
        width, height = page.get_size()
        dpi = scan_dpi(page, width * height)
        if width * height * (dpi / 72) ** 2 > SETTINGS.ocr_max_pixels:
            dpi = 72 * (SETTINGS.ocr_max_pixels / (width * height)) ** 0.5
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        return image, image.width * 72 / width, (width, height)
    except LimitExceededError:
        raise
    except Exception as error:  # pdfium raises its own error types for broken pages
        raise CorruptFileError(f"damaged PDF (page {index + 1} cannot be rendered: {error})") from error
    finally:
        page.close()


def check_pixels(page: Any, number: int) -> None:
    """Refuse a page holding an image of more than :data:`MAX_IMAGE_PIXELS`, before pdfium
    decodes it: its size comes from the image's dictionary, not from its pixels."""
    try:
        sizes = [obj.get_px_size() for obj in page.get_objects(max_depth=2) if obj.type == _IMAGE_OBJECT]
    except Exception:  # unreadable objects: rendering will say what is wrong
        return
    for px_width, px_height in sizes:
        if px_width * px_height > MAX_IMAGE_PIXELS:
            raise LimitExceededError(
                f"page {number} holds an image of {px_width:,} × {px_height:,} pixels, more than the "
                f"{MAX_IMAGE_PIXELS:,}-pixel limit (refused)"
            )


def scan_dpi(page: Any, area: float) -> float:
    """Render at the scan's own resolution: resampling a scan blurs it and costs OCR accuracy.

    A page that is one big image (a scan) is rendered at that image's resolution, between
    200 and 400 dpi (a coarser scan is enlarged to 300 dpi, a finer one reduced to 400);
    any other page at 300 dpi.
    """
    best = 0.0
    low, high = SETTINGS.ocr_scan_dpi
    try:
        for obj in page.get_objects(max_depth=2):
            if obj.type != _IMAGE_OBJECT:
                continue
            left, bottom, right, top = obj.get_bounds()
            covered = (right - left) * (top - bottom)
            if covered < SETTINGS.ocr_scan_cover * area:
                continue
            px_width, px_height = obj.get_px_size()
            best = max(best, (px_width * px_height / (covered / 72 / 72)) ** 0.5)
    except Exception:  # an unreadable object only loses the hint
        return SETTINGS.ocr_dpi
    if best < low:
        return SETTINGS.ocr_dpi
    return min(best, high)


# --- one page -------------------------------------------------------------------------------


def _read_page(
    number: int,
    rendered: tuple[Image.Image, float, tuple[float, float]],
    tesseract: str,
    languages: str,
    deadline: float,
) -> OcrPage:
    """Clean and square the page, find its tables, paint their lines out, OCR the rest, mark bold."""
    image, dpi, (width, height) = rendered
    unit = dpi / 72  # pixels per point
    result = OcrPage(page=Page(number=number, width=width, height=height, ocr=True))
    image = prepare(image, unit)
    grids = find_grids(*find_rulings(image, unit))
    clean = erase_rulings(image, grids, unit) if grids else image
    try:
        words = run_tesseract(clean, tesseract, languages, dpi, max(1.0, deadline - time.monotonic()))
    except PageFailed as error:
        result.error = str(error)
        return result
    result.words = [_to_points(word, unit) for word in mark_bold(clean, words, unit)]
    free = _fill_cells(grids, result.words)
    if grids:
        try:
            _reread_short_cells(grids, clean, unit, tesseract, languages, deadline)
        except PageFailed as error:
            result.notes.append(f"page {number}: short table cells were not read again ({error})")
    _build_page(result.page, grids, free)
    return result


def _build_page(page: Page, grids: Sequence[Grid], free: Sequence[OcrWord]) -> None:
    """The grids as table pieces and the other words as lines, with the text layer's builders."""
    size = _usual_size(free)
    for grid in grids:
        words = [_word(w, size) for cell in grid.cells for w in cell.words]
        piece = build_piece(grid.row_boxes(), words, page.number, grid.bbox, page.width * page.height, SCAN)
        if piece is None:
            continue
        for row in piece.rows:
            row.cells = [cell.model_copy(update={"text": fix_ocr_text(cell.text)}) for cell in row.cells]
        first = piece.rows[0].cells[0] if piece.rows and piece.rows[0].cells else None
        if first is not None and is_number_header(first.text):
            piece.rows[0].cells[0] = first.model_copy(update={"text": NUMBER_HEADER})
        page.pieces.append(piece)
    lines = group_lines([_word(w, size) for w in snap_to_lines(free)], page.number, SCAN)
    page.lines = [_sized_line(line.words, page.number, size) for line in lines]


def _usual_size(words: Sequence[OcrWord]) -> float:
    """The page's usual font size, from the median height of its words' ink boxes."""
    heights = [w.bottom - w.top for w in words]
    return SETTINGS.ocr_em_per_height * statistics.median(heights) if heights else SETTINGS.default_size


def _word(word: OcrWord, size: float) -> Word:
    return {
        "text": word.text,
        "x0": word.x0,
        "x1": word.x1,
        "top": word.top,
        "bottom": word.bottom,
        "fontname": "OCR-Bold" if word.bold else "OCR",
        "size": size,
    }


def _sized_line(words: list[Word], number: int, usual: float) -> Line:
    """A line of recognised words, its words given one band and one size.

    Ink boxes vary with the letters (a lower-case Cyrillic word has no ascenders, "р", "у"
    and "д" descend), so a line's band is centred on the median of its words' middles, and
    its size is the page's usual one unless its words are clearly larger or smaller.
    """
    heights = sorted(w["bottom"] - w["top"] for w in words)
    size = SETTINGS.ocr_em_per_height * statistics.median(heights)
    if abs(size - usual) <= SETTINGS.ocr_size_snap * usual:
        size = usual
    middle = statistics.median((w["top"] + w["bottom"]) / 2 for w in words)
    top, bottom = middle - size / 2, middle + size / 2
    banded = [{**w, "top": top, "bottom": bottom, "size": round(size, 1)} for w in words]
    line = make_line(banded, number, SCAN)
    line.text = fix_ocr_text(line.text)
    return line


def _fill_cells(grids: Sequence[Grid], words: Iterable[OcrWord]) -> list[OcrWord]:
    """Put each word into the grid cell holding its centre; return the words outside tables."""
    free: list[OcrWord] = []
    for word in words:
        for grid in grids:
            cell = grid.cell_at(word.cx, word.cy)
            if cell is not None:
                cell.words.append(word)
                break
        else:
            free.append(word)
    return free


def _reread_short_cells(
    grids: Sequence[Grid], image: Image.Image, unit: float, tesseract: str, languages: str, deadline: float
) -> None:
    """Read again, together, the cells that came out empty or very short.

    Tesseract's page layout analysis often drops or garbles a lone short token in a
    narrow column — the row numbers "2", "2.3" a roadmap hangs on. The same crops stacked
    into one strip and read as a block of text (``--psm 6``) come out right, at the cost
    of one more Tesseract run per page with tables.
    """
    crops = _short_cell_crops(grids, image, unit)
    if not crops:
        return
    pad = round(SETTINGS.ocr_strip_pad * unit)
    strip, offsets = _stack([crop for _, _, crop in crops], pad)
    timeout = max(1.0, deadline - time.monotonic())
    words = mark_bold(strip, run_tesseract(strip, tesseract, languages, unit * 72, timeout, psm=6), unit)
    found: dict[int, list[OcrWord]] = {}
    for word in words:
        index = bisect_right(offsets, word.cy) - 1
        if 0 <= index < len(crops):
            found.setdefault(index, []).append(word)
    for index, cell_words in found.items():
        cell, box, _ = crops[index]
        dx, dy = box[0] - pad, box[1] - offsets[index]
        cell.words = [
            _to_points(replace(w, x0=w.x0 + dx, x1=w.x1 + dx, top=w.top + dy, bottom=w.bottom + dy), unit)
            for w in cell_words
        ]


def _short_cell_crops(
    grids: Sequence[Grid], image: Image.Image, unit: float
) -> list[tuple[GridCell, tuple[int, int, int, int], Image.Image]]:
    """The cells with little or no text after the first pass, cropped inside their rulings."""
    crops: list[tuple[GridCell, tuple[int, int, int, int], Image.Image]] = []
    inset = SETTINGS.ocr_meet * unit
    for grid in grids:
        for cell in grid.cells:
            if len(" ".join(w.text for w in cell.words)) > SETTINGS.ocr_short_cell:
                continue
            x0, top, x1, bottom = grid.cell_box(cell)
            box = (
                round(x0 * unit + inset),
                round(top * unit + inset),
                round(x1 * unit - inset),
                round(bottom * unit - inset),
            )
            if box[2] - box[0] < SETTINGS.ocr_min_crop or box[3] - box[1] < SETTINGS.ocr_min_crop:
                continue
            crop = image.crop(box)
            if sum(crop.histogram()[: SETTINGS.ocr_dark]) >= SETTINGS.ocr_min_ink:
                crops.append((cell, box, crop))
    return crops


def _stack(crops: Sequence[Image.Image], pad: int) -> tuple[Image.Image, list[int]]:
    """Crops one under another on white, ``pad`` apart; returns the strip and each crop's top."""
    width = max(crop.width for crop in crops) + 2 * pad
    height = sum(crop.height + pad for crop in crops) + pad
    strip = Image.new("L", (width, height), 255)
    offsets: list[int] = []
    y = pad
    for crop in crops:
        strip.paste(crop, (pad, y))
        offsets.append(y)
        y += crop.height + pad
    return strip, offsets


def _to_points(word: OcrWord, unit: float) -> OcrWord:
    return replace(word, x0=word.x0 / unit, top=word.top / unit, x1=word.x1 / unit, bottom=word.bottom / unit)
