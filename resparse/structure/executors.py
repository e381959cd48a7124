"""Executors of a roadmap row: a cell split into organisations and persons, each with its role.

Splits on ";" and line breaks, and on "," (or "и") only where a new organisation or group of
persons begins; "X с привлечением Y" makes X responsible and Y involved. Names are put in the
nominative; persons' names stay as written; remarks ("(по согласованию)") and footnote stars
are no part of a name, while ``text`` keeps the words as written.
"""

from __future__ import annotations

import re
from functools import cache

from resparse.models import Executor
from resparse.rules import load
from resparse.structure import morph
from resparse.structure.lexicon import organisation_heads, position_heads, remarks
from resparse.structure.parties import ADJECTIVE, QUOTE_OPEN, head_tokens, to_nominative
from resparse.structure.persons import PERSON


@cache
def _involved_pattern() -> re.Pattern[str]:
    return re.compile("|".join(load("roadmap")["involved"]), re.I)


def split_executors(cell: str) -> list[Executor]:
    """Split an executors cell into organisations and persons, each nominative, with its role.

    Splits on ";" and line breaks, and on "," only where a new organisation begins — so
    "Комитет по развитию малого, среднего бизнеса" stays one. "X с привлечением Y" makes X
    responsible and Y involved. A line holding only a person's name stays with the position
    above it ("Директор школы" / "Симонович О.С."); persons written one after another are one
    executor each ("Гардымова Р.А. Никитина И.А."). Remarks such as "(по согласованию)" and
    footnote stars are not part of a name; ``text`` keeps the words as written.
    """
    executors: list[Executor] = []
    for part in _lines(cell):
        match = _involved_pattern().search(part)
        responsible = part[: match.start()] if match else part
        for name in _split_on_commas(responsible):
            executors.append(Executor(name=_nominative(name), role="responsible", text=name))
        if match:
            cue = " ".join(match.group().split())
            for name in _split_on_commas(part[match.end() :]):
                nominative = _nominative(name, involved=True)
                executors.append(Executor(name=nominative, role="involved", text=f"{cue} {name}"))
    return [e for e in executors if e.name]


_PERSON_LINE = re.compile(rf"\s*{PERSON}\s*[.,]?\s*")
_FOOTNOTE = re.compile(r"\s*\*+(?=\s|$|,)")


def _lines(cell: str) -> list[str]:
    """Parts of a cell split on ";" and line breaks; a line that is only a person's name joins
    the line above when that one names a position (it ends in neither a name nor a comma)."""
    parts: list[str] = []
    for line in re.split(r"[;\n]+", cell):
        if not line.strip():
            continue
        previous = parts[-1].rstrip() if parts else ""
        if (
            previous
            and _PERSON_LINE.fullmatch(line)
            and not previous.endswith(",")
            and not _ENDS_WITH_PERSON.search(previous)
        ):
            parts[-1] = f"{previous} {line.strip()}"
        else:
            parts.append(line)
    return parts


_ENDS_WITH_PERSON = re.compile(rf"{PERSON}\s*[.,]?\s*$")


def _nominative(name: str, involved: bool = False) -> str:
    """The executor's name in the nominative; a person's name is left as written."""
    bare = _bare(name)
    if re.match(PERSON, bare):
        return bare
    return to_nominative(bare, _case_after_involved(bare) if involved else None)


def _bare(name: str) -> str:
    """The name without remarks ("(по согласованию)") and footnote stars ("УО *")."""
    return " ".join(_FOOTNOTE.sub("", remarks().sub("", name)).split()).strip(" ,;")


def _case_after_involved(name: str) -> str | None:
    """'с привлечением'/'при участии' govern the genitive, 'совместно с' the instrumental."""
    first_noun = next((t.group() for t in head_tokens(name) if morph.can_be(t.group(), {"NOUN"})), "")
    for case in ("gent", "ablt"):
        if first_noun and morph.can_be(first_noun, {"NOUN"}, case):
            return case
    return None


def _split_on_commas(text: str) -> list[str]:
    segments = [_trim(s) for s in re.split(r",|\s+и\s+(?=[А-ЯЁа-яё])", text)]
    separators = re.findall(r",|\s+и\s+(?=[А-ЯЁа-яё])", text)
    names: list[str] = []
    for index, segment in enumerate(segments):
        if not segment:
            continue
        joiner = "," if index == 0 or separators[index - 1] == "," else " и"
        if names and not _new_executor(names[-1], segment, joiner):
            names[-1] = f"{names[-1]}{joiner} {segment}"
        else:
            names.append(segment)
    persons = [person for name in names for person in _split_persons(name)]
    return [" ".join(name.split()) for name in persons if name.strip()]


def _trim(segment: str) -> str:
    """Spaces, commas and a closing full stop off — but not the dot of an initial ("Д.А.")."""
    segment = segment.strip(" ,")
    return segment if re.search(r"(?<![^\W\d_])[А-ЯЁA-Z]\.$", segment) else segment.rstrip(" .")


def _new_executor(previous: str, segment: str, joiner: str) -> bool:
    """Does ``segment`` (after "," or "и") begin a new executor rather than continue ``previous``?

    "и" separates executors only after an abbreviation ("ОМСУ и организации") or before a
    capitalised name ("Министерство финансов и Министерство экономики"); an abbreviation
    after a noun phrase that ends in one continues its list of dependents ("комиссии ТФОИВ,
    ОИВ"); a person after a person is a new executor ("Сыса Д.А., Лемеза М.Н.").
    """
    if _PERSON_LINE.fullmatch(segment) or re.match(rf"{PERSON}", segment):
        return bool(_ENDS_WITH_PERSON.search(previous)) or morph.is_abbreviation(previous.split()[-1])
    first = segment.split()[0] if segment.split() else ""
    words = _bare(previous).split()
    after_abbreviation = len(words) == 1 and morph.is_abbreviation(words[0])
    if joiner == " и" and not (after_abbreviation or segment[:1].isupper()):
        return False
    if joiner == " и" and first in _activities():
        return False  # "Отдел строительства и ЖКХ администрации района": a field, not a body
    alone = len(_bare(segment).split()) == 1  # "комиссии ТФОИВ, ОИВ", not ", ОМВД России по …"
    if alone and morph.is_abbreviation(first) and len(words) > 1 and morph.is_abbreviation(words[-1]):
        return False
    return _starts_organisation(segment) or _starts_persons(segment)


@cache
def _activities() -> frozenset[str]:
    return frozenset(load("roadmap").get("activity_abbreviations") or [])


def _split_persons(name: str) -> list[str]:
    """ "Гардымова Р.А. Никитина И.А." → two persons: a capitalised word right after a person's
    name opens the next executor."""
    parts: list[str] = []
    rest = name
    while True:
        found = re.search(rf"{PERSON}(?=\s+[А-ЯЁ])", rest)
        if not found:
            break
        parts.append(rest[: found.end()])
        rest = rest[found.end() :].lstrip()
    return [*parts, rest] if rest else parts


def _starts_organisation(segment: str) -> bool:
    """Does ``segment`` open with an organisation in the nominative: an abbreviation, a quoted
    name, or a noun phrase whose head names an organisation ("Финансовое управление …")?"""
    tokens = head_tokens(segment)
    if not tokens:
        return segment.lstrip()[:1] in QUOTE_OPEN
    if morph.is_abbreviation(tokens[0].group()):
        return True
    word = _head_noun(segment)
    if word is None:
        return False
    lemmas = {p.normal_form for p in morph.parses(word.lower()) if p.tag.POS == "NOUN"}
    lemmas.add(morph.parses(word.lower())[0].normal_form)
    return bool(lemmas & organisation_heads()) and morph.can_be(word, {"NOUN"}, "nomn")


def _starts_persons(segment: str) -> bool:
    """Does ``segment`` open with persons in the nominative: a noun phrase whose head names a
    person or a group of persons ("главные распорядители бюджетных средств", "Инспектор …",
    "Педагоги дополнительного образования")? Continuations of a name after a comma are governed
    words in an oblique case ("малого, среднего бизнеса", "по делам ветеранов, инвалидов")."""
    word = _head_noun(segment)
    return word is not None and any(
        p.tag.POS == "NOUN" and p.tag.case == "nomn" and "anim" in p.tag for p in morph.parses(word.lower())
    )


def _head_noun(segment: str) -> str | None:
    """The first noun of ``segment`` after its adjectives ("главные распорядители" → "распорядители");
    None when another word comes first. A word read both ways is what it most likely is."""
    for token in head_tokens(segment):
        word = token.group()
        if morph.can_be(word, {"NOUN"}) and morph.best_pos(word) not in ADJECTIVE:
            return word
        if not morph.can_be(word, ADJECTIVE, "nomn"):
            return None  # "молодежной политики": an oblique adjective heads no new executor
    return None


def starts_executor(text: str) -> bool:
    """Does ``text`` open with an executor: an organisation ("Отдел …", "Комитет …", "ТФОИВ"), a
    position ("Первый заместитель главы …") or a person ("Иванов И.И.", "И.И. Иванов")?"""
    text = text.lstrip()
    if not text[:1].isupper():
        return False
    if re.match(PERSON, text) or _starts_organisation(text) or _starts_persons(text):
        return True
    for token in head_tokens(text)[:3]:
        word = token.group()
        lemmas = {p.normal_form for p in morph.parses(word.lower()) if p.tag.POS == "NOUN"}
        if lemmas & position_heads():
            return morph.can_be(word, {"NOUN"}, "nomn")
        if not morph.can_be(word, ADJECTIVE):
            return False
    return False
