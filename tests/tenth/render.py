#!/usr/bin/env python3
"""Render the tenth set (texts_a.py, texts_b.py, texts_c.py) as web text, Word, web pages, PDFs.

* inputs/XNNN.txt: the document as a portal page copy gives it (markup.plain_txt), an empty line
  between paragraphs for the documents in GAPS; gold quotes this text;
* docx/: for LO, LibreOffice's "Save as .docx" of a flat ODT (make_files.fodt_of); for PYDOCX,
  python-docx with Word's automatic multi-level numbering (make_files.docx_of);
* pdf/: for SOFFICE_PDF, LibreOffice's PDF export of the .docx; for CHROMIUM_PDF, Chromium's
  print-to-PDF of the bare document in HTML (make_files.print_html);
* html/: for PORTAL, the page as the body's site serves it (make_files.portal_html).

LibreOffice runs through tests/seventh/convert.py's ``soffice`` (a private profile each time).
Run from the project root: .venv/bin/python tests/tenth/render.py [--no-office]
(``--no-office`` writes the texts, python-docx files and HTML only.)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent / "seventh")]
from make_files import docx_of, fodt_of, portal_html, print_html  # noqa: E402
from markup import parse, plain_txt  # noqa: E402
from texts_a import T as TA  # noqa: E402
from texts_b import T as TB  # noqa: E402
from texts_c import T as TC  # noqa: E402

DOCS = {stem: parse(text) for stem, text in {**TA, **TB, **TC}.items()}
GAPS = ["X002", "X004", "X011", "X016"]
LO = ["X001", "X004", "X005", "X007", "X009", "X010", "X014", "X016"]
PYDOCX = ["X003", "X006", "X008", "X012", "X015"]
SOFFICE_PDF = ["X001", "X005", "X006", "X010", "X012", "X014"]
CHROMIUM_PDF = ["X002", "X007", "X011", "X013", "X015"]
OBLAST = ("Официальный портал Правительства Озёрской области", "г. Светлоозёрск, пл. Ленина, д. 1")
PORTAL = {
    "X002": (
        "Администрация Бережанского муниципального района",
        "г. Бережань, ул. Соборная, д. 5",
        "Культура",
        "Резолюция круглого стола «Сохранение объектов культурного наследия в малых городах Озёрской области»",
        "24.05.2029",
    ),
    "X004": (
        *OBLAST,
        "Совет по развитию некоммерческого сектора",
        "Рекомендации по итогам заседания Совета 9 октября 2029 года",
        "14.10.2029",
    ),
    "X007": (
        *OBLAST,
        "Постановления Правительства",
        "Постановление Правительства Озёрской области от 14.03.2029 № 112-п",
        "16.03.2029",
    ),
    "X009": (
        "Управление образования администрации Ольховецкого муниципального округа",
        "г. Ольховец, ул. Первомайская, д. 17",
        "Приказы",
        "Приказ от 28.01.2030 № 19 «О проведении мониторинга условий безопасности»",
        "29.01.2030",
    ),
    "X011": (
        *OBLAST,
        "Рабочие группы",
        "Протокол № 2 заседания межведомственной рабочей группы от 5 июня 2030 года",
        "10.06.2030",
    ),
    "X013": (
        "Министерство здравоохранения Озёрской области",
        "г. Светлоозёрск, ул. Советская, д. 12",
        "Распоряжения",
        "Дорожная карта по совершенствованию системы раннего выявления нарушений развития у детей",
        "06.02.2029",
    ),
    "X016": (
        "Совет депутатов городского округа Зареченск",
        "г. Зареченск, ул. Мира, д. 2",
        "Решения Совета депутатов",
        "Решение от 27.05.2030 № 112/14",
        "28.05.2030",
    ),
}


def title_of(elements: list[tuple]) -> str:
    return " ".join(el[1] for el in elements if el[0] == "c")[:150]


def chromium_pdf(page: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={tmp}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={out}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )


def main() -> None:
    for folder in ("inputs", "docx", "html", "pdf"):
        (HERE / folder).mkdir(exist_ok=True)
    for stem, elements in sorted(DOCS.items()):
        text = plain_txt(elements, gaps=stem in GAPS)
        (HERE / "inputs" / f"{stem}.txt").write_text(text, encoding="utf-8")
    for stem in PYDOCX:
        (HERE / "docx" / f"{stem}.docx").write_bytes(docx_of(DOCS[stem]))
    for stem, (site, address, crumb, short, published) in PORTAL.items():
        page = portal_html(DOCS[stem], site, crumb, short, published, address)
        (HERE / "html" / f"{stem}.html").write_bytes(page)
    if "--no-office" in sys.argv:
        return
    from convert import soffice  # tests/seventh/convert.py

    with tempfile.TemporaryDirectory() as tmp:
        for stem in LO:
            flat = Path(tmp) / f"{stem}.fodt"
            flat.write_bytes(fodt_of(DOCS[stem]))
            soffice(flat, "docx", HERE / "docx")
        for stem in SOFFICE_PDF:
            soffice(HERE / "docx" / f"{stem}.docx", "pdf", HERE / "pdf")
        for stem in CHROMIUM_PDF:
            page = Path(tmp) / f"{stem}.html"
            page.write_bytes(print_html(DOCS[stem], title_of(DOCS[stem])))
            chromium_pdf(page, HERE / "pdf" / f"{stem}.pdf")
    print(
        f"{len(DOCS)} texts, {len(LO)} LibreOffice + {len(PYDOCX)} python-docx docx, "
        f"{len(SOFFICE_PDF)} LibreOffice + {len(CHROMIUM_PDF)} Chromium pdf, {len(PORTAL)} html"
    )


if __name__ == "__main__":
    main()
