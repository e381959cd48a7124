"""What the title says: the document's kind and its topic.

The kind is named by a heading word of the title ("РЕКОМЕНДАЦИИ", "ПОСТАНОВЛЕНИЕ", "План
мероприятий"); a document with no such title is known by its operative cue ("ПОСТАНОВЛЯЮ:",
"РЕШИЛИ:", "приказываю:") or by what its body holds. The word lists are in ``grammars/kinds.yaml``.
"""

from __future__ import annotations

import re
from functools import cache

from resparse.rules import load
from resparse.structure import morph
from resparse.structure.meta import opens_preamble, patterns
from resparse.structure.units import unspaced


def kind_of(
    title: str | None, body: str, has_roadmap: bool, has_blocks: bool, preamble: str | None = None
) -> str:
    """The kind the title's heading word names, else the body's (see :func:`body_kind`); with
    neither, points after grounds stated the way acts state them ("В целях …:") make a decision.

    Of the heading words found in the title the earliest wins ("РЕКОМЕНДАЦИИ … о ходе
    исполнения решения" is recommendations); ties go by rule order. A heading word in an
    oblique case names another act ("Постановлением … внесены изменения"), not this one.
    """
    if has_roadmap and not has_blocks:
        return "roadmap"  # the plan itself, whatever act its title line cites
    rules = load("kinds")
    title = unspaced(title or "")
    found = [
        (match.start(), order, rule["kind"])
        for order, rule in enumerate(rules["kinds"])
        for match in re.finditer(rule["pattern"], title, re.I)
        if names_itself(title, match.start())
    ]
    if found:
        return min(found)[2]
    if has_roadmap:
        return "roadmap"
    if kind := body_kind(body):
        return kind
    if has_blocks and preamble and opens_preamble(preamble):
        return "decision"  # "В целях …:" then points: the grounds and orders of an act
    return "recommendations" if has_blocks else "other"


def names_itself(text: str, start: int) -> bool:
    """The word at ``start`` can be in the nominative: "ПРИКАЗ", "План", "Итоговый", not
    "Постановлением" or "к Постановлению"."""
    word = morph.WORD.match(text, start)
    if word is None:
        return True
    token = word.group()
    return morph.is_abbreviation(token) or morph.can_be(token, {"NOUN", "ADJF"}, "nomn")


def body_kind(body: str) -> str | None:
    """A kind from the body: a capitalised heading word ("РЕКОМЕНДАЦИИ") or an operative cue."""
    for rule in load("kinds")["body_kinds"]:
        if re.search(rf"\b(?:{rule['pattern']})\b", body):
            return rule["kind"]
    if any(operative_cue(line) for line in body.splitlines()):
        return "decision"
    return None


@cache
def _operative() -> re.Pattern[str]:
    cues = "|".join(load("kinds")["operative_cues"])
    return re.compile(rf"(?<![а-яё])(?P<cue>{cues})\s*:", re.I)


def operative_cue(text: str) -> re.Match[str] | None:
    """Where the operative cue of an act stands in ``text`` ("… района, постановляю:",
    "ПОСТАНОВЛЯЕТ:", "Собрание постановляет: 6. …"), letter-spaced or not; None if absent."""
    return _operative().search(text) or _operative().search(unspaced(text))


_TOPIC_CUE = re.compile(r"(?:на\s+тему|по\s+вопросу|по\s+теме|тема)\s*:?\s*", re.I)


def topic_of(title: str | None) -> str | None:
    """The subject: in quotes after "на тему"/"по вопросу", a subject phrase ("РЕШЕНИЕ О мерах
    по …"), or the first quoted part of the title that is not a genre («дорожная карта»)."""
    if not title:
        return None
    cue = _TOPIC_CUE.search(title)
    if cue:
        rest = title[cue.end() :]
        return _quoted(rest) if "«" in rest else (rest.strip() or None)
    subject = _subject_in(title)
    if subject:
        return subject
    return _quoted(title)


def _subject_in(title: str) -> str | None:
    """ "ПОСТАНОВЛЕНИЕ Об организации отдыха …" → "Об организации отдыха …" (outside quotes)."""
    for match in patterns()["subject_in_title"].finditer(title):
        if _quote_depth(title[: match.start()]) == 0:
            return title[match.start() :].strip().rstrip(".") or None
    return None


def _quote_depth(text: str) -> int:
    return text.count("«") - text.count("»")


def _quoted(text: str) -> str | None:
    """The first top-level «…» of ``text`` that is not only a genre word."""
    while (start := text.find("«")) >= 0:
        inner = text[start + 1 :]
        depth, end = 1, len(inner)
        for position, char in enumerate(inner):
            depth += {"«": 1, "»": -1}.get(char, 0)
            if depth == 0:
                end = position
                break
        topic = inner[:end].strip().rstrip("»").strip()
        if topic and not _is_genre(topic):
            return topic
        text = inner[end + 1 :]
    return None


def _is_genre(text: str) -> bool:
    """ "дорожная карта", "РЕЗОЛЮЦИЯ": a quoted part that only names the kind of document."""
    match = patterns()["heading"].match(text)
    return bool(match) and not re.search(r"\s", text[match.end() :].strip())
