"""The eighth set's Word originals, made four ways clerks make them (python-docx plus raw XML).

* ``auto`` — points in Word's automatic multi-level list (the fifth set's numbering.xml: "%1.",
  "%1.%2.", "%3)" russianLower, and a "–" bullet list), headings bold and centred;
* ``typed`` — the same paragraphs with their numbers typed ("1.", "2.1.", "а)") and no list;
* ``styles`` — the title in "Heading 1", points in "List Paragraph" carrying the automatic list,
  addressee headings bold;
* ``layout`` — the whole act inside one borderless two-column table: letterhead, date | number,
  the body in a cell merged across, the signature as two cells.

Plans (``tab``) are ruled "Table Grid" tables with gridSpan section rows and vMerge cells; a plan
wider than four columns gets a landscape section of its own.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "fifth"))
from make_files import add_numbering, no_borders, plan_table, runs, two_cells  # noqa: E402
from marks import typed  # noqa: E402
from renderkit import numbered  # noqa: E402


def _para(
    container: Any, text: str, align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY, style: str | None = None
) -> Any:
    p = container.add_paragraph(style=style) if style else container.add_paragraph()
    p.alignment = align
    p.paragraph_format.first_line_indent = Cm(1.25)
    runs(p, text)
    return p


def _landscape(doc: Any) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(2)


def _signatures(container: Any, pairs: list[tuple[str, str]]) -> None:
    table = container.add_table(rows=0, cols=2)
    no_borders(table)
    for position, name in pairs:
        a, b = table.add_row().cells
        runs(a.paragraphs[0], position)
        runs(b.paragraphs[0], name)
        b.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _element(doc: Any, el: tuple, mode: str, text: str) -> None:
    kind = el[0]
    if kind == "lh":
        two_cells(doc, "\n".join(el[1]), "\n".join(el[2]), bold_left=True)
    elif kind == "c":
        p = doc.add_paragraph(style="Heading 1" if mode == "styles" else None)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        runs(p, el[1], bold=True)
    elif kind == "dn":
        p = doc.add_paragraph()
        p.paragraph_format.tab_stops.add_tab_stop(Cm(16.5), WD_TAB_ALIGNMENT.RIGHT)
        runs(p, f"{el[1]}\t{el[2]}")
    elif kind == "h":
        p = doc.add_paragraph()
        runs(p, el[1], bold=True)
    elif kind in ("n", "b") and mode != "typed":
        style = "List Paragraph" if mode == "styles" else None
        p = _para(doc, el[2] if kind == "n" else el[1], style=style)
        numbered(p, 90 if kind == "n" else 91, el[1] if kind == "n" else 0)
    elif kind in ("p", "n", "b"):
        _para(doc, text)
    elif kind == "stamp":
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Cm(9.5)
        runs(p, "\n".join(el[1]))
    elif kind == "sig":
        doc.add_paragraph()
        _signatures(doc, el[1])
    elif kind == "tab":
        if len(el[2]) > 4:
            _landscape(doc)
        doc.add_paragraph()
        plan_table(doc, *el[1:])


def _layout(doc: Any, elements: list[tuple], texts: list[str]) -> None:
    """The act inside a borderless table: heading rows, date | number, body, signature."""
    table = doc.add_table(rows=0, cols=2)
    no_borders(table)
    body = None
    for el, text in zip(elements, texts, strict=True):
        if el[0] in ("dn", "sig"):
            body = None
            pairs = [(el[1], el[2])] if el[0] == "dn" else el[1]
            for left, right in pairs:
                a, b = table.add_row().cells
                runs(a.paragraphs[0], left)
                runs(b.paragraphs[0], right)
                b.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            continue
        if el[0] == "c":
            body = None
            row = table.add_row().cells
            cell = row[0].merge(row[1])
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            runs(cell.paragraphs[0], el[1], bold=True)
            continue
        if body is None:
            row = table.add_row().cells
            body = row[0].merge(row[1])
            first = body.paragraphs[0]
            first.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            first.paragraph_format.first_line_indent = Cm(1.25)
            runs(first, text)
        else:
            _para(body, text)


def render_docx(stem: str, elements: list[tuple], mode: str, folder: Path) -> Path:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    style.paragraph_format.space_after = Pt(0)
    section = doc.sections[0]
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    add_numbering(doc)
    texts = typed(elements)
    if mode == "layout":
        _layout(doc, elements, texts)
    else:
        for el, text in zip(elements, texts, strict=True):
            _element(doc, el, mode, text)
    doc.core_properties.author = "user"
    path = folder / f"{stem}.docx"
    doc.save(path)
    return path
