"""Dates and deadlines: Russian wording → ISO dates and closed intervals.

A small grammar in the yargy manner: named parts (``DAY``, ``MONTH``, ``YEAR``, ``QUARTER``…)
compose into the expressions documents use. Month names and recurrence words come from
``grammars/dates.yaml``. natasha's ``DatesExtractor`` is not used: it maps two-digit years
to 19xx, keeps one end of "2023-2025 годы" and ignores quarters.

    "09.04.2024 г."            → 2024-04-09
    "2 – 3 квартал 2023 года"  → 2023-04-01 … 2023-09-30
    "до 1 декабря 2023 г."     → … 2023-12-01
    "Ежегодно"                 → recurrence "annual"
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import cache

from resparse.models import Deadline
from resparse.rules import load

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
DASH = r"\s*[-–—]\s*"
YEAR = r"(?:19|20)\d{2}"
YEAR_WORD = r"(?:\s*(?:гг?\.?|годы|годов|года|году|год)(?![а-яё]))?"
NUMBER_1_4 = r"(?:[1-4]|IV|I{1,3})"
ORDINAL_END = r"(?:-?(?:й|го|ом|м|ый|ой|ий))?"


@cache
def _month_names() -> dict[str, int]:
    months = load("dates")["months"]
    return {form: int(number) for number, forms in months.items() for form in forms}


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    month = "|".join(sorted(map(re.escape, _month_names()), key=len, reverse=True))
    month = rf"(?:{month})(?![а-яё])\.?"
    day = r"[0-3]?\d"
    text_date = rf"«?(?P<day>{day})»?\s+(?P<month>{month})\s+(?P<year>{YEAR}|\d{{2}}(?!\d))"
    num_date = r"(?P<nday>[0-3]?\d)[./](?P<nmonth>[01]?\d)[./](?P<nyear>\d{4}|\d{2})(?!\d)"
    return {
        "date": re.compile(rf"(?<!\d)(?:{text_date}|{num_date})", re.I),
        "quarter": re.compile(
            rf"(?P<q1>{NUMBER_1_4}){ORDINAL_END}(?:{DASH}(?P<q2>{NUMBER_1_4}){ORDINAL_END})?\s*"
            rf"квартал\w*\s*(?P<year>{YEAR})?",
            re.I,
        ),
        "half": re.compile(
            rf"(?P<h>[12]|II|I){ORDINAL_END}\s*полугоди\w*\s*(?P<year>{YEAR})?",
            re.I,
        ),
        "month_year": re.compile(rf"(?<![\d\w])(?P<month>{month})\s+(?P<year>{YEAR})", re.I),
        "year_range": re.compile(
            rf"(?<!\d)(?:с\s+)?(?P<y1>{YEAR}){YEAR_WORD}\s*(?:[-–—]|по|до)\s*(?P<y2>{YEAR})(?!\d)", re.I
        ),
        "year": re.compile(rf"(?<![\d.])(?P<year>{YEAR})(?![\d.])"),
        "until": re.compile(r"(?:^|\b)(?:до|не\s+позднее|по|к)\s+(?:конца\s+)?", re.I),
        "end_of": re.compile(r"\bдо\s+конца\b", re.I),
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
    return ROMAN.get(text.upper(), 0) or int(text)


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
        month = _month_names().get(match.group("month").lower().rstrip("."))
        if month is None:
            return None
        return _safe_date(_year(match.group("year")), month, int(match.group("day")))
    return _safe_date(_year(match.group("nyear")), int(match.group("nmonth")), int(match.group("nday")))


def interval(text: str) -> tuple[date | None, date | None]:
    """The closed interval of dates a term covers, or ``(None, None)`` when it names none."""
    patterns = _patterns()
    until = bool(re.match(r"^\s*(?:в\s+срок\s+)?(?:до|не\s+позднее|к)\s", text, re.I))
    end_of = bool(patterns["end_of"].search(text))
    date_match = patterns["date"].search(text)
    if date_match and (found := _match_date(date_match)):
        following = text[date_match.end() :]
        second = patterns["date"].search(following)
        if second and re.match(r"^\s*(?:[-–—]|по|до)\s*$", following[: second.start()]):
            second_date = _match_date(second)
            if second_date:
                return found, second_date
        return None, found
    quarter = patterns["quarter"].search(text)
    if quarter and quarter.group("year"):
        year = int(quarter.group("year"))
        first = _number(quarter.group("q1"))
        last = _number(quarter.group("q2")) if quarter.group("q2") else first
        start, end = date(year, 3 * first - 2, 1), _month_end(year, 3 * last)
        return (None, end) if until or end_of else (start, end)
    half = patterns["half"].search(text)
    if half and half.group("year"):
        year, number = int(half.group("year")), _number(half.group("h"))
        start, end = date(year, 6 * number - 5, 1), _month_end(year, 6 * number)
        return (None, end) if until or end_of else (start, end)
    month_year = patterns["month_year"].search(text)
    if month_year:
        month = _month_names()[month_year.group("month").lower().rstrip(".")]
        year = int(month_year.group("year"))
        start, end = date(year, month, 1), _month_end(year, month)
        return (None, end) if until or end_of else (start, end)
    year_range = patterns["year_range"].search(text)
    if year_range:
        first, last = int(year_range.group("y1")), int(year_range.group("y2"))
        if first <= last:
            return date(first, 1, 1), date(last, 12, 31)
    year_match = patterns["year"].search(text)
    if year_match:
        year = int(year_match.group("year"))
        return (None, date(year, 12, 31)) if until or end_of else (date(year, 1, 1), date(year, 12, 31))
    return None, None


def recurrence(text: str) -> str | None:
    lowered = text.lower()
    for word, value in load("dates")["recurrence"].items():
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


@cache
def _item_deadline_pattern() -> re.Pattern[str]:
    month = "|".join(sorted(map(re.escape, _month_names()), key=len, reverse=True))
    term = (
        rf"(?:[0-3]?\d\s+(?:{month})\s+{YEAR}|[0-3]?\d\.[01]?\d\.(?:\d{{4}}|\d{{2}})"
        rf"|{NUMBER_1_4}{ORDINAL_END}(?:{DASH}{NUMBER_1_4}{ORDINAL_END})?\s*квартал\w*\s+{YEAR}"
        rf"|(?:[12]|II|I){ORDINAL_END}\s*полугоди\w*\s+{YEAR}"
        rf"|(?:{month})\s+{YEAR}"
        rf"|{YEAR}(?:{DASH}{YEAR})?)"
    )
    cues = load("dates")["item_cues"]
    cue = "|".join(cues)
    recurring = "|".join(load("dates")["recurrence"])
    return re.compile(
        rf"(?:(?<![а-яё])(?:{cue})\s+(?:конца\s+)?{term}(?:\s*(?:г\.|гг\.|года?|году|годы)(?![а-яё]))?"
        rf"|(?<![а-яё])(?:{recurring})\w*)",
        re.I,
    )


def find_item_deadline(text: str) -> Deadline | None:
    """A deadline a recommendation states about itself ("в срок до 01.12.2024", "ежегодно").

    Bare dates are not deadlines ("круглого стола, состоявшегося 07.07.2022 г."): a cue word
    must introduce them. "в 2024 году" needs "году" to count.
    """
    for match in _item_deadline_pattern().finditer(text):
        phrase = match.group(0).strip()
        lowered = phrase.lower()
        if re.match(r"^в\s+\d{4}$", lowered) or re.match(r"^[вк]\s+[0-3]?\d\.", lowered):
            continue  # "в 2024" without "году"; "к 01.02" is fine only with "до"
        if re.match(r"^к\s+\d{4}", lowered) and not re.search(r"году|года", lowered):
            continue
        deadline = parse_deadline(phrase)
        if deadline and (deadline.end or deadline.recurrence):
            return deadline
    return None
