"""Words a PDF broke inside a narrow table cell, joined again.

Word and LibreOffice break a word too long for its cell with no hyphen ("администраци" / "и",
"муниципальн" / "ой"); the PDF reader joins a cell's lines with a space, so the name reads
"администраци и округа". Two pieces that make a word the dictionary knows are one word again
when one of them is no word ("администраци", "ие"), or when the tail is a short ending that
stands alone only as a letter or an abbreviation ("муниципально го", "Инвентаризационны е",
"Исполните ли"). Two words ("сооружениям и …", "строительств о …") are left as they are: the
second is a conjunction or a preposition; so is a short head ("по этому", "не смотря").
"""

from __future__ import annotations

import re
from functools import cache

from resparse.rules import load
from resparse.structure import morph

_BROKEN = re.compile(r"(?<![\w-])([А-ЯЁа-яё]{2,}) (?=([а-яё]{1,10})(?![\w-]))")
"""A word and the space before a tail of small letters; the tail is looked at, not taken, so
that it may be the next match's word ("администрация городско го")."""


def rejoin_broken_words(text: str) -> str:
    """``text`` with each word a cell's line broke without a hyphen made whole, and a quote a
    line break left apart from its word ("Северозёрья »") closed up."""
    if " " not in text:
        return text
    return _QUOTE_APART.sub(_close_up, _BROKEN.sub(_joined, text))


_QUOTE_APART = re.compile(r"(?<=\w)\s+»|«\s+(?=\w)")


def _close_up(match: re.Match[str]) -> str:
    return match.group().strip()


def _joined(match: re.Match[str]) -> str:
    head, tail = match.group(1), match.group(2)
    return head if _broken(head.lower(), tail) else match.group()


ENDING_MAX = 3
"""Letters of a tail that may be a word's ending though the dictionary knows it alone ("го")."""
HEAD_MIN = 4
"""Letters of a head that may take such an ending: "по этому", "не смотря" are two words."""


@cache
def _standalone() -> frozenset[str]:
    """Short words that stand alone after a word: a tail that is one of them stays a word."""
    return frozenset(load("roadmap")["standalone_short_words"])


def _broken(head: str, tail: str) -> bool:
    known = morph.is_known
    if not known(head + tail):
        return _unknown_adjective(head, tail)
    if not known(head) or not known(tail):
        return True
    return len(tail) <= ENDING_MAX and len(head) >= HEAD_MIN and tail not in _standalone()


def _unknown_adjective(head: str, tail: str) -> bool:
    """A name the dictionary does not know broken before its ending ("северозёрск ого"): the
    head is no word, the tail a short ending, and the whole reads as an adjective."""
    if morph.is_known(head) or len(tail) > ENDING_MAX or tail in _standalone():
        return False
    found = morph.parses(head + tail)
    return bool(found) and found[0].tag.POS == "ADJF"
