"""Organisations as written and in the nominative, and executor lists split into them.

Only the *head phrase* is inflected — the leading adjectives and the first noun; dependents
keep their case and quoted names stay as written::

    "Комитету общественных коммуникаций Ленинградской области"
        → "Комитет общественных коммуникаций Ленинградской области"
    "ресурсных центров НКО Ленинградской области" → "ресурсные центры НКО Ленинградской области"

(natasha's ``span.normalize`` inflects every word unless a syntax parse ran first.)
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from resparse.models import Party
from resparse.rules import load
from resparse.structure import morph
from resparse.structure.lexicon import remarks
from resparse.structure.persons import PERSON
from resparse.structure.phrases import conjuncts, persons_to_nominative

ADJECTIVE = {"ADJF", "PRTF"}
OBLIQUE_CASES = ("datv", "gent", "ablt", "loct", "accs")
QUOTE_OPEN = '«"“„'


def head_tokens(text: str) -> list[re.Match[str]]:
    """Words before the first quotation mark: a quoted name is never inflected."""
    cut = min((text.index(q) for q in QUOTE_OPEN if q in text), default=len(text))
    return list(morph.WORD.finditer(text[:cut]))


PHRASE_CACHE = 8192
"""How many (phrase, case) pairs :func:`to_nominative` remembers: a roadmap names the same
executors row after row, and each costs a dozen morphology questions."""


@lru_cache(maxsize=PHRASE_CACHE)
def to_nominative(text: str, case: str | None = None) -> str:
    """Put the head phrase of ``text`` into the nominative; ``case`` is what it is in now.

    With no ``case`` a phrase that may already be nominative is left alone.
    """
    text = text.strip()
    substantive = _substantive_head(text, case)
    if substantive is not None:
        return substantive
    adjectives: list[re.Match[str]] = []
    head = None
    tokens = head_tokens(text)
    for position, token in enumerate(tokens):
        word = token.group()
        if morph.is_abbreviation(word):
            return text
        following = [t.group() for t in tokens[position + 1 : position + 1 + AGREEMENT_REACH]]
        if morph.can_be(word, {"NOUN"}) and not _agrees_before(word, following, case):
            head = token
            break
        if morph.can_be(word, ADJECTIVE):
            adjectives.append(token)
            continue
        if word.lower() in {"и", "или"} and adjectives:
            continue
        if morph.best_pos(word) == "ADVB":  # "социально ориентированных …"
            continue
        return text
    if head is None:
        return text
    noun = head.group()
    if case is None:
        case = _agreeing_case(noun, [t.group() for t in adjectives])
        if case is None or case == "nomn":
            return text
    number = morph.noun_number(noun, case)
    new_noun = morph.inflect(noun, case, {"nomn"}, {"NOUN"})
    if number is None or new_noun is None:
        return text
    gender = _gender(noun, case)
    replacements = {head.span(): new_noun}
    for token in adjectives:
        wanted = {"nomn", number} | ({gender} if number == "sing" and gender else set())
        new_adjective = _inflect_adjective(token.group(), case, wanted)
        if new_adjective:
            replacements[token.span()] = new_adjective
    replacements.update(_agreeing_participles(text, head, case, number, gender))
    for (start, end), word in sorted(replacements.items(), reverse=True):
        text = text[:start] + word + text[end:]
    return text


def _substantive_head(text: str, case: str | None) -> str | None:
    """ "Заведующим структурными подразделениями" → "Заведующие структурными подразделениями": a
    participle used as a noun heads the phrase and is inflected alone; None for other phrases."""
    tokens = head_tokens(text)
    if not case or not tokens or not morph.is_substantive(tokens[0].group(), case):
        return None
    following = tokens[1].group() if len(tokens) > 1 else ""
    if following and morph.can_be(following, {"NOUN"}, case):
        return None  # "Ответственному секретарю": an adjective of the noun after it
    word = tokens[0].group()
    for parse in morph.parses(word.lower()):
        if "Subx" in parse.tag and parse.tag.case == case:
            number = "plur" if "plur" in parse.tag else "sing"
            form = parse.inflect({"nomn", number} | ({"masc"} if number == "sing" else set()))
            if form is not None:
                return morph.match_case(form.word, word) + text[tokens[0].end() :]
    return None


AGREEMENT_REACH = 5
"""Words looked at after a possible adjective for the noun it agrees with."""


def _agrees_before(word: str, following: list[str], case: str | None) -> bool:
    """ "первого заместителя", "Верхнеборской областной организации": a word that may be a noun
    ("первое", a place name the dictionary does not know) but agrees as an adjective with the
    noun after it — other adjectives between — is that noun's adjective."""
    if not (case and following) or not morph.can_be(word, ADJECTIVE, case):
        return False
    for after in following:
        if morph.can_be(after, {"NOUN"}, case) and not _agrees_before(after, following[1:], case):
            return True
        if not morph.can_be(after, ADJECTIVE, case):
            return False
        following = following[1:]
    return False


def _agreeing_case(noun: str, adjectives: list[str]) -> str | None:
    """The case the head phrase is in: nominative when it can be, else the first oblique case
    its adjectives agree in ("Всероссийского общества" is genitive, not "общества" plural)."""
    for case in ("nomn", *OBLIQUE_CASES):
        for number in ("sing", "plur"):
            if _noun_reads(noun, case, number) and all(_adjective_reads(a, case, number) for a in adjectives):
                return case
    return None


def _noun_reads(word: str, case: str, number: str) -> bool:
    return any(
        p.tag.POS == "NOUN" and p.tag.case == case and number in p.tag for p in morph.parses(word.lower())
    )


def _adjective_reads(word: str, case: str, number: str) -> bool:
    return any(
        p.tag.POS in ADJECTIVE and p.tag.case == case and number in p.tag for p in morph.parses(word.lower())
    )


def _agreeing_participles(
    text: str, head: re.Match[str], case: str, number: str, gender: str | None
) -> dict[tuple[int, int], str]:
    """A participle clause after a comma that agrees with the head is inflected with it
    ("учреждениям …, оказывающим помощь" → "учреждения …, оказывающие помощь"). One that could
    agree with a dependent noun as well is left as written."""
    found: dict[tuple[int, int], str] = {}
    cut = min((text.index(q) for q in QUOTE_OPEN if q in text), default=len(text))
    between = text[head.end() : cut]
    for match in re.finditer(r",\s*(?P<word>[А-ЯЁа-яё]+)", between):
        word = match.group("word")
        if not _participle_reads(word, case, number):
            continue
        nouns = morph.WORD.findall(between[: match.start()])
        if any(_noun_reads(n, case, number) for n in nouns):
            continue
        wanted = {"nomn", number} | ({gender} if number == "sing" and gender else set())
        new = _inflect_adjective(word, case, wanted)
        if new:
            start = head.end() + match.start("word")
            found[(start, start + len(word))] = new
    return found


def _participle_reads(word: str, case: str, number: str) -> bool:
    return any(
        p.tag.POS == "PRTF" and p.tag.case == case and number in p.tag for p in morph.parses(word.lower())
    )


def _gender(noun: str, case: str) -> str | None:
    for parse in morph.parses(noun.lower()):
        if parse.tag.POS == "NOUN" and parse.tag.case == case:
            return parse.tag.gender if parse.tag.gender in {"masc", "femn", "neut"} else None
    return None


def _inflect_adjective(word: str, case: str, wanted: set[str]) -> str | None:
    for parse in morph.parses(word.lower()):
        if parse.tag.POS in ADJECTIVE and parse.tag.case == case:
            form = parse.inflect(wanted)
            if form is not None:
                return morph.match_case(form.word, word)
    return None


@cache
def _stops() -> re.Pattern[str]:
    return re.compile("|".join(load("parties")["addressee_stops"]), re.I)


def trim_name(text: str) -> str:
    """The organisation alone, without what follows it in the sentence: partners ("совместно с
    работодателями") or a definition ("(далее – администрация)")."""
    stop = _stops().search(text)
    return (text[: stop.start()] if stop else text).strip(" ,;:")


def party(text: str, case: str | None = None) -> Party:
    """A :class:`Party` from words as written; trailing ":" and spaces are not part of it, nor
    partners or a definition after it. Every coordinated head and a person in apposition are
    put in the nominative; a person in brackets stays as written ("… (Гладкова)")."""
    written = trim_name(" ".join(text.split()).rstrip(" :"))
    bare = remarks().sub("", written).strip(" ,")  # "(по согласованию)" is no part of a name
    if bare != written:
        return Party(text=written, name=party(bare, case).name)
    if case is None:
        return Party(text=written, name=to_nominative(written))
    if re.fullmatch(PERSON, written):  # "Петрова П.П.": a surname, no common noun ("Петры")
        return Party(text=written, name=persons_to_nominative(written, case))
    name = "".join(_keep_spacing(piece, to_nominative(piece, case)) for piece in conjuncts(written, case))
    return Party(text=written, name=persons_to_nominative(name, case))


def _keep_spacing(original: str, new: str) -> str:
    stripped = original.strip()
    return (
        original[: len(original) - len(original.lstrip())]
        + new
        + original[len(stripped) + (len(original) - len(original.lstrip())) :]
    )
