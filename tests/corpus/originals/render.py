#!/usr/bin/env python3
"""Render the corpus's 26 real texts as the Word files clerks typed and as their PDFs.

* docx/CNNN.docx from the hand-written layout in descriptions.py, with the fifth set's Word
  pieces (tests/fifth/make_files.py: numbering.xml with the multi-level "%1." / "%1.%2." list and
  the "–" bullet list, soft breaks, borderless tables) and tests/renderkit.py's ``numbered``:
  Times New Roman 14, margins 3 / 1.5 cm, headings bold and centred, plans in ruled "Table Grid"
  tables with a repeated header row and section rows merged across;
* pdf/CNNN.pdf: LibreOffice's "Save as PDF" of each .docx (tests/seventh/convert.py's
  ``soffice``, a private profile in a temporary folder).

The files are deterministic: fixed document properties, no dates of creation.
Run from the project root: .venv/bin/python tests/corpus/originals/render.py [--no-soffice]
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TESTS = HERE.parents[1]
sys.path[:0] = [str(HERE), str(TESTS), str(TESTS / "fifth"), str(TESTS / "seventh")]
from descriptions import AUTO, D  # noqa: E402
from docx import Document  # noqa: E402
from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402
from make_files import add_numbering, no_borders, runs  # noqa: E402  (tests/fifth)
from renderkit import numbered  # noqa: E402

NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?\s*")
"""A typed point number ("1. ", "2.1. ", "1.Утвердить"): its depth gives the Word list level."""
DASH = re.compile(r"^[-–—]\s*")
RIGHT_TAB = Cm(16.5)
TABLE_SIZE = Pt(12)
"""Plans are typed smaller than the act's 14 pt, as clerks fit them on the page."""


def _text(value: str) -> str:
    """`` // `` is a soft line break; runs of spaces collapse (but not tabs)."""
    return re.sub(r" {2,}", " ", value).replace(" // ", "\n").strip(" ")


def _para(doc: Any, text: str, align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY, bold: bool = False) -> Any:
    p = doc.add_paragraph()
    p.alignment = align
    runs(p, _text(text), bold=bold)
    return p


def _body(doc: Any, text: str) -> Any:
    p = _para(doc, text)
    p.paragraph_format.first_line_indent = Cm(1.25)
    return p


def _two_cells(doc: Any, left: str, right: str) -> None:
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    a, b = table.rows[0].cells
    runs(a.paragraphs[0], _text(left))
    runs(b.paragraphs[0], _text(right))
    b.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _pair(value: str) -> tuple[str, str]:
    left, _, right = value.partition("|")
    return left.strip(), right.strip()


def _tab_line(doc: Any, left: str, right: str) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.tab_stops.add_tab_stop(RIGHT_TAB, WD_TAB_ALIGNMENT.RIGHT)
    runs(p, f"{_text(left)}\t{_text(right)}")


def _cell(cell: Any, text: str, bold: bool = False) -> None:
    """A cell's `` // `` parts as separate paragraphs (Enter inside the cell), in 12 pt."""
    parts = [part.strip() for part in text.split(" // ")]
    for index, part in enumerate(parts):
        p = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if part:
            run = p.add_run(re.sub(r" {2,}", " ", part))
            run.bold, run.font.size = bold, TABLE_SIZE


def _cells(value: str) -> list[str]:
    return [cell.strip() for cell in value.split("|")]


def _table(doc: Any, rows: list[tuple[str, str]], widths: list[float]) -> None:
    width = len(_cells(rows[0][1]))
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    table.autofit = False
    for column, cm in zip(table.columns, widths, strict=True):
        column.width = Cm(cm)
        for cell in column.cells:
            cell.width = Cm(cm)
    for row, (kind, value) in zip(table.rows, rows, strict=True):
        if kind == "sec":
            merged = row.cells[0].merge(row.cells[-1])
            _cell(merged, value, bold=True)
            merged.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        cells = _cells(value)
        if len(cells) > width and not any(cells[width:]):  # "… | last |": the closing bar of the row
            cells = cells[:width]
        for cell, text in zip(row.cells, cells, strict=True):
            _cell(cell, text, bold=kind == "hdr")
        if kind == "hdr":
            row._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def _landscape(doc: Any) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(2)


def elements(description: str) -> list[tuple[str, str]]:
    out = []
    for line in description.strip().splitlines():
        kind, _, value = line.partition(":")
        out.append((kind, value[1:] if value.startswith(" ") else value))
    return out


def docx_of(stem: str) -> bytes:
    auto = stem in AUTO
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    style.paragraph_format.space_after = Pt(0)
    section = doc.sections[0]
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    add_numbering(doc)
    rows: list[tuple[str, str]] = []
    widths: list[float] = []
    for kind, value in [*elements(D[stem]), ("end", "")]:
        if kind in ("hdr", "row", "sec"):
            rows.append((kind, value))
            continue
        if rows:
            _table(doc, rows, widths)
            rows = []
        if kind == "c":
            _para(doc, value, WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        elif kind == "cn":
            _para(doc, value, WD_ALIGN_PARAGRAPH.CENTER)
        elif kind == "l":
            _para(doc, value, WD_ALIGN_PARAGRAPH.LEFT)
        elif kind == "lb":
            _para(doc, value, WD_ALIGN_PARAGRAPH.LEFT, bold=True)
        elif kind == "r":
            _para(doc, value, WD_ALIGN_PARAGRAPH.RIGHT)
        elif kind == "p":
            _body(doc, value)
        elif kind == "n" and auto:
            number = NUMBER.match(value)
            numbered(_para(doc, value[number.end() :]), 90, number.group(1).count("."))
        elif kind == "b" and auto:
            numbered(_para(doc, DASH.sub("", value)), 91, 0)
        elif kind in ("n", "b"):
            _body(doc, value)
        elif kind == "dn":
            _two_cells(doc, *_pair(value))
        elif kind == "dt":
            _tab_line(doc, *_pair(value))
        elif kind == "sig":
            doc.add_paragraph()
            _two_cells(doc, *_pair(value))
        elif kind == "st":
            _tab_line(doc, *_pair(value))
        elif kind == "pb":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif kind == "widths":
            widths = [float(w) for w in value.split()]
        elif kind == "land":
            _landscape(doc)
        elif kind != "end":
            raise ValueError(f"{stem}: unknown element {kind!r}")
    props = doc.core_properties
    props.author = props.last_modified_by = "user"
    props.created = props.modified = dt.datetime(2024, 1, 1)
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return _stable(buffer.getvalue())


def _stable(data: bytes) -> bytes:
    """The same bytes on every run: the zip members' times fixed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def main() -> None:
    for folder in ("docx", "pdf"):
        (HERE / folder).mkdir(exist_ok=True)
    for stem in sorted(D):
        (HERE / "docx" / f"{stem}.docx").write_bytes(docx_of(stem))
    made = 0
    if "--no-soffice" not in sys.argv:
        from convert import soffice  # tests/seventh/convert.py

        for stem in sorted(D):
            try:
                soffice(HERE / "docx" / f"{stem}.docx", "pdf", HERE / "pdf")
                made += 1
            except Exception as error:  # report it and go on with the others
                print(f"{stem}: no PDF ({error})", file=sys.stderr)
    print(f"{len(D)} docx ({len(AUTO)} with automatic numbering), {made} pdf")


if __name__ == "__main__":
    main()
