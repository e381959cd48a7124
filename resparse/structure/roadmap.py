"""Roadmap tables ("ПЛАН МЕРОПРИЯТИЙ («ДОРОЖНАЯ КАРТА»)") → :class:`RoadmapRow`.

Columns are recognised by their header words (``grammars/roadmap.yaml``), whatever their
order. Section rows (a number and one title spanning the rest) give each following row its
``section``; a fragment with an empty number cell is a row continued over a page break and
is merged back; header rows repeated on each page are not rows.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from resparse.layout import Row, Table
from resparse.models import Deadline, RoadmapRow, RoadmapSection
from resparse.rules import load
from resparse.structure.dates import find_date_span, parse_deadline
from resparse.structure.executors import split_executors
from resparse.structure.units import clean
from resparse.structure.word_breaks import rejoin_broken_words

FIELDS = ("number", "action", "result", "deadline", "executors")


@cache
def _column_patterns() -> dict[str, re.Pattern[str]]:
    columns = load("roadmap")["columns"]
    return {name: re.compile("|".join(columns[name]), re.I) for name in FIELDS if name in columns}


SHARED_FIELDS = ("deadline", "executors", "result")
"""Columns whose cell, merged down over several rows, belongs to each of them ("Отдел
экономики" answering for measures 1.1–1.3): the rows inherit it. A number or a measure merged
down is one row's, and the rows under it are its continuation."""


FILLED_DOWN = ("deadline", "executors")
"""Columns whose empty cell takes the one above in the same section: a cell merged down over
rows that a text copy or a PDF leaves empty in all rows but its first (a plan's row always has
a term and someone to do it)."""


def grid(row: Row, shared: frozenset[int] = frozenset()) -> list[str]:
    """Cell texts laid out on the table grid: a cell spanning 4 columns fills 4 slots. A cell
    covered by a vertical merge is empty unless its column is ``shared``."""
    slots: list[str] = []
    for cell in row.cells:
        slots.append(rejoin_broken_words(clean(cell.text)) if not cell.merged or len(slots) in shared else "")
        slots.extend([""] * (max(cell.span, 1) - 1))
    return slots


@cache
def _any_column() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for p in _column_patterns().values()), re.I)


def names_column(text: str) -> bool:
    """Does ``text`` (lower case) name a roadmap column ("№ п/п", "Срок исполнения")?"""
    return _any_column().search(text) is not None


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
    position_of = {name: position for position, name in mapping.items()}
    shared = frozenset(position_of[name] for name in SHARED_FIELDS if name in position_of)
    groups: list[Group] = []  # a row's cells, fragments merged in
    sections: list[RoadmapSection] = []
    section: RoadmapSection | None = None
    body = table.rows[1:]
    if body and _continues_header(grid(body[0]), position_of):
        second = grid(body[0])
        header = [rejoin_broken_words(f"{a} {b}".strip()) for a, b in zip(header, second, strict=False)]
        body = body[1:]  # the header's second line, carried onto the next page
    for row in body:
        cells = grid(row, shared)
        cells += [""] * (len(header) - len(cells))
        if (
            _key(cells) == _key(header)
            or not any(re.search(r"\w", c) for c in cells)
            or _numbers_columns(cells)
        ):
            continue  # a header repeated on a new page, a rule of dashes, or "1 2 3 4 5" under the header
        number = cells[position_of["number"]] if "number" in position_of else ""
        if _is_section(cells, number, mapping, row):
            title = next((c for i, c in enumerate(cells) if c and mapping.get(i) != "number"), "")
            section = RoadmapSection(number=number.rstrip(".") or None, title=title)
            sections.append(section)
        elif _is_titled_section(cells, mapping):
            section = _titled_section(next(c for c in cells if c))
            sections.append(section)
        elif not number and "number" in position_of and groups and groups[-1][1] is section:
            if _own_row(groups[-1][0], cells, position_of):
                groups.append((cells, section))  # a row printed without a number
            else:
                _merge_fragment(groups[-1][0], cells)  # a row continued over a page break
        else:
            groups.append((cells, section))
    groups, leftover = _headings(groups, sections, position_of)
    _fill_down(groups, position_of)
    used = {id(owner) for _, owner in groups}
    # A section row with no rows under it would be lost: list it as unparsed.
    unparsed = [" ".join(filter(None, (s.number, s.title))) for s in sections if id(s) not in used]
    unparsed += leftover
    return [_row(cells, mapping, header, owner) for cells, owner in groups], unparsed


Group = tuple[list[str], RoadmapSection | None]


def _headings(
    groups: list[Group], sections: list[RoadmapSection], position_of: dict[str, int]
) -> tuple[list[Group], list[str]]:
    """Rows that head numbered sub-rows become sections: in a programme table task "1" and
    group "1.1" head measure "1.1.1" when they set no term and name no executor. Their other
    cells (a rating, a cost) are returned to be listed as unparsed."""
    if not {"number", "action"} <= position_of.keys():
        return groups, []
    kept: list[Group] = []
    leftover: list[str] = []
    heading: dict[int, RoadmapSection] = {}  # id of a written section → the heading below it
    for index, (cells, written) in enumerate(groups):
        owner = heading.get(id(written), written)
        number = cells[position_of["number"]].rstrip(".")
        following = groups[index + 1][0][position_of["number"]] if index + 1 < len(groups) else ""
        filled = [cells[position_of[n]] for n in ("deadline", "executors") if n in position_of]
        if number and following.startswith(f"{number}.") and not any(filled):
            section = RoadmapSection(number=number, title=cells[position_of["action"]])
            sections.append(section)
            heading[id(written)] = section  # the nearest section row above the rows that follow
            skip = {position_of["number"], position_of["action"]}
            leftover += [c for i, c in enumerate(cells) if c and i not in skip]
            continue
        kept.append((cells, owner))
    return kept, leftover


def _numbers_columns(cells: list[str]) -> bool:
    """The row that numbers the columns under the header: "1 | 2 | 3 | 4 | 5"."""
    filled = [c.strip().rstrip(".") for c in cells if c.strip()]
    return len(filled) >= 3 and filled == [str(n) for n in range(1, len(filled) + 1)]


def _is_titled_section(cells: list[str], mapping: dict[int, str]) -> bool:
    """A single text across the row, set in the number column ("Раздел 1. Информирование")."""
    filled = [(i, c) for i, c in enumerate(cells) if c]
    if len(filled) != 1:
        return False
    position, text = filled[0]
    return mapping.get(position) == "number" and bool(re.search(r"[^\W\d_]{3}", text))


@cache
def _section_title() -> re.Pattern[str]:
    words = "|".join(load("roadmap").get("section_words", []))
    return re.compile(rf"^(?:(?:{words})\s+)?([IVXLC]+|\d+(?:\.\d+)*)[.)]?\s+(\S.*)$", re.I)


def labelled_title(text: str) -> bool:
    """Does ``text`` open with a section's label: "Раздел 2 …", "II. …", "3. …" (not "2024 год")?"""
    found = _section_title().match(text)
    return bool(found) and (found.start(1) > 0 or text[found.end(1) : found.end(1) + 1] in ".)")


def _titled_section(text: str) -> RoadmapSection:
    """ "1. Информирование" → number "1", title "Информирование"; "Раздел 1. Информирование"
    keeps its label in the title (nothing is dropped); anything else is all title."""
    found = _section_title().match(text)
    if not found:
        return RoadmapSection(number=None, title=text)
    labelled = found.start(1) > 0
    return RoadmapSection(number=found.group(1), title=text if labelled else found.group(2))


def _own_row(previous: list[str], cells: list[str], position_of: dict[str, int]) -> bool:
    """An unnumbered row is a row of its own, not the previous row continued over a page break,
    when its measure begins like a sentence and it fills the term and executors cells that the
    previous row has filled already."""
    action = cells[position_of["action"]] if "action" in position_of else ""
    if not action[:1].isupper():
        return False
    others = [position_of[name] for name in ("deadline", "executors") if name in position_of]
    return bool(others) and all(cells[i] and previous[i] for i in others)


def _merge_fragment(cells: list[str], fragment: list[str]) -> None:
    cells.extend([""] * (len(fragment) - len(cells)))  # a fragment may be wider than its row
    for position, text in enumerate(fragment):
        if text and text != cells[position]:  # a shared cell merged down is not said twice
            cells[position] = f"{cells[position]} {text}".strip()


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
    extra: dict[str, str] = {}
    for position, text in enumerate(cells):
        if position in mapping or not text:
            continue
        key = (clean(header[position]) if position < len(header) else "") or f"column {position + 1}"
        if key in extra:  # two columns under the same header text keep both values
            key = f"{key} (column {position + 1})"
        extra[key] = text
    return RoadmapRow(
        number=values.get("number", "").rstrip(".") or None,
        section=section,
        action=values.get("action", ""),
        result=values.get("result") or None,
        deadline=cell_deadline(values.get("deadline", "")),
        executors=split_executors(values.get("executors", "")),
        extra=extra,
    )


def cell_deadline(text: str) -> Deadline | None:
    """A deadline cell; a cell holding one date and nothing else is that day ("01.07.2018"),
    where in running text "01.07.2018" is the day a task is due by."""
    deadline = parse_deadline(text)
    if deadline and deadline.start is None and deadline.end is not None:
        span = find_date_span(deadline.text)
        rest = deadline.text[span[1] :] if span else deadline.text
        if span and span[0] == 0 and re.fullmatch(r"\s*(?:г\.?|года)?\s*", rest):
            deadline.start = deadline.end
    return deadline


def _key(cells: list[str]) -> tuple[str, ...]:
    return tuple(re.sub(r"\W+", "", c.lower()) for c in cells)


HEADER_TAIL_WORDS = 2
"""Words a cell of a header's carried-over second line holds at most ("мероприятия")."""


def _continues_header(cells: list[str], position_of: dict[str, int]) -> bool:
    """The row under the header is its second line, carried onto the next page: no number, and
    each filled cell a word or two in small letters ("мероприятия", "исполнитель")."""
    filled = [cell for cell in cells if cell]
    at = position_of.get("number")
    number = cells[at] if at is not None and at < len(cells) else ""
    return (
        bool(filled)
        and not number
        and all(cell[:1].islower() and len(cell.split()) <= HEADER_TAIL_WORDS for cell in filled)
    )


def _fill_down(groups: list[Group], position_of: dict[str, int]) -> None:
    """Empty term and executor cells filled from the row above in the same section."""
    for (above, above_section), (cells, section) in pairwise(groups):
        if section is not above_section:
            continue
        for position in (position_of[name] for name in FILLED_DOWN if name in position_of):
            cells[position] = cells[position] or above[position]
