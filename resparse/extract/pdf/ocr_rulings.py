"""Ruling lines of a scanned page, found in its pixels, and the grids they form.

A pure-Pillow scan for long runs of dark pixels (rows of the image for horizontal lines,
rows of the transposed image for vertical ones; :func:`find_rulings`). Vertical runs count
only when both ends reach a horizontal line, which rules out letter strokes; lines meeting
each other form a grid (:func:`find_grids`), the vertical lines present in each row band
give its cells and so their column span, and a missing horizontal line between two cells
stacked alike makes the lower one run down (a vertical merge). :func:`Grid.row_boxes`
hands the grid to the one table builder (:func:`.tables.build_piece`) as rows of cell boxes
in points, the shape the text layer's tables have. The lines are painted out before OCR
(:func:`erase_rulings`): they confuse Tesseract.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from PIL import Image, ImageDraw

from resparse.extract.pdf.grid import Grid, Segment, meets
from resparse.extract.pdf.settings import SETTINGS

__all__ = ["erase_rulings", "find_rulings"]


def find_rulings(
    image: Image.Image, unit: float = SETTINGS.ocr_dpi / 72
) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical table lines of a page image (``unit`` px per point), in points."""
    snap = SETTINGS.grid_snap * unit
    dark = image.point(lambda v: 255 if v < SETTINGS.ocr_dark else 0)
    horizontal = _join_collinear(_segments(_runs(dark, round(SETTINGS.ocr_min_horizontal * unit))), snap)
    transposed = dark.transpose(Image.Transpose.TRANSPOSE)
    candidates = _join_collinear(_segments(_runs(transposed, round(SETTINGS.ocr_min_vertical * unit))), snap)
    vertical = [v for v in candidates if _anchored(v, horizontal, SETTINGS.ocr_meet * unit, snap)]
    horizontal = [h for h in horizontal if sum(1 for v in vertical if meets(h, v, snap)) >= 2]
    return [h.scaled(1 / unit) for h in horizontal], [v.scaled(1 / unit) for v in vertical]


def _runs(image: Image.Image, min_length: int) -> list[tuple[int, int, int]]:
    """Runs ``(row, start, end)`` of at least ``min_length`` ink pixels along image rows."""
    width = image.width
    data = image.tobytes()
    runs: list[tuple[int, int, int]] = []
    for match in re.finditer(b"\xff{%d,}" % min_length, data):
        start, end = match.span()
        while start < end:  # a run may wrap past the end of a row in the flat buffer
            row, column = divmod(start, width)
            stop = min(end, (row + 1) * width)
            if stop - start >= min_length:
                runs.append((row, column, column + stop - start))
            start = stop
    return runs


def _segments(runs: Iterable[tuple[int, int, int]]) -> list[Segment]:
    """Stack runs in neighbouring rows that overlap into one line of some thickness."""
    open_groups: list[list[tuple[int, int, int]]] = []
    done: list[list[tuple[int, int, int]]] = []
    for run in sorted(runs):
        row, start, end = run
        still_open = []
        placed = False
        for group in open_groups:
            last_row, last_start, last_end = group[-1]
            if row - last_row > SETTINGS.ocr_run_gap:
                done.append(group)
                continue
            still_open.append(group)
            overlap = min(end, last_end) - max(start, last_start)
            if not placed and overlap > SETTINGS.line_overlap * min(end - start, last_end - last_start):
                group.append(run)
                placed = True
        if not placed:
            still_open.append([run])
        open_groups = still_open
    done.extend(open_groups)
    segments = []
    for group in done:
        rows = [r for r, _, _ in group]
        segments.append(
            Segment((min(rows) + max(rows)) / 2, min(s for _, s, _ in group), max(e for _, _, e in group))
        )
    return segments


def _join_collinear(segments: list[Segment], snap: float) -> list[Segment]:
    """Bridge small breaks in a line (a faint scan): same position, gap under a millimetre.

    Segments are gathered by position first (a chain of positions each within ``snap / 3``
    of the last: a line a pixel off its course part of the way is one line), then joined
    along their length where they overlap or nearly meet.
    """
    joined: list[Segment] = []
    for group in _by_position(segments, snap / 3):
        line: Segment | None = None
        for segment in sorted(group, key=lambda s: s.start):
            if line is not None and segment.start - line.end <= snap:
                line = Segment((line.pos + segment.pos) / 2, line.start, max(line.end, segment.end))
                continue
            if line is not None:
                joined.append(line)
            line = segment
        if line is not None:
            joined.append(line)
    return joined


def _by_position(segments: Sequence[Segment], step: float) -> list[list[Segment]]:
    """Segments in groups whose positions follow each other at most ``step`` apart."""
    groups: list[list[Segment]] = []
    for segment in sorted(segments, key=lambda s: s.pos):
        if groups and segment.pos - groups[-1][-1].pos <= step:
            groups[-1].append(segment)
        else:
            groups.append([segment])
    return groups


def _anchored(vertical: Segment, horizontals: Sequence[Segment], meet: float, snap: float) -> bool:
    """A table's vertical line starts and ends on horizontal lines; a letter stroke does not.

    The ends must reach the horizontal lines (``meet``: a point or so, for the lines'
    thickness); a tall letter in a tight row stops short of them by a few pixels.
    """

    def at(y: float) -> bool:
        return any(
            abs(h.pos - y) <= meet and h.start - snap <= vertical.pos <= h.end + snap for h in horizontals
        )

    return at(vertical.start) and at(vertical.end)


def erase_rulings(image: Image.Image, grids: Sequence[Grid], unit: float) -> Image.Image:
    """A copy of the page with the tables' lines painted white, so OCR does not read them."""
    clean = image.copy()
    draw = ImageDraw.Draw(clean)
    half = SETTINGS.ocr_erase * unit  # lines are up to ~2 pt thick in a scan
    for grid in grids:
        for line in (h.scaled(unit) for h in grid.horizontal):
            draw.rectangle((line.start - half, line.pos - half, line.end + half, line.pos + half), fill=255)
        for line in (v.scaled(unit) for v in grid.vertical):
            draw.rectangle((line.pos - half, line.start - half, line.pos + half, line.end + half), fill=255)
    return clean
