"""Table rows whose cells are separated by single spaces only: finding where each cell begins.

A plan of measures copied from a web page may keep one row per line but lose every cell
border: "1. Организация работы … Программы Постоянно Первый заместитель главы …". What is
known about such a row is general: the row number comes first, the measure is free text, a
deadline cell is a term expression ("Постоянно", "Ежегодно, до 20 апреля текущего года",
"01.07.2018", "2012", "II квартал 2024 г.") and an executors cell opens with an organisation,
a position or a person. A new cell starts with a capital letter or a digit, never right after
a preposition or conjunction. The header row is split where its capitalised words begin
("N п/п Наименование мероприятия Срок выполнения Ответственный исполнитель").
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from resparse.rules import load
from resparse.structure.dates import month_pattern
from resparse.structure.executors import starts_executor

DEADLINE_MAX_WORDS = 10
"""A deadline cell longer than this is not one ("Ежегодно, до 20 апреля текущего года" has 6)."""

_TOKEN = re.compile(r"\S+")


def split_header(line: str) -> list[str]:
    """Column names of a header row: a name begins at each capitalised word or "№"."""
    names: list[str] = []
    for token in line.split():
        if names and not (token[:1].isupper() or token.startswith("№")):
            names[-1] = f"{names[-1]} {token}"
        else:
            names.append(token)
    return names


@cache
def _deadline_lead() -> re.Pattern[str]:
    dates = load("dates")
    words = [*dates["recurrence"], *dates["open_ended"], *load("roadmap").get("deadline_leads", [])]
    alternatives = "|".join([*(w.replace(" ", r"\s+") for w in words), month_pattern(), r"\d"])
    return re.compile(rf"^(?:{alternatives})", re.I)


@cache
def _never_after() -> frozenset[str]:
    return frozenset(load("roadmap").get("cell_never_after", []))


def _cell_starts(text: str) -> list[int]:
    """Offsets where a cell may begin: a capitalised word or a number, not after a preposition."""
    starts: list[int] = []
    previous = ""
    for token in _TOKEN.finditer(text):
        word = token.group()
        opens = word[:1].isupper() or word[:1].isdigit()
        if previous and opens and previous.lower().strip('(«"') not in _never_after():
            starts.append(token.start())
        previous = word
    return starts


def deadline_cell(text: str) -> bool:
    """Is ``text`` a whole deadline cell: a term expression ("май 2024 г.", "II квартал",
    "в течение года", "ежегодно", "постоянно", "01.09.2023", "2025") of a few words?"""
    return bool(_deadline_lead().match(text)) and len(text.split()) <= DEADLINE_MAX_WORDS


def _opens(field: str, tail: str) -> bool:
    if field == "deadline":
        return bool(_deadline_lead().match(tail))
    if field == "executors":
        return starts_executor(tail)
    return False


def _fits(field: str, cell: str) -> bool:
    if field == "deadline":
        return len(cell.split()) <= DEADLINE_MAX_WORDS
    return bool(cell.strip())


def split_row(text: str, fields: list[str | None]) -> list[str] | None:
    """Cut ``text`` (a row without its number) into one cell per field of ``fields``.

    The first field is free text (the measure); each later one must be a deadline or executors
    column, whose cells are recognised by how they begin. The earliest cut that fits wins.
    None when the row cannot be cut so.
    """
    if not fields:
        return None
    later = fields[1:]
    if any(field not in ("deadline", "executors") for field in later):
        return None
    cuts = _cuts(text, _cell_starts(text), later, 0)  # type: ignore[arg-type]
    if cuts is None:
        return None
    bounds = [0, *cuts, len(text)]
    return [text[a:b].strip() for a, b in pairwise(bounds)]


def _cuts(text: str, starts: list[int], fields: list[str], after: int) -> list[int] | None:
    if not fields:
        return []
    for start in (s for s in starts if s > after):
        if not _opens(fields[0], text[start:]):
            continue
        rest = _cuts(text, starts, fields[1:], start)
        if rest is None:
            continue
        end = rest[0] if rest else len(text)
        if _fits(fields[0], text[start:end]):
            return [start, *rest]
    return None
