"""Where a named party ends in a sentence, and its parts.

An addressee is a noun phrase: adjectives, a head noun in the case its verb governs, then
what depends on the head — genitives ("главам муниципальных образований городов и районов
области"), a proper name ("… муниципального образования Динской район"), a quoted name, a
person in apposition or in brackets ("Мэру города Ижевска Балакину В.В.", "(Гладкова)"), and
heads coordinated in the same case ("Начальнику управления …, начальникам отделов …"). It
stops at the first word that is none of these: a preposition ("при разработке программ"), an
adverb ("ежегодно", "совместно с …"), an infinitive, a word in another case.

    >>> text = "Оргкомитету собрания совместно со всеми специалистами выработать"
    >>> text[: phrase_end(text, "datv")]
    'Оргкомитету собрания'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from resparse.rules import load
from resparse.structure import morph
from resparse.structure.lexicon import conjunct_bodies, is_organisation, is_post, noun_lemmas
from resparse.structure.persons import ANY_SURNAME, INITIALS, SIGNED_PERSON

PERSON = re.compile(rf"{SIGNED_PERSON}(?![а-яёА-ЯЁ])")
"""Surname and initials in either order: "Балакину В.В.", "В.В. Иванову", "А.А.ЖИЛКИН"."""

_TOKEN = re.compile(
    rf"(?P<person>{PERSON.pattern})"
    r"|(?P<quote>«[^»]*»?|\"[^\"]*\"?|“[^”]*”?)"
    r"|(?P<paren>\([^)]*\)?)"
    r"|(?P<number>(?:№|N)\s*\d[\w/-]*)"
    r"|(?P<word>[А-ЯЁа-яёA-Za-z]+(?:-[А-ЯЁа-яёA-Za-z]+)*)"
    r"|(?P<comma>,)"
    r"|(?P<other>[^\s])"
)
NOUNISH = {"NOUN", "ADJF", "PRTF"}
COORDINATORS = {"и", "или", "а", "также"}
MANNER = {"ADVB", "COMP", "GRND"}
"""Adverbs, comparatives and gerunds: they tell how a thing is done, they name no one."""


@dataclass
class _Token:
    kind: str
    text: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.lastgroup or "other", m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _before_name(after: list[_Token]) -> bool:
    return bool(after) and after[0].kind in {"word", "quote"} and after[0].text[:1].isupper()


def _names_place(after: list[_Token]) -> bool:
    """ "в Ясногорском районе", "в городе Энске": a place named with a capital, in the locative."""
    words = [t.text for t in after[:2] if t.kind == "word"]
    return bool(words) and words[0][:1].isupper() and any(morph.can_be(w, NOUNISH, "loct") for w in words)


def _names_body(tokens: list[_Token]) -> bool:
    """Do the words after "при" name a body or a person ("при министерстве", "при Губернаторе"),
    not an occasion ("при разработке программ")?"""
    for token in tokens[:3]:
        if token.kind != "word":
            return False
        if morph.can_be(token.text, {"NOUN"}):
            animate = any("anim" in p.tag for p in morph.parses(token.text.lower()) if p.tag.POS == "NOUN")
            return is_organisation(token.text) or animate
    return False


GOVERNED_CASES = ("datv", "loct", "ablt", "gent")
"""Cases of the words a name's own "по"/"при" phrase holds ("по управлению муниципальным имуществом")."""


@cache
def _never_in_name() -> re.Pattern[str]:
    return re.compile(rf"^(?:{'|'.join(load('parties')['never_in_name'])})(?![а-яё])", re.I)


def _is_owner(word: str) -> bool:
    """A body or a post, whose name may go on with "по …" / "при …"."""
    return is_organisation(word) or is_post(word)


@dataclass
class _Reader:
    """Walks the tokens of a phrase; ``end`` is where the phrase read so far stops."""

    case: str
    head: bool = False
    end: int = 0
    in_name: bool = False
    """Inside a proper name ("Динской район"): a nominative word continues it."""
    after_preposition: bool = False
    """After "по"/"при" that an organisation's name holds ("Комитету по делам молодёжи")."""
    last_noun: str = ""
    owner: bool = False
    """A body or a post was named ("ОМВД России по …", "Заместителю главы … по строительству"):
    a "по"/"при" phrase after it belongs to the name."""
    closed: bool = False
    """A person in apposition closes the phrase ("… Смирнову Е.В. обязанности")."""
    governs: bool = False
    """The head is a participle used as a noun, which governs its own case ("заведующим чем")."""
    starts: list[int] = field(default_factory=list)
    """Where each coordinated head after the first begins ("…, начальникам отделов")."""
    complete: int = 0
    """Where the phrase ended before a coordinated head that may not complete."""
    in_clause: bool = False
    """Inside a participial clause after a comma ("…, расположенных на территории поселения,")."""

    @property
    def result(self) -> int:
        """Where the phrase ends: after the last head read, or before a conjunct left incomplete."""
        return self.end if self.head else self.complete

    def word(self, token: _Token, after: list[_Token]) -> bool:
        word = token.text
        if morph.is_abbreviation(word):
            self.head, self.end, self.in_name, self.last_noun, self.owner = True, token.end, False, word, True
            return not self.closed
        if not self.head:
            return self._before_head(token, after)
        if self.closed or morph.is_infinitive(word) or morph.is_predicate(word):
            return False
        if self.in_clause:
            self.end = token.end
            return True
        if self._preposition(word, token, after):
            return True
        if morph.is_function_word(word) or morph.best_pos(word) in MANNER:
            return False  # "… шире освещать", "… ежегодно представлять": how, not whom
        return self._dependent(token, after)

    def _preposition(self, word: str, token: _Token, after: list[_Token]) -> bool:
        lower, rest = word.lower(), " ".join(t.text for t in [token, *after[:2]])
        if lower == "с" and self.after_preposition and after and after[0].kind == "word":
            return morph.can_be(after[0].text, NOUNISH, "ablt")  # "по связям с общественностью"
        if lower not in {"по", "при", "в"} or not after or _never_in_name().match(rest):
            return False
        if lower == "в":  # "… по Ясногорской области в Ясногорском районе": where the body sits
            if not (self.after_preposition and _names_place(after)):
                return False
        elif not (self.owner and (lower == "по" or _names_body(after))):
            return False
        self.after_preposition = True
        return True

    def _dependent(self, token: _Token, after: list[_Token]) -> bool:
        word = token.text
        capital = word[:1].isupper()
        dependent = morph.can_be(word, NOUNISH | {"NUMR"}, "gent")
        governed = (self.after_preposition or self.governs) and any(
            morph.can_be(word, NOUNISH, c) for c in GOVERNED_CASES
        )
        named = morph.can_be(word, NOUNISH, "nomn") and (
            capital or self.in_name or _before_name(after)  # "образования город Белогорск"
        )
        if not (dependent or governed or named or capital):
            return False
        self.end, self.in_name = token.end, capital or (self.in_name and named)
        if morph.can_be(word, {"NOUN"}):
            self.last_noun = word
            self.owner = self.owner or _is_owner(word)
        return True

    def _before_head(self, token: _Token, after: list[_Token]) -> bool:
        word = token.text
        following = after[0].text if after and after[0].kind == "word" else ""
        adjective = morph.can_be(word, {"ADJF", "PRTF"}, self.case)
        agrees = adjective and following and morph.can_be(following, {"NOUN", "ADJF"}, self.case)
        if agrees and not _governs_ahead(word, after, self.case):
            return True  # "Главному врачу": the adjective, though "главное" is a noun too
        if morph.can_be(word, {"NOUN"}, self.case) or morph.is_substantive(word, self.case):
            self.head, self.end, self.last_noun = True, token.end, word
            self.owner = _is_owner(word)
            self.governs = morph.is_substantive(word, self.case)  # "Заведующим подразделениями"
            return True
        return adjective or morph.best_pos(word) == "ADVB"

    def person(self, token: _Token) -> None:
        self.head, self.end = True, token.end
        self.closed = self.head and bool(self.last_noun)

    def coordinated(self, following: _Token | None, comma: bool, after: list[_Token]) -> bool:
        """After "," or "и": does another head, a genitive or a participial clause follow?"""
        if self.in_clause:
            return not comma  # the comma after a participial clause closes it
        if following is not None and following.kind == "paren" and self.head:
            return True  # "(Петров А.П.), (Сидоров Б.Б.)": another bracketed note on the same head
        if following is None or following.kind not in {"word", "person"}:
            return False
        if following.kind == "person" or morph.is_abbreviation(following.text):
            self.closed = False
            return True
        word = following.text
        if morph.is_infinitive(word):
            return False
        if comma and self.head and morph.can_be(word, {"PRTF"}) and _agrees(word, self.case):
            self.in_clause = True  # "предприятиям, расположенным на территории …"
            return True
        if not comma and self.head and _opens_body(after, self.case):
            self.starts.append(following.start)  # "… по культуре и спорту и отделу культуры"
            self.complete, self.head, self.closed, self.after_preposition = self.end, False, False, False
            return True
        if self.after_preposition and any(morph.can_be(word, NOUNISH, c) for c in ("datv", "loct")):
            return True  # "комиссию по бюджету и налогам"
        genitive = self.head and not self.closed and morph.can_be(word, NOUNISH, "gent")
        if genitive and (not comma or _genitive_ahead(after, self.case)):
            return True  # "отделу культуры(,| и) молодёжной политики": the genitive goes on
        if morph.can_be(word, NOUNISH, self.case) and not morph.is_function_word(word):
            if self.head:  # adjectives sharing one head ("Городским, районным Советам") stay one
                self.starts.append(following.start)
            self.complete, self.head, self.closed = self.end, False, False  # a new conjunct
            return True
        return self.head and not self.closed and morph.can_be(word, NOUNISH, "gent")


def _governs_ahead(word: str, after: list[_Token], case: str) -> bool:
    """ "Заведующему хозяйственным отделом": a participle used as a noun whose next noun is not in
    its case governs the words after it; it is no adjective of theirs."""
    if not morph.is_substantive(word, case):
        return False
    for token in after[:GENITIVE_LOOKAHEAD]:
        if token.kind != "word":
            return False
        if morph.best_pos(token.text) == "NOUN":
            return not morph.can_be(token.text, {"NOUN"}, case)
    return False


def _opens_body(after: list[_Token], case: str) -> bool:
    """A body in the addressee's case, maybe after its adjectives or a possessive ("отделу",
    "туристским информационным центрам", "их объединениям"): after "и", a new addressee."""
    for token in after[:BODY_LOOKAHEAD]:
        if token.kind != "word":
            return False
        word = token.text
        if morph.can_be(word, {"NOUN"}, case):
            return bool(noun_lemmas(word) & conjunct_bodies())
        if word.lower() not in POSSESSIVES and not morph.can_be(word, {"ADJF", "PRTF"}, case):
            return False
    return False


BODY_LOOKAHEAD = 4
"""Words looked at after "и" for the body that opens a new addressee (its adjectives first)."""
POSSESSIVES = frozenset({"их", "его", "её", "ее"})
"""Possessives that do not decline: "работодателям и их объединениям"."""


def _genitive_ahead(after: list[_Token], case: str) -> bool:
    """After a comma: the next noun can only be genitive ("…, молодёжной политики и туризма"),
    so the words continue a genitive, they do not open a new head in ``case``."""
    for token in after[:GENITIVE_LOOKAHEAD]:
        if token.kind != "word":
            return False
        if morph.can_be(token.text, {"NOUN"}):
            return morph.can_be(token.text, {"NOUN"}, "gent") and not morph.can_be(token.text, {"NOUN"}, case)
    return False


GENITIVE_LOOKAHEAD = 3
"""Words looked at after a comma for the noun that tells a genitive from a new head."""


def _agrees(participle: str, case: str) -> bool:
    """A participle that may agree with the head (in its case) or with a genitive dependent."""
    return morph.can_be(participle, {"PRTF"}, case) or morph.can_be(participle, {"PRTF"}, "gent")


def phrase_end(text: str, case: str) -> int:
    """Where the noun phrase in ``case`` that opens ``text`` ends (0 when none opens it)."""
    return _read(text, case).result


def conjuncts(text: str, case: str) -> list[str]:
    """``text`` cut where a coordinated head in ``case`` begins, separators kept with the piece
    before: "Начальнику управления, начальникам отделов" → ["Начальнику управления, ",
    "начальникам отделов"] — the heads :func:`phrase_end` reads, by the same rules."""
    reader = _read(text, case)
    bounds = [0, *(start for start in reader.starts if start < reader.result), len(text)]
    return [text[a:b] for a, b in pairwise(bounds)]


def _read(text: str, case: str) -> _Reader:
    reader = _Reader(case=case)
    tokens = _tokens(text)
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        joint = token.kind == "comma" or (token.kind == "word" and token.text.lower() in COORDINATORS)
        if joint:
            if not reader.coordinated(following, comma=token.kind == "comma", after=tokens[index + 1 :]):
                break
        elif token.kind == "word":
            if not reader.word(token, tokens[index + 1 :]):
                break
        elif token.kind == "person":
            reader.person(token)
        elif token.kind in {"quote", "number"}:
            reader.head, reader.end = True, token.end
        elif token.kind == "paren":
            if re.match(r"\(\s*далее\b", token.text, re.I) or not reader.head:
                break
            reader.end = token.end
        else:
            break
    return reader


def persons_to_nominative(text: str, case: str) -> str:
    """Surnames in apposition put in the nominative: "Балакину В.В." → "Балакин В.В.",
    "В.В. Иванову" (accusative) → "В.В. Иванова". Bracketed persons are left as written."""
    depth = 0
    pieces: list[str] = []
    position = 0
    for match in PERSON.finditer(text):
        depth = text[: match.start()].count("(") - text[: match.start()].count(")")
        if depth > 0:
            continue
        for word in re.finditer(ANY_SURNAME, re.sub(INITIALS, lambda m: " " * len(m.group()), match.group())):
            start = match.start() + word.start()
            pieces.append(text[position:start] + _name_nominative(word.group(), case))
            position = start + len(word.group())
    return "".join(pieces) + text[position:]


NAME_PARTS = ("Surn", "Name", "Patr")
"""pymorphy's tags of a person's surname, given name and patronymic."""


def _name_nominative(word: str, case: str) -> str:
    """A surname, given name or patronymic in ``case`` put in the nominative ("Сизова" →
    "Сизов", "Артема" → "Артем", "Викторовича" → "Викторович"); as written if it is not one."""
    for parse in morph.parses(word.lower()):
        if any(part in parse.tag for part in NAME_PARTS) and parse.tag.case == case:
            form = parse.inflect({"nomn"})
            if form is not None:
                return morph.match_case(form.word, word)
    return word
