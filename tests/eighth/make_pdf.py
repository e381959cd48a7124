"""The eighth set's PDFs typeset with tests/pdfmaker.py (through the fifth set's ``Page`` and
``pdf_table``): a letterhead in two columns side by side (K018) and a ruled landscape plan (K014),
as a Word export lays them out."""

from __future__ import annotations

from typing import Any

import pdfmaker as pm
from make_files import Page, pdf_table
from reportlab.lib.pagesizes import A4, landscape


def _two(sheet: Any, left: list[str], right: list[str]) -> None:
    top = sheet.top
    for line in left:
        sheet.maker.text(sheet.left, sheet._next(), line, size=11, bold=True)
    bottom, sheet.top = sheet.top, top
    mid = (sheet.left + sheet.right) / 2 + 2 * pm.CM
    for line in right:
        sheet.maker.text(mid, sheet._next(), line, size=14, bold=line == "РЕШЕНИЕ")
    sheet.top = max(bottom, sheet.top)
    sheet.space()


def render_pdf(elements: list[tuple]) -> bytes:
    fonts = pm.cyrillic_serif_font()
    wide = any(el[0] == "tab" and len(el[2]) > 4 for el in elements)
    sheet = Page(fonts, pagesize=landscape(A4) if wide else A4)
    for el in elements:
        kind = el[0]
        if kind == "c":
            for line in el[1].split("\n"):
                sheet.centred(line)
            sheet.space(0.5)
        elif kind == "p":
            sheet.body(el[1])
        elif kind == "stamp":
            for line in el[1]:
                sheet.maker.text(sheet.right - 8.5 * pm.CM, sheet._next(), line, size=sheet.size)
            sheet.space()
        elif kind == "two":
            _two(sheet, el[1], el[2])
        elif kind == "sig":
            sheet.space()
            for position, name in el[1]:
                sheet.row(position, name)
        elif kind == "tab":
            pdf_table(sheet, *el[1:])
    return sheet.pdf()
