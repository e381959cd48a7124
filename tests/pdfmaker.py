"""Build small PDFs for the PDF reader's tests (reportlab; pypdf for encryption).

Coordinates are measured from the page's top-left corner, like pdfplumber's ``top``, so a
test reads the same numbers it wrote. Cyrillic needs a TrueType font: DejaVu Sans when the
system has it (:func:`cyrillic_font` returns None otherwise and such tests skip); Latin
tests use the built-in Helvetica and need no font file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

_DEJAVU_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts/dejavu"),
)


def cyrillic_font() -> tuple[str, str] | None:
    """Register DejaVu Sans (regular, bold) and return their names, or None if absent."""
    for folder in _DEJAVU_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
                pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
            return "DejaVuSans", "DejaVuSans-Bold"
    return None


def cyrillic_serif_font() -> tuple[str, str] | None:
    """Register DejaVu Serif (regular, bold), a Times-like face, or return None if absent."""
    for folder in _DEJAVU_DIRS:
        regular, bold = folder / "DejaVuSerif.ttf", folder / "DejaVuSerif-Bold.ttf"
        if regular.exists() and bold.exists():
            if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("DejaVuSerif", str(regular)))
                pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", str(bold)))
            return "DejaVuSerif", "DejaVuSerif-Bold"
    return None


@dataclass
class CellSpec:
    """A ruled cell: rows ``row`` to ``row + rowspan - 1``, grid columns ``col`` to ``col + span - 1``."""

    row: int
    col: int
    lines: Sequence[str] = ()
    span: int = 1
    rowspan: int = 1
    bold: bool = False


class PdfMaker:
    """A thin canvas wrapper: text at (x, top), ruled cells, page breaks."""

    def __init__(self, pagesize: tuple[float, float] = A4, fonts: tuple[str, str] | None = None) -> None:
        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, pagesize=pagesize)
        self.width, self.height = pagesize
        self.regular, self.bold = fonts or ("Helvetica", "Helvetica-Bold")

    def text(self, x: float, top: float, text: str, size: float = 12, bold: bool = False) -> None:
        """Draw ``text`` with its glyph box starting at ``top`` (baseline ~0.8 em lower)."""
        self.canvas.setFont(self.bold if bold else self.regular, size)
        self.canvas.drawString(x, self.height - top - 0.8 * size, text)

    def centered(
        self, top: float, text: str, left: float, right: float, size: float = 12, bold: bool = False
    ) -> None:
        self.canvas.setFont(self.bold if bold else self.regular, size)
        self.canvas.drawCentredString((left + right) / 2, self.height - top - 0.8 * size, text)

    def width_of(self, text: str, size: float = 12, bold: bool = False) -> float:
        return pdfmetrics.stringWidth(text, self.bold if bold else self.regular, size)

    def rect(self, x0: float, top: float, x1: float, bottom: float) -> None:
        self.canvas.rect(x0, self.height - bottom, x1 - x0, bottom - top, stroke=1, fill=0)

    def table(
        self,
        columns: Sequence[float],
        rows: Sequence[float],
        cells: Sequence[CellSpec],
        size: float = 10,
        pitch: float = 12,
    ) -> None:
        """Draw ruled cells on the grid ``columns`` × ``rows`` (edge coordinates)."""
        for cell in cells:
            x0, x1 = columns[cell.col], columns[cell.col + cell.span]
            top, bottom = rows[cell.row], rows[cell.row + cell.rowspan]
            self.rect(x0, top, x1, bottom)
            for index, line in enumerate(cell.lines):
                self.text(x0 + 3, top + 3 + index * pitch, line, size=size, bold=cell.bold)

    def page(self) -> None:
        self.canvas.showPage()

    def pdf(self) -> bytes:
        self.canvas.save()
        return self.buffer.getvalue()


def encrypt(data: bytes, user_password: str, owner_password: str = "owner") -> bytes:
    """The same PDF, encrypted (RC4, no extra crypto package needed)."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def strip_to_unicode(data: bytes, fonts: Sequence[str] | None = None) -> bytes:
    """Remove ToUnicode maps so text in those fonts comes out as ``(cid:NN)``.

    ``fonts`` names the fonts to spoil ("DejaVuSans"); fonts are shared by all pages, so
    spoiling one page means drawing its text in a font of its own.
    """
    import pypdf
    from pypdf.generic import NameObject

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        resources = page["/Resources"].get_object().get("/Font")
        for font in resources.get_object().values() if resources else []:
            font = font.get_object()
            name = str(font.get("/BaseFont", "")).split("+")[-1]
            if "/ToUnicode" in font and (fonts is None or name in fonts):
                del font[NameObject("/ToUnicode")]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def justify(maker: PdfMaker, x0: float, x1: float, top: float, text: str, size: float = 12) -> None:
    """Draw ``text`` spread from ``x0`` to ``x1`` like a justified line (word by word)."""
    words = text.split()
    widths = [maker.width_of(word, size) for word in words]
    gap = (x1 - x0 - sum(widths)) / max(1, len(words) - 1)
    x = x0
    for word, width in zip(words, widths, strict=True):
        maker.text(x, top, word, size=size)
        x += width + gap


CM = 72 / 2.54


class Sheet:
    """Typeset an act as Word exports it: 14 pt, 1.25 cm first-line indent, justified.

    Margins 3 cm left and 1.5 cm right, line pitch 1.15; each call adds one paragraph (or
    one row) below the last, breaking lines where the next word does not fit.
    """

    def __init__(self, fonts: tuple[str, str], size: float = 14, indent: float = 1.25 * CM) -> None:
        self.maker = PdfMaker(fonts=fonts)
        self.size, self.indent = size, indent
        self.pitch = 1.15 * size
        self.left, self.right = 3 * CM, self.maker.width - 1.5 * CM
        self.top = 2 * CM

    def _lines(self, text: str, first: float, width: float, bold: bool = False) -> list[str]:
        lines: list[str] = []
        for word in text.split():
            room = width - (first if len(lines) == 1 else 0)
            if lines and self.maker.width_of(f"{lines[-1]} {word}", self.size, bold) <= room:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines

    def _next(self) -> float:
        top = self.top
        self.top += self.pitch
        return top

    def body(
        self, text: str, left: float | None = None, indent: float | None = None, full: bool = False
    ) -> None:
        """A justified paragraph; ``full`` stretches its last line to the margin too."""
        left = self.left if left is None else left
        indent = self.indent if indent is None else indent
        lines = self._lines(text, indent, self.right - left)
        for index, line in enumerate(lines):
            x = left + (indent if index == 0 else 0)
            if index < len(lines) - 1 or full:
                justify(self.maker, x, self.right, self._next(), line, size=self.size)
            else:
                self.maker.text(x, self._next(), line, size=self.size)

    def ragged(self, text: str, left: float) -> None:
        """A left-aligned paragraph indented as a whole (an approval stamp at the right)."""
        for line in self._lines(text, 0, self.right - left):
            self.maker.text(left, self._next(), line, size=self.size)

    def centred(self, text: str, bold: bool = True) -> None:
        for line in self._lines(text, 0, self.right - self.left, bold):
            self.maker.centered(self._next(), line, self.left, self.right, size=self.size, bold=bold)

    def row(self, left: str, right: str) -> None:
        """One line: ``left`` at the margin, ``right`` flush right (a tab stop)."""
        top = self._next()
        self.maker.text(self.left, top, left, size=self.size)
        self.maker.text(self.right - self.maker.width_of(right, self.size), top, right, size=self.size)

    def space(self, lines: float = 1) -> None:
        self.top += lines * self.pitch

    def pdf(self) -> bytes:
        return self.maker.pdf()
