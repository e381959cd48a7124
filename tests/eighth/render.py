#!/usr/bin/env python3
"""Render the eighth set (texts_a.py, texts_b.py, texts_c.py) as plain text, Word, web pages, PDFs.

* inputs/KNNN.txt for every document (the fifth set's ``txt_of``: automatic numbers typed, a
  table row per line with tab-separated cells, a vertically merged cell left empty);
* docx/KNNN.docx (make_docx.py) in the way named in DOCX;
* html/KNNN.html (make_html.py) in the shape named in HTML;
* pdf/: LibreOffice's "Save as PDF" of the .docx named in SOFFICE (tests/seventh/convert.py's
  private-profile call) and two PDFs typeset with tests/pdfmaker.py (make_pdf.py).

Run from the project root: .venv/bin/python tests/eighth/render.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "seventh")]
from make_docx import render_docx  # noqa: E402  (puts the fifth set's helpers on the path)
from make_files import txt_of  # noqa: E402  (tests/fifth/make_files.py)
from make_html import page  # noqa: E402
from make_pdf import render_pdf  # noqa: E402
from texts_a import K as KA  # noqa: E402
from texts_b import K as KB  # noqa: E402
from texts_c import K as KC  # noqa: E402

DOCS = {**KA, **KB, **KC}
DOCX = {
    "K001": "auto",
    "K003": "styles",
    "K005": "auto",
    "K006": "layout",
    "K008": "typed",
    "K009": "auto",
    "K011": "styles",
    "K013": "auto",
    "K015": "typed",
}
HTML = {
    "K002": "cls",
    "K004": "h2",
    "K007": "cp1251",
    "K010": "cls",
    "K012": "layout",
    "K016": "h2",
    "K017": "cls",
}
SOFFICE = ["K001", "K005", "K009", "K013"]
PDFMAKER = ["K014", "K018"]


def title_of(elements: list[tuple]) -> str:
    return " ".join(el[1].replace("\n", " ") for el in elements if el[0] == "c")[:120]


def flat(elements: list[tuple]) -> list[tuple]:
    """Plain text copies a table row onto one line: a line break inside a cell becomes a space."""
    out = []
    for el in elements:
        if el[0] == "tab":
            rows = [r if isinstance(r, str) else [c and c.replace("\n", " ") for c in r] for r in el[3]]
            el = (*el[:3], rows)
        out.append(el)
    return out


def main() -> None:
    for folder in ("inputs", "docx", "html", "pdf"):
        (HERE / folder).mkdir(exist_ok=True)
    for stem, elements in sorted(DOCS.items()):
        (HERE / "inputs" / f"{stem}.txt").write_text(txt_of(flat(elements)).rstrip() + "\n", encoding="utf-8")
    for stem, mode in DOCX.items():
        render_docx(stem, DOCS[stem], mode, HERE / "docx")
    for stem, style in HTML.items():
        (HERE / "html" / f"{stem}.html").write_bytes(page(style, title_of(DOCS[stem]), DOCS[stem]))
    for stem in PDFMAKER:
        (HERE / "pdf" / f"{stem}.pdf").write_bytes(render_pdf(DOCS[stem]))
    if "--no-soffice" not in sys.argv:
        from convert import soffice  # tests/seventh/convert.py

        for stem in SOFFICE:
            soffice(HERE / "docx" / f"{stem}.docx", "pdf", HERE / "pdf")
    print(f"{len(DOCS)} texts, {len(DOCX)} docx, {len(HTML)} html, {len(SOFFICE) + len(PDFMAKER)} pdf")


if __name__ == "__main__":
    main()
