"""Dates and deadlines: Russian wording → ISO dates and closed intervals.

A small grammar in the yargy manner: named parts (day, month, quarter, half-year, year) make
*terms*; two terms joined by a dash or "по" make a range whose missing year comes from the
second ("январь – март 2024 г."). Word lists and cue phrases come from ``grammars/dates.yaml``.
natasha's ``DatesExtractor`` is not used: it maps two-digit years to 19xx, keeps one end of
"2023-2025 годы" and ignores quarters.

    "09.04.2024 г."            → 2024-04-09
    "2 – 3 квартал 2023 года"  → 2023-04-01 … 2023-09-30
    "до 1 декабря 2023 г."     → … 2023-12-01
    "2024/2025 учебный год"    → 2024-09-01 … 2025-08-31
    "Ежегодно"                 → recurrence "annual"
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from itertools import pairwise, takewhile
from typing import Any

from resparse.models import Deadline
from resparse.rules import load

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
DASH = r"\s*[-–—]\s*"
YEAR = r"(?:19|20)\d{2}"
YEAR_WORDS = r"\s*(?:гг?\.?|годы|годов|годах|годам|годами|года|году|год)(?![а-яё])"
YEAR_WORD = rf"(?:{YEAR_WORDS})?"
RANGE_JOIN = r"(?:\s*[-–—]\s*|\s+(?:по|до)\s+)"
DAY_JOIN = r"(?:\s*[-–—]\s*|\s+по\s+)"
NUMBER_1_4 = r"(?:[1-4]|IV|I{1,3})"
OPEN_QUOTE = r"(?:[«\"]\s*)?"
CLOSE_QUOTE = r"(?:\s*[»\"]\s*|\s+)"
"""A day may stand in quotes, with or without spaces inside: "«5» июня", "« 27 » июня"."""
ORDINAL_END = r"(?:-?(?:й|го|ом|м|ый|ой|ий))?"
CLAUSE_END = r"[,;:!?()]|\.(?!\d)"
UNTIL_BEFORE = re.compile(r"(?:^|[^а-яё])(?:до|не\s+позднее|к|по)\s+(?:конца\s+|окончания\s+)?$", re.I)
FROM_BEFORE = re.compile(r"(?:^|[^а-яё])(?:с|со|начиная\s+с)\s+$", re.I)


@dataclass(frozen=True)
class Term:
    """One dated part of a phrase: a day, month, quarter, half-year or year, maybe yearless."""

    span: tuple[int, int]
    kind: str
    year: int | None
    month: int | None = 1
    last_month: int = 12
    day: int | None = None


@cache
def grammar() -> dict[str, Any]:
    return load("dates")


@cache
def month_numbers() -> dict[str, int]:
    """Every month form of grammars/dates.yaml → its number."""
    months = grammar()["months"]
    return {form: int(number) for number, forms in months.items() for form in forms}


@cache
def month_pattern(after_day: bool = False) -> str:
    """Month names; after a day number only the genitive and abbreviations ("1 марта", "1 мар.").

    Abbreviations are the forms that cut the nominative short; only they take a dot.
    """
    forms = [list(map(str, names)) for names in grammar()["months"].values()]
    short = [form for names in forms for form in names[1:] if names[0].startswith(form) and form != names[0]]
    full = [form for names in forms for form in (names[1:2] if after_day else names) if form not in short]
    return rf"(?:(?:{alternation(full)})|(?:{alternation(short)})\.?)(?![а-яё])"


def alternation(words: list[str]) -> str:
    """Longest first, so that "сент" wins over "сен"."""
    return "|".join(sorted(words, key=len, reverse=True))


@cache
def period_numbers() -> tuple[str, str]:
    """Patterns of a quarter's number (1–4, I–IV, "третий") and a half-year's (1–2, I–II, "первое")."""
    ordinal = rf"(?:{alternation(list(grammar()['ordinals']))})[а-яё]*"
    return rf"(?:{NUMBER_1_4}|{ordinal})", rf"(?:[12]|II|I|{ordinal})"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    month, of_day, day = month_pattern(), month_pattern(after_day=True), r"[0-3]?\d"
    text_date = rf"{OPEN_QUOTE}(?P<day>{day}){CLOSE_QUOTE}(?P<month>{month})\s+(?P<year>{YEAR}|\d{{2}}(?!\d))"
    num_date = r"(?P<nday>[0-3]?\d)[./](?P<nmonth>[01]?\d)[./](?P<nyear>\d{4}|\d{2})(?!\d)"
    n14, half = period_numbers()
    term = (
        rf"(?<!\d)(?P<nd>{day})[./](?P<nm>[01]?\d)[./](?P<ny>\d{{4}}|\d{{2}})(?!\d)"
        rf"|(?<!\d){OPEN_QUOTE}(?P<td>{day}){CLOSE_QUOTE}(?P<tm>{of_day})(?:\s+(?P<ty>{YEAR})(?!\d))?"
        rf"|(?<![\d.])(?P<bd>{day})(?={DAY_JOIN}{day}\s+{of_day})"
        rf"|(?<!\w)(?P<q1>{n14}){ORDINAL_END}(?:{DASH}(?P<q2>{n14}){ORDINAL_END})?"
        rf"\s*квартал\w*(?:\s+(?P<qy>{YEAR})(?!\d))?"
        rf"|(?<!\w)(?P<h>{half}){ORDINAL_END}\s*полугоди\w*(?:\s+(?P<hy>{YEAR})(?!\d))?"
        rf"|(?<!\w)(?P<mm>{month})(?:\s+(?P<my>{YEAR})(?!\d))?"
        rf"|(?<![\d.])(?P<yy>{YEAR})(?!\d|\.\d)"
    )
    school = grammar()["school_year"]["words"]
    return {
        "date": re.compile(rf"(?<!\d)(?:{text_date}|{num_date})", re.I),
        "term": re.compile(rf"(?:{term}){YEAR_WORD}", re.I),
        "join": re.compile(rf"{RANGE_JOIN}|\s*", re.I),
        "school_words": re.compile(school, re.I),
        "school_pair": re.compile(rf"(?<!\d)(?P<a>{YEAR})\s*[/–—-]\s*(?P<b>{YEAR}|\d{{2}})(?!\d)"),
    }


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _number(text: str) -> int:
    """ "2", "II" or "второго" → 2."""
    if text.isdigit():
        return int(text)
    lower = text.lower()
    words = grammar()["ordinals"]
    return ROMAN.get(text.upper()) or next((n for stem, n in words.items() if lower.startswith(stem)), 0)


def find_date(text: str) -> date | None:
    """The first full date in ``text`` ("09.04.2024 г.", "11 февраля 2021 г.", "28.09.23")."""
    for match in _patterns()["date"].finditer(text):
        found = _match_date(match)
        if found:
            return found
    return None


def find_date_span(text: str) -> tuple[int, int] | None:
    """Where the first full date stands in ``text``, as (start, end)."""
    for match in _patterns()["date"].finditer(text):
        if _match_date(match):
            return match.span()
    return None


def _match_date(match: re.Match[str]) -> date | None:
    if match.group("day"):
        month = month_numbers().get(match.group("month").lower().rstrip("."))
        if month is None:
            return None
        return _safe_date(_year(match.group("year")), month, int(match.group("day")))
    return _safe_date(_year(match.group("nyear")), int(match.group("nmonth")), int(match.group("nday")))


def _term(match: re.Match[str]) -> Term | None:
    """Read one term match; None for an impossible date ("31.02.2024")."""
    group, span = match.group, match.span()
    if group("nd"):
        found = _safe_date(_year(group("ny")), int(group("nm")), int(group("nd")))
        return Term(span, "date", found.year, found.month, found.month, found.day) if found else None
    if group("td"):
        month = month_numbers().get(group("tm").lower().rstrip("."))
        year = int(group("ty")) if group("ty") else None
        return Term(span, "date", year, month, month or 12, int(group("td"))) if month else None
    if group("bd"):
        return Term(span, "date", None, None, 12, int(group("bd")))
    if group("q1"):
        first = _number(group("q1"))
        last = _number(group("q2")) if group("q2") else first
        year = int(group("qy")) if group("qy") else None
        return Term(span, "quarter", year, 3 * first - 2, 3 * last) if first <= last else None
    if group("h"):
        number = _number(group("h"))
        return Term(span, "half", int(group("hy")) if group("hy") else None, 6 * number - 5, 6 * number)
    if group("mm"):
        month = month_numbers().get(group("mm").lower().rstrip("."))
        return (
            Term(span, "month", int(group("my")) if group("my") else None, month, month or 12)
            if month
            else None
        )
    return Term(span, "year", int(group("yy")))


def terms(text: str) -> list[Term]:
    """The dated parts of ``text`` in order."""
    return [term for match in _patterns()["term"].finditer(text) if (term := _term(match))]


def _bounds(term: Term, year: int | None) -> tuple[date | None, date | None]:
    """First and last day a term covers in ``year``; a date covers itself."""
    if year is None or term.month is None:
        return None, None
    if term.day is not None:
        day = _safe_date(year, term.month, term.day)
        return day, day
    return date(year, term.month, 1), _month_end(year, term.last_month)


def _range(text: str, found: list[Term]) -> tuple[date, date | None] | None:
    """Two terms joined by a dash or "по": the first may borrow month and year from the second."""
    for first, second in pairwise(found):
        joint = text[first.span[1] : second.span[0]]
        if second.year is None or not re.fullmatch(RANGE_JOIN, joint, re.I):
            continue
        if first.month is None:
            first = replace(first, month=second.month)
        start, _ = _bounds(first, first.year or second.year)
        _, end = _bounds(second, second.year)
        if start and end and start > end and first.year is None:
            start, _ = _bounds(first, second.year - 1)
        if start and end and start <= end:
            return start, end
        if start and end is None and second.day is not None:
            return start, None  # "с 1 апреля по 31 июня 2014 года": no such last day
    return None


LIST_JOIN = r"(?:\s*,\s*|\s+и\s+)"
"""Between the months of a list ("апрель, сентябрь 2031 г.", "март и октябрь")."""


def _month_list(text: str, found: list[Term]) -> tuple[date, date] | None:
    """Months listed with one year after the last ("апрель, сентябрь 2031 г."): the term runs
    from the first month to the end of the last."""
    months = list(takewhile(lambda term: term.kind == "month", found))
    if len(months) < 2 or months[-1].year is None or any(term.year for term in months[:-1]):
        return None
    joints = [text[a.span[1] : b.span[0]] for a, b in pairwise(months)]
    if not all(re.fullmatch(LIST_JOIN, joint, re.I) for joint in joints):
        return None
    start, _ = _bounds(months[0], months[-1].year)
    _, end = _bounds(months[-1], months[-1].year)
    return (start, end) if start and end and start <= end else None


def _school_year(text: str) -> tuple[date, date] | None:
    """ "2024/2025 учебный год" → September 2024 … August 2025 (start month from the grammar)."""
    patterns = _patterns()
    pair = patterns["school_pair"].search(text)
    if not pair or not patterns["school_words"].search(text):
        return None
    first, last = int(pair.group("a")), pair.group("b")
    second = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    if second <= first:
        return None
    month = int(grammar()["school_year"]["start_month"])
    return date(first, month, 1), date(second, month, 1) - timedelta(days=1)


def interval(text: str) -> tuple[date | None, date | None]:
    """The closed interval of dates a term covers, or ``(None, None)`` when it names none.

    "до …" keeps only the end, "с …" only the start; a lone full date is the day it is due by.
    """
    school = _school_year(text)
    if school:
        return school
    found = terms(text)
    ranged = _range(text, found) or _month_list(text, found)
    if ranged:
        return ranged
    term = next((term for term in found if term.year is not None), None)
    if term is None:
        return None, None
    start, end = _bounds(term, term.year)
    before = text[: term.span[0]]
    if UNTIL_BEFORE.search(before):
        return None, end
    if FROM_BEFORE.search(before):
        return start, None
    return (None, end) if term.kind == "date" else (start, end)


def recurrence(text: str) -> str | None:
    lowered = text.lower()
    for word, value in grammar()["recurrence"].items():
        if re.search(rf"(?<![а-яё]){word}", lowered):
            return value
    return None


def parse_deadline(text: str) -> Deadline | None:
    """Normalise a whole deadline cell or phrase; None when it is empty."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    start, end = interval(cleaned)
    return Deadline(text=cleaned, start=start, end=end, recurrence=recurrence(cleaned))
