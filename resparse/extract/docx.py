"""DOCX reader: the package's XML, walked in reading order, with Word's list numbers restored.

The package is opened with :mod:`zipfile` and each XML part we need (the main document,
styles, numbering, relationships, app properties) is read through one gate that bounds its
decompressed size, refuses any DTD (OOXML forbids them; they only serve billion-laughs and
XXE attacks) and parses with entity resolution and network access off. python-docx stops
short of what we need (list numbers, text boxes, tracked changes, merged cells) and would
parse every part of the package, so the reader works on the XML directly.

The body is walked in order — paragraphs, tables, content controls, text boxes — and
each paragraph's automatic number is recomputed by :mod:`.numbering`, so a reader of the
layout sees "1.1." exactly where Word shows it. Page headers and footers are not read.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections import Counter as Tally
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from resparse.errors import CorruptFileError, EmptyFileError, LimitExceededError
from resparse.extract.numbering import Counters, Definitions, normalise_bullet, parse_definitions
from resparse.layout import Block, Cell, Layout, Paragraph, Row, SourceInfo, Table, Where
from resparse.limits import MAX_COLUMN_SPAN, MB, Limits, MergeBudget
from resparse.markers import marker_depth, split_marker

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT_W_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
W = f"{{{_W_NS}}}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"

P, R, TBL, TR, TC = (f"{W}{name}" for name in ("p", "r", "tbl", "tr", "tc"))
PPR, RPR, TCPR, TRPR, TBLPR = (f"{W}{name}" for name in ("pPr", "rPr", "tcPr", "trPr", "tblPr"))
SDT, SDT_CONTENT, CUSTOM_XML = f"{W}sdt", f"{W}sdtContent", f"{W}customXml"
TXBX = f"{W}txbxContent"
ALTERNATE, CHOICE, FALLBACK = f"{_MC}AlternateContent", f"{_MC}Choice", f"{_MC}Fallback"
FLD_CHAR = f"{W}fldChar"
_TRANSPARENT = frozenset(
    f"{W}{name}"
    for name in ("ins", "hyperlink", "smartTag", "customXml", "fldSimple", "moveTo", "dir", "bdo")
)
_SHAPES = frozenset(f"{W}{name}" for name in ("drawing", "pict", "object"))
_RUN_TEXT = {f"{W}t": None, f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}cr": "\n"}
_RUN_TEXT.update({f"{W}noBreakHyphen": "-", f"{W}softHyphen": ""})
_BORDER_TAGS = frozenset(
    f"{W}{edge}" for edge in ("top", "left", "bottom", "right", "insideH", "insideV", "start", "end")
)
_INVISIBLE = (None, "none", "nil")

_DTD_MARKS = tuple("<!DOCTYPE".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be"))


def read(data: bytes, source: SourceInfo, limits: Limits) -> Layout:
    """Read a DOCX package into a layout; refuse damaged or hostile packages with one-line reasons."""
    package = Package(data, limits)
    main = package.main_document()
    document = package.xml(main)
    relations = package.relations(main)
    styles = Styles(package.optional_xml(relations.get("styles")))
    definitions = parse_definitions(package.optional_xml(relations.get("numbering")), styles.numbering_styles)
    body = document.find(f"{W}body")
    walker = Walker(styles, Counters(definitions))
    try:
        blocks = walker.blocks(body) if body is not None else []
    except RecursionError as error:
        raise LimitExceededError("DOCX nests tables or text boxes too deeply") from error
    for index, block in enumerate(blocks):
        block.where = Where(index=index)
        if isinstance(block, Table):
            for row in block.rows:
                row.where = Where(index=index)
    if not any(_has_text(block) for block in blocks):
        raise EmptyFileError("DOCX has no text")
    pages = package.pages()
    return Layout(source=source.model_copy(update={"pages": pages}), blocks=blocks, warnings=walker.warnings)


def _has_text(block: Block) -> bool:
    if isinstance(block, Paragraph):
        return bool(block.text or block.marker)
    return any(cell.text for row in block.rows for cell in row.cells)


# --------------------------------------------------------------------------- package


def _size(limit: int) -> str:
    """A limit in words: "200 MB", or bytes for the small limits tests use."""
    if limit >= MB:
        return f"{limit // MB} MB" if limit % MB == 0 else f"{limit / MB:.1f} MB"
    return f"{limit} bytes"


class Package:
    """The ZIP package, read only through :meth:`read`, which bounds every part's size."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
            raise CorruptFileError("damaged DOCX (not a complete ZIP package)") from error
        self._limits = limits
        self._infos = {info.filename.lstrip("/").lower(): info for info in infos}

    def has(self, name: str) -> bool:
        return name.lower() in self._infos

    def read(self, name: str) -> bytes:
        """Decompress one part, stopping as soon as it grows past the limit (headers can lie)."""
        info = self._infos[name.lower()]
        limit = self._limits.max_part_bytes
        if info.file_size > limit:
            raise LimitExceededError(f"DOCX part {name} expands beyond the {_size(limit)} limit")
        chunks: list[bytes] = []
        total = 0
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(min(MB, limit + 1 - total)):
                    total += len(chunk)
                    if total > limit:
                        raise LimitExceededError(f"DOCX part {name} expands beyond the {_size(limit)} limit")
                    chunks.append(chunk)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            RuntimeError,
            NotImplementedError,
        ) as error:
            raise CorruptFileError(f"damaged DOCX (part {name} cannot be decompressed)") from error
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element:
        """Parse one XML part safely: no DTD, no entities, no network, no huge trees."""
        data = self.read(name)
        if any(mark in data for mark in _DTD_MARKS):
            raise CorruptFileError(f"DOCX part {name} contains a DTD (refused: possible XML bomb)")
        if _STRICT_W_NS in data:  # Strict Open XML: same vocabulary, another namespace
            data = data.replace(_STRICT_W_NS, _W_NS.encode())
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as error:
            if "Excessive depth" in str(error):
                raise LimitExceededError(f"DOCX part {name} nests elements too deeply") from error
            raise CorruptFileError(f"DOCX part {name} is damaged (not well-formed XML)") from error
        except ValueError as error:
            raise CorruptFileError(f"DOCX part {name} is damaged (not well-formed XML)") from error
        if root.getroottree().docinfo.doctype:
            raise CorruptFileError(f"DOCX part {name} contains a DTD (refused: possible XML bomb)")
        return root

    def optional_xml(self, name: str | None) -> etree._Element | None:
        return self.xml(name) if name and self.has(name) else None

    def relations(self, part: str) -> dict[str, str]:
        """Relationship type (last path segment, e.g. "styles") → target part name."""
        folder, _, base = part.rpartition("/")
        rels = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        root = self.optional_xml(rels)
        targets: dict[str, str] = {}
        if root is None:
            return targets
        for relation in root:
            target = relation.get("Target")
            if not target or relation.get("TargetMode") == "External":
                continue
            kind = (relation.get("Type") or "").rsplit("/", 1)[-1]
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            targets.setdefault(kind, posixpath.normpath(path))
        return targets

    def main_document(self) -> str:
        """The main document part: from the package relationships, else the usual name."""
        target = self.relations("").get("officeDocument", "word/document.xml")
        if not self.has(target):
            if self.has("word/document.xml"):
                return "word/document.xml"
            raise CorruptFileError(f"DOCX has no {target}")
        return target

    def pages(self) -> int | None:
        """Page count Word saved in docProps/app.xml; None when absent or zero."""
        name = self.relations("").get("extended-properties", "docProps/app.xml")
        root = self.optional_xml(name)
        if root is None:
            return None
        for element in root:
            if isinstance(element.tag, str) and etree.QName(element).localname == "Pages":
                try:
                    pages = int((element.text or "").strip())
                except ValueError:
                    return None
                return pages if pages > 0 else None
        return None


# --------------------------------------------------------------------------- styles


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(f"{W}val")


def _toggle(element: etree._Element | None) -> bool | None:
    """An on/off property: absent → unknown; ``<w:b/>`` → on; ``w:val="0|false|off"`` → off."""
    if element is None:
        return None
    return _val(element) not in ("0", "false", "off", "none")


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


@dataclass(frozen=True)
class RunProps:
    """The run properties the layout cares about; None means "not said here, inherit"."""

    bold: bool | None = None
    caps: bool | None = None
    size: float | None = None
    hidden: bool | None = None

    def over(self, base: RunProps) -> RunProps:
        """These properties, falling back to ``base`` where unsaid."""
        return RunProps(
            self.bold if self.bold is not None else base.bold,
            self.caps if self.caps is not None else base.caps,
            self.size if self.size is not None else base.size,
            self.hidden if self.hidden is not None else base.hidden,
        )


def run_props(rpr: etree._Element | None) -> RunProps:
    if rpr is None:
        return RunProps()
    size = _int(_val(rpr.find(f"{W}sz")))
    return RunProps(
        bold=_toggle(rpr.find(f"{W}b")),
        caps=_toggle(rpr.find(f"{W}caps")),
        size=size / 2 if size else None,
        hidden=_toggle(rpr.find(f"{W}vanish")),
    )


@dataclass(frozen=True)
class NumPr:
    num_id: str | None = None
    ilvl: int | None = None


def num_pr(ppr: etree._Element | None) -> NumPr | None:
    element = ppr.find(f"{W}numPr") if ppr is not None else None
    if element is None:
        return None
    return NumPr(_val(element.find(f"{W}numId")), _int(_val(element.find(f"{W}ilvl"))))


def _edges(borders: etree._Element | None) -> dict[str, bool]:
    """Border edge → visible, for the edges a ``tblBorders``/``tcBorders`` element mentions."""
    if borders is None:
        return {}
    return {edge.tag[len(W) :]: _val(edge) not in _INVISIBLE for edge in borders if edge.tag in _BORDER_TAGS}


@dataclass(frozen=True)
class Style:
    name: str | None
    kind: str
    based_on: str | None
    centered: bool | None
    numbering: NumPr | None
    run: RunProps
    edges: dict[str, bool] = field(default_factory=dict)
    conditional_borders: bool = False


def _style(element: etree._Element) -> Style:
    ppr = element.find(PPR)
    jc = _val(ppr.find(f"{W}jc")) if ppr is not None else None
    tblpr = element.find(TBLPR)
    conditional = any(
        any(_edges(borders).values())
        for borders in element.iter(f"{W}tcBorders", f"{W}tblBorders")
        if borders.getparent() is not tblpr
    )
    return Style(
        name=_val(element.find(f"{W}name")),
        kind=element.get(f"{W}type") or "paragraph",
        based_on=_val(element.find(f"{W}basedOn")),
        centered=None if jc is None else jc == "center",
        numbering=num_pr(ppr),
        run=run_props(element.find(RPR)),
        edges=_edges(tblpr.find(f"{W}tblBorders")) if tblpr is not None else {},
        conditional_borders=conditional,
    )


class Styles:
    """styles.xml resolved along ``basedOn`` chains, with results cached per style."""

    def __init__(self, root: etree._Element | None) -> None:
        self.elements: dict[str, etree._Element] = {}
        self.defaults = RunProps()
        self.default_paragraph: str | None = None
        self.default_table: str | None = None
        self.numbering_styles: dict[str, str] = {}
        self._styles: dict[str, Style] = {}
        self._chains: dict[str, list[str]] = {}
        self._base_runs: dict[tuple[str | None, str | None], RunProps] = {}
        if root is None:
            return
        self.defaults = run_props(root.find(f"{W}docDefaults/{W}rPrDefault/{RPR}"))
        for element in root.iterfind(f"{W}style"):
            style_id = element.get(f"{W}styleId")
            if style_id is None:
                continue
            self.elements.setdefault(style_id, element)
            kind = element.get(f"{W}type")
            if element.get(f"{W}default") in ("1", "true", "on"):
                if kind == "paragraph":
                    self.default_paragraph = style_id
                elif kind == "table":
                    self.default_table = style_id
            if kind == "numbering":
                numbering = self[style_id].numbering
                if numbering and numbering.num_id:
                    self.numbering_styles[style_id] = numbering.num_id

    def __contains__(self, style_id: object) -> bool:
        return style_id in self.elements

    def __getitem__(self, style_id: str) -> Style:
        """A style, parsed on first use: documents use a handful of the hundreds defined."""
        style = self._styles.get(style_id)
        if style is None:
            style = self._styles[style_id] = _style(self.elements[style_id])
        return style

    def chain(self, style_id: str | None) -> list[str]:
        """The style and its ancestors, nearest first; cycles in ``basedOn`` are cut."""
        if style_id is None:
            return []
        cached = self._chains.get(style_id)
        if cached is not None:
            return cached
        chain: list[str] = []
        current: str | None = style_id
        while current is not None and current in self.elements and current not in chain:
            chain.append(current)
            current = self[current].based_on
        self._chains[style_id] = chain
        return chain

    def _first(self, style_id: str | None, attribute: str) -> object:
        for ancestor in self.chain(style_id):
            value = getattr(self[ancestor], attribute)
            if value is not None:
                return value
        return None

    def name(self, style_id: str | None) -> str | None:
        if style_id is None or style_id not in self:
            return style_id
        return self[style_id].name or style_id

    def centered(self, style_id: str | None) -> bool:
        return bool(self._first(style_id, "centered"))

    def numbering(self, style_id: str | None) -> NumPr:
        """numId and ilvl a paragraph style gives its paragraphs, each from the nearest ancestor."""
        num_id = ilvl = None
        for ancestor in self.chain(style_id):
            numbering = self[ancestor].numbering
            if numbering is None:
                continue
            num_id = numbering.num_id if num_id is None else num_id
            ilvl = numbering.ilvl if ilvl is None else ilvl
        return NumPr(num_id, ilvl)

    def _run_chain(self, style_id: str | None) -> RunProps:
        props = RunProps()
        for ancestor in self.chain(style_id):
            props = props.over(self[ancestor].run)
        return props

    def base_run(self, paragraph_style: str | None, character_style: str | None) -> RunProps:
        """Run properties before direct formatting: character style, paragraph style, defaults."""
        key = (paragraph_style, character_style)
        cached = self._base_runs.get(key)
        if cached is None:
            paragraph = self._run_chain(paragraph_style).over(self.defaults)
            cached = self._run_chain(character_style).over(paragraph)
            self._base_runs[key] = cached
        return cached

    def table_borders(self, style_id: str | None) -> tuple[dict[str, bool], bool]:
        """Border edges a table style gives (nearest ancestor wins) and whether any conditional
        formatting (header row, banding) draws borders."""
        edges: dict[str, bool] = {}
        conditional = False
        for ancestor in self.chain(style_id):
            style = self[ancestor]
            for edge, visible in style.edges.items():
                edges.setdefault(edge, visible)
            conditional = conditional or style.conditional_borders
        return edges, conditional


# --------------------------------------------------------------------------- walking


def _choose(alternate: etree._Element) -> etree._Element | None:
    """Of ``mc:AlternateContent`` take one branch — both carry the same text."""
    choice = alternate.find(CHOICE)
    return choice if choice is not None else alternate.find(FALLBACK)


def _content(element: etree._Element) -> Iterator[etree._Element]:
    """Children, seen through content controls, custom XML and alternate-content wrappers."""
    for child in element:
        tag = child.tag
        if tag == SDT:
            inner = child.find(SDT_CONTENT)
            if inner is not None:
                yield from _content(inner)
        elif tag == CUSTOM_XML:
            yield from _content(child)
        elif tag == ALTERNATE:
            branch = _choose(child)
            if branch is not None:
                yield from _content(branch)
        else:
            yield child


def _text_boxes(element: etree._Element) -> Iterator[etree._Element]:
    """Outermost ``w:txbxContent`` under a drawing, taking one branch of alternate content."""
    for child in element:
        if child.tag == TXBX:
            yield child
        elif child.tag == ALTERNATE:
            branch = _choose(child)
            if branch is not None:
                yield from _text_boxes(branch)
        elif isinstance(child.tag, str):
            yield from _text_boxes(child)


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

    # blocks ----------------------------------------------------------------

    def blocks(self, container: etree._Element) -> list[Block]:
        blocks: list[Block] = []
        for child in _content(container):
            if child.tag == P:
                parts = self.paragraph_parts(child)
                blocks.append(_body_paragraph(parts))
                blocks.extend(parts.boxes)
            elif child.tag == TBL:
                blocks.append(self.table(child))
            elif child.tag == f"{W}altChunk" and "altChunk" not in self._warned:
                self._warned.add("altChunk")
                self.warnings.append("an embedded document (altChunk) was skipped")
        return blocks

    # paragraphs ------------------------------------------------------------

    def paragraph_parts(self, paragraph: etree._Element) -> ParagraphParts:
        ppr = paragraph.find(PPR)
        style_id = _val(ppr.find(f"{W}pStyle")) if ppr is not None else None
        style_id = style_id if style_id in self.styles else self.styles.default_paragraph
        pieces: list[Piece] = []
        boxes: list[etree._Element] = []
        self._collect(paragraph, style_id, pieces, boxes)
        # A field code cannot run past its paragraph: drop codes a damaged file left open,
        # so they do not swallow the rest of the document. Field results may run on (TOC).
        self._fields = [in_result for in_result in self._fields if in_result]
        text = "".join(piece.text for piece in pieces).strip()
        visible = [piece for piece in pieces if piece.text.strip()]
        mark = self._mark_props(ppr, style_id)
        bold = all(piece.props.bold for piece in visible) if visible else bool(mark.bold)
        letters_upper = any(ch.isalpha() for ch in text) and text.upper() == text
        caps = letters_upper or (bool(visible) and all(piece.props.caps for piece in visible))
        jc = _val(ppr.find(f"{W}jc")) if ppr is not None else None
        centered = jc == "center" if jc is not None else self.styles.centered(style_id)
        marker, level = self._number(ppr, style_id)
        box_blocks = [block for box in boxes for block in self.blocks(box)]
        return ParagraphParts(
            text=text,
            auto_marker=marker,
            level=level,
            bold=bold,
            centered=centered,
            caps=caps,
            style=self.styles.name(style_id),
            size=_main_size(visible) or mark.size,
            boxes=box_blocks,
        )

    def _mark_props(self, ppr: etree._Element | None, style_id: str | None) -> RunProps:
        """Properties of the paragraph mark: what an empty paragraph is formatted as."""
        rpr = ppr.find(RPR) if ppr is not None else None
        return run_props(rpr).over(self.styles.base_run(style_id, None))

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
            if num_id not in self._warned and self.definitions.levels(num_id) is None:
                self._warned.add(num_id)
                self.warnings.append(f"list numbering {num_id} has no definition; its numbers are left out")
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
                branch = _choose(child)
                if branch is not None:
                    self._collect(branch, style_id, pieces, boxes)
            elif tag == f"{W}ruby":
                base = child.find(f"{W}rubyBase")
                if base is not None:
                    self._collect(base, style_id, pieces, boxes)
            elif tag in (f"{_MATH}oMath", f"{_MATH}oMathPara") and not self._in_instruction():
                math = "".join(t.text or "" for t in child.iter(f"{_MATH}t"))
                pieces.append(Piece(math, self.styles.base_run(style_id, None)))

    def _in_instruction(self) -> bool:
        return not all(self._fields)

    def _run(
        self, run: etree._Element, style_id: str | None, pieces: list[Piece], boxes: list[etree._Element]
    ) -> None:
        rpr = run.find(RPR)
        character_style = _val(rpr.find(f"{W}rStyle")) if rpr is not None else None
        props = run_props(rpr).over(self.styles.base_run(style_id, character_style))
        parts: list[str] = []
        for child in run:
            tag = child.tag
            if tag == FLD_CHAR:
                self._field(child.get(f"{W}fldCharType"))
            elif self._in_instruction() or tag == RPR:
                continue
            elif tag in _RUN_TEXT:
                replacement = _RUN_TEXT[tag]
                parts.append(child.text or "" if replacement is None else replacement)
            elif tag == f"{W}br":
                parts.append("" if child.get(f"{W}type") == "page" else "\n")
            elif tag == f"{W}sym":
                parts.append(_symbol(child))
            elif tag == ALTERNATE:
                branch = _choose(child)
                if branch is not None:
                    boxes.extend(_text_boxes(branch))
            elif tag in _SHAPES:
                boxes.extend(_text_boxes(child))
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

    # tables ----------------------------------------------------------------

    def table(self, table: etree._Element) -> Table:
        rows: list[Row] = []
        origins: dict[int, Cell] = {}  # grid column → the cell a vertical merge started from
        bordered = self._table_bordered(table)
        for row in _content(table):
            if row.tag != TR:
                continue
            trpr = row.find(TRPR)
            header = bool(_toggle(trpr.find(f"{W}tblHeader"))) if trpr is not None else False
            column = (_int(_val(trpr.find(f"{W}gridBefore"))) or 0) if trpr is not None else 0
            column = min(column, MAX_COLUMN_SPAN)
            bordered = bordered or _row_bordered(row)
            cells: list[Cell] = []
            for element in _content(row):
                if element.tag != TC:
                    continue
                tcpr = element.find(TCPR)
                span = (_int(_val(tcpr.find(f"{W}gridSpan"))) or 1) if tcpr is not None else 1
                span = max(1, min(span, MAX_COLUMN_SPAN))
                self.merges.real()
                vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                hmerge = tcpr.find(f"{W}hMerge") if tcpr is not None else None
                if tcpr is not None and any(_edges(tcpr.find(f"{W}tcBorders")).values()):
                    bordered = True
                if hmerge is not None and _val(hmerge) != "restart" and cells:
                    cells[-1].span += span  # legacy horizontal merge: widen the cell it continues
                    column += span
                    continue
                if vmerge is not None and _val(vmerge) != "restart":
                    origin = origins.get(column)
                    text, bold = (origin.text, origin.bold) if origin else ("", False)
                    self.merges.repeat(text)
                    cell = Cell(text=text, span=span, bold=bold, merged=True)
                else:
                    text, bold = self.cell_content(element)
                    cell = Cell(text=text, span=span, bold=bold)
                    if vmerge is not None:
                        origins[column] = cell
                    else:
                        origins.pop(column, None)
                cells.append(cell)
                column += span
            rows.append(Row(cells=cells, header=header))
        return Table(rows=rows, borderless=not bordered)

    def _table_bordered(self, table: etree._Element) -> bool:
        tblpr = table.find(TBLPR)
        style_id = _val(tblpr.find(f"{W}tblStyle")) if tblpr is not None else None
        if style_id not in self.styles:
            style_id = self.styles.default_table
        edges, conditional = self.styles.table_borders(style_id)
        if tblpr is not None:
            edges = {**edges, **_edges(tblpr.find(f"{W}tblBorders"))}
        return conditional or any(edges.values())

    def cell_content(self, cell: etree._Element) -> tuple[str, bool]:
        """A cell's text (paragraphs joined by "\\n", auto numbers kept) and whether it is all bold."""
        lines: list[str] = []
        bolds: list[bool] = []
        for child in _content(cell):
            if child.tag == P:
                parts = self.paragraph_parts(child)
                lines.append(f"{parts.auto_marker} {parts.text}" if parts.auto_marker else parts.text)
                if parts.text:
                    bolds.append(parts.bold)
                lines.extend(_flatten(block) for block in parts.boxes)
            elif child.tag == TBL:
                lines.append(_flatten(self.table(child)))
        return "\n".join(lines).strip(), bool(bolds) and all(bolds)


def _row_bordered(row: etree._Element) -> bool:
    """Table-property exceptions on a row (``tblPrEx``) can draw borders of their own."""
    exceptions = row.find(f"{W}tblPrEx")
    return exceptions is not None and any(_edges(exceptions.find(f"{W}tblBorders")).values())


def _flatten(block: Block) -> str:
    """A nested table or text-box block as plain text: cells by tabs, rows by line breaks."""
    if isinstance(block, Paragraph):
        return f"{block.marker} {block.text}" if block.marker else block.text
    return "\n".join("\t".join(cell.text for cell in row.cells) for row in block.rows)


def _symbol(sym: etree._Element) -> str:
    """``w:sym``: a symbol-font character, shown as a reader would see it."""
    try:
        char = chr(int(sym.get(f"{W}char") or "", 16))
    except ValueError:
        return ""
    font = sym.get(f"{W}font")
    if 0xF000 <= ord(char) <= 0xF0FF or (font or "").lower().startswith(("symbol", "wingdings")):
        return normalise_bullet(char, font)
    return char


def _main_size(pieces: list[Piece]) -> float | None:
    """The font size most of the paragraph's characters are set in."""
    tally: Tally[float] = Tally()
    for piece in pieces:
        if piece.props.size:
            tally[piece.props.size] += len(piece.text.strip())
    return tally.most_common(1)[0][0] if tally else None


def _body_paragraph(parts: ParagraphParts) -> Paragraph:
    """A body paragraph: the automatic marker if Word numbers it, else a typed one split off."""
    paragraph = Paragraph(
        text=parts.text,
        bold=parts.bold,
        centered=parts.centered,
        caps=parts.caps,
        style=parts.style,
        size=parts.size,
    )
    if parts.auto_marker:
        paragraph.marker, paragraph.marker_source, paragraph.level = parts.auto_marker, "auto", parts.level
        return paragraph
    marker, rest = split_marker(parts.text)
    if marker:
        paragraph.text = rest
        paragraph.marker, paragraph.marker_source, paragraph.level = marker, "typed", marker_depth(marker)
    return paragraph
