#!/usr/bin/env python3
"""Render the fifth set (texts.py) as clerks' original files and as plain text.

* docx/ENNN.docx (E001–E010), python-docx built like Word files: Times New Roman 14; a Word
  multi-level list (numbering.xml abstractNum with levels "%1.", "%1.%2.", "%3)" russianLower)
  for the points; a dash bullet list; a borderless letterhead table (organisation | date and
  number); bold centred headings with soft line breaks (w:br); a tab stop for date | number; an
  approval stamp indented to the right with soft breaks; ruled "Table Grid" tables with a
  repeated header row, section rows merged across (gridSpan) and executor cells merged down
  (vMerge); signatures as borderless tables or as "position<tab>name" lines at a right tab stop (E003, E004); non-breaking spaces in "№ 5" and initials.
* pdf/ENNN.pdf (E011–E016), reportlab like Word's PDF export: DejaVu Serif 14 pt justified with a
  first-line indent, page numbers at the top centre from page 2, the name flush right on the
  signature line; E012 a two-column letterhead; E014 and E015 ruled tables (E015 landscape, three
  pages) with the header repeated and a row cut at the page end, continued with an empty number
  cell.
* inputs/ENNN.txt — the same text as a person copying it out of the file would get: automatic
  numbers typed, table cells separated by tabs, one row a line, page numbers and repeated headers
  left out.

Run from the project root: .venv/bin/python tests/fifth/make_files.py
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from reportlab.lib.pagesizes import A4, landscape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import pdfmaker as pm  # noqa: E402
from renderkit import numbered, wrap  # noqa: E402
from texts import E  # noqa: E402

LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"

# ---------------------------------------------------------------- plain text


def txt_of(elements):
    out, counters = [], [0, 0, 0]
    for el in elements:
        kind = el[0]
        if kind == "lh" or kind == "two":
            out += [x for x in el[1] if x] + [x for x in el[2] if x]
        elif kind in ("c", "cp", "h"):
            out.append(el[1])
        elif kind == "dn":
            out.append(f"{el[1]}\t{el[2]}")
        elif kind == "p":
            out.append(el[1])
        elif kind == "b":
            out.append("– " + el[1])
        elif kind == "n":
            level, text = el[1], el[2]
            counters[level] += 1
            for deeper in range(level + 1, 3):
                counters[deeper] = 0
            if level == 0:
                mark = f"{counters[0]}."
            elif level == 1:
                mark = f"{counters[0]}.{counters[1]}."
            else:
                mark = f"{LETTERS[counters[2] - 1]})"
            out.append(f"{mark} {text}")
        elif kind == "stamp":
            out += el[1]
        elif kind in ("sig", "sigtab"):
            out += [f"{p}\t{n}" for p, n in el[1]]
        elif kind == "tab":
            out.append("\t".join(el[2]))
            for row in el[3]:
                out.append(row if isinstance(row, str) else "\t".join(c or "" for c in row))
        out.append("")
    return "\n".join(out).replace("\n\n\n", "\n\n")


# ---------------------------------------------------------------- docx

NUMBERING = (
    '<w:abstractNum {ns} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="709"/></w:pPr></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="709"/></w:pPr></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="russianLower"/><w:lvlText w:val="%3)"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="709"/></w:pPr></w:lvl>'
    "</w:abstractNum>"
)
BULLETS = (
    '<w:abstractNum {ns} w:abstractNumId="91"><w:multiLevelType w:val="hybridMultilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="709"/></w:pPr></w:lvl>'
    "</w:abstractNum>"
)


def add_numbering(doc):
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for xml in (NUMBERING, BULLETS):
        node = parse_xml(xml.format(ns=nsdecls("w")))
        if first_num is not None:
            first_num.addprevious(node)
        else:
            numbering.append(node)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))


def runs(paragraph, text, bold=False):
    """Text with soft line breaks (Shift+Enter) at "\\n" and real tabs at "\\t"."""
    for index, line in enumerate(text.split("\n")):
        if index:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        run = paragraph.add_run(line)
        run.bold = bold


def no_borders(table):
    borders = "".join(
        f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    table._tbl.tblPr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>"))


def two_cells(doc, left, right, bold_left=False):
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    a, b = table.rows[0].cells
    a.width, b.width = Cm(10), Cm(6.5)
    runs(a.paragraphs[0], left, bold=bold_left)
    runs(b.paragraphs[0], right)
    b.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    b.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    return table


def plan_table(doc, widths, header, rows):
    ncols = len(header)
    table = doc.add_table(rows=1 + len(rows), cols=ncols)
    table.style = "Table Grid"
    head = table.rows[0]
    head._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    for cell, text in zip(head.cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for r, row in enumerate(rows, start=1):
        cells = table.rows[r].cells
        if isinstance(row, str):
            merged = cells[0].merge(cells[ncols - 1])
            merged.paragraphs[0].add_run(row).bold = True
            merged.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        for c, text in enumerate(row):
            if text is not None:
                cells[c].paragraphs[0].add_run(text)
    for r, row in enumerate(rows, start=1):  # vertical merges after all text is in
        if isinstance(row, str):
            continue
        for c, text in enumerate(row):
            if text is None:
                above = r - 1
                while table.rows[above].cells[c].text == "" and above > 1:
                    above -= 1
                table.cell(above, c).merge(table.cell(r, c))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)
    return table


def render_docx(stem, elements):
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    style.paragraph_format.space_after = Pt(0)
    section = doc.sections[0]
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    add_numbering(doc)
    for el in elements:
        kind = el[0]
        if kind == "lh":
            two_cells(doc, "\n".join(el[1]), "\n".join(el[2]), bold_left=True)
        elif kind == "c":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            runs(p, el[1], bold=True)
        elif kind == "dn":
            p = doc.add_paragraph()
            p.paragraph_format.tab_stops.add_tab_stop(Cm(16.5), WD_TAB_ALIGNMENT.RIGHT)
            runs(p, f"{el[1]}\t{el[2]}")
        elif kind in ("p", "h"):
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            p.paragraph_format.first_line_indent = Cm(1.25)
            runs(p, el[1])
        elif kind == "n":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            numbered(p, 90, el[1])
            runs(p, el[2])
        elif kind == "b":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            numbered(p, 91, 0)
            runs(p, el[1])
        elif kind == "stamp":
            p = doc.add_paragraph()
            p.paragraph_format.left_indent = Cm(10)
            runs(p, "\n".join(el[1]))
        elif kind == "sig":
            doc.add_paragraph()
            table = doc.add_table(rows=0, cols=2)
            no_borders(table)
            for position, name in el[1]:
                a, b = table.add_row().cells
                runs(a.paragraphs[0], position)
                runs(b.paragraphs[0], name)
                b.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
                b.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        elif kind == "sigtab":  # position, tabs, name on the position's last line
            doc.add_paragraph()
            for position, name in el[1]:
                p = doc.add_paragraph()
                p.paragraph_format.tab_stops.add_tab_stop(Cm(16.5), WD_TAB_ALIGNMENT.RIGHT)
                runs(p, f"{position}\t{name}")
        elif kind == "tab":
            doc.add_paragraph()
            plan_table(doc, *el[1:])
        doc.add_paragraph() if kind in ("lh", "stamp") else None
    doc.core_properties.author = "user"
    doc.save(HERE / "docx" / f"{stem}.docx")


# ---------------------------------------------------------------- pdf


class Page(pm.Sheet):
    """pdfmaker's Sheet on any page size, breaking pages at the bottom margin, numbered at the top."""

    def __init__(self, fonts, pagesize=A4, size=14):
        super().__init__(fonts, size=size)
        self.maker = pm.PdfMaker(pagesize=pagesize, fonts=fonts)
        self.left, self.right = 3 * pm.CM, self.maker.width - 1.5 * pm.CM
        if pagesize != A4:
            self.left, self.right = 2 * pm.CM, self.maker.width - 2 * pm.CM
        self.bottom = self.maker.height - 2 * pm.CM
        self.number = 1

    def new_page(self):
        self.maker.page()
        self.number += 1
        self.maker.centered(1 * pm.CM, str(self.number), self.left, self.right, size=12)
        self.top = 2 * pm.CM

    def _next(self):
        if self.top + self.pitch > self.bottom:
            self.new_page()
        return super()._next()


SIZE, PITCH, PAD = 12, 14, 4


def pdf_table(sheet, widths, header, rows):
    maker = sheet.maker
    scale = (sheet.right - sheet.left) / sum(widths)
    columns = [sheet.left]
    for w in widths:
        columns.append(columns[-1] + w * scale)

    def draw(cells_lines, bold=False):
        height = max(len(c) for c in cells_lines) * PITCH + 2 * PAD
        if len(cells_lines) == 1:
            specs = [pm.CellSpec(0, 0, cells_lines[0], span=len(columns) - 1, bold=True)]
        else:
            specs = [pm.CellSpec(0, i, c, bold=bold) for i, c in enumerate(cells_lines)]
        maker.table(columns, [sheet.top, sheet.top + height], specs, size=SIZE, pitch=PITCH)
        sheet.top += height

    def lines_of(cells, bold=False):
        if isinstance(cells, str):
            return [wrap(maker, cells, columns[-1] - columns[0], SIZE, PAD, True)]
        return [wrap(maker, c, columns[i + 1] - columns[i], SIZE, PAD, bold) for i, c in enumerate(cells)]

    head = lines_of(header, True)
    draw(head, bold=True)
    for cells in rows:
        cells_lines = lines_of(cells)
        height = max(len(c) for c in cells_lines) * PITCH + 2 * PAD
        if sheet.top + height > sheet.bottom:
            room = int((sheet.bottom - sheet.top - 2 * PAD) // PITCH)
            if room >= 2 and not isinstance(cells, str):  # Word lets a row break across pages
                draw([c[:room] or [""] for c in cells_lines])
                cells_lines = [c[room:] or [""] for c in cells_lines]
            sheet.new_page()
            draw(head, bold=True)
        draw(cells_lines)
    sheet.space()


def render_pdf(stem, elements):
    fonts = pm.cyrillic_serif_font()
    wide = any(el[0] == "tab" and len(el[2]) > 4 for el in elements)
    sheet = Page(fonts, pagesize=landscape(A4) if wide else A4)
    for el in elements:
        kind = el[0]
        if kind == "c":
            for line in el[1].split("\n"):
                sheet.centred(line)
            sheet.space(0.5)
        elif kind == "cp":
            sheet.centred(el[1], bold=False)
            sheet.space(0.5)
        elif kind == "dn":
            sheet.row(el[1], el[2])
            sheet.space(0.5)
        elif kind == "p":
            sheet.body(el[1])
        elif kind == "stamp":
            for line in el[1]:
                sheet.maker.text(sheet.right - 7.5 * pm.CM, sheet._next(), line, size=sheet.size)
            sheet.space()
        elif kind == "two":
            top = sheet.top
            for line in el[1]:
                sheet.maker.text(sheet.left, sheet._next(), line, size=11, bold=line.isupper())
            bottom, sheet.top = sheet.top, top
            mid = (sheet.left + sheet.right) / 2 + 2 * pm.CM
            for line in el[2]:
                sheet.maker.text(mid, sheet._next(), line, size=14, bold=line == "ПРИКАЗ")
            sheet.top = max(bottom, sheet.top)
            sheet.space()
        elif kind == "sig":
            sheet.space()
            for position, name in el[1]:
                sheet.row(position, name)
        elif kind == "tab":
            pdf_table(sheet, *el[1:])
    (HERE / "pdf" / f"{stem}.pdf").write_bytes(sheet.pdf())


if __name__ == "__main__":
    for folder in ("docx", "pdf", "inputs"):
        (HERE / folder).mkdir(exist_ok=True)
    for stem, elements in E.items():
        (HERE / "inputs" / f"{stem}.txt").write_text(txt_of(elements), encoding="utf-8")
        if int(stem[1:]) <= 10:
            render_docx(stem, elements)
        else:
            render_pdf(stem, elements)
        print("wrote", stem)
