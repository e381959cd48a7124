#!/usr/bin/env python3
"""Render eight of the third set's documents to .docx (python-docx) and four to PDF (reportlab).

The text comes from inputs/TNNN.txt; each spec says how a clerk would lay it out:

* .docx — centred bold letterhead and title; the date and number on one line separated by tabs
  (``"tabs"``) or in a borderless two-cell table (``"table"``); body lines unwrapped into
  paragraphs; points either typed ("1.", "2.1.") or, where ``auto`` is set, in Word's automatic
  numbering (``style="List Number"``, the typed "N." removed; dash lines under such points become
  ``List Bullet`` paragraphs); the signature as a borderless table (position | name) or as a line
  with a tab between position and name.
* PDF — DejaVu Serif 14 pt, 1.25 cm first-line indent, justified (tests/pdfmaker.py ``Sheet``, with
  page breaks added here), centred bold title, the date and number at the margins of one line, the
  signature as position at the left and name flush right.

Run from the project root: .venv/bin/python tests/third/make_renderings.py
"""

import re
import sys
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import pdfmaker as pm  # noqa: E402
from renderkit import TOP, body_lines, borderless, centred, new_document, numbered, restart, unwrap  # noqa: E402

NEW_PARA = re.compile(
    r"^(?:\d+(?:\.\d+)*\.|\d+\)|[а-я]\)|[-–—•●]|\(пп?\.|[А-ЯЁ ]{6,}:?$|Срок|Ответствен|[IVX]+\.|"
    r"РЕШИЛИ|СЛУШАЛИ|ВЫСТУПИЛИ|Голосовали|ПОВЕСТКА|Председатель|Секретарь|Присутствовали|Приглашенные|"
    r"[А-ЯЁ][а-яё]+(?: [а-яё]+)*(?::| –))"
)


# stem: letterhead, date parts, date layout, title, body start, body end (exclusive, a line start),
#       signature rows, signature layout, automatic numbering
DOCX = {
    "T001": dict(
        head=["ПРАВИТЕЛЬСТВО СЕВЕРО-ОЗЕРСКОЙ ОБЛАСТИ", "ПОСТАНОВЛЕНИЕ"],
        date=["от 26 ноября 2024 г.", "N 742-пп"],
        date_layout="table",
        title="О МЕРАХ ПО ОБЕСПЕЧЕНИЮ ЛЕКАРСТВЕННЫМИ ПРЕПАРАТАМИ ЖИТЕЛЕЙ ОТДАЛЕННЫХ НАСЕЛЕННЫХ ПУНКТОВ СЕВЕРО-ОЗЕРСКОЙ ОБЛАСТИ",
        start="В целях повышения",
        end="Губернатор",
        sign=[("Губернатор Северо-Озерской области", "В.А.Крайнов")],
        sign_layout="table",
        auto=False,
        drop=("(пп. 2.2 в ред.", "N 31-пп)"),
    ),
    "T002": dict(
        head=["ДУМА ГОРОДА КЕДРОВСКА", "седьмого созыва", "РЕШЕНИЕ"],
        date=["18.12.2024", "№ 45/312"],
        date_layout="tabs",
        title="О ходе реализации мероприятий по переселению граждан из аварийного жилищного фонда",
        start="Заслушав информацию",
        end="Председатель Думы",
        sign=[
            ("Председатель Думы города Кедровска", "О.Н. Лаптева"),
            ("Глава города Кедровска", "С.И. Бурмистров"),
        ],
        sign_layout="table",
        auto=False,
    ),
    "T005": dict(
        head=[
            "Муниципальное бюджетное общеобразовательное учреждение",
            "«Средняя общеобразовательная школа № 3 г. Зеленодольска»",
            "ПРИКАЗ",
        ],
        date=["02.09.2024", "№ 214-о"],
        date_layout="table",
        title="Об организации работы по профилактике детского дорожно-транспортного травматизма в 2024/2025 учебном году",
        start="На основании письма",
        end="Директор",
        sign=[("Директор", "Е.В. Рябинина")],
        sign_layout="tab",
        auto=False,
    ),
    "T007": dict(
        head=[
            "Государственное бюджетное учреждение здравоохранения",
            "«Озерская центральная районная больница»",
            "(ГБУЗ «Озерская ЦРБ»)",
            "ПРИКАЗ",
        ],
        date=["«03» февраля 2025 г.", "№ 118-о/д"],
        date_layout="tabs",
        title="О создании комиссии по внутреннему контролю качества и безопасности медицинской деятельности",
        start="В соответствии с приказом",
        end="Главный врач",
        sign=[("Главный врач", "В.С. Дьяченко")],
        sign_layout="tab",
        auto=False,
    ),
    "T008": dict(
        head=["ПРОТОКОЛ"],
        date=["с. Калиновка", "«11» июля 2024 года"],
        date_layout="tabs",
        title="публичных слушаний по проекту решения Совета депутатов муниципального образования «Калиновское сельское поселение» «Об утверждении Программы комплексного развития транспортной инфраструктуры на 2025–2035 годы»",
        start="Место проведения",
        end="Председательствующий  ",
        sign=[("Председательствующий", "В.К. Ермолаев"), ("Секретарь", "Л.Н. Тихонова")],
        sign_layout="table",
        auto=True,
    ),
    "T010": dict(
        head=["Протокол заседания рабочей группы по вопросам развития туризма в Приладожском районе"],
        date=["17.10.2024", "№ 3"],
        date_layout="tabs",
        title=None,
        start="Дата проведения",
        end="Руководитель рабочей группы    ",
        sign=[
            ("Руководитель рабочей группы", "Бессонов М.Ю."),
            ("Секретарь рабочей группы", "Гончарова Е.В."),
        ],
        sign_layout="tab",
        auto=True,
    ),
    "T011": dict(
        head=[],
        date=None,
        date_layout=None,
        title="ПЕРЕЧЕНЬ ПОРУЧЕНИЙ по итогам рабочей поездки Губернатора Усть-Донской области в Каменский муниципальный округ 28 ноября 2024 года",
        start="1. Правительству",
        end=None,
        sign=[],
        sign_layout=None,
        auto=False,
        stamp=[
            "УТВЕРЖДАЮ",
            "Губернатор Усть-Донской области",
            "_______________ А.Н. Величко",
            "«09» декабря 2024 г.",
        ],
    ),
    "T014": dict(
        head=["Общественная палата Прибрежного края", "Рекомендации"],
        date=None,
        date_layout=None,
        title="по итогам общественных слушаний «Доступная среда для людей с инвалидностью: итоги и задачи»",
        start="Дата проведения",
        end="Председатель Комиссии",
        sign=[
            (
                "Председатель Комиссии Общественной палаты Прибрежного края по социальной политике",
                "Н.Г. Абрамова",
            )
        ],
        sign_layout="table",
        auto=True,
    ),
}

PDF = {
    "T003": dict(
        head=["НИКОЛЬСКИЙ СЕЛЬСКИЙ СОВЕТ ДЕПУТАТОВ", "БИРЮСИНСКОГО РАЙОНА КРАСНОЯРСКОГО КРАЯ", "РЕШЕНИЕ"],
        date=("«22» октября 2024 г.", "№ 31-118р"),
        place="с. Никольское",
        title="Об утверждении Правил содержания домашних животных и организации выпаса сельскохозяйственных животных на территории Никольского сельсовета",
        start="В соответствии с",
        end="Председатель Никольского",
        sign=[
            ("Председатель Никольского сельского", None),
            ("Совета депутатов", "Т.Ф. Горелова"),
            ("Глава Никольского сельсовета", "Г.П. Сомова"),
        ],
    ),
    "T006": dict(
        head=["МИНИСТЕРСТВО СОЦИАЛЬНОГО РАЗВИТИЯ ВЕРХНЕКАМСКОЙ ОБЛАСТИ", "РАСПОРЯЖЕНИЕ"],
        date=("от 14 марта 2024 г.", "N 211-р"),
        place="г. Верхнекамск",
        title="Об организации работы по предоставлению социальных услуг на дому гражданам пожилого возраста в 2024 году",
        start="В целях повышения",
        end="Министр",
        sign=[("Министр", "Р.Р. Галимов")],
    ),
    "T009": dict(
        head=["ПРОТОКОЛ № 2"],
        date=("г. Ольховка", "26 марта 2025 г."),
        place=None,
        title="заседания комиссии по предупреждению и ликвидации чрезвычайных ситуаций и обеспечению пожарной безопасности Ольховского муниципального района",
        start="Председательствовал",
        end="Председатель комиссии,",
        sign=[
            ("Председатель комиссии,", None),
            ("заместитель главы администрации района", "А.В. Сорокин"),
            ("Секретарь комиссии", "Н.И. Белова"),
        ],
    ),
    "T017": dict(
        head=["Резолюция"],
        date=("27 апреля 2024 года", "г. Кедровск"),
        place=None,
        title="Молодежного форума Кедровского городского округа «Время молодых»",
        start="Мы, участники",
        end=None,
        sign=[],
    ),
}


def body(stem, spec):
    return unwrap(body_lines(HERE, stem, spec), NEW_PARA)


def render_docx(stem, spec):
    doc = new_document()
    for line in spec.get("stamp", ()):
        doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for line in spec["head"]:
        centred(doc, line)
    if spec["date"]:
        if spec["date_layout"] == "tabs":
            doc.add_paragraph("\t\t\t\t\t\t".join(spec["date"]))
        else:
            borderless(doc, [tuple(spec["date"])])
    if spec["title"]:
        centred(doc, spec["title"])
    in_list, num_id = False, None
    for para in body(stem, spec):
        top = TOP.match(para)
        if spec["auto"] and top:
            if top.group(1) == "1":  # a new list: Word numbering restarted at 1
                num_id = restart(doc)
            numbered(doc.add_paragraph(para[top.end() :], style="List Number"), num_id)
            in_list = True
        elif spec["auto"] and in_list and para[:1] in "-–—":
            doc.add_paragraph(para[1:].strip(), style="List Bullet")
        else:
            in_list = in_list and not para.isupper()
            p = doc.add_paragraph(para)
            p.paragraph_format.first_line_indent = Pt(35)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if spec["sign_layout"] == "table":
        borderless(doc, spec["sign"])
    elif spec["sign_layout"] == "tab":
        for position, name in spec["sign"]:
            doc.add_paragraph(f"{position}\t\t\t\t\t{name}")
    doc.save(HERE / "docx" / f"{stem}.docx")


class PagedSheet(pm.Sheet):
    """The Sheet of tests/pdfmaker.py, starting a new page at the bottom margin."""

    def _next(self):
        if self.top + self.pitch > self.maker.height - 2 * pm.CM:
            self.maker.page()
            self.top = 2 * pm.CM
        return super()._next()


def render_pdf(stem, spec):
    sheet = PagedSheet(pm.cyrillic_serif_font())
    for line in spec["head"]:
        sheet.centred(line)
    sheet.space()
    sheet.row(*spec["date"])
    if spec.get("place"):
        sheet.centred(spec["place"], bold=False)
    sheet.space()
    sheet.centred(spec["title"])
    sheet.space()
    for para in body(stem, spec):
        sheet.body(para)
    sheet.space()
    for position, name in spec["sign"]:
        if name:
            sheet.row(position, name)
        else:
            sheet.ragged(position, sheet.left)
    (HERE / "pdf" / f"{stem}.pdf").write_bytes(sheet.pdf())


if __name__ == "__main__":
    (HERE / "docx").mkdir(exist_ok=True)
    (HERE / "pdf").mkdir(exist_ok=True)
    for stem, spec in DOCX.items():
        render_docx(stem, spec)
        print("wrote", stem, "docx")
    for stem, spec in PDF.items():
        render_pdf(stem, spec)
        print("wrote", stem, "pdf")
