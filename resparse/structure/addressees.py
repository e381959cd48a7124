"""Who is asked: addressee headings and addressees named inside a point.

A heading is a noun phrase in the dative with no predicate ("Комитету общественных
коммуникаций Ленинградской области", "1. Союзу «…»:", "НКО:"). Inside a point the addressee
follows a verb of asking ("Предложить администрации … разработать") or precedes a modal
("Органам власти … следует …", "СМИ необходимо …").
"""

from __future__ import annotations

import re
from functools import cache

from resparse.models import Party
from resparse.rules import load
from resparse.structure import morph
from resparse.structure.parties import party, trim_name

HEADING_MAX = 300


@cache
def _cues() -> dict[str, list[str]]:
    return load("cues")


def _words_outside_quotes(text: str) -> list[str]:
    outside = re.sub(r"«[^»]*»?|\"[^\"]*\"?|\([^)]*\)?", " ", text)
    return [m.group() for m in morph.WORD.finditer(outside)]


def heading_phrase(text: str) -> str | None:
    """The addressee a heading line names: the line itself, or the phrase after a verb of
    asking ("Рекомендовать органам местного самоуправления:"); None if it names none."""
    text = text.strip()
    if is_heading(text):
        return text
    verb = _verb_pattern().match(text)
    if verb and text.endswith(":") and is_heading(text[verb.end() :]):
        return text[verb.end() :]
    return None


def is_heading(text: str) -> bool:
    """True for a line that names an addressee and nothing else."""
    text = text.strip()
    if not text or len(text) > HEADING_MAX or text.endswith((".", ";")):
        return False
    words = _words_outside_quotes(text)
    if not words:
        return False
    first = words[0]
    if len(first) < 3 and not morph.is_abbreviation(first):
        return False  # "г. Казань", "д. 4": an address, not a name
    if morph.is_function_word(first):
        return False
    if morph.is_abbreviation(first):
        # "НКО:" — an abbreviation alone (or with dependents) before a colon
        return text.endswith(":") and not any(morph.is_predicate(w) or morph.is_infinitive(w) for w in words)
    if not _dative_start(words):
        return False
    return not any(morph.is_predicate(w) or morph.is_infinitive(w) for w in words[1:])


def _dative_start(words: list[str]) -> bool:
    """The phrase opens with a dative noun, maybe after adjectives ("Ресурсному Центру")."""
    return _case_start(words, "datv")


def heading_party(text: str) -> Party:
    """The addressee of a heading: its name trimmed (partners, "(далее …)", initials), its
    text whole — the heading holds nothing else, so nothing of it may be dropped."""
    found = party(text, "datv")
    return found.model_copy(update={"text": " ".join(text.split()).rstrip(" :")})


@cache
def _verb_pattern() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in _cues()["addressee_verbs"])
    return re.compile(rf"(?<![а-яё])(?:{verbs})\s+", re.I)


@cache
def _modal_pattern() -> re.Pattern[str]:
    modals = "|".join(re.escape(m) for m in _cues()["addressee_modals"])
    return re.compile(
        rf"(?:^|[.;:,!?]\s+|\s[–—-]\s+)(?P<np>[^.;:,!?]{{1,160}}?)\s+(?:{modals})(?![а-яё])", re.I
    )


def inline_addressee(text: str, opening: bool = True) -> Party | None:
    """The addressee a point names inside its text, or None.

    ``opening``: may a dative phrase opening the point before its infinitive be the addressee
    ("Отделу кадров разработать …")? Not under an addressee heading, where it names a part of
    the heading's addressee.
    """
    found = _before_colon(text) or _after_verb(text) or _before_modal(text)
    return found or (_before_infinitive(text) if opening else None)


INFINITIVE_REACH = 25
"""How many words an addressee opening a point may run before its infinitive."""


def _before_infinitive(text: str) -> Party | None:
    """ "Отделу развития животноводства (Сафина Л.Ф.) совместно с … разработать меры": a dative
    phrase naming a person or an organisation, then the infinitive of what it is to do."""
    tokens = list(morph.WORD.finditer(text))[:INFINITIVE_REACH]
    verb = next((t for t in tokens[1:] if morph.is_infinitive(t.group())), None)
    if verb is None:
        return None
    end = verb.start()
    phrase = text[:end]
    if re.search(r"[.;:!?]\s", _outside_brackets(phrase)):
        return None
    words = _words_outside_quotes(trim_name(phrase))
    if not words or morph.is_function_word(words[0]) or not _dative_start(words):
        return None
    if any(morph.is_predicate(w) or morph.is_infinitive(w) for w in words):
        return None
    head = next(w for w in words if morph.can_be(w, {"NOUN"}, "datv"))
    return party(phrase, "datv") if _names_someone(head) else None


def _outside_brackets(text: str) -> str:
    return re.sub(r"«[^»]*»?|\([^)]*\)?", " ", text)


def _names_someone(noun: str) -> bool:
    """A person ("Секретарю") or an organisation ("Отделу", "Мэрии"), not a thing ("Работе")."""
    heads = _organisation_heads()
    for parse in morph.parses(noun.lower()):
        if (
            parse.tag.POS == "NOUN"
            and parse.tag.case == "datv"
            and ("anim" in parse.tag or parse.normal_form in heads)
        ):
            return True
    return False


@cache
def _organisation_heads() -> frozenset[str]:
    return frozenset(load("roadmap").get("organisation_heads", []))


@cache
def _accusative_verbs() -> frozenset[str]:
    return frozenset(load("parties")["accusative_verbs"])


def _before_colon(text: str) -> Party | None:
    """ "Комитету по культуре: провести фестиваль" — a heading run into its point."""
    head, colon, rest = text.partition(":")
    if colon and rest.strip() and len(head) <= HEADING_MAX and is_heading(head + ":"):
        return heading_party(head)
    return None


def _after_verb(text: str) -> Party | None:
    for match in _verb_pattern().finditer(text):
        rest = text[match.end() :]
        tokens = list(morph.WORD.finditer(rest))
        if not tokens or morph.is_infinitive(tokens[0].group()):
            continue
        end = None
        for token in tokens[:15]:
            if morph.is_infinitive(token.group()):
                end = token.start()
                break
        if end is None:
            continue
        phrase = rest[:end].strip(" ,")
        words = _words_outside_quotes(trim_name(phrase))
        if words and (_dative_start(words) or morph.is_abbreviation(words[0])):
            return party(phrase, None if morph.is_abbreviation(words[0]) else "datv")
        verb = match.group().strip().lower()
        if words and verb in _accusative_verbs() and _case_start(words, "accs"):
            return party(phrase, "accs")
    return None


def _case_start(words: list[str], case: str) -> bool:
    """The phrase opens with a noun in ``case``, maybe after adjectives."""
    for word in words[:4]:
        if morph.can_be(word, {"NOUN"}, case):
            return True
        if not morph.can_be(word, {"ADJF", "PRTF"}, case):
            return False
    return False


def _before_modal(text: str) -> Party | None:
    for match in _modal_pattern().finditer(text):
        phrase = match.group("np").strip()
        words = _words_outside_quotes(phrase)
        if not words or any(morph.is_predicate(w) or morph.is_infinitive(w) for w in words):
            continue
        if morph.is_abbreviation(words[0]) and len(words) <= 3:
            return party(phrase)
        if _dative_start(words) and morph.can_be(words[0], {"NOUN", "ADJF", "PRTF"}, "datv"):
            return party(phrase, "datv")
    return None
