"""DOCX reader: the package's XML, walked in reading order, with Word's list numbers restored.

The package is opened with :mod:`zipfile` and each XML part we need (the main document, styles,
numbering, relationships, app properties) is read through one capped, DTD-refusing gate
(:mod:`.package`). python-docx stops short of what we need (list numbers, text boxes, tracked
changes, merged cells) and would parse every part of the package, so the reader works on the XML
directly: :mod:`.styles` resolves style chains, :mod:`.numbering` recomputes list numbers,
:mod:`.body` walks paragraphs and :mod:`.tables` tables; :mod:`.margins` adds the first page's
header above the body and the footnotes after it (other headers and footers repeat, unread).
"""

from __future__ import annotations

from resparse.errors import EmptyFileError, LimitExceededError
from resparse.extract.blocks import has_text
from resparse.extract.docx import margins
from resparse.extract.docx.body import Walker
from resparse.extract.docx.numbering import Counters, parse_definitions
from resparse.extract.docx.package import Package
from resparse.extract.docx.styles import read_styles
from resparse.extract.docx.tags import W
from resparse.layout import Layout, SourceInfo, Table, Where
from resparse.limits import Limits

__all__ = ["read"]


def read(data: bytes, source: SourceInfo, limits: Limits) -> Layout:
    """Read a DOCX package into a layout; refuse damaged or hostile packages with one-line reasons."""
    package = Package(data, limits)
    main = package.main_document()
    document = package.xml(main)
    relations = package.relations(main)
    styles = read_styles(package, relations.get("styles"))
    definitions = parse_definitions(package.optional_xml(relations.get("numbering")), styles.numbering_styles)
    body = document.find(f"{W}body")
    walker = Walker(styles, Counters(definitions))
    try:
        blocks = walker.blocks(body) if body is not None else []
        blocks = [
            *margins.first_page_header(package, main, body, walker.blocks),
            *blocks,
            *margins.footnotes(package, main, walker.blocks),
        ]
    except RecursionError as error:
        raise LimitExceededError("DOCX nests tables or text boxes too deeply") from error
    for index, block in enumerate(blocks):
        block.where = Where(index=index)
        if isinstance(block, Table):
            for row in block.rows:
                row.where = Where(index=index)
    if not any(has_text(block) for block in blocks):
        raise EmptyFileError("DOCX has no text")
    pages = package.pages()
    return Layout(source=source.model_copy(update={"pages": pages}), blocks=blocks, warnings=walker.warnings)
