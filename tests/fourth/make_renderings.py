#!/usr/bin/env python3
"""Render eight of the fourth set's documents to .docx (python-docx) and five to PDF (reportlab).

The text comes from inputs/DNNN.txt; each spec says how a clerk would lay it out:

* .docx — centred bold letterhead and title; the date and number on one line separated by tabs
  (``"tabs"``) or in a borderless two-cell table (``"table"``); body lines unwrapped into
  paragraphs; points either typed ("1.", "2.1.") or, where ``auto`` is set, in Word's automatic
  numbering (``style="List Number"``, the typed "N." removed, one list for the whole act, so the
  numbering runs on across unnumbered addressee headings; dash lines under such points become
  ``List Bullet`` paragraphs); the signature as a borderless table (position | name) or as a line
  with tabs between position and name. The two plans (D016, D017) are real Word tables ("Table
  Grid": header row, section rows merged across the row) under a right-aligned approval stamp.
* PDF — acts (D005, D012, D019): DejaVu Serif 14 pt, 1.25 cm first-line indent, justified
  (tests/pdfmaker.py ``Sheet``), centred bold title, date and number at the two margins of one
  line, the signature as position at the left and name flush right. Plans (D016, D018): ruled
  tables in DejaVu Serif 9 pt, cells wrapped to their column, the header repeated on the next
  page, a row that does not fit cut at the page end and continued in a row with an empty number
  cell.

Run from the project root: .venv/bin/python tests/fourth/make_renderings.py
"""

import re
import sys
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import pdfmaker as pm  # noqa: E402
from renderkit import TOP, body_lines, borderless, centred, new_document, numbered, restart, unwrap, wrap  # noqa: E402

NEW_PARA = re.compile(
    r"^(?:\d+(?:\.\d+)*\.|\d+\)|[а-я]\)|[-–—•●]|\(пп?\.|[А-ЯЁ ]{6,}:?$|Срок|Ответствен|Доклад|[IVX]+\.|"
    r"РЕШИЛИ|СЛУШАЛИ|ВЫСТУПИЛИ|ПОВЕСТКА|Председатель|Секретарь|Присутствовали|"
    r"[А-ЯЁ][а-яё]+(?: [а-яё]+)*(?::| –))"
)


DOCX = {
    "D001": dict(
        head=["ОБЩЕСТВЕННАЯ ПАЛАТА ТАЛЬНИКОВСКОЙ ОБЛАСТИ", "РЕКОМЕНДАЦИИ"],
        date=["г. Тальниково", "19 февраля 2025 г."],
        date_layout="tabs",
        title="общественных слушаний «Кадровое обеспечение сельского здравоохранения Тальниковской области: проблемы и пути решения»",
        start="Общественные слушания проведены",
        end="Председатель Комиссии",
        sign=[("Председатель Комиссии", "Г.Ф. Чеботарёва")],
        sign_layout="table",
        auto=True,
    ),
    "D003": dict(
        head=["Молодежный парламент при Думе Ракитинского городского округа", "РЕКОМЕНДАЦИИ"],
        date=["24.04.2025", "№ 6"],
        date_layout="table",
        title="по итогам заседания Молодежного парламента на тему «Временная занятость подростков в летний период»",
        start="Заслушав информацию",
        end="Председатель Молодежного",
        sign=[("Председатель Молодежного парламента", "А.Д. Ширяев")],
        sign_layout="tab",
        auto=False,
    ),
    "D006": dict(
        head=["АДМИНИСТРАЦИЯ ГОРОДА ВЕЛИГОРЬЕ", "РАСПОРЯЖЕНИЕ"],
        date=["от 05 июня 2025 г.", "№ 412-р"],
        date_layout="table",
        title="О подготовке объектов жилищно-коммунального хозяйства города к отопительному периоду 2025/2026 годов",
        start="В целях своевременной",
        end="Глава города",
        sign=[("Глава города Велигорье", "А.С. Воронцов")],
        sign_layout="table",
        auto=True,
    ),
    "D008": dict(
        head=["СОБРАНИЕ ДЕПУТАТОВ РАКИТИНСКОГО РАЙОНА", "КРЯЖЕВСКОГО КРАЯ", "(шестой созыв)", "РЕШЕНИЕ"],
        date=["от 26 июня 2025 года", "№ 48-312"],
        date_layout="tabs",
        title="О ходе реализации муниципальной программы «Развитие физической культуры и спорта в Ракитинском районе»",
        start="Заслушав информацию",
        end="Председатель Собрания",
        sign=[
            ("Председатель Собрания депутатов Ракитинского района", "И.П. Фомина"),
            ("Глава Ракитинского района", "В.Г. Лосев"),
        ],
        sign_layout="table",
        auto=False,
    ),
    "D010": dict(
        head=[
            "Муниципальное автономное общеобразовательное учреждение",
            "«Гимназия № 7» города Велигорье",
            "(МАОУ «Гимназия № 7»)",
            "ПРИКАЗ",
        ],
        date=["08.09.2025", "№ 301-од"],
        date_layout="tabs",
        title="О проведении школьного этапа всероссийской олимпиады школьников в 2025/2026 учебном году",
        start="В соответствии с Порядком",
        end="Директор гимназии",
        sign=[("Директор гимназии", "И.Н. Сафонова")],
        sign_layout="tab",
        auto=True,
    ),
    "D011": dict(
        head=["МИНИСТЕРСТВО КУЛЬТУРЫ КРЯЖЕВСКОГО КРАЯ", "ПРИКАЗ"],
        date=["от 3 марта 2025 г.", "N 145-од"],
        date_layout="table",
        title="О ПРОВЕДЕНИИ КРАЕВОГО СМОТРА-КОНКУРСА СЕЛЬСКИХ УЧРЕЖДЕНИЙ КУЛЬТУРЫ «КУЛЬТУРНАЯ ДЕРЕВНЯ»",
        start="В целях поддержки",
        end="Министр",
        sign=[("Министр", "Е.А.Глебова")],
        sign_layout="tab",
        auto=False,
        drop=("(п. 3 в ред.",),
    ),
}

DOCX_PLANS = {
    "D016": dict(
        stamp=[
            "УТВЕРЖДЁН",
            "постановлением администрации",
            "Чернолесского муниципального округа",
            "от 14.01.2025 № 18",
        ],
        title=[
            "ПЛАН МЕРОПРИЯТИЙ",
            "по профилактике безнадзорности и правонарушений несовершеннолетних в Чернолесском муниципальном округе на 2025 год",
        ],
        sign=None,
    ),
    "D017": dict(
        stamp=["Приложение", "к распоряжению администрации", "города Велигорье", "от 22.07.2025 № 560-р"],
        title=[
            "ДОРОЖНАЯ КАРТА",
            "по повышению доступности услуг дошкольного образования для детей в возрасте до трех лет в городе Велигорье на 2025–2026 годы",
        ],
        sign=("Начальник управления образования", "Т.В. Щеглова"),
    ),
}

PDF = {
    "D005": dict(
        head=["АДМИНИСТРАЦИЯ ЧЕРНОЛЕССКОГО МУНИЦИПАЛЬНОГО ОКРУГА", "ТАЛЬНИКОВСКОЙ ОБЛАСТИ", "ПОСТАНОВЛЕНИЕ"],
        date=("18.02.2025", "№ 203-па"),
        place="г. Чернолесск",
        title="Об организации временного трудоустройства несовершеннолетних граждан в возрасте от 14 до 18 лет в свободное от учебы время в 2025 году",
        start="В соответствии с Законом",
        end="Глава Чернолесского",
        sign=[("Глава Чернолесского муниципального округа", "Д.Е. Карпов")],
    ),
    "D012": dict(
        head=["ПРОТОКОЛ № 2"],
        date=("г. Тальниково", "10 апреля 2025 года"),
        place=None,
        title="заседания межведомственной комиссии по профилактике правонарушений Тальниковского городского округа",
        start="Председатель комиссии:",
        end="Председатель комиссии ",
        sign=[("Председатель комиссии", "В.А. Ефремов"), ("Секретарь комиссии", "И.П. Соколова")],
    ),
    "D019": dict(
        head=["РЕЗОЛЮЦИЯ"],
        date=("с. Ракитное", "27 августа 2025 года"),
        place=None,
        title="августовской педагогической конференции работников образования Ракитинского района «Школа – территория возможностей»",
        start="Конференция отмечает",
        end=None,
        sign=[],
    ),
}

PDF_PLANS = {
    "D016": dict(
        stamp=[
            "УТВЕРЖДЁН",
            "постановлением администрации",
            "Чернолесского муниципального округа",
            "от 14.01.2025 № 18",
        ],
        title=[
            "ПЛАН МЕРОПРИЯТИЙ",
            "по профилактике безнадзорности и правонарушений",
            "несовершеннолетних в Чернолесском муниципальном округе на 2025 год",
        ],
        widths=[28, 140, 78, 118, 104],
        split=("2.1", 3),  # the page ends after three lines of row 2.1
    ),
    "D018": dict(
        stamp=[
            "Приложение",
            "к постановлению",
            "Правительства Кряжевского края",
            "от 9 апреля 2025 г. N 233-п",
        ],
        title=["ПЛАН", "МЕРОПРИЯТИЙ ПО РАЗВИТИЮ ЛЕСНОГО ТУРИЗМА", "В КРЯЖЕВСКОМ КРАЕ НА 2025 - 2027 ГОДЫ"],
        widths=[30, 200, 90, 148],
        split=("3.", 2),
    ),
}


def body(stem, spec):
    return unwrap(body_lines(HERE, stem, spec), NEW_PARA, semicolon_ends=True)


def plan_rows(stem):
    """The plan's rows as cell lists (a section row is a one-cell list), header first."""
    text = (HERE / "inputs" / f"{stem}.txt").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
        elif line.startswith("│"):
            rows.append([c.strip() for c in line.strip().strip("│").split("│")])
        elif "\t" in line:
            rows.append([c.strip() for c in line.split("\t")])
    return rows


def render_docx(stem, spec):
    doc = new_document()
    for line in spec["head"]:
        centred(doc, line)
    if spec["date_layout"] == "tabs":
        doc.add_paragraph("\t\t\t\t\t\t".join(spec["date"]))
    else:
        borderless(doc, [tuple(spec["date"])])
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
            p = doc.add_paragraph(para)
            p.paragraph_format.first_line_indent = Pt(35)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if spec["sign_layout"] == "table":
        borderless(doc, spec["sign"])
    else:
        for position, name in spec["sign"]:
            doc.add_paragraph(f"{position}\t\t\t\t\t{name}")
    doc.save(HERE / "docx" / f"{stem}.docx")


def render_docx_plan(stem, spec):
    doc = new_document()
    for line in spec["stamp"]:
        doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for line in spec["title"]:
        centred(doc, line)
    rows = plan_rows(stem)
    width = len(rows[0])
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for row, cells in zip(table.rows, rows, strict=True):
        if len(cells) == 1:  # a section row: one cell merged across the table
            merged = row.cells[0].merge(row.cells[width - 1])
            merged.text = ""
            merged.paragraphs[0].add_run(cells[0]).bold = True
            continue
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    if spec["sign"]:
        doc.add_paragraph("")
        doc.add_paragraph("\t\t\t\t".join(spec["sign"]))
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
        sheet.row(position, name)
    (HERE / "pdf" / f"{stem}.pdf").write_bytes(sheet.pdf())


SIZE, PITCH, PAD = 9, 11, 4


def render_pdf_plan(stem, spec):
    """A ruled plan over two pages: header repeated, the row cut by the page end continued.

    The page ends where ``split`` says (row number, lines of it left on the first page), as if
    the stamp, title and earlier rows had filled it.
    """
    fonts = pm.cyrillic_serif_font()
    maker = pm.PdfMaker(fonts=fonts)
    left = 3 * pm.CM
    columns = [left]
    for w in spec["widths"]:
        columns.append(columns[-1] + w)
    top = 2 * pm.CM
    for line in spec["stamp"]:
        maker.text(columns[-1] - 170, top, line, size=11)
        top += 13
    for line in spec["title"]:
        maker.centered(top, line, columns[0], columns[-1], size=12, bold=True)
        top += 15
    top += 8
    rows = plan_rows(stem)
    header = rows[0]

    def lines_of(cells, bold=False):
        if len(cells) == 1:
            return [wrap(maker, cells[0], columns[-1] - columns[0], SIZE, PAD, True)]
        return [wrap(maker, c, columns[i + 1] - columns[i], SIZE, PAD, bold) for i, c in enumerate(cells)]

    def draw(cells_lines, at, bold=False):
        height = max(len(c) for c in cells_lines) * PITCH + 2 * PAD
        specs = []
        if len(cells_lines) == 1:
            specs.append(pm.CellSpec(0, 0, cells_lines[0], span=len(columns) - 1, bold=True))
        else:
            specs.extend(pm.CellSpec(0, i, c, bold=bold) for i, c in enumerate(cells_lines))
        maker.table(columns, [at, at + height], specs, size=SIZE, pitch=PITCH)
        return at + height

    top = draw(lines_of(header, True), top, bold=True)
    number, room = spec["split"]
    for cells in rows[1:]:
        cells_lines = lines_of(cells)
        if cells[0] == number:
            draw([c[:room] for c in cells_lines], top)
            maker.page()
            top = draw(lines_of(header, True), 2 * pm.CM, bold=True)
            top = draw([c[room:] for c in cells_lines], top)
            continue
        top = draw(cells_lines, top)
    (HERE / "pdf" / f"{stem}.pdf").write_bytes(maker.pdf())


if __name__ == "__main__":
    (HERE / "docx").mkdir(exist_ok=True)
    (HERE / "pdf").mkdir(exist_ok=True)
    for stem, spec in DOCX.items():
        render_docx(stem, spec)
        print("wrote", stem, "docx")
    for stem, spec in DOCX_PLANS.items():
        render_docx_plan(stem, spec)
        print("wrote", stem, "docx")
    for stem, spec in PDF.items():
        render_pdf(stem, spec)
        print("wrote", stem, "pdf")
    for stem, spec in PDF_PLANS.items():
        render_pdf_plan(stem, spec)
        print("wrote", stem, "pdf")
