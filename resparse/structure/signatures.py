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
from dataclasses import replace
from functools import cache

from resparse.models import Signatory
from resparse.rules import load
from resparse.structure import morph
from resparse.structure.meta import patterns
from resparse.structure.persons import ANY_SURNAME, INITIALS, SIGNED_PERSON
from resparse.structure.units import Unit, clean

NAME = re.compile(SIGNED_PERSON)
_NAME_LINE = re.compile(rf"^\s*(?P<name>{NAME.pattern})\.?\s*$")
_NAME_AFTER_TAB = re.compile(rf"^(?P<position>.*\S)\s*\t\s*(?P<name>{NAME.pattern})\.?\s*$", re.S)
_NAME_FIRST = re.compile(rf"^(?P<name>{INITIALS}\s?{ANY_SURNAME})\s+(?P<rest>[А-ЯЁ].*)$", re.S)
"""A name, then a capitalised line: a PDF set the name, right of its position, on the line of
the next position's start ("Е.А. Мельникова Глава городского округа")."""
_CELL_RULE = re.compile(r"[ \t]*\|[ \t]*")
"""A table set as text keeps its cells apart with "|" ("Министр | А.В. Улюкаев |")."""
# A PDF or a pasted text loses the tab: "… некоммерческих организаций В.П. Журавлёв".
_NAME_AT_END = re.compile(rf"^(?P<position>.*[^\s.])\s+(?P<name>{SIGNED_PERSON})\.?\s*$", re.S)
POSITION_MAX = 400
PROSE_WORDS = 8
"""A line this long after a "position – name" line is the protocol's prose going on (a short
one is page chrome: "Поделиться: ВКонтакте …")."""
LABEL_WORDS = 3
"""A job title of this many words or fewer before a colon labels a line ("Ответственный:")."""
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
    first = morph.WORD.search(text)
    if first and morph.is_infinitive(first.group()):
        return False  # "Назначить ответственным …" is a point, not a post
    for word in morph.WORD.findall(text)[:3]:
        lemmas = {p.normal_form for p in morph.parses(word.lower())}
        if lemmas & heads:
            return morph.can_be(word, {"NOUN", "ADJF", "PRTF"}, "nomn")  # not "Председателя …"
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
    """Signatories found in the tail, and the tail text that is not part of any, in order.

    A signature block stands where the act ends: right after its points or at the very end.
    A "position – name" line with prose both before and after it ("Председатель заседания: –
    Можина Е.В." at the top of a protocol) lists a participant; its text is given back. An
    appendix after a signature ("Приложение 1 к приказу …") signs nothing: its member lists
    and tables are given back as text.
    """
    tail = side_by_side(tail)
    block = _Block()
    texts = [text for unit in tail if (text := cells(unit.text)).strip()]
    appendix: list[str] = []  # after the signature: no prose around it
    for position, text in enumerate(texts):
        name_first = _NAME_FIRST.match(clean(text)) if block.pending else None
        if name_first:  # "Е.А. Мельникова Глава округа": a name right, the next line's left
            block.sign(name_first.group("name"), name_first.group("name"))
            text = name_first.group("rest")
        if block.raw and patterns()["stamp"].match(clean(text)):
            appendix = [clean(t) for t in [text, *texts[position + 1 :]]]
            break
        block.read(text)
    block.flush()
    signatories, leftover = _in_place(block.entries, block.raw)
    return signatories, leftover + appendix


class _Block:
    """The signature block as read so far: signatories and text in order, and the position
    lines waiting for their name."""

    def __init__(self) -> None:
        self.entries: list[Signatory | str] = []
        self.raw: dict[int, list[str]] = {}
        """The lines each signatory was read from, by its id: given back if it is no signature."""
        self.pending: list[str] = []

    def read(self, text: str) -> None:
        name_line = _NAME_LINE.match(clean(text))
        after_tab = _NAME_AFTER_TAB.match(text.strip("\n")) or _NAME_AT_END.match(clean(text))
        if name_line:
            self.sign(name_line.group("name"), clean(text))
        elif after_tab:
            self.position_text(after_tab.group("position").rstrip(" :"))
            self.sign(after_tab.group("name"), after_tab.group("name"))
        elif len(clean(text)) <= POSITION_MAX:
            self.position_text(text)
        else:
            self.flush()
            self.entries.append(clean(text))

    def position_text(self, text: str) -> None:
        prose, position = split_position(text)
        if prose:
            self.flush()
            self.entries.append(prose)
        if position:
            self.pending.append(position)

    def sign(self, name: str, line: str) -> None:
        lines = _position_lines(self.pending)
        self.entries.extend(self.pending[: len(self.pending) - len(lines)])
        signatory = Signatory(position=" ".join(lines) or None, name=name)
        self.raw[id(signatory)] = [*self.pending[len(self.pending) - len(lines) :], line]
        self.entries.append(signatory)
        self.pending.clear()

    def flush(self) -> None:
        self.entries.extend(self.pending)
        self.pending.clear()


def _in_place(entries: list[Signatory | str], raw: dict[int, list[str]]) -> tuple[list[Signatory], list[str]]:
    """Keep the signatories of a closing block; give back the text of one amid prose."""
    signatories: list[Signatory] = []
    leftover: list[str] = []
    for index, entry in enumerate(entries):
        if isinstance(entry, str):
            leftover.append(entry)
            continue
        before = any(isinstance(e, str) for e in entries[:index])
        after = any(isinstance(e, str) and len(e.split()) >= PROSE_WORDS for e in entries[index + 1 :])
        if before and after:
            leftover.extend(raw[id(entry)])
        else:
            signatories.append(entry)
    return signatories, leftover


_GAP = re.compile(r"(?<=\S)[ \u00a0]{3,}(?=\S)")


def side_by_side(tail: list[Unit]) -> list[Unit]:
    """Two signature blocks set side by side ("Председатель Думы      Глава города" / …
    / "О.Н. Лаптева      С.И. Бурмистров"): the left column, then the right one, each read on
    its own. Only when a row of the block holds two names."""
    rows = [_GAP.split(clean_gaps(u.text)) if u.text.strip() else [] for u in tail]
    two_names = [r for r in rows if len(r) == 2 and all(NAME.search(part) for part in r)]
    if not two_names or any(len(r) > 2 for r in rows):
        return tail
    left = [replace(u, text=r[0]) for u, r in zip(tail, rows, strict=True) if r]
    right = [replace(u, text=r[1]) for u, r in zip(tail, rows, strict=True) if len(r) == 2]
    return [*left, *right]


def clean_gaps(text: str) -> str:
    """A line's text with tabs read as wide gaps and the signature blanks ("____") removed."""
    return _BLANK.sub(" ", text.replace("\t", "   ")).strip()


def cells(text: str) -> str:
    """ "Министр | А.В. Улюкаев |" → "Министр<tab>А.В. Улюкаев": the cells of a table set as text."""
    return _CELL_RULE.sub("\t", text).strip("\t ")


def is_signature(text: str, previous: str | None) -> bool:
    """Does this line sign the document? A position and a name ("Министр | А.В. Улюкаев |",
    "Глава района<tab>И.И. Иванов"), or a name whose position is the line above ("Глава
    администрации" / "СП «Деревня Михеево»: С.В.Яковлева.", "Глава района" / "И.И. Иванов")."""
    text = cells(text)
    if not text[:1].isupper() or text.rstrip().endswith((";", ",")):
        return False  # "председатель Комиссии – … Пахомов И.Л.;": a member listed in a point
    label, colon, _ = text.partition(":")
    if colon and starts_position(label) and len(label.split()) <= LABEL_WORDS:
        return False  # "Ответственный: Мишустин М.В.", "Докладчик: …": a label, not a signature
    above = bool(previous) and _is_position_line(cells(previous or ""))
    if _NAME_LINE.match(clean(text)):
        return above
    found = _NAME_AFTER_TAB.match(text) or _NAME_AT_END.match(clean(text))
    if not found:
        return False
    prose, position = split_position(found.group("position").rstrip(" :"))
    return not prose and bool(position) and (starts_position(position) or above)


def _is_position_line(text: str) -> bool:
    """A line holding a post only: it opens with a job title and ends no sentence."""
    return starts_position(text) and not text.rstrip().endswith((".", ";", ":"))


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


def signature_in_last_point(units: list[Unit], last: int) -> Unit | None:
    """A last point whose paragraph runs on into the signature ("… до 1 марта. Председатель
    комиссии И.И. Иванов"): the point keeps its text, the signature becomes a unit of the tail."""
    if last < 0:
        return None
    unit = units[last]
    before, signatory = split_signature(unit.text)
    if signatory is None or not before.strip():
        return None
    unit.text = before
    return Unit(text=f"{signatory.position}\t{signatory.name}", origin=unit.origin)
