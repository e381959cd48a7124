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
from dataclasses import dataclass, field, replace

from resparse.markers import capitals, is_box_line
from resparse.structure import morph
from resparse.structure.addressees import is_heading
from resparse.structure.letter import recipient_lines
from resparse.structure.lexicon import is_organisation
from resparse.structure.meta import (
    SUBJECT_LENGTH,
    TIME,
    Citation,
    Meta,
    citation,
    find_header_date,
    is_blank_note,
    is_place_line,
    is_subject_line,
    join_place,
    opens_preamble,
    patterns,
    read_meta,
    split_columns,
    split_place_label,
    title_date,
)
from resparse.structure.title import names_itself, operative_cue
from resparse.structure.units import Unit, unspaced

BODY_LENGTH = 250
STAMP_LINES = 8
CAPS_LETTERS = 4
"""Letters a line in capitals has at least to be a letterhead ("МИНИСТЕРСТВО …"), not "N 5"."""


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
    recipient: list[str] = field(default_factory=list)
    """A letter's recipient ("Главам муниципальных районов …"), above its subject line."""
    end: int = 0
    """Index of the first unit after the header."""

    @property
    def title(self) -> str | None:
        return " ".join(self.title_lines) or None

    @property
    def place(self) -> str | None:
        return join_place(self.place_lines)

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


def is_stamp_start(text: str) -> bool:
    """ "УТВЕРЖДЁН", "УТВЕРЖДАЮ", "СОГЛАСОВАНО", "Приложение № 1 к постановлению …"."""
    return bool(patterns()["stamp"].match(text))


def is_heading_line(unit: Unit) -> bool:
    """A line opened by a title heading word in capitals ("РЕКОМЕНДАЦИИ", "РЕШЕНИЕ КОЛЛЕГИИ")."""
    text = unspaced(unit.clean)
    match = patterns()["heading"].match(text)
    return bool(match and (unit.caps or match.group().isupper()))


def opens_with_heading(text: str) -> bool:
    """A line that opens with a title heading word in any letter case ("Приказ № 5 от …")."""
    text = unspaced(text)
    match = patterns()["heading"].match(text)
    first = re.search(r"\w", text)
    return bool(match and first) and names_itself(text, first.start())


def _goes_on_after_date(unit: Unit, title: list[str]) -> bool:
    """A title line under the date line: the subject ("Об организации …"), a subject in capitals
    going on in capitals ("О МЕРАХ ПО …" / "ОТДАЛЕННЫХ НАСЕЛЕННЫХ ПУНКТОВ …"), or a line set like
    the title, bold or centred, that goes on in lower case ("общественных слушаний «…»", "по
    итогам заседания …") — the kind word stood above the date, its complement below."""
    text = unit.clean
    if is_subject_line(text):
        return True
    last = title[-1]
    if capitals(last, CAPS_LETTERS) and capitals(text, CAPS_LETTERS) and any(map(is_subject_line, title)):
        return not last.endswith((".", ":", ";")) and len(text) <= SUBJECT_LENGTH
    styled = unit.bold or unit.centered
    if not styled or is_place_line(text) or read_meta(unit.text):
        return False  # "г. Сосновец" centred under the date is the place
    return text[:1].islower() and len(text) <= SUBJECT_LENGTH and not text.endswith(":")


def _is_sentence(text: str) -> bool:
    """ "В слушаниях приняли участие 87 человек, …." — a capitalised sentence, not a title line."""
    return text[:1].isupper() and bool(re.search(r"[^.\s]{3,}\.$", text)) and len(text.split()) >= 8


def is_body_start(unit: Unit, position: int, next_marked: bool = False) -> bool:
    """A list item, a long sentence, or an intro line ending in ":" starts the body.

    A long line that starts in lower case ("по итогам заседания комиссии …") continues the
    title instead. An act's operative cue ("… постановляю:") and the sentence that states its
    grounds ("В целях …", "В соответствии с …") open the body wherever they stand.
    """
    text = unit.clean
    if unit.marker:
        return True  # a numbered point, even one naming a street ("… по ул. Мира")
    if read_meta(unit.text) or is_place_line(text):
        return False
    return bool(
        operative_cue(text)
        or opens_preamble(text)
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
    stamp_dated: bool = False
    """The stamp being read has given its date: it ends there (but for a bracketed note)."""
    recipient_left: int = 0
    """Lines of a letter's recipient still to read."""
    subject_due: bool = False
    """A letter's recipient was read: its subject line comes next."""
    cited: Citation | None = None
    """The date and number a title line cites for the act itself ("Приказ № 5 от 15.06.2021")."""
    card: bool = False
    """The first title line is a legal database's card of the act, in ordinary letter case."""


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
    if header.date is None and state.cited and state.cited.date:
        header.date, header.date_text = state.cited.date, state.cited.date_text
    if header.date is None and (found := title_date(header.title_lines)):
        header.date, header.date_text = found  # the meeting the title names, before its approval
    if header.date is None and state.stamp_date:
        header.date, header.date_text = state.stamp_date
    if not header.numbers and state.cited and state.cited.number:
        header.numbers.append(state.cited.number)
    return header


def _take(units: list[Unit], index: int, stop: int, header: Header, state: _State) -> bool:
    """Put one header line where it belongs; False when it opens the body."""
    unit = units[index]
    text = unit.clean
    if _take_stamp(unit, header, state):
        return True
    if is_box_line(unit.text) or is_blank_note(text):
        header.notes.append(text)  # a drawn frame, a letter's phone or "На № … от …": no title
        return True
    if _take_letter_heading(units, index, stop, header, state):
        return True
    if (
        state.after_date
        and not unit.marker
        and header.title_lines
        and _goes_on_after_date(unit, header.title_lines)
    ):
        header.title_lines.append(text)
        return True
    following = next((u for u in units[index + 1 : stop] if not u.blank), None)
    if is_body_start(unit, state.seen, bool(following and following.marker)):
        return False
    if not state.heading_seen and patterns()["site_chrome"].match(text):
        header.notes.append(text)  # "Дата публикации: 03.07.2027": the site's, not the act's
        return True
    meta = read_meta(unit.text)
    if meta is None and header.date is None and _side_by_side(unit, header, state):
        return True
    kind_below = not state.heading_seen and is_heading_line(unit)  # the date sat in the letterhead
    if state.after_date and not (meta or is_place_line(text) or TIME.match(text) or kind_below):
        return False
    state.seen += 1
    if meta and meta.date and header.date is None:
        _add_dated_meta(meta, header, state)
    elif meta and not meta.date and (header.title_lines or state.after_date):
        _add_meta(meta, header)
    elif meta and meta.date and state.after_date:  # "Дата проведения: …" under "от … № 3"
        _add_meta(meta, header)
        header.notes.append(meta.date_text or "")
    elif is_place_line(text) and (header.title_lines or state.after_date):
        label, place = split_place_label(text)
        header.place_lines.append(place)
        header.labels.extend([label] if label else [])
    elif TIME.match(text) and state.after_date:
        header.notes.append(text)
    else:
        _add_title_line(unit, header, state)
    return True


def _take_letter_heading(units: list[Unit], index: int, stop: int, header: Header, state: _State) -> bool:
    """A letter's recipient lines, then its subject line, which is the letter's title: the lines
    above were its letterhead (see :mod:`resparse.structure.letter`)."""
    unit = units[index]
    if state.recipient_left:
        state.recipient_left -= 1
        header.recipient.append(unit.clean)
        return True
    opened = (header.title_lines or header.date) and not (state.heading_seen or state.subject_due)
    if opened and (count := recipient_lines(units, index, stop)):
        header.recipient.append(unit.clean)
        state.recipient_left, state.subject_due = count - 1, True
        return True
    if state.subject_due and is_subject_line(unit.clean):
        state.subject_due = False
        _set_aside_above_heading(header, state)
        header.title_lines.append(unit.clean)
        state.heading_seen = state.after_date = True
        return True
    return False


def _side_by_side(unit: Unit, header: Header, state: _State) -> bool:
    """ "ТАЛЬНИКОВСКОЙ ОБЛАСТИ<tab>от 26 февраля 2028 г. № 1": a two-column letterhead read line
    by line puts the body's name and the act's date on one line; the date column is the act's
    date, the other a title line. False when no column holds a date."""
    columns = [column for column in split_columns(unit.text) if column.strip()]
    metas = [read_meta(column) for column in columns]
    if len(columns) < 2 or not any(m is not None and m.date for m in metas):
        return False
    state.seen += 1
    for column, meta in zip(columns, metas, strict=True):
        if meta is not None and meta.date and header.date is None:
            _add_dated_meta(meta, header, state)
        elif meta is not None:
            _add_meta(meta, header)
        else:
            _add_title_line(replace(unit, text=column), header, state)
    return True


def _take_stamp(unit: Unit, header: Header, state: _State) -> bool:
    """An approval stamp opens with its word and runs to a blank line or the title's heading."""
    text = unit.clean
    if is_stamp_start(text) and not unit.marker:
        state.in_stamp, state.stamp_dated = True, False
    elif (
        not state.in_stamp
        or unit.marker
        or is_heading_line(unit)
        or len(header.stamp) >= STAMP_LINES
        or (state.stamp_dated and not text.startswith("("))
    ):
        state.in_stamp = False  # a stamp ends with the act's date: "… от 22 апреля 2027 года № 14"
        return False
    header.stamp.append(text)
    found = find_header_date(text)
    if found and state.stamp_date is None:
        state.stamp_date = (found[2], text[found[0] : found[1]].strip())
    state.stamp_dated = state.stamp_dated or found is not None
    return True


def _add_dated_meta(meta: Meta, header: Header, state: _State) -> None:
    """The act's date line: its date, and what stands beside it (place, number)."""
    header.date, header.date_text = meta.date, meta.date_text
    _add_meta(meta, header)
    state.after_date = True


def _add_meta(meta: Meta, header: Header) -> None:
    header.place_lines.extend(meta.places)
    header.numbers.extend(meta.numbers)
    header.notes.extend(meta.notes)
    header.labels.extend(meta.labels)


def _add_title_line(unit: Unit, header: Header, state: _State) -> None:
    """A title line; the lines above the first heading word in capitals were a letterhead.

    Lines with a quoted name ("Круглый стол «…»") stay in the title: they name the event, unless
    an organisation is what they name ("МАОУ «Гимназия № 7»"). A legal database's card above
    the act ("Приказ Министерства … от … N …" and its quoted subject) and labelled lines
    ("Источник публикации: …") are notes. A line that repeats the title (a web page's heading
    over the document's own) is a note.
    """
    if unit.clean in header.title_lines:
        header.notes.append(unit.clean)
        return
    if state.cited is None and opens_with_heading(unit.clean):
        state.cited = citation(unit.clean)
        state.card = not header.title_lines and not is_heading_line(unit) and state.cited is not None
    if not state.heading_seen and is_heading_line(unit):
        state.heading_seen = True
        _set_aside_above_heading(header, state)
    header.title_lines.append(unit.clean)


def _set_aside_above_heading(header: Header, state: _State) -> None:
    above = header.title_lines
    card = 0
    if state.card:  # the card runs to the first line in capitals (the act's own letterhead)
        card = next((n for n, line in enumerate(above) if capitals(line, CAPS_LETTERS)), len(above))
    elif _names_event(" ".join(line for line in above if not _set_aside(line))):
        header.notes.extend(line for line in above if _set_aside(line))
        above[:] = [line for line in above if not _set_aside(line)]
        return
    header.notes.extend(above[:card])
    header.notes.extend(line for line in above[card:] if _set_aside(line))
    header.letterhead.extend(line for line in above[card:] if not _set_aside(line))
    above.clear()


def _set_aside(line: str) -> bool:
    """A labelled line, a site's or database's chrome, or a news headline ("Участники форума
    приняли резолюцию"): above the act, yet not its letterhead."""
    return bool(_LABELLED.match(line) or patterns()["site_chrome"].match(line) or _is_headline(line))


def _is_headline(line: str) -> bool:
    """A line with a finite verb: a page's headline; a letterhead names bodies, it states nothing."""
    return any(morph.best_pos(word) == "VERB" for word in morph.WORD.findall(line))


_LABELLED = re.compile(r"[А-ЯЁ][а-яё]+(?:\s+[а-яё]+){0,3}\s*:\s")
"""A line that labels what follows ("Источник публикации: газета …"): a site's or a database's."""


def _names_event(line: str) -> bool:
    """A quoted name of an event ("Круглый стол «…»"), not of an organisation or a newspaper."""
    if not re.search(r"[«\"]", line) or _LABELLED.match(line):
        return False
    words = morph.WORD.findall(line)
    first_noun = next((w for w in words if morph.best_pos(w) == "NOUN"), None)
    return first_noun is None or not is_organisation(first_noun)
