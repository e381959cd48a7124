"""Ruling lines found in a scan's pixels: a line drawn a pixel off its course is still one line."""

from __future__ import annotations

from PIL import Image, ImageDraw

from resparse.extract.pdf.ocr_rulings import find_rulings

UNIT = 200 / 72


def test_a_column_line_that_steps_a_pixel_is_one_line() -> None:
    image = Image.new("L", (1400, 1000), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 500, 900):
        draw.line((100, y, 1300, y), fill=0, width=3)
    for x in (100, 1300):
        draw.line((x, 100, x, 900), fill=0, width=3)
    # a thin column line a squared scan leaves a pixel off its course half way down
    # (its two parts either side of a 4-pixel boundary that once split them)
    draw.line((702, 100, 702, 480), fill=0, width=1)
    draw.line((701, 470, 701, 900), fill=0, width=1)
    draw.rectangle((700, 620, 705, 624), fill=255)  # and a faint break
    horizontal, vertical = find_rulings(image, UNIT)
    assert len(horizontal) == 3
    middle = [v for v in vertical if 600 < v.pos * UNIT < 800]
    assert len(middle) == 1
    assert middle[0].start * UNIT < 110 and middle[0].end * UNIT > 890
