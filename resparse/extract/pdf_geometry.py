"""PDF reader: document-wide measures the paragraph rules compare lines against.

Per page size: the text measure (where justified lines end, not where a ruled table
overhangs the margins), the normal line pitch, the x where many lines start, and the
first-line indents (x of lines that wrap onto a line further left). The thresholds of all
paragraph rules are in :class:`ParagraphSettings`.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from resparse.extract.pdf_tables import Line, TablePiece, cluster_edges

__all__ = ["SETTINGS", "Geometry", "Page", "ParagraphSettings", "fits", "measure"]

_CM = 72 / 2.54


@dataclass(frozen=True)
class ParagraphSettings:
    """Thresholds of the paragraph rules; lengths in points unless the name says ems."""

    align: float = 3.0
    """Two lines "start at the same x" when their left edges differ by at most this."""
    centre_tolerance: float = 5.0
    """A centred line's middle is at most this far from the middle of the text measure."""
    common_start: float = 0.25
    common_start_lines: int = 4
    """An x where this many lines of the document start (within ``common_start``) is a
    margin or an indent: a line starting there is not centred, however it sits."""
    pitch_range: tuple[float, float] = (0.8, 2.0)
    """Line pitches (as multiples of the font size) that count towards the normal pitch."""
    default_pitch: float = 1.2
    """The normal pitch when no two lines of a size follow each other."""
    paragraph_gap: float = 1.4
    """A pitch this many times the normal one separates paragraphs (spacing before/after)."""
    blank_gap: float = 1.8
    """A pitch this many times the normal one also yields an empty separator paragraph."""
    invisible_table_pitch: float = 1.4
    """Rows of an invisible (tab-separated) table are at most this many normal pitches apart."""
    space_em: float = 0.25
    """A space, in ems of the line's font size (for "would the next word have fitted")."""
    fit_slack: float = 1.0
    """A word "fits" when it ends at least this far before the right margin."""
    size_change: float = 0.5
    """Font sizes differing by more than this are a change of style."""
    marker_cluster: float = 4.0
    """Markers of one kind whose x differ by at most this are at the same list level."""
    indent_max: float = 2.5 * _CM
    """The widest first-line indent (the usual one is 1.25 cm); wider steps are columns."""
    full_lines: int = 2
    """Lines ending at the same rightmost x that make it the right margin (not a table's edge)."""


SETTINGS = ParagraphSettings()


@dataclass
class Page:
    """What the reader found on one page: text lines and ruled table pieces."""

    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    pieces: list[TablePiece] = field(default_factory=list)
    unreadable: str | None = None
    """Why the page gave no text ("no text layer, only an image"): OCR could read it."""


# --- document-wide measures -----------------------------------------------------------------

PageKey = tuple[int, int]


@dataclass
class Geometry:
    """Document-wide measures the paragraph rules compare against, per page size."""

    left: dict[PageKey, float]
    right: dict[PageKey, float]
    """The text measure: left and right margins."""
    pitch: float
    """Normal line pitch as a multiple of the font size."""
    common_x: dict[PageKey, list[float]]
    indents: dict[PageKey, list[float]]
    """Where paragraphs' first lines start: x of lines that wrap onto a line further left."""
    settings: ParagraphSettings

    @staticmethod
    def key(page: Page) -> PageKey:
        return round(page.width), round(page.height)

    def at_indent(self, line: Line, page: Page) -> bool:
        """Whether ``line`` starts at the document's first-line indent."""
        return any(abs(line.x0 - x) <= self.settings.align for x in self.indents.get(self.key(page), []))


def measure(pages: Sequence[Page], settings: ParagraphSettings) -> Geometry:
    left: dict[PageKey, float] = {}
    right: dict[PageKey, float] = {}
    starts: dict[PageKey, Counter[float]] = {}
    lines: dict[PageKey, list[tuple[float, float]]] = {}
    pieces: dict[PageKey, list[tuple[float, float]]] = {}
    for page in pages:
        key = Geometry.key(page)
        lines.setdefault(key, []).extend((line.x0, line.x1) for line in page.lines)
        pieces.setdefault(key, []).extend((piece.bbox[0], piece.bbox[2]) for piece in page.pieces)
        starts.setdefault(key, Counter()).update(round(line.x0, 1) for line in page.lines)
    for key in lines:
        extent = _text_measure(lines[key], pieces[key], settings)
        if extent is not None:
            left[key], right[key] = extent
    common = {
        key: [float(x) for x, n in counter.items() if n >= settings.common_start_lines]
        for key, counter in starts.items()
    }
    geometry = Geometry(
        left=left, right=right, pitch=_pitch(pages, settings), common_x=common, indents={}, settings=settings
    )
    geometry.indents = _indents(pages, geometry)
    return geometry


def _text_measure(
    lines: list[tuple[float, float]], pieces: list[tuple[float, float]], settings: ParagraphSettings
) -> tuple[float, float] | None:
    """The text measure: where justified lines end, else the extent of lines and tables.

    Ruled tables may overhang the margins (cell padding, autofit), so the lines give the
    measure when several of them end at the same rightmost x — full lines of running text.
    """
    if lines and pieces:
        right = max(x1 for _, x1 in lines)
        full = sum(1 for _, x1 in lines if right - x1 <= settings.align)
        if full < settings.full_lines:
            lines = lines + pieces
    boxes = lines or pieces
    if not boxes:
        return None
    return min(x0 for x0, _ in boxes), max(x1 for _, x1 in boxes)


def _pitch(pages: Sequence[Page], settings: ParagraphSettings) -> float:
    """The median distance of consecutive lines of one size, in multiples of that size."""
    ratios: list[float] = []
    low, high = settings.pitch_range
    for page in pages:
        for above, below in pairwise(page.lines):
            if above.size and abs(above.size - below.size) < settings.size_change:
                ratio = (below.top - above.top) / above.size
                if low < ratio < high:
                    ratios.append(ratio)
    return statistics.median(ratios) if ratios else settings.default_pitch


def _indents(pages: Sequence[Page], geometry: Geometry) -> dict[PageKey, list[float]]:
    """First-line indents: a line that wraps (is full) onto a line that starts further left."""
    settings = geometry.settings
    found: dict[PageKey, list[float]] = {}
    for page in pages:
        key = geometry.key(page)
        right = geometry.right.get(key)
        for above, below in pairwise(page.lines):
            step = above.x0 - below.x0
            wraps = right is not None and not fits(above, below, right, settings)
            near = below.top - above.top <= settings.paragraph_gap * geometry.pitch * max(above.size, 1.0)
            if wraps and near and settings.align < step <= settings.indent_max:
                found.setdefault(key, []).append(above.x0)
    return {key: cluster_edges(xs, tolerance=settings.align) for key, xs in found.items()}


def fits(line: Line, below: Line, right: float, settings: ParagraphSettings) -> bool:
    """Whether ``below``'s first word would have fitted at the end of ``line``."""
    space = settings.space_em * (line.size or 10.0)
    return line.x1 + space + below.first_word_width < right - settings.fit_slack
