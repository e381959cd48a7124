"""What Word keeps outside the body: the first page's header and the footnotes.

Clerks often set the letterhead ("Министерство …", "ПРИКАЗ") in the first page's header, where
it prints on page one only; the reader puts it above the body, as a reader of the page sees it.
Headers that only number pages, and the headers of later pages, are left out: they repeat.
Footnotes are read after the body, each as a paragraph opening with its number ("1 Здесь и
далее …"), so nothing the document says is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from resparse.extract.docx.package import Package
from resparse.extract.docx.tags import W
from resparse.layout import Block, Paragraph

R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_SECT_PR, _HEADER_REF, _TITLE_PG = f"{W}sectPr", f"{W}headerReference", f"{W}titlePg"
_FOOTNOTE, _TYPE = f"{W}footnote", f"{W}type"
_PAGE_NUMBER = re.compile(r"[\s\-–—.,]*(?:стр\.?|страница|с\.)?[\s\-–—]*\d*[\s\-–—]*", re.I)
"""What a page-numbering header holds: "2", "- 2 -", "стр. 3" (or nothing)."""

Walk = Callable[[etree._Element], list[Block]]


def first_page_header(package: Package, main: str, body: etree._Element | None, walk: Walk) -> list[Block]:
    """The blocks of the header printed on page one (the "first" header when the section asks
    for a different first page, else the default one); none for a page number alone."""
    section = _first_section(body)
    if section is None:
        return []
    wanted = "first" if section.find(_TITLE_PG) is not None else "default"
    ids = {ref.get(_TYPE) or "default": ref.get(f"{R_NS}id") for ref in section.iter(_HEADER_REF)}
    part = package.relation_ids(main).get(ids.get(wanted) or "")
    root = package.optional_xml(part)
    if root is None:
        return []
    blocks = walk(root)
    text = " ".join(b.text for b in blocks if isinstance(b, Paragraph))
    return (
        blocks
        if not _PAGE_NUMBER.fullmatch(text) or any(not isinstance(b, Paragraph) for b in blocks)
        else []
    )


def _first_section(body: etree._Element | None) -> etree._Element | None:
    """The first section's properties: in the paragraph that ends it, else the body's own."""
    if body is None:
        return None
    for paragraph_section in body.iter(_SECT_PR):
        return paragraph_section
    return None


def footnotes(package: Package, main: str, walk: Walk) -> list[Block]:
    """Each footnote's paragraphs after the body, the first opening with the footnote's number."""
    root = package.optional_xml(package.relations(main).get("footnotes"))
    if root is None:
        return []
    blocks: list[Block] = []
    notes = [n for n in root.iter(_FOOTNOTE) if n.get(_TYPE) not in _NOT_NOTES]
    for number, note in enumerate(notes, 1):  # Word numbers them in order; their ids may start at 2
        found = [b for b in walk(note) if not isinstance(b, Paragraph) or b.text.strip()]
        if found and isinstance(found[0], Paragraph):
            found[0] = found[0].model_copy(update={"text": f"{number} {found[0].text.strip()}"})
        blocks.extend(found)
    return blocks


_NOT_NOTES = ("separator", "continuationSeparator", "continuationNotice")
