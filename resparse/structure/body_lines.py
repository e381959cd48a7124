"""What a line of the body is: the tests the body rules (:mod:`.blocks`) are built from.

- :func:`last_point`        where the points end and the tail begins;
- :func:`is_section_heading` "II. ПРЕДЛОЖЕНИЯ": names a part of the document;
- :func:`is_block_heading`  "Комитету по культуре:": an addressee opening a block;
- :func:`is_intro`, :func:`intro_kind`  a line ending in ":" that opens findings or recommendations;
- :func:`is_plain_point`    an unnumbered point ("Провести фестиваль", "Мэрии города продолжить …");
- :func:`join_heading`      a heading running over two lines;
- :func:`opens_report`      "СЛУШАЛИ:", "ПОВЕСТКА ДНЯ:": a protocol's record, not its decisions;
- :func:`is_question`       "2. О работе с семьями …": the heading of a question on the agenda;
- :func:`is_editorial_note` "(в ред. постановления … от …)": a database's note.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache

from resparse.markers import is_bullet, marker_depth, split_marker
from resparse.rules import load
from resparse.structure import morph
from resparse.structure.addressees import heading_phrase
from resparse.structure.dates import month_numbers
from resparse.structure.meta import is_subject_line, opens_preamble
from resparse.structure.points import point_line
from resparse.structure.signatures import is_signature
from resparse.structure.title import operative_cue
from resparse.structure.units import Unit, unspaced

HEADING_JOIN_MAX = 200
"""Longest line (characters) that may continue a heading from the line above."""

SECTION_HEADING_MAX = 100
"""Longest line (characters) read as a section heading."""

SECTION_HEADING_MIN_LETTERS = 4
"""Fewer letters than this is no heading ("II.", "А)")."""

SECTION_HEADING_CAPS_SHARE = 0.9
"""Share of capital letters that makes a line a heading in capitals."""

PLAIN_POINT_REACH = 15
"""How many words may stand between a point's addressee and its infinitive."""

INTRO_SAMPLE = 3
"""How many points after an intro are read to tell findings from recommendations."""

INFINITIVE_SHARE = 0.5
"""Share of those points opening with an infinitive that makes them recommendations."""

LIST_LOOKAHEAD = 2
"""Lines looked at after a heading for its first point: its own continuation may come first."""


@cache
def _intro_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cues = load("cues")
    return (
        re.compile("|".join(cues["recommendation_intro"]), re.I),
        re.compile("|".join(cues["finding_intro"]), re.I),
    )


def intro_kind(text: str, next_items: list[str]) -> str:
    """ "recommendations" or "findings" for a line that introduces a list."""
    recommend, finding = _intro_patterns()
    if recommend.search(text) or operative_cue(text):
        return "recommendations"  # an act's orders: what follows is ordered
    if opens_preamble(text):
        # "В целях … проблем района:" orders; "Заслушав доклады, участники констатируют:" states
        predicates = [w for w in morph.WORD.findall(text) if morph.is_predicate(w)]
        return "findings" if any(finding.search(w) for w in predicates) else "recommendations"
    if finding.search(text):
        return "findings"
    first_words = [morph.WORD.search(t) for t in next_items[:INTRO_SAMPLE]]
    infinitives = sum(1 for w in first_words if w and morph.is_infinitive(w.group()))
    return "recommendations" if infinitives >= INFINITIVE_SHARE * max(1, len(first_words)) else "findings"


def is_section_heading(unit: Unit) -> bool:
    """A short line with no verb naming a part of the document: in capitals, numbered or not
    ("I. ОБЩИЕ ПОЛОЖЕНИЯ"); in ordinary letter case after a Roman numeral ("II. Проблемы,
    выявленные в ходе слушаний"), or a part's name alone ("Рекомендации").

    Such a line names a part of the document; it is neither a point nor part of one.
    """
    if unit.marker and is_bullet(unit.marker):
        return False
    if _names_a_part(unit.clean):
        return True
    roman = unit.marker is not None and _ROMAN.fullmatch(unit.marker) is not None
    return (roman or not unit.marker) and _titles_a_part(unit.clean, roman)


_ROMAN = re.compile(r"[IVXLC]+[.)]?")


@lru_cache(maxsize=4096)
def _titles_a_part(text: str, roman: bool) -> bool:
    if len(text) > SECTION_HEADING_MAX or text.endswith((".", ":", ";", ",")):
        return False
    if any(morph.is_infinitive(w) or morph.is_predicate(w) for w in morph.WORD.findall(text)):
        return False
    if _part_name().match(text):
        return True
    # "II. Правительству области" names an addressee; "I. О ходе …" is a question on an agenda
    return roman and not heading_phrase(text) and not is_subject_line(text)


@cache
def _part_name() -> re.Pattern[str]:
    names = "|".join(load("cues")["part_names"])
    return re.compile(rf"(?:{names})(?![а-яё])", re.I)


@lru_cache(maxsize=4096)
def _names_a_part(text: str) -> bool:
    if len(text) > SECTION_HEADING_MAX or text.endswith(":"):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < SECTION_HEADING_MIN_LETTERS:
        return False
    if sum(ch.isupper() for ch in letters) < SECTION_HEADING_CAPS_SHARE * len(letters):
        return False
    words = morph.WORD.findall(text)
    if any(morph.is_infinitive(w) or morph.is_predicate(w) for w in words):
        return False
    return not heading_phrase(text)  # "ЗАКОНОДАТЕЛЬНОМУ СОБРАНИЮ КРАЯ" names an addressee


def is_intro(unit: Unit, units: list[Unit], index: int) -> bool:
    """Does this line ending in ":" open a list of its own?

    An unmarked line does, unless the points after it are intros themselves ("Участники
    круглого стола:" → "1) Выделили …:"). A numbered point does only when a cue says so —
    "1) Выделили сильные стороны:" opens findings — otherwise it is a point with sub-points.
    """
    following = _next_nonblank(units, index)
    if unit.marker is None:
        nxt = units[following] if following is not None else None
        return not (nxt and nxt.marker and nxt.clean.endswith(":") and _followed_by_list(units, following))
    if not _followed_by_list(units, index) or is_bullet(unit.marker):
        return False
    recommend, finding = _intro_patterns()
    return bool(finding.search(unit.clean) or recommend.search(unit.clean))


@cache
def _protocol_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cues = load("cues")
    return (
        re.compile(rf"^(?:(?:{'|'.join(cues['report_cues'])})\s*:|{cues['question_report']})", re.I),
        re.compile(rf"^(?:{'|'.join(cues['agenda_cues'])})(?![а-яё])", re.I),
        re.compile("|".join(cues["editorial_notes"]), re.I),
    )


def opens_report(text: str) -> bool:
    """ "СЛУШАЛИ: Петрову А.А. …", "ВЫСТУПИЛИ:", "ПОВЕСТКА ДНЯ:", "По второму вопросу слушали …":
    the record of a meeting starts."""
    report, agenda, _ = _protocol_patterns()
    text = unspaced(text.strip())
    return bool(report.match(text) or agenda.match(text))


@cache
def _vote_pattern() -> re.Pattern[str]:
    return re.compile(rf"^(?:{'|'.join(load('cues')['vote_cues'])})", re.I)


def is_vote_tally(text: str) -> bool:
    """ "Голосовали: «за» – 41, «против» – 2", "Решение принято единогласно.": a vote's record."""
    return bool(_vote_pattern().match(text.strip()))


def is_question(unit: Unit) -> bool:
    """ "1. О профилактике безнадзорности …", "II. Об организации отдыха …": a numbered subject
    line names a question of the meeting; it asks nothing of anyone — unless it does: "4. О
    результатах проинформировать комиссию до 1 июля" is a point that opens with its subject."""
    if not unit.marker or is_bullet(unit.marker) or not is_subject_line(unit.clean):
        return False
    unquoted = re.sub(r"«[^«»]*»|\"[^\"]*\"", " ", unit.clean)
    return not any(morph.is_infinitive(word) for word in morph.WORD.findall(unquoted))


def is_editorial_note(text: str) -> bool:
    """ "(в ред. постановления … от 04.10.2011 N 766-ПГ)", "(п. 5 в ред. …)": a database's note."""
    text = text.strip()
    return text.startswith("(") and text.endswith(")") and bool(_protocol_patterns()[2].match(text))


def is_plain_point(text: str) -> bool:
    """An unnumbered point: it opens with an infinitive ("Провести фестиваль") or with whom it
    asks, in the dative, followed by one ("Мэрии города продолжить кампанию", "Региональному
    оператору обеспечить …", "Образовательным организациям рекомендуется включить …")."""
    words = morph.WORD.findall(text)[:PLAIN_POINT_REACH]
    if len(words) < 2 or _LABEL.match(text):
        return False  # "Поделиться" alone, "Поделиться: ВКонтакте …": a button, a label; no request
    if morph.is_infinitive(words[0]) or _infinitive_after_circumstance(words):
        return True
    return (
        morph.can_be(words[0], {"NOUN", "ADJF", "PRTF"}, "datv")
        and not morph.is_predicate(words[0])
        and any(morph.is_infinitive(w) for w in words[1:])
    )


def decides_object_first(text: str) -> bool:
    """ "Информацию начальника управления принять к сведению", "Работу комиссии признать
    удовлетворительной": a decision naming its object first, in the accusative, then the
    infinitive of what is done with it (no finite verb between but a letter's "прошу":
    "Информацию о ходе подготовки прошу направлять …")."""
    words = morph.WORD.findall(text)[:PLAIN_POINT_REACH]
    if len(words) < 2 or not morph.can_be(words[0], {"NOUN"}, "accs"):
        return False
    asking = load("cues")["asking_first_person"]
    asks = False  # "Сведения … прошу представлять": the writer asks, so "Сведения" is no subject
    for word in words[1:]:
        if morph.is_infinitive(word):
            return asks or not morph.can_be(words[0], {"NOUN"}, "nomn")
        asks = asks or word.lower() in asking
        if morph.best_pos(word) == "VERB" and word.lower() not in asking:
            return False
    return False


_LABEL = re.compile(r"^\s*[А-ЯЁа-яё-]+\s*:\s*\S")
"""A single word and a colon before more text on the line: a label ("Поделиться: …")."""

CIRCUMSTANCE_WORDS = 10
"""How many words of time or manner may open an unnumbered point before its infinitive."""


def _infinitive_after_circumstance(words: list[str]) -> bool:
    """ "ежегодно, до 25 декабря, представлять …", "в срок до 1 мая обеспечить …": a point may
    open with when or how, then the infinitive of what is to be done."""
    for position, word in enumerate(words[: CIRCUMSTANCE_WORDS + 1]):
        if morph.is_infinitive(word):
            return position > 0
        if not _is_circumstance(word):
            return False
    return False


def _is_circumstance(word: str) -> bool:
    """An adverb, a preposition or a word of a date ("ежегодно", "до", "декабря", "срок"), or an
    adjective of one ("следующего за отчётным кварталом")."""
    lower = word.lower()
    if lower in month_numbers() or morph.parses(lower)[0].normal_form in _time_nouns():
        return True
    return morph.best_pos(word) in {"ADVB", "PREP", "CONJ", "PRCL", "NUMR", "ADJF", "PRTF"}


@cache
def _time_nouns() -> frozenset[str]:
    return frozenset(load("dates")["time_nouns"])


def last_point(units: list[Unit]) -> int:
    """Index of the last list item or heading: everything after it is the tail. A signature
    after the points ends them: what follows it (an attachment, its stamp, its own numbered
    sections) is not part of the act's points."""
    last = -1
    heading_seen = intro_seen = False
    previous: str | None = None
    for index, unit in enumerate(units):
        if unit.claimed or unit.blank:
            continue
        if last >= 0 and is_signature(unit.text, previous) and not (previous and opens_report(previous)):
            break  # under "СЛУШАЛИ:" a position and a name are the speaker, not a signature
        previous = unit.text
        if is_section_heading(unit):
            continue
        first = morph.WORD.search(unit.clean)
        heading = not unit.marker and heading_phrase(unit.clean) is not None
        if unit.marker or (heading and _followed_by_list(units, index)):
            last = index
            heading_seen = heading_seen or (heading and unit.clean.endswith(":"))
        elif heading and unit.clean.endswith(":"):
            last, heading_seen = index, True
        elif heading_seen and first and morph.is_infinitive(first.group()) and is_plain_point(unit.clean):
            last = index
        elif last >= 0 and point_line().search(unit.clean):
            last = index  # "Срок: …", "Ответственный: …" under the last point are still that point
        elif unit.clean.endswith(":"):
            intro_seen = True
        elif intro_seen and (is_plain_point(unit.clean) or decides_object_first(unit.clean)):
            last = index
    return last


def is_block_heading(unit: Unit, units: list[Unit], index: int) -> bool:
    """An addressee phrase, not a bullet, ending in ":" or followed by points."""
    if not heading_phrase(unit.clean):
        return False
    if unit.marker and is_bullet(unit.marker):
        return False
    return _followed_by_list(units, index) or unit.clean.endswith(":")


def _next_nonblank(units: list[Unit], index: int) -> int | None:
    for following in range(index + 1, len(units)):
        if not units[following].blank:
            return following
    return None


def _followed_by_list(units: list[Unit], index: int) -> bool:
    """A heading or intro is followed by points, possibly after its own continuation line."""
    unit = units[index]
    following = _next_nonblank(units, index)
    for _ in range(LIST_LOOKAHEAD):
        if following is None:
            return False
        candidate = units[following]
        if candidate.marker:
            if unit.marker and not is_bullet(unit.marker) and not is_bullet(candidate.marker):
                return marker_depth(candidate.marker) > marker_depth(unit.marker)
            return True
        following = _next_nonblank(units, following)
    return False


def join_heading(units: list[Unit], index: int) -> tuple[str, int]:
    """A heading may run over two lines ("Комиссии по … информации" / "Общественной палаты …").

    Returns the heading's text and the index of the first unit after it; the lines joined
    to it are claimed."""
    text = units[index].clean
    following = index + 1
    while (
        following < len(units)
        and not text.endswith(":")
        and not units[following].blank
        and not units[following].marker
        and len(units[following].clean) < HEADING_JOIN_MAX
        and not is_subject_line(units[following].clean)  # "О подготовке к …": a letter's subject
        and (_continues_line(units[following].clean) or not heading_phrase(units[following].clean))
        and not any(
            morph.is_predicate(w) or morph.is_infinitive(w)
            for w in morph.WORD.findall(units[following].clean)
        )
    ):
        units[following].claimed = True
        text = f"{text} {units[following].clean}"
        following += 1
    return text.rstrip(" :"), following


def _continues_line(text: str) -> bool:
    """A line that cannot open a sentence: it starts in lower case, with "(" or with ","."""
    return bool(text) and (text[0].islower() or text[0] in "(,")


def next_texts(units: list[Unit], index: int) -> list[str]:
    """The texts of the first few points after ``index`` (what an intro introduces)."""
    texts: list[str] = []
    for unit in units[index + 1 :]:
        if unit.marker:
            texts.append(unit.clean)
        elif not unit.blank and texts:
            break
        if len(texts) == INTRO_SAMPLE:
            break
    return texts


def split_operative(units: list[Unit]) -> list[Unit]:
    """ "Собрание постановляет: 6. Приступить …" on one line: the cue ends the preamble and the
    point after it is a point of its own, as if it stood on the next line."""
    result: list[Unit] = []
    for unit in units:
        cue = None if unit.marker or unit.claimed else operative_cue(unit.text)
        rest = unit.text[cue.end() :] if cue and unit.text[cue.start() : cue.end()] == cue.group() else ""
        marker, point = split_marker(rest)
        if cue is None or marker is None:
            result.append(unit)
            continue
        result.append(replace(unit, text=unit.text[: cue.end()]))
        result.append(replace(unit, text=point, marker=marker))
    return result
