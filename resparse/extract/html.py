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
  ``text-align:center``; caps: CSS ``text-transform:uppercase`` — CSS inline or from the
  page's ``<style>`` (:mod:`resparse.extract.html_css`);
- a tab typed in a line (a run of white space with a tab and no line break, as office
  suites write one) stays a "\\t", as does a span placed at a tab stop (``position:absolute``):
  "Председатель<tab>И.И. Иванов" reads as the DOCX's signature line;
- ``script``, ``style``, ``head``, hidden elements and page chrome (``nav``, the page's
  ``header``/``footer``) are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lxml import etree
from lxml import html as lxml_html

from resparse.errors import CorruptFileError, EmptyFileError, LimitExceededError
from resparse.extract.blocks import flatten, has_text
from resparse.extract.html_charset import decode
from resparse.extract.html_chrome import is_chrome
from resparse.extract.html_css import Style, StyleSheet, is_hidden, styled
from resparse.extract.html_lists import (
    Counters,
    ListState,
    int_attribute,
    item_marker,
    item_number,
    list_marker,
    open_list,
)
from resparse.extract.html_tables import SourceCell, bordered, spread_rowspans, table_rows, tag_of
from resparse.extract.text import parse_lines, rejoin_wrapped
from resparse.layout import Block, Layout, Paragraph, SourceInfo, Table, Where
from resparse.limits import MAX_COLUMN_SPAN, Limits, MergeBudget
from resparse.markers import BULLET_CHARS, marker_depth, split_marker

__all__ = ["decode", "list_marker", "read"]

# fmt: off
_SKIP = frozenset({
    "head", "title", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
    "math", "canvas", "select", "button",
})
_BLOCKS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article",
    "header", "footer", "main", "nav", "aside", "address", "center", "dl", "dt", "dd", "figure",
    "figcaption", "form", "fieldset", "legend", "hr", "body", "html", "caption", "details", "summary",
})
# fmt: on
_LISTS = frozenset({"ol", "ul", "menu", "dir"})
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f]+")
_MSO_LEVEL = re.compile(r"mso-list\s*:[^;]*?level(\d+)", re.IGNORECASE)
_BLANK_LINE = re.compile(r" *\n *\n[ \n]*")
LINES_AS_TEXT = 3
"""A block broken by single ``<br>`` into this many lines or more is a text pasted into a page
(a CMS's news body): its lines are read as a text file's. Fewer are one paragraph's line breaks
("Председатель<br>И.И. Иванов")."""
_FLOATS = frozenset({"left", "right"})
_LABEL_PROBE = "Текст"
"""Text put after a list label so that :func:`split_marker` reads the label alone."""


def read(data: bytes, source: SourceInfo, limits: Limits) -> Layout:
    """Read an HTML page into a layout."""
    text, warnings = decode(data)
    root = _parse(text)
    body = root.find("body")
    walker = _Walker(sheet=StyleSheet.of(root))
    try:
        walker.walk(body if body is not None else root, Style())
        walker.flush()
    except RecursionError as error:
        raise LimitExceededError("HTML nests elements too deeply") from error
    blocks = rejoin_wrapped(_trim_blanks(walker.blocks))
    if not any(has_text(block) for block in blocks):
        raise EmptyFileError("HTML page has no text")
    for index, block in enumerate(blocks):
        block.where = Where(index=index, line=block.where.line)
    return Layout(source=source, blocks=blocks, warnings=warnings)


# --------------------------------------------------------------------------- decoding


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


# --------------------------------------------------------------------------- the walk


@dataclass
class _Piece:
    text: str
    style: Style


def _list_label(text: str) -> str | None:
    """The marker a list label shows: "1.1.", "а)", a bullet (written twice is still one)."""
    label = text.strip(" \t\n\xa0")
    if len(set(label)) == 1 and label[0] in BULLET_CHARS:
        label = label[0]
    marker, rest = split_marker(f"{label} {_LABEL_PROBE}")
    return marker if marker and rest == _LABEL_PROBE else None


def _spaces(run: re.Match[str]) -> str:
    """White space as a browser shows it, but a tab typed within a line kept as a tab."""
    return "\t" if "\t" in run.group() and "\n" not in run.group() else " "


@dataclass
class _Walker:
    """Walks the tree in document order, collecting inline text into paragraphs."""

    sheet: StyleSheet = field(default_factory=StyleSheet)
    blocks: list[Block] = field(default_factory=list)
    pieces: list[_Piece] = field(default_factory=list)
    lists: list[ListState] = field(default_factory=list)
    counters: Counters = field(default_factory=Counters)
    marker: tuple[str, int] | None = None
    """The pending ``li`` marker and level, for the item's first paragraph."""
    typed_level: int | None = None
    """List level Word's HTML export states in ``mso-list`` for the paragraph being read."""
    label_slot: bool = False
    """At the start of an ``li`` that draws no marker: a floated label there is its marker."""
    line: int | None = None
    explicit_blank: bool = False
    merges: MergeBudget = field(default_factory=MergeBudget)

    def walk(self, element: etree._Element, style: Style) -> None:
        tag = tag_of(element)
        css = self.sheet.css(element, tag)
        if tag in _SKIP or is_hidden(element, css) or is_chrome(element, tag):
            return
        if tag == "br":
            self.pieces.append(_Piece("\n", style))
            return
        inner = styled(element, tag, css, style)
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
            self.span(element, css, inner)

    def span(self, element: etree._Element, css: dict[str, str], style: Style) -> None:
        """Inline text; a span placed at a tab stop is tabbed, a floated label spaced off."""
        floated = css.get("float") in _FLOATS
        if floated and self.label_slot and self.take_label(element):
            return
        if css.get("position") == "absolute" and self.pieces:
            self.pieces.append(_Piece("\t", style))
        self.inline(element, style)
        if floated:
            self.pieces.append(_Piece(" ", style))

    def take_label(self, element: etree._Element) -> bool:
        """A list item's number drawn as a floated span (LibreOffice's XHTML) as its marker."""
        label = _list_label("".join(element.itertext()))
        if label is None:
            return False
        self.marker = (label, self.lists[-1].depth if self.lists else 0)
        self.label_slot = False
        return True

    def inline(self, element: etree._Element, style: Style) -> None:
        if element.text:
            self.add(element.text, style)
        for child in element:
            self.walk(child, style)
            if child.tail:
                self.add(child.tail, style)

    def block(self, element: etree._Element, tag: str, style: Style) -> None:
        self.flush()
        level = _MSO_LEVEL.search(element.get("style") or "")
        self.typed_level = int(level.group(1)) - 1 if level else None
        self.line = element.sourceline
        self.inline(element, style)
        self.explicit_blank = tag == "p"
        self.flush()
        self.typed_level = None

    def list(self, element: etree._Element, css: dict[str, str], style: Style) -> None:
        self.flush()
        self.marker = None  # an item holding only a sublist shows no text of its own
        self.lists.append(open_list(element, css, len(self.lists)))
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

    def item(self, element: etree._Element, css: dict[str, str], style: Style) -> None:
        self.flush()
        if not self.lists:
            self.lists.append(ListState(ordered=False, kind="disc", depth=0, next=1, step=1))
            self.item(element, css, style)
            self.lists.pop()
            return
        current = self.lists[-1]
        number = item_number(current, element, css)
        self.label_slot = number is None
        if number is None:
            self.marker = None
        else:
            self.marker = (item_marker(current, *number, self.counters), current.depth)
        self.line = element.sourceline
        self.inline(element, style)
        self.flush()
        self.marker = None
        self.label_slot = False

    def add(self, text: str, style: Style) -> None:
        if not style.pre:
            text = _SPACES.sub(_spaces, text)
        if text:
            self.pieces.append(_Piece(text, style))
            self.label_slot = self.label_slot and not text.strip(" \n\t\xa0")

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
        if self.marker is None and text.strip().count("\n") >= LINES_AS_TEXT - 1:
            self.blocks.extend(self.lines(text, style))
            return
        parts = _BLANK_LINE.split(text)
        for number, part in enumerate(parts):
            if number:
                self.blocks.append(Paragraph(text="", where=Where(line=self.line)))
            paragraph = self.paragraph(_clean(part), style)
            if paragraph is not None:
                self.blocks.append(paragraph)

    def lines(self, text: str, style: Style) -> list[Block]:
        """A run of lines broken by single ``<br>``: a text pasted into a page's editor, read as
        the text reader reads its lines (typed numbers, hard wraps joined, tab tables)."""
        blocks: list[Block] = []
        for block in parse_lines([line.strip(" ") for line in text.strip("\n").split("\n")]):
            if isinstance(block, Paragraph) and block.text:
                block.bold = block.bold or style.bold
                block.centered, block.caps = style.centered, block.caps or style.caps
            block.where = Where(line=self.line)
            blocks.append(block)
        return blocks

    def paragraph(self, text: str, style: Style) -> Paragraph | None:
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

    def table(self, element: etree._Element, style: Style) -> list[Block]:
        """The table, preceded by its caption as a paragraph."""
        blocks: list[Block] = []
        caption = element.find("caption")
        if caption is not None:
            blocks.extend(self.sub_blocks(caption, replace(style, centered=True)))
        grid: list[tuple[list[SourceCell], bool]] = []
        for row, in_head in table_rows(element):
            cells = [self.cell(cell, style) for cell in row if tag_of(cell) in ("td", "th")]
            header = in_head or (bool(cells) and all(cell.th for cell in cells))
            grid.append((cells, header))
        rows = spread_rowspans(grid, self.merges)
        if rows:
            table = Table(
                rows=rows, borderless=not bordered(element, self.css_of), where=Where(line=element.sourceline)
            )
            blocks.append(table)
        return blocks

    def cell(self, element: etree._Element, style: Style) -> SourceCell:
        blocks = self.sub_blocks(element, styled(element, "td", self.css_of(element), style))
        texts = [flatten(block) for block in blocks]
        bolds = [block.bold for block in blocks if isinstance(block, Paragraph) and block.text]
        return SourceCell(
            text="\n".join(text for text in texts if text).strip(),
            bold=bool(bolds) and all(bolds),
            span=max(1, min(int_attribute(element, "colspan") or 1, MAX_COLUMN_SPAN)),
            rowspan=max(1, min(int_attribute(element, "rowspan") or 1, 65534)),
            th=tag_of(element) == "th",
        )

    def css_of(self, element: etree._Element) -> dict[str, str]:
        return self.sheet.css(element, tag_of(element))

    def sub_blocks(self, element: etree._Element, style: Style) -> list[Block]:
        """The blocks inside a cell or caption, read by a walker of their own."""
        walker = _Walker(sheet=self.sheet, merges=self.merges)
        walker.inline(element, style)
        walker.flush()
        return [
            block for block in walker.blocks if not isinstance(block, Paragraph) or block.text or block.marker
        ]


# --------------------------------------------------------------------------- paragraphs


def _paragraph_style(pieces: list[_Piece]) -> Style:
    """Bold and caps when all visible text is so; centred as the first visible text is."""
    visible = [piece for piece in pieces if piece.text.strip(" \n\t\xa0")]
    return Style(
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
