"""The title block: kind, title, topic, date and place.

The header runs from the top to the first line of the body (a list item, a long paragraph,
a line ending in ":" or a table). A date line closes it, together with the place and time
lines next to it. Lines of the header that are neither date nor place form the title.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from resparse.rules import load
from resparse.structure import morph
from resparse.structure.addressees import is_heading
from resparse.structure.dates import find_date, find_date_span
from resparse.structure.units import Unit

BODY_LENGTH = 250
_ADDRESS = re.compile(r"(?:^|\s)(?:ул|пер|пр|просп|пл|д|лит|каб|корп|стр|офис|ком)\.\s*", re.I)
_TIME = re.compile(r"^\s*(?:в\s+)?\d{1,2}(?:[:.]\d{2}|\s*час\w*)(?:\s*\d{1,2}\s*мин\w*\.?)?", re.I)


@dataclass
class Header:
    title_lines: list[str] = field(default_factory=list)
    date: dt.date | None = None
    date_text: str | None = None
    place_lines: list[str] = field(default_factory=list)
    other_lines: list[str] = field(default_factory=list)
    end: int = 0
    """Index of the first unit after the header."""

    @property
    def title(self) -> str | None:
        return " ".join(self.title_lines) or None

    @property
    def place(self) -> str | None:
        return " ".join(self.place_lines).strip(" ,") or None


@cache
def _place_start() -> re.Pattern[str]:
    return re.compile("|".join(f"^(?:{p})" for p in load("places")["place_starts"]), re.I)


def is_place_line(text: str) -> bool:
    """ "г. Томск", "ул. Смольного, д.3", "в формате онлайн", or a line led by a place name."""
    text = text.strip()
    return bool(_place_start().search(text) or _ADDRESS.search(text) or _starts_with_place_name(text))


def _starts_with_place_name(text: str) -> bool:
    """ "Санкт-Петербург, Кирпичный пер." — a short line whose first word is a geographic name."""
    first = morph.WORD.match(text)
    if not first or len(text) > 80 or not first.group()[:1].isupper():
        return False
    return any("Geox" in p.tag and p.tag.case == "nomn" for p in morph.parses(first.group().lower())[:2])


def is_date_line(text: str) -> bool:
    """A short line holding a date, maybe after the place: "г. Абакан        15 марта 2024 г."."""
    span = find_date_span(text)
    if span is None:
        return False
    before = text[: span[0]].strip(" ,")
    return len(text) - len(before) <= 60 and (not before or is_place_line(before))


def is_body_start(unit: Unit, position: int, next_marked: bool = False) -> bool:
    """A list item, a long sentence, or an intro line ending in ":" starts the body.

    A long line that starts in lower case ("по итогам заседания комиссии …") continues the
    title instead.
    """
    text = unit.clean
    if is_date_line(text) or is_place_line(text):
        return False
    return bool(
        unit.marker
        or (len(text) > BODY_LENGTH and not text[:1].islower())
        or (position > 0 and text.endswith(":") and not unit.bold and not unit.caps)
        or (position > 0 and is_heading(text) and (text.endswith(":") or next_marked))
    )


def read_header(units: list[Unit], stop: int) -> Header:
    """Read the header from ``units[:stop]`` (``stop`` is where a roadmap table begins)."""
    header = Header()
    seen = 0
    after_date = False
    index = 0
    for index in range(stop):
        unit = units[index]
        text = unit.clean
        if not text:
            continue
        following = next((u for u in units[index + 1 : stop] if not u.blank), None)
        if is_body_start(unit, seen, bool(following and following.marker)):
            header.end = index
            return header
        if after_date and not (is_place_line(text) or _TIME.match(text) or is_date_line(text)):
            header.end = index
            return header
        seen += 1
        unit.claimed = True
        if is_date_line(text) and header.date is None:
            start = (find_date_span(text) or (0, 0))[0]
            header.date = find_date(text)
            header.date_text = text[start:].strip()
            if text[:start].strip(" ,"):
                header.place_lines.append(text[:start].strip(" ,"))
            after_date = True
        elif is_place_line(text) and (header.title_lines or after_date):
            header.place_lines.append(text)
        elif _TIME.match(text) and after_date:
            header.other_lines.append(text)
        else:
            header.title_lines.append(text)
    header.end = stop
    return header


def kind_of(title: str | None, body: str, has_roadmap: bool, has_blocks: bool) -> str:
    rules = load("kinds")
    for rule in rules["kinds"]:
        if title and re.search(rule["pattern"], title, re.I):
            return rule["kind"]
    if has_roadmap:
        return "roadmap"
    for rule in rules["body_kinds"]:
        if re.search(rf"\b(?:{rule['pattern']})\b", body):
            return rule["kind"]
    return "recommendations" if has_blocks else "other"


_TOPIC_CUE = re.compile(r"(?:на\s+тему|по\s+вопросу|по\s+теме|тема)\s*:?\s*", re.I)


def topic_of(title: str | None) -> str | None:
    """The subject in quotes after "на тему"/"по вопросу", or the first quoted part of the title."""
    if not title:
        return None
    cue = _TOPIC_CUE.search(title)
    rest = title[cue.end() :] if cue else title
    start = rest.find("«")
    if start < 0:
        return rest.strip() if cue and rest.strip() else None
    inner = rest[start + 1 :]
    depth, end = 1, len(inner)
    for position, char in enumerate(inner):
        depth += {"«": 1, "»": -1}.get(char, 0)
        if depth == 0:
            end = position
            break
    topic = inner[:end].strip().rstrip("»").strip()
    return topic or None
