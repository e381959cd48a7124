"""The sixth set's two PDFs typeset with tests/pdfmaker.py: an act as Word exports it (F013)
and a plan as one ruled table (F016)."""

from __future__ import annotations

from markup import Para, plain
from pdfmaker import CM, CellSpec, Sheet, cyrillic_serif_font
from renderkit import wrap


def _sheet() -> Sheet:
    fonts = cyrillic_serif_font()
    assert fonts, "DejaVu Serif is needed"
    return Sheet(fonts)


def _common(sheet: Sheet, para: Para) -> bool:
    """Set a heading, date line, stamp, paragraph or signature; False for other shapes."""
    if para.tag in ("C", "H"):
        for line in plain(para.text).split("¶"):
            sheet.centred(line)
    elif para.tag == "DN":
        sheet.row(*(plain(c) for c in para.cells))
    elif para.tag == "ST":
        for line in plain(para.text).split("¶"):
            sheet.ragged(line, 10 * CM)
    elif para.tag in ("P", "N"):
        sheet.body(plain(f"{para.label} {para.text}".strip()))
    elif para.tag == "SG":
        position, name = (plain(c) for c in para.cells)
        *first, last = position.split("¶")
        for line in first:
            sheet.maker.text(sheet.left, sheet._next(), line, size=sheet.size)
        sheet.row(last, name)
    else:
        return False
    return True


def sheet_pdf(paras: list[Para]) -> bytes:
    sheet = _sheet()
    for para in paras:
        _common(sheet, para)
        if para.tag in ("C", "DN", "SG"):
            sheet.space(0.5)
    return sheet.pdf()


def table_pdf(paras: list[Para]) -> bytes:
    """Stamp and title, then the rows as ruled cells (10 pt) across the text width."""
    sheet = _sheet()
    rows = [p for p in paras if p.tag in ("TH", "TR")]
    for para in paras:
        _common(sheet, para)
    sheet.space(0.5)
    size, pad, pitch = 10, 3, 12
    share = [0.07, 0.28, 0.25, 0.16, 0.24]
    width = sheet.right - sheet.left
    columns = [sheet.left]
    for s in share:
        columns.append(columns[-1] + s * width)
    edges, cells, top = [sheet.top], [], sheet.top
    for r, row in enumerate(rows):
        lines = [
            wrap(sheet.maker, plain(v), columns[c + 1] - columns[c], size, pad, row.tag == "TH")
            for c, v in enumerate(row.cells)
        ]
        top += max(len(x) for x in lines) * pitch + 2 * pad
        edges.append(top)
        cells += [CellSpec(r, c, x, bold=row.tag == "TH") for c, x in enumerate(lines)]
    sheet.maker.table(columns, edges, cells, size=size, pitch=pitch)
    return sheet.pdf()
