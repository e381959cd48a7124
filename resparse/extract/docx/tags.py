"""WordprocessingML names, the three ways an attribute is read (value, on/off, integer), and the
wrappers (content controls, custom XML, alternate content) the walk looks through."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"

P, R, TBL, TR, TC = (f"{W}{name}" for name in ("p", "r", "tbl", "tr", "tc"))
PPR, RPR, TCPR, TRPR, TBLPR = (f"{W}{name}" for name in ("pPr", "rPr", "tcPr", "trPr", "tblPr"))
SDT, SDT_CONTENT, CUSTOM_XML = f"{W}sdt", f"{W}sdtContent", f"{W}customXml"
TXBX = f"{W}txbxContent"
ALTERNATE, CHOICE, FALLBACK = f"{MC}AlternateContent", f"{MC}Choice", f"{MC}Fallback"
FLD_CHAR = f"{W}fldChar"
VAL = f"{W}val"

_OFF = ("0", "false", "off", "none")


def val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(VAL)


def toggle(element: etree._Element | None) -> bool | None:
    """An on/off property: absent → unknown; ``<w:b/>`` → on; ``w:val="0|false|off"`` → off."""
    if element is None:
        return None
    return element.get(VAL) not in _OFF


def integer(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def choose(alternate: etree._Element) -> etree._Element | None:
    """Of ``mc:AlternateContent`` take one branch — both carry the same text."""
    choice = alternate.find(CHOICE)
    return choice if choice is not None else alternate.find(FALLBACK)


def content(element: etree._Element) -> Iterator[etree._Element]:
    """Children, seen through content controls, custom XML and alternate-content wrappers."""
    for child in element:
        tag = child.tag
        if tag == SDT:
            inner = child.find(SDT_CONTENT)
            if inner is not None:
                yield from content(inner)
        elif tag == CUSTOM_XML:
            yield from content(child)
        elif tag == ALTERNATE:
            branch = choose(child)
            if branch is not None:
                yield from content(branch)
        else:
            yield child


def text_boxes(element: etree._Element) -> Iterator[etree._Element]:
    """Outermost ``w:txbxContent`` under a drawing, taking one branch of alternate content."""
    for child in element:
        if child.tag == TXBX:
            yield child
        elif child.tag == ALTERNATE:
            branch = choose(child)
            if branch is not None:
                yield from text_boxes(branch)
        elif isinstance(child.tag, str):
            yield from text_boxes(child)
