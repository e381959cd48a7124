"""What one PDF page's text layer holds: words with font hints, ruling edges, images.

pdfium (pypdfium2, the engine pdfplumber already renders with) parses a page about ten
times faster than pdfminer, so the PDF reader takes its raw material from here:

- **words**: characters in content-stream order, split at spaces (real or ones pdfium
  inferred from gaps), at a change of font or size, and where the next character does
  not follow on (the rule pdfplumber's ``extract_words`` uses, with the same 3 pt
  tolerances). Boxes are in points from the page's top-left corner: ``x0``, ``x1`` from
  the glyph's advance, ``top`` from the font's ascent, ``bottom = top + size``. A hyphen
  pdfium marked as a line-end break comes back as "-"; a glyph without a Unicode mapping
  becomes ``(cid:NN)``, like pdfminer writes it, so the reader's readability rules apply.
- **edges**: straight horizontal and vertical segments of painted paths (lines, rectangle
  sides, polyline pieces), including those inside form XObjects, as pdfplumber-style edge
  dicts, which :func:`.grid.ruled_tables` turns into cells (the grid builder scans use too).
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from resparse.errors import CorruptFileError, EncryptedFileError, InputError
from resparse.extract.pdf.settings import SETTINGS

__all__ = ["PageContent", "open_pdf", "read_page"]

Word = dict[str, Any]
Edge = dict[str, Any]
BBox = tuple[float, float, float, float]

_FONT_NAME_BUFFER = 256
_HYPHEN_MARK = 0x02
"""pdfium's code for a hyphen it saw at a line end."""


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
            content.words, content.rotated_text = _Chars(textpage.raw, origin).read()
        finally:
            textpage.close()
        for kind, obj, matrix in _objects(page.raw):
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                content.edges.extend(_path_edges(obj, matrix, origin))
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                content.images += 1
        return content
    finally:
        page.close()


# --- words ----------------------------------------------------------------------------------

_Char = tuple[str, float, float, float, float]
"""text, x0, x1, top, bottom"""


_text_object_address = ctypes.cast(
    pdfium_c.FPDFText_GetTextObject, ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
)
"""The same pdfium call returning a plain address: a cheap dictionary key per text object."""


@dataclass(frozen=True)
class _Style:
    font: str
    size: float
    upright: bool


_WORD = re.compile(r"[^\s\x01\x03-\x1f]+")
"""A run of characters between spaces (real ones and those pdfium inferred) and line ends;
``\x00`` (a glyph without a code) and ``\x02`` (pdfium's line-end hyphen mark) stay in it."""
_SURROGATE = re.compile("[\ud800-\udfff]")
_PLAIN = re.compile(r"[^\x00\x02]+")


class _Chars:
    """A text page's characters → words, asking pdfium per word where it can.

    A run of characters between spaces is one word when its first and last characters
    share a style (font, size, upright) and a line and the run is no wider than its
    characters can be: then the first character's box gives ``x0`` and ``top``, the last
    one's ``x1``. Otherwise (a change of font inside, a jump, an undecodable glyph) the run
    is read character by character with pdfplumber's word rule (:func:`_begins_word`).
    """

    def __init__(self, textpage: Any, origin: tuple[float, float]) -> None:
        self.textpage = textpage
        self.left, self.top_edge = origin
        self.box = pdfium_c.FS_RECTF()
        self.styles: dict[int, _Style] = {}
        self.fonts: dict[int, str] = {}
        self.words: list[Word] = []
        self.rotated = False

    def read(self) -> tuple[list[Word], bool]:
        text = _page_text(self.textpage)
        for match in _WORD.finditer(text):
            start, end = match.span()
            if not (_PLAIN.fullmatch(match.group()) and self._whole(start, end, match.group())):
                self._by_char(start, end, match.group())
        return self.words, self.rotated

    def style(self, index: int) -> _Style:
        address = _text_object_address(self.textpage, index) or 0
        current = self.styles.get(address)
        if current is None:
            current = self.styles[address] = _style(self.textpage, index, self.fonts)
        return current

    def char_box(self, index: int) -> tuple[float, float, float]:
        """x0, x1 and top of character ``index``, in points from the page's top-left corner."""
        pdfium_c.FPDFText_GetLooseCharBox(self.textpage, index, self.box)
        return self.box.left - self.left, self.box.right - self.left, self.top_edge - self.box.top

    def _whole(self, start: int, end: int, text: str) -> bool:
        """Add the run as one word when it plainly is one; False when it needs a closer look."""
        if pdfium_c.FPDFText_HasUnicodeMapError(self.textpage, start):
            return False
        style = self.style(start)
        last = end - 1
        if last > start and (
            self.style(last) != style or pdfium_c.FPDFText_HasUnicodeMapError(self.textpage, last)
        ):
            return False
        if not style.upright:
            self.rotated = True
            return True
        x0, x1, top = self.char_box(start)
        if last > start:
            last_x0, x1, last_top = self.char_box(last)
            tolerance = SETTINGS.char_y_tolerance
            if (
                last_x0 < x0
                or abs(last_top - top) > tolerance
                or x1 - x0 > SETTINGS.word_run_em * style.size * len(text)
            ):
                return False
        self._add(text, x0, x1, top, top + style.size, style)
        return True

    def _add(self, text: str, x0: float, x1: float, top: float, bottom: float, style: _Style) -> None:
        self.words.append(
            {
                "text": text,
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": bottom,
                "fontname": style.font,
                "size": style.size,
                "upright": True,
            }
        )

    def _by_char(self, start: int, end: int, text: str) -> None:
        chars: list[_Char] = []
        style: _Style | None = None
        for index in range(start, end):
            code = ord(text[index - start])
            if pdfium_c.FPDFText_HasUnicodeMapError(self.textpage, index) or code == 0:
                glyph = f"(cid:{code})"
            else:
                glyph = "-" if code == _HYPHEN_MARK else chr(code)
            current = self.style(index)
            if not current.upright:
                self.rotated = True
                self._flush(chars, style)
                continue
            x0, x1, top = self.char_box(index)
            char = (glyph, x0, x1, top, top + current.size)
            if chars and (current != style or _begins_word(chars[-1], char)):
                self._flush(chars, style)
            style = current
            chars.append(char)
        self._flush(chars, style)

    def _flush(self, chars: list[_Char], style: _Style | None) -> None:
        if chars and style is not None:
            text = "".join(c[0] for c in chars)
            x1, top, bottom = max(c[2] for c in chars), min(c[3] for c in chars), max(c[4] for c in chars)
            self._add(text, chars[0][1], x1, top, bottom, style)
        chars.clear()


def _page_text(textpage: Any) -> str:
    """The page's text, one character per pdfium character index, fetched in one call where that lines up."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return ""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    text = ctypes.string_at(buffer, 2 * count).decode("utf-16-le", "surrogatepass")
    # pdfium writes U+FFFE for its line-end hyphen mark and surrogate pairs for astral
    # characters; then one code is no longer one character, so ask one by one.
    if written != count + 1 or len(text) != count or "\ufffe" in text or _SURROGATE.search(text):
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, index)) for index in range(count))
    return text


def _begins_word(previous: _Char, char: _Char) -> bool:
    """pdfplumber's test: the character goes back, jumps ahead, or sits on another line."""
    _, x0, _, top, _ = char
    _, previous_x0, previous_x1, previous_top, _ = previous
    return (
        x0 < previous_x0
        or x0 > previous_x1 + SETTINGS.char_x_tolerance
        or abs(top - previous_top) > SETTINGS.char_y_tolerance
    )


def _style(textpage: Any, index: int, fonts: dict[int, str]) -> _Style:
    """Font name, size and uprightness of the text object that holds character ``index``."""
    angle = pdfium_c.FPDFText_GetCharAngle(textpage, index)  # radians; -1 when unknown
    size = round(float(pdfium_c.FPDFText_GetFontSize(textpage, index)), 2)
    text_object = pdfium_c.FPDFText_GetTextObject(textpage, index)
    font = pdfium_c.FPDFTextObj_GetFont(text_object) if text_object else None
    return _Style(font=_font_name(font, fonts) if font else "", size=size, upright=not 0.01 < angle < 6.27)


def _font_name(font: Any, cache: dict[int, str]) -> str:
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    name = cache.get(key)
    if name is None:
        buffer = ctypes.create_string_buffer(_FONT_NAME_BUFFER)
        length = pdfium_c.FPDFFont_GetBaseFontName(font, buffer, _FONT_NAME_BUFFER)
        name = buffer.raw[: max(0, min(length, _FONT_NAME_BUFFER) - 1)].decode("utf-8", "replace")
        if pdfium_c.FPDFFont_GetWeight(font) >= 600 and "bold" not in name.lower():
            name += "-Bold"  # the weight is known even where the name does not say it
        cache[key] = name
    return name


# --- objects and edges ----------------------------------------------------------------------

_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_MAX_FORM_DEPTH = 8


def _objects(page: Any) -> Iterator[tuple[int, Any, _Matrix]]:
    """Every page object with the matrix that maps its coordinates to the page."""
    count = pdfium_c.FPDFPage_CountObjects(page)
    yield from _walk([pdfium_c.FPDFPage_GetObject(page, i) for i in range(count)], _IDENTITY, 0)


def _walk(objects: list[Any], parent: _Matrix, depth: int) -> Iterator[tuple[int, Any, _Matrix]]:
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
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
    edges: list[Edge] = []
    start: tuple[float, float] | None = None
    current: tuple[float, float] | None = None
    for index in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = (a * x.value + c * y.value + e - left, top_edge - (b * x.value + d * y.value + f))
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and current is not None:
            _add_edge(edges, current, point)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        current = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
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
