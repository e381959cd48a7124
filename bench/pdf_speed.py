"""How long the PDF reader takes on a text PDF, next to pypdfium2's plain text of the same file.

    python bench/pdf_speed.py                       # the samples
    python bench/pdf_speed.py --pages 150           # scaling: one sample page repeated

Prints per file (and for all samples together) the reader's time (read_layout, warm, best of
N) and pypdfium2's ``get_text_range()`` for every page, and their ratio; the floor is pypdfium2
itself. ``bench/pdf_same.py`` checks that a faster reader still reads every PDF alike. Times
are CPU times: the machine may be shared, and both run in this one thread.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402

from resparse.extract import read_layout  # noqa: E402


def plain_text(data: bytes) -> None:
    document = pdfium.PdfDocument(data)
    for page in document:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    document.close()


def best(function: object, data: bytes, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.process_time()
        function(data)  # type: ignore[operator]
        times.append(time.process_time() - start)
    return min(times)


def repeated(data: bytes, pages: int) -> bytes:
    """A PDF of ``pages`` pages: the sample's pages over and over (pypdfium2 imports them)."""
    source = pdfium.PdfDocument(data)
    target = pdfium.PdfDocument.new()
    while len(target) < pages:
        target.import_pages(source, list(range(min(len(source), pages - len(target)))))
    out = io.BytesIO()
    target.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pages", type=int, default=0, help="also time 004 repeated to this many pages")
    args = parser.parse_args()
    files = [f for f in sorted(SAMPLES.glob("*.pdf")) if ".scan." not in f.name]
    print(f"{'file':34} {'pages':>5} {'resparse ms':>12} {'pdfium ms':>10} {'ratio':>6}")
    totals = [0, 0.0, 0.0]
    for path in files:
        data = path.read_bytes()
        read_layout(data, name=path.name)  # warm: imports, morphology
        ours = best(lambda d, n=path.name: read_layout(d, name=n), data, args.rounds)
        floor = best(plain_text, data, args.rounds)
        pages = read_layout(data, name=path.name).source.pages or 1
        print(f"{path.name:34} {pages:5} {ours * 1000:12.1f} {floor * 1000:10.1f} {ours / floor:6.1f}")
        totals = [totals[0] + pages, totals[1] + ours, totals[2] + floor]
    pages, ours, floor = totals
    print(f"{'all samples':34} {pages:5} {ours * 1000:12.1f} {floor * 1000:10.1f} {ours / floor:6.1f}")
    if args.pages:
        data = repeated((SAMPLES / "004_493f23bf5003ad19.pdf").read_bytes(), args.pages)
        ours = best(lambda d: read_layout(d, name="many.pdf"), data, 1)
        floor = best(plain_text, data, 1)
        label = f"004 x {args.pages} pages"
        per_page = ours / args.pages * 1000
        print(
            f"{label:34} {args.pages:5} {ours * 1000:12.1f} {floor * 1000:10.1f} {ours / floor:6.1f}"
            f"   ({per_page:.1f} ms/page)"
        )


if __name__ == "__main__":
    main()
