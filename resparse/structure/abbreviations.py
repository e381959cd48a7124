"""Abbreviations defined in the text: "некоммерческих организаций (далее – НКО)".

The full form is the phrase just before the parenthesis. For an acronym it reaches back to
the word starting with the acronym's first letter ("органа местного самоуправления (далее –
ОМСУ)"); for a word ("(далее – Комиссия)") back to the word it repeats. The full form is put
in the nominative like any other name.
"""

from __future__ import annotations

import re

from resparse.models import Abbreviation
from resparse.structure import morph
from resparse.structure.parties import to_nominative

DEFINITION = re.compile(r"\(\s*далее\s*(?:по\s+тексту\s*)?[-–—:]?\s*(?P<short>[^()]{1,60}?)\s*\)", re.I)
MAX_WORDS = 40


def find_abbreviations(texts: list[str]) -> list[Abbreviation]:
    found: dict[str, Abbreviation] = {}
    for text in texts:
        for match in DEFINITION.finditer(text):
            short = match.group("short").strip(" «»\"'")
            if not short or short in found:
                continue
            full = full_form(text[: match.start()], short)
            if full:
                found[short] = Abbreviation(short=short, full=full)
    return list(found.values())


def full_form(before: str, short: str) -> str | None:
    """The phrase before "(далее – short)" that the abbreviation stands for."""
    sentence = re.split(r"[.;:!?(]\s|[()]", before)[-1]
    words = list(re.finditer(r"[«\"]?[\wЁё-]+[»\"]?", sentence))
    if not words:
        return None
    first_letter = short.strip()[0].lower()
    acronym = morph.is_abbreviation(short.replace(" ", ""))
    limit = len(short.replace(" ", "")) + 1 if acronym else MAX_WORDS
    for back, match in enumerate(reversed(words[-limit:])):
        word = match.group().strip("«»\"")
        if word[:1].lower() == first_letter and (acronym or word.lower()[:4] == short.lower()[:4]):
            phrase = sentence[match.start() :].strip(" ,")
            return to_nominative(phrase) if acronym else phrase
        if back > limit:
            break
    return None
