#!/usr/bin/env python3
"""Render the seventh set (texts_a.py, texts_b.py) as plain text, Word originals and web pages.

* inputs/GNNN.txt for every document, with the fifth set's conventions (automatic numbers typed,
  table rows one a line with tab-separated cells, a vertically merged cell left empty);
* docx/GNNN.docx (make_docx.py) for the documents in DOCX;
* html/GNNN.html (make_html.py) for those in HTML, each in the shape named there.

Then run convert.py for the LibreOffice formats, the PDFs and the scans.
Run from the project root: .venv/bin/python tests/seventh/render.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_docx import render_docx  # noqa: E402  (puts the fifth set's helpers on the path)
from make_files import txt_of  # noqa: E402  (tests/fifth/make_files.py)
from make_html import page  # noqa: E402
from texts_a import G as GA  # noqa: E402
from texts_b import G as GB  # noqa: E402

DOCS = {**GA, **GB}
DOCX = ["G001", "G002", "G003", "G004", "G005", "G006", "G007", "G008", "G015", "G016", "G017", "G018"]
HTML = {"G009": "cls", "G010": "layout", "G011": "br", "G012": "cls", "G014": "br"}


def title_of(elements: list[tuple]) -> str:
    return " ".join(el[1].replace("\n", " ") for el in elements if el[0] == "c")[:120]


def main() -> None:
    for folder in ("inputs", "docx", "html"):
        (HERE / folder).mkdir(exist_ok=True)
    for stem, elements in sorted(DOCS.items()):
        (HERE / "inputs" / f"{stem}.txt").write_text(txt_of(elements).rstrip() + "\n", encoding="utf-8")
    for stem in DOCX:
        render_docx(stem, DOCS[stem], HERE / "docx")
    for stem, style in HTML.items():
        text = page(style, title_of(DOCS[stem]), DOCS[stem])
        (HERE / "html" / f"{stem}.html").write_text(text, encoding="utf-8")
    print(f"{len(DOCS)} texts, {len(DOCX)} docx, {len(HTML)} html")


if __name__ == "__main__":
    main()
