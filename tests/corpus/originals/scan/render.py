#!/usr/bin/env python3
"""Make scan-like renderings of the corpus originals: ``pdf/CNNN.pdf`` → ``scan/CNNN.scan.pdf``.

Each page of LibreOffice's PDF is "printed and scanned": rasterised with pypdfium2 at the
document's scanner resolution, in grayscale, with defects drawn from a generator seeded by the
document's stem (the same files on every run):

* the sheet lies a little askew on the glass (0.3–1.5°, either way) and a few pixels off;
* toner is not pure black and paper not pure white; the lid lets in uneven light (a brightness
  gradient across the page, sometimes a grey band along one edge where the sheet ended);
* a little blur (optics) and grain (sensor noise, dust specks);
* the signed act: a pen signature stroked beside the signatory's name and a round stamp
  over the position line (found through the PDF's text layer), for the three signed documents;
* now and then two hole-punch marks in the left margin or a stray blot in a margin;
* saved as JPEG (quality 60–75) inside an image-only PDF — no text layer.

Run from the project root: .venv/bin/python tests/corpus/originals/scan/render.py [CNNN ...]
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
PDF = HERE.parent / "pdf"
GOLD = HERE.parent.parent / "gold"
SCANNED = time.gmtime(1735689600)  # 2025-01-01


class Look:
    """One document's scanner settings and defects."""

    def __init__(self, stem: str) -> None:
        rng = random.Random(f"scan:{stem}")
        self.rng = rng
        self.dpi = rng.choice([200, 200, 240, 300, 300, 300])
        self.angle = rng.uniform(0.3, 1.5) * rng.choice([-1, 1])
        self.shift = (rng.randint(-12, 12), rng.randint(-12, 12))
        self.ink = rng.randint(15, 60)  # darkest toner
        self.paper = rng.randint(232, 250)  # paper white
        self.shade = rng.uniform(0.0, 0.12)  # brightness lost towards one side
        self.shade_side = rng.choice(["left", "right", "top", "bottom"])
        self.edge_band = rng.random() < 0.25
        self.blur = rng.uniform(0.3, 0.8)
        self.grain = rng.uniform(2.0, 6.0)  # sensor noise, grey levels
        self.specks = rng.randint(200, 1200)  # dust per page
        self.quality = rng.randint(60, 75)
        self.holes = rng.random() < 0.3
        self.blot = rng.random() < 0.25


def _gradient(size: tuple[int, int], side: str, depth: float) -> Image.Image:
    """A multiplier image (255 = unchanged) that darkens towards ``side`` by ``depth``."""
    ramp = Image.linear_gradient("L")  # 0 at the top, 255 at the bottom
    ramp = ramp.point(lambda v: round(255 * (1 - depth * (v / 255) ** 1.5)))
    if side in ("left", "right"):
        ramp = ramp.transpose(Image.Transpose.TRANSPOSE)  # now darker to the right
    if side in ("top", "left"):
        ramp = ramp.transpose(
            Image.Transpose.FLIP_TOP_BOTTOM if side == "top" else Image.Transpose.FLIP_LEFT_RIGHT
        )
    return ramp.resize(size, Image.Resampling.BILINEAR)


def _noise(size: tuple[int, int], rng: random.Random, sigma: float) -> Image.Image:
    """Grain centred on 128: seeded bytes, smoothed a little and scaled to about ``sigma``."""
    width, height = size
    small = Image.frombytes("L", (width // 2, height // 2), rng.randbytes((width // 2) * (height // 2)))
    small = small.resize(size, Image.Resampling.BILINEAR)
    # uniform bytes have sd ≈ 74; bilinear upscaling lowers it to about 50
    return small.point(lambda v: max(0, min(255, round(128 + (v - 128) * sigma / 50))))


def _signature(draw: ImageDraw.ImageDraw, rng: random.Random, box: tuple[float, float, float, float]) -> None:
    """A pen scribble over ``box`` (left, top, right, bottom in pixels)."""
    left, top, right, bottom = box
    points = []
    steps = 60
    for i in range(steps + 1):
        t = i / steps
        x = left + (right - left) * t + rng.uniform(-6, 6)
        y = (top + bottom) / 2 + (bottom - top) / 2 * math.sin(t * rng.uniform(9, 14)) * rng.uniform(0.5, 1.0)
        points.append((x, y))
    draw.line(points, fill=rng.randint(60, 110), width=max(2, round((bottom - top) / 18)), joint="curve")


def _stamp(draw: ImageDraw.ImageDraw, rng: random.Random, centre: tuple[float, float], radius: float) -> None:
    """A round seal, as a grey of blue ink comes out in grayscale: two rings and letter-like ticks."""
    x, y = centre
    shade = rng.randint(120, 165)
    width = max(2, round(radius / 30))
    for r in (radius, radius * 0.93, radius * 0.55):
        draw.ellipse((x - r, y - r, x + r, y + r), outline=shade, width=width)
    for k in range(46):  # the ring of letters between the two outer circles
        a = 2 * math.pi * k / 46 + rng.uniform(-0.02, 0.02)
        r1, r2 = radius * 0.63, radius * 0.86
        draw.line(
            (x + r1 * math.cos(a), y + r1 * math.sin(a), x + r2 * math.cos(a), y + r2 * math.sin(a)),
            fill=shade,
            width=width,
        )
    for k in range(5):  # the emblem in the middle
        dy = (k - 2) * radius * 0.15
        draw.line((x - radius * 0.35, y + dy, x + radius * 0.35, y + dy), fill=shade, width=width)


def _find(page: pdfium.PdfPage, text: str) -> tuple[float, float, float, float] | None:
    """PDF-point box (left, bottom, right, top) of ``text`` on ``page``, if it is there."""
    textpage = page.get_textpage()
    searcher = textpage.search(text)
    found = searcher.get_next()
    if not found:
        return None
    index, count = found
    boxes = [textpage.get_charbox(i) for i in range(index, index + count)]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _signed(page: pdfium.PdfPage, image: Image.Image, look: Look, signatories: list[dict]) -> None:
    """Sign and stamp the page where the signature block is."""
    scale = look.dpi / 72
    height = page.get_height()
    draw = ImageDraw.Draw(image)
    for person in signatories:
        name = _find(page, person["name"])
        if name is None:
            continue
        left, bottom, _, top = name
        line = (top - bottom) * scale
        y0 = (height - top) * scale
        # the signature: left of the name, a little taller than the line, rising above it
        _signature(
            draw, look.rng, (left * scale - 7 * line, y0 - 0.8 * line, left * scale - 1.5 * line, y0 + line)
        )
        position = _find(page, person["position"].split()[0])
        if position is not None:
            _, p_bottom, p_right, _ = position
            centre = (
                (p_right * scale + left * scale) / 2 - 2 * line,
                (height - p_bottom) * scale + 0.3 * line,
            )
            _stamp(draw, look.rng, centre, radius=look.dpi * 0.8)  # a 40 mm seal


def _holes(image: Image.Image, look: Look) -> None:
    draw = ImageDraw.Draw(image)
    r = look.dpi * 0.12  # 6 mm holes
    x = look.dpi * 0.5
    middle = image.height / 2
    for y in (middle - look.dpi * 1.6, middle + look.dpi * 1.6):  # 80 mm apart
        draw.ellipse((x - r, y - r, x + r, y + r), fill=200, outline=90, width=max(2, round(r / 8)))


def _blot(image: Image.Image, look: Look) -> None:
    rng = look.rng
    draw = ImageDraw.Draw(image)
    x = rng.choice([rng.uniform(0.2, 0.7) * look.dpi, image.width - rng.uniform(0.2, 0.5) * look.dpi])
    y = rng.uniform(0.15, 0.85) * image.height
    for _ in range(14):  # a smudge of overlapping ellipses
        rx, ry = rng.uniform(0.03, 0.12) * look.dpi, rng.uniform(0.03, 0.1) * look.dpi
        cx, cy = x + rng.uniform(-0.1, 0.1) * look.dpi, y + rng.uniform(-0.1, 0.1) * look.dpi
        draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=rng.randint(70, 150))


def scan_page(page: pdfium.PdfPage, look: Look, signatories: list[dict]) -> Image.Image:
    rng = look.rng
    image = page.render(scale=look.dpi / 72).to_pil().convert("L")
    if signatories:
        _signed(page, image, look, signatories)
    if look.holes:
        _holes(image, look)
    if look.blot:
        _blot(image, look)
    # toner and paper: map 0..255 onto ink..paper
    ink, paper = look.ink, look.paper
    image = image.point(lambda v: round(ink + (paper - ink) * v / 255))
    image = image.rotate(look.angle, resample=Image.Resampling.BICUBIC, translate=look.shift, fillcolor=paper)
    image = ImageChops.multiply(image, _gradient(image.size, look.shade_side, look.shade))
    if look.edge_band:  # the sheet stops short of the glass: the lid's grey shows along one edge
        draw = ImageDraw.Draw(image)
        band = round(look.dpi * rng.uniform(0.05, 0.15))
        draw.rectangle((image.width - band, 0, image.width, image.height), fill=rng.randint(90, 140))
    image = image.filter(ImageFilter.GaussianBlur(look.blur))
    image = ImageChops.add(image, _noise(image.size, rng, look.grain), scale=1.0, offset=-128)
    pixels = image.load()
    for _ in range(look.specks):
        x, y = rng.randrange(image.width), rng.randrange(image.height)
        dark = rng.randrange(20, 150)
        for dx, dy in ((0, 0), (1, 0), (0, 1), (1, 1))[: rng.randint(1, 4)]:
            if x + dx < image.width and y + dy < image.height:
                pixels[x + dx, y + dy] = dark
    return image


def scan(stem: str) -> Path:
    look = Look(stem)
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    signatories = gold.get("signatories") or []
    pages = []
    document = pdfium.PdfDocument(str(PDF / f"{stem}.pdf"))
    for page in document:  # a page is signed where the name is printed (C016: page 1 of 2)
        image = scan_page(page, look, signatories)
        buffer = BytesIO()
        image.save(buffer, "JPEG", quality=look.quality)
        pages.append(Image.open(BytesIO(buffer.getvalue())))
    target = HERE / f"{stem}.scan.pdf"
    pages[0].save(
        target,
        "PDF",
        resolution=look.dpi,
        save_all=True,
        append_images=pages[1:],
        creationDate=SCANNED,  # fixed, so that a run remakes the same bytes
        modDate=SCANNED,
    )
    return target


def main() -> None:
    stems = sys.argv[1:] or sorted(p.stem for p in PDF.glob("C*.pdf"))
    for stem in stems:
        look = Look(stem)
        target = scan(stem)
        print(
            f"{stem}: {look.dpi} dpi, {look.angle:+.2f}°, q{look.quality}, blur {look.blur:.2f}, "
            f"grain {look.grain:.1f}{', holes' if look.holes else ''}{', blot' if look.blot else ''}"
            f"{', edge' if look.edge_band else ''}, {target.stat().st_size // 1024} KB"
        )


if __name__ == "__main__":
    main()
