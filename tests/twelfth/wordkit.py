"""Raw OOXML for the twelfth set: a document is written once as Python calls and gives both its
Word package (through tests/docxmaker.py's ``package``) and the visible text a portal shows.

A paragraph is a list of pieces: a ``str`` is a plain run; a tuple is a Word feature —
``("b", s)`` bold, ``("caps", s)`` typed in lower case and shown in capitals (``w:caps``),
``("hid", s)`` hidden (``w:vanish``: not in the text), ``("ins", s)`` / ``("del", s)`` tracked
insertion / deletion (the text shows the document as if accepted), ``("br",)`` a soft line
break, ``("tab",)``, ``("nbh",)`` a non-breaking hyphen, ``("fld", instr, result)`` a complex
field, ``("simple", instr, result)`` a ``w:fldSimple``, ``("link", url, s)`` a ``w:hyperlink``,
``("bm", name, s)`` a bookmarked run, ``("cmt", s, note)`` a commented run, ``("sdt", tag, s)``
a run in a content control.

The text (inputs/*.txt) holds the body as a reader sees it: an automatic number as Word shows
it (typed into the call as ``label``, since Word computes it), a table row a line with its cells
tab-separated (a vertically merged cell empty below its first row, a nested table's cells after
its cell's words), a text box where it is anchored, a first-page header at the top. Running
headers and footers, comments and hidden text are not in it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from docxmaker import REL, package

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'mc:Ignorable="w14"'
)
FOOTER_PAGE = [("fld", "PAGE", "1")]
DATE = 'w:author="Соколова Е.В." w:date="2029-03-02T10:00:00Z"'


class Doc:
    """A document being built: body XML, its visible lines, and the parts beside it."""

    def __init__(self, font: str = "Times New Roman") -> None:
        self.body: list[str] = []
        self.lines: list[str] = []
        self.comments: list[str] = []
        self.parts: dict[str, str] = {}
        self.rels: list[tuple[str, str, str]] = []
        self.ids = 0
        self.font = font

    # ------------------------------------------------------------------ runs
    def _id(self) -> int:
        self.ids += 1
        return self.ids

    def runs(self, pieces: list, rpr: str = "") -> tuple[str, str]:
        xml, text = [], []
        for piece in pieces:
            x, t = self._piece(piece, rpr)
            xml.append(x)
            text.append(t)
        return "".join(xml), "".join(text)

    @staticmethod
    def r(text: str, rpr: str = "") -> str:
        props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
        return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'

    def _piece(self, piece: str | tuple, rpr: str) -> tuple[str, str]:
        if isinstance(piece, str):
            return self.r(piece, rpr), piece
        kind, *args = piece
        if kind == "b":
            return self.r(args[0], rpr + "<w:b/>"), args[0]
        if kind == "caps":
            return self.r(args[0], rpr + "<w:caps/>"), args[0].upper()
        if kind == "hid":
            return self.r(args[0], rpr + "<w:vanish/>"), ""
        if kind == "ins":
            return f'<w:ins w:id="{self._id() + 500}" {DATE}>{self.r(args[0], rpr)}</w:ins>', args[0]
        if kind == "del":
            props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
            run = f'<w:r>{props}<w:delText xml:space="preserve">{escape(args[0])}</w:delText></w:r>'
            return f'<w:del w:id="{self._id() + 500}" {DATE}>{run}</w:del>', ""
        if kind == "br":
            return "<w:r><w:br/></w:r>", "\n"
        if kind == "tab":
            return "<w:r><w:tab/></w:r>", "\t"
        if kind == "nbh":
            return "<w:r><w:noBreakHyphen/></w:r>", "-"
        if kind == "fld":
            instr, result = args
            return (
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> {escape(instr)} </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                f'{self.r(result, rpr)}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            ), result
        if kind == "simple":
            instr, result = args
            quoted = escape(instr, {'"': "&quot;"})
            return f'<w:fldSimple w:instr=" {quoted} ">{self.r(result, rpr)}</w:fldSimple>', result
        if kind == "link":
            url, text = args
            rid = self.rel("hyperlink", url, external=True)
            run = self.r(text, rpr + '<w:u w:val="single"/>')
            return f'<w:hyperlink r:id="{rid}">{run}</w:hyperlink>', text
        if kind == "bm":
            name, text = args
            i = self._id()
            return (
                f'<w:bookmarkStart w:id="{i}" w:name="{name}"/>{self.r(text, rpr)}<w:bookmarkEnd w:id="{i}"/>',
                text,
            )
        if kind == "cmt":
            text, note = args
            i = len(self.comments)
            self.comments.append(
                f'<w:comment w:id="{i}" w:author="Соколова Е.В." w:initials="СЕ">'
                f"<w:p>{self.r(note)}</w:p></w:comment>"
            )
            return (
                f'<w:commentRangeStart w:id="{i}"/>{self.r(text, rpr)}<w:commentRangeEnd w:id="{i}"/>'
                f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{i}"/></w:r>'
            ), text
        if kind == "sdt":
            tag, text = args
            return (
                f'<w:sdt><w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/><w:id w:val="{self._id() + 900}"/>'
                f"<w:text/></w:sdtPr><w:sdtContent>{self.r(text, rpr)}</w:sdtContent></w:sdt>"
            ), text
        raise ValueError(kind)

    def rel(self, kind: str, target: str, external: bool = False) -> str:
        rid = f"rId{len(self.rels) + 10}"
        self.rels.append((rid, kind, target + ('" TargetMode="External' if external else "")))
        return rid

    # ------------------------------------------------------------------ paragraphs
    def para_xml(
        self,
        pieces: list | str,
        *,
        style: str | None = None,
        num: tuple[int, int] | None = None,
        align: str | None = None,
        bold: bool = False,
        ppr: str = "",
        label: str | None = None,
    ) -> tuple[str, str]:
        if isinstance(pieces, str):
            pieces = [pieces]
        props = f'<w:pStyle w:val="{style}"/>' if style else ""
        if num is not None:
            props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        props += ppr
        if align:
            props += f'<w:jc w:val="{align}"/>'
        xml, text = self.runs(pieces, "<w:b/>" if bold else "")
        if label:
            text = f"{label} {text}"
        return f"<w:p><w:pPr>{props}</w:pPr>{xml}</w:p>", text

    def p(self, pieces: list | str = "", **kw) -> None:
        xml, text = self.para_xml(pieces, **kw)
        self.body.append(xml)
        if text.strip():
            self.lines.extend(text.split("\n"))

    def sdt_p(self, tag: str, pieces: list | str, **kw) -> None:
        """A paragraph inside a block-level content control."""
        xml, text = self.para_xml(pieces, **kw)
        self.body.append(
            f'<w:sdt><w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/><w:id w:val="{self._id() + 900}"/>'
            f"</w:sdtPr><w:sdtContent>{xml}</w:sdtContent></w:sdt>"
        )
        self.lines.extend(text.split("\n"))

    def page_break(self) -> None:
        self.body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    # ------------------------------------------------------------------ tables
    def table_xml(
        self, rows: list[list], widths: list[int], *, grid: bool = True, header: int = 0
    ) -> tuple[str, list[str]]:
        """Rows of cells: a cell is pieces/str, or a dict with ``paras`` (list of pieces), ``vm``
        ("restart"/"cont"), ``span`` (gridSpan), ``nested`` (rows, widths), ``align``, ``bold``."""
        borders = (
            "<w:tblBorders>"
            + "".join(
                f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                for s in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + "</w:tblBorders>"
            if grid
            else ""
        )
        xml = [
            f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>{borders}<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
            + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
            + "</w:tblGrid>"
        ]
        lines = []
        for index, row in enumerate(rows):
            trpr = "<w:trPr><w:tblHeader/></w:trPr>" if index < header else ""
            cells_xml, texts, col = [], [], 0
            for cell in row:
                c = cell if isinstance(cell, dict) else {"paras": [cell]}
                span = c.get("span", 1)
                tcpr = f'<w:tcW w:w="{sum(widths[col : col + span])}" w:type="dxa"/>'
                if span > 1:
                    tcpr += f'<w:gridSpan w:val="{span}"/>'
                if c.get("vm"):
                    tcpr += '<w:vMerge w:val="restart"/>' if c["vm"] == "restart" else "<w:vMerge/>"
                col += span
                inner, words = [], []
                for para in c.get("paras", [""]):
                    px, pt = self.para_xml(para, align=c.get("align"), bold=c.get("bold", False))
                    inner.append(px)
                    if pt.strip():
                        words.append(pt)
                if c.get("nested"):
                    nx, nlines = self.table_xml(*c["nested"])
                    inner.append(nx + "<w:p/>")
                    words.extend(cell for line in nlines for cell in line.split("\t") if cell)
                if c.get("vm") == "cont":
                    words = []
                cells_xml.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{''.join(inner)}</w:tc>")
                texts.append(" ".join(words))
            xml.append(f"<w:tr>{trpr}{''.join(cells_xml)}</w:tr>")
            if any(t.strip() for t in texts):
                lines.append("\t".join(texts).rstrip("\t"))
        xml.append("</w:tbl>")
        return "".join(xml), lines

    def table(self, rows: list[list], widths: list[int], **kw) -> None:
        xml, lines = self.table_xml(rows, widths, **kw)
        self.body.append(xml)
        self.lines.extend(lines)

    # ------------------------------------------------------------------ text boxes
    def text_box(
        self, paras: list[tuple[list | str, dict]], *, table: tuple | None = None, height: int = 1800000
    ) -> None:
        """A floating text box anchored in an empty paragraph: DrawingML (``wps:txbx``) with the
        VML fallback (``v:textbox``) Word writes beside it — the same content twice in the file."""
        inner, lines = [], []
        for pieces, kw in paras:
            x, t = self.para_xml(pieces, **kw)
            inner.append(x)
            lines.extend(t.split("\n"))
        if table:
            tx, tl = self.table_xml(*table[:2], **(table[2] if len(table) > 2 else {}))
            inner.append(tx + "<w:p/>")
            lines.extend(tl)
        content = "".join(inner)
        i = self._id()
        choice = (
            f'<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="{i}" '
            'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="margin"><wp:posOffset>0</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="5940000" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
            f'<wp:docPr id="{i}" name="Надпись {i}"/><wp:cNvGraphicFramePr/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="5940000" cy="{height}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
            f"<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>"
            '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"><a:noAutofit/></wps:bodyPr>'
            "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        )
        fallback = (
            f'<w:pict><v:shapetype id="_x0000_t{i}" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"/>'
            f'<v:shape id="Надпись {i}" o:spid="_x0000_s{i}" type="#_x0000_t{i}" stroked="f" filled="f" '
            f'style="position:absolute;margin-left:0;margin-top:0;width:467.7pt;height:{height / 12700:.1f}pt;z-index:1">'
            f'<v:textbox inset="0,0,0,0"><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict>'
        )
        self.body.append(
            f'<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps">{choice}</mc:Choice>'
            f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r></w:p>"
        )
        self.lines.extend(line for line in lines if line.strip())

    # ------------------------------------------------------------------ headers, footers, sections
    def header(self, kind: str, paras: list[tuple[list | str, dict]], *, visible: bool = False) -> str:
        """A header (kind "hdr") or footer ("ftr") part; ``visible`` puts its text in the body's
        text at this point (a letterhead printed in the first-page header)."""
        inner = []
        for pieces, kw in paras:
            x, t = self.para_xml(pieces, **kw)
            inner.append(x)
            if visible:
                self.lines.extend(t.split("\n"))
        n = len(self.parts) + 1
        name = f"{'header' if kind == 'hdr' else 'footer'}{n}.xml"
        root = "w:hdr" if kind == "hdr" else "w:ftr"
        self.parts[f"word/{name}"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{root} {NS}>{"".join(inner)}</{root}>'
        )
        return self.rel("header" if kind == "hdr" else "footer", name)

    def footer_with_isp(self, isp: str) -> str:
        """A default footer: the page number centred, then the executor's "Исп. …, тел." line;
        returns its ``w:footerReference``."""
        rid = self.header("ftr", [(FOOTER_PAGE, {"align": "center"}), (isp, {"align": "left"})])
        return f'<w:footerReference w:type="default" r:id="{rid}"/>'

    @staticmethod
    def sect(refs: str = "", *, landscape: bool = False, title_pg: bool = False) -> str:
        size = (
            '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
            if landscape
            else '<w:pgSz w:w="11906" w:h="16838"/>'
        )
        return (
            f'<w:sectPr>{refs}{size}<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" '
            f'w:header="708" w:footer="708" w:gutter="0"/>{"<w:titlePg/>" if title_pg else ""}</w:sectPr>'
        )

    def section_break(self, refs: str = "", **kw) -> None:
        """End the section so far (its properties ride on an empty paragraph)."""
        self.body.append(f"<w:p><w:pPr>{self.sect(refs, **kw)}</w:pPr></w:p>")

    # ------------------------------------------------------------------ package
    def docx(self, *, numbering: str = "", styles: str = "", final_sect: str | None = None) -> bytes:
        body = "".join(self.body) + (final_sect if final_sect is not None else self.sect())
        document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}</w:body></w:document>'
        parts: dict[str, str | bytes] = dict(self.parts)
        overrides = [
            (
                "/word/document.xml",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            ),
            ("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"),
            (
                "/word/numbering.xml",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
            ),
        ]
        rels = [("rId1", "styles", "styles.xml"), ("rId2", "numbering", "numbering.xml"), *self.rels]
        for name in self.parts:
            short = name.removeprefix("word/")
            kind = "header" if short.startswith("header") else "footer"
            overrides.append(
                (f"/{name}", f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml")
            )
        if self.comments:
            parts["word/comments.xml"] = (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {NS}>{"".join(self.comments)}</w:comments>'
            )
            overrides.append(
                (
                    "/word/comments.xml",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
                )
            )
            rels.append(("rId9", "comments", "comments.xml"))
        parts["[Content_Types].xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{n}" ContentType="{c}"/>' for n, c in overrides)
            + "</Types>"
        )
        parts["word/_rels/document.xml.rels"] = (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="{i}" Type="{REL}/{k}" Target="{t}"/>' for i, k, t in rels)
            + "</Relationships>"
        )
        styles_xml = (
            f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{self.font}" w:hAnsi="{self.font}" w:cs="{self.font}"/>'
            '<w:sz w:val="28"/><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>'
            '<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>'
            '<w:rPr><w:sz w:val="16"/></w:rPr></w:style>' + styles
        )
        return package("", numbering=numbering, styles=styles_xml, document=document, parts=parts)

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.lines) + "\n"


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, style: str | None = None) -> str:
    link = f'<w:pStyle w:val="{style}"/>' if style else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{link}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="1069"/></w:tabs><w:ind w:left="0" w:firstLine="709"/></w:pPr></w:lvl>'
    )


def abstract(aid: int, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>'


def num(nid: int, aid: int, restart: int | None = None) -> str:
    over = (
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{restart}"/></w:lvlOverride>' if restart else ""
    )
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{over}</w:num>'
