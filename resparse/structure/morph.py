"""Russian morphology behind a small adapter.

pymorphy3 (the maintained fork of pymorphy2) is used directly: natasha 1.6 pins pymorphy2,
which needs ``pkg_resources`` (gone from setuptools ≥ 82) and breaks on fresh machines. The
analyser loads lazily, once per process (~0.1 s), so commands that need no morphology —
``resparse --help``, ``resparse layout`` — never pay for it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

WORD = re.compile(r"[А-ЯЁа-яёA-Za-z]+(?:-[А-ЯЁа-яёA-Za-z]+)*")


@cache
def analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def parses(word: str) -> tuple[Any, ...]:
    return tuple(analyzer().parse(word))


def is_abbreviation(word: str) -> bool:
    """ "НКО", "СМИ", "ОМСУ", "ГБУ": upper-case words that do not inflect. A word of the
    dictionary set in capitals ("ПОВЕСТКА", "СОВЕТ", "РЕШИЛИ") is no abbreviation."""
    letters = word.replace("-", "")
    if len(letters) < 2 or not letters.isupper():
        return False
    lower = word.lower()
    if len(letters) <= SHORT_ABBREVIATION:
        return not is_function_word(lower)  # "ВОИ", "УО", but not "ПО", "И"
    return not analyzer().word_is_known(lower) or any("Abbr" in p.tag for p in parses(lower))


SHORT_ABBREVIATION = 3
"""Capitals this short are an abbreviation even when they spell a word ("ВОИ" is no "вой")."""


def can_be(word: str, pos: set[str], case: str | None = None) -> bool:
    """True when some reading of ``word`` is one of ``pos`` (and in ``case``, if given)."""
    return _can_be(word.lower(), frozenset(pos), case)


@lru_cache(maxsize=65536)
def _can_be(word: str, pos: frozenset[str], case: str | None) -> bool:
    return any(parse.tag.POS in pos and (case is None or parse.tag.case == case) for parse in parses(word))


def is_substantive(word: str, case: str) -> bool:
    """An adjective or participle used as a noun, in ``case``: "заведующим", "дежурному"."""
    return any("Subx" in parse.tag and parse.tag.case == case for parse in parses(word.lower()))


def best_pos(word: str) -> str | None:
    found = parses(word.lower())
    return found[0].tag.POS if found else None


def is_predicate(word: str) -> bool:
    """Words that make a clause rather than a name: finite verbs, short adjectives, predicatives."""
    found = parses(word.lower())
    if not found:
        return False
    top = found[0]
    if top.tag.POS in {"VERB", "ADJS", "PRTS", "PRED"}:
        return top.score >= 0.3
    return False


def is_function_word(word: str) -> bool:
    """A preposition, conjunction or particle ("на", "согласно", "и"): it names nothing, so it
    never opens an addressee, never ends a term's governing phrase and has no initial in an
    acronym."""
    found = parses(word.lower())
    return bool(found) and found[0].tag.POS in {"PREP", "CONJ", "PRCL"}


def is_infinitive(word: str) -> bool:
    found = parses(word.lower())
    return bool(found) and found[0].tag.POS == "INFN"


def inflect(word: str, case: str, wanted: set[str], pos: set[str]) -> str | None:
    """Inflect ``word`` read as ``pos`` in ``case`` into ``wanted`` grammemes; None if impossible."""
    return _inflect(word, case, frozenset(wanted), frozenset(pos))


@lru_cache(maxsize=16384)
def _inflect(word: str, case: str, wanted: frozenset[str], pos: frozenset[str]) -> str | None:
    for parse in parses(word.lower()):
        if parse.tag.POS in pos and parse.tag.case == case:
            grammemes = set(wanted)
            if "sing" in parse.tag and parse.tag.POS in {"ADJF", "PRTF"} and parse.tag.gender:
                grammemes.add(parse.tag.gender)
            number = "plur" if "plur" in parse.tag else "sing"
            grammemes.add(number)
            form = parse.inflect(grammemes)
            if form is not None:
                return match_case(form.word, word)
    return None


def noun_number(word: str, case: str) -> str | None:
    for parse in parses(word.lower()):
        if parse.tag.POS == "NOUN" and parse.tag.case == case:
            return "plur" if "plur" in parse.tag else "sing"
    return None


def match_case(new: str, original: str) -> str:
    """Give ``new`` the letter case of ``original`` ("ЦЕНТРУ" → "ЦЕНТР", "Центру" → "Центр"),
    and its spelling of ё: a source that writes "Ковалеву" gets "Ковалев", not "Ковалёв"."""
    if "ё" not in original.lower():
        new = new.replace("ё", "е").replace("Ё", "Е")
    if original.isupper() and len(original) > 1:
        return new.upper()
    if original[:1].isupper():
        return new[:1].upper() + new[1:]
    return new
