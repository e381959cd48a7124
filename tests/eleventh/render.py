#!/usr/bin/env python3
"""Render the eleventh set (texts_a.py, texts_b.py) as web text, Word, portal pages and PDFs.

* inputs/LNNN.txt: the document as copied from the portal page that published it (markup.web_txt),
  page chrome lines included where the markup has them (what gold quotes);
* docx/ (make_files.docx_of) in the numbering mode of DOCX; html/ (make_files.html_of) in the style
  of HTML; pdf/: LibreOffice's "Save as PDF" of the .docx in SOFFICE (tests/seventh/convert.py).

Run from the project root: .venv/bin/python tests/eleventh/render.py [--no-soffice]
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
BLANK = {"L002", "L004", "L006", "L009", "L011", "L013"}
"""Web texts with an empty line between paragraphs."""
PAD = {"L005", "L008", "L014"}
"""Web texts whose signatures are padded with spaces instead of a tab."""
DOCX = {
    "L001": "auto",
    "L003": "auto",
    "L004": "auto",
    "L009": "auto",
    "L012": "auto",
    "L005": "typed",
    "L007": "typed",
    "L008": "typed",
    "L010": "typed",
    "L014": "typed",
}
HTML = {
    "L002": ("p", "Общественная палата Приречной области"),
    "L006": ("br", "Общественная палата Приречной области"),
    "L011": ("p", "Администрация городского округа Светлоборск"),
    "L013": ("br", "Приреченский государственный университет"),
}
SOFFICE = ["L001", "L003", "L007", "L014"]


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
