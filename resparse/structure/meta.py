"""Header lines that hold facts, not title: date, place, number, time.

A header line may hold several columns ("20 февраля 2024 г.      г. Тамбов      № 1184"): it
is read segment by segment, split on tabs and wide gaps. The rule data is in
``grammars/header.yaml`` and ``grammars/places.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from resparse.rules import load
from resparse.structure import morph
from resparse.structure.dates import DASH, YEAR_WORDS, find_date, find_date_span, month_numbers, month_pattern
from resparse.structure.units import clean

DATE_LINE_LENGTH = 60
TIME = re.compile(r"^\s*(?:в\s+)?\d{1,2}(?:[:.]\d{2}|\s*час\w*)(?:\s*\d{1,2}\s*мин\w*\.?)?", re.I)
_COLUMN_GAP = re.compile(r"\t|[ \u00a0\u2007\u202f]{3,}")
_YEAR_WORD = re.compile(YEAR_WORDS, re.I)


@dataclass
class Meta:
    """What a date/place line of the header holds."""

    date: dt.date | None = None
    date_text: str | None = None
    places: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


@cache
def patterns() -> dict[str, re.Pattern[str]]:
    header = load("header")
    places = load("places")

    def either(patterns: list[str]) -> str:
        return "|".join(f"(?:{p})" for p in patterns)

    address = either(places["address_abbreviations"])
    return {
        "place_start": re.compile(
            either(
                [f"^(?:{p})" for p in places["place_starts"]]
                + [f"^(?:{p})(?![а-яё])" for p in places["place_labels"]]  # "Адрес:", not "Адресная …"
            ),
            re.I,
        ),
        "address": re.compile(rf"(?:^|\s)(?:{address})\.\s*", re.I),
        "abbreviation_end": re.compile(rf"(?:^|[\s,.])(?:{address}|г|обл|р-н|пос|им|[а-яё])\.$", re.I),
        "place_label": re.compile(rf"^(?:{either(places['place_labels'])})\s*:\s*", re.I),
        "heading": re.compile(rf"^\W*(?:{either(heading_words())})", re.I),
        "stamp": re.compile(rf"^\W*(?:{either(header['stamp_starts'])})", re.I),
        "date_label": re.compile(rf"^(?:{either(header['date_labels'])})(?![а-яё])\s*", re.I),
        "number": re.compile(header["number"], re.I),
        "subject": re.compile(rf"^(?:{header['subject_start']})"),
        "subject_in_title": re.compile(rf"(?<!\S)(?:{header['subject_start']})"),
        "site_chrome": re.compile(rf"^(?:{either(header['site_chrome'])})", re.I),
        "letter_blank": re.compile(rf"^(?:{either(header['letter_blank'])})", re.I),
    }


def heading_words() -> list[str]:
    """Patterns of the words a title opens with: the kinds' and the kind-less ones."""
    kinds = [re.sub(r"^\^\\W\*", "", rule["pattern"]) for rule in load("kinds")["kinds"]]
    return kinds + load("header")["headings"]


@cache
def _range_start() -> re.Pattern[str]:
    """The first day of a range before a date: "23–" of "23–25 августа", "30 сентября – "."""
    month = month_pattern(after_day=True)
    return re.compile(rf"(?<!\d)(?P<day>[0-3]?\d)(?:\s+(?P<month>{month}))?{DASH}$", re.I)


def is_place_line(text: str) -> bool:
    """ "г. Томск", "ул. Смольного, д.3", "в формате онлайн", or a line led by a place name."""
    text = text.strip()
    marked = bool(
        patterns()["place_start"].search(text)
        or patterns()["address"].search(text)
        or _starts_with_place_name(text)
    )
    return marked and not _has_verb(text)


def _has_verb(text: str) -> bool:
    """A finite verb makes a sentence ("Томск принял участников форума…"), not an address."""
    outside = re.sub(r"«[^»]*»?", " ", text)
    return any(
        morph.parses(word.lower())[:1] and morph.parses(word.lower())[0].tag.POS == "VERB"
        for word in morph.WORD.findall(outside)
    )


def _starts_with_place_name(text: str) -> bool:
    """ "Санкт-Петербург, Кирпичный пер." — a short line whose first word is a geographic name."""
    first = morph.WORD.match(text)
    if not first or len(text) > 80 or not first.group()[:1].isupper():
        return False
    return any("Geox" in p.tag and p.tag.case == "nomn" for p in morph.parses(first.group().lower())[:2])


def split_place_label(text: str) -> tuple[str | None, str]:
    """ "Место проведения: Дом учёных" → ("Место проведения:", "Дом учёных")."""
    text = text.strip()
    label = patterns()["place_label"].match(text)
    return (label.group().strip(), text[label.end() :].strip()) if label else (None, text)


def _labelled(match: re.Match[str] | None) -> list[str]:
    """The label a date/place pattern matched, when it is a real one ("Дата:", not "от")."""
    return [match.group().strip()] if match and match.group().strip().endswith(":") else []


def join_place(parts: list[str]) -> str | None:
    """Place lines joined with commas; a closing full stop is dropped ("…, актовый зал." →
    "…, актовый зал"), one after an abbreviation is kept ("Кирпичный пер.")."""
    text = ""
    for part in (p.strip(" ,") for p in parts):
        if part:
            text = f"{text}, {part}" if text else part
    if text.endswith(".") and not patterns()["abbreviation_end"].search(text):
        text = text[:-1]
    return text or None


def find_header_date(text: str) -> tuple[int, int, dt.date] | None:
    """Where the date of a header line stands, with the date: a range of meeting days ("23–25
    августа 2024 года") covers both ends and is dated by its last day, when what the meeting
    adopted was adopted; the year word is included."""
    span = find_date_span(text)
    found = find_date(text)
    if span is None or found is None:
        return None
    start, end = span
    before = _range_start().search(text[:start])
    if before:
        month = (
            month_numbers().get(before.group("month").lower().rstrip("."))
            if before.group("month")
            else found.month
        )
        first = _safe_date(found.year, month or found.month, int(before.group("day")))
        if first and first <= found:
            start = before.start()
    end += _year_word_length(text[end:])
    dash = re.match(DASH, text[end:])
    second = find_date_span(text[end + dash.end() :]) if dash else None
    if dash and second and second[0] == 0:  # "12.03.2024 – 14.03.2024"
        end += dash.end() + second[1]
        end += _year_word_length(text[end:])
    return start, end, found


def _year_word_length(text: str) -> int:
    match = _YEAR_WORD.match(text)
    return match.end() if match else 0


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def split_columns(raw: str) -> list[str]:
    """A header line's columns: the parts a tab or a run of spaces sets apart."""
    return _COLUMN_GAP.split(raw)


def read_meta(raw: str) -> Meta | None:
    """Read a date/place/number line ("г. Казань      «5» июня 2023 г.", "г. Уфа    № 4",
    "Дата проведения: 2 декабря 2024 г."); None when some column of it is something else."""
    meta = Meta()
    segments = [clean(s) for s in _COLUMN_GAP.split(raw) if clean(s)]
    if not segments:
        return None
    for segment in segments:
        if not _read_segment(segment, meta):
            return None
    return meta if meta.date or meta.places or meta.numbers else None


def _read_segment(segment: str, meta: Meta) -> bool:
    """Add one column of a header line to ``meta``; False when it is not date, place or number."""
    found = find_header_date(segment) if meta.date is None else None
    if found:
        start, end, date = found
        before = segment[:start].strip(" ,")
        label = patterns()["date_label"].match(before)
        if not _read_rest(before[label.end() :] if label else before, meta, strict=True):
            return False
        meta.labels.extend(_labelled(label))
        meta.date, meta.date_text = date, segment[start:end].strip()
        return _read_rest(segment[end:], meta, strict=len(segment) - start > DATE_LINE_LENGTH)
    return _read_rest(segment, meta, strict=True)


def _read_rest(text: str, meta: Meta, strict: bool) -> bool:
    """The part of a column beside the date: a number, a place, a time; otherwise, after a date
    (``strict`` False), the words stay with the date text ("15 марта 2024 г. (пятница)")."""
    text = text.strip(" ,")
    number = patterns()["number"].search(text)
    if number and not patterns()["address"].search(text[: number.start()]):
        meta.numbers.append(number.group())
        text = (text[: number.start()] + " " + text[number.end() :]).strip(" ,")
    if not text:
        return True
    label, place = split_place_label(text)
    if TIME.match(text) and meta.date:
        meta.notes.append(text)
    elif is_place_line(text) and place:
        meta.places.append(place)
        meta.labels.extend([label] if label else [])
    elif strict:
        return False
    else:
        meta.date_text = f"{meta.date_text} {text}"
    return True


def is_date_line(text: str) -> bool:
    """A short line holding a date, maybe after the place: "г. Абакан        15 марта 2024 г."."""
    meta = read_meta(text)
    return bool(meta and meta.date)


@dataclass
class Citation:
    """The date and number an act's own title line gives ("ПОСТАНОВЛЕНИЕ от 20.03.2014 N 314-п")."""

    date: dt.date | None
    date_text: str | None
    number: str | None


_CITED_DATE_BEFORE = re.compile(r"(?:^|[\sа-яё])от\s*$|^\W*[А-ЯЁа-яё]+\s*$", re.I)
"""What stands before the act's own date: "от" (maybe run on: "ПОСТАНОВЛЕНИЕот 21.03.2023"),
or the heading word alone ("РАСПОРЯЖЕНИЕ 15.03.2017")."""


def citation(text: str) -> Citation | None:
    """The date and number a title line cites outside quotes, None when it cites neither.

    "Приказ № 01-07/43 от 15.06.2021 г. О проведении …" → 2021-06-15, "№ 01-07/43"; a date
    inside the quoted subject ("«О внесении изменений в решение от …»") is another act's.
    """
    outside = _blank_quoted(text)
    date = date_text = None
    for match in re.finditer(r"\d", outside):
        found = find_header_date(outside[match.start() :])
        if found is None:
            continue
        start, end, value = found
        start += match.start()
        if _CITED_DATE_BEFORE.search(outside[:start]):
            date, date_text = value, text[start : end + match.start()].strip()
        break
    number = patterns()["number"].search(outside)
    if date is None and number is None:
        return None
    return Citation(date=date, date_text=date_text, number=number.group() if number else None)


def _blank_quoted(text: str) -> str:
    """``text`` with quoted parts blanked out, positions kept."""
    return re.sub(r"«[^»]*»?|\"[^\"]*\"?|“[^”]*”?", lambda m: " " * len(m.group()), text)


@cache
def _preamble_openers() -> re.Pattern[str]:
    return re.compile(rf"^(?:{'|'.join(load('cues')['preamble_openers'])})(?![а-яё])", re.I)


def opens_preamble(text: str) -> bool:
    """ "В целях …", "В соответствии с …", "Руководствуясь …": the grounds of an act, which
    open its body (they are never a title line)."""
    return bool(_preamble_openers().match(text.strip()))


_TERM_BEFORE = re.compile(r"(?:^|\s)(?:с|со|до|по|на|к|от)\s*$", re.I)
_ACT_NUMBER_AFTER = re.compile(r"^\s*(?:г\.|года)?\s*(?:№|N\s*\d)")


def title_date(lines: list[str]) -> tuple[dt.date, str] | None:
    """The date the title gives an event ("… совещания, состоявшегося 20 февраля 2024 года",
    "Общественная палата края, 6 марта 2024 года"): not one in a subject line ("О проведении …"),
    a term ("с 1 июня по …", "до …") or another act's citation ("от 12.01.2020 № 5")."""
    for line in lines:
        if patterns()["subject"].match(line):
            continue
        outside = _blank_quoted(line)
        found = find_header_date(outside)
        if found is None:
            continue
        start, end, date = found
        if _TERM_BEFORE.search(outside[:start]) or _ACT_NUMBER_AFTER.match(outside[end:]):
            continue
        return date, line[start:end].strip()
    return None


SUBJECT_LENGTH = 400


def is_subject_line(text: str) -> bool:
    """ "Об организации отдыха детей …": the subject a decree states under its date."""
    return bool(patterns()["subject"].match(text)) and len(text) <= SUBJECT_LENGTH and not text.endswith(":")


def is_blank_note(text: str) -> bool:
    """A line of a letter's blank: a phone, an e-mail, "На № … от …"."""
    return bool(patterns()["letter_blank"].match(text))
