"""The output schema (contract schema 1): the single source of truth for what resparse emits.

Field names and meanings are binding (see README, "Output"); new fields may be added, none
renamed or dropped without a new ``schema_version``. ``resparse schema`` prints the JSON
Schema generated from these classes.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

Kind = Literal["recommendations", "resolution", "roadmap", "decision", "other"]
Recurrence = Literal["annual", "quarterly", "monthly"]
Role = Literal["responsible", "involved"]


def _spaced(text: str) -> str:
    """One ordinary space between words: non-breaking spaces ("В.С.\u00a0Кудрявцев", "№\u00a05") and
    runs of spaces in a name are a typesetter's, not part of it."""
    return " ".join(text.split())


Name = Annotated[str, AfterValidator(_spaced)]
"""A name or position, as other systems will match it."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    path: str
    format: str
    sha256: str
    pages: int | None = None
    ocr: bool = False
    """True when the text came from OCR and may contain recognition errors."""


class Party(_Model):
    """An organisation or person addressed: as written, and in the nominative."""

    text: str
    name: Name


class Deadline(_Model):
    """A term normalised to a closed interval of dates; the words are always kept in ``text``."""

    text: str
    start: dt.date | None = None
    end: dt.date | None = None
    recurrence: Recurrence | None = None


class Position(_Model):
    """Where a point or a roadmap row stands in the source, as the layout knows it: a page (PDF),
    the paragraph (1-based, counted on its page when pages are known, else in the document), a
    line (text and web pages), or a table's row and cell (all 1-based)."""

    page: int | None = None
    paragraph: int | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None


class Item(_Model):
    number: str | None = None
    text: str
    addressee: Party | None = None
    deadline: Deadline | None = None
    items: list[Item] = Field(default_factory=list)
    position: Position | None = None
    """Where the point starts in the source."""


class Section(_Model):
    title: str
    items: list[Item] = Field(default_factory=list)


class Block(_Model):
    number: str | None = None
    addressee: Party | None = None
    items: list[Item] = Field(default_factory=list)
    heading: str | None = None
    """The heading line as written, when it says more than the addressee
    ("Рекомендовать органам местного самоуправления:")."""


class RoadmapSection(_Model):
    number: str | None = None
    title: str


class Executor(_Model):
    name: Name
    """Nominative form, as in a list of organisations."""
    role: Role = "responsible"
    text: str | None = None
    """The words as written in the cell ("ресурсных центров НКО …" after "с привлечением")."""


class RoadmapRow(_Model):
    number: str | None = None
    section: RoadmapSection | None = None
    action: str
    result: str | None = None
    deadline: Deadline | None = None
    executors: list[Executor] = Field(default_factory=list)
    extra: dict[str, str] = Field(default_factory=dict)
    """Cells of columns the rules do not know, by their header text."""
    position: Position | None = None
    """Where the row starts in the source (its table, row and action cell)."""


class Signatory(_Model):
    position: Name | None = None
    name: Name


class Abbreviation(_Model):
    short: str
    full: str


class Document(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    source: Source
    kind: Kind = "other"
    title: str | None = None
    topic: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    """The date line as written ("09.04.2024 г.", "11 февраля 2021 г.")."""
    place: str | None = None
    issuer: str | None = None
    """The body named above the heading word, as in a letterhead ("ОБЩЕСТВЕННАЯ ПАЛАТА …")."""
    number: str | None = None
    """The document's registration number as written ("№ 5-р")."""
    approval: str | None = None
    """An approval stamp as written ("УТВЕРЖДЁН распоряжением … от 15.01.2024 № 7-р")."""
    preamble: str | None = None
    findings: list[Section] = Field(default_factory=list)
    recommendations: list[Block] = Field(default_factory=list)
    roadmap: list[RoadmapRow] = Field(default_factory=list)
    roadmap_columns: list[str] = Field(default_factory=list)
    """Header texts of the roadmap table, in column order."""
    signatories: list[Signatory] = Field(default_factory=list)
    abbreviations: list[Abbreviation] = Field(default_factory=list)
    unparsed: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
