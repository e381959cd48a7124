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
from functools import cache

from resparse.models import Executor, Party
from resparse.rules import load
from resparse.structure import morph
from resparse.structure.persons import PERSON
from resparse.structure.phrases import conjuncts, persons_to_nominative

ADJECTIVE = {"ADJF", "PRTF"}
OBLIQUE_CASES = ("datv", "gent", "ablt", "loct", "accs")
QUOTE_OPEN = '«"“„'


def _head_tokens(text: str) -> list[re.Match[str]]:
    """Words before the first quotation mark: a quoted name is never inflected."""
    cut = min((text.index(q) for q in QUOTE_OPEN if q in text), default=len(text))
    return list(morph.WORD.finditer(text[:cut]))


def to_nominative(text: str, case: str | None = None) -> str:
    """Put the head phrase of ``text`` into the nominative; ``case`` is what it is in now.

    With no ``case`` a phrase that may already be nominative is left alone.
    """
    text = text.strip()
    adjectives: list[re.Match[str]] = []
    head = None
    tokens = _head_tokens(text)
    for position, token in enumerate(tokens):
        word = token.group()
        if morph.is_abbreviation(word):
            return text
        following = tokens[position + 1].group() if position + 1 < len(tokens) else ""
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


def _agrees_before(word: str, noun: str, case: str | None) -> bool:
    """ "первого заместителя": a word that may be a noun ("первое") but agrees as an adjective
    with the noun after it is that noun's adjective."""
    return bool(case and noun) and morph.can_be(word, ADJECTIVE, case) and morph.can_be(noun, {"NOUN"}, case)


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


_PERSON = PERSON


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
    bare = _remarks().sub("", written).strip(" ,")  # "(по согласованию)" is no part of a name
    if bare != written:
        return Party(text=written, name=party(bare, case).name)
    if case is None:
        return Party(text=written, name=to_nominative(written))
    name = "".join(_keep_spacing(piece, to_nominative(piece, case)) for piece in conjuncts(written, case))
    return Party(text=written, name=persons_to_nominative(name, case))


def _keep_spacing(original: str, new: str) -> str:
    stripped = original.strip()
    return (
        original[: len(original) - len(original.lstrip())]
        + new
        + original[len(stripped) + (len(original) - len(original.lstrip())) :]
    )


# --- executors -------------------------------------------------------------------------


@cache
def _involved_pattern() -> re.Pattern[str]:
    return re.compile("|".join(load("roadmap")["involved"]), re.I)


@cache
def _organisation_heads() -> frozenset[str]:
    return frozenset(load("roadmap").get("organisation_heads", []))


def split_executors(cell: str) -> list[Executor]:
    """Split an executors cell into organisations and persons, each nominative, with its role.

    Splits on ";" and line breaks, and on "," only where a new organisation begins — so
    "Комитет по развитию малого, среднего бизнеса" stays one. "X с привлечением Y" makes X
    responsible and Y involved. A line holding only a person's name stays with the position
    above it ("Директор школы" / "Симонович О.С."); persons written one after another are one
    executor each ("Гардымова Р.А. Никитина И.А."). Remarks such as "(по согласованию)" and
    footnote stars are not part of a name; ``text`` keeps the words as written.
    """
    executors: list[Executor] = []
    for part in _lines(cell):
        match = _involved_pattern().search(part)
        responsible = part[: match.start()] if match else part
        for name in _split_on_commas(responsible):
            executors.append(Executor(name=_nominative(name), role="responsible", text=name))
        if match:
            cue = " ".join(match.group().split())
            for name in _split_on_commas(part[match.end() :]):
                nominative = _nominative(name, involved=True)
                executors.append(Executor(name=nominative, role="involved", text=f"{cue} {name}"))
    return [e for e in executors if e.name]


_PERSON_LINE = re.compile(rf"\s*{_PERSON}\s*[.,]?\s*")
_FOOTNOTE = re.compile(r"\s*\*+(?=\s|$|,)")


def _lines(cell: str) -> list[str]:
    """Parts of a cell split on ";" and line breaks; a line that is only a person's name joins
    the line above when that one names a position (it ends in neither a name nor a comma)."""
    parts: list[str] = []
    for line in re.split(r"[;\n]+", cell):
        if not line.strip():
            continue
        previous = parts[-1].rstrip() if parts else ""
        if (
            previous
            and _PERSON_LINE.fullmatch(line)
            and not previous.endswith(",")
            and not _ENDS_WITH_PERSON.search(previous)
        ):
            parts[-1] = f"{previous} {line.strip()}"
        else:
            parts.append(line)
    return parts


_ENDS_WITH_PERSON = re.compile(rf"{_PERSON}\s*[.,]?\s*$")


@cache
def _remarks() -> re.Pattern[str]:
    return re.compile("|".join(load("roadmap").get("executor_remarks", []) or [r"(?!)"]), re.I)


def _nominative(name: str, involved: bool = False) -> str:
    """The executor's name in the nominative; a person's name is left as written."""
    bare = _bare(name)
    if re.match(_PERSON, bare):
        return bare
    return to_nominative(bare, _case_after_involved(bare) if involved else None)


def _bare(name: str) -> str:
    """The name without remarks ("(по согласованию)") and footnote stars ("УО *")."""
    return " ".join(_FOOTNOTE.sub("", _remarks().sub("", name)).split()).strip(" ,;")


def _case_after_involved(name: str) -> str | None:
    """'с привлечением'/'при участии' govern the genitive, 'совместно с' the instrumental."""
    first_noun = next((t.group() for t in _head_tokens(name) if morph.can_be(t.group(), {"NOUN"})), "")
    for case in ("gent", "ablt"):
        if first_noun and morph.can_be(first_noun, {"NOUN"}, case):
            return case
    return None


def _split_on_commas(text: str) -> list[str]:
    segments = [_trim(s) for s in re.split(r",|\s+и\s+(?=[А-ЯЁа-яё])", text)]
    separators = re.findall(r",|\s+и\s+(?=[А-ЯЁа-яё])", text)
    names: list[str] = []
    for index, segment in enumerate(segments):
        if not segment:
            continue
        joiner = "," if index == 0 or separators[index - 1] == "," else " и"
        if names and not _new_executor(names[-1], segment, joiner):
            names[-1] = f"{names[-1]}{joiner} {segment}"
        else:
            names.append(segment)
    persons = [person for name in names for person in _split_persons(name)]
    return [" ".join(name.split()) for name in persons if name.strip()]


def _trim(segment: str) -> str:
    """Spaces, commas and a closing full stop off — but not the dot of an initial ("Д.А.")."""
    segment = segment.strip(" ,")
    return segment if re.search(r"(?<![^\W\d_])[А-ЯЁA-Z]\.$", segment) else segment.rstrip(" .")


def _new_executor(previous: str, segment: str, joiner: str) -> bool:
    """Does ``segment`` (after "," or "и") begin a new executor rather than continue ``previous``?

    "и" separates executors only after an abbreviation ("ОМСУ и организации") or before a
    capitalised name ("Министерство финансов и Министерство экономики"); an abbreviation
    after a noun phrase that ends in one continues its list of dependents ("комиссии ТФОИВ,
    ОИВ"); a person after a person is a new executor ("Сыса Д.А., Лемеза М.Н.").
    """
    if _PERSON_LINE.fullmatch(segment) or re.match(rf"{_PERSON}", segment):
        return bool(_ENDS_WITH_PERSON.search(previous)) or morph.is_abbreviation(previous.split()[-1])
    first = segment.split()[0] if segment.split() else ""
    words = _bare(previous).split()
    after_abbreviation = len(words) == 1 and morph.is_abbreviation(words[0])
    if joiner == " и" and not (after_abbreviation or segment[:1].isupper()):
        return False
    alone = len(_bare(segment).split()) == 1  # "комиссии ТФОИВ, ОИВ", not ", ОМВД России по …"
    if alone and morph.is_abbreviation(first) and len(words) > 1 and morph.is_abbreviation(words[-1]):
        return False
    return _starts_organisation(segment) or _starts_persons(segment)


def _split_persons(name: str) -> list[str]:
    """ "Гардымова Р.А. Никитина И.А." → two persons: a capitalised word right after a person's
    name opens the next executor."""
    parts: list[str] = []
    rest = name
    while True:
        found = re.search(rf"{_PERSON}(?=\s+[А-ЯЁ])", rest)
        if not found:
            break
        parts.append(rest[: found.end()])
        rest = rest[found.end() :].lstrip()
    return [*parts, rest] if rest else parts


def _starts_organisation(segment: str) -> bool:
    """Does ``segment`` open with an organisation in the nominative: an abbreviation, a quoted
    name, or a noun phrase whose head names an organisation ("Финансовое управление …")?"""
    tokens = _head_tokens(segment)
    if not tokens:
        return segment.lstrip()[:1] in QUOTE_OPEN
    if morph.is_abbreviation(tokens[0].group()):
        return True
    word = _head_noun(segment)
    if word is None:
        return False
    lemmas = {p.normal_form for p in morph.parses(word.lower()) if p.tag.POS == "NOUN"}
    lemmas.add(morph.parses(word.lower())[0].normal_form)
    return bool(lemmas & _organisation_heads()) and morph.can_be(word, {"NOUN"}, "nomn")


def _starts_persons(segment: str) -> bool:
    """Does ``segment`` open with persons in the nominative: a noun phrase whose head names a
    person or a group of persons ("главные распорядители бюджетных средств", "Инспектор …",
    "Педагоги дополнительного образования")? Continuations of a name after a comma are governed
    words in an oblique case ("малого, среднего бизнеса", "по делам ветеранов, инвалидов")."""
    word = _head_noun(segment)
    return word is not None and any(
        p.tag.POS == "NOUN" and p.tag.case == "nomn" and "anim" in p.tag for p in morph.parses(word.lower())
    )


def _head_noun(segment: str) -> str | None:
    """The first noun of ``segment`` after its adjectives ("главные распорядители" → "распорядители");
    None when another word comes first. A word read both ways is what it most likely is."""
    for token in _head_tokens(segment):
        word = token.group()
        if morph.can_be(word, {"NOUN"}) and morph.best_pos(word) not in ADJECTIVE:
            return word
        if not morph.can_be(word, ADJECTIVE):
            return None
    return None


@cache
def _position_heads() -> frozenset[str]:
    return frozenset(load("parties")["position_heads"])


def starts_executor(text: str) -> bool:
    """Does ``text`` open with an executor: an organisation ("Отдел …", "Комитет …", "ТФОИВ"), a
    position ("Первый заместитель главы …") or a person ("Иванов И.И.", "И.И. Иванов")?"""
    text = text.lstrip()
    if not text[:1].isupper():
        return False
    if re.match(_PERSON, text) or _starts_organisation(text) or _starts_persons(text):
        return True
    for token in _head_tokens(text)[:3]:
        word = token.group()
        lemmas = {p.normal_form for p in morph.parses(word.lower()) if p.tag.POS == "NOUN"}
        if lemmas & _position_heads():
            return morph.can_be(word, {"NOUN"}, "nomn")
        if not morph.can_be(word, ADJECTIVE):
            return False
    return False
