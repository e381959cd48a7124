"""The format-neutral layout: what a reader of the original file sees.

Every reader in :mod:`resparse.extract` produces a :class:`Layout`; the structure stage
reads nothing else. A layout is a flat list of blocks in reading order — paragraphs and
tables — each knowing where it came from, so later stages can point back to the source.

List numbers and bullets are kept apart from the text in ``Paragraph.marker`` whether
Word generated them (automatic numbering) or a clerk typed them: the rules downstream
must not care which.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from resparse.models import Source


class Where(BaseModel):
    """Provenance of a block: paragraph index (DOCX), page and box (PDF) or line (text)."""

    index: int | None = None
    page: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None


class Paragraph(BaseModel):
    """One paragraph of running text, with its list marker split off.

    ``text`` keeps soft line breaks as "\n" and tabs as "\t"; an empty ``text`` is a blank
    line in the source, kept because blank lines separate blocks for the rules downstream.
    """

    kind: Literal["paragraph"] = "paragraph"
    text: str
    marker: str | None = None
    """The list number or bullet as a reader sees it: "1.", "1.1.", "2)", "а)", "-", "·"."""
    marker_source: Literal["auto", "typed"] | None = None
    level: int = 0
    """List level (Word's ``ilvl``) or indentation depth; 0 is the outermost."""
    bold: bool = False
    centered: bool = False
    caps: bool = False
    style: str | None = None
    size: float | None = None
    where: Where = Field(default_factory=Where)


class Cell(BaseModel):
    text: str
    span: int = 1
    """Number of grid columns the cell covers (``gridSpan``); merged cells are one cell."""
    bold: bool = False
    merged: bool = False
    """True for a cell covered by a vertical merge (``vMerge``); its text repeats the origin's."""


class Row(BaseModel):
    cells: list[Cell]
    header: bool = False
    where: Where = Field(default_factory=Where)

    @property
    def texts(self) -> list[str]:
        return [cell.text for cell in self.cells]


class Table(BaseModel):
    kind: Literal["table"] = "table"
    rows: list[Row]
    borderless: bool = False
    """True when the table has no visible borders: a layout device (signatures, place/date)."""
    where: Where = Field(default_factory=Where)


Block = Paragraph | Table


SourceInfo = Source
"""Where a layout came from: the same record the output carries as ``Document.source``."""


class Layout(BaseModel):
    source: SourceInfo
    blocks: list[Paragraph | Table] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]
