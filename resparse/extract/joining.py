"""Lines of one paragraph joined as a reader joins them: with a space, and a word the typesetter
hyphenated at the line's end made whole again — "организа-" + "ций" → "организаций", while
"научно-" + "практической" keeps its hyphen (:func:`drop_line_hyphen`, pymorphy3). The PDF
reader joins a paragraph's and a cell's lines so; the text reader joins a text's hard-wrapped
lines (copied out of a PDF) so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from resparse.dictionary import is_known

__all__ = ["drop_line_hyphen", "join_lines", "join_pair"]

_HYPHENS = "-\u2010\u2011"
_SOFT_HYPHEN = "\u00ad"
_TRAILING_LETTERS = re.compile(r"([^\W\d_]+)$")
_LEADING_LETTERS = re.compile(r"^([^\W\d_]+)")


def drop_line_hyphen(head: str, tail: str) -> bool:
    """Whether "head-" + "tail" at a line break is a word the typesetter hyphenated.

    The hyphen goes only when the joined word is a dictionary word and the hyphenated
    form is not: "организа-" + "ций" → "организаций", but "бизнес-" + "сообщества" and
    "торгово-" + "промышленной" keep their hyphen (a real compound stays as printed).
    """
    if not head or not tail or not tail[0].islower():
        return False
    return is_known(head + tail) and not is_known(f"{head}-{tail}")


def join_pair(left: str, right: str) -> str:
    """Join two consecutive lines of one paragraph as a reader would."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left or right
    if left.endswith(_SOFT_HYPHEN):
        return left[:-1] + right
    if left[-1] in _HYPHENS and len(left) >= 2 and left[-2].isalnum() and right[0].isalnum():
        head = _TRAILING_LETTERS.search(left[:-1])
        tail = _LEADING_LETTERS.match(right)
        if head and tail and drop_line_hyphen(head.group(1), tail.group(1)):
            return left[:-1] + right
        return left + right
    return f"{left} {right}"


def join_lines(texts: Iterable[str]) -> str:
    """Join a paragraph's (or a cell's) lines with spaces, re-joining hyphenated words."""
    result = ""
    for text in texts:
        result = join_pair(result, text)
    return result
