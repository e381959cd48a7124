"""Minimal DOCX packages written by hand, for tests that need exact XML (hostile numbering,
merged cells, styles): one builder, like :mod:`pdfmaker` for PDFs."""

from __future__ import annotations

import io
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def package(
    body: str,
    *,
    numbering: str | None = None,
    styles: str | None = None,
    pages: int | None = None,
    document: str | None = None,
    parts: dict[str, str | bytes] | None = None,
) -> bytes:
    """A minimal DOCX: ``body`` is the inside of ``w:body``; numbering/styles the inside of their roots."""
    files: dict[str, str | bytes] = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/extended-properties" Target="docProps/app.xml"/>'
            "</Relationships>"
        ),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/numbering" Target="numbering.xml"/>'
            "</Relationships>"
        ),
        "word/document.xml": document
        or f'<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}</w:body></w:document>',
    }
    if numbering is not None:
        files["word/numbering.xml"] = f'<?xml version="1.0"?><w:numbering {NS}>{numbering}</w:numbering>'
    if styles is not None:
        files["word/styles.xml"] = f'<?xml version="1.0"?><w:styles {NS}>{styles}</w:styles>'
    if pages is not None:
        files["docProps/app.xml"] = (
            '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/extended-properties"><Pages>{pages}</Pages></Properties>'
        )
    files.update(parts or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content.encode() if isinstance(content, str) else content)
    return buffer.getvalue()


def p(text: str = "", *, num: tuple[int, int] | None = None, style: str | None = None, ppr: str = "") -> str:
    """A paragraph with one run; ``num`` = (numId, ilvl)."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    props += ppr
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p><w:pPr>{props}</w:pPr>{run}</w:p>"
