"""Word's automatic numbering: from ``numbering.xml`` and ``numPr`` to the marker a reader sees.

The numbers of a Word list are not in the document text; Word computes them while laying
the document out. This module recomputes them, paragraph by paragraph, in document order.

The model, as Word implements it:

* A paragraph is in a list when it has ``w:numPr`` (directly, or through its paragraph
  style and that style's ``basedOn`` chain) with a ``numId`` other than 0, and a level
  ``ilvl`` (0–8). When no ``ilvl`` is given, the level whose ``w:pStyle`` names the
  paragraph's style is used, else level 0.
* ``numId`` names a list *instance* (``w:num``), which points to an *abstract* definition
  (``w:abstractNum``) holding the nine levels. An abstract definition may have no levels of
  its own and instead a ``w:numStyleLink`` to a numbering style; the levels then live in the
  abstract definition carrying the matching ``w:styleLink``.
* An instance may override levels (``w:lvlOverride``): a new start value
  (``w:startOverride``, i.e. "restart numbering here") and/or a whole new ``w:lvl``.
* Counters belong to the abstract definition, so every instance of one abstract list
  continues the same numbering ("continue previous list") — except an instance that
  overrides a start value, which counts on its own ("restart at 1").
* Numbering a paragraph at level L advances counter L and resets the deeper levels M > L
  that restart after L: by default every deeper level, but ``w:lvlRestart`` n makes M
  restart only after levels 0…n-1, and 0 means never.
* The marker is ``w:lvlText`` ("%1.", "%1.%2.", "%1)") with each ``%k`` replaced by level
  k-1's counter in that level's ``w:numFmt`` — or in decimal when the paragraph's level has
  ``w:isLgl``. A level never used yet shows its start value. Bullets are the ``lvlText``
  character, normalised from symbol-font code points to what a reader sees ("·", "▪", "◦").

Paragraphs of other lists, bullets or plain text in between do not touch a list's
counters, so a list runs on across them (seed 003: points 5 and 6 around seven bullets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from resparse.limits import LIST_NUMBER_RANGE, MAX_SPELLED_LIST_NUMBER

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = 9

RUSSIAN_ALPHABET = "абвгдежзиклмнопрстуфхцчшщэюя"
"""Word's Russian list letters: the alphabet without ё, й, ъ, ы, ь."""
LATIN_ALPHABET = "abcdefghijklmnopqrstuvwxyz"

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_DECIMAL_FORMATS = frozenset({"decimal", "ordinal", "cardinalText", "ordinalText", "decimalEnclosedFullstop"})
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CHICAGO = "*†‡§"

# Symbol/Wingdings glyphs by code point (with the U+F000 private-use offset removed).
_SYMBOL_FONT_BULLETS = {0xB7: "·", 0xA7: "▪", 0x76: "▪", 0xD8: "►", 0xFC: "✓", 0x6E: "■", 0x71: "□"}
_SYMBOL_FONTS = ("symbol", "wingdings", "webdings")
_PLACEHOLDER = re.compile(r"%([1-9])")


# --------------------------------------------------------------------------- formatting


def to_roman(value: int) -> str:
    """Upper-case Roman numeral; Word shows plain digits for 0 and below."""
    if value <= 0:
        return str(value)
    parts: list[str] = []
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        parts.append(numeral * count)
    return "".join(parts)


def to_letters(value: int, alphabet: str) -> str:
    """Word's letter numbering: a…z, then aa, bb…, then aaa — the letter repeated, not base-26."""
    if value <= 0:
        return str(value)
    repeat, index = divmod(value - 1, len(alphabet))
    return alphabet[index] * (repeat + 1)


def format_number(value: int, fmt: str) -> str:
    """Render one counter in a ``w:numFmt``; unknown formats fall back to decimal like Word does.

    Past :data:`~resparse.limits.MAX_SPELLED_LIST_NUMBER` every format is decimal: a list
    starting at 10**9 must not become a million "M"s or gigabytes of letters."""
    if fmt in ("none", "bullet"):
        return ""
    if value > MAX_SPELLED_LIST_NUMBER or fmt in _DECIMAL_FORMATS:
        return str(value)
    if fmt == "decimalZero":
        return f"{value:02d}" if 0 <= value < 10 else str(value)
    if fmt == "upperRoman":
        return to_roman(value)
    if fmt == "lowerRoman":
        return to_roman(value).lower()
    if fmt == "upperLetter":
        return to_letters(value, LATIN_ALPHABET).upper()
    if fmt == "lowerLetter":
        return to_letters(value, LATIN_ALPHABET)
    if fmt == "russianLower":
        return to_letters(value, RUSSIAN_ALPHABET)
    if fmt == "russianUpper":
        return to_letters(value, RUSSIAN_ALPHABET).upper()
    if fmt == "decimalEnclosedParen":
        return f"({value})"
    if fmt == "decimalEnclosedCircle":
        return _CIRCLED[value - 1] if 1 <= value <= len(_CIRCLED) else str(value)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(ch) + 0xFEE0) if ch.isdigit() else ch for ch in str(value))
    if fmt == "chicago":
        return _CHICAGO[(value - 1) % 4] * ((value - 1) // 4 + 1) if value > 0 else str(value)
    return str(value)


def normalise_bullet(text: str, font: str | None = None) -> str:
    """What a reader sees for a bullet glyph: Symbol U+F0B7 is "·", Courier "o" is "◦"."""
    stripped = text.strip()
    if not stripped:
        return ""
    char = stripped[0]
    code = ord(char)
    font_name = (font or "").lower()
    if 0xF000 <= code <= 0xF0FF:
        return _SYMBOL_FONT_BULLETS.get(code - 0xF000, "•")
    if font_name.startswith(_SYMBOL_FONTS) and code in _SYMBOL_FONT_BULLETS:
        return _SYMBOL_FONT_BULLETS[code]
    if char == "o" and len(stripped) == 1 and "courier" in font_name:
        return "◦"
    if char == "\u00b7":
        return "·"
    return stripped


def render_marker(level: Level, counters: list[int | None], levels: dict[int, Level]) -> str:
    """Fill a level's ``lvlText`` with the counters; empty string when the level shows nothing."""
    if level.fmt == "bullet":
        return normalise_bullet(level.text, level.font)

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        referenced = levels.get(index, Level())
        count = counters[index] if counters[index] is not None else referenced.start
        fmt = "decimal" if level.legal and referenced.fmt not in ("none", "bullet") else referenced.fmt
        return format_number(int(count or 0), fmt)

    return _PLACEHOLDER.sub(value, level.text).strip()


# --------------------------------------------------------------------------- definitions


@dataclass(frozen=True)
class Level:
    """One ``w:lvl``: how a list level counts and what its marker looks like."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None
    """``w:lvlRestart``: restart after levels 0…n-1 only; 0 never; None the default."""
    legal: bool = False
    font: str | None = None
    style: str | None = None
    """The paragraph style tied to this level (``w:pStyle``), for style-linked lists."""


@dataclass(frozen=True)
class Instance:
    """One ``w:num``: an abstract list plus its level overrides."""

    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


@dataclass
class Definitions:
    """Everything ``numbering.xml`` (and numbering styles) say about lists."""

    abstracts: dict[str, dict[int, Level]] = field(default_factory=dict)
    style_links: dict[str, str] = field(default_factory=dict)
    """abstractNumId → numbering style it borrows its levels from (``numStyleLink``)."""
    link_owners: dict[str, str] = field(default_factory=dict)
    """numbering style id → abstractNumId defining it (``styleLink``)."""
    instances: dict[str, Instance] = field(default_factory=dict)
    style_nums: dict[str, str] = field(default_factory=dict)
    """numbering style id → numId in its ``numPr`` (styles.xml), the other way to find a link."""

    def resolve_abstract(self, abstract_id: str) -> str:
        """Follow ``numStyleLink`` to the abstract definition that really holds the levels."""
        seen: set[str] = set()
        while abstract_id in self.style_links and abstract_id not in seen:
            seen.add(abstract_id)
            link = self.style_links[abstract_id]
            owner = self.link_owners.get(link)
            if owner is None:
                num = self.instances.get(self.style_nums.get(link, ""))
                owner = num.abstract_id if num else None
            if owner is None or owner == abstract_id:
                break
            abstract_id = owner
        return abstract_id

    def levels(self, num_id: str) -> dict[int, Level] | None:
        """The nine levels of a list instance, overrides applied; None when it does not exist."""
        instance = self.instances.get(num_id)
        if instance is None:
            return None
        base = self.abstracts.get(self.resolve_abstract(instance.abstract_id))
        if base is None:
            return None
        levels = dict(base)
        levels.update(instance.level_overrides)
        for ilvl, start in instance.start_overrides.items():
            levels[ilvl] = _with_start(levels.get(ilvl, Level()), start)
        return levels

    def counter_key(self, num_id: str) -> str:
        """Instances of one abstract list share counters, unless they restart (startOverride)."""
        instance = self.instances[num_id]
        if instance.start_overrides:
            return f"num:{num_id}"
        return f"abstract:{self.resolve_abstract(instance.abstract_id)}"

    def level_for_style(self, num_id: str, style_ids: list[str]) -> int | None:
        """The level whose ``w:pStyle`` is the paragraph's style (style-linked headings)."""
        levels = self.levels(num_id) or {}
        for style_id in style_ids:
            for ilvl, level in sorted(levels.items()):
                if level.style == style_id:
                    return ilvl
        return None


def _with_start(level: Level, start: int) -> Level:
    return Level(start, level.fmt, level.text, level.restart, level.legal, level.font, level.style)


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(f"{W}val")


def _int(text: str | None, default: int | None = None) -> int | None:
    """An integer attribute; one outside :data:`~resparse.limits.LIST_NUMBER_RANGE` is invalid."""
    if text is None:
        return default
    try:
        value = int(text.strip())
    except ValueError:  # also past Python's 4300 digits
        return default
    return value if LIST_NUMBER_RANGE[0] <= value <= LIST_NUMBER_RANGE[1] else default


def _on(element: etree._Element | None) -> bool:
    return element is not None and _val(element) not in ("0", "false", "off")


def parse_level(lvl: etree._Element) -> Level:
    """Read one ``w:lvl``; missing parts take Word's defaults (start 1, decimal)."""
    fonts = lvl.find(f"{W}rPr/{W}rFonts")
    font = None
    if fonts is not None:
        font = fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi") or fonts.get(f"{W}cs")
    text = lvl.find(f"{W}lvlText")
    fmt = _val(lvl.find(f"{W}numFmt")) or "decimal"
    return Level(
        start=_int(_val(lvl.find(f"{W}start")), 1) or 0,
        fmt=fmt,
        text=(_val(text) or "") if text is not None else "",
        restart=_int(_val(lvl.find(f"{W}lvlRestart"))),
        legal=_on(lvl.find(f"{W}isLgl")),
        font=font,
        style=_val(lvl.find(f"{W}pStyle")),
    )


def _levels(parent: etree._Element) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for lvl in parent.findall(f"{W}lvl"):
        ilvl = _int(lvl.get(f"{W}ilvl"), 0) or 0
        if 0 <= ilvl < LEVELS:
            levels[ilvl] = parse_level(lvl)
    return levels


def parse_definitions(
    numbering: etree._Element | None, style_nums: dict[str, str] | None = None
) -> Definitions:
    """Read ``numbering.xml``'s root; ``style_nums`` maps numbering styles to their numId."""
    definitions = Definitions(style_nums=dict(style_nums or {}))
    if numbering is None:
        return definitions
    for abstract in numbering.iterfind(f"{W}abstractNum"):
        abstract_id = abstract.get(f"{W}abstractNumId")
        if abstract_id is None:
            continue
        definitions.abstracts[abstract_id] = _levels(abstract)
        link = _val(abstract.find(f"{W}numStyleLink"))
        if link:
            definitions.style_links[abstract_id] = link
        owner = _val(abstract.find(f"{W}styleLink"))
        if owner:
            definitions.link_owners[owner] = abstract_id
    for num in numbering.iterfind(f"{W}num"):
        num_id = num.get(f"{W}numId")
        abstract_id = _val(num.find(f"{W}abstractNumId"))
        if num_id is None or abstract_id is None:
            continue
        starts: dict[int, int] = {}
        overrides: dict[int, Level] = {}
        for override in num.iterfind(f"{W}lvlOverride"):
            ilvl = _int(override.get(f"{W}ilvl"), 0) or 0
            if not 0 <= ilvl < LEVELS:
                continue
            lvl = override.find(f"{W}lvl")
            if lvl is not None:
                overrides[ilvl] = parse_level(lvl)
            start = _int(_val(override.find(f"{W}startOverride")))
            if start is not None:
                starts[ilvl] = start
        definitions.instances[num_id] = Instance(abstract_id, starts, overrides)
    return definitions


# --------------------------------------------------------------------------- counting


def restarts_after(level: Level, deeper: int, used: int) -> bool:
    """Does level ``deeper`` restart when a paragraph at level ``used`` (< deeper) is numbered?"""
    if level.restart is None or level.restart > deeper:
        return used < deeper
    if level.restart == 0:
        return False
    return used < level.restart


@dataclass
class Counters:
    """Running list counters for one document, advanced in reading order."""

    definitions: Definitions
    _state: dict[str, list[int | None]] = field(default_factory=dict)

    def advance(self, num_id: str, ilvl: int) -> tuple[str, Level] | None:
        """Number the next paragraph of list ``num_id`` at ``ilvl``; return (marker, level) or None."""
        if num_id in ("", "0") or not 0 <= ilvl < LEVELS:
            return None
        levels = self.definitions.levels(num_id)
        if not levels or ilvl not in levels:
            return None
        level = levels[ilvl]
        counters = self._state.setdefault(self.definitions.counter_key(num_id), [None] * LEVELS)
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):
            if restarts_after(levels.get(deeper, Level()), deeper, ilvl):
                counters[deeper] = None
        return render_marker(level, counters, levels), level
