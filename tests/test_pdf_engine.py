"""The PDF engine's seams: OCR decided per page by an exception, one settings object, and the
OCR source handing the shared builders what the text layer hands them (no Tesseract needed)."""

from __future__ import annotations

import io
from dataclasses import fields

import pdfmaker as pm
import pytest

from resparse.errors import InputError, NeedsOcrError
from resparse.extract import read_layout
from resparse.extract.pdf import ocr_source, read
from resparse.extract.pdf.grid import Grid, GridCell
from resparse.extract.pdf.ocr_tool import OcrWord
from resparse.extract.pdf.settings import SCAN, SETTINGS
from resparse.extract.pdf.tables import build_piece
from resparse.extract.pdf.text_layer import open_pdf
from resparse.extract.pdf.text_source import read_text_page
from resparse.layout import SourceInfo
from resparse.limits import DEFAULT_LIMITS

INFO = SourceInfo(path="x.pdf", format="pdf", sha256="0")


def image_only_pdf() -> bytes:
    from reportlab.lib.utils import ImageReader

    image = pytest.importorskip("PIL.Image")
    picture = io.BytesIO()
    image.new("L", (20, 20), 128).save(picture, format="PNG")
    picture.seek(0)
    maker = pm.PdfMaker()
    maker.canvas.drawImage(ImageReader(picture), 72, 500, 100, 100)
    return maker.pdf()


def test_a_page_with_only_an_image_raises_needs_ocr() -> None:
    document = open_pdf(image_only_pdf())
    try:
        with pytest.raises(NeedsOcrError, match="only an image"):
            read_text_page(document, 0, [])
    finally:
        document.close()


def test_a_scan_read_without_ocr_is_refused_by_type_not_by_message() -> None:
    data = image_only_pdf()
    with pytest.raises(NeedsOcrError) as caught:
        read(data, INFO, DEFAULT_LIMITS, ocr="never")
    assert isinstance(caught.value, InputError)  # one line for the user, like every input error
    with pytest.raises(NeedsOcrError):
        read_layout(data, name="scan.pdf", ocr="never")


def test_scan_settings_differ_only_in_position_tolerances() -> None:
    """The rules are the same for a text layer and a scan: only how exact positions are differs."""
    differing = {f.name for f in fields(SETTINGS) if getattr(SETTINGS, f.name) != getattr(SCAN, f.name)}
    assert differing == {"common_start", "fit_slack", "running_position", "column_match", "word_space_em"}
    assert SCAN.paragraph_gap == SETTINGS.paragraph_gap and SCAN.blank_gap == SETTINGS.blank_gap


def test_an_ocr_line_gets_one_band_and_the_usual_size() -> None:
    """Ink boxes differ by letter ("по" has no ascenders, "Рус" has a capital and a descender)."""
    words = [
        {
            "text": "по",
            "x0": 72.0,
            "x1": 84.0,
            "top": 104.0,
            "bottom": 111.0,
            "fontname": "OCR",
            "size": 14.0,
        },
        {
            "text": "Русь",
            "x0": 88.0,
            "x1": 120.0,
            "top": 101.0,
            "bottom": 114.0,
            "fontname": "OCR",
            "size": 14.0,
        },
        {
            "text": "и",
            "x0": 124.0,
            "x1": 130.0,
            "top": 104.0,
            "bottom": 111.0,
            "fontname": "OCR",
            "size": 14.0,
        },
    ]
    line = ocr_source._sized_line(words, 1, usual=14.0)
    assert line.text == "по Русь и"
    assert {(w["top"], w["bottom"], w["size"]) for w in line.words} == {(100.5, 114.5, 14.0)}


def test_an_ocr_grid_goes_through_the_shared_table_builder() -> None:
    """A grid found in pixels (two columns, the left cell running down two rows) becomes a
    piece with spans and merged cells, as a ruled table of the text layer does."""
    left = GridCell(row=0, column=0, rows=2, columns=1)
    cells = [left, GridCell(row=0, column=1, rows=1, columns=1), GridCell(row=1, column=1, rows=1, columns=1)]
    grid = Grid(
        rows=[100.0, 130.0, 160.0], columns=[72.0, 200.0, 400.0], cells=cells, horizontal=[], vertical=[]
    )
    word = OcrWord("Имя", 80.0, 110.0, 110.0, 120.0)
    words = [
        ocr_source._word(word, 12.0),
        ocr_source._word(OcrWord("один", 210.0, 140.0, 240.0, 150.0), 12.0),
    ]
    piece = build_piece(grid.row_boxes(), words, 1, grid.bbox, settings=SCAN)
    assert piece is not None
    assert [[(c.text, c.merged) for c in row.cells] for row in piece.rows] == [
        [("Имя", False), ("", False)],
        [("Имя", True), ("один", False)],
    ]
    assert all(piece.holds(w) for w in words)
