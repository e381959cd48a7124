"""A page as both sources give it, and the document-wide measures the line rules compare against.

Per page size: the text measure (where justified lines end, not where a ruled table
overhangs the margins), the normal line pitch, the x where many lines start, and the
first-line indents (x of lines that wrap onto a line further left). The thresholds are in
:class:`~.settings.Settings`.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from resparse.extract.pdf.settings import Settings
from resparse.extract.pdf.tables import TablePiece, cluster_edges
from resparse.extract.pdf.words import Line

__all__ = ["Geometry", "Page", "PageKey", "fits", "measure"]


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
    ocr: bool = False
    """The page was read by OCR (its positions are ink boxes, good to a pixel or two)."""


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
    settings: Settings

    @staticmethod
    def key(page: Page) -> PageKey:
        return round(page.width), round(page.height)

    def at_indent(self, line: Line, page: Page) -> bool:
        """Whether ``line`` starts at the document's first-line indent."""
        return any(abs(line.x0 - x) <= self.settings.align for x in self.indents.get(self.key(page), []))


def measure(pages: Sequence[Page], settings: Settings) -> Geometry:
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
    common = {key: _common_starts(counter, settings) for key, counter in starts.items()}
    geometry = Geometry(
        left=left, right=right, pitch=_pitch(pages, settings), common_x=common, indents={}, settings=settings
    )
    geometry.indents = _indents(pages, geometry)
    return geometry


def _common_starts(starts: Counter[float], settings: Settings) -> list[float]:
    """The x where at least ``common_start_lines`` lines start (within ``common_start``)."""
    groups: list[list[float]] = []
    for x in sorted(starts):
        if groups and x - groups[-1][-1] <= settings.common_start:
            groups[-1].append(x)
        else:
            groups.append([x])
    common: list[float] = []
    for group in groups:
        if len(group) == 1:
            if starts[group[0]] >= settings.common_start_lines:
                common.append(float(group[0]))
        elif sum(starts[x] for x in group) >= settings.common_start_lines:
            common.append(sum(x * starts[x] for x in group) / sum(starts[x] for x in group))
    return common


def _text_measure(
    lines: list[tuple[float, float]], pieces: list[tuple[float, float]], settings: Settings
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


def _pitch(pages: Sequence[Page], settings: Settings) -> float:
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


def fits(line: Line, below: Line, right: float, settings: Settings) -> bool:
    """Whether ``below``'s first word would have fitted at the end of ``line``."""
    space = settings.space_em * (line.size or settings.default_size)
    return line.x1 + space + below.first_word_width < right - settings.fit_slack
