"""The seventh set's Word originals, built as clerks save them (python-docx plus raw XML).

Reuses the fifth set's pieces: the Word multi-level list (numbering.xml levels "%1.", "%1.%2.",
"%3)" russianLower and a "–" bullet list), soft line breaks, borderless letterhead and signature
tables, and ruled "Table Grid" plans with section rows merged across (gridSpan) and cells merged
down (vMerge). Adds: a landscape section for a wide plan, first-line indents, a "Normal" style
with no space after, and a letterhead table whose right cell is empty.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "fifth"))
from make_files import add_numbering, no_borders, plan_table, runs, two_cells  # noqa: E402
from renderkit import numbered  # noqa: E402

LANDSCAPE = {"G006"}
"""Plans too wide for a portrait page."""


def _page(doc: Any, stem: str) -> None:
    section = doc.sections[0]
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    if stem in LANDSCAPE:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        section.left_margin = section.right_margin = Cm(2)


def _para(doc: Any, text: str, align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True) -> Any:
    p = doc.add_paragraph()
    p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Cm(1.25)
    runs(p, text)
    return p


def _signatures(doc: Any, pairs: list[tuple[str, str]]) -> None:
    doc.add_paragraph()
    table = doc.add_table(rows=0, cols=2)
    no_borders(table)
    for position, name in pairs:
        a, b = table.add_row().cells
        runs(a.paragraphs[0], position)
        runs(b.paragraphs[0], name)
        b.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        b.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM


def _element(doc: Any, el: tuple) -> None:
    kind = el[0]
    if kind == "lh":
        two_cells(doc, "\n".join(el[1]), "\n".join(el[2]), bold_left=True)
        doc.add_paragraph()
    elif kind == "c":
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        runs(p, el[1], bold=True)
    elif kind == "dn":
        p = doc.add_paragraph()
        p.paragraph_format.tab_stops.add_tab_stop(Cm(16.5), WD_TAB_ALIGNMENT.RIGHT)
        runs(p, f"{el[1]}\t{el[2]}")
    elif kind == "p":
        _para(doc, el[1])
    elif kind == "n":
        numbered(_para(doc, el[2]), 90, el[1])
    elif kind == "b":
        numbered(_para(doc, el[1]), 91, 0)
    elif kind == "stamp":
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Cm(9.5)
        runs(p, "\n".join(el[1]))
        doc.add_paragraph()
    elif kind == "sig":
        _signatures(doc, el[1])
    elif kind == "tab":
        doc.add_paragraph()
        plan_table(doc, *el[1:])


def render_docx(stem: str, elements: list[tuple], folder: Path) -> Path:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    style.paragraph_format.space_after = Pt(0)
    _page(doc, stem)
    add_numbering(doc)
    for el in elements:
        _element(doc, el)
    doc.core_properties.author = "user"
    path = folder / f"{stem}.docx"
    doc.save(path)
    return path
