"""Does a scan read like its text PDF? Render each text PDF to a 200 dpi image-only PDF, read
both, and count the blocks whose shape agrees (paragraph marker, level, centring, emptiness;
table row count), in order.

    python bench/pdf_scan_agreement.py                 # tests/third and tests/fourth PDFs
    python bench/pdf_scan_agreement.py a.pdf b.pdf

Needs Tesseract with the Russian model. The floor is the text PDF itself (every block).
"""

from __future__ import annotations

import difflib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402

from resparse.extract import read_layout  # noqa: E402
from resparse.layout import Layout, Table  # noqa: E402

DPI = 200


def scanned(data: bytes) -> bytes:
    """The PDF as a scan: every page an image, no text layer."""
    document = pdfium.PdfDocument(data)
    images = [
        document[i].render(scale=DPI / 72, grayscale=True).to_pil().convert("L") for i in range(len(document))
    ]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=DPI)
    return out.getvalue()


def shape(layout: Layout) -> list[tuple[object, ...]]:
    return [
        ("table", len(block.rows))
        if isinstance(block, Table)
        else ("paragraph", block.marker, block.level, block.centered, bool(block.text))
        for block in layout.blocks
    ]


def main() -> None:
    files = [Path(arg) for arg in sys.argv[1:]] or sorted(ROOT.glob("tests/*/pdf/*.pdf"))
    total = agree = 0
    for path in files:
        data = path.read_bytes()
        want = shape(read_layout(data, name=path.name))
        got = shape(read_layout(scanned(data), name=path.name, ocr="auto"))
        same = sum(
            block.size
            for block in difflib.SequenceMatcher(None, want, got, autojunk=False).get_matching_blocks()
        )
        total, agree = total + len(want), agree + same
        print(f"{path.name:14} text blocks {len(want):4}  scan blocks {len(got):4}  agreeing {same:4}")
    print(f"{'all':14} {agree}/{total} blocks agree ({agree / max(total, 1):.0%}); floor: {total}/{total}")


if __name__ == "__main__":
    main()
