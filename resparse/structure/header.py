"""The title block: kind, title, topic, date and place.

The header runs from the top to the first line of the body (a list item, a long paragraph,
a line ending in ":" or a table). A date line closes it, together with the place, number and
time lines next to it and a subject line ("Об итогах …"). Of the other lines, those above the
title's heading word ("СОВЕТ ДЕПУТАТОВ … / РЕШЕНИЕ") are the letterhead and an approval stamp
("УТВЕРЖДЁН постановлением …") is set aside: neither is the title, and both reach ``unparsed``
through :attr:`Header.other_lines`, so no text is lost.

A header line may hold several columns ("20 февраля 2024 г.      г. Тамбов      № 1184"): it
is read segment by segment, split on tabs and wide gaps.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from resparse.rules import load
from resparse.structure import morph
from resparse.structure.addressees import is_heading
from resparse.structure.dates import DASH, YEAR_WORDS, find_date, find_date_span, month_numbers, month_pattern
from resparse.structure.units import Unit, clean

BODY_LENGTH = 250
SUBJECT_LENGTH = 400
STAMP_LINES = 8
DATE_LINE_LENGTH = 60
_TIME = re.compile(r"^\s*(?:в\s+)?\d{1,2}(?:[:.]\d{2}|\s*час\w*)(?:\s*\d{1,2}\s*мин\w*\.?)?", re.I)
_COLUMN_GAP = re.compile(r"\t|[ \u00a0\u2007\u202f]{3,}")
_YEAR_WORD = re.compile(YEAR_WORDS, re.I)


@dataclass
class Header:
    title_lines: list[str] = field(default_factory=list)
    date: dt.date | None = None
    date_text: str | None = None
    place_lines: list[str] = field(default_factory=list)
    letterhead: list[str] = field(default_factory=list)
    """The issuing body's name above the heading word."""
    stamp: list[str] = field(default_factory=list)
    """An approval stamp ("УТВЕРЖДЁН …", "УТВЕРЖДАЮ …", "Приложение к …")."""
    numbers: list[str] = field(default_factory=list)
    """Registration numbers ("№ 1184")."""
    notes: list[str] = field(default_factory=list)
    """Other header lines no field holds (a time "11 часов 00 мин.")."""
    labels: list[str] = field(default_factory=list)
    """Labels taken off a value ("Место проведения:", "Дата проведения:")."""
    end: int = 0
    """Index of the first unit after the header."""

    @property
    def title(self) -> str | None:
        return " ".join(self.title_lines) or None

    @property
    def place(self) -> str | None:
        return _join_place(self.place_lines)

    @property
    def issuer(self) -> str | None:
        return " ".join(self.letterhead) or None

    @property
    def approval(self) -> str | None:
        return " ".join(self.stamp) or None

    @property
    def number(self) -> str | None:
        return self.numbers[0] if self.numbers else None

    @property
    def other_lines(self) -> list[str]:
        """Header text that no field of the document holds: the caller lists it as unparsed."""
        return [*self.numbers[1:], *self.labels, *self.notes]


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
def _rules() -> dict[str, re.Pattern[str]]:
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
        _rules()["place_start"].search(text)
        or _rules()["address"].search(text)
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
    label = _rules()["place_label"].match(text)
    return (label.group().strip(), text[label.end() :].strip()) if label else (None, text)


def _labelled(match: re.Match[str] | None) -> list[str]:
    """The label a date/place pattern matched, when it is a real one ("Дата:", not "от")."""
    return [match.group().strip()] if match and match.group().strip().endswith(":") else []


def _join_place(parts: list[str]) -> str | None:
    """Place lines joined with commas; a closing full stop is dropped ("…, актовый зал." →
    "…, актовый зал"), one after an abbreviation is kept ("Кирпичный пер.")."""
    text = ""
    for part in (p.strip(" ,") for p in parts):
        if part:
            text = f"{text}, {part}" if text else part
    if text.endswith(".") and not _rules()["abbreviation_end"].search(text):
        text = text[:-1]
    return text or None


def find_header_date(text: str) -> tuple[int, int, dt.date] | None:
    """Where the date of a header line stands, with the date: a range ("23–25 августа 2024
    года") counts from its first day and covers both ends; the year word is included."""
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
            start, found = before.start(), first
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
        label = _rules()["date_label"].match(before)
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
    number = _rules()["number"].search(text)
    if number and not _rules()["address"].search(text[: number.start()]):
        meta.numbers.append(number.group())
        text = (text[: number.start()] + " " + text[number.end() :]).strip(" ,")
    if not text:
        return True
    label, place = split_place_label(text)
    if _TIME.match(text) and meta.date:
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


def is_stamp_start(text: str) -> bool:
    """ "УТВЕРЖДЁН", "УТВЕРЖДАЮ", "СОГЛАСОВАНО", "Приложение № 1 к постановлению …"."""
    return bool(_rules()["stamp"].match(text))


def is_heading_line(unit: Unit) -> bool:
    """A line opened by a title heading word in capitals ("РЕКОМЕНДАЦИИ", "РЕШЕНИЕ КОЛЛЕГИИ")."""
    text = unit.clean
    match = _rules()["heading"].match(text)
    return bool(match and (unit.caps or match.group().isupper()))


def is_subject_line(text: str) -> bool:
    """ "Об организации отдыха детей …": the subject a decree states under its date."""
    return bool(_rules()["subject"].match(text)) and len(text) <= SUBJECT_LENGTH and not text.endswith(":")


def _is_sentence(text: str) -> bool:
    """ "В слушаниях приняли участие 87 человек, …." — a capitalised sentence, not a title line."""
    return text[:1].isupper() and bool(re.search(r"[^.\s]{3,}\.$", text)) and len(text.split()) >= 8


def is_body_start(unit: Unit, position: int, next_marked: bool = False) -> bool:
    """A list item, a long sentence, or an intro line ending in ":" starts the body.

    A long line that starts in lower case ("по итогам заседания комиссии …") continues the
    title instead.
    """
    text = unit.clean
    if read_meta(unit.text) or is_place_line(text):
        return False
    return bool(
        unit.marker
        or (len(text) > BODY_LENGTH and not text[:1].islower())
        or (position > 0 and text.endswith(":") and not unit.bold and not unit.caps)
        or (position > 0 and is_heading(text) and (text.endswith(":") or next_marked))
        or (position > 0 and _is_sentence(text))
    )


@dataclass
class _State:
    seen: int = 0
    after_date: bool = False
    in_stamp: bool = False
    heading_seen: bool = False
    stamp_date: tuple[dt.date, str] | None = None


def read_header(units: list[Unit], stop: int) -> Header:
    """Read the header from ``units[:stop]`` (``stop`` is where a roadmap table begins)."""
    header, state = Header(), _State()
    header.end = stop
    for index in range(stop):
        unit = units[index]
        text = unit.clean
        if not text:
            state.in_stamp = False
            continue
        if not _take(units, index, stop, header, state):
            header.end = index
            break
        unit.claimed = True
    if header.date is None and state.stamp_date:
        header.date, header.date_text = state.stamp_date
    return header


def _take(units: list[Unit], index: int, stop: int, header: Header, state: _State) -> bool:
    """Put one header line where it belongs; False when it opens the body."""
    unit = units[index]
    text = unit.clean
    if _take_stamp(unit, header, state):
        return True
    if state.after_date and not unit.marker and is_subject_line(text) and header.title_lines:
        header.title_lines.append(text)
        return True
    following = next((u for u in units[index + 1 : stop] if not u.blank), None)
    if is_body_start(unit, state.seen, bool(following and following.marker)):
        return False
    meta = read_meta(unit.text)
    if state.after_date and not (meta or is_place_line(text) or _TIME.match(text)):
        return False
    state.seen += 1
    if meta and meta.date and header.date is None:
        header.date, header.date_text = meta.date, meta.date_text
        _add_meta(meta, header)
        state.after_date = True
    elif meta and not meta.date and (header.title_lines or state.after_date):
        _add_meta(meta, header)
    elif is_place_line(text) and (header.title_lines or state.after_date):
        label, place = split_place_label(text)
        header.place_lines.append(place)
        header.labels.extend([label] if label else [])
    elif _TIME.match(text) and state.after_date:
        header.notes.append(text)
    else:
        _add_title_line(unit, header, state)
    return True


def _take_stamp(unit: Unit, header: Header, state: _State) -> bool:
    """An approval stamp opens with its word and runs to a blank line or the title's heading."""
    text = unit.clean
    if is_stamp_start(text) and not unit.marker:
        state.in_stamp = True
    elif not state.in_stamp or unit.marker or is_heading_line(unit) or len(header.stamp) >= STAMP_LINES:
        state.in_stamp = False
        return False
    header.stamp.append(text)
    found = find_header_date(text)
    if found and state.stamp_date is None:
        state.stamp_date = (found[2], text[found[0] : found[1]].strip())
    return True


def _add_meta(meta: Meta, header: Header) -> None:
    header.place_lines.extend(meta.places)
    header.numbers.extend(meta.numbers)
    header.notes.extend(meta.notes)
    header.labels.extend(meta.labels)


def _add_title_line(unit: Unit, header: Header, state: _State) -> None:
    """A title line; the lines above the first heading word in capitals were a letterhead.

    Lines with a quoted name ("Круглый стол «…»") stay in the title: they name the event.
    """
    if not state.heading_seen and is_heading_line(unit):
        state.heading_seen = True
        if header.title_lines and not any("«" in line for line in header.title_lines):
            header.letterhead.extend(header.title_lines)
            header.title_lines.clear()
    header.title_lines.append(unit.clean)


def kind_of(title: str | None, body: str, has_roadmap: bool, has_blocks: bool) -> str:
    """The kind its heading word names: of the patterns found in the title the earliest wins
    ("РЕКОМЕНДАЦИИ … о ходе исполнения решения" is recommendations); ties go by rule order."""
    rules = load("kinds")
    found = [
        (match.start(), order, rule["kind"])
        for order, rule in enumerate(rules["kinds"])
        if title and (match := re.search(rule["pattern"], title, re.I))
    ]
    if found:
        return min(found)[2]
    if has_roadmap:
        return "roadmap"
    for rule in rules["body_kinds"]:
        if re.search(rf"\b(?:{rule['pattern']})\b", body):
            return rule["kind"]
    return "recommendations" if has_blocks else "other"


_TOPIC_CUE = re.compile(r"(?:на\s+тему|по\s+вопросу|по\s+теме|тема)\s*:?\s*", re.I)


def topic_of(title: str | None) -> str | None:
    """The subject: in quotes after "на тему"/"по вопросу", a subject phrase ("РЕШЕНИЕ О мерах
    по …"), or the first quoted part of the title that is not a genre («дорожная карта»)."""
    if not title:
        return None
    cue = _TOPIC_CUE.search(title)
    if cue:
        rest = title[cue.end() :]
        return _quoted(rest) if "«" in rest else (rest.strip() or None)
    subject = _subject_in(title)
    if subject:
        return subject
    return _quoted(title)


def _subject_in(title: str) -> str | None:
    """ "ПОСТАНОВЛЕНИЕ Об организации отдыха …" → "Об организации отдыха …" (outside quotes)."""
    for match in _rules()["subject_in_title"].finditer(title):
        if _quote_depth(title[: match.start()]) == 0:
            return title[match.start() :].strip().rstrip(".") or None
    return None


def _quote_depth(text: str) -> int:
    return text.count("«") - text.count("»")


def _quoted(text: str) -> str | None:
    """The first top-level «…» of ``text`` that is not only a genre word."""
    while (start := text.find("«")) >= 0:
        inner = text[start + 1 :]
        depth, end = 1, len(inner)
        for position, char in enumerate(inner):
            depth += {"«": 1, "»": -1}.get(char, 0)
            if depth == 0:
                end = position
                break
        topic = inner[:end].strip().rstrip("»").strip()
        if topic and not _is_genre(topic):
            return topic
        text = inner[end + 1 :]
    return None


def _is_genre(text: str) -> bool:
    """ "дорожная карта", "РЕЗОЛЮЦИЯ": a quoted part that only names the kind of document."""
    match = _rules()["heading"].match(text)
    return bool(match) and not re.search(r"\s", text[match.end() :].strip())
