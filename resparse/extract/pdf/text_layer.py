"""What one PDF page's text layer holds: words with font hints, ruling edges, images.

pdfium (through pypdfium2) parses a page about ten times faster than pdfminer (what
pdfplumber reads with), so the PDF reader takes its raw material from here:

- **words** (:mod:`.chars`): characters in content-stream order, split at spaces (real or
  ones pdfium inferred from gaps), at a change of font or size, and where the next
  character does not follow on (pdfplumber's ``extract_words`` rule, with the same 3 pt
  tolerances), each with its box in points from the page's top-left corner and font hints.
- **edges**: straight horizontal and vertical segments of painted paths (lines, rectangle
  sides, polyline pieces), including those inside form XObjects, as pdfplumber-style edge
  dicts, which :func:`.grid.ruled_tables` turns into cells (the grid builder scans use too).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from resparse.errors import CorruptFileError, EncryptedFileError, InputError
from resparse.extract.pdf.calls import bare
from resparse.extract.pdf.chars import read_words
from resparse.extract.pdf.settings import SETTINGS

__all__ = ["PageContent", "open_pdf", "read_page"]

Word = dict[str, Any]
Edge = dict[str, Any]
BBox = tuple[float, float, float, float]


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    images: int = 0
    rotated_text: bool = False
    """Some characters are not upright (vertical or rotated text); they are left out."""
    plain: bool = False
    """The words are readable as they are: no undecodable codes, junk or mojibake to weigh."""


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """Open a PDF from bytes, or raise an :class:`InputError` that says what is wrong."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise _open_error(error) from error


def _open_error(error: pdfium.PdfiumError) -> InputError:
    code = getattr(error, "err_code", None)
    if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
        return EncryptedFileError("PDF is password-protected")
    if code == pdfium_c.FPDF_ERR_FORMAT:
        return CorruptFileError("damaged PDF (its structure cannot be read: truncated?)")
    return CorruptFileError(f"damaged PDF ({error})")


def read_page(document: pdfium.PdfDocument, index: int) -> PageContent:
    """Words, ruling edges and image count of page ``index`` (0-based)."""
    page = document[index]
    try:
        left, bottom, right, top = page.get_cropbox()
        content = PageContent(number=index + 1, width=right - left, height=top - bottom)
        origin = (left, top)
        textpage = page.get_textpage()
        try:
            found = read_words(textpage.raw, origin)
            content.words, content.rotated_text, content.plain = found.words, found.rotated, found.plain
        finally:
            textpage.close()
        for kind, obj, matrix in _objects(page.raw):
            if matrix is not None:  # a path
                content.edges.extend(_path_edges(obj, matrix, origin))
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                content.images += 1
        return content
    finally:
        page.close()


# --- objects and edges ----------------------------------------------------------------------

_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_MAX_FORM_DEPTH = 8


_page_object = bare(pdfium_c.FPDFPage_GetObject, pdfium_c.FPDF_PAGEOBJECT)
_object_type = bare(pdfium_c.FPDFPageObj_GetType, ctypes.c_int)
_count_segments = bare(pdfium_c.FPDFPath_CountSegments, ctypes.c_int)
_segment = bare(pdfium_c.FPDFPath_GetPathSegment, ctypes.c_void_p)
"""Its result as a plain address (None for none), wrapped again to be passed on."""
_segment_point = bare(pdfium_c.FPDFPathSegment_GetPoint, ctypes.c_int)
_segment_type = bare(pdfium_c.FPDFPathSegment_GetType, ctypes.c_int)
_segment_closes = bare(pdfium_c.FPDFPathSegment_GetClose, ctypes.c_int)


def _objects(page: Any) -> Iterator[tuple[int, Any, _Matrix | None]]:
    """Every page object; a path with the matrix that maps its coordinates to the page."""
    count = pdfium_c.FPDFPage_CountObjects(page)
    yield from _walk(list(map(_page_object, repeat(page, count), range(count))), _IDENTITY, 0)


def _walk(objects: list[Any], parent: _Matrix, depth: int) -> Iterator[tuple[int, Any, _Matrix | None]]:
    for obj, kind in zip(objects, map(_object_type, objects), strict=True):
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH and kind != pdfium_c.FPDF_PAGEOBJ_FORM:
            yield kind, obj, None  # text and images: no one asks where they sit
            continue
        matrix = _multiply(_matrix(obj), parent)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < _MAX_FORM_DEPTH:
                count = pdfium_c.FPDFFormObj_CountObjects(obj)
                children = [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(max(0, count))]
                yield from _walk(children, matrix, depth + 1)
            continue
        yield kind, obj, matrix


def _matrix(obj: Any) -> _Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _multiply(inner: _Matrix, outer: _Matrix) -> _Matrix:
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _path_edges(path: Any, matrix: _Matrix, origin: tuple[float, float]) -> list[Edge]:
    """Axis-parallel straight segments of a path, in top-left page coordinates."""
    left, top_edge = origin
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    x_at, y_at = ctypes.byref(x), ctypes.byref(y)
    edges: list[Edge] = []
    start: tuple[float, float] | None = None
    current: tuple[float, float] | None = None
    for index in range(_count_segments(path)):
        address = _segment(path, index)
        segment = ctypes.c_void_p(address)
        if not address or not _segment_point(segment, x_at, y_at):
            continue
        point = (a * x.value + c * y.value + e - left, top_edge - (b * x.value + d * y.value + f))
        kind = _segment_type(segment)
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and current is not None:
            _add_edge(edges, current, point)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        current = point
        if _segment_closes(segment) and start is not None:
            _add_edge(edges, point, start)
            current = start
    return edges


def _add_edge(edges: list[Edge], p: tuple[float, float], q: tuple[float, float]) -> None:
    x0, x1 = sorted((p[0], q[0]))
    top, bottom = sorted((p[1], q[1]))
    if bottom - top < SETTINGS.axis_slope and x1 - x0 >= SETTINGS.min_edge:
        middle = (top + bottom) / 2
        edges.append(_edge("h", x0, x1, middle, middle))
    elif x1 - x0 < SETTINGS.axis_slope and bottom - top >= SETTINGS.min_edge:
        middle = (x0 + x1) / 2
        edges.append(_edge("v", middle, middle, top, bottom))


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> Edge:
    return {
        "object_type": "line",
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }
