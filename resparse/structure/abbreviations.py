"""Abbreviations defined in the text: "некоммерческих организаций (далее – НКО)".

The full form is the phrase just before the parenthesis. For an acronym it is the longest
phrase whose word initials, read in order, all belong to the acronym's letters ("оценки
воздействия на окружающую среду (далее – ОВОС)": о, в, о, с — "на" is skipped); for a word
("(далее – Комиссия)") it reaches back to the word it repeats. Brackets inside the phrase
("добровольческими (волонтёрскими) организациями") are kept. The full form is put in the
nominative like any other name; for a word the word itself tells the case ("Министерства … (далее
– Министерство)" is genitive singular, not nominative plural).
"""

from __future__ import annotations

import re
from functools import cache

from resparse.models import Abbreviation
from resparse.rules import load
from resparse.structure import morph
from resparse.structure.parties import OBLIQUE_CASES, to_nominative

DEFINITION = re.compile(r"\(\s*далее\s*(?:по\s+тексту\s*)?[-–—:\s]*(?P<short>[^()]{1,60}?)\s*\)", re.I)
ACRONYM = re.compile(r"\(\s*(?P<short>[А-ЯЁ][А-ЯЁA-Z]{1,11}(?:\s+«[^«»()]{1,60}»)?)\s*\)")
"""A full name followed by its acronym in brackets: "… советов организаций соотечественников
(КСОРС)", or an organisation's acronym with its own name ("(МАОУ «Гимназия № 7»)"). Taken only
when the acronym's letters start the words before it."""
LEAD_IN_LINES = 3
"""A bracket opening its line defines what the lines above it name (a letterhead set over lines)."""
MAX_WORDS = 40
_BRACKETS = re.compile(r"\([^()]*\)")
_SENTENCE_END = re.compile(r"[.;:!?(]\s|[()]")
_WORD = re.compile(r"[«\"]?[\wЁё-]+[»\"]?")


def find_abbreviations(texts: list[str]) -> list[Abbreviation]:
    found: dict[str, Abbreviation] = {}
    above: list[str] = []
    for text in texts:
        for match in sorted([*DEFINITION.finditer(text), *ACRONYM.finditer(text)], key=lambda m: m.start()):
            short = _unquoted(match.group("short"))
            if not short or short in found:
                continue
            before = text[: match.start()]
            if not before.strip():  # "(далее – программа)" opening the line after its full form
                before = " ".join(above[-LEAD_IN_LINES:])
            full = full_form(before, short)
            if full:
                found[short] = Abbreviation(short=short, full=full)
        above.append(text)
    for entry in glossary(texts):
        found.setdefault(entry.short, entry)
    return list(found.values())


def _unquoted(short: str) -> str:
    """ "«Программа»" → "Программа"; "МАОУ «Гимназия № 7»" keeps the quotes of its name."""
    short = short.strip()
    if re.fullmatch(r"[А-ЯЁA-Z]+\s+«.+»", short):
        return short
    return short.strip(" «»\"'")


_GLOSSARY_ENTRY = re.compile(
    r"(?P<short>[А-ЯЁA-Z][А-ЯЁA-Zа-яё]{0,3}[А-ЯЁA-Z][А-ЯЁA-Zа-яё]*)\s*[–—-]\s*(?P<full>[^;]+)"
)
"""One entry of a glossary: an abbreviation (capitals, maybe with small letters: "КДНиЗП"), a dash,
its full form."""


@cache
def _glossary_label() -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:{'|'.join(load('parties')['glossary_labels'])})\s*:?", re.I)


def glossary(texts: list[str]) -> list[Abbreviation]:
    """ "Сокращения: КДНиЗП – комиссия по делам несовершеннолетних …" — on the label's line or on
    the lines under it, one "SHORT – full" entry each (";" or a new line between entries)."""
    found: list[Abbreviation] = []
    in_glossary = False
    for text in texts:
        label = _glossary_label().match(text)
        if label:
            in_glossary, text = True, text[label.end() :]
        elif not in_glossary:
            continue
        parts = [part.strip(" .") for part in text.split(";") if part.strip(" .")]
        entries = [_GLOSSARY_ENTRY.fullmatch(part) for part in parts]
        if not entries or not all(entries):
            in_glossary = False
            continue
        for entry in filter(None, entries):
            found.append(Abbreviation(short=entry.group("short"), full=entry.group("full").strip(" .")))
    return found


def full_form(before: str, short: str) -> str | None:
    """The phrase before "(далее – short)" that the abbreviation stands for."""
    named = re.fullmatch(r"(?P<letters>[А-ЯЁA-Z]+)\s+(?P<name>«.+»)", short)
    if named:  # "… учреждение «Гимназия № 7» города … (МАОУ «Гимназия № 7»)": spelled up to the name
        cut = before.rfind(named.group("name"))
        if cut < 0 and before.rstrip().endswith("»"):  # "(далее – КАУ «Авиабаза»)": a shorter name
            cut = before.rfind("«")
        words = list(_WORD.finditer(before[:cut])) if cut > 0 else []
        starts = _acronym_starts(words, named.group("letters")) if words else []
        return before[starts[0].start() :].strip(" ,") if starts else None
    start = _phrase_start(before, short)
    if start is None:
        return None
    phrase = before[start:].strip(" ,")
    previous = morph.WORD.findall(before[:start])[-1:]
    acronym = morph.is_abbreviation(short.replace(" ", ""))
    case = _case_named_by(phrase, short) if not acronym else None
    return to_nominative(phrase, case or _case_after(previous[0] if previous else None, phrase))


def _phrase_start(before: str, short: str) -> int | None:
    """Where in ``before`` the phrase that ``short`` stands for begins, within its sentence."""
    masked = _BRACKETS.sub(lambda m: "_" * len(m.group()), before)  # closed brackets are words' part
    ends = list(_SENTENCE_END.finditer(masked))
    offset = ends[-1].end() if ends else 0
    words = list(_WORD.finditer(masked, offset))
    if not words:
        return None
    letters = morph.acronym_letters(short.replace(" ", ""))
    if morph.is_abbreviation(letters):
        candidates = _acronym_starts(words, letters)
        return candidates[0].start() if candidates else None
    candidates = _word_starts(words, short)
    if not candidates:
        return _named_before_alias(before, short, offset)
    return _adjectives_before(before, candidates[0].start(), offset) if candidates else None


def _named_before_alias(before: str, short: str, offset: int) -> int | None:
    """ "план мероприятий («дорожную карту») по … (далее – дорожная карта)": the short word repeats
    an alias in brackets; what it stands for starts with the noun the alias follows."""
    stem = short.lower()[:5]
    alias = next((m for m in _BRACKETS.finditer(before, offset) if stem in m.group().lower()), None)
    nouns = list(morph.WORD.finditer(before, offset, alias.start())) if alias else []
    if not nouns:
        return None
    head = len(nouns) - 1  # back over genitive dependents: "план мероприятий" → "план"
    while (
        head > 0
        and morph.can_be(nouns[head].group(), {"NOUN"}, "gent")
        and morph.can_be(nouns[head - 1].group(), {"NOUN"})
    ):
        head -= 1
    return _adjectives_before(before, nouns[head].start(), offset)


def _adjectives_before(text: str, start: int, limit: int) -> int:
    """Move ``start`` back over the adjectives agreeing with the word there ("краевого
    смотра-конкурса", "всероссийской олимпиады"): they are part of what is abbreviated."""
    noun = morph.WORD.match(text, start)
    cases = {p.tag.case for p in morph.parses(noun.group().lower())} if noun else set()
    for word in reversed(list(morph.WORD.finditer(text, limit, start))):
        if text[word.end() : start].strip():
            break
        parses = morph.parses(word.group().lower())[:2]
        if not any(p.tag.POS in {"ADJF", "PRTF"} and p.tag.case in cases for p in parses):
            break
        start = word.start()
    return start


def _case_after(previous: str | None, phrase: str) -> str | None:
    """A phrase right after a noun is its genitive dependent ("материалы оценки воздействия …"),
    though "оценки" alone could be a nominative plural."""
    noun = next((w for w in morph.WORD.findall(phrase) if morph.can_be(w, {"NOUN"})), None)
    if previous and noun and morph.best_pos(previous) == "NOUN" and morph.can_be(noun, {"NOUN"}, "gent"):
        return "gent"
    return None


def _initial(word: re.Match[str]) -> str:
    return word.group().strip('«»"')[:1].lower()


def _acronym_starts(words: list[re.Match[str]], letters: str) -> list[re.Match[str]]:
    """Starts whose phrase's initials are a subsequence of the acronym, longest phrase first;
    failing that, the nearest word with its first letter."""
    letters = letters.lower()
    recent = words[-(len(letters) * 2 + 1) :]
    fitting = [
        word
        for index, word in enumerate(recent)
        if _initial(word) == letters[0] and _spells(_initials(recent[index:]), letters)
    ]
    if fitting:
        return fitting
    spelled_then_genitive = [
        word for index, word in enumerate(recent) if _spelled_then_genitive(recent[index:], letters)
    ]
    if spelled_then_genitive:
        return spelled_then_genitive
    limit = len(letters) + 1
    return [w for w in reversed(words[-limit:]) if _initial(w) == letters[0]]


def _spelled_then_genitive(words: list[re.Match[str]], letters: str) -> bool:
    """ "государственной итоговой аттестации выпускников колледжа (далее – ГИА)": the acronym
    spells the first words; the rest are their genitive dependents."""
    if not words or _initial(words[0]) != letters[0]:
        return False
    for end in range(1, len(words)):
        initials = _initials(words[:end])
        if initials[-1:] == letters[-1] and _is_subsequence(letters, initials):
            return all(_dependent(w.group()) for w in words[end:])  # every letter spelled, in order
    return False


def _dependent(word: str) -> bool:
    """A genitive word or a name after what an acronym spells ("… городского округа Светлояр")."""
    return morph.can_be(word, {"NOUN", "ADJF", "PRTF"}, "gent") or word[:1].isupper()


def _initials(words: list[re.Match[str]]) -> str:
    return "".join(_initial(w) for w in words if not morph.is_function_word(w.group()))


def _spells(initials: str, letters: str) -> bool:
    """The phrase's initials and the acronym agree: every initial is a letter of the acronym
    ("некоммерческих организаций" → НКО), or the acronym skips some words ("Единый портал
    государственных и муниципальных услуг" → ЕПГУ) but ends with the phrase's last word."""
    if _is_subsequence(initials, letters):
        return True
    return bool(initials) and initials[-1] == letters[-1] and _is_subsequence(letters, initials)


def _is_subsequence(initials: str, letters: str) -> bool:
    remaining = iter(letters)
    return all(letter in remaining for letter in initials)


def _word_starts(words: list[re.Match[str]], short: str) -> list[re.Match[str]]:
    """ "(далее – Комиссия)" repeats its word; "(далее – Минтруд России)" only its first letters."""
    first_letter = short.strip()[0].lower()
    candidates = [m for m in reversed(words[-MAX_WORDS:]) if _initial(m) == first_letter]
    stem = short.lower()[:5]
    exact = [m for m in candidates if m.group().strip('«»"').lower().startswith(stem)]
    return exact or [m for m in candidates if m.group().lower()[:3] == short.lower()[:3]]


def _case_named_by(phrase: str, short: str) -> str | None:
    """The case of the phrase's first noun in which it becomes the short word ("Министерства"
    → "Министерство": genitive); None when the short word does not repeat it."""
    words = morph.WORD.findall(phrase)
    noun = next((w for w in words if morph.can_be(w, {"NOUN"})), None)
    wanted = (morph.WORD.findall(short) or [""])[0].lower()
    if noun is None or not wanted:
        return None
    if noun.lower() == wanted:
        return "nomn"
    for case in OBLIQUE_CASES:
        form = morph.inflect(noun, case, {"nomn"}, {"NOUN"})
        if form and form.lower() == wanted:
            return case
    return None
