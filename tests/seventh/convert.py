#!/usr/bin/env python3
"""Make the seventh set's LibreOffice files and scans from docx/ (run render.py first).

* legacy/: .doc, .rtf and .odt as LibreOffice saves them (``soffice --headless --convert-to``);
* pdf/: "Save as PDF" of some .docx by LibreOffice (text layer, Liberation/Times metrics);
* scans/: two short documents printed to PDF, rendered at 200 dpi with pypdfium2, turned by a
  fraction of a degree, speckled with noise and saved as image-only PDFs (``GNNN.scan.pdf``).

LibreOffice runs with a private profile in a temporary folder, so it does not meet another
LibreOffice on the machine. Run from the project root: .venv/bin/python tests/seventh/convert.py
"""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageFilter

HERE = Path(__file__).resolve().parent
LEGACY = {"G001": "doc", "G002": "rtf", "G004": "odt", "G007": "odt", "G015": "doc"}
PDF = ["G003", "G004", "G006", "G016"]
SCANS = {"G017": 0.6, "G018": -0.8}
"""Stem → rotation of the scanned page, degrees."""


def soffice(source: Path, fmt: str, out: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        made = Path(tmp) / f"{source.stem}.{fmt}"
        out.mkdir(exist_ok=True)
        return Path(shutil.copy(made, out / made.name))


def scan(pdf: Path, target: Path, angle: float, seed: int) -> None:
    rng = random.Random(seed)
    pages = []
    for page in pdfium.PdfDocument(str(pdf)):
        image = page.render(scale=200 / 72).to_pil().convert("L")
        image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
        pixels = image.load()
        width, height = image.size
        for _ in range(width * height // 400):  # dust: a dark speck in every 400 pixels
            pixels[rng.randrange(width), rng.randrange(height)] = rng.randrange(0, 140)
        pages.append(image.filter(ImageFilter.GaussianBlur(0.4)))
    pages[0].save(target, "PDF", resolution=200, save_all=True, append_images=pages[1:])


def main() -> None:
    for stem, fmt in LEGACY.items():
        soffice(HERE / "docx" / f"{stem}.docx", fmt, HERE / "legacy")
    for stem in PDF:
        soffice(HERE / "docx" / f"{stem}.docx", "pdf", HERE / "pdf")
    (HERE / "scans").mkdir(exist_ok=True)
    for seed, (stem, angle) in enumerate(SCANS.items()):
        with tempfile.TemporaryDirectory() as tmp:
            printed = soffice(HERE / "docx" / f"{stem}.docx", "pdf", Path(tmp))
            scan(printed, HERE / "scans" / f"{stem}.scan.pdf", angle, seed)
    print(f"{len(LEGACY)} legacy, {len(PDF)} pdf, {len(SCANS)} scans")


if __name__ == "__main__":
    main()
