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
