"""Assemble a sixth-set document into a .docx package (tests/docxmaker.py's ``package``, with
the header, footer, footnotes and hyperlink parts Word writes)."""

from __future__ import annotations

from docxmaker import NS, REL, package
from markup import Para
from wordml import CENTRE, JUSTIFY, Parts, numbered, paragraph, plain_para, runs, table

CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
PORTRAIT = '<w:pgSz w:w="11906" w:h="16838"/>'
LANDSCAPE = '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
MARGINS = '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="709" w:footer="709" w:gutter="0"/>'


def _level(ilvl: int, fmt: str, text: str) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        '<w:lvlJc w:val="left"/><w:suff w:val="space"/><w:pPr><w:ind w:left="0" w:firstLine="709"/></w:pPr></w:lvl>'
    )


def numbering(parts: Parts) -> str:
    dotted = "".join(
        _level(i, "decimal", ".".join(f"%{k + 1}" for k in range(i + 1)) + ".") for i in range(3)
    )
    paren = _level(0, "decimal", "%1)") + _level(1, "russianLower", "%2)")
    bullet = _level(0, "bullet", "–")
    nums = "".join(
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="{a}"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        for n, a in parts.nums
    )
    return (
        f'<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>{dotted}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="multilevel"/>{paren}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="3"><w:multiLevelType w:val="singleLevel"/>{bullet}</w:abstractNum>'
        f'{nums}<w:num w:numId="9"><w:abstractNumId w:val="3"/></w:num>'
    )


STYLES = (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
    'w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="28"/><w:lang w:val="ru-RU"/>'
    "</w:rPr></w:rPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
    '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
    '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
    '<w:rPr><w:sz w:val="20"/></w:rPr></w:style>'
)


def _widths(columns: int, landscape: bool) -> list[int]:
    total = 14570 if landscape else 9355
    weights = [4, 3, 2, 3][: columns - 1] if columns == 5 else [5, 3, 2][: columns - 1]
    rest = total - 700
    return [700, *(rest * w // sum(weights) for w in weights)]


def body(paras: list[Para], opts: dict, parts: Parts) -> str:
    out, rows = [], []
    for para in [*paras, Para("END")]:
        if para.tag in ("TH", "TR", "TS"):
            rows.append(para)
            continue
        if rows:
            out.append(table(rows, _widths(len(rows[0].cells), opts.get("landscape", False)), parts))
            rows = []
        if para.tag == "END":
            out.append(paragraph(""))  # Word ends a body with a paragraph, also after a table
            break
        if para.tag == "SECT":
            out.append(paragraph("", f"<w:sectPr>{PORTRAIT}{MARGINS}</w:sectPr>"))
        elif para.tag == "N" and opts.get("auto"):
            out.append(numbered(para, parts, opts.get("paren", False)))
        elif para.tag == "N":
            out.append(paragraph(runs(f"{para.label} {para.text}", parts), JUSTIFY, para.sdt, parts))
        else:
            out.append(plain_para(para, parts))
    return "".join(out)


def _part(root: str, inner: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} {NS}>{inner}</w:{root}>'


def _footnotes(parts: Parts) -> str:
    notes = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
        for i, text in enumerate(parts.footnotes, 1)
    )
    return _part(
        "footnotes",
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
        f"</w:p></w:footnote>{notes}",
    )


def build(paras: list[Para], opts: dict) -> bytes:
    parts = Parts()
    head = paras[: opts.get("header", 0)]
    xml = body(paras[len(head) :], opts, parts)
    rels = [("styles", "styles.xml"), ("numbering", "numbering.xml")]
    files: dict[str, str | bytes] = {}
    overrides = [("/word/document.xml", f"{CT}.document.main+xml"), ("/word/styles.xml", f"{CT}.styles+xml")]
    overrides.append(("/word/numbering.xml", f"{CT}.numbering+xml"))
    sect, size, title_pg = "", LANDSCAPE if opts.get("landscape") else PORTRAIT, ""
    if head:
        kind = "first" if len(head) > 1 else "default"
        files["word/header1.xml"] = _part(
            "hdr", "".join(paragraph(runs(h.text, parts, True), CENTRE) for h in head)
        )
        rels.append(("header", "header1.xml"))
        overrides.append(("/word/header1.xml", f"{CT}.header+xml"))
        sect += f'<w:headerReference w:type="{kind}" r:id="rId3"/>'
        title_pg = "<w:titlePg/>" if kind == "first" else ""
    if opts.get("fields"):
        page = '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        files["word/footer1.xml"] = _part("ftr", paragraph(page, '<w:jc w:val="center"/>'))
        rels.append(("footer", "footer1.xml"))
        overrides.append(("/word/footer1.xml", f"{CT}.footer+xml"))
        sect += f'<w:footerReference w:type="default" r:id="rId{len(rels)}"/>'
    if parts.footnotes:
        files["word/footnotes.xml"] = _footnotes(parts)
        rels.append(("footnotes", "footnotes.xml"))
        overrides.append(("/word/footnotes.xml", f"{CT}.footnotes+xml"))
    rel_xml = "".join(
        f'<Relationship Id="rId{i}" Type="{REL}/{t}" Target="{f}"/>' for i, (t, f) in enumerate(rels, 1)
    )
    rel_xml += "".join(
        f'<Relationship Id="rIdL{i}" Type="{REL}/hyperlink" Target="{url}" TargetMode="External"/>'
        for i, url in enumerate(parts.links, 1)
    )
    files["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships '
        f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rel_xml}</Relationships>'
    )
    files["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{n}" ContentType="{c}"/>' for n, c in overrides)
        + "</Types>"
    )
    sect_xml = f"<w:sectPr>{sect}{size}{MARGINS}{title_pg}</w:sectPr>"
    return package(xml + sect_xml, numbering=numbering(parts), styles=STYLES, parts=files)
