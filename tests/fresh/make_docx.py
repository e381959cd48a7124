#!/usr/bin/env python3
"""Render six of the fresh documents to .docx (python-docx), from their .txt inputs.

Typed numbers (no Word auto-numbering), centred bold letterhead and title, date and number (and
place) on one line separated by tabs, body lines unwrapped into paragraphs, the signature as a
borderless two-cell table (position | name). Run from the project root:

    .venv/bin/python tests/fresh/make_docx.py
"""

import re
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from renderkit import unwrap  # noqa: E402

# stem: (letterhead lines, the date line, title lines, body start, signature rows, lines to drop)
SPECS = {
    "F002": (
        [
            "СОВЕТ ДЕПУТАТОВ",
            "ЛУГОВСКОГО СЕЛЬСКОГО ПОСЕЛЕНИЯ",
            "Камышинского муниципального района Волгоградской области",
            "четвертого созыва",
            "РЕШЕНИЕ",
        ],
        ["28.09.2022", "с. Луговое", "№ 47/3"],
        ["О мерах по благоустройству территории поселения и содержанию воинских захоронений"],
        "Заслушав информацию",
        [
            ("Глава Луговского сельского поселения", "Н.П. Кравцова"),
            ("Председатель Совета депутатов Луговского сельского поселения", "Е.А. Мишин"),
        ],
        (),
    ),
    "F004": (
        ["ГОРОДСКАЯ ДУМА ГОРОДА НИЖНЕОЗЕРСКА", "седьмого созыва", "Р Е Ш Е Н И Е"],
        ["от 23.03.2023", "№ 15-112"],
        ["О ходе реализации муниципальной программы «Формирование современной городской среды»"],
        "Заслушав информацию",
        [
            ("Председатель Городской Думы города Нижнеозерска", "А.В. Панов"),
            ("Глава города Нижнеозерска", "Д.В. Соколов"),
        ],
        (),
    ),
    "F005": (
        ["АДМИНИСТРАЦИЯ ЗАРЕЧНОГО СЕЛЬСОВЕТА", "Краснобродского района Алтайского края", "ПОСТАНОВЛЕНИЕ"],
        ["12.05.2020", "с. Заречное", "№ 34-п"],
        [
            "Об обеспечении первичных мер пожарной безопасности в весенне-летний пожароопасный период 2020 года"
        ],
        "В соответствии с Федеральным",
        [("Глава сельсовета", "В.Г. Титов")],
        (),
    ),
    "F006": (
        ["МИНИСТЕРСТВО ЗДРАВООХРАНЕНИЯ КАМЕННОГОРСКОЙ ОБЛАСТИ", "ПРИКАЗ"],
        ["от 1 апреля 2022 г.", "N 415-п"],
        ["ОБ ОРГАНИЗАЦИИ ВАКЦИНАЦИИ ПРОТИВ КЛЕЩЕВОГО ЭНЦЕФАЛИТА В 2022 ГОДУ"],
        "В целях снижения",
        [("Министр", "Д.Ю.Самойлов")],
        (),
    ),
    "F008": (
        ["УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ТИХОРЕЧЕНСКОГО МУНИЦИПАЛЬНОГО РАЙОНА", "П Р И К А З"],
        ["09.01.2024", "г. Тихореченск", "№ 07-од"],
        ["О проведении муниципального этапа конкурса «Учитель года – 2024»"],
        "На основании плана",
        [("Начальник управления образования", "И.В. Зотова")],
        (),
    ),
    "F009": (
        ["ПРОТОКОЛ"],
        ["д. Сосновый Бор", "«06» июня 2023 г."],
        [
            "публичных слушаний по проекту решения Совета депутатов «О внесении изменений в Правила благоустройства территории Сосновоборского сельского поселения»"
        ],
        "Время проведения",
        [("Председатель публичных слушаний", "А.П. Кудрин"), ("Секретарь", "О.В. Малышева")],
        (),
    ),
}

NEW_PARA = re.compile(
    r"^(?:\d+(?:\.\d+)*\.|\d+\)|[а-я]\)|[-–—•]|\(п\.|[А-ЯЁ ]{6,}:|Срок|[IVX]+\.|[А-ЯЁ][а-яё]+(?: [а-яё]+)*(?::| –))"
)


def render(stem, spec):
    head, dateline, title, body_start, signature, _ = spec
    text = (HERE / "inputs" / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(text) if line.strip().startswith(body_start))
    first_sig = signature[0][0].split()[0]
    end = max(i for i, line in enumerate(text) if line.strip().startswith(first_sig))
    doc = Document()
    for line in head:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(line).bold = True
    doc.add_paragraph("\t".join(dateline) if len(dateline) == 2 else "\t\t".join(dateline))
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(" ".join(title)).bold = True
    for para in unwrap(text[start:end], NEW_PARA):
        doc.add_paragraph(para)
    table = doc.add_table(rows=len(signature), cols=2)  # the default style has no borders
    for row, (position, name) in zip(table.rows, signature, strict=True):
        row.cells[0].text = position
        row.cells[1].text = name
        row.cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.save(HERE / "docx" / f"{stem}.docx")


if __name__ == "__main__":
    (HERE / "docx").mkdir(exist_ok=True)
    for stem, spec in SPECS.items():
        render(stem, spec)
        print("wrote", stem)
