"""Numbering definitions, styles and signature lines shared by the twelfth set's documents."""

from __future__ import annotations

from wordkit import Doc, abstract, lvl, num

NUMBERING = (
    abstract(1, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2."), lvl(2, "russianLower", "%3)"))
    + abstract(2, lvl(0, "decimal", "%1)"), lvl(1, "russianLower", "%2)"))
    + abstract(3, lvl(0, "decimal", "%1.", style="Punkt"), lvl(1, "decimal", "%1.%2.", style="Podpunkt"))
    + abstract(4, lvl(0, "bullet", "–"))
    + num(1, 1)
    + num(2, 2)
    + num(3, 3)
    + num(4, 4)
    + num(5, 1, restart=1)
    + num(6, 2, restart=1)
    + num(7, 2, restart=1)
    + num(8, 2, restart=1)
    + num(9, 2, restart=1)
    + num(10, 1, restart=1)
)
"""1: "1." / "1.1." / "а)"; 2: "1)" / "а)"; 3: "1." / "1.1." through the styles Punkt and
Podpunkt; 4: a dash bullet; 5–10 the same definitions restarted at 1."""

STYLES = (
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Punkt"><w:name w:val="Пункт"/><w:basedOn w:val="a"/>'
    '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr><w:ind w:left="0" w:firstLine="709"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Podpunkt"><w:name w:val="Подпункт"/><w:basedOn w:val="a"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr><w:ind w:left="0" w:firstLine="709"/></w:pPr></w:style>'
)

BOLD_C = {"align": "center", "bold": True}
C = {"align": "center"}
R = {"align": "right"}


def sign(doc: Doc, position: list, name: str) -> None:
    """A signature line: position (soft line breaks allowed), tabs, the name on the right."""
    doc.p(
        [*position, ("tab",), ("tab",), ("tab",), name],
        ppr='<w:tabs><w:tab w:val="right" w:pos="9355"/></w:tabs><w:jc w:val="left"/>',
    )
