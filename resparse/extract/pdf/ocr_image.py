"""Preparing a scanned page: specks of dust cleaned off, and the page turned square.

A sheet never lies quite square on the glass: 0.3–1.5° is usual. That little turns a
ruling line into a staircase of short runs (no grid is found) and lifts a line's right end
into the next line's band (two lines merge). So the page is turned back before anything
else reads it (:func:`deskew`).

The angle comes from the projection profile (:func:`skew_angle`): on a reduced copy of
the page, ink counted per pixel row is sharply peaked (lines of text and rulings, then
white leading) when the rows run along the text, and smeared when they cross it at an
angle. The page is turned by each candidate angle (nearest pixel: the reduced copy is already
smooth), squeezed to one column (Pillow's box filter averages each row, in C, in floating
point), and the angle whose profile has the most contrast (sum
of squared differences between neighbouring rows) wins: a coarse sweep, then a fine one
around the best. Pillow only, a few dozen turns of a ~100 dpi image per page.
"""

from __future__ import annotations

from array import array
from itertools import pairwise

from PIL import Image, ImageChops, ImageFilter

from resparse.extract.pdf.settings import SETTINGS

__all__ = ["deskew", "despeckle", "prepare", "skew_angle"]


def prepare(image: Image.Image, unit: float) -> Image.Image:
    """The page cleaned of specks (:func:`despeckle`) and turned square (:func:`deskew`)."""
    return deskew(despeckle(image, unit), unit)[0]


def despeckle(image: Image.Image, unit: float) -> Image.Image:
    """The page with lone specks of ink (dust, sensor grain) painted white.

    A pixel is kept when the ink around it (a square of :attr:`~.Settings.ocr_speck_reach`
    either way) covers at least :attr:`~.Settings.ocr_speck_share` of the square: strokes,
    dots and thin rulings do; a speck in white space does not. Tesseract glues specks next
    to a word into it ("по’", a word read as "Я" with the dust above it) and reads specks
    as commas; the paper around the text comes out white as well.
    """
    reach = max(1, round(SETTINGS.ocr_speck_reach * unit))
    ink = image.point(lambda v: 255 if v < SETTINGS.ocr_dark else 0)
    density = ink.filter(ImageFilter.BoxBlur(reach))
    floor = SETTINGS.ocr_speck_share * 255
    lone = density.point(lambda v: 255 if v < floor else 0)
    return ImageChops.lighter(image, lone)


def deskew(image: Image.Image, unit: float) -> tuple[Image.Image, float]:
    """The page turned square (white filling the corners) and the angle it was turned by.

    A page whose skew is below :attr:`~.Settings.ocr_skew_min` is returned as it is.
    Tesseract reads the squared page better too: it cuts each line out as a level box,
    and a line rising by more than its x-height across the page is misread.
    """
    angle = skew_angle(image, unit)
    if abs(angle) < SETTINGS.ocr_skew_min:
        return image, 0.0
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255), angle


def skew_angle(image: Image.Image, unit: float) -> float:
    """Degrees to turn ``image`` (counter-clockwise, as :meth:`PIL.Image.Image.rotate`) to square it.

    Zero when the page has too little ink for a profile or no angle is clearly better
    than none (:attr:`~.Settings.ocr_skew_gain`).
    """
    small = _ink_map(image, unit)
    if small is None:
        return 0.0
    limit, coarse, fine = SETTINGS.ocr_skew_max, SETTINGS.ocr_skew_coarse, SETTINGS.ocr_skew_fine
    steps = round(limit / coarse)
    scores = {k * coarse: _contrast(small, k * coarse) for k in range(-steps, steps + 1)}
    best = max(scores, key=lambda a: scores[a])
    around = round(coarse / fine)
    for k in range(-around + 1, around):
        angle = best + k * fine
        if angle not in scores:
            scores[angle] = _contrast(small, angle)
    best = max(scores, key=lambda a: scores[a])
    level = scores[0.0]
    if level <= 0 or scores[best] < (1 + SETTINGS.ocr_skew_gain) * level:
        return 0.0
    return best


def _ink_map(image: Image.Image, unit: float) -> Image.Image | None:
    """The page's ink as white on black, reduced to :attr:`~.Settings.ocr_skew_dpi`."""
    scale = SETTINGS.ocr_skew_dpi / 72 / unit
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    ink = image.point(lambda v: 255 if v < SETTINGS.ocr_dark else 0)
    small = ink.resize(size, Image.Resampling.BOX)
    if sum(small.histogram()[1:]) < SETTINGS.ocr_skew_min_ink * size[0] * size[1]:
        return None
    return small


def _contrast(small: Image.Image, angle: float) -> float:
    """How peaked the row profile of ``small`` turned by ``angle`` is."""
    turned = small.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0) if angle else small
    column = turned.convert("F").resize((1, turned.height), Image.Resampling.BOX)
    profile = array("f", column.tobytes())
    return sum((a - b) ** 2 for a, b in pairwise(profile))
