"""A recommendation's own term: which dated phrase of a point is its deadline.

Bare dates are not deadlines ("круглого стола, состоявшегося 07.07.2022 г."): a cue word
("Срок:", "до", "в течение", "в … году"), a recurrence adverb, the end of the point after a dash
or in brackets, or a term counted from an event ("в месячный срок") must mark them. Weak cues
("в 2023 году") do not count in a clause about the past or about the point's subject ("об итогах
… в 2023 году"). Candidates are tried in order of position; the first accepted one is the term.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from resparse.models import Deadline
from resparse.structure import morph
from resparse.structure.dates import (
    CLAUSE_END,
    DASH,
    DAY_JOIN,
    ORDINAL_END,
    RANGE_JOIN,
    YEAR,
    YEAR_WORD,
    alternation,
    grammar,
    month_pattern,
    parse_deadline,
    period_numbers,
)


@dataclass(frozen=True)
class Candidate:
    """A phrase that may state the item's term, and how it was found."""

    start: int
    end: int
    kind: str  # "label", "strong", "weak", "recurring", "trailing", "period", "event", "relative" (text only)


@cache
def _full_date() -> str:
    """A day with its month and year: "26 июня 2027", "«5» мая 2027", "01.03.2027"."""
    of_day, day = month_pattern(after_day=True), r"[0-3]?\d"
    return rf"(?:«?{day}»?\s+{of_day}\s+{YEAR}|{day}\.[01]?\d\.(?:\d{{4}}|\d{{2}})(?!\d))"


@cache
def _item_term() -> str:
    """A dated phrase with a year: one term, a range of two, or a school year."""
    month, of_day, day = month_pattern(), month_pattern(after_day=True), r"[0-3]?\d"
    full_date = _full_date()
    n14, half_number = period_numbers()
    quarter = rf"{n14}{ORDINAL_END}(?:{DASH}{n14}{ORDINAL_END})?\s*квартал\w*"
    half = rf"{half_number}{ORDINAL_END}\s*полугоди\w*"
    dated = rf"(?:{full_date}|{quarter}\s+{YEAR}|{half}\s+{YEAR}|{month}\s+{YEAR}|{YEAR}(?!\d)){YEAR_WORD}"
    first = rf"(?:{dated}|{day}\s+{of_day}|{month}|{day}(?={DAY_JOIN}{day}\s+{of_day}))"
    words = grammar()["school_year"]["words"]
    pair = rf"{YEAR}\s*/\s*(?:{YEAR}|\d{{2}})(?!\d)"
    school = rf"{pair}\s*{words}|{words}\s+{pair}"
    return rf"(?:{school}|(?:{first}{RANGE_JOIN})?{dated})"


@cache
def _item_patterns() -> dict[str, re.Pattern[str]]:
    rules = grammar()
    month, of_day = month_pattern(), month_pattern(after_day=True)
    term = _item_term()
    adverbs = alternation(rules["item_recurrence"])
    of_period = rules["day_of_period"]
    quarter = rf"{period_numbers()[0]}{ORDINAL_END}\s*квартал\w*"
    yearless = rf"[0-3]?\d(?:-?го)?\s+(?:{of_day}|числа{of_period})|{quarter}|{month}"
    tail = rf"(?:,?\s+(?:(?:до|не\s+позднее|к|во?)\s+)?(?:{term}|{yearless}))?"
    recurring = rf"(?:{adverbs})(?![а-яё]){tail}"
    open_ended = rf"(?:{alternation([re.escape(word) for word in rules['open_ended']])})(?![а-яё])"
    strong, weak = alternation(rules["item_cues"]), alternation(rules["item_weak_cues"])
    cue = rf"(?:(?:{strong}|{weak})\s+(?:конца\s+)?)?"
    left = r"(?<![а-яёa-z])"
    day = r"[0-3]?\d"
    yearless_range = rf"в\s+(?:период|срок)\s+с\s+{day}(?:\s+{of_day})?\s+по\s+{day}\s+{of_day}(?!\s*{YEAR})"
    yearless_until = rf"(?:в\s+срок\s+)?до\s+{day}\s+{of_day}(?!\s*{YEAR})"
    relative = alternation(rules["relative_terms"])
    return {
        "relative": re.compile(rf"{left}(?:{relative})", re.I),
        "period": re.compile(rf"{left}(?:{yearless_range}|{yearless_until})", re.I),
        "label": re.compile(
            rf"{left}(?:{rules['item_label']})\s*{cue}(?:{term}|{recurring}|{open_ended})", re.I
        ),
        "strong": re.compile(rf"{left}(?:{strong})\s+(?:конца\s+)?{term}", re.I),
        "weak": re.compile(rf"{left}(?:{weak})\s+{term}", re.I),
        "recurring": re.compile(rf"{left}{recurring}", re.I),
        "trailing": re.compile(rf"{left}(?:{term}|{open_ended})(?=\)?[\s.;,]*$)", re.I),
        "event": re.compile(rf"(?<=\s){_full_date()}{YEAR_WORD}", re.I),
    }


DATED_KINDS = frozenset({"period", "strong", "weak", "event"})
"""Kinds whose every phrase has a digit (a day, a year): a text without one is not searched for
them, which spares most points of their long patterns."""
_DIGIT = re.compile(r"\d")


def _candidates(text: str) -> Iterator[Candidate]:
    dated = _DIGIT.search(text) is not None
    for kind, pattern in _item_patterns().items():
        if not dated and kind in DATED_KINDS:
            continue
        for match in pattern.finditer(text):
            yield Candidate(match.start(), match.end(), kind)


def _clause(text: str, candidate: Candidate) -> tuple[str, str]:
    """The words of the candidate's clause before and after it."""
    before = re.split(CLAUSE_END, text[: candidate.start])[-1]
    after = re.split(CLAUSE_END, text[candidate.end :])[0]
    return before, after


def _top_tag(word: str) -> Any:
    """The likeliest reading's tag, or None for a word the analyser cannot read."""
    found = morph.parses(word.lower())
    return found[0].tag if found else None


def _is_past(words: list[str]) -> bool:
    """A clause told in the past ("в 2023 году проведено …") and giving no instruction."""
    tags = [tag for word in words if (tag := _top_tag(word)) is not None]
    past = any(tag.POS in {"VERB", "PRTS"} and "past" in tag for tag in tags)
    return past and not any(morph.is_infinitive(word) for word in words)


def _names_subject(before: str) -> bool:
    """The date qualifies what the point is about: "об итогах … в 2023 году", no date between."""
    markers = list(re.finditer(rf"(?<![а-яё])(?:{alternation(grammar()['subject_markers'])})", before, re.I))
    return bool(markers) and not re.search(YEAR, before[markers[-1].end() :])


def _opens_participle_phrase(head: str) -> bool:
    """ "территорий, подлежащих благоустройству в 2031 году": after a comma the clause opens with
    a participle, and the date belongs to its phrase, describing something, not setting a term."""
    ends = list(re.finditer(CLAUSE_END, head))
    if not ends or ends[-1].group() != ",":
        return False
    words = morph.WORD.findall(head[ends[-1].end() :])
    return bool(words) and morph.can_be(words[0], {"PRTF"})


def _one_month(text: str, candidate: Candidate) -> bool:
    """ "в декабре 2030 года": a month, not a year, quarter or half-year — no period a report is
    about, but when to hear it ("рассмотреть информацию о выполнении … в декабре 2030 года")."""
    phrase = text[candidate.start : candidate.end]
    return re.match(rf"в\s+{month_pattern()}\s+{YEAR}", phrase, re.I) is not None


def _qualifies_noun(before: str) -> bool:
    """ "возможность увеличения в 2025 году": a genitive deverbal noun takes the date as its own."""
    words = morph.WORD.findall(before)
    if not words or not re.fullmatch(grammar()["deverbal_noun"], words[-1], re.I):
        return False
    top = _top_tag(words[-1])
    governed_by_verb = len(words) > 1 and morph.best_pos(words[-2]) in {"INFN", "VERB"}
    return top is not None and top.POS == "NOUN" and top.case == "gent" and not governed_by_verb


def _about_past_or_subject(text: str, candidate: Candidate) -> bool:
    """Context that turns a weakly cued date into a description rather than a term."""
    if re.search(alternation(grammar()["no_action"]), text, re.I):
        return True
    before, after = _clause(text, candidate)
    words = morph.WORD.findall(before) + morph.WORD.findall(after)
    if _is_past(words) or (_names_subject(before) and not _one_month(text, candidate)):
        return True
    if _opens_participle_phrase(text[: candidate.start]):
        return True
    # "увеличения в 2025 году объёма": a year qualifies the noun; days of a month are a period
    days = re.search(r"(?<!\d)\d{1,2}\s+[а-яё]", text[candidate.start : candidate.end])
    return not days and _qualifies_noun(before)


def _bare_ok(text: str, candidate: Candidate) -> bool:
    """A trailing date with no cue: after a dash or in brackets, or after a word that is no
    preposition and in a form that depends on nothing ("… IV квартал 2024 г.", not "на 2025 год")."""
    before = text[: candidate.start].rstrip()
    phrase = text[candidate.start : candidate.end]
    if before.endswith(("–", "—", "-", "(", ":")):
        return True
    if re.search(r"(?:года|годов|году|годах|годам|годами)$", phrase, re.I):
        return False
    words = morph.WORD.findall(before)
    if words and morph.is_function_word(words[-1]):
        return False
    return not _about_past_or_subject(text, candidate)


def _takes_effect(text: str, candidate: Candidate) -> bool:
    """ "Установить … с 15 апреля 2026 года": a start set by the point, not a term to act by."""
    phrase = text[candidate.start : candidate.end]
    if not re.match(r"с\s", phrase, re.I) or re.search(r"\sпо\s", text[candidate.end : candidate.end + 40]):
        return False
    return bool(_clause_lemmas(text, candidate) & _establishing_verbs())


def _approves(text: str, candidate: Candidate) -> bool:
    """ "Утвердить план мероприятий по …, … в 2029 году": the year names what is approved (the
    last verb before it approves)."""
    verbs = [w for w in morph.WORD.findall(text[: candidate.start]) if morph.is_infinitive(w)]
    found = morph.parses(verbs[-1].lower()) if verbs else []
    return bool(found) and found[0].normal_form in grammar()["approving_verbs"]


def _clause_lemmas(text: str, candidate: Candidate) -> set[str]:
    before, _ = _clause(text, candidate)
    return {found[0].normal_form for w in morph.WORD.findall(before) if (found := morph.parses(w.lower()))}


@cache
def _establishing_verbs() -> frozenset[str]:
    return frozenset(grammar()["establishing_verbs"])


def _accepted(text: str, candidate: Candidate) -> bool:
    phrase = text[candidate.start : candidate.end]
    if candidate.kind == "weak" and (_takes_effect(text, candidate) or _approves(text, candidate)):
        return False
    if candidate.kind == "weak" and _NAMED_AFTER.match(text, candidate.end):
        return False  # "… план мероприятий … в 2028 году (далее – План)": part of what is named
    if candidate.kind == "weak":
        if re.search(rf"(?:^|\s){YEAR}(?:{DASH}{YEAR})?$", phrase) or re.match(
            r"^[вк]\s+[0-3]?\d\.", phrase, re.I
        ):
            return False  # "в 2024" without "году"; "в 01.02.2024" is no term
        return not _about_past_or_subject(text, candidate)
    if candidate.kind == "trailing":
        return _bare_ok(text, candidate)
    if candidate.kind == "event":
        return _right_after_the_verb(text, candidate)
    return True


_NAMED_AFTER = re.compile(r"\s*\(\s*далее\b", re.I)
"""A definition right after a date ("(далее – План)"): the date belongs to the name defined."""


def _right_after_the_verb(text: str, candidate: Candidate) -> bool:
    """ "Провести 26 июня 2027 года праздник": a full date right after the point's opening verb
    is the day the thing is to be done (but "Установить 1 мая …" states when a rule applies)."""
    words = morph.WORD.findall(text[: candidate.start])
    if len(words) != 1 or not morph.is_infinitive(words[0]):
        return False
    found = morph.parses(words[0].lower())
    return not (found and found[0].normal_form in _establishing_verbs())


def find_item_deadline(text: str) -> Deadline | None:
    """A deadline a recommendation states about itself ("в срок до 01.12.2024", "ежегодно").

    Bare dates are not deadlines ("круглого стола, состоявшегося 07.07.2022 г."): a cue word
    ("Срок:", "до", "в течение", "в … году"), a recurrence adverb, or the end of the point
    after a dash or in brackets must mark them. Weak cues ("в 2023 году") do not count in a
    clause about the past or about the point's subject ("об итогах … в 2023 году").
    """
    candidates = sorted(_candidates(text), key=lambda found: (found.start, found.start - found.end))
    text_only: Deadline | None = None
    for candidate in candidates:
        if not _accepted(text, candidate) or (text_only and candidate.kind not in DATED_OVER_TEXT):
            continue
        end = _then_recurring(text, candidate.end)
        deadline = parse_deadline(text[candidate.start : end].strip(" ,;"))
        if deadline and candidate.kind == "relative" and text_only is None:
            text_only = deadline  # "в установленные сроки и до 1 декабря 2027 года": the date wins
        elif deadline:
            return deadline
    return text_only


DATED_OVER_TEXT = ("label", "strong")
"""Candidates that, found after a term with no dates ("в установленные сроки"), state the real one."""


@cache
def _then_recurring_pattern() -> re.Pattern[str]:
    """ ", далее – ежеквартально": a recurring term that follows another."""
    rules = grammar()
    adverbs = alternation(rules["item_recurrence"])
    return re.compile(rf"{rules['then_recurring']}(?:{adverbs})(?![а-яё])", re.I)


def _then_recurring(text: str, end: int) -> int:
    """Where a term ends when a recurring one follows it ("до 15.12.2024, далее – ежеквартально")."""
    found = _then_recurring_pattern().match(text[end:])
    return end + found.end() if found else end
