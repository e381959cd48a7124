"""One line/paragraph assembler for both page sources (text layer and OCR).

A PDF has no paragraphs, so they are rebuilt from the facts of how Word (or LibreOffice)
lays out an official document when it exports a PDF:

- A paragraph's first line starts at its first-line indent (the *красная строка*,
  1.25 cm in Russian acts), its other lines at its left indent; all lines but the last
  run to the right margin (justified) or stop where the next word would not fit.
- So a break where the next line's first word would have fitted was not word wrap
  (a *forced* break): the paragraph ended there, or a line break was typed.
- Centred lines (letterhead, title) are paragraphs or line breaks of their own; a list
  marker ("1.", "2.1.", "а)", "-") opens a paragraph; a row with a tab gap (position
  at the left, name at the right; date at the left, number at the right) is one.
- A one-line paragraph at the first-line indent followed by a line at the indent again:
  the second line opens a paragraph (a paragraph's own second line starts further left).

The rules compare lines with document-wide measures (:mod:`.geometry`); the thresholds are
in :class:`~.settings.Settings`. Running headers and footers go first
(:func:`drop_running_lines`): the first or last line of a page, in the top or bottom band,
that is only a page number, and lines repeated at the same place on most pages. All list
numbers are in the text (typed), so markers come from :func:`~resparse.markers.split_marker`;
the level is the rank of the marker's x among markers of the same kind (dashes at two
indents → 0 and 1), or the numbering depth ("1.1." → 1) when that is deeper.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter, methodcaller

from resparse.extract.pdf.borderless import borderless_tables
from resparse.extract.pdf.geometry import Geometry, Page, PageKey, fits, measure
from resparse.extract.pdf.settings import SETTINGS, Settings
from resparse.extract.pdf.tables import TablePiece, cluster_edges, continue_table, same_columns, start_table
from resparse.extract.pdf.words import SENTENCE_END, Line, join_lines
from resparse.layout import Paragraph, Table, Where
from resparse.markers import is_date_line, marker_depth, marker_kind, split_marker

__all__ = ["PAGE_NUMBER", "assemble", "drop_running_lines"]

PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,3}\s*[-–—]|\d{1,3}|(?:стр(?:аница)?\.?|page)\s*\d{1,3}(?:\s*(?:из|of|/)\s*\d{1,3})?"
    r"|\d{1,3}\s*(?:из|of|/)\s*\d{1,3})$",
    re.IGNORECASE,
)
"""A line that is only a page number ("5", "- 5 -", "стр. 5 из 12")."""
_TEXT, _SIZE = itemgetter("text"), methodcaller("get", "size")


# --- walking the pages ----------------------------------------------------------------------


@dataclass
class _LineInfo:
    line: Line
    page: Page
    centered: bool
    tabbed: bool = False
    """The line holds a column gap (beyond a tab after its list marker)."""
    marker: str | None = None
    rest: str = ""


@dataclass
class _Draft:
    lines: list[_LineInfo]

    @property
    def continuation_x(self) -> float | None:
        return self.lines[1].line.x0 if len(self.lines) > 1 else None


@dataclass
class _Walk:
    """The state of :func:`assemble` between items."""

    geometry: Geometry
    blocks: list[Paragraph | Table] = field(default_factory=list)
    drafts: list[tuple[_Draft, Paragraph]] = field(default_factory=list)
    draft: _Draft | None = None
    previous: _LineInfo | None = None
    last_table: Table | None = None
    last_edges: list[float] = field(default_factory=list)
    last_kind_page: tuple[str, int] = ("", 0)

    def flush(self) -> None:
        if self.draft is not None:
            paragraph = _paragraph(self.draft)
            self.blocks.append(paragraph)
            self.drafts.append((self.draft, paragraph))
            self.draft = None
        self.previous = None

    def table(self, table: Table, page: Page) -> None:
        """An invisible (tab-separated) table found among the lines."""
        self.flush()
        self.blocks.append(table)
        self.last_kind_page = ("line", page.number)

    def piece(self, piece: TablePiece, page: Page, first: bool) -> None:
        """A ruled table piece: a new table, or the rest of the one the last page ended with."""
        self.flush()
        continues = (
            first
            and self.last_table is not None
            and self.last_kind_page == ("table", page.number - 1)
            and same_columns(self.last_edges, piece.columns, self.geometry.settings.column_match)
        )
        if continues and self.last_table is not None:
            continue_table(self.last_table, piece, self.geometry.settings)
        else:
            self.last_table, self.last_edges = start_table(piece), piece.columns
            self.blocks.append(self.last_table)
        self.last_kind_page = ("table", page.number)

    def line(self, line: Line, page: Page) -> None:
        info = _describe_line(line, page, self.geometry)
        new, blank = _starts_paragraph(self.draft, self.previous, info, self.geometry)
        if new:
            self.flush()
            last = self.blocks[-1] if self.blocks else None
            if blank and last is not None and not (isinstance(last, Paragraph) and not last.text):
                self.blocks.append(Paragraph(text="", where=Where(page=page.number)))
            self.draft = _Draft(lines=[info])
        elif self.draft is not None:
            info.marker = None
            self.draft.lines.append(info)
        self.previous = info
        self.last_kind_page = ("line", page.number)


def assemble(pages: Sequence[Page], settings: Settings = SETTINGS) -> list[Paragraph | Table]:
    """Walk pages top to bottom, grouping lines into paragraphs and pieces into tables."""
    walk = _Walk(geometry=measure(pages, settings))
    for page in pages:
        for position, item in enumerate(_page_items(page, walk.geometry)):
            if isinstance(item, Table):
                walk.table(item, page)
            elif isinstance(item, TablePiece):
                walk.piece(item, page, first=position == 0)
            else:
                walk.line(item, page)
    walk.flush()
    _set_levels(walk.drafts, walk.geometry)
    return walk.blocks


def _page_items(page: Page, geometry: Geometry) -> list[Line | TablePiece | Table]:
    """The page's lines, ruled pieces and invisible tables in reading order."""
    max_pitch = geometry.settings.invisible_table_pitch * geometry.pitch
    invisible = borderless_tables(page.lines, max_pitch, geometry.settings)
    hidden = {index for start, end, _ in invisible for index in range(start, end)}
    items: list[tuple[float, Line | TablePiece | Table]] = [
        (line.top, line) for index, line in enumerate(page.lines) if index not in hidden
    ]
    items += [(piece.bbox[1], piece) for piece in page.pieces]
    items += [
        (table.rows[0].where.bbox[1] if table.rows[0].where.bbox else 0.0, table) for *_, table in invisible
    ]
    items.sort(key=lambda item: item[0])
    return [item for _, item in items]


# --- the rules ------------------------------------------------------------------------------


def _describe_line(line: Line, page: Page, geometry: Geometry) -> _LineInfo:
    settings = geometry.settings
    key = geometry.key(page)
    left, right = geometry.left.get(key, line.x0), geometry.right.get(key, line.x1)
    centre = (left + right) / 2
    marker, rest = split_marker(line.text)
    # Word puts a tab after a list number ("1.<tab>Text"): that gap splits no columns.
    tabbed = line.has_tab and (marker is None or "\t" in rest)
    starts_common = any(abs(line.x0 - x) <= settings.common_start for x in geometry.common_x.get(key, []))
    centered = (
        line.x0 > left + settings.align
        and line.x1 < right - settings.align
        and abs((line.x0 + line.x1) / 2 - centre) <= settings.centre_tolerance
        and not starts_common
        and not tabbed
    )
    return _LineInfo(
        line=line, page=page, centered=centered, tabbed=tabbed, marker=marker, rest=rest if marker else ""
    )


def _starts_paragraph(
    draft: _Draft | None, previous: _LineInfo | None, info: _LineInfo, geometry: Geometry
) -> tuple[bool, bool]:
    """Whether ``info`` starts a new paragraph, and whether a blank separator precedes it."""
    if draft is None or previous is None:
        return True, False
    settings = geometry.settings
    prev, line = previous.line, info.line
    if prev.page == line.page:
        normal = geometry.pitch * max(prev.size, line.size, 1.0)
        pitch = line.top - prev.top
        if pitch > settings.blank_gap * normal:
            return True, True
        if pitch > settings.paragraph_gap * normal:
            return True, False
    forced = _forced_break(previous, info, geometry)
    ends_sentence = bool(SENTENCE_END.search(prev.text))
    continuation_x = draft.continuation_x
    if info.marker is not None:
        # "… крупного бизнеса" / "- ПАО Сбербанк": the dash did not fit on a line that ends
        # mid-sentence, so it is text running on, not a bullet.
        at_continuation = continuation_x is None or abs(line.x0 - continuation_x) <= settings.align
        if forced or ends_sentence or not at_continuation:
            return True, False
    if previous.tabbed or (info.tabbed and ends_sentence):
        # A row of its own ("Глава района<tab>И.И. Иванов"), though a position wrapped in a
        # narrow column may end on the row's line ("… палатами" / "образований<tab>В.П. …").
        return True, False
    if continuation_x is None and _indented_again(previous, info, geometry):
        return True, False
    resized = abs(prev.size - line.size) > settings.size_change
    style_change = prev.bold != line.bold or resized or _caps(prev, settings) != _caps(line, settings)
    if forced and (ends_sentence or previous.centered or info.centered or style_change):
        return True, False
    if forced and is_date_line(prev.text):
        return True, False  # "От 15 марта 2017 года № 7": a date line ends no sentence
    if style_change and (previous.centered or info.centered):
        return True, False  # a bold centred title, however wide, over the body
    if previous.centered != info.centered and not (previous.centered and not forced):
        return True, False
    if continuation_x is not None and not info.centered and abs(line.x0 - continuation_x) > settings.align:
        return True, False
    return False, False


def _indented_again(previous: _LineInfo, info: _LineInfo, geometry: Geometry) -> bool:
    """A one-line paragraph at the first-line indent, and the next line starts there too.

    A paragraph's second line starts at its left indent, left of the first-line indent; a
    line at the indent again opens the next paragraph (letterhead and title lines typed
    with the body style, "Приложение 2" / "Система …"). Not so for lines of a paragraph
    indented as a whole (an approval stamp at the right): they do not start at the indent.
    """
    same_x = abs(info.line.x0 - previous.line.x0) <= geometry.settings.align
    return same_x and geometry.at_indent(previous.line, previous.page)


def _forced_break(previous: _LineInfo, info: _LineInfo, geometry: Geometry) -> bool:
    """Whether the next line's first word would have fitted on the previous line."""
    right = geometry.right.get(geometry.key(previous.page), previous.line.x1)
    return fits(previous.line, info.line, right, geometry.settings)


def _caps(line: Line, settings: Settings) -> bool:
    # every letter a capital (most lines fail at their second letter), and enough of them
    return _all_capitals(line.text) and sum(map(str.isalpha, line.text)) >= settings.caps_letters


def _all_capitals(text: str) -> bool:
    return all(map(str.isupper, filter(str.isalpha, text)))


# --- building paragraphs --------------------------------------------------------------------


def _paragraph(draft: _Draft) -> Paragraph:
    """Build the paragraph; its box covers its lines on the page where it starts."""
    first = draft.lines[0]
    texts = [first.rest if first.marker else first.line.text]
    texts += [info.line.text for info in draft.lines[1:]]
    text = join_lines(texts)
    words = [w for info in draft.lines for w in info.line.words]
    chars = [(info.line.bold, sum(map(len, map(_TEXT, info.line.words)))) for info in draft.lines]
    bold_chars = sum(count for bold, count in chars if bold)
    sizes = _rounded_counts(Counter(map(_SIZE, words)))
    page_lines = [info.line for info in draft.lines if info.line.page == first.line.page]
    bbox = (
        round(min(line.x0 for line in page_lines), 1),
        round(min(line.top for line in page_lines), 1),
        round(max(line.x1 for line in page_lines), 1),
        round(max(line.bottom for line in page_lines), 1),
    )
    paragraph = Paragraph(
        text=text,
        bold=bold_chars * 2 > sum(count for _, count in chars),
        centered=all(info.centered for info in draft.lines),
        caps=_all_capitals(text) and any(map(str.isalpha, text)),
        size=max(sizes, key=sizes.__getitem__) if sizes else None,  # Counter.most_common(1)
        where=Where(page=first.line.page, bbox=bbox),
    )
    if first.marker:
        paragraph.marker = first.marker
        paragraph.marker_source = "typed"
    return paragraph


def _rounded_counts(raw: Counter[float | None]) -> dict[float, int]:
    """Word counts per font size rounded to 0.1 pt, in order of first appearance."""
    counts: dict[float, int] = {}
    for size, count in raw.items():
        key = round(float(size or 0), 1)
        counts[key] = counts.get(key, 0) + count
    return counts


def _set_levels(drafts: Sequence[tuple[_Draft, Paragraph]], geometry: Geometry) -> None:
    """Level = rank of the marker's x among markers of its kind, or its numbering depth."""
    positions: dict[tuple[str, PageKey], list[float]] = {}
    marked = [(d, p) for d, p in drafts if p.marker]
    for draft, paragraph in marked:
        key = (marker_kind(paragraph.marker or ""), geometry.key(draft.lines[0].page))
        positions.setdefault(key, []).append(draft.lines[0].line.x0)
    tolerance = geometry.settings.marker_cluster
    clusters = {key: cluster_edges(values, tolerance=tolerance) for key, values in positions.items()}
    for draft, paragraph in marked:
        key = (marker_kind(paragraph.marker or ""), geometry.key(draft.lines[0].page))
        x = draft.lines[0].line.x0
        rank = min(range(len(clusters[key])), key=lambda i: abs(clusters[key][i] - x))
        paragraph.level = max(rank, marker_depth(paragraph.marker))


# --- running headers and footers ------------------------------------------------------------


def drop_running_lines(pages: Sequence[Page], settings: Settings = SETTINGS) -> None:
    """Remove page numbers and lines repeated at the same place on most pages."""
    candidates: dict[int, list[Line]] = {}
    ends = settings.running_edge_lines
    for page in pages:
        edge = list({id(line): line for line in page.lines[:ends] + page.lines[-ends:]}.values())
        band = page.height * settings.running_band
        candidates[page.number] = [
            line for line in edge if line.bottom < band or line.top > page.height - band
        ]
    seen: Counter[tuple[str, int]] = Counter()
    for page in pages:
        seen.update({_running_key(line, settings) for line in candidates[page.number]})
    need = max(2, (len(pages) + 1) // 2)
    for page in pages:
        edge = {id(line) for line in candidates[page.number]}
        drop = {id(line) for line in candidates[page.number] if seen[_running_key(line, settings)] >= need}
        kept = [line for line in page.lines if id(line) not in drop]
        # A page number is the first or last line; a number amid the text ("… № " / "203") stays.
        first_last = {id(line) for line in kept[:1] + kept[-1:] if id(line) in edge}
        drop |= {id(line) for line in kept if id(line) in first_last and PAGE_NUMBER.match(line.text.strip())}
        if drop:
            page.lines = [line for line in page.lines if id(line) not in drop]


def _running_key(line: Line, settings: Settings) -> tuple[str, int]:
    return re.sub(r"\d+", "#", " ".join(line.text.split())).lower(), round(
        line.top / settings.running_position
    )
