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
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from itertools import pairwise
from typing import Any

from resparse.models import Deadline
from resparse.rules import load
from resparse.structure import morph

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
def _rules() -> dict[str, Any]:
    return load("dates")


@cache
def month_numbers() -> dict[str, int]:
    """Every month form of grammars/dates.yaml → its number."""
    months = _rules()["months"]
    return {form: int(number) for number, forms in months.items() for form in forms}


@cache
def month_pattern(after_day: bool = False) -> str:
    """Month names; after a day number only the genitive and abbreviations ("1 марта", "1 мар.").

    Abbreviations are the forms that cut the nominative short; only they take a dot.
    """
    forms = [list(map(str, names)) for names in _rules()["months"].values()]
    short = [form for names in forms for form in names[1:] if names[0].startswith(form) and form != names[0]]
    full = [form for names in forms for form in (names[1:2] if after_day else names) if form not in short]
    return rf"(?:(?:{_alternation(full)})|(?:{_alternation(short)})\.?)(?![а-яё])"


def _alternation(words: list[str]) -> str:
    """Longest first, so that "сент" wins over "сен"."""
    return "|".join(sorted(words, key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    month, of_day, day = month_pattern(), month_pattern(after_day=True), r"[0-3]?\d"
    text_date = rf"{OPEN_QUOTE}(?P<day>{day}){CLOSE_QUOTE}(?P<month>{month})\s+(?P<year>{YEAR}|\d{{2}}(?!\d))"
    num_date = r"(?P<nday>[0-3]?\d)[./](?P<nmonth>[01]?\d)[./](?P<nyear>\d{4}|\d{2})(?!\d)"
    term = (
        rf"(?<!\d)(?P<nd>{day})[./](?P<nm>[01]?\d)[./](?P<ny>\d{{4}}|\d{{2}})(?!\d)"
        rf"|(?<!\d){OPEN_QUOTE}(?P<td>{day}){CLOSE_QUOTE}(?P<tm>{of_day})(?:\s+(?P<ty>{YEAR})(?!\d))?"
        rf"|(?<![\d.])(?P<bd>{day})(?={DAY_JOIN}{day}\s+{of_day})"
        rf"|(?<!\w)(?P<q1>{NUMBER_1_4}){ORDINAL_END}(?:{DASH}(?P<q2>{NUMBER_1_4}){ORDINAL_END})?"
        rf"\s*квартал\w*(?:\s+(?P<qy>{YEAR})(?!\d))?"
        rf"|(?<!\w)(?P<h>[12]|II|I){ORDINAL_END}\s*полугоди\w*(?:\s+(?P<hy>{YEAR})(?!\d))?"
        rf"|(?<!\w)(?P<mm>{month})(?:\s+(?P<my>{YEAR})(?!\d))?"
        rf"|(?<![\d.])(?P<yy>{YEAR})(?!\d|\.\d)"
    )
    school = _rules()["school_year"]["words"]
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
    month = int(_rules()["school_year"]["start_month"])
    return date(first, month, 1), date(second, month, 1) - timedelta(days=1)


def interval(text: str) -> tuple[date | None, date | None]:
    """The closed interval of dates a term covers, or ``(None, None)`` when it names none.

    "до …" keeps only the end, "с …" only the start; a lone full date is the day it is due by.
    """
    school = _school_year(text)
    if school:
        return school
    found = terms(text)
    ranged = _range(text, found)
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
    for word, value in _rules()["recurrence"].items():
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


# --- deadlines inside a recommendation -------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A phrase that may state the item's term, and how it was found."""

    start: int
    end: int
    kind: str  # "label", "strong", "weak", "recurring", "trailing", "period", "relative" (text only)


@cache
def _item_term() -> str:
    """A dated phrase with a year: one term, a range of two, or a school year."""
    month, of_day, day = month_pattern(), month_pattern(after_day=True), r"[0-3]?\d"
    full_date = rf"(?:«?{day}»?\s+{of_day}\s+{YEAR}|{day}\.[01]?\d\.(?:\d{{4}}|\d{{2}})(?!\d))"
    quarter = rf"{NUMBER_1_4}{ORDINAL_END}(?:{DASH}{NUMBER_1_4}{ORDINAL_END})?\s*квартал\w*"
    half = rf"(?:[12]|II|I){ORDINAL_END}\s*полугоди\w*"
    dated = rf"(?:{full_date}|{quarter}\s+{YEAR}|{half}\s+{YEAR}|{month}\s+{YEAR}|{YEAR}(?!\d)){YEAR_WORD}"
    first = rf"(?:{dated}|{day}\s+{of_day}|{month}|{day}(?={DAY_JOIN}{day}\s+{of_day}))"
    words = _rules()["school_year"]["words"]
    pair = rf"{YEAR}\s*/\s*(?:{YEAR}|\d{{2}})(?!\d)"
    school = rf"{pair}\s*{words}|{words}\s+{pair}"
    return rf"(?:{school}|(?:{first}{RANGE_JOIN})?{dated})"


@cache
def _item_patterns() -> dict[str, re.Pattern[str]]:
    rules = _rules()
    month, of_day = month_pattern(), month_pattern(after_day=True)
    term = _item_term()
    adverbs = _alternation(rules["item_recurrence"])
    yearless = rf"[0-3]?\d\s+(?:{of_day}|числа)|{NUMBER_1_4}{ORDINAL_END}\s*квартал\w*|{month}"
    tail = rf"(?:,?\s+(?:(?:до|не\s+позднее|к|во?)\s+)?(?:{term}|{yearless}))?"
    recurring = rf"(?:{adverbs})(?![а-яё]){tail}"
    open_ended = rf"(?:{_alternation([re.escape(word) for word in rules['open_ended']])})(?![а-яё])"
    strong, weak = _alternation(rules["item_cues"]), _alternation(rules["item_weak_cues"])
    cue = rf"(?:(?:{strong}|{weak})\s+(?:конца\s+)?)?"
    left = r"(?<![а-яёa-z])"
    day = r"[0-3]?\d"
    yearless_range = rf"в\s+(?:период|срок)\s+с\s+{day}(?:\s+{of_day})?\s+по\s+{day}\s+{of_day}(?!\s*{YEAR})"
    yearless_until = rf"(?:в\s+срок\s+)?до\s+{day}\s+{of_day}(?!\s*{YEAR})"
    relative = _alternation(rules["relative_terms"])
    return {
        "relative": re.compile(rf"{left}(?:{relative})", re.I),
        "period": re.compile(rf"{left}(?:{yearless_range}|{yearless_until})", re.I),
        "label": re.compile(
            rf"{left}(?:{rules['item_label']})\s*{cue}(?:{term}|{recurring}|{open_ended})", re.I
        ),
        "strong": re.compile(rf"{left}(?:{strong})\s+(?:конца\s+)?{term}", re.I),
        "weak": re.compile(rf"{left}(?:{weak})\s+{term}", re.I),
        "recurring": re.compile(rf"{left}{recurring}", re.I),
        "trailing": re.compile(rf"{left}(?:{term}|{open_ended})(?=\)?[\s.;,]*$)", re.I),
    }


def _candidates(text: str) -> Iterator[Candidate]:
    for kind, pattern in _item_patterns().items():
        for match in pattern.finditer(text):
            yield Candidate(match.start(), match.end(), kind)


def _clause(text: str, candidate: Candidate) -> tuple[str, str]:
    """The words of the candidate's clause before and after it."""
    before = re.split(CLAUSE_END, text[: candidate.start])[-1]
    after = re.split(CLAUSE_END, text[candidate.end :])[0]
    return before, after


def _top_tag(word: str) -> Any:
    """The likeliest reading's tag, or None for a word the analyser cannot read."""
    found = morph.parses(word.lower())
    return found[0].tag if found else None


def _is_past(words: list[str]) -> bool:
    """A clause told in the past ("в 2023 году проведено …") and giving no instruction."""
    tags = [tag for word in words if (tag := _top_tag(word)) is not None]
    past = any(tag.POS in {"VERB", "PRTS"} and "past" in tag for tag in tags)
    return past and not any(morph.is_infinitive(word) for word in words)


def _names_subject(before: str) -> bool:
    """The date qualifies what the point is about: "об итогах … в 2023 году", no date between."""
    markers = list(re.finditer(_alternation(_rules()["subject_markers"]), before, re.I))
    return bool(markers) and not re.search(YEAR, before[markers[-1].end() :])


def _qualifies_noun(before: str) -> bool:
    """ "возможность увеличения в 2025 году": a genitive deverbal noun takes the date as its own."""
    words = morph.WORD.findall(before)
    if not words or not re.fullmatch(_rules()["deverbal_noun"], words[-1], re.I):
        return False
    top = _top_tag(words[-1])
    governed_by_verb = len(words) > 1 and morph.best_pos(words[-2]) in {"INFN", "VERB"}
    return top is not None and top.POS == "NOUN" and top.case == "gent" and not governed_by_verb


def _about_past_or_subject(text: str, candidate: Candidate) -> bool:
    """Context that turns a weakly cued date into a description rather than a term."""
    if re.search(_alternation(_rules()["no_action"]), text, re.I):
        return True
    before, after = _clause(text, candidate)
    words = morph.WORD.findall(before) + morph.WORD.findall(after)
    return _is_past(words) or _names_subject(before) or _qualifies_noun(before)


def _bare_ok(text: str, candidate: Candidate) -> bool:
    """A trailing date with no cue: after a dash or in brackets, or after a word that is no
    preposition and in a form that depends on nothing ("… IV квартал 2024 г.", not "на 2025 год")."""
    before = text[: candidate.start].rstrip()
    phrase = text[candidate.start : candidate.end]
    if before.endswith(("–", "—", "-", "(", ":")):
        return True
    if re.search(r"(?:года|годов|году|годах|годам|годами)$", phrase, re.I):
        return False
    words = morph.WORD.findall(before)
    if words and morph.is_function_word(words[-1]):
        return False
    return not _about_past_or_subject(text, candidate)


def _accepted(text: str, candidate: Candidate) -> bool:
    phrase = text[candidate.start : candidate.end]
    if candidate.kind == "weak":
        if re.search(rf"(?:^|\s){YEAR}(?:{DASH}{YEAR})?$", phrase) or re.match(
            r"^[вк]\s+[0-3]?\d\.", phrase, re.I
        ):
            return False  # "в 2024" without "году"; "в 01.02.2024" is no term
        return not _about_past_or_subject(text, candidate)
    if candidate.kind == "trailing":
        return _bare_ok(text, candidate)
    return True


def find_item_deadline(text: str) -> Deadline | None:
    """A deadline a recommendation states about itself ("в срок до 01.12.2024", "ежегодно").

    Bare dates are not deadlines ("круглого стола, состоявшегося 07.07.2022 г."): a cue word
    ("Срок:", "до", "в течение", "в … году"), a recurrence adverb, or the end of the point
    after a dash or in brackets must mark them. Weak cues ("в 2023 году") do not count in a
    clause about the past or about the point's subject ("об итогах … в 2023 году").
    """
    candidates = sorted(_candidates(text), key=lambda found: (found.start, found.start - found.end))
    for candidate in candidates:
        if not _accepted(text, candidate):
            continue
        end = _then_recurring(text, candidate.end)
        deadline = parse_deadline(text[candidate.start : end].strip(" ,;"))
        if deadline:
            return deadline
    return None


def _then_recurring(text: str, end: int) -> int:
    """Where a term ends when a recurring one follows it ("до 15.12.2024, далее – ежеквартально")."""
    rules = _rules()
    adverbs = _alternation(rules["item_recurrence"])
    found = re.match(rf"{rules['then_recurring']}(?:{adverbs})(?![а-яё])", text[end:], re.I)
    return end + found.end() if found else end
