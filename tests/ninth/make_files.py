"""The ninth set's Word originals and web pages, from markup.py's elements.

* :func:`docx_of`: python-docx through tests/renderkit.py. ``typed`` keeps every number typed;
  ``auto`` gives the top-level points ("3. ") Word's automatic numbering (one list, restarted at
  1). Headings bold and centred, stamps right-aligned, date | number and signatures in
  borderless two-cell tables, plans in a ruled "Table Grid" table whose section rows are merged
  across, in a landscape section when wider than five columns.
* :func:`html_of`: ``br`` is text pasted from the PDF into a site's editor, its lines kept with
  ``<br>``; ``p`` the same with each line a ``<p>``; ``cls`` a legal-reference site's page
  (``<p class="s_N">`` with ``<span>``, tables with ``class="s_table"``).
"""

from __future__ import annotations

import html
import io
from typing import Any

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm
from renderkit import TOP, borderless, centred, new_document, numbered, restart


def _table(doc: Any, rows: list[list[str]]) -> None:
    width = len(rows[0])
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for row, cells in zip(table.rows, rows, strict=True):
        if len(cells) == 1:
            merged = row.cells[0].merge(row.cells[-1])
            merged.text = cells[0]
            merged.paragraphs[0].runs[0].bold = True
            continue
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text


def _landscape(doc: Any) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(2)


def _paragraph(doc: Any, text: str, mode: str, num_id: list[int]) -> None:
    top = TOP.match(text)
    if mode == "auto" and top:
        if not num_id:
            num_id.append(restart(doc))
        p = doc.add_paragraph(text[top.end() :], style="List Number")
        numbered(p, num_id[0])
    else:
        p = doc.add_paragraph(text)
        p.paragraph_format.first_line_indent = Cm(1.25)
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def docx_of(elements: list[tuple], mode: str) -> bytes:
    doc = new_document()
    num_id: list[int] = []
    for el in elements:
        kind = el[0]
        if kind == "c":
            centred(doc, el[1])
        elif kind == "r":
            doc.add_paragraph(el[1]).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind in ("dn", "sig"):
            borderless(doc, [(el[1], el[2])])
        elif kind == "tab":
            if len(el[1][0]) > 5:
                _landscape(doc)
            _table(doc, el[1])
        else:
            _paragraph(doc, el[1], mode, num_id)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


PAGE = (
    '<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8"><title>{title}</title></head>\n'
    '<body><div class="header"><a href="/">Главная</a> / <a href="/docs/">Документы</a></div>\n'
    "{body}\n"
    '<div class="footer">© Официальный сайт. Все права защищены.</div></body></html>\n'
)


def _cls_body(elements: list[tuple]) -> str:
    out = ['<div class="doc">']
    for el in elements:
        kind = el[0]
        if kind == "tab":
            rows = []
            for row in el[1]:
                span = f' colspan="{len(el[1][0])}"' if len(row) == 1 else ""
                cells = "".join(f'<td{span}><p class="s_1">{html.escape(c)}</p></td>' for c in row)
                rows.append(f"<tr>{cells}</tr>")
            out.append('<table class="s_table" border="1">' + "".join(rows) + "</table>")
            continue
        text = f"{el[1]}\t{el[2]}" if kind in ("dn", "sig") else el[1]
        cls = {"c": "s_3", "r": "s_16"}.get(kind, "s_1")
        out.append(f'<p class="{cls}"><span class="s_10">{html.escape(text)}</span></p>')
    return "\n".join([*out, "</div>"])


def html_of(title: str, style: str, elements: list[tuple], messy: str) -> bytes:
    if style == "cls":
        body = _cls_body(elements)
    elif style == "br":
        lines = [html.escape(line) for line in messy.splitlines()]
        body = '<div class="news-detail">\n' + "<br>\n".join(lines) + "\n</div>"
    else:
        lines = [f"<p>{html.escape(line)}</p>" for line in messy.splitlines() if line.strip()]
        body = '<div class="content">\n' + "\n".join(lines) + "\n</div>"
    return PAGE.format(title=html.escape(title), body=body).encode("utf-8")
