"""Signatories: a position (one or more lines) followed by a name.

Names are initials and surname in either order ("В.П. Журавлёв", "Журавлёв В.П."). The name
may sit on its own line, after a tab (or at the end) of the position's last line, or in the
right-hand cell of a borderless table — all of which reach this module as units in reading order.

A position is a short job title ("Председатель комиссии …", "Модератор круглого стола, член …"),
maybe over a few lines. Closing prose before it — a sentence ending in "." ("Резолюция принята
единогласно."), a line ending in ":" ("От имени участников:") — is not part of it: it is given
back as leftover, split off even when it shares the signature's paragraph. The blank drawn for
the handwritten signature ("________") is not part of the position either.
"""

from __future__ import annotations

import re
from functools import cache

from resparse.models import Signatory
from resparse.rules import load
from resparse.structure import morph
from resparse.structure.units import Unit, clean

_INITIALS = r"[А-ЯЁA-Z]\.\s?(?:[А-ЯЁA-Z]\.)?"
_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
NAME = re.compile(rf"(?:{_INITIALS}\s?{_SURNAME}|{_SURNAME}\s+{_INITIALS})")
_NAME_LINE = re.compile(rf"^\s*(?P<name>{NAME.pattern})\s*$")
_NAME_AFTER_TAB = re.compile(rf"^(?P<position>.*\S)\s*\t\s*(?P<name>{NAME.pattern})\s*$", re.S)
# A PDF or a pasted text loses the tab: "… некоммерческих организаций В.П. Журавлёв".
_NAME_AT_END = re.compile(
    rf"^(?P<position>.*[^\s.])\s+(?P<name>{_INITIALS}\s?{_SURNAME}|{_SURNAME}\s+{_INITIALS})\s*$", re.S
)
POSITION_MAX = 400
POSITION_LINES = 4
"""A position runs over a few lines at most; earlier pending lines are closing prose."""

_BLANK = re.compile(r"_{2,}|\(\s*подпись\s*\)", re.I)
# Where a sentence or a lead-in ends: after ":", ";", "!", "?", or a "." that ends the line or
# is followed by a capital. A "." after a short lower-case word ("г.", "ул.") or a single letter
# may be an abbreviation ("Глава администрации г. Томска"): a weak boundary.
_BOUNDARY = re.compile(r"[:;!?](?:\s+|$)|\.(?:\s+(?=[«\"A-ZА-ЯЁ])|\s*$)")
_ABBREVIATED = re.compile(r"(?:^|[\s(])(?:[а-яё]{1,3}|[А-ЯЁA-Z])$")


@cache
def _position_words() -> tuple[frozenset[str], re.Pattern[str]]:
    rules = load("parties")
    prefixes = "|".join(rules["position_prefixes"])
    return frozenset(rules["position_heads"]), re.compile(rf"^(?:{prefixes})(?![а-яё])", re.I)


def starts_position(text: str) -> bool:
    """Does ``text`` open with a job title ("Председатель …", "Первый заместитель …", "И.о. …")?"""
    heads, prefixes = _position_words()
    if prefixes.match(text.strip()):
        return True
    for word in morph.WORD.findall(text)[:3]:
        lemmas = {p.normal_form for p in morph.parses(word.lower())}
        if lemmas & heads:
            return True
        if not morph.can_be(word, {"ADJF"}, "nomn"):  # "Первый заместитель", "Главный врач"
            return False
    return False


def split_position(text: str) -> tuple[str, str]:
    """(closing prose, position) of the text before a name; either may be empty.

    The position starts after the last sentence boundary — after a weak one ("2025 г.") only
    when a job title follows it.
    """
    text = clean(_BLANK.sub(" ", text))
    for boundary in reversed(list(_BOUNDARY.finditer(text))):
        rest = text[boundary.end() :]
        weak = boundary.group().startswith(".") and bool(_ABBREVIATED.search(text[: boundary.start()]))
        if weak and rest and not starts_position(rest):
            continue
        return text[: boundary.end()].strip(), rest.strip()
    return "", text


def read_signatures(tail: list[Unit]) -> tuple[list[Signatory], list[str]]:
    """Signatories found in the tail, and the tail text that is not part of any, in order."""
    signatories: list[Signatory] = []
    pending: list[str] = []
    leftover: list[str] = []

    def add_position_text(text: str) -> None:
        prose, position = split_position(text)
        if prose:
            leftover.extend(pending)
            leftover.append(prose)
            pending.clear()
        if position:
            pending.append(position)

    def sign(name: str) -> None:
        lines = _position_lines(pending)
        leftover.extend(pending[: len(pending) - len(lines)])
        signatories.append(Signatory(position=" ".join(lines) or None, name=name))
        pending.clear()

    for unit in tail:
        text = unit.text
        if not text.strip():
            continue
        name_line = _NAME_LINE.match(clean(text))
        after_tab = _NAME_AFTER_TAB.match(text.strip("\n")) or _NAME_AT_END.match(clean(text))
        if name_line:
            sign(name_line.group("name"))
        elif after_tab:
            add_position_text(after_tab.group("position"))
            sign(after_tab.group("name"))
        elif len(clean(text)) <= POSITION_MAX:
            add_position_text(text)
        else:
            leftover.extend(pending)
            pending.clear()
            leftover.append(clean(text))
    return signatories, leftover + pending


def _position_lines(pending: list[str]) -> list[str]:
    """The lines of a position: the last few, from the earliest one opening with a job title."""
    recent = pending[-POSITION_LINES:]
    start = next((i for i, line in enumerate(recent) if starts_position(line)), 0)
    return recent[start:]


def split_signature(text: str) -> tuple[str, Signatory | None]:
    """Split a paragraph that ends in a signature ("… организаций. Модератор круглого стола
    Р.Ф. Хайруллин") into the text before it and the signatory; (text, None) if it has none.

    Stricter than :func:`read_signatures`: the position must open with a job title, so a point
    ending in a responsible person ("… (Захаров И.С.)") is not taken for a signature.
    """
    found = _NAME_AFTER_TAB.match(text.strip("\n")) or _NAME_AT_END.match(clean(text))
    if not found:
        return text, None
    prose, position = split_position(found.group("position"))
    if not position or not starts_position(position) or len(position) > POSITION_MAX:
        return text, None
    return prose, Signatory(position=position, name=found.group("name"))
