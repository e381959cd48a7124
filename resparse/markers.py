"""List markers: "1.", "1.1.", "2)", "а)", "IV.", "-", "·" — the vocabulary both stages share.

Readers call :func:`split_marker` so that a number typed by a clerk ends up in
``Paragraph.marker`` exactly like one Word generated. The patterns refuse things that only
look like markers: dates ("09.04.2024 г."), years ("2023 год"), percentages ("100 %").
"""

from __future__ import annotations

import re
from functools import cache

from resparse.rules import load

BULLET_CHARS = "-–—•·▪●◦○■□➢►✓*\uf0b7\uf0a7\uf076\uf0d8\uf0fc"
"""Dashes and bullets a reader sees as a list bullet (private-use ones come from Symbol/Wingdings)."""

_DECIMAL = r"\d{1,2}(?:\.\d{1,2})*"
_NUMBERED = re.compile(
    rf"""^(?P<marker>
        \(?{_DECIMAL}[.)]          # 1.  1.1.  2)  (3)
      | {_DECIMAL}\.\d{{1,2}}      # 1.1 (no trailing dot: roadmap and clause numbers)
      | \(?[а-еж-ия-яa-z]\)        # а)  б)  a)
      | [IVXLC]{{1,6}}[.)]         # IV.  II)
    )(?:\s+|\t|(?=[«"А-ЯЁA-Z]))""",
    re.VERBOSE,
)
_BULLET = re.compile(rf"^(?P<marker>[{re.escape(BULLET_CHARS)}])(?:\s+|(?=[«\"А-ЯЁа-яёA-Za-z]))")
_DATE_START = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{2,4}(?!\d)")
_UNICODE_BULLETS = {"\uf0b7": "·", "\uf0a7": "▪", "•": "•"}


def split_marker(text: str) -> tuple[str | None, str]:
    """Return ``(marker, rest)``; ``marker`` is None when the text does not start with one."""
    stripped = text.lstrip()
    if not stripped or _DATE_START.match(stripped):
        return None, text
    match = _NUMBERED.match(stripped) or _BULLET.match(stripped)
    if not match:
        return None, text
    marker = match.group("marker")
    rest = stripped[match.end() :].lstrip()
    if not rest:
        return None, text
    if marker[0].isdigit() and re.match(r"^\d+\.\d+$", marker) and _looks_like_decimal(rest):
        return None, text
    return _UNICODE_BULLETS.get(marker, marker), rest


def _looks_like_decimal(rest: str) -> bool:
    """'1.5 млн рублей' is a number, not clause 1.5."""
    return bool(re.match(r"^(?:%|млн|млрд|тыс|руб|процент)", rest))


def marker_depth(marker: str | None) -> int:
    """Nesting depth a numbered marker implies: "1." → 0, "1.2." → 1, "1.2.3" → 2."""
    if not marker or not marker[0].isdigit():
        return 0
    return len([part for part in marker.strip(".)").split(".") if part]) - 1


def is_bullet(marker: str | None) -> bool:
    return bool(marker) and marker[0] in BULLET_CHARS + "·▪"


def marker_kind(marker: str) -> str:
    """Markers of one shape share a kind: "1.", "12." and "1.2." → "9.", "IV." → "I.", "а)" → "a)".

    Readers rank list levels by indent among markers of the same kind.
    """
    if is_bullet(marker):
        return marker
    shape = re.sub(r"\d+(?:\.\d+)*", "9", marker)
    shape = re.sub(r"[IVXLC]+", "I", shape)
    return re.sub(r"[^\W\d_]", "a", shape)


COLUMN_GAP = re.compile(r"\S[ \u00a0]{5,}\S|\t")
"""A gap that sets text in columns (five spaces or a tab: "Председатель Думы      Глава города");
a justified monospace line spreads its words by two or three."""

BOX_VERTICALS = "│┃║|¦"
"""Characters that draw a cell's side in a table drawn with box characters."""
_BOX_RULE = re.compile(r"[\s─━═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬╒╓╕╖╘╙╛╜╞╟╡╢╤╥╧╨╪╫│┃║|¦+=_-]+")
_BOX_STROKE = re.compile(r"[─━═\-=_]")


def is_box_rule(text: str) -> bool:
    """A line of box characters only, with a horizontal stroke: a border of a drawn table."""
    return bool(text.strip()) and bool(_BOX_RULE.fullmatch(text)) and bool(_BOX_STROKE.search(text))


def is_box_line(text: str) -> bool:
    """A border or a row of a table drawn with box characters (legal databases' text exports,
    Markdown): such lines are never prose wrapped into one another."""
    stripped = text.strip()
    return is_box_rule(text) or (len(stripped) > 1 and stripped[0] in BOX_VERTICALS)


@cache
def _date_line() -> re.Pattern[str]:
    months = "|".join(word for forms in load("dates")["months"].values() for word in forms)
    day = rf"(?:«?[0-3]?\d»?\s+(?:{months})\.?\s+\d{{4}}|[0-3]?\d\.[01]?\d\.\d{{4}})"
    number = r"(?:\s*(?:№|N)\s*[\w./-]*\d[\w./-]*)?"
    return re.compile(rf"\s*(?:от\s+)?{day}\s*(?:г\.?|года)?{number}\s*$", re.I)


def is_date_line(text: str) -> bool:
    """A line holding only a date, maybe with the act's number ("от 04.02.2026", "От 15 марта
    2017 года № 7"): a letterhead's, never the end of a sentence wrapped onto it."""
    return bool(_date_line().match(text))


def capitals(text: str, at_least: int = 1) -> bool:
    """At least ``at_least`` letters, all of them capitals; decided at the first small letter,
    usually the second."""
    letters = 0
    for char in filter(str.isalpha, text):
        if not char.isupper():
            return False
        letters += 1
    return letters >= at_least


_ADDRESS_LINE = re.compile(r"\s*(?:ул|пр|пр-т|пер|пл|наб|ш|д)\.\s*[А-ЯЁ\d]")


def is_address_line(text: str) -> bool:
    """A line giving a street address ("ул. Набережная, д. 41, …"): under a letterhead in
    capitals it starts anew, though it starts in small letters."""
    return _ADDRESS_LINE.match(text) is not None
