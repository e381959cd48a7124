"""Roadmap tables ("ПЛАН МЕРОПРИЯТИЙ («ДОРОЖНАЯ КАРТА»)") → :class:`RoadmapRow`.

Columns are recognised by their header words (``grammars/roadmap.yaml``), whatever their
order. Section rows (a number and one title spanning the rest) give each following row its
``section``; a fragment with an empty number cell is a row continued over a page break and
is merged back; header rows repeated on each page are not rows.
"""

from __future__ import annotations

import re
from functools import cache

from resparse.layout import Row, Table
from resparse.models import RoadmapRow, RoadmapSection
from resparse.rules import load
from resparse.structure.dates import parse_deadline
from resparse.structure.parties import split_executors
from resparse.structure.units import clean

FIELDS = ("number", "action", "result", "deadline", "executors")


@cache
def _column_patterns() -> dict[str, re.Pattern[str]]:
    columns = load("roadmap")["columns"]
    return {name: re.compile("|".join(columns[name]), re.I) for name in FIELDS if name in columns}


def grid(row: Row) -> list[str]:
    """Cell texts laid out on the table grid: a cell spanning 4 columns fills 4 slots."""
    slots: list[str] = []
    for cell in row.cells:
        slots.append("" if cell.merged else clean(cell.text))
        slots.extend([""] * (max(cell.span, 1) - 1))
    return slots


def column_map(header: list[str]) -> dict[int, str] | None:
    """Map grid columns to fields from header texts; None if this is not a roadmap header."""
    mapping: dict[int, str] = {}
    for position, text in enumerate(header):
        for name, pattern in _column_patterns().items():
            if name not in mapping.values() and pattern.search(text.strip().lower()):
                mapping[position] = name
                break
    fields = set(mapping.values())
    if "action" in fields and len(fields & {"deadline", "executors", "result"}) >= 1:
        return mapping
    return None


def is_roadmap(table: Table) -> bool:
    return bool(table.rows) and column_map(grid(table.rows[0])) is not None


def columns(table: Table) -> list[str]:
    """The header texts of a roadmap table."""
    return [text for text in grid(table.rows[0]) if text]


def parse_roadmap(table: Table) -> tuple[list[RoadmapRow], list[str]]:
    """Rows of a roadmap table, and the texts of rows no rule understood."""
    header = grid(table.rows[0])
    mapping = column_map(header) or {}
    header_key = _key(header)
    position_of = {name: position for position, name in mapping.items()}
    rows: list[RoadmapRow] = []
    unparsed: list[str] = []
    section: RoadmapSection | None = None
    pending: list[list[str]] = []  # grid of the row being assembled, fragments merged in
    sections_after: list[RoadmapSection | None] = []
    used_sections: set[int] = set()

    def close_section() -> None:
        """A section row with no rows under it would be lost: list it as unparsed."""
        if section is not None and id(section) not in used_sections:
            unparsed.append(" ".join(filter(None, (section.number, section.title))))

    def flush() -> None:
        if pending:
            rows.append(_row(pending[0], mapping, header, sections_after[0]))
            if sections_after[0] is not None:
                used_sections.add(id(sections_after[0]))
            pending.clear()
            sections_after.clear()

    for row in table.rows[1:]:
        cells = grid(row)
        cells += [""] * (len(header) - len(cells))
        if _key(cells) == header_key or not any(re.search(r"\w", c) for c in cells):
            continue  # a header repeated on a new page, or a rule of dashes
        number = cells[position_of["number"]] if "number" in position_of else ""
        filled = [c for c in cells if c]
        if _is_section(cells, number, mapping, row):
            flush()
            close_section()
            title = next((c for i, c in enumerate(cells) if c and mapping.get(i) != "number"), "")
            section = RoadmapSection(number=number.rstrip(".") or None, title=title)
            continue
        if not number and pending and "number" in position_of:
            for position, text in enumerate(cells):  # a row continued over a page break
                if text:
                    base = pending[0][position]
                    pending[0][position] = f"{base} {text}".strip() if base else text
            continue
        if not filled:
            continue
        flush()
        pending.append(cells)
        sections_after.append(section)
    flush()
    close_section()
    return rows, unparsed


def _is_section(cells: list[str], number: str, mapping: dict[int, str], row: Row) -> bool:
    """One title and nothing else: spanning the columns, or beside a top-level number ("1.", "2")."""
    others = [c for i, c in enumerate(cells) if mapping.get(i) != "number" and c]
    if len(others) != 1:
        return False
    if any(cell.span > 1 for cell in row.cells):
        return True
    return bool(re.fullmatch(r"[IVXLC]+\.?|\d+\.?", number.strip()))


def _row(
    cells: list[str], mapping: dict[int, str], header: list[str], section: RoadmapSection | None
) -> RoadmapRow:
    values = {name: cells[position] for position, name in mapping.items() if position < len(cells)}
    extra = {
        (clean(header[position]) if position < len(header) else "") or f"column {position + 1}": text
        for position, text in enumerate(cells)
        if position not in mapping and text
    }
    return RoadmapRow(
        number=values.get("number", "").rstrip(".") or None,
        section=section,
        action=values.get("action", ""),
        result=values.get("result") or None,
        deadline=parse_deadline(values.get("deadline", "")),
        executors=split_executors(values.get("executors", "")),
        extra=extra,
    )


def _key(cells: list[str]) -> tuple[str, ...]:
    return tuple(re.sub(r"\W+", "", c.lower()) for c in cells)
