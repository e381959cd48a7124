"""OCR reader for scanned PDFs: page images → Tesseract words → paragraphs and ruled tables.

A scan has no text layer, so each page is rendered with pypdfium2 in greyscale — at the
resolution of the scanned image itself when the page is one (:func:`scan_dpi`; enlarging a
200 dpi scan to 300 dpi blurs it and made Tesseract misread list numbers), else at 300 dpi
— and read by the ``tesseract`` command line tool (Russian and English models, ``--psm 4``:
a single column of lines of variable size, which keeps table rows as lines too). Tesseract
runs as a subprocess — no Python binding to install — with ``OMP_THREAD_LIMIT=1``: its
OpenMP threads make one page several times *slower* on a small machine, so pages are read
in parallel instead, one process each. Boxes are converted to PDF points, so the rules
below and the layout's ``Where.bbox`` mean the same as in the text PDF reader.

Tables are found in the image itself, before OCR, from their ruling lines: a pure-Pillow
scan for long runs of dark pixels (rows of the image for horizontal lines, rows of the
transposed image for vertical ones; :func:`find_rulings`). Vertical runs count only when
both ends reach a horizontal line, which rules out letter strokes; lines meeting each other
form a grid (:func:`find_grids`), the vertical lines present in each row band give its
cells and so ``span``, and a missing horizontal line between two cells stacked alike makes
the lower one ``merged``. The lines are painted out before OCR (they confuse Tesseract)
and each recognised word goes to the cell holding its centre. Cells that come out empty or
very short (row numbers in a narrow column) are read again as one strip of crops. A table
whose piece opens the next page with the same columns continues: a repeated header row is
dropped and a row split by the page break (empty number cell) is merged back.

The words outside tables are grouped into lines and the lines into paragraphs the way a
reader sees them: a new paragraph after a wide vertical gap, after a line that ends short
(the next line's first word would have fitted: not word wrap), at a change of indent, and
at a typed list marker after a line that ends a clause. Markers are split off with
:func:`~resparse.markers.split_marker` (all are "typed"). Bold is estimated from
stroke width: a word whose ink survives eroding by two pixels is set in bold. Page numbers
and lines repeated at the same place on most pages are dropped, and Tesseract's usual
confusions in Russian text are undone (:func:`fix_ocr_text`).

Every layout says ``source.ocr = True`` and carries the warning :data:`OCR_WARNING`.
"""

from __future__ import annotations

import difflib
import functools
import io
import os
import re
import shutil
import statistics
import subprocess
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from PIL import Image, ImageDraw, ImageFilter

from resparse.errors import (
    CorruptFileError,
    EmptyFileError,
    LimitExceededError,
    ToolMissingError,
)
from resparse.extract.pdf_tables import is_split_fragment, join_lines, merge_rows
from resparse.layout import Block, Cell, Layout, Paragraph, Row, SourceInfo, Table, Where
from resparse.limits import MAX_IMAGE_PIXELS, Limits
from resparse.markers import marker_depth, marker_kind, split_marker

__all__ = [
    "OCR_WARNING",
    "OcrWord",
    "find_grids",
    "find_rulings",
    "find_tesseract",
    "fix_ocr_text",
    "parse_tsv",
    "read",
    "scan_dpi",
    "tesseract_languages",
]

OCR_WARNING = "text recognised by OCR; it may contain errors"
MISSING_TESSERACT = "OCR needs Tesseract: install the Debian packages tesseract-ocr tesseract-ocr-rus"
MISSING_RUSSIAN = "OCR needs Tesseract's Russian model: install the Debian package tesseract-ocr-rus"

DPI = 300
"""Resolution a page is rendered at when it is not one scanned image of known resolution."""
_MAX_PIXELS = 50_000_000
"""Largest page image rendered (A4 at 300 dpi is 8.7 Mpx); poster-sized pages get fewer dpi."""
_WORKERS = max(1, min(4, os.cpu_count() or 1))
_IMAGE_OBJECT = 3
"""pdfium's FPDF_PAGEOBJ_IMAGE."""
_DARK = 160
"""Grey level below which a pixel is ink."""
_MIN_HORIZONTAL = 36.0
"""Shortest horizontal ruling (pt): half an inch, longer than any run inside a letter."""
_MIN_VERTICAL = 9.0
"""Shortest vertical ruling (pt); letter strokes this tall are refused for not meeting lines."""
_SNAP = 3.0
"""Tolerance (pt, about 1 mm) for lines meeting and for edges being the same edge."""
_MEET = 1.5
"""How close (pt) a vertical line's end comes to the horizontal line it stops at."""
_SHORT_CELL = 6
"""Cells with at most this many characters after the first pass are read again on their own."""
_MIN_INK = 12
"""Ink pixels below which a cell crop is blank (specks)."""
_BAND = 0.09
"""Share of the page height at top and bottom where page numbers and running lines live."""
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|(?:стр(?:аница)?\.?|page)\s*\d{1,4}(?:\s*(?:из|of|/)\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.!?:;…][»\"')\]]*$")


# --------------------------------------------------------------------------- the tool


def find_tesseract() -> str:
    """Path of the ``tesseract`` program; :class:`ToolMissingError` naming the packages if absent."""
    found = shutil.which("tesseract")
    if not found:
        raise ToolMissingError(MISSING_TESSERACT)
    return found


@functools.lru_cache(maxsize=4)
def tesseract_languages(tesseract: str) -> str:
    """The ``-l`` argument: "rus+eng" (English for Latin names and acronyms), or "rus" alone."""
    try:
        listed = subprocess.run(
            [tesseract, "--list-langs"], capture_output=True, timeout=30, check=False
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError) as error:
        raise ToolMissingError(MISSING_TESSERACT) from error
    languages = {line.strip() for line in listed.splitlines()[1:]}
    if "rus" not in languages:
        raise ToolMissingError(MISSING_RUSSIAN)
    return "rus+eng" if "eng" in languages else "rus"


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class OcrWord:
    """One recognised word; its box is in pixels while the page is read, then in points."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float = 100.0
    bold: bool = False

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _OcrPage:
    number: int
    width: float
    height: float
    """Page size in points, like every box of the page once it is read."""
    words: list[OcrWord] = field(default_factory=list)
    """Every word recognised on the page."""
    free: list[OcrWord] = field(default_factory=list)
    """The words outside tables; the others are in their grid cells."""
    grids: list[Grid] = field(default_factory=list)
    error: str | None = None
    """Why Tesseract could not read the page at all."""
    notes: list[str] = field(default_factory=list)
    """Lesser trouble on the page, for the layout's warnings."""


def read(data: bytes, source: SourceInfo, limits: Limits) -> Layout:
    """OCR every page of a scanned PDF into a layout marked ``ocr``, with the OCR warning."""
    tesseract = find_tesseract()
    languages = tesseract_languages(tesseract)
    deadline = time.monotonic() + limits.seconds_per_document
    pages = _recognise(data, tesseract, languages, limits, deadline)
    warnings = [OCR_WARNING, *_page_warnings(pages)]
    if all(page.error for page in pages):
        raise CorruptFileError(f"OCR failed on every page ({pages[0].error})")
    blocks = assemble(pages)
    if not any(_has_text(block) for block in blocks):
        raise EmptyFileError("scanned PDF: OCR found no text")
    info = source.model_copy(update={"pages": len(pages), "ocr": True})
    return Layout(source=info, blocks=blocks, warnings=warnings)


def read_pages(
    data: bytes, runs: Sequence[Sequence[int]], limits: Limits
) -> tuple[list[list[Block]], list[str]]:
    """OCR some pages of a PDF whose other pages have a text layer.

    ``runs`` are groups of consecutive page numbers (1-based); each gives its own blocks,
    for the caller to put between the text pages. Also returns the warnings.
    """
    tesseract = find_tesseract()
    languages = tesseract_languages(tesseract)
    deadline = time.monotonic() + limits.seconds_per_document
    numbers = [number for run in runs for number in run]
    pages = {page.number: page for page in _recognise(data, tesseract, languages, limits, deadline, numbers)}
    blocks = [assemble([pages[number] for number in run]) for run in runs]
    return blocks, _page_warnings(list(pages.values()))


def _page_warnings(pages: Sequence[_OcrPage]) -> list[str]:
    warnings: list[str] = []
    for page in pages:
        if page.error:
            warnings.append(f"page {page.number}: OCR failed ({page.error})")
        warnings += page.notes
    return warnings + _confidence_warnings(pages)


def _recognise(
    data: bytes,
    tesseract: str,
    languages: str,
    limits: Limits,
    deadline: float,
    numbers: Sequence[int] | None = None,
) -> list[_OcrPage]:
    """Render pages one by one (pdfium is not thread-safe) and OCR them in parallel.

    ``numbers`` (1-based) limits the work to those pages.
    """
    from resparse.extract.pdf_page import open_pdf

    pdf = open_pdf(data)
    try:
        count = len(pdf)
        if count == 0:
            raise CorruptFileError("damaged PDF (no pages)")
        if count > limits.max_pages:
            raise LimitExceededError(f"PDF has {count} pages, more than the limit of {limits.max_pages}")
        results: list[_OcrPage] = []
        pending: list[Future[_OcrPage]] = []
        with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
            try:
                wanted = range(count) if numbers is None else [n - 1 for n in numbers if 0 < n <= count]
                for index in wanted:
                    _check_time(deadline, limits)
                    rendered = _render(pdf, index)
                    pending.append(
                        pool.submit(_read_page, index + 1, rendered, tesseract, languages, deadline)
                    )
                    while len(pending) > _WORKERS:  # bound the images held in memory
                        results.append(_result(pending.pop(0), limits))
                results.extend(_result(future, limits) for future in pending)
            except BaseException:
                for future in pending:
                    future.cancel()
                raise
        return results
    finally:
        pdf.close()


def _result(future: Future[_OcrPage], limits: Limits) -> _OcrPage:
    try:
        return future.result()
    except subprocess.TimeoutExpired as error:
        raise _too_slow(limits) from error


def _check_time(deadline: float, limits: Limits) -> None:
    if time.monotonic() > deadline:
        raise _too_slow(limits)


def _too_slow(limits: Limits) -> LimitExceededError:
    return LimitExceededError(f"OCR took longer than {limits.seconds_per_document:g} s")


def _render(pdf: Any, index: int) -> tuple[Image.Image, float, tuple[float, float]]:
    """The page as a greyscale image, its resolution (dpi) and its size in points."""
    page = pdf[index]
    try:
        check_pixels(page, index + 1)
        width, height = page.get_size()
        dpi = scan_dpi(page, width * height)
        if width * height * (dpi / 72) ** 2 > _MAX_PIXELS:
            dpi = 72 * (_MAX_PIXELS / (width * height)) ** 0.5
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
    try:
        for obj in page.get_objects(max_depth=2):
            if obj.type != _IMAGE_OBJECT:
                continue
            left, bottom, right, top = obj.get_bounds()
            covered = (right - left) * (top - bottom)
            if covered < 0.5 * area:
                continue
            px_width, px_height = obj.get_px_size()
            best = max(best, (px_width * px_height / (covered / 72 / 72)) ** 0.5)
    except Exception:  # an unreadable object only loses the hint
        return DPI
    if best < 199:
        return DPI
    return min(best, 400.0)


def _read_page(
    number: int,
    rendered: tuple[Image.Image, float, tuple[float, float]],
    tesseract: str,
    languages: str,
    deadline: float,
) -> _OcrPage:
    """Find the page's tables, paint their lines out, OCR the rest and mark bold words.

    Detection runs on pixels; everything the page keeps is converted to points.
    """
    image, dpi, (width, height) = rendered
    unit = dpi / 72  # pixels per point
    page = _OcrPage(number=number, width=width, height=height)
    horizontal, vertical = find_rulings(image, unit)
    page.grids = find_grids(horizontal, vertical)
    clean = erase_rulings(image, page.grids, unit) if page.grids else image
    timeout = max(1.0, deadline - time.monotonic())
    try:
        words = run_tesseract(clean, tesseract, languages, dpi, timeout)
    except _PageFailed as error:
        page.error = str(error)
        return page
    page.words = [_to_points(word, unit) for word in mark_bold(clean, words, unit)]
    page.free = _fill_cells(page.grids, page.words)
    if page.grids:
        try:
            _reread_short_cells(page.grids, clean, unit, tesseract, languages, deadline)
        except _PageFailed as error:
            page.notes.append(f"page {number}: short table cells were not read again ({error})")
    return page


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
    crops: list[tuple[GridCell, tuple[int, int, int, int], Image.Image]] = []
    inset = _MEET * unit
    for grid in grids:
        for cell in grid.cells:
            if len(cell_text(cell.words)) > _SHORT_CELL:
                continue
            x0, top, x1, bottom = grid.cell_box(cell)
            box = (
                round(x0 * unit + inset),
                round(top * unit + inset),
                round(x1 * unit - inset),
                round(bottom * unit - inset),
            )
            if box[2] - box[0] < 4 or box[3] - box[1] < 4:
                continue
            crop = image.crop(box)
            if _ink(crop) >= _MIN_INK:
                crops.append((cell, box, crop))
    if not crops:
        return
    pad = round(8 * unit)
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


def _ink(image: Image.Image) -> int:
    """Number of ink pixels."""
    return sum(image.histogram()[:_DARK])


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


class _PageFailed(Exception):
    """Tesseract exited with an error on one page; the other pages are still read."""


def run_tesseract(
    image: Image.Image, tesseract: str, languages: str, dpi: float, timeout: float, psm: int = 4
) -> list[OcrWord]:
    """Words Tesseract finds in ``image`` (sent as PGM on stdin, TSV read from stdout)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PPM")
    command = [tesseract, "-", "-", "-l", languages, "--psm", str(psm), "--dpi", str(round(dpi)), "tsv"]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(command, input=buffer.getvalue(), capture_output=True, timeout=timeout, env=env)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _PageFailed(message[-1][:120] if message else f"exit status {done.returncode}")
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> list[OcrWord]:
    """Word rows (level 5) of Tesseract's TSV output; noise without letters or digits is dropped."""
    words: list[OcrWord] = []
    for line in tsv.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 12 or parts[0] != "5":
            continue
        text = parts[11].strip()
        try:
            left, top, width, height = (int(v) for v in parts[6:10])
            conf = float(parts[10])
        except ValueError:
            continue
        if not text or (not any(ch.isalnum() for ch in text) and conf < 50 and text not in "-–—•·"):
            continue
        words.append(OcrWord(text, left, top, left + width, top + height, conf))
    return words


def mark_bold(image: Image.Image, words: list[OcrWord], unit: float) -> list[OcrWord]:
    """Mark words whose strokes are thick: a good share of their ink survives erosion.

    Each word is scaled to 300 dpi, where a regular 12–14 pt stem is 4–5 px wide and all
    but vanishes under a 2-pixel erosion, while a bold one (7–9 px) keeps about a third.
    The threshold adapts to a page set in bold as a whole: the median word is regular.
    """
    ratios: list[float] = []
    factor = DPI / 72 / unit
    for word in words:
        crop = image.crop((int(word.x0), int(word.top), int(word.x1), int(word.bottom)))
        if abs(factor - 1) > 0.05:
            crop = crop.resize((max(1, round(crop.width * factor)), max(1, round(crop.height * factor))))
        crop = crop.point(lambda v: 0 if v < _DARK else 255)
        ink = crop.histogram()[0]
        kept = crop.filter(ImageFilter.MaxFilter(5)).histogram()[0] if ink else 0
        ratios.append(kept / ink if ink else 0.0)
    if not ratios:
        return words
    threshold = max(0.17, 1.8 * statistics.median(ratios))
    return [replace(word, bold=ratio >= threshold) for word, ratio in zip(words, ratios, strict=True)]


def _confidence_warnings(pages: Sequence[_OcrPage]) -> list[str]:
    """Pages whose average word confidence is low: the scan is poor or not Russian text."""
    warnings = []
    for page in pages:
        confs = [w.conf for w in page.words if w.conf >= 0]
        if len(confs) >= 5 and statistics.mean(confs) < 60:
            warnings.append(f"page {page.number}: OCR confidence is low ({statistics.mean(confs):.0f}%)")
    return warnings


# --------------------------------------------------------------------------- ruling lines


@dataclass(frozen=True)
class Segment:
    """A straight ruling line: ``pos`` is its y (horizontal) or x (vertical); it runs start→end."""

    pos: float
    start: float
    end: float

    def scaled(self, factor: float) -> Segment:
        return Segment(self.pos * factor, self.start * factor, self.end * factor)


def find_rulings(image: Image.Image, unit: float = DPI / 72) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical table lines of a page image (``unit`` px per point), in points."""
    snap = _SNAP * unit
    dark = image.point(lambda v: 255 if v < _DARK else 0)
    horizontal = _join_collinear(_segments(_runs(dark, round(_MIN_HORIZONTAL * unit))), snap)
    transposed = dark.transpose(Image.Transpose.TRANSPOSE)
    candidates = _join_collinear(_segments(_runs(transposed, round(_MIN_VERTICAL * unit))), snap)
    vertical = [v for v in candidates if _anchored(v, horizontal, _MEET * unit, snap)]
    horizontal = [h for h in horizontal if sum(1 for v in vertical if _meets(h, v, snap)) >= 2]
    return [h.scaled(1 / unit) for h in horizontal], [v.scaled(1 / unit) for v in vertical]


def _runs(image: Image.Image, min_length: int) -> list[tuple[int, int, int]]:
    """Runs ``(row, start, end)`` of at least ``min_length`` ink pixels along image rows."""
    width = image.width
    data = image.tobytes()
    runs: list[tuple[int, int, int]] = []
    for match in re.finditer(b"\xff{%d,}" % min_length, data):
        start, end = match.span()
        while start < end:  # a run may wrap past the end of a row in the flat buffer
            row, column = divmod(start, width)
            stop = min(end, (row + 1) * width)
            if stop - start >= min_length:
                runs.append((row, column, column + stop - start))
            start = stop
    return runs


def _segments(runs: Iterable[tuple[int, int, int]]) -> list[Segment]:
    """Stack runs in neighbouring rows that overlap into one line of some thickness."""
    open_groups: list[list[tuple[int, int, int]]] = []
    done: list[list[tuple[int, int, int]]] = []
    for run in sorted(runs):
        row, start, end = run
        still_open = []
        placed = False
        for group in open_groups:
            last_row, last_start, last_end = group[-1]
            if row - last_row > 2:
                done.append(group)
                continue
            still_open.append(group)
            overlap = min(end, last_end) - max(start, last_start)
            if not placed and overlap > 0.5 * min(end - start, last_end - last_start):
                group.append(run)
                placed = True
        if not placed:
            still_open.append([run])
        open_groups = still_open
    done.extend(open_groups)
    segments = []
    for group in done:
        rows = [r for r, _, _ in group]
        segments.append(
            Segment((min(rows) + max(rows)) / 2, min(s for _, s, _ in group), max(e for _, _, e in group))
        )
    return segments


def _join_collinear(segments: list[Segment], snap: float) -> list[Segment]:
    """Bridge small breaks in a line (a faint scan): same position, gap under a millimetre."""
    joined: list[Segment] = []
    for segment in sorted(segments, key=lambda s: (round(s.pos / 4), s.start)):
        last = joined[-1] if joined else None
        if last and abs(last.pos - segment.pos) <= snap / 3 and segment.start - last.end <= snap:
            joined[-1] = Segment((last.pos + segment.pos) / 2, last.start, max(last.end, segment.end))
        else:
            joined.append(segment)
    return joined


def _meets(horizontal: Segment, vertical: Segment, snap: float = _SNAP) -> bool:
    """Whether the two lines touch or cross."""
    return (
        horizontal.start - snap <= vertical.pos <= horizontal.end + snap
        and vertical.start - snap <= horizontal.pos <= vertical.end + snap
    )


def _anchored(vertical: Segment, horizontals: Sequence[Segment], meet: float, snap: float) -> bool:
    """A table's vertical line starts and ends on horizontal lines; a letter stroke does not.

    The ends must reach the horizontal lines (``meet``: a point or so, for the lines'
    thickness); a tall letter in a tight row stops short of them by a few pixels.
    """

    def at(y: float) -> bool:
        return any(
            abs(h.pos - y) <= meet and h.start - snap <= vertical.pos <= h.end + snap for h in horizontals
        )

    return at(vertical.start) and at(vertical.end)


# --------------------------------------------------------------------------- grids


@dataclass
class GridCell:
    """A cell of a ruled grid: its first row band and column, and how many it covers."""

    row: int
    column: int
    rows: int
    columns: int
    words: list[OcrWord] = field(default_factory=list)


@dataclass
class Grid:
    """A ruled table on one page: row and column edges (px) and the cells between them."""

    rows: list[float]
    columns: list[float]
    cells: list[GridCell]
    horizontal: list[Segment]
    vertical: list[Segment]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.columns[0], self.rows[0], self.columns[-1], self.rows[-1])

    def cell_box(self, cell: GridCell) -> tuple[float, float, float, float]:
        return (
            self.columns[cell.column],
            self.rows[cell.row],
            self.columns[cell.column + cell.columns],
            self.rows[cell.row + cell.rows],
        )

    def cell_at(self, x: float, y: float) -> GridCell | None:
        """The cell covering the point, or None outside the grid."""
        if not (self.columns[0] <= x <= self.columns[-1] and self.rows[0] <= y <= self.rows[-1]):
            return None
        row = min(bisect_right(self.rows, y) - 1, len(self.rows) - 2)
        column = min(bisect_right(self.columns, x) - 1, len(self.columns) - 2)
        for cell in self.cells:
            if cell.row <= row < cell.row + cell.rows and cell.column <= column < cell.column + cell.columns:
                return cell
        return None


def find_grids(horizontal: Sequence[Segment], vertical: Sequence[Segment]) -> list[Grid]:
    """Tables formed by lines that meet; a lone frame (one cell) is not a table."""
    grids = []
    for lines_h, lines_v in _components(horizontal, vertical):
        grid = _grid(lines_h, lines_v)
        if grid is not None:
            grids.append(grid)
    return sorted(grids, key=lambda g: g.rows[0])


def _components(
    horizontal: Sequence[Segment], vertical: Sequence[Segment]
) -> list[tuple[list[Segment], list[Segment]]]:
    """Group lines into connected sets (union-find over meeting pairs)."""
    parent = list(range(len(horizontal) + len(vertical)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if _meets(h, v):
                parent[root(i)] = root(len(horizontal) + j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(root(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(root(len(horizontal) + j), ([], []))[1].append(v)
    return [group for group in groups.values() if len(group[0]) >= 2 and len(group[1]) >= 2]


def cluster(values: Iterable[float], tolerance: float = _SNAP) -> list[float]:
    """Merge values closer than ``tolerance`` into their mean, in ascending order."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(group) / len(group) for group in groups]


def _grid(horizontal: list[Segment], vertical: list[Segment]) -> Grid | None:
    rows = cluster(h.pos for h in horizontal)
    columns = cluster(v.pos for v in vertical)
    if len(rows) < 2 or len(columns) < 2 or (len(rows) - 1) * (len(columns) - 1) < 2:
        return None
    cells: list[GridCell] = []
    above: dict[tuple[int, int], GridCell] = {}  # (first column, columns) → cell open from the band above
    for band, (top, bottom) in enumerate(pairwise(rows)):
        middle = (top + bottom) / 2
        edges = [0, len(columns) - 1]
        edges += [
            index
            for index, x in enumerate(columns)
            if any(abs(v.pos - x) <= _SNAP and v.start <= middle <= v.end for v in vertical)
        ]
        edges = sorted(set(edges))
        current: dict[tuple[int, int], GridCell] = {}
        for first, last in pairwise(edges):
            key = (first, last - first)
            centre = (columns[first] + columns[last]) / 2
            ruled = any(
                abs(h.pos - top) <= _SNAP and h.start - _SNAP <= centre <= h.end + _SNAP for h in horizontal
            )
            origin = above.get(key)
            if origin is not None and not ruled:
                origin.rows += 1  # no line between: one cell running down (a vertical merge)
                current[key] = origin
                continue
            cell = GridCell(row=band, column=first, rows=1, columns=last - first)
            cells.append(cell)
            current[key] = cell
        above = current
    if len(cells) < 2:
        return None
    return Grid(rows=rows, columns=columns, cells=cells, horizontal=horizontal, vertical=vertical)


def erase_rulings(image: Image.Image, grids: Sequence[Grid], unit: float) -> Image.Image:
    """A copy of the page with the tables' lines painted white, so OCR does not read them."""
    clean = image.copy()
    draw = ImageDraw.Draw(clean)
    half = 1.2 * unit  # lines are up to ~2 pt thick in a scan
    for grid in grids:
        for line in (h.scaled(unit) for h in grid.horizontal):
            draw.rectangle((line.start - half, line.pos - half, line.end + half, line.pos + half), fill=255)
        for line in (v.scaled(unit) for v in grid.vertical):
            draw.rectangle((line.pos - half, line.start - half, line.pos + half, line.end + half), fill=255)
    return clean


# --------------------------------------------------------------------------- text fixes

_LATIN_TO_CYRILLIC = str.maketrans("AaBCcEeHKMOoPpTXxyk", "АаВСсЕеНКМОоРрТХхук")
_LONE_LATIN = re.compile(r"(?<![^\W\d_])[AaBCcEeHKMOoPpTXxyk](?![^\W\d_])")
_MIXED_WORD = re.compile(r"[^\W\d_]*[A-Za-z][^\W\d_]*")
_ZE_AS_THREE = re.compile(r"(?<=\d[-–—])З|(?<=\d [-–—] )З|(?<![^\W\d_])З(?=\d|[.)](?:\s|$))")
_DIGIT_WORD = re.compile(r"(?<=\d)(?=[а-яё]{3,})")
_ROUND_BULLET = re.compile(r"^(?:[®©°¢●○◦]|[еe](?=\s+[А-ЯЁA-Z«\"]))(?=\s)")
_DOUBLE_DASH = re.compile(r"(?<=\d)\s*[-–—]{2,}\s*(?=[\dЗ])")


def fix_ocr_text(text: str) -> str:
    """Undo Tesseract's usual confusions in Russian text.

    With English loaded next to Russian, a lone "с" or "В" may come out Latin, and a word
    may mix both alphabets ("Coюз"); in a Cyrillic text such letters are turned Cyrillic.
    A round bullet opening a line often comes out as "®", "©", "°" or a lone "е" before a
    capital: it is "•" again.
    "З" (Ze) next to digits is the digit 3 ("2-Зквартал"), a digit glued to a word gets
    its space back ("3квартал" → "3 квартал"), and a doubled dash between digits is one.
    """
    cyrillic = sum(1 for ch in text if "а" <= ch.lower() <= "я" or ch in "ёЁ")
    latin = sum(1 for ch in text if "a" <= ch.lower() <= "z")
    if cyrillic > 2 * latin:
        text = _LONE_LATIN.sub(_cyrillic_letter, text)
        text = _MIXED_WORD.sub(_cyrillic_word, text)
    text = _ROUND_BULLET.sub("•", text)
    text = _DOUBLE_DASH.sub("-", text)
    text = _ZE_AS_THREE.sub("3", text)
    return _DIGIT_WORD.sub(" ", text)


def _cyrillic_letter(match: re.Match[str]) -> str:
    """A lone Latin letter is a Cyrillic one-letter word: "с", "в", "к", "о", "у"...

    Mid-sentence (after a lower-case word or a comma) it is a lower-case preposition,
    whatever case Tesseract guessed from the glyph alone.
    """
    letter = match.group().translate(_LATIN_TO_CYRILLIC)
    before = match.string[: match.start()].rstrip()
    return letter.lower() if before and (before[-1].islower() or before[-1] == ",") else letter


def _cyrillic_word(match: re.Match[str]) -> str:
    """A word mixing alphabets is Cyrillic when its Latin letters all have Cyrillic twins."""
    word = match.group()
    if not any("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in word):
        return word  # a Latin word ("IT", "Grant") stays
    converted = word.translate(_LATIN_TO_CYRILLIC)
    return converted if not any("a" <= ch.lower() <= "z" for ch in converted) else word


# --------------------------------------------------------------------------- lines


@dataclass
class _Line:
    """One visual line of words outside tables."""

    words: list[OcrWord]
    text: str
    page: int
    has_tab: bool

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def bold(self) -> bool:
        return _mostly_bold(self.words)


def _mostly_bold(words: Sequence[OcrWord]) -> bool:
    total = sum(len(w.text) for w in words)
    return total > 0 and sum(len(w.text) for w in words if w.bold) * 2 > total


def group_lines(words: Sequence[OcrWord]) -> list[list[OcrWord]]:
    """Cluster words into lines by vertical overlap, top to bottom, each left to right."""
    lines: list[list[OcrWord]] = []
    band = (0.0, 0.0)
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines:
            overlap = min(word.bottom, band[1]) - max(word.top, band[0])
            height = min(word.bottom - word.top, band[1] - band[0])
            if height > 0 and overlap > 0.5 * height:
                lines[-1].append(word)
                band = (min(band[0], word.top), max(band[1], word.bottom))
                continue
        lines.append([word])
        band = (word.top, word.bottom)
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def make_line(words: list[OcrWord], page: int) -> _Line:
    """A line's text: words joined by spaces, or by "\\t" across a gap far wider than a space."""
    height = statistics.median(w.bottom - w.top for w in words) if words else 1
    gaps = [b.x0 - a.x1 for a, b in pairwise(words)]
    parts = [words[0].text]
    has_tab = False
    for gap, word in zip(gaps, words[1:], strict=True):
        tab = _is_tab(gap, gaps, height)
        has_tab = has_tab or tab
        parts += ["\t" if tab else " ", word.text]
    return _Line(words=words, text=fix_ocr_text("".join(parts)), page=page, has_tab=has_tab)


def _is_tab(gap: float, gaps: Sequence[float], height: float) -> bool:
    """A tab or column gap: several ems wide and far wider than the line's other gaps.

    Justified lines stretch every space alike, so gaps that are all alike are never tabs.
    """
    em = max(height, 1) * 1.3
    if gap < 2.5 * em:
        return False
    others = sorted(gaps)
    if len(others) >= 3 and others[-1] <= 1.3 * max(others[0], 1):
        return False
    if gap >= 6 * em:
        return True
    return len(others) >= 3 and gap > 3 * max(others[len(others) // 2], 0.2 * em)


# --------------------------------------------------------------------------- assembly


@dataclass
class _Geometry:
    """Document-wide measures, per page size: text column edges, em and line pitch (px)."""

    left: dict[tuple[int, int], float]
    right: dict[tuple[int, int], float]
    em: float
    pitch: float

    @staticmethod
    def key(page: _OcrPage) -> tuple[int, int]:
        return round(page.width), round(page.height)


def _measure(pages: Sequence[_OcrPage], lines: dict[int, list[_Line]]) -> _Geometry:
    heights: list[float] = []
    pitches: list[float] = []
    starts: dict[tuple[int, int], list[float]] = {}
    ends: dict[tuple[int, int], list[float]] = {}
    for page in pages:
        key = _Geometry.key(page)
        page_lines = [line for line in lines[page.number] if sum(ch.isalpha() for ch in line.text) >= 3]
        starts.setdefault(key, []).extend([line.x0 for line in page_lines] + [g.bbox[0] for g in page.grids])
        ends.setdefault(key, []).extend([line.x1 for line in page_lines] + [g.bbox[2] for g in page.grids])
        heights += [line.height for line in page_lines]
        pitches += [b.top - a.top for a, b in pairwise(page_lines)]
    em = statistics.median(heights) if heights else 12.0
    usual = [p for p in pitches if 0.8 * em < p < 2.5 * em]
    return _Geometry(
        left={key: _edge(values, em, min) for key, values in starts.items() if values},
        right={key: _edge(values, em, max) for key, values in ends.items() if values},
        em=em,
        pitch=statistics.median(usual) if usual else 1.25 * em,
    )


def _edge(values: list[float], em: float, pick: Callable[[list[float]], float]) -> float:
    """The text column's edge: the outermost position shared by two lines (a stray mark is not one)."""
    ordered = sorted(values)
    near = 0.5 * em
    shared = [
        value
        for value in ordered
        if bisect_right(ordered, value + near) - bisect_left(ordered, value - near) >= 2
    ]
    return float(pick(shared or ordered))


@dataclass
class _Draft:
    lines: list[_Line]
    centered: bool
    page: _OcrPage


def assemble(pages: Sequence[_OcrPage]) -> list[Block]:
    """Paragraphs and tables of all pages in reading order; tables continue across pages."""
    lines = {page.number: _page_lines(page) for page in pages}
    _drop_running_lines(pages, lines)
    geometry = _measure(pages, lines)
    blocks: list[Block] = []
    drafts: list[tuple[_Draft, Paragraph]] = []
    draft: _Draft | None = None
    previous: _Line | None = None
    open_table: _OpenTable | None = None

    def flush() -> None:
        nonlocal draft
        if draft is not None:
            paragraph = _paragraph(draft)
            blocks.append(paragraph)
            drafts.append((draft, paragraph))
            draft = None

    for page in pages:
        items: list[tuple[float, _Line | Grid]] = [(line.top, line) for line in lines[page.number]]
        items += [(grid.rows[0], grid) for grid in page.grids]
        items.sort(key=lambda item: item[0])
        for position, (_, item) in enumerate(items):
            if isinstance(item, Grid):
                flush()
                previous = None
                rows = _table_rows(item, page.number)
                if position == 0 and open_table and open_table.fits(item, page.number):
                    open_table.extend(rows, item)
                else:
                    open_table = _OpenTable.start(rows, item, page.number)
                    blocks.append(open_table.table)
                continue
            centered = _is_centered(item, page, geometry)
            new, blank = _starts_paragraph(draft, previous, item, centered, page, geometry)
            if new:
                flush()
                if blank and blocks and not _is_blank(blocks[-1]):
                    blocks.append(Paragraph(text="", where=Where(page=page.number)))
                draft = _Draft(lines=[item], centered=centered, page=page)
            elif draft is not None:
                draft.lines.append(item)
                draft.centered = draft.centered and centered
            previous = item
        if items and not isinstance(items[-1][1], Grid):
            open_table = None
    flush()
    _set_levels(drafts, geometry)
    return _trim(blocks)


def _page_lines(page: _OcrPage) -> list[_Line]:
    """Lines of the words outside tables."""
    return [make_line(words, page.number) for words in group_lines(page.free)]


def _drop_running_lines(pages: Sequence[_OcrPage], lines: dict[int, list[_Line]]) -> None:
    """Remove page numbers, and lines repeated at the same place on most pages."""

    def edge(page: _OcrPage) -> list[_Line]:
        band = page.height * _BAND
        return [line for line in lines[page.number] if line.bottom < band or line.top > page.height - band]

    def key(line: _Line) -> tuple[str, int]:
        return re.sub(r"\d+", "#", " ".join(line.text.split())).lower(), round(line.top / 10)

    seen = Counter(k for page in pages for k in {key(line) for line in edge(page)})
    need = max(2, (len(pages) + 1) // 2)
    for page in pages:
        drop = {
            id(line)
            for line in edge(page)
            if _PAGE_NUMBER.match(line.text.strip()) or seen[key(line)] >= need
        }
        lines[page.number] = [line for line in lines[page.number] if id(line) not in drop]


def _is_centered(line: _Line, page: _OcrPage, geometry: _Geometry) -> bool:
    """Centred: clear of the left edge, with margins alike on both sides (a justified line has none)."""
    key = _Geometry.key(page)
    left, right = geometry.left.get(key, line.x0), geometry.right.get(key, line.x1)
    em = geometry.em
    margin_left, margin_right = line.x0 - left, right - line.x1
    return margin_left > 0.5 * em and abs(margin_left - margin_right) <= em and not line.has_tab


def _starts_paragraph(
    draft: _Draft | None,
    previous: _Line | None,
    line: _Line,
    centered: bool,
    page: _OcrPage,
    geometry: _Geometry,
) -> tuple[bool, bool]:
    """Whether ``line`` starts a paragraph, and whether a blank line precedes it."""
    if draft is None or previous is None:
        return True, False
    em = geometry.em
    key = _Geometry.key(page)
    left, right = geometry.left.get(key, line.x0), geometry.right.get(key, line.x1)
    if previous.page == line.page:
        pitch = line.top - previous.top
        if pitch > 2.1 * geometry.pitch:
            return True, True
        if pitch > 1.45 * geometry.pitch:
            return True, False
    if previous.has_tab or line.has_tab:
        return True, False
    first_word = line.words[0].x1 - line.words[0].x0
    space = 0.3 * em
    if draft.centered:
        forced = (previous.x1 - previous.x0) + space + first_word < (right - left) - em
    else:
        forced = previous.x1 + space + first_word < right - 0.5 * em
    if forced:
        return True, False
    marker, _ = split_marker(line.text)
    if marker is not None and _CLAUSE_END.search(previous.text):
        return True, False
    if draft.centered and centered:
        return False, False  # centred lines run on while the previous one was full
    # A line that starts where the paragraph's lines do continues it, even when it happens to
    # look centred (a short last line under a hanging indent).
    aligned = any(abs(line.x0 - x) <= 0.8 * em for x in _continuations(draft, left))
    return not aligned, False


def _continuations(draft: _Draft, left: float) -> list[float]:
    """Where the paragraph's next line may start: where its second line did, once there is one.

    Before that: the left edge (after a first-line indent), the first line's own start (a
    paragraph indented as a whole) or, after a list marker, where the text follows it (a
    hanging indent).
    """
    if len(draft.lines) > 1:
        return [draft.lines[1].x0]
    first = draft.lines[0]
    starts = [left, first.x0]
    if len(first.words) > 1 and split_marker(first.text)[0] is not None:
        starts.append(first.words[1].x0)
    return starts


def _paragraph(draft: _Draft) -> Paragraph:
    first = draft.lines[0]
    marker, rest = split_marker(first.text)
    texts = [rest if marker else first.text] + [line.text for line in draft.lines[1:]]
    text = join_lines(texts)
    words = [w for line in draft.lines for w in line.words]
    letters = [ch for ch in text if ch.isalpha()]
    same_page = [line for line in draft.lines if line.page == first.page]
    paragraph = Paragraph(
        text=text,
        bold=_mostly_bold(words),
        centered=draft.centered,
        caps=len(letters) >= 2 and all(ch.isupper() for ch in letters),
        where=Where(
            page=first.page,
            bbox=_points(
                (
                    min(line.x0 for line in same_page),
                    min(line.top for line in same_page),
                    max(line.x1 for line in same_page),
                    max(line.bottom for line in same_page),
                )
            ),
        ),
    )
    if marker:
        paragraph.marker, paragraph.marker_source = marker, "typed"
    return paragraph


def _set_levels(drafts: Sequence[tuple[_Draft, Paragraph]], geometry: _Geometry) -> None:
    """Level = rank of the marker's indent among markers of its kind, or its numbering depth."""
    positions: dict[str, list[float]] = {}
    marked = [(draft, paragraph) for draft, paragraph in drafts if paragraph.marker]
    for draft, paragraph in marked:
        positions.setdefault(marker_kind(paragraph.marker or ""), []).append(draft.lines[0].x0)
    indents = {kind: cluster(values, geometry.em) for kind, values in positions.items()}
    for draft, paragraph in marked:
        levels = indents[marker_kind(paragraph.marker or "")]
        rank = min(range(len(levels)), key=lambda i: abs(levels[i] - draft.lines[0].x0))
        paragraph.level = max(rank, marker_depth(paragraph.marker))


def _points(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A box rounded as the layout keeps it (to 0.1 pt)."""
    x0, top, x1, bottom = (round(v, 1) for v in box)
    return (x0, top, x1, bottom)


def _is_blank(block: Block) -> bool:
    return isinstance(block, Paragraph) and not block.text and not block.marker


def _trim(blocks: list[Block]) -> list[Block]:
    while blocks and _is_blank(blocks[0]):
        blocks.pop(0)
    while blocks and _is_blank(blocks[-1]):
        blocks.pop()
    return blocks


def _has_text(block: Block) -> bool:
    if isinstance(block, Paragraph):
        return bool(block.text or block.marker)
    return any(cell.text for row in block.rows for cell in row.cells)


# --------------------------------------------------------------------------- tables


def cell_text(words: Sequence[OcrWord]) -> str:
    """A cell's lines joined with spaces (hyphenated words re-joined)."""
    return fix_ocr_text(join_lines(" ".join(w.text for w in line) for line in group_lines(words)))


def _table_rows(grid: Grid, page: int) -> list[Row]:
    """Layout rows of one grid: each band's cells, covered slots as ``merged`` copies."""
    texts = {id(cell): cell_text(cell.words) for cell in grid.cells}
    bolds = {id(cell): _mostly_bold(cell.words) for cell in grid.cells}
    rows: list[Row] = []
    for band in range(len(grid.rows) - 1):
        cells = sorted(
            (cell for cell in grid.cells if cell.row <= band < cell.row + cell.rows), key=lambda c: c.column
        )
        row_cells = [
            Cell(text=texts[id(cell)], span=cell.columns, bold=bolds[id(cell)], merged=cell.row != band)
            for cell in cells
        ]
        box = (grid.columns[0], grid.rows[band], grid.columns[-1], grid.rows[band + 1])
        rows.append(Row(cells=row_cells, where=Where(page=page, bbox=_points(box))))
    return [row for row in rows if any(cell.text for cell in row.cells) or len(rows) == 1]


@dataclass
class _OpenTable:
    """The last table read, which a piece at the top of the next page may continue."""

    table: Table
    columns: list[float]
    page: int

    @classmethod
    def start(cls, rows: list[Row], grid: Grid, page: int) -> _OpenTable:
        if len(rows) > 1:
            rows[0].header = True
            if _numbers_columns(rows[1]):
                rows[1].header = True
        box = _points(grid.bbox)
        return cls(Table(rows=rows, where=Where(page=page, bbox=box)), grid.columns, page)

    def fits(self, grid: Grid, page: int) -> bool:
        """Same columns on the next page: the table goes on."""
        if page != self.page + 1 or len(grid.columns) != len(self.columns):
            return False
        return all(abs(a - b) <= 2 * _SNAP for a, b in zip(grid.columns, self.columns, strict=True))

    def extend(self, rows: list[Row], grid: Grid) -> None:
        """Append a piece: drop a repeated header, merge a row the page break split."""
        header = [row for row in self.table.rows if row.header]
        if (
            header
            and len(rows) >= len(header)
            and all(_similar(a.texts, b.texts) for a, b in zip(header, rows, strict=False))
        ):
            rows = rows[len(header) :]
        last = self.table.rows[-1] if self.table.rows else None
        if rows and last is not None and not last.header and is_split_fragment(rows[0]):
            self.table.rows[-1] = merge_rows(last, rows[0])
            rows = rows[1:]
        self.table.rows.extend(rows)
        self.page += 1


def _similar(a: Sequence[str], b: Sequence[str]) -> bool:
    left, right = " ".join(" ".join(a).split()).lower(), " ".join(" ".join(b).split()).lower()
    return difflib.SequenceMatcher(None, left, right, autojunk=False).ratio() >= 0.85


def _numbers_columns(row: Row) -> bool:
    """A row "1 | 2 | 3 | …" under the header only numbers the columns."""
    texts = [cell.text.strip().rstrip(".") for cell in row.cells if cell.text.strip()]
    return (
        len(texts) >= 2
        and all(t.isdigit() for t in texts)
        and [int(t) for t in texts] == list(range(int(texts[0]), int(texts[0]) + len(texts)))
    )
