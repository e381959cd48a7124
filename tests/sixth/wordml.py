"""WordprocessingML of the sixth set's .docx: runs with tracked changes, footnotes, hyperlinks,
fields, smart tags and content controls; paragraphs with Word's automatic numbering; ruled
tables with merged cells. :mod:`worddoc` assembles them into a package."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from markup import Para, spans

TNR = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>'
WHEN = 'w:author="Мухина А.П." w:date="2027-04-17T10:12:00Z"'


@dataclass
class Parts:
    """What the body's runs need elsewhere in the package."""

    footnotes: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    nums: list[tuple[int, int]] = field(default_factory=list)  # (numId, abstractNumId) restarted
    ids: int = 100

    def next_id(self) -> int:
        self.ids += 1
        return self.ids


def _t(text: str, bold: bool = False, tag: str = "w:t") -> str:
    props = f"<w:rPr>{TNR}{'<w:b/>' if bold else ''}</w:rPr>"
    pieces = text.split("¶")
    inner = "<w:br/>".join(f'<{tag} xml:space="preserve">{escape(p)}</{tag}>' for p in pieces)
    return f"<w:r>{props}{inner}</w:r>"


def _field(instr: str, result: str) -> str:
    code = {"DATE": ' DATE \\@ "dd.MM.yyyy" ', "PAGE": " PAGE "}.get(instr, f" {instr} ")
    return (
        '<w:r><w:fldChar w:fldCharType="begin" w:fldLock="true"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{escape(code)}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{_t(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def runs(text: str, parts: Parts, bold: bool = False) -> str:
    """The runs of a markup text."""
    out = []
    for kind, chunk, extra in spans(text):
        if kind == "t":
            out.append(_t(chunk, bold))
        elif kind == "ins":
            out.append(f'<w:ins w:id="{parts.next_id()}" {WHEN}>{_t(chunk, bold)}</w:ins>')
        elif kind == "dele":
            out.append(f'<w:del w:id="{parts.next_id()}" {WHEN}>{_t(chunk, bold, "w:delText")}</w:del>')
        elif kind == "fn":
            parts.footnotes.append(chunk)
            out.append(
                '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/>'
                f'</w:rPr><w:footnoteReference w:id="{len(parts.footnotes)}"/></w:r>'
            )
        elif kind == "link":
            parts.links.append(extra)
            out.append(
                f'<w:hyperlink r:id="rIdL{len(parts.links)}" w:history="1"><w:r><w:rPr>'
                f'<w:rStyle w:val="Hyperlink"/>{TNR}</w:rPr><w:t xml:space="preserve">{escape(chunk)}</w:t>'
                "</w:r></w:hyperlink>"
            )
        elif kind == "fld":
            out.append(_field(extra, chunk))
        elif kind == "smart":
            out.append(
                '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="date">'
                '<w:smartTagPr><w:attr w:name="Year" w:val="2027"/></w:smartTagPr>'
                f"{_t(chunk, bold)}</w:smartTag>"
            )
        else:  # an inline content control: a date picker
            out.append(
                f'<w:sdt><w:sdtPr><w:alias w:val="Дата документа"/><w:id w:val="{parts.next_id()}"/>'
                '<w:date w:fullDate="2027-03-09T00:00:00Z"><w:dateFormat w:val="dd.MM.yyyy"/>'
                '<w:lid w:val="ru-RU"/></w:date></w:sdtPr>'
                f"<w:sdtContent>{_t(chunk, bold)}</w:sdtContent></w:sdt>"
            )
    return "".join(out)


def paragraph(content: str, ppr: str = "", sdt: bool = False, parts: Parts | None = None) -> str:
    xml = f"<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>"
    if sdt and parts is not None:
        xml = (
            f'<w:sdt><w:sdtPr><w:alias w:val="Реквизиты"/><w:tag w:val="requisites"/>'
            f'<w:id w:val="{parts.next_id()}"/></w:sdtPr><w:sdtContent>{xml}</w:sdtContent></w:sdt>'
        )
    return xml


JUSTIFY = '<w:spacing w:after="0"/><w:ind w:firstLine="709"/><w:jc w:val="both"/>'
CENTRE = '<w:spacing w:after="0"/><w:jc w:val="center"/>'
TABS = '<w:tabs><w:tab w:val="right" w:pos="9355"/></w:tabs><w:spacing w:after="0"/>'


def plain_para(para: Para, parts: Parts) -> str:
    """A paragraph that is not a numbered point or a table row."""
    if para.tag in ("H", "C"):
        return paragraph(runs(para.text, parts, bold=True), CENTRE, para.sdt, parts)
    if para.tag in ("DN", "SG"):
        left, right = para.cells
        body = runs(left, parts) + "<w:r><w:tab/></w:r>" + runs(right, parts)
        return paragraph(body, TABS, para.sdt, parts)
    if para.tag == "ST":
        return paragraph(runs(para.text, parts), '<w:spacing w:after="0"/><w:ind w:left="5670"/>')
    if para.tag == "B":
        return paragraph(runs(para.text, parts), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="9"/></w:numPr>')
    return paragraph(runs(para.text, parts), JUSTIFY, para.sdt, parts)


def numbered(para: Para, parts: Parts, paren: bool) -> str:
    """A point numbered by Word: "1." "1.1." "1.1.1." (abstract 1) or "1)" "а)" (abstract 2);
    a label that starts a list again ("1.", "1)") opens a new list instance."""
    label = para.label
    level = label.count(".") - 1 if label.endswith(".") else (0 if label[0].isdigit() else 1)
    abstract = 2 if paren else 1
    if level == 0 and label in ("1.", "1)"):
        parts.nums.append((10 + len(parts.nums), abstract))
    num_id = parts.nums[-1][0]
    ppr = f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>{JUSTIFY}'
    return paragraph(runs(para.text, parts), ppr, para.sdt, parts)


def _cell(text: str, width: int, parts: Parts, extra: str = "", bold: bool = False) -> str:
    lines = "".join(paragraph(runs(t, parts, bold), '<w:spacing w:after="0"/>') for t in text.split("¶"))
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{extra}</w:tcPr>{lines}</w:tc>'


def _merge_starts(rows: list[Para]) -> set[tuple[int, int]]:
    """(row, column) of each cell that later "^" cells continue."""
    starts = set()
    for i, row in enumerate(rows):
        for c, value in enumerate(row.cells):
            if value == "^":
                j = i - 1
                while rows[j].cells[c] == "^":
                    j -= 1
                starts.add((j, c))
    return starts


def table(rows: list[Para], widths: list[int], parts: Parts) -> str:
    """A ruled table: a TS row merged across (gridSpan), a "^" cell merged with the one above."""
    restart = _merge_starts(rows)
    xml_rows = []
    for i, row in enumerate(rows):
        head = "<w:trPr><w:tblHeader/></w:trPr>" if row.tag == "TH" else ""
        if row.tag == "TS":
            cells = _cell(row.text, sum(widths), parts, f'<w:gridSpan w:val="{len(widths)}"/>', bold=True)
        else:
            cells = ""
            for c, value in enumerate(row.cells):
                merge = '<w:vMerge w:val="restart"/>' if (i, c) in restart else ""
                if value == "^":
                    merge, value = "<w:vMerge/>", ""
                cells += _cell(value, widths[c], parts, merge, bold=row.tag == "TH")
        xml_rows.append(f"<w:tr>{head}{cells}</w:tr>")
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
        f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(xml_rows)}</w:tbl>'
    )
