"""HTML reader: a page's paragraphs, lists and tables, as a reader of the rendered page sees them.

The bytes are decoded first (:func:`decode`: a BOM; else UTF-8 when the bytes are valid
UTF-8; else the page's ``<meta charset>`` or ``http-equiv`` content type; else cp1251, which
Russian pages saved from Word or old sites often are) and parsed with ``lxml.html`` rather
than :mod:`html.parser`: libxml2's HTML parser closes the elements real pages leave open
(``<p>``, ``<li>``, ``<td>`` without end tags) and drops Word's conditional comments, so the
walk below sees a proper tree. It never loads a DTD, an entity or anything from the network.

What the walk keeps, like the DOCX reader does:

- block elements (``p``, ``div``, ``h1``–``h6`` …) → one :class:`Paragraph` each; two or
  more ``<br>`` in a row also end a paragraph, one ``<br>`` is a "\\n" inside it;
- ``ol``/``ul`` → each ``li`` a paragraph whose ``marker`` is the number the browser
  draws ("3." for ``start="3"``, "b." for ``type="a"``, "IV." for ``type="I"``, ``value``
  and ``reversed`` honoured) with ``marker_source="auto"`` and ``level`` = list depth;
  paragraphs outside list markup get a typed marker from :func:`split_marker`
  (Word's HTML export types "1." into the text and says the level in ``mso-list``);
- tables → :class:`Table`: ``colspan`` → ``span``, ``rowspan`` → a ``merged`` cell
  repeating the origin's text in each covered row, ``th``/``thead`` → header rows;
- bold: ``h1``–``h6``, ``th``, ``b``/``strong``, CSS ``font-weight``; the paragraph is
  bold when all its text is; centred: ``<center>``, ``align="center"``, CSS
  ``text-align:center``; caps: CSS ``text-transform:uppercase``;
- ``script``, ``style``, ``head`` and hidden elements are skipped.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from lxml import etree
from lxml import html as lxml_html

from resparse.errors import CorruptFileError, EmptyFileError, LimitExceededError
from resparse.layout import Block, Cell, Layout, Paragraph, Row, SourceInfo, Table, Where
from resparse.limits import Limits
from resparse.markers import marker_depth, split_marker

__all__ = ["decode", "list_marker", "read"]

_SKIP = frozenset(
    [
        "head",
        "title",
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "select",
        "button",
    ]
)
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "nav",
        "aside",
        "address",
        "center",
        "dl",
        "dt",
        "dd",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "legend",
        "hr",
        "body",
        "html",
        "caption",
        "details",
        "summary",
    ]
)
_HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
_LISTS = frozenset({"ol", "ul", "menu", "dir"})
_BULLETS = ("•", "◦", "▪")
"""What browsers draw for ``ul`` at depth 0, 1 and deeper (disc, circle, square)."""
_BULLET_TYPES = {"disc": "•", "circle": "◦", "square": "▪"}
_OL_TYPES = {
    "1": "decimal",
    "a": "lower-alpha",
    "A": "upper-alpha",
    "i": "lower-roman",
    "I": "upper-roman",
}
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f]+")
_MSO_LEVEL = re.compile(r"mso-list\s*:[^;]*?level(\d+)", re.IGNORECASE)
_BLANK_LINE = re.compile(r" *\n *\n[ \n]*")


def read(data: bytes, source: SourceInfo, limits: Limits) -> Layout:
    """Read an HTML page into a layout."""
    text, warnings = decode(data)
    root = _parse(text)
    body = root.find("body")
    walker = _Walker()
    try:
        walker.walk(body if body is not None else root, _Style())
        walker.flush()
    except RecursionError as error:
        raise LimitExceededError("HTML nests elements too deeply") from error
    blocks = _trim_blanks(walker.blocks)
    if not any(_has_text(block) for block in blocks):
        raise EmptyFileError("HTML page has no text")
    for index, block in enumerate(blocks):
        block.where = Where(index=index, line=block.where.line)
    return Layout(source=source, blocks=blocks, warnings=warnings)


# --------------------------------------------------------------------------- decoding


def decode(data: bytes) -> tuple[str, list[str]]:
    """The page's text and any warning: BOM, then UTF-8, the declared charset, cp1251."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), []
    if data.startswith(codecs.BOM_UTF16_BE):
        return data[2:].decode("utf-16-be", errors="replace"), []
    # Valid UTF-8 with non-ASCII bytes is UTF-8 whatever the page claims: Cyrillic in a
    # single-byte code page practically never forms valid UTF-8 sequences.
    declared = declared_charset(data)
    candidates = [c for c in ("utf-8", declared, "cp1251") if c]
    for encoding in dict.fromkeys(candidates):
        try:
            return data.decode(encoding), []
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace"), ["page encoding unclear; some characters were replaced"]


def declared_charset(data: bytes) -> str | None:
    """The Python codec for the charset a ``<meta>`` tag declares, if Python knows it."""
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    # A page saved as UTF-16 cannot declare itself in ASCII bytes; trust the bytes instead.
    return None if name.startswith("utf-16") or name.startswith("utf-32") else name


def _parse(text: str) -> etree._Element:
    """Parse with libxml2's forgiving HTML parser; no network, no comments or PIs kept."""
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)
    text = _XML_DECLARATION.sub("", text, count=1).replace("\x00", "")
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        if not text.strip():
            raise EmptyFileError("HTML page has no text") from error
        raise CorruptFileError("damaged HTML (cannot be parsed)") from error
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        # libxml2 stops at 256 levels and would drop the rest of the page without a word.
        raise LimitExceededError("HTML nests elements too deeply")
    return root


# --------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class _Style:
    """Inherited presentation at a point of the tree."""

    bold: bool = False
    centered: bool = False
    caps: bool = False
    pre: bool = False


def _css(element: etree._Element) -> dict[str, str]:
    """The element's inline ``style`` as property → lower-cased value."""
    declarations: dict[str, str] = {}
    for part in (element.get("style") or "").split(";"):
        name, colon, value = part.partition(":")
        if colon:
            declarations[name.strip().lower()] = value.strip().lower()
    return declarations


def _hidden(element: etree._Element, css: dict[str, str]) -> bool:
    return element.get("hidden") is not None or css.get("display") == "none"


def _bold(value: str) -> bool | None:
    if value in ("bold", "bolder"):
        return True
    if value in ("normal", "lighter"):
        return False
    return int(value) >= 600 if value.isdigit() else None


def _styled(element: etree._Element, tag: str, css: dict[str, str], style: _Style) -> _Style:
    """The style inside ``element``: its tag, ``align`` attribute and inline CSS over ``style``."""
    bold = style.bold or tag in ("b", "strong", "th") or tag in _HEADINGS
    if "font-weight" in css:
        weight = _bold(css["font-weight"])
        bold = bold if weight is None else weight
    centered = style.centered or tag == "center"
    align = (element.get("align") or "").lower() or css.get("text-align", "")
    if align:
        centered = align.startswith("center") or align == "middle"
    caps = style.caps
    if "text-transform" in css:
        caps = css["text-transform"] == "uppercase"
    return _Style(bold=bold, centered=centered, caps=caps, pre=style.pre or tag in ("pre", "textarea"))


# --------------------------------------------------------------------------- list numbers


def _roman(number: int) -> str:
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"))
    values += ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, letters in values:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _alpha(number: int) -> str:
    """1 → a, 26 → z, 27 → aa, as browsers count."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def list_marker(kind: str, number: int) -> str:
    """The marker a browser draws for item ``number`` of an ``ol`` of list-style ``kind``."""
    if number <= 0 or kind in ("decimal", ""):
        return f"{number}."
    if kind in ("lower-alpha", "lower-latin"):
        return f"{_alpha(number)}."
    if kind in ("upper-alpha", "upper-latin"):
        return f"{_alpha(number).upper()}."
    if kind == "lower-roman":
        return f"{_roman(number).lower()}."
    if kind == "upper-roman":
        return f"{_roman(number)}."
    return f"{number}."


def _list_kind(element: etree._Element, css: dict[str, str]) -> str:
    """The list-style of a list: CSS ``list-style-type`` first, then the ``type`` attribute."""
    declared = css.get("list-style-type") or css.get("list-style", "").split(" ")[0]
    if declared:
        return declared
    attribute = (element.get("type") or "").strip()
    if element.tag == "ol":
        return _OL_TYPES.get(attribute, "decimal")
    return attribute.lower()


def _int_attribute(element: etree._Element, name: str) -> int | None:
    value = (element.get(name) or "").strip()
    try:
        return int(value)
    except ValueError:
        return None


@dataclass
class _List:
    """An open list: its style, depth and the number the next item gets."""

    ordered: bool
    kind: str
    depth: int
    next: int
    step: int


def _open_list(element: etree._Element, css: dict[str, str], depth: int) -> _List:
    ordered = element.tag == "ol"
    kind = _list_kind(element, css)
    step = -1 if ordered and element.get("reversed") is not None else 1
    start = _int_attribute(element, "start")
    if start is None:
        start = _count_items(element) if step < 0 else 1
    return _List(ordered=ordered, kind=kind, depth=depth, next=start, step=step)


def _count_items(element: etree._Element) -> int:
    return sum(1 for child in element if isinstance(child.tag, str) and child.tag == "li")


def _item_marker(current: _List, item: etree._Element, css: dict[str, str]) -> str | None:
    """The marker of one ``li`` and advance the count; None for ``list-style: none``."""
    value = _int_attribute(item, "value")
    if value is not None:
        current.next = value
    number = current.next
    current.next += current.step
    kind = css.get("list-style-type") or current.kind
    if kind == "none":
        return None
    if kind in _BULLET_TYPES:
        return _BULLET_TYPES[kind]
    if current.ordered or kind in ("decimal", "lower-alpha", "upper-alpha", "lower-roman", "upper-roman"):
        return list_marker(kind, number)
    return _BULLETS[min(current.depth, len(_BULLETS) - 1)]


# --------------------------------------------------------------------------- the walk


@dataclass
class _Piece:
    text: str
    style: _Style


@dataclass
class _Walker:
    """Walks the tree in document order, collecting inline text into paragraphs."""

    blocks: list[Block] = field(default_factory=list)
    pieces: list[_Piece] = field(default_factory=list)
    lists: list[_List] = field(default_factory=list)
    marker: tuple[str, int] | None = None
    """The pending ``li`` marker and level, for the item's first paragraph."""
    typed_level: int | None = None
    """List level Word's HTML export states in ``mso-list`` for the paragraph being read."""
    line: int | None = None
    explicit_blank: bool = False

    def walk(self, element: etree._Element, style: _Style) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        css = _css(element)
        if tag in _SKIP or _hidden(element, css):
            return
        if tag == "br":
            self.pieces.append(_Piece("\n", style))
            return
        inner = _styled(element, tag, css, style)
        if tag in _LISTS:
            self.list(element, css, inner)
        elif tag == "li":
            self.item(element, css, inner)
        elif tag == "table":
            self.flush()
            self.marker = None
            self.blocks.extend(self.table(element, inner))
        elif tag in _BLOCKS:
            self.block(element, tag, inner)
        else:
            self.inline(element, inner)

    def inline(self, element: etree._Element, style: _Style) -> None:
        if element.text:
            self.add(element.text, style)
        for child in element:
            self.walk(child, style)
            if child.tail:
                self.add(child.tail, style)

    def block(self, element: etree._Element, tag: str, style: _Style) -> None:
        self.flush()
        level = _MSO_LEVEL.search(element.get("style") or "")
        self.typed_level = int(level.group(1)) - 1 if level else None
        self.line = element.sourceline
        self.inline(element, style)
        self.explicit_blank = tag == "p"
        self.flush()
        self.typed_level = None

    def list(self, element: etree._Element, css: dict[str, str], style: _Style) -> None:
        self.flush()
        self.marker = None  # an item holding only a sublist shows no text of its own
        self.lists.append(_open_list(element, css, len(self.lists)))
        try:
            if element.text and element.text.strip():
                self.add(element.text, style)
            for child in element:
                self.walk(child, style)
                if child.tail and child.tail.strip():
                    self.add(child.tail, style)
            self.flush()
        finally:
            self.lists.pop()

    def item(self, element: etree._Element, css: dict[str, str], style: _Style) -> None:
        self.flush()
        if not self.lists:
            self.lists.append(_List(ordered=False, kind="disc", depth=0, next=1, step=1))
            self.item(element, css, style)
            self.lists.pop()
            return
        current = self.lists[-1]
        marker = _item_marker(current, element, css)
        self.marker = (marker, current.depth) if marker else None
        self.line = element.sourceline
        self.inline(element, style)
        self.flush()
        self.marker = None

    def add(self, text: str, style: _Style) -> None:
        if not style.pre:
            text = _SPACES.sub(" ", text)
        if text:
            self.pieces.append(_Piece(text, style))

    def flush(self) -> None:
        """Close the paragraph being collected (two ``<br>`` in a row split it in two)."""
        pieces, self.pieces = self.pieces, []
        explicit, self.explicit_blank = self.explicit_blank, False
        text = "".join(piece.text for piece in pieces)
        if not text.strip(" \n\t\xa0"):
            if explicit and not self.marker:
                self.blocks.append(Paragraph(text="", where=Where(line=self.line)))
            return
        style = _paragraph_style(pieces)
        parts = _BLANK_LINE.split(text)
        for number, part in enumerate(parts):
            if number:
                self.blocks.append(Paragraph(text="", where=Where(line=self.line)))
            paragraph = self.paragraph(_clean(part), style)
            if paragraph is not None:
                self.blocks.append(paragraph)

    def paragraph(self, text: str, style: _Style) -> Paragraph | None:
        if not text:
            return None
        paragraph = Paragraph(
            text=text, bold=style.bold, centered=style.centered, caps=style.caps, where=Where(line=self.line)
        )
        if self.marker:
            paragraph.marker, paragraph.level = self.marker
            paragraph.marker_source = "auto"
            self.marker = None
            return paragraph
        marker, rest = split_marker(text)
        if marker:
            paragraph.text, paragraph.marker, paragraph.marker_source = rest, marker, "typed"
            paragraph.level = self.typed_level if self.typed_level is not None else marker_depth(marker)
        return paragraph

    # tables ----------------------------------------------------------------

    def table(self, element: etree._Element, style: _Style) -> list[Block]:
        """The table, preceded by its caption as a paragraph."""
        blocks: list[Block] = []
        caption = element.find("caption")
        if caption is not None:
            blocks.extend(_sub_blocks(caption, replace(style, centered=True)))
        grid: list[tuple[list[_SourceCell], bool]] = []
        for row, in_head in _rows(element):
            cells = [self.cell(cell, style) for cell in row if _tag(cell) in ("td", "th")]
            header = in_head or (bool(cells) and all(cell.th for cell in cells))
            grid.append((cells, header))
        rows = _spread_rowspans(grid)
        if rows:
            table = Table(rows=rows, borderless=not _bordered(element), where=Where(line=element.sourceline))
            blocks.append(table)
        return blocks

    def cell(self, element: etree._Element, style: _Style) -> _SourceCell:
        blocks = _sub_blocks(element, _styled(element, _tag(element), _css(element), style), cell=True)
        texts = [_flatten(block) for block in blocks]
        bolds = [block.bold for block in blocks if isinstance(block, Paragraph) and block.text]
        return _SourceCell(
            text="\n".join(text for text in texts if text).strip(),
            bold=bool(bolds) and all(bolds),
            span=max(1, min(_int_attribute(element, "colspan") or 1, 1000)),
            rowspan=max(1, min(_int_attribute(element, "rowspan") or 1, 65534)),
            th=_tag(element) == "th",
        )


def _tag(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _sub_blocks(element: etree._Element, style: _Style, cell: bool = False) -> list[Block]:
    """The blocks inside a cell or caption, read by a walker of their own."""
    walker = _Walker()
    walker.inline(element, style)
    walker.flush()
    return [
        block for block in walker.blocks if not isinstance(block, Paragraph) or block.text or block.marker
    ]


def _flatten(block: Block) -> str:
    """A paragraph (with its marker) or a nested table as text: cells by tabs, rows by lines."""
    if isinstance(block, Paragraph):
        return f"{block.marker} {block.text}" if block.marker else block.text
    return "\n".join("\t".join(cell.text for cell in row.cells) for row in block.rows)


@dataclass
class _SourceCell:
    text: str
    bold: bool
    span: int
    rowspan: int
    th: bool


def _rows(table: etree._Element) -> Iterator[tuple[etree._Element, bool]]:
    """The table's own rows (not a nested table's), with whether each is in ``thead``."""
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child, False
        elif tag in ("thead", "tbody", "tfoot"):
            for row in child:
                if _tag(row) == "tr":
                    yield row, tag == "thead"


def _spread_rowspans(grid: list[tuple[list[_SourceCell], bool]]) -> list[Row]:
    """Rows with ``rowspan`` cells repeated as ``merged`` cells in the rows they cover."""
    pending: dict[int, tuple[_SourceCell, int]] = {}  # grid column → (origin, rows still covered)
    rows: list[Row] = []
    for cells, header in grid:
        out: list[Cell] = []
        queue = list(cells)
        column = 0
        while queue or any(key >= column for key in pending):
            if column in pending:
                origin, left = pending.pop(column)
                out.append(
                    Cell(text=origin.text, span=origin.span, bold=origin.bold or origin.th, merged=True)
                )
                if left > 1:
                    pending[column] = (origin, left - 1)
                column += origin.span
            elif queue:
                source = queue.pop(0)
                for key in range(column + 1, column + source.span):
                    pending.pop(key, None)  # a ragged table: the span runs over a merge
                out.append(Cell(text=source.text, span=source.span, bold=source.bold or source.th))
                if source.rowspan > 1:
                    pending[column] = (source, source.rowspan - 1)
                column += source.span
            else:
                column = min(key for key in pending if key >= column)
        if out:
            rows.append(Row(cells=out, header=header))
    return rows


def _bordered(table: etree._Element) -> bool:
    """Whether the table draws borders: ``border`` attribute, ``rules`` or CSS borders."""
    border = (table.get("border") or "").strip()
    if border and border != "0":
        return True
    if (table.get("rules") or "").lower() not in ("", "none"):
        return True
    for element in table.iter("table", "td", "th", "tr"):
        for name, value in _css(element).items():
            if name.startswith("border") and name != "border-collapse" and _visible_border(value):
                return True
    return False


def _visible_border(value: str) -> bool:
    words = value.replace(",", " ").split()
    if not words or any(word in ("none", "hidden") for word in words):
        return False
    return not all(re.fullmatch(r"0(?:\.0+)?[a-z%]*", word) for word in words if word[0].isdigit())


# --------------------------------------------------------------------------- paragraphs


def _paragraph_style(pieces: list[_Piece]) -> _Style:
    """Bold and caps when all visible text is so; centred as the first visible text is."""
    visible = [piece for piece in pieces if piece.text.strip(" \n\t\xa0")]
    return _Style(
        bold=all(piece.style.bold for piece in visible),
        centered=visible[0].style.centered,
        caps=all(piece.style.caps for piece in visible),
    )


def _clean(text: str) -> str:
    """Trim a paragraph and the spaces around its line breaks."""
    lines = [line.strip(" \t") for line in text.split("\n")]
    return "\n".join(lines).strip(" \n\t\xa0")


def _trim_blanks(blocks: list[Block]) -> list[Block]:
    """Drop blank paragraphs at the ends and keep one blank line between blocks."""
    out: list[Block] = []
    for block in blocks:
        blank = isinstance(block, Paragraph) and not block.text and not block.marker
        if blank and (
            not out or (isinstance(out[-1], Paragraph) and not out[-1].text and not out[-1].marker)
        ):
            continue
        out.append(block)
    while out and isinstance(out[-1], Paragraph) and not out[-1].text and not out[-1].marker:
        out.pop()
    return out


def _has_text(block: Block) -> bool:
    if isinstance(block, Paragraph):
        return bool(block.text or block.marker)
    return any(cell.text for row in block.rows for cell in row.cells)
