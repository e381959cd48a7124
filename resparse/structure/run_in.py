"""Points run into one paragraph, split again.

A page scraped without its line breaks, or a clerk's text pasted into one field, holds a whole
act in one paragraph: "… постановляю: 1. Утвердить … 2. Рекомендовать … 3. Контроль … Глава
района И.И. Иванов". Its numbers still stand where the points began: after the end of a
sentence or a colon, counting 1, 2, 3 … with sub-points ("2.1.") between, each followed by a
capital letter. Such a paragraph is cut at those numbers into units the rules read as if each
point stood on its own line; a signature closing the last point ("Глава района И.И. Иванов")
is cut off too. Numbers in running text ("пунктом 2. Порядка", "в 2029 г. Отделу") are no
markers: they follow no sentence end, or do not count from 1.
"""

from __future__ import annotations

import re
from dataclasses import replace

from resparse.rules import load
from resparse.structure.meta import find_header_date
from resparse.structure.persons import SIGNED_PERSON
from resparse.structure.units import Unit

RUN_IN_MIN = 300
"""A paragraph shorter than this (characters) is never cut: it holds one point at most."""
RUN_IN_POINTS = 2
"""Top-level numbers, counting from 1, a paragraph must hold to be points run together."""
_MARKER = re.compile(r"(?<=[.:;!?»])\s+(?P<number>\d{1,2}(?:\.\d{1,2})*)(?:\.\s*|\s+)(?=[А-ЯЁ«])")
_DATE_WORD = re.compile(r"(?:^|\s)[Оо]т\s*$")
_GROUNDS = re.compile(
    "|".join(rf"(?<=\s)(?-i:{p[0].upper()}){p[1:]}(?![а-яё])" for p in load("cues")["preamble_openers"]), re.I
)
"""The grounds of an act opening in the head, capitalised ("В целях …", "Руководствуясь …")."""
_NUMBER_AFTER = re.compile(rf"\s*(?:г\.|года)?\s*(?:{load('header')['number']})", re.I)
"""The act's number after its date ("№ 41"), as the header's grammar writes it."""
_SIGNATURE = re.compile(
    rf"(?<=[.;])\s+(?P<position>[А-ЯЁ][^.;!?]{{2,120}}?)\s*:?\s+(?P<name>{SIGNED_PERSON})\.?(?=\s|$)"
)
"""A post and a person after the last point's sentence ("… оставляю за собой. Глава
администрации: С.В. Яковлева"): the signature, and whatever follows it is the tail."""


def split_run_in(units: list[Unit]) -> list[Unit]:
    """``units`` with each paragraph of points run together cut into one unit a point."""
    result: list[Unit] = []
    for unit in units:
        cuts = _cuts(unit)
        if not cuts:
            result.append(unit)
            continue
        starts = [0, *(match.start() for match in cuts)]
        ends = [*(match.start() for match in cuts), len(unit.text)]
        result.extend(replace(unit, text=piece) for piece in _head(unit.text[: starts[1]]))
        for match, end in zip(cuts, ends[1:], strict=True):
            text = unit.text[match.end() : end].strip()
            point = replace(unit, text=text, marker=match.group("number") + ".")
            result.extend(_signed(point) if match is cuts[-1] else [point])
    return result


def _head(text: str) -> list[str]:
    """The text before the first point, cut where a title, the act's date line ("от 15 марта
    2017 года № 7") and the grounds ("В целях …") began their own lines."""
    pieces: list[str] = []
    date = find_header_date(text)
    if date is not None:
        start = _DATE_WORD.search(text[: date[0]])
        start_at = start.start() if start else date[0]
        number = _NUMBER_AFTER.match(text, date[1])
        end_at = number.end() if number else date[1]
        pieces += [text[:start_at], text[start_at:end_at]]
        text = text[end_at:]
    grounds = _GROUNDS.search(text)
    if grounds is not None and grounds.start() > 0:
        pieces.append(text[: grounds.start()])
        text = text[grounds.start() :]
    return [piece.strip() for piece in [*pieces, text] if piece.strip()]


def _cuts(unit: Unit) -> list[re.Match[str]]:
    """The markers of a paragraph of points run together; none for any other paragraph."""
    if unit.marker or unit.cell is not None or len(unit.text) < RUN_IN_MIN:
        return []
    kept: list[re.Match[str]] = []
    top = 0
    for match in _MARKER.finditer(unit.text):
        parts = [int(part) for part in match.group("number").split(".")]
        if len(parts) == 1 and parts[0] == top + 1:
            top += 1
        elif len(parts) == 1 or parts[0] != top or top == 0:
            continue  # "в 2029 г. Отделу", "пункта 5. Порядка": not the next point
        kept.append(match)
    return kept if top >= RUN_IN_POINTS else []


def _signed(point: Unit) -> list[Unit]:
    """The last point, the signature after it, and what follows the signature, apart."""
    signature = _SIGNATURE.search(point.text)
    if signature is None:
        return [point]
    line = f"{signature.group('position')}\t{signature.group('name')}"
    pieces = [
        replace(point, text=point.text[: signature.start()].strip()),
        replace(point, text=line, marker=None),
    ]
    rest = point.text[signature.end() :].strip(" .")
    return [*pieces, replace(point, text=rest, marker=None)] if rest else pieces
