"""The document body walked in reading order: paragraphs, tables, content controls, text boxes.

Each paragraph's visible text is gathered run by run (field codes, hidden runs and deleted text
left out; symbols, tabs and breaks rendered), its formatting summarised (bold, caps, centred,
main font size) and its automatic number recomputed by :mod:`.numbering`, so a reader of the
layout sees "1.1." exactly where Word shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from resparse.extract.docx import tables
from resparse.extract.docx.numbering import Counters, Definitions, normalise_bullet
from resparse.extract.docx.styles import NumPr, RunProps, Styles, num_pr, run_props
from resparse.extract.docx.tags import (
    ALTERNATE,
    FLD_CHAR,
    MATH,
    PPR,
    RPR,
    SDT,
    SDT_CONTENT,
    TBL,
    P,
    R,
    W,
    choose,
    content,
    text_boxes,
    val,
)
from resparse.layout import Block, Paragraph, Table
from resparse.limits import MergeBudget
from resparse.markers import marker_depth, split_marker

_TRANSPARENT = frozenset(
    f"{W}{name}"
    for name in ("ins", "hyperlink", "smartTag", "customXml", "fldSimple", "moveTo", "dir", "bdo")
)
_SHAPES = frozenset(f"{W}{name}" for name in ("drawing", "pict", "object"))
_RUN_TEXT = {f"{W}t": None, f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}cr": "\n"}
_RUN_TEXT.update({f"{W}noBreakHyphen": "-", f"{W}softHyphen": ""})
_PSTYLE, _RSTYLE, _JC, _BR, _SYM = (f"{W}{name}" for name in ("pStyle", "rStyle", "jc", "br", "sym"))
_RUBY, _RUBY_BASE, _ALT_CHUNK = f"{W}ruby", f"{W}rubyBase", f"{W}altChunk"
_MATH_BLOCKS = (f"{MATH}oMath", f"{MATH}oMathPara")
_FLD_CHAR_TYPE, _BR_TYPE, _SYM_CHAR, _SYM_FONT = (f"{W}{a}" for a in ("fldCharType", "type", "char", "font"))


@dataclass
class Piece:
    """A stretch of visible text with the run properties it was written in."""

    text: str
    props: RunProps


@dataclass
class ParagraphParts:
    """A paragraph before the typed-marker split: what body and cell rendering share."""

    text: str
    auto_marker: str | None
    level: int
    bold: bool
    centered: bool
    caps: bool
    style: str | None
    size: float | None
    boxes: list[Block]


class Walker:
    """Walks the body in reading order, carrying list counters and field state across it."""

    def __init__(self, styles: Styles, counters: Counters) -> None:
        self.styles = styles
        self.counters = counters
        self.warnings: list[str] = []
        self._fields: list[bool] = []  # one entry per open field: True once past its instruction
        self._warned: set[str] = set()
        self.merges = MergeBudget()

    @property
    def definitions(self) -> Definitions:
        return self.counters.definitions

    def warn_once(self, key: str, message: str) -> None:
        if key not in self._warned:
            self._warned.add(key)
            self.warnings.append(message)

    def blocks(self, container: etree._Element) -> list[Block]:
        blocks: list[Block] = []
        for child in content(container):
            if child.tag == P:
                parts = self.paragraph_parts(child)
                blocks.append(_body_paragraph(parts))
                blocks.extend(parts.boxes)
            elif child.tag == TBL:
                blocks.append(self.table(child))
            elif child.tag == _ALT_CHUNK:
                self.warn_once("altChunk", "an embedded document (altChunk) was skipped")
        return blocks

    def table(self, element: etree._Element) -> Table:
        return tables.read_table(self, element)

    def paragraph_parts(self, paragraph: etree._Element) -> ParagraphParts:
        ppr = paragraph.find(PPR)
        style_id = val(ppr.find(_PSTYLE)) if ppr is not None else None
        style_id = style_id if style_id in self.styles else self.styles.default_paragraph
        pieces: list[Piece] = []
        boxes: list[etree._Element] = []
        self._collect(paragraph, style_id, pieces, boxes)
        # A field code cannot run past its paragraph: drop codes a damaged file left open,
        # so they do not swallow the rest of the document. Field results may run on (TOC).
        if self._fields:
            self._fields = [in_result for in_result in self._fields if in_result]
        text = "".join(piece.text for piece in pieces).strip()
        visible = [piece for piece in pieces if piece.text.strip()]
        mark = self._mark_props(ppr, style_id)
        bold = all(piece.props.bold for piece in visible) if visible else bool(mark.bold)
        letters_upper = text.upper() == text and any(ch.isalpha() for ch in text)
        caps = letters_upper or (bool(visible) and all(piece.props.caps for piece in visible))
        jc = val(ppr.find(_JC)) if ppr is not None else None
        centered = jc == "center" if jc is not None else self.styles.centered(style_id)
        marker, level = self._number(ppr, style_id)
        return ParagraphParts(
            text=text,
            auto_marker=marker,
            level=level,
            bold=bold,
            centered=centered,
            caps=caps,
            style=self.styles.name(style_id),
            size=_main_size(visible) or mark.size,
            boxes=[block for box in boxes for block in self.blocks(box)],
        )

    def _mark_props(self, ppr: etree._Element | None, style_id: str | None) -> RunProps:
        """Properties of the paragraph mark: what an empty paragraph is formatted as."""
        rpr = ppr.find(RPR) if ppr is not None else None
        base = self.styles.base_run(style_id, None)
        return base if rpr is None else run_props(rpr).over(base)

    def _number(self, ppr: etree._Element | None, style_id: str | None) -> tuple[str | None, int]:
        """Advance the list counters for this paragraph; return its automatic marker and level."""
        direct = num_pr(ppr) or NumPr()
        inherited = self.styles.numbering(style_id)
        num_id = direct.num_id if direct.num_id is not None else inherited.num_id
        if num_id is None or num_id.strip() in ("", "0"):
            return None, 0
        num_id = num_id.strip()
        ilvl = direct.ilvl if direct.ilvl is not None else inherited.ilvl
        if ilvl is None:
            ilvl = self.definitions.level_for_style(num_id, self.styles.chain(style_id)) or 0
        result = self.counters.advance(num_id, ilvl)
        if result is None:
            if self.definitions.levels(num_id) is None:
                self.warn_once(num_id, f"list numbering {num_id} has no definition; its numbers are left out")
            return None, ilvl
        marker, _ = result
        return (marker or None), ilvl

    def _collect(
        self, parent: etree._Element, style_id: str | None, pieces: list[Piece], boxes: list[etree._Element]
    ) -> None:
        """Gather visible text of a paragraph (or of a wrapper inside it) in order."""
        for child in parent:
            tag = child.tag
            if tag == R:
                self._run(child, style_id, pieces, boxes)
            elif tag in _TRANSPARENT:
                self._collect(child, style_id, pieces, boxes)
            elif tag == SDT:
                inner = child.find(SDT_CONTENT)
                if inner is not None:
                    self._collect(inner, style_id, pieces, boxes)
            elif tag == ALTERNATE:
                branch = choose(child)
                if branch is not None:
                    self._collect(branch, style_id, pieces, boxes)
            elif tag == _RUBY:
                base = child.find(_RUBY_BASE)
                if base is not None:
                    self._collect(base, style_id, pieces, boxes)
            elif tag in _MATH_BLOCKS and not self._in_instruction():
                math = "".join(t.text or "" for t in child.iter(f"{MATH}t"))
                pieces.append(Piece(math, self.styles.base_run(style_id, None)))

    def _in_instruction(self) -> bool:
        return not all(self._fields)

    def _run(
        self, run: etree._Element, style_id: str | None, pieces: list[Piece], boxes: list[etree._Element]
    ) -> None:
        rpr = run.find(RPR)
        character_style = val(rpr.find(_RSTYLE)) if rpr is not None else None
        base = self.styles.base_run(style_id, character_style)
        props = base if rpr is None else run_props(rpr).over(base)
        parts: list[str] = []
        for child in run:
            tag = child.tag
            if tag == FLD_CHAR:
                self._field(child.get(_FLD_CHAR_TYPE))
            elif tag == RPR or self._in_instruction():
                continue
            elif tag in _RUN_TEXT:
                replacement = _RUN_TEXT[tag]
                parts.append(child.text or "" if replacement is None else replacement)
            elif tag == _BR:
                parts.append("" if child.get(_BR_TYPE) == "page" else "\n")
            elif tag == _SYM:
                parts.append(_symbol(child))
            elif tag == ALTERNATE:
                branch = choose(child)
                if branch is not None:
                    boxes.extend(text_boxes(branch))
            elif tag in _SHAPES:
                boxes.extend(text_boxes(child))
        if parts and not props.hidden:
            pieces.append(Piece("".join(parts), props))

    def _field(self, kind: str | None) -> None:
        """Track complex fields: text between begin and separate is the code, after it the result."""
        if kind == "begin":
            self._fields.append(False)
        elif kind == "separate" and self._fields:
            self._fields[-1] = True
        elif kind == "end" and self._fields:
            self._fields.pop()


def _symbol(sym: etree._Element) -> str:
    """``w:sym``: a symbol-font character, shown as a reader would see it."""
    try:
        char = chr(int(sym.get(_SYM_CHAR) or "", 16))
    except ValueError:
        return ""
    font = sym.get(_SYM_FONT)
    if 0xF000 <= ord(char) <= 0xF0FF or (font or "").lower().startswith(("symbol", "wingdings")):
        return normalise_bullet(char, font)
    return char


def _main_size(pieces: list[Piece]) -> float | None:
    """The font size most of the paragraph's characters are set in."""
    tally: dict[float, int] = {}
    for piece in pieces:
        size = piece.props.size
        if size:
            tally[size] = tally.get(size, 0) + len(piece.text.strip())
    return max(tally, key=tally.__getitem__) if tally else None  # the first of equals, as Counter


def _body_paragraph(parts: ParagraphParts) -> Paragraph:
    """A body paragraph: the automatic marker if Word numbers it, else a typed one split off."""
    common = {"bold": parts.bold, "centered": parts.centered, "caps": parts.caps, "style": parts.style}
    if parts.auto_marker:
        marker = {"marker": parts.auto_marker, "marker_source": "auto", "level": parts.level}
        return Paragraph(text=parts.text, size=parts.size, **common, **marker)
    typed, rest = split_marker(parts.text)
    if typed:
        marker = {"marker": typed, "marker_source": "typed", "level": marker_depth(typed)}
        return Paragraph(text=rest, size=parts.size, **common, **marker)
    return Paragraph(text=parts.text, size=parts.size, **common)
