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
from resparse.structure.lexicon import organisation_heads, position_heads
from resparse.structure.parties import party
from resparse.structure.phrases import PERSON, phrase_end

HEADING_MAX = 300


@cache
def _cues() -> dict[str, list[str]]:
    return load("cues")


def _words_outside_quotes(text: str) -> list[str]:
    """The words outside quotes and brackets; a person's initials ("Е.А.") are no words."""
    outside = re.sub(r"«[^»]*»?|\"[^\"]*\"?|\([^)]*\)?|(?<![А-ЯЁа-яё])[А-ЯЁ]\.", " ", text)
    return [m.group() for m in morph.WORD.finditer(outside)]


def _main_clause(words: list[str]) -> list[str]:
    """The words before a relative clause ("Руководителям учреждений, на базе которых …"):
    its verb belongs to the clause, not to the heading."""
    for position, word in enumerate(words):
        if any(p.normal_form in RELATIVE_WORDS for p in morph.parses(word.lower())[:1]):
            return words[:position]
    return words


RELATIVE_WORDS = frozenset({"который", "где", "куда", "откуда", "чей"})
"""Words that open a relative clause inside a name."""


def heading_phrase(text: str) -> str | None:
    """The addressee a heading line names: the line itself, or the phrase after a verb of
    asking ("Рекомендовать органам местного самоуправления:"); None if it names none."""
    text = text.strip()
    if is_heading(text):
        return text
    verb = _verb_pattern().match(text)
    if verb and text.endswith(":") and is_heading(text[verb.end() :]):
        return text[verb.end() :]
    trailing = _trailing_verb().search(text)
    if trailing and is_heading(text[: trailing.start()] + ":"):
        return text[: trailing.start()] + ":"  # "Органам местного самоуправления рекомендовать:"
    finite = _finite_verb().search(text)
    if finite and text.endswith(":") and is_heading(text[finite.end() :]):
        return text[finite.end() :]  # "Общественный совет рекомендует министерству …:"
    return None


@cache
def _finite_verb() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in _cues()["addressee_finite_verbs"])
    return re.compile(rf"(?<![а-яё])(?:{verbs})\s+", re.I)


@cache
def _trailing_verb() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in _cues()["addressee_verbs"])
    return re.compile(rf"\s+(?:{verbs})\s*:$", re.I)


def opens_with_request(text: str) -> bool:
    """ "Рекомендовать комитету … взять на контроль …": a sentence that asks someone, by a verb of
    asking, to do something — a point of its own wherever it stands."""
    verb = _verb_pattern().match(text.strip())
    return bool(verb) and not text.rstrip().endswith(":") and _after_verb(text.strip()) is not None


def is_heading(text: str) -> bool:
    """True for a line that names an addressee and nothing else."""
    text = text.strip()
    if not text or len(text) > HEADING_MAX or text.endswith((".", ";")):
        return False
    if text.count(")") > text.count("("):
        return False  # "… от 29.05.2013 № 64-н)": the end of a note opened on the line above
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
    return not any(morph.is_predicate(w) or morph.is_infinitive(w) for w in _main_clause(words)[1:])


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

    ``opening``: may a phrase opening a sentence of the point before its infinitive be the
    addressee ("Отделу кадров разработать …")? Not under an addressee heading, where it names
    a part of the heading's addressee.
    """
    found = (
        _before_colon(text) or _after_verb(text) or _charged(text) or _appointed(text) or _before_modal(text)
    )
    if found or not opening:
        return found
    return next(filter(None, (_before_infinitive(s) for s in sentences(text))), None)


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[А-ЯЁ])")
_ABBREVIATED = re.compile(r"(?:^|[\s«(\"])(?:[а-яё]{1,4}|(?:[А-ЯЁ]\.\s?)*[А-ЯЁ])\.$")
"""A piece ending in a small abbreviation ("г.", "ул.", "им.") or in initials ("Ю.С."): the
sentence goes on after it ("… Ю.С. Гордеевой принять к сведению")."""


def sentences(text: str) -> list[str]:
    """``text`` cut where a sentence ends — not after "г." or inside quotes ("МКУ «УКС г. Энска»")."""
    pieces: list[str] = []
    for piece in _SENTENCE.split(text):
        last = pieces[-1] if pieces else ""
        if pieces and (_ABBREVIATED.search(last) or last.count("«") > last.count("»")):
            pieces[-1] = f"{last} {piece}"
        else:
            pieces.append(piece)
    return pieces


_SENTENCE_BREAK = re.compile(r"[;:!?]\s|\.\s+(?=[А-ЯЁ«\"])")
"""Where a clause ends; a full stop before a lower-case word ends an abbreviation ("2024 г. представить")."""
INFINITIVE_REACH = 25
"""How many words an addressee opening a point may run before its infinitive."""


def _before_infinitive(text: str) -> Party | None:
    """ "Отделу развития животноводства (Сафина Л.Ф.) совместно с … разработать меры": a dative
    phrase naming a person or an organisation (or a body's abbreviation: "Минобрнауки России
    разработать"), then, within reach, the infinitive of what it is to do."""
    tokens = list(morph.WORD.finditer(text))[:INFINITIVE_REACH]
    if not tokens or not any(morph.is_infinitive(t.group()) for t in tokens[1:]):
        return None
    first = tokens[0].group()
    case = "nomn" if morph.is_abbreviation(first) else "datv"
    end = phrase_end(text, case)
    words = _words_outside_quotes(text[:end])
    if not end or morph.is_function_word(first) or any(morph.is_predicate(w) for w in words):
        return None
    after = morph.WORD.search(text, end)
    if after is None or not (morph.is_infinitive(after.group()) or _reaches_infinitive(text[end:])):
        return None
    if case == "nomn":
        return party(text[:end])
    names = (
        any(_names_someone(w) for w in _dative_run(words))
        or (bool(words) and morph.is_substantive(words[0], "datv"))  # "Заведующему хозяйственным отделом …"
        or _body_phrase().match(text[:end])
    )
    return party(text[:end], "datv") if names else None


@cache
def _body_phrase() -> re.Pattern[str]:
    return re.compile("|".join(load("parties")["body_phrases"]), re.I)


def _dative_run(words: list[str]) -> list[str]:
    """The words opening a phrase that can be dative: its adjectives and head noun(s)."""
    run = []
    for word in words:
        if not morph.can_be(word, {"NOUN", "ADJF", "PRTF"}, "datv"):
            break
        run.append(word)
    return run


def _reaches_infinitive(rest: str) -> bool:
    """What stands between the addressee and its infinitive is a clause of manner or time
    ("совместно с …", "в срок до …", "ежегодно, до …"), not another sentence."""
    cut = _SENTENCE_BREAK.search(_outside_brackets(rest))
    span = rest[: cut.start()] if cut else rest
    return any(morph.is_infinitive(w) for w in morph.WORD.findall(span))


def _outside_brackets(text: str) -> str:
    return re.sub(r"«[^»]*»?|\([^)]*\)?", " ", text)


def _names_someone(noun: str) -> bool:
    """A person ("Секретарю") or an organisation ("Отделу", "Мэрии"), not a thing ("Работе")."""
    heads = organisation_heads()
    for parse in morph.parses(noun.lower()):
        if parse.tag.POS != "NOUN" or parse.tag.case != "datv":
            continue
        lemma = parse.normal_form
        if "anim" in parse.tag or "Orgn" in parse.tag or lemma in heads:
            return True
        if any(lemma.endswith(head) for head in heads if len(head) >= COMPOUND_HEAD):
            return True  # "оргкомитет", "горсовет", "райисполком"
    return False


COMPOUND_HEAD = 5
"""An organisation word may end a compound ("оргкомитет" ← "комитет"); shorter heads
("орган") would match too many unrelated words."""


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
    """ "Рекомендовать главам … организовать", "Просить Государственный Совет … рассмотреть",
    "Обязать руководителей … обеспечить": the phrase after a verb of asking, in the case the
    verb governs, when an infinitive follows it."""
    for match in _verb_pattern().finditer(text):
        rest = text[match.end() :]
        tokens = list(morph.WORD.finditer(rest))
        if not tokens or morph.is_infinitive(tokens[0].group()):
            continue
        if not any(morph.is_infinitive(t.group()) for t in tokens[:15]):
            continue
        accusative = match.group().strip().lower() in _accusative_verbs()
        for case in ("accs",) if accusative else ("datv", "nomn"):
            end = phrase_end(rest, case)
            if end and (case != "nomn" or morph.is_abbreviation(tokens[0].group())):
                return party(rest[:end], None if case == "nomn" else case)
    return None


@cache
def _charge_pattern() -> re.Pattern[str]:
    return re.compile("|".join(_cues()["charge_cues"]), re.I)


def _charged(text: str) -> Party | None:
    """ "Контроль за исполнением … возложить на заместителя главы … В.В. Иванову", "Возложить на
    руководителей учреждений ответственность …": whom the point charges, in the accusative."""
    for match in _charge_pattern().finditer(text):
        for on in _ON.finditer(text, match.start(), match.start() + CHARGE_REACH):
            rest = text[on.end() :]  # "… за соблюдение мер на открытом воздухе на заместителя …"
            end = phrase_end(rest, "accs")
            if end:
                return party(rest[:end], "accs")
    return None


_ON = re.compile(r"(?<![\w-])на\s+", re.I)
CHARGE_REACH = 240
"""How far after "возложить" the "на" naming whom a point charges may stand (characters)."""


@cache
def _appointment() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cues = _cues()["appointment"]
    verb = re.compile(rf"(?<![а-яё])(?:{'|'.join(cues['verbs'])})\s+", re.I)
    return verb, re.compile(rf"^(?:{cues['responsible']})\s*", re.I)


def _appointed(text: str) -> Party | None:
    """ "Назначить ответственным за проведение месячника заместителя главы … Петрова П.П.",
    "Назначить начальника отдела … ответственным за …": the person appointed, in the accusative.
    After "ответственным за …" the person begins at the first animate noun (a post or a name)."""
    verb, responsible = _appointment()
    for match in verb.finditer(text):
        rest = text[match.end() :]
        named = responsible.match(rest)
        if named is None:
            end = phrase_end(rest, "accs")
            if end and responsible.match(rest[end:].lstrip(" ,")) and _names_post(rest[:end]):
                return party(rest[:end], "accs")
            continue
        rest = rest[named.end() :]
        start = _first_person(rest) if rest.lower().startswith("за ") else 0
        end = phrase_end(rest[start:], "accs") if start is not None else 0
        if end and _names_post(rest[start : start + end]):  # not "… отдыха детей": no post, no name
            return party(rest[start : start + end], "accs")
    return None


def _names_post(phrase: str) -> bool:
    """A post, a body or a named person ("начальника отдела", "Петрова П.П."), not persons in
    general ("назначить лиц, ответственных за …")."""
    if PERSON.search(phrase):
        return True
    heads = organisation_heads() | position_heads()
    return any(
        p.normal_form in heads for w in morph.WORD.findall(phrase) for p in morph.parses(w.lower())[:2]
    )


def _first_person(text: str) -> int | None:
    """Where the first animate noun (or a person's name) of ``text`` stands."""
    person = PERSON.search(text)
    for token in morph.WORD.finditer(text):
        if person and token.start() >= person.start():
            return person.start()
        word = token.group()
        if len(word) < 2 or morph.is_function_word(word):
            continue  # "и" also reads as an initial, an animate noun
        nouns = [p for p in morph.parses(word.lower()) if p.tag.POS == "NOUN"]
        if nouns and all("anim" in p.tag for p in nouns):  # "заместителя", not "месячника"
            return _adjectives_before(text, token.start())
    return person.start() if person else None


def _adjectives_before(text: str, start: int) -> int:
    """Move ``start`` back over the adjectives of the noun there ("главного специалиста")."""
    for word in reversed(list(morph.WORD.finditer(text[:start]))):
        if text[word.end() : start].strip() or not morph.can_be(word.group(), {"ADJF", "PRTF"}, "accs"):
            break
        start = word.start()
    return start


def _case_start(words: list[str], case: str) -> bool:
    """The phrase opens with a noun in ``case``, maybe after adjectives."""
    for word in words[:4]:
        if morph.can_be(word, {"NOUN"}, case) or morph.is_substantive(word, case):
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
