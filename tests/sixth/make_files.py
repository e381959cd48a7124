#!/usr/bin/env python3
"""Render the sixth set: inputs/*.txt (the plain-text copy), html/*.html (portal pages),
docx/*.docx (Word files written as XML) and pdf/*.pdf (LibreOffice's export of some .docx, two
typeset with tests/pdfmaker.py). Run: .venv/bin/python tests/sixth/make_files.py"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from docs_a import DOCS as A  # noqa: E402
from docs_b import DOCS as B  # noqa: E402
from docs_c import DOCS as C  # noqa: E402
from docs_d import DOCS as D  # noqa: E402
from htmlpage import page  # noqa: E402
from markup import parse, to_text  # noqa: E402
from pdfsheet import sheet_pdf, table_pdf  # noqa: E402
from worddoc import build  # noqa: E402

DOCS = {**A, **B, **C, **D}

PAGES = {  # stem: (Дата публикации, the page's own heading)
    "F001": (
        "20.02.2027",
        "Решение Совета депутатов от 18.02.2027 № 12/57 «О плане мероприятий к 300-летию села»",
    ),
    "F003": ("25.03.2027", "Протокол публичных слушаний от 24 марта 2027 года"),
    "F005": ("06.03.2027", "Губернатор дал поручения по итогам поездки в Берестовский район"),
    "F007": ("26.04.2027", "Рекомендации парламентских слушаний о развитии сельского туризма"),
    "F009": ("03.07.2027", "Участники форума «Берег-2027» приняли резолюцию"),
    "F010": ("04.02.2027", "Постановление от 02.02.2027 № 131 об утверждении плана профилактики"),
    "F015": ("07.06.2027", "Резолюция круглого стола «Чистые берега»"),
    "F017": ("02.04.2027", "Распоряжение № 23-р от 01.04.2027"),
    "F018": ("10.06.2027", "Протокол заседания межведомственной рабочей группы № 3"),
}


def soffice(docx: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out), str(docx)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip


def main() -> None:
    for folder in ("inputs", "html", "docx", "pdf"):
        shutil.rmtree(HERE / folder, ignore_errors=True)
        (HERE / folder).mkdir()
    for stem, (source, opts) in sorted(DOCS.items()):
        paras = parse(source)
        (HERE / "inputs" / f"{stem}.txt").write_text(to_text(paras), encoding="utf-8")
        if "html" in opts:
            (HERE / "html" / f"{stem}.html").write_bytes(page(paras, opts["html"], *PAGES[stem]))
        if "docx" in opts:
            (HERE / "docx" / f"{stem}.docx").write_bytes(build(paras, opts["docx"]))
        if opts.get("pdf") == "soffice":
            soffice(HERE / "docx" / f"{stem}.docx", HERE / "pdf")
        elif opts.get("pdf") == "sheet":
            (HERE / "pdf" / f"{stem}.pdf").write_bytes(sheet_pdf(paras))
        elif opts.get("pdf") == "table":
            (HERE / "pdf" / f"{stem}.pdf").write_bytes(table_pdf(paras))
    print(f"rendered {len(DOCS)} documents")


if __name__ == "__main__":
    main()
