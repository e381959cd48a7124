#!/usr/bin/env python3
"""Render the ninth set (texts_a.py, texts_b.py, texts_c.py) as plain text, Word, web pages, PDFs.

* clean/NNNN.txt: every document as its Word file holds it (what gold quotes);
* inputs/NNNN.txt: the clean text, or for the documents in MESSY the text copied out of their
  PDF (markup.messy_txt);
* docx/ (make_files.docx_of) for DOCX, html/ (make_files.html_of) for HTML (``br`` and ``p``
  pages are made of the copied text), pdf/: LibreOffice's "Save as PDF" of the .docx in SOFFICE
  (tests/seventh/convert.py's ``soffice``).

Run from the project root: .venv/bin/python tests/ninth/render.py [--no-soffice]
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent / "seventh")]
from make_files import docx_of, html_of  # noqa: E402
from markup import Messy, clean_txt, messy_txt, parse  # noqa: E402
from texts_a import N as NA  # noqa: E402
from texts_b import N as NB  # noqa: E402
from texts_c import N as NC  # noqa: E402

DOCS = {stem: parse(text) for stem, text in {**NA, **NB, **NC}.items()}
MESSY = {
    "N001": Messy(width=84, page=38, mark="num"),
    "N003": Messy(width=76, page=30, mark="dash"),
    "N005": Messy(width=80, page=24, mark="dash"),
    "N007": Messy(width=80, page=36, mark="annex", cell=28, head_numbers=True),
    "N009": Messy(width=88, page=32, mark="num"),
    "N011": Messy(width=80, page=40, mark="annex", head_numbers=True),
    "N013": Messy(width=74, page=26, mark="num"),
    "N014": Messy(width=82, page=30, mark="dash"),
    "N015": Messy(width=78, page=22, mark="num"),
}
DOCX = {"N002": "auto", "N004": "typed", "N006": "typed", "N007": "typed", "N010": "auto", "N012": "typed"}
HTML = {"N001": "br", "N003": "p", "N008": "cls", "N009": "p"}
SOFFICE = ["N002", "N004", "N007"]


def title_of(elements: list[tuple]) -> str:
    return " ".join(el[1] for el in elements if el[0] == "c")[:120]


def main() -> None:
    for folder in ("clean", "inputs", "docx", "html", "pdf"):
        (HERE / folder).mkdir(exist_ok=True)
    texts = {}
    for stem, elements in sorted(DOCS.items()):
        (HERE / "clean" / f"{stem}.txt").write_text(clean_txt(elements), encoding="utf-8")
        texts[stem] = messy_txt(elements, MESSY[stem]) if stem in MESSY else clean_txt(elements)
        (HERE / "inputs" / f"{stem}.txt").write_text(texts[stem], encoding="utf-8")
    for stem, mode in DOCX.items():
        (HERE / "docx" / f"{stem}.docx").write_bytes(docx_of(DOCS[stem], mode))
    for stem, style in HTML.items():
        page = html_of(title_of(DOCS[stem]), style, DOCS[stem], texts[stem])
        (HERE / "html" / f"{stem}.html").write_bytes(page)
    if "--no-soffice" not in sys.argv:
        from convert import soffice  # tests/seventh/convert.py

        for stem in SOFFICE:
            soffice(HERE / "docx" / f"{stem}.docx", "pdf", HERE / "pdf")
    print(
        f"{len(DOCS)} texts ({len(MESSY)} copied from PDF), {len(DOCX)} docx, {len(HTML)} html, {len(SOFFICE)} pdf"
    )


if __name__ == "__main__":
    main()
