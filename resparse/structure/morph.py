"""Russian morphology behind a small adapter.

pymorphy3 (the maintained fork of pymorphy2) is used directly: natasha 1.6 pins pymorphy2,
which needs ``pkg_resources`` (gone from setuptools ≥ 82) and breaks on fresh machines. The
analyser is :mod:`resparse.dictionary`'s, loaded lazily once per process and shared with the
readers.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from resparse.dictionary import analyzer
from resparse.dictionary import is_known as is_known  # the rules ask it through this adapter

WORD_CACHE = 65536
"""How many distinct words each morphology question remembers (a few MB at most): documents
repeat their words, and the rules ask the same question of a word many times."""
WORD = re.compile(r"[А-ЯЁа-яёA-Za-z]+(?:-[А-ЯЁа-яёA-Za-z]+)*")


@lru_cache(maxsize=WORD_CACHE)
def parses(word: str) -> tuple[Any, ...]:
    return tuple(analyzer().parse(word))


@lru_cache(maxsize=WORD_CACHE)
def is_abbreviation(word: str) -> bool:
    """ "НКО", "СМИ", "ОМСУ", "ГБУ": upper-case words that do not inflect. A word of the
    dictionary set in capitals ("ПОВЕСТКА", "СОВЕТ", "РЕШИЛИ") is no abbreviation."""
    letters = acronym_letters(word).replace("-", "")
    if len(letters) < 2 or not letters.isupper():
        return False
    lower = word.lower()
    if len(letters) <= SHORT_ABBREVIATION:
        return not is_function_word(lower)  # "ВОИ", "УО", but not "ПО", "И"
    return not is_known(lower) or any("Abbr" in p.tag for p in parses(lower))


def acronym_letters(word: str) -> str:
    """An acronym's capitals without the lower-case "и" it may join them with: "КДНиЗП" → "КДНЗП"."""
    return _JOINER.sub("", word)


_JOINER = re.compile(r"(?<=[А-ЯЁ])и(?=[А-ЯЁ])")

SHORT_ABBREVIATION = 3
"""Capitals this short are an abbreviation even when they spell a word ("ВОИ" is no "вой")."""


def can_be(word: str, pos: set[str], case: str | None = None) -> bool:
    """True when some reading of ``word`` is one of ``pos`` (and in ``case``, if given)."""
    return _can_be(word.lower(), frozenset(pos), case)


@lru_cache(maxsize=WORD_CACHE)
def _can_be(word: str, pos: frozenset[str], case: str | None) -> bool:
    return any(parse.tag.POS in pos and (case is None or parse.tag.case == case) for parse in parses(word))


def is_substantive(word: str, case: str) -> bool:
    """An adjective or participle used as a noun, in ``case``: "заведующим", "дежурному"."""
    return _is_substantive(word.lower(), case)


@lru_cache(maxsize=WORD_CACHE)
def _is_substantive(word: str, case: str) -> bool:
    return any("Subx" in parse.tag and parse.tag.case == case for parse in parses(word))


@lru_cache(maxsize=WORD_CACHE)
def _top(word: str) -> tuple[str | None, float]:
    """Part of speech and score of the likeliest reading of a lower-case word; (None, 0) if none.
    The rules ask this of the same words over and over, and pymorphy3 computes ``tag.POS`` anew
    each time."""
    found = parses(word)
    return (found[0].tag.POS, found[0].score) if found else (None, 0.0)


def best_pos(word: str) -> str | None:
    return _top(word.lower())[0]


def is_predicate(word: str) -> bool:
    """Words that make a clause rather than a name: finite verbs, short adjectives, predicatives."""
    pos, score = _top(word.lower())
    return pos in {"VERB", "ADJS", "PRTS", "PRED"} and score >= 0.3


def is_function_word(word: str) -> bool:
    """A preposition, conjunction or particle ("на", "согласно", "и"): it names nothing, so it
    never opens an addressee, never ends a term's governing phrase and has no initial in an
    acronym."""
    return _top(word.lower())[0] in {"PREP", "CONJ", "PRCL"}


def is_infinitive(word: str) -> bool:
    return _top(word.lower())[0] == "INFN"


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
    return _noun_number(word.lower(), case)


@lru_cache(maxsize=WORD_CACHE)
def _noun_number(word: str, case: str) -> str | None:
    for parse in parses(word):
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
