"""Preparing a scanned page for OCR: its skew measured and undone, specks cleaned off.

Pages are rendered from the samples' text PDFs with pypdfium2 and turned by a known angle,
as a sheet lies askew on a scanner's glass; no Tesseract is needed.
"""

from __future__ import annotations

import functools

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from resparse.extract.pdf.ocr_image import deskew, despeckle, skew_angle
from resparse.extract.pdf.ocr_rulings import find_rulings
from support import SAMPLES

DPI = 150
UNIT = DPI / 72
TOLERANCE = 0.1
"""Degrees: the fine sweep's step is 0.05°."""


@functools.cache
def _page(name: str, index: int = 0) -> Image.Image:
    document = pdfium.PdfDocument(SAMPLES / name)
    return document[index].render(scale=UNIT, grayscale=True).to_pil().convert("L")


def _askew(image: Image.Image, angle: float) -> Image.Image:
    """The page as scanned turned ``angle`` degrees clockwise."""
    return image.rotate(-angle, resample=Image.Resampling.BICUBIC, fillcolor=255)


@pytest.mark.parametrize("angle", [-1.4, -0.6, 0.3, 0.9, 1.5])
def test_the_skew_of_a_text_page_is_measured(angle: float) -> None:
    page = _askew(_page("000_858972ccd0d0de21.pdf"), angle)
    assert skew_angle(page, UNIT) == pytest.approx(angle, abs=TOLERANCE)


def test_a_square_page_is_left_as_it_is() -> None:
    page = _page("000_858972ccd0d0de21.pdf")
    squared, angle = deskew(page, UNIT)
    assert angle == 0.0
    assert squared is page


def test_a_blank_page_has_no_skew() -> None:
    assert skew_angle(Image.new("L", (1240, 1754), 255), UNIT) == 0.0


def test_a_ruled_table_askew_is_found_once_squared() -> None:
    page = _page("004_493f23bf5003ad19.pdf", 1)
    straight = find_rulings(page, UNIT)
    askew = _askew(page, 1.1)
    assert len(find_rulings(askew, UNIT)[1]) < len(straight[1])  # the staircase: lines lost
    squared, _ = deskew(askew, UNIT)
    horizontal, vertical = find_rulings(squared, UNIT)
    assert len(horizontal) == len(straight[0])
    assert len(vertical) == len(straight[1])


def test_specks_are_cleaned_off_and_strokes_kept() -> None:
    image = Image.new("L", (400, 200), 245)
    draw = ImageDraw.Draw(image)
    draw.point([(50, 50), (120, 80), (121, 80), (300, 150)], fill=30)  # dust
    draw.rectangle((200, 40, 203, 43), fill=30)  # a full stop at 150 dpi
    draw.line((20, 120, 380, 120), fill=30, width=1)  # a thin ruling
    draw.rectangle((60, 150, 64, 190), fill=30)  # a stem
    clean = despeckle(image, UNIT)
    assert clean.getpixel((50, 50)) == 255
    assert clean.getpixel((120, 80)) == 255
    assert clean.getpixel((300, 150)) == 255
    assert clean.getpixel((201, 41)) == 30
    assert all(clean.getpixel((x, 120)) == 30 for x in range(30, 370, 10))
    assert clean.getpixel((62, 170)) == 30
