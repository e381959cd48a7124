#!/usr/bin/env python3
"""Render the thirteenth set (texts_a.py, texts_b.py) as web text, Word, portal pages and PDFs.

* inputs/MNNN.txt: the document as copied from the portal page that published it (markup.web_txt),
  page chrome lines included where the markup has them (what gold quotes);
* docx/ (make_files.docx_of) in the numbering mode of DOCX; html/ (make_files.html_of) in the style
  of HTML; pdf/: LibreOffice's "Save as PDF" of the .docx in SOFFICE (tests/seventh/convert.py).

Run from the project root: .venv/bin/python tests/thirteenth/render.py [--no-soffice]
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent / "seventh")]
from make_files import docx_of, html_of  # noqa: E402
from markup import parse, web_txt  # noqa: E402
from texts_a import L as LA  # noqa: E402
from texts_b import L as LB  # noqa: E402

DOCS = {stem: parse(text) for stem, text in {**LA, **LB}.items()}
BLANK = {"M002", "M006", "M008", "M012"}
"""Web texts with an empty line between paragraphs."""
PAD = {"M004", "M009", "M011"}
"""Web texts whose signatures (and date | number rows) are padded with spaces instead of a tab."""
DOCX = {
    "M001": "auto",
    "M005": "auto",
    "M007": "auto",
    "M009": "auto",
    "M013": "auto",
    "M003": "typed",
    "M004": "typed",
    "M006": "typed",
    "M011": "typed",
    "M014": "typed",
}
HTML = {
    "M002": ("p", "Молодёжный парламент Северозёрского края"),
    "M008": ("br", "Департамент культуры Северозёрского края"),
    "M012": ("p", "Администрация Берёзовоярского муниципального района"),
}
SOFFICE = ["M001", "M004", "M009", "M011", "M013"]


def title_of(elements: list[tuple]) -> str:
    return " ".join(el[1] for el in elements if el[0] == "c")[:120]


def main() -> None:
    for folder in ("inputs", "docx", "html", "pdf"):
        (HERE / folder).mkdir(exist_ok=True)
    for stem, elements in sorted(DOCS.items()):
        text = web_txt(elements, blank=stem in BLANK, pad=stem in PAD)
        (HERE / "inputs" / f"{stem}.txt").write_text(text, encoding="utf-8")
    for stem, mode in DOCX.items():
        (HERE / "docx" / f"{stem}.docx").write_bytes(docx_of(DOCS[stem], mode))
    for stem, (style, site) in HTML.items():
        (HERE / "html" / f"{stem}.html").write_bytes(html_of(title_of(DOCS[stem]), site, DOCS[stem], style))
    if "--no-soffice" not in sys.argv:
        from convert import soffice  # tests/seventh/convert.py

        for stem in SOFFICE:
            soffice(HERE / "docx" / f"{stem}.docx", "pdf", HERE / "pdf")
    print(f"{len(DOCS)} texts, {len(DOCX)} docx, {len(HTML)} html, {len(SOFFICE)} pdf")


if __name__ == "__main__":
    main()
