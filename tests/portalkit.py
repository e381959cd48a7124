"""Word originals and portal pages of a hand-written set, from its line markup's elements
(:func:`renderkit.parse_markup`); the eleventh and thirteenth sets render through it.

* :func:`docx_of`: python-docx through tests/renderkit.py. ``typed`` keeps every number typed;
  ``auto`` gives Word's automatic numbering to "1." (level 0) and "1.1." (level 1) of one
  multi-level list, "I." (upper Roman), "1)" and "–"/"•" (bullets), each list restarted where the
  typed numbers restart at 1. The renderer counts as Word does and checks that every generated
  number equals the typed one. Headings centred and bold, place | date and signatures in
  borderless tables, annex plans in a ruled "Table Grid" table with merged section rows.
* :func:`html_of`: a portal page — menu, breadcrumbs, the document in ``<div class="content">``
  (``p`` a ``<p>`` a paragraph; ``br`` the paragraphs in one block joined by ``<br>``), the
  signature as a table, a footer.
"""

from __future__ import annotations

import html
import io
import re
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm
from renderkit import borderless, centred, new_document, numbered

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _lvl(ilvl: int, fmt: str, text: str) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="709"/></w:pPr></w:lvl>'
    )


ABSTRACT = {
    "dec": (80, "multilevel", _lvl(0, "decimal", "%1.") + _lvl(1, "decimal", "%1.%2.")),
    "rom": (81, "singleLevel", _lvl(0, "upperRoman", "%1.")),
    "par": (82, "singleLevel", _lvl(0, "decimal", "%1)")),
    "bul": (83, "hybridMultilevel", _lvl(0, "bullet", "–")),
}
PATTERNS = [
    ("rom", 0, re.compile(r"^([IVX]+)\.\s+")),
    ("dec", 1, re.compile(r"^(\d+)\.(\d+)\.\s+")),
    ("dec", 0, re.compile(r"^(\d+)\.\s+(?!\d)")),
    ("par", 0, re.compile(r"^(\d+)\)\s+")),
    ("bul", 0, re.compile(r"^[–•]\s+")),
]


class Lists:
    """Word list instances of the four definitions, restarted when a typed list restarts at 1."""

    def __init__(self, doc: Any) -> None:
        self.numbering = doc.part.numbering_part.element
        first = self.numbering.find(qn("w:num"))
        for abstract_id, kind, levels in ABSTRACT.values():
            node = parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                f'<w:multiLevelType w:val="{kind}"/>{levels}</w:abstractNum>'
            )
            if first is not None:
                first.addprevious(node)
            else:
                self.numbering.append(node)
        self.current: dict[str, tuple[int, list[int]]] = {}

    def _new(self, name: str) -> int:
        num = self.numbering.add_num(ABSTRACT[name][0])
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        self.current[name] = (num.numId, [0, 0])
        return num.numId

    def place(self, name: str, level: int, typed: list[int]) -> int:
        """The list instance for a paragraph numbered ``typed``; checks Word's count against it."""
        if name not in self.current or (level == 0 and typed and typed[0] == 1):
            self._new(name)
        num_id, counters = self.current[name]
        counters[level] += 1
        if level == 0:
            counters[1] = 0
        if name != "bul":
            want = counters[: level + 1]
            assert want == typed, f"Word would number {want}, the text has {typed}"
        return num_id


def _typed(name: str, match: re.Match[str]) -> list[int]:
    if name == "rom":
        return [ROMAN.index(match.group(1)) + 1]
    if name == "bul":
        return []
    return [int(g) for g in match.groups()]


def _paragraph(doc: Any, text: str, mode: str, lists: Lists | None) -> None:
    if mode == "auto" and lists is not None:
        for name, level, pattern in PATTERNS:
            match = pattern.match(text)
            if match:
                num_id = lists.place(name, level, _typed(name, match))
                p = doc.add_paragraph(text[match.end() :])
                numbered(p, num_id, level)
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                return
    p = doc.add_paragraph(text)
    p.paragraph_format.first_line_indent = Cm(1.25)
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _table(doc: Any, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row, cells in zip(table.rows, rows, strict=True):
        if len(cells) == 1:
            merged = row.cells[0].merge(row.cells[-1])
            merged.text = cells[0]
            merged.paragraphs[0].runs[0].bold = True
            continue
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text


def _side_by_side(doc: Any, el: tuple) -> None:
    table = doc.add_table(rows=1, cols=2)
    for cell, (position, name) in zip(table.rows[0].cells, [(el[1], el[2]), (el[3], el[4])], strict=True):
        cell.text = position
        cell.add_paragraph(name)


def docx_of(elements: list[tuple], mode: str) -> bytes:
    doc = new_document()
    lists = Lists(doc) if mode == "auto" else None
    for el in elements:
        kind = el[0]
        if kind == "c":
            centred(doc, el[1])
        elif kind == "r":
            doc.add_paragraph(el[1]).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind in ("dn", "sig"):
            borderless(doc, [(el[1], el[2])])
        elif kind == "sig2":
            _side_by_side(doc, el)
        elif kind == "tab":
            _table(doc, el[1])
        elif kind == "p":
            _paragraph(doc, el[1], mode, lists)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _cells(row: list[str], width: int) -> str:
    span = f' colspan="{width}"' if len(row) == 1 else ""
    return "<tr>" + "".join(f"<td{span}>{html.escape(c)}</td>" for c in row) + "</tr>"


def html_of(title: str, site: str, elements: list[tuple], style: str, page: str) -> bytes:
    """A portal page: ``page`` is the site's template (menu, breadcrumbs, sidebar, footer) with
    ``{title}``, ``{crumb}``, ``{body}`` and ``{site}`` slots."""
    parts: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            parts.append("<p>" + "<br>\n".join(run) + "</p>")
            run.clear()

    for el in elements:
        kind = el[0]
        if kind in ("chrome", "blank"):
            continue
        if kind == "p" and style == "br":
            run.append(html.escape(el[1]))
            continue
        flush()
        if kind == "c":
            parts.append(f'<p style="text-align: center;"><strong>{html.escape(el[1])}</strong></p>')
        elif kind == "r":
            parts.append(f'<p style="text-align: right;">{html.escape(el[1])}</p>')
        elif kind in ("dn", "sig"):
            parts.append(
                f'<table class="plain"><tr><td>{html.escape(el[1])}</td><td>{html.escape(el[2])}</td></tr></table>'
            )
        elif kind == "sig2":
            left = f"{html.escape(el[1])}<br>{html.escape(el[2])}"
            right = f"{html.escape(el[3])}<br>{html.escape(el[4])}"
            parts.append(f'<table class="plain"><tr><td>{left}</td><td>{right}</td></tr></table>')
        elif kind == "tab":
            width = len(el[1][0])
            parts.append('<table border="1">' + "".join(_cells(r, width) for r in el[1]) + "</table>")
        else:
            parts.append(f"<p>{html.escape(el[1])}</p>")
    flush()
    return page.format(
        title=html.escape(title),
        crumb=html.escape(title[:60]),
        site=html.escape(site),
        body="\n".join(parts),
    ).encode("utf-8")
