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

DEFINITION = re.compile(r"\(\s*далее\s*(?:по\s+тексту\s*)?[-–—:\s]*(?P<short>[^()]{1,60}?)\s*\)", re.I)
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
    candidates = [m for m in reversed(words[-limit:]) if m.group().strip('«»"')[:1].lower() == first_letter]
    if not acronym:
        # "(далее – Комиссия)" repeats its word; "(далее – Минтруд России)" only its first letters.
        stem = short.lower()[:5]
        exact = [m for m in candidates if m.group().strip('«»"').lower().startswith(stem)]
        candidates = exact or [m for m in candidates if m.group().lower()[:3] == short.lower()[:3]]
    if not candidates:
        return None
    phrase = sentence[candidates[0].start() :].strip(" ,")
    return to_nominative(phrase)
