"""Words → lines, and lines → text, for both page sources.

Everything here works on plain data — word dicts in pdfplumber's shape (``text``, ``x0``,
``x1``, ``top``, ``bottom``, ``fontname``, ``size``) in points — so each rule can be tested
without building a PDF. A gap far wider than a space inside a line becomes "\\t"; lines are
joined with a space, and a hyphen at a line end goes only when it split a dictionary word
(:func:`drop_line_hyphen`, pymorphy3).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from operator import itemgetter
from typing import Any

from resparse.extract.joining import drop_line_hyphen, join_lines, join_pair
from resparse.extract.pdf.settings import SETTINGS, Settings

__all__ = [
    "SENTENCE_END",
    "Line",
    "Word",
    "drop_line_hyphen",
    "group_lines",
    "is_bold_font",
    "is_tab_gap",
    "join_lines",
    "join_pair",
    "make_line",
    "mostly_bold",
    "segments",
]

Word = dict[str, Any]

_X0, _X1, _TOP, _BOTTOM = (itemgetter(key) for key in ("x0", "x1", "top", "bottom"))

_BOLD_FONT = re.compile(r"bold|black|heavy|(?<![a-z])demi|[,-]b$", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?:;…][»\"')\]]*$")
"""A line that ends like this ends a sentence (closing quotes and brackets may follow)."""


def mostly_bold(words: Sequence[Word]) -> bool:
    """Whether most characters of the words are set in a bold font."""
    total = bold = 0
    for word in words:
        length = len(word["text"])
        total += length
        if is_bold_font(str(word.get("fontname", ""))):
            bold += length
    return bold * 2 > total


@lru_cache(maxsize=256)
def is_bold_font(fontname: str) -> bool:
    """PDF fonts carry their weight in the name: "ABCDEF+LiberationSerif-Bold", "Arial,Bold"."""
    name = fontname.split("+", 1)[-1]
    return bool(_BOLD_FONT.search(name))


@dataclass
class Line:
    """One visual line of text: its words left to right, with the font hints readers see."""

    words: list[Word]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    has_tab: bool
    """A gap far wider than a space splits the line (a tab stop or an invisible table)."""
    page: int = 0
    tabs: tuple[int, ...] = ()
    """Indices of the words that follow a tab gap."""

    @property
    def first_word_width(self) -> float:
        word = self.words[0]
        return float(word["x1"] - word["x0"])


def group_lines(words: Sequence[Word], page: int = 0, settings: Settings = SETTINGS) -> list[Line]:
    """Cluster words into lines by vertical overlap, in top-to-bottom order.

    Words are taken in order of their top edge; a word joins the open line when it overlaps
    the line's band by more than half of the smaller height (so a bold word set a little
    higher, or a superscript, stays on its line).
    """
    return [make_line(cluster, page, settings) for cluster in line_clusters(words, settings)]


def line_clusters(words: Sequence[Word], settings: Settings = SETTINGS) -> list[list[Word]]:
    """The words of each visual line (see :func:`group_lines`), lines top to bottom."""
    clusters: list[list[Word]] = []
    high = low = 0.0  # the open line's band (its top and bottom)
    share = settings.line_overlap
    for word in sorted(words, key=_reading_order):
        top, bottom = float(word["top"]), float(word["bottom"])
        if clusters:
            # min() and max() spelt out: this runs for every word of every page and cell
            overlap = (low if low < bottom else bottom) - (high if high > top else top)
            height = bottom - top if bottom - top <= low - high else low - high
            if height > 0 and overlap > share * height:
                clusters[-1].append(word)
                high, low = (top if top < high else high), (bottom if bottom > low else low)
                continue
        clusters.append([word])
        high, low = top, bottom
    return clusters


def _reading_order(word: Word) -> tuple[float, float]:
    return round(word["top"], 1), word["x0"]


def plain_text(words: Sequence[Word], settings: Settings = SETTINGS) -> str:
    """The text of one line's words, left to right, a space between words that do not touch.

    What :func:`make_line` gives with every tab as a space, without measuring the gaps.
    """
    ordered = sorted(words, key=_X0)
    size = _median([float(w.get("size") or 0.0) for w in ordered]) or settings.default_size
    touch = settings.word_space_em * size
    pieces = [ordered[0]["text"]]
    for left, right in pairwise(ordered):
        pieces += [" " if right["x0"] - left["x1"] > touch else "", right["text"]]
    return "".join(pieces)


def make_line(words: list[Word], page: int = 0, settings: Settings = SETTINGS) -> Line:
    """Build a :class:`Line` from the words of one visual line (any order)."""
    ordered = sorted(words, key=_X0)
    sizes = [float(w.get("size") or 0.0) for w in ordered]
    size = _median(sizes) if sizes else 0.0
    em = size or settings.default_size
    space, tab_floor = settings.word_space_em * em, settings.tab_min_em * em
    gaps = [float(b["x0"] - a["x1"]) for a, b in pairwise(ordered)]
    pieces = [ordered[0]["text"]]
    tabs: list[int] = []
    for index, (gap, word) in enumerate(zip(gaps, ordered[1:], strict=True), start=1):
        # is_tab_gap's first test, asked here: most gaps are spaces
        tab = not gap < tab_floor and is_tab_gap(gap, gaps, size, settings)
        if tab:
            tabs.append(index)
        # Words split only by a change of font (bold "РЕКОМЕНДАЦИИ" + plain ":") touch.
        pieces.append("\t" if tab else " " if gap > space else "")
        pieces.append(word["text"])
    return Line(
        words=ordered,
        text="".join(pieces),
        x0=float(min(map(_X0, ordered))),
        x1=float(max(map(_X1, ordered))),
        top=float(min(map(_TOP, ordered))),
        bottom=float(max(map(_BOTTOM, ordered))),
        size=round(size, 1),
        bold=mostly_bold(ordered),
        has_tab=bool(tabs),
        page=page,
        tabs=tuple(tabs),
    )


def _median(values: list[float]) -> float:
    """``statistics.median`` (the same arithmetic) without its overhead, for one line's sizes."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def segments(line: Line) -> list[Line]:
    """The parts of a line between its tab gaps, each as a line of its own."""
    if not line.tabs:
        return [line]
    bounds = [0, *line.tabs, len(line.words)]
    return [make_line(line.words[a:b], line.page) for a, b in pairwise(bounds)]


def is_tab_gap(gap: float, gaps: Sequence[float], size: float, settings: Settings = SETTINGS) -> bool:
    """A gap is a tab (or a column edge) when it dwarfs a space.

    Justified lines stretch every space alike, so a gap counts only when it is wide in
    absolute terms, the gaps are not all alike (three words on a justified line have two
    equal gaps however wide), and it is either far wider than the line's typical gap or
    huge (a lone gap that wide is a tab stop).
    """
    em = size or settings.default_size
    if gap < settings.tab_min_em * em:
        return False
    others = sorted(gaps)
    if len(others) >= 3 and others[-1] <= settings.justified_ratio * others[0]:
        return False  # every space stretched alike: a sparse justified line
    if len(others) == 2 and others[1] - others[0] <= settings.justified_pair_em * em:
        return False
    if gap >= settings.tab_alone_em * em:
        return True
    if len(others) < 3:
        return False
    typical = others[len(others) // 2]
    return gap > settings.tab_over_typical * max(typical, settings.space_floor_em * em)
