"""The tenth set's Word files, LibreOffice documents and web pages, from markup.py's elements.

* :func:`docx_of`: python-docx through tests/renderkit.py; every typed point number "1.",
  "2.1.", "1.2.1." becomes Word's automatic multi-level numbering (one abstractNum with lvlText
  "%1." "%1.%2." "%1.%2.%3.", a new list instance where the numbers restart); two-cell rows
  (date | number, letterhead | recipient, signatures) in borderless tables; plans in "Table Grid"
  with merged section rows.
* :func:`fodt_of`: a flat OpenDocument text for LibreOffice to save as .docx (render.py), so that
  the .docx carries LibreOffice's numbering and style XML: the points in ``text:list`` of one
  outline list style ("1." "1.1." "1.1.1.", ``text:continue-numbering`` after an unnumbered
  line, a restart where the numbers restart), plans with a repeated header row.
* :func:`portal_html`: a web page as a site serves it: menu, breadcrumbs, "Версия для печати",
  a sidebar and a footer around ``<div class="content">``; plans as ``<table>`` with ``colspan``
  section rows and ``rowspan`` merged cells.
* :func:`print_html`: the bare document in HTML with print CSS, for Chromium's print-to-PDF.
"""

from __future__ import annotations

import html
import io
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from markup import NUMBER
from renderkit import centred, new_document, numbered

# ----------------------------------------------------------------------------- numbering


def auto_numbers(elements: list[tuple]) -> dict[int, tuple[int, bool]]:
    """Paragraph index → (level, restart) for the typed numbers automatic numbering reproduces."""
    out: dict[int, tuple[int, bool]] = {}
    counters: list[int] = []
    for index, el in enumerate(elements):
        if el[0] != "p" or not (m := NUMBER.match(el[1])):
            continue
        parts = [int(x) for x in m.group(1).split(".")]
        level = len(parts) - 1
        expected = [*counters[:level], counters[level] + 1 if len(counters) > level else 1]
        if len(expected) == len(parts) and expected == parts:
            counters = expected
            out[index] = (level, False)
        elif parts == [1]:
            counters = [1]
            out[index] = (0, True)
    return out


def _groups(elements: list[tuple]) -> list[tuple]:
    """Consecutive two-cell rows (``dn``, ``sig``) joined into one ``pair`` element."""
    out: list[tuple] = []
    for el in elements:
        if el[0] in ("dn", "sig"):
            if out and out[-1][0] == "pair":
                out[-1][1].append((el[1], el[2]))
                continue
            out.append(("pair", [(el[1], el[2])]))
        else:
            out.append(el)
    return out


# ----------------------------------------------------------------------------- python-docx

LEVELS = ("%1.", "%1.%2.", "%1.%2.%3.")


def _abstract(doc: Any) -> int:
    numbering = doc.part.numbering_part.element
    abstracts = numbering.findall(qn("w:abstractNum"))
    ids = [int(a.get(qn("w:abstractNumId"))) for a in abstracts]
    new_id = max(ids, default=0) + 1
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="0" w:firstLine="709"/></w:pPr></w:lvl>'
        for i, text in enumerate(LEVELS)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{new_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
    )
    abstracts[-1].addnext(abstract)
    return new_id


def _num(doc: Any, abstract: int) -> int:
    num = doc.part.numbering_part.element.add_num(abstract)
    for level in range(len(LEVELS)):
        num.add_lvlOverride(ilvl=level).add_startOverride(1)
    return num.numId


def _docx_table(doc: Any, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
        if len(cells) == 1:
            merged = row.cells[0].merge(row.cells[-1])
            merged.text = cells[0]
            merged.paragraphs[0].runs[0].bold = True
            continue
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = "" if text == "~" else text
            cell.paragraphs[0].runs[0].font.size = Pt(12) if cell.paragraphs[0].runs else None
            if r == 0:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text == "~":
                table.cell(r - 1, c).merge(table.cell(r, c))


def docx_of(elements: list[tuple]) -> bytes:
    doc = new_document()
    abstract = _abstract(doc)
    auto = auto_numbers(elements)
    num_id = None
    positions = {id(el): i for i, el in enumerate(elements)}
    for el in _groups(elements):
        kind = el[0]
        if kind == "c":
            centred(doc, el[1])
        elif kind == "r":
            doc.add_paragraph(el[1]).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind == "pair":
            table = doc.add_table(rows=len(el[1]), cols=2)  # the default table style has no borders
            for row, (left, right) in zip(table.rows, el[1], strict=True):
                row.cells[0].text, row.cells[1].text = left, right
                row.cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind == "tab":
            _docx_table(doc, el[1])
        elif kind == "pb":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            index = positions[id(el)]
            if index in auto:
                level, restart = auto[index]
                if num_id is None or restart:
                    num_id = _num(doc, abstract)
                p = doc.add_paragraph(NUMBER.sub("", el[1]))
                numbered(p, num_id, level)
            else:
                p = doc.add_paragraph(el[1])
                p.paragraph_format.first_line_indent = Cm(1.25)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# ----------------------------------------------------------------------------- flat ODT

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Times New Roman" svg:font-family="'Times New Roman'" style:font-family-generic="roman"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/>
  <style:text-properties style:font-name="Times New Roman" fo:font-size="14pt" fo:language="ru" fo:country="RU"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="Table_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-size="12pt"/>
 </style:style>
 <text:list-style style:name="Points">{levels}</text:list-style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="PC" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="PR" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="end"/></style:style>
 <style:style style:name="PJ" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="justify" fo:text-indent="1.25cm"/></style:style>
 <style:style style:name="PL" style:family="paragraph" style:parent-style-name="Standard" style:list-style-name="Points">
  <style:paragraph-properties fo:text-align="justify"/></style:style>
 <style:style style:name="PB" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="TH" style:family="paragraph" style:parent-style-name="Table_Contents">
  <style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="TR" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="end"/></style:style>
 <style:style style:name="Grid" style:family="table">
  <style:table-properties style:width="16.5cm" table:align="margins"/></style:style>
 <style:style style:name="Plain" style:family="table">
  <style:table-properties style:width="16.5cm" table:align="margins"/></style:style>
 <style:style style:name="Narrow" style:family="table-column">
  <style:table-column-properties style:column-width="1.3cm"/></style:style>
 {columns}
 <style:style style:name="Ruled" style:family="table-cell">
  <style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.1cm"/></style:style>
 <style:style style:name="Bare" style:family="table-cell">
  <style:table-cell-properties fo:border="none" fo:padding="0.05cm"/></style:style>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait"
   fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="1.5cm"/>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text>
{body}
</office:text></office:body>
</office:document>
"""

_LEVEL = (
    '<text:list-level-style-number text:level="{n}" style:num-suffix="." style:num-format="1"{shown}>'
    '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
    '<style:list-level-label-alignment text:label-followed-by="space" fo:text-indent="1.25cm" '
    'fo:margin-left="0cm"/></style:list-level-properties></text:list-level-style-number>'
)


def _x(text: str) -> str:
    return html.escape(text, quote=False)


class _Lists:
    """Open ``text:list`` elements of the point numbering, as the points come."""

    def __init__(self, out: list[str]) -> None:
        self.out, self.open_items, self.started = out, [], False

    def point(self, level: int, text: str, restart: bool) -> None:
        if restart:
            self.close()
        if not self.open_items:
            cont = ' text:continue-numbering="true"' if self.started and not restart else ""
            self.out.append(f'<text:list text:style-name="Points"{cont}>')
            self.open_items.append(False)
        while len(self.open_items) > level + 1:
            self._close_one()
        while len(self.open_items) < level + 1:
            if not self.open_items[-1]:
                self.out.append("<text:list-item>")
                self.open_items[-1] = True
            self.out.append("<text:list>")
            self.open_items.append(False)
        if self.open_items[-1]:
            self.out.append("</text:list-item>")
        start = ' text:start-value="1"' if restart else ""
        self.out.append(f'<text:list-item{start}><text:p text:style-name="PL">{_x(text)}</text:p>')
        self.open_items[-1] = True
        self.started = True

    def _close_one(self) -> None:
        if self.open_items.pop():
            self.out.append("</text:list-item>")
        self.out.append("</text:list>")

    def close(self) -> None:
        while self.open_items:
            self._close_one()


def _fodt_table(rows: list[list[str]], out: list[str], columns: list[str]) -> None:
    width = len(rows[0])
    name = f"W{width}"
    if name not in columns:
        columns.append(name)
    out.append('<table:table table:style-name="Grid">')
    out.append('<table:table-column table:style-name="Narrow"/>')
    out.append(f'<table:table-column table:style-name="{name}" table:number-columns-repeated="{width - 1}"/>')
    for r, cells in enumerate(rows):
        if r == 0:
            out.append("<table:table-header-rows>")
        out.append("<table:table-row>")
        if len(cells) == 1:
            out.append(
                f'<table:table-cell table:style-name="Ruled" table:number-columns-spanned="{width}">'
                f'<text:p text:style-name="TH">{_x(cells[0])}</text:p></table:table-cell>'
            )
            out.extend("<table:covered-table-cell/>" for _ in range(width - 1))
        else:
            for c, text in enumerate(cells):
                if text == "~":
                    out.append("<table:covered-table-cell/>")
                    continue
                span = 1
                while r + span < len(rows) and len(rows[r + span]) > c and rows[r + span][c] == "~":
                    span += 1
                attr = f' table:number-rows-spanned="{span}"' if span > 1 else ""
                style = "TH" if r == 0 else "Table_Contents"
                out.append(
                    f'<table:table-cell table:style-name="Ruled"{attr}>'
                    f'<text:p text:style-name="{style}">{_x(text)}</text:p></table:table-cell>'
                )
        out.append("</table:table-row>")
        if r == 0:
            out.append("</table:table-header-rows>")
    out.append("</table:table>")


def fodt_of(elements: list[tuple]) -> bytes:
    auto = auto_numbers(elements)
    out: list[str] = []
    lists = _Lists(out)
    columns: list[str] = []
    positions = {id(el): i for i, el in enumerate(elements)}
    page_break = False
    for el in _groups(elements):
        kind = el[0]
        index = positions.get(id(el))
        if kind == "p" and index in auto:
            level, restart = auto[index]
            lists.point(level, NUMBER.sub("", el[1]), restart)
            continue
        lists.close()
        if kind == "pb":
            page_break = True
            continue
        if kind in ("c", "r", "p"):
            style = {"c": "PC", "r": "PR", "p": "PJ"}[kind]
            if page_break:
                out.append('<text:p text:style-name="PB"/>')
                page_break = False
            out.append(f'<text:p text:style-name="{style}">{_x(el[1])}</text:p>')
        elif kind == "pair":
            out.append(
                '<table:table table:style-name="Plain"><table:table-column table:number-columns-repeated="2"/>'
            )
            for left, right in el[1]:
                out.append(
                    "<table:table-row>"
                    f'<table:table-cell table:style-name="Bare"><text:p text:style-name="Standard">{_x(left)}</text:p></table:table-cell>'
                    f'<table:table-cell table:style-name="Bare"><text:p text:style-name="TR">{_x(right)}</text:p></table:table-cell>'
                    "</table:table-row>"
                )
            out.append("</table:table>")
        elif kind == "tab":
            _fodt_table(el[1], out, columns)
    lists.close()
    levels = "".join(
        _LEVEL.format(n=n, shown=f' text:display-levels="{n}"' if n > 1 else "") for n in range(1, 4)
    )
    cols = "".join(
        f'<style:style style:name="{name}" style:family="table-column"><style:table-column-properties '
        f'style:column-width="{15.2 / (int(name[1:]) - 1):.2f}cm"/></style:style>'
        for name in columns
    )
    return FODT.format(levels=levels, columns=cols, body="\n".join(out)).encode("utf-8")


# ----------------------------------------------------------------------------- HTML


def _html_table(rows: list[list[str]], attrs: str) -> str:
    width = len(rows[0])
    out = [f"<table {attrs}>"]
    for r, cells in enumerate(rows):
        if r == 0:
            out.append(
                "<thead><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in cells) + "</tr></thead><tbody>"
            )
            continue
        if len(cells) == 1:
            out.append(f'<tr><td colspan="{width}"><b>{html.escape(cells[0])}</b></td></tr>')
            continue
        tds = []
        for c, text in enumerate(cells):
            if text == "~":
                continue
            span = 1
            while r + span < len(rows) and len(rows[r + span]) > c and rows[r + span][c] == "~":
                span += 1
            attr = f' rowspan="{span}"' if span > 1 else ""
            tds.append(f"<td{attr}>{html.escape(text)}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _html_body(elements: list[tuple], table_attrs: str) -> list[str]:
    out: list[str] = []
    for el in _groups(elements):
        kind = el[0]
        if kind == "c":
            out.append(f'<p style="text-align: center;"><strong>{html.escape(el[1])}</strong></p>')
        elif kind == "r":
            out.append(f'<p style="text-align: right;">{html.escape(el[1])}</p>')
        elif kind == "p":
            out.append(f'<p style="text-align: justify;">{html.escape(el[1])}</p>')
        elif kind == "pb":
            out.append('<div class="page-break"></div>')
        elif kind == "pair":
            rows = "".join(
                f'<tr><td>{html.escape(a)}</td><td style="text-align: right;">{html.escape(b)}</td></tr>'
                for a, b in el[1]
            )
            out.append(f'<table class="noborder" style="width: 100%;">{rows}</table>')
        elif kind == "tab":
            out.append(_html_table(el[1], table_attrs))
    return out


PORTAL = """<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>{title} | {site}</title>
<link rel="stylesheet" href="/local/templates/main/style.css">
</head>
<body>
<header class="site-header">
 <div class="logo"><a href="/"><img src="/upload/gerb.png" alt="Герб"></a> {site}</div>
 <div class="search"><form action="/search/"><input type="text" name="q" placeholder="Поиск по сайту"><button>Найти</button></form></div>
 <div class="eye"><a href="?special=Y">Версия для слабовидящих</a></div>
</header>
<nav class="main-menu"><ul>
 <li><a href="/about/">О районе</a></li><li><a href="/power/">Органы власти</a></li>
 <li><a href="/docs/">Документы</a></li><li><a href="/news/">Новости</a></li>
 <li><a href="/appeals/">Обращения граждан</a></li><li><a href="/contacts/">Контакты</a></li>
</ul></nav>
<div class="breadcrumbs"><a href="/">Главная</a> / <a href="/docs/">Документы</a> / <a href="/docs/{section}/">{crumb}</a> / <span>{short}</span></div>
<main>
<aside class="sidebar"><h3>Документы</h3><ul>
 <li><a href="/docs/postanovleniya/">Постановления</a></li><li><a href="/docs/rasporyazheniya/">Распоряжения</a></li>
 <li><a href="/docs/resheniya/">Решения</a></li><li><a href="/docs/protokoly/">Протоколы</a></li>
</ul></aside>
<article>
<h1>{short}</h1>
<div class="doc-meta">Дата публикации: {published} <a class="print" href="?print=Y">Версия для печати</a></div>
<div class="content">
{body}
</div>
<div class="share">Поделиться: <a href="#">ВКонтакте</a> <a href="#">Одноклассники</a> <a href="#">Telegram</a></div>
</article>
</main>
<footer>
 <p>{site}</p>
 <p>Адрес: {address}. Телефон приёмной: (8412) 55-00-01</p>
 <p>© 2029–2031. При использовании материалов ссылка на сайт обязательна.</p>
</footer>
</body>
</html>
"""


def portal_html(
    elements: list[tuple], site: str, crumb: str, short: str, published: str, address: str
) -> bytes:
    body = "\n".join(_html_body(elements, 'border="1" cellpadding="4" cellspacing="0" style="width: 100%;"'))
    page = PORTAL.format(
        title=html.escape(short),
        site=html.escape(site),
        section="list",
        crumb=html.escape(crumb),
        short=html.escape(short),
        published=published,
        address=html.escape(address),
        body=body,
    )
    return page.encode("utf-8")


PRINT = """<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
@page {{ size: A4; margin: 20mm 15mm 20mm 30mm; }}
body {{ font-family: "Times New Roman", "Liberation Serif", serif; font-size: 14pt; line-height: 1.15; }}
p {{ margin: 0 0 4pt 0; text-indent: 1.25cm; }}
p[style*="center"], p[style*="right"] {{ text-indent: 0; }}
table {{ border-collapse: collapse; }}
table[border] td, table[border] th {{ border: 1px solid #000; padding: 3pt; font-size: 12pt; vertical-align: top; }}
table.noborder td {{ padding: 6pt 0; vertical-align: bottom; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
.page-break {{ break-before: page; }}
</style>
</head>
<body>
{body}
</body>
</html>
"""


def print_html(elements: list[tuple], title: str) -> bytes:
    body = "\n".join(_html_body(elements, 'border="1" style="width: 100%;"'))
    return PRINT.format(title=html.escape(title), body=body).encode("utf-8")
