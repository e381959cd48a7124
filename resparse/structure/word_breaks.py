"""Words a PDF broke inside a narrow table cell, joined again.

Word and LibreOffice break a word too long for its cell with no hyphen ("администраци" / "и",
"муниципальн" / "ой"); the PDF reader joins a cell's lines with a space, so the name reads
"администраци и округа". Two pieces that make a word the dictionary knows, when one of them is no
word ("администраци", "ие"), are one word again. Two words ("сооружениям и …", "строительств
о …") are left as they are: the second may be a conjunction or a preposition.
"""

from __future__ import annotations

import re

from resparse.structure import morph

_BROKEN = re.compile(r"(?<![\w-])([А-ЯЁа-яё]{2,}) ([а-яё]{1,10})(?![\w-])")
"""A word and a tail of small letters after one space."""


def rejoin_broken_words(text: str) -> str:
    """``text`` with each word a cell's line broke without a hyphen made whole."""
    if " " not in text:
        return text
    return _BROKEN.sub(_joined, text)


def _joined(match: re.Match[str]) -> str:
    head, tail = match.group(1), match.group(2)
    return head + tail if _broken(head.lower(), tail) else match.group()


def _broken(head: str, tail: str) -> bool:
    known = morph.is_known
    return (not known(head) or not known(tail)) and known(head + tail)
