"""The PDF page source (pdfium): words, font hints, ruling edges, forms, rotation."""

from __future__ import annotations

from typing import Any

import pdfmaker as pm
import pytest
from reportlab.lib.pagesizes import A4

from resparse.extract.pdf import read
from resparse.extract.pdf.grid import ruled_tables
from resparse.extract.pdf.text_layer import open_pdf, read_page
from resparse.layout import SourceInfo
from resparse.limits import DEFAULT_LIMITS

HEIGHT = A4[1]


def page_of(data: bytes, index: int = 0) -> Any:
    document = open_pdf(data)
    try:
        return read_page(document, index)
    finally:
        document.close()


def test_words_carry_position_font_and_size() -> None:
    maker = pm.PdfMaker()
    maker.text(72, 100, "Plain words", size=12)
    maker.text(72, 130, "Bold", size=14, bold=True)
    content = page_of(maker.pdf())
    words = {w["text"]: w for w in content.words}
    assert list(words) == ["Plain", "words", "Bold"]
    plain, bold = words["Plain"], words["Bold"]
    assert plain["x0"] == pytest.approx(72, abs=1)
    assert 95 < plain["top"] < 103 and plain["bottom"] - plain["top"] == pytest.approx(12, abs=0.1)
    assert plain["size"] == 12 and bold["size"] == 14
    assert "Bold" not in plain["fontname"] and "Bold" in bold["fontname"]
    assert words["words"]["x0"] > plain["x1"]


def test_a_change_of_font_splits_a_word() -> None:
    maker = pm.PdfMaker()
    maker.canvas.setFont("Helvetica-Bold", 12)
    text = maker.canvas.beginText(72, HEIGHT - 110)
    text.textOut("HEAD")
    text.setFont("Helvetica", 12)
    text.textOut(":")
    maker.canvas.drawText(text)
    assert [w["text"] for w in page_of(maker.pdf()).words] == ["HEAD", ":"]


def test_a_wide_gap_without_a_space_splits_words() -> None:
    maker = pm.PdfMaker()
    maker.text(72, 100, "Left")
    maker.text(300, 100, "Right")
    assert [w["text"] for w in page_of(maker.pdf()).words] == ["Left", "Right"]


def test_rotated_text_is_left_out_and_flagged() -> None:
    maker = pm.PdfMaker()
    maker.text(72, 100, "Upright line")
    maker.canvas.saveState()
    maker.canvas.translate(40, 400)
    maker.canvas.rotate(90)
    maker.canvas.setFont("Helvetica", 12)
    maker.canvas.drawString(0, 0, "Sideways stamp")
    maker.canvas.restoreState()
    data = maker.pdf()
    content = page_of(data)
    assert [w["text"] for w in content.words] == ["Upright", "line"]
    assert content.rotated_text
    layout = read(data, SourceInfo(path="x.pdf", format="pdf", sha256="0"), DEFAULT_LIMITS)
    assert "page 1: vertical or rotated text left out" in layout.warnings


def grid(maker: pm.PdfMaker) -> None:
    maker.table(
        columns=[72, 200, 400],
        rows=[100, 130, 160],
        cells=[
            pm.CellSpec(0, 0, ["Name"]),
            pm.CellSpec(0, 1, ["Value"]),
            pm.CellSpec(1, 0, ["alpha"]),
            pm.CellSpec(1, 1, ["one"]),
        ],
    )


def cell_texts(data: bytes) -> list[list[str]]:
    layout = read(data, SourceInfo(path="x.pdf", format="pdf", sha256="0"), DEFAULT_LIMITS)
    return [[cell.text for cell in row.cells] for table in layout.tables() for row in table.rows]


def test_stroked_rectangles_make_table_cells() -> None:
    maker = pm.PdfMaker()
    grid(maker)
    content = page_of(maker.pdf())
    assert {e["orientation"] for e in content.edges} == {"h", "v"}
    [(rows, box)] = ruled_tables(content.edges)
    assert len(rows) == 2 and all(len(row) == 2 for row in rows)
    assert box == pytest.approx((72, 100, 400, 160), abs=0.5)


def test_a_table_drawn_inside_a_form_xobject_is_found() -> None:
    """Word and LibreOffice sometimes draw rules in a form; its matrix moves them on the page."""
    maker = pm.PdfMaker()
    maker.canvas.beginForm("rules")
    for x in (0, 128, 328):
        maker.canvas.line(x, 0, x, 60)
    for y in (0, 30, 60):
        maker.canvas.line(0, y, 328, y)
    maker.canvas.endForm()
    maker.canvas.saveState()
    maker.canvas.translate(72, HEIGHT - 160)  # the form's origin at the table's bottom-left
    maker.canvas.doForm("rules")
    maker.canvas.restoreState()
    for x, top, text in ((75, 103, "Name"), (203, 103, "Value"), (75, 133, "alpha"), (203, 133, "one")):
        maker.text(x, top, text, size=10)
    assert cell_texts(maker.pdf()) == [["Name", "Value"], ["alpha", "one"]]


def test_filled_hairline_rectangles_are_rules_too() -> None:
    """Word prints borders as thin filled rectangles rather than stroked lines."""
    maker = pm.PdfMaker()
    c = maker.canvas
    for x in (72, 200, 400):
        c.rect(x - 0.25, HEIGHT - 160, 0.5, 60, stroke=0, fill=1)
    for top in (100, 130, 160):
        c.rect(72, HEIGHT - top - 0.25, 328, 0.5, stroke=0, fill=1)
    for x, top, text in ((75, 103, "Name"), (203, 103, "Value"), (75, 133, "alpha"), (203, 133, "one")):
        maker.text(x, top, text, size=10)
    assert cell_texts(maker.pdf()) == [["Name", "Value"], ["alpha", "one"]]


def test_diagonal_and_curved_strokes_are_no_rules() -> None:
    maker = pm.PdfMaker()
    maker.canvas.line(72, 700, 300, 500)
    maker.canvas.circle(300, 300, 50)
    maker.text(72, 100, "Text beside a drawing")
    content = page_of(maker.pdf())
    assert all(e["width"] < 0.5 or e["height"] < 0.5 for e in content.edges)
    assert ruled_tables(content.edges) == []


def test_images_are_counted() -> None:
    from reportlab.lib.utils import ImageReader

    PIL = pytest.importorskip("PIL.Image")
    import io

    picture = io.BytesIO()
    PIL.new("L", (20, 20), 128).save(picture, format="PNG")
    picture.seek(0)
    maker = pm.PdfMaker()
    maker.canvas.drawImage(ImageReader(picture), 72, 500, 100, 100)
    content = page_of(maker.pdf())
    assert content.images == 1 and content.words == []
