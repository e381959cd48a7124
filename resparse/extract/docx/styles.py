"""``styles.xml``: paragraph, character and table styles resolved along their ``basedOn`` chains.

Only what the layout needs is read — bold, caps, size and hidden runs, centring, the list a
paragraph style numbers its paragraphs with, and table borders — and each style is parsed on
first use and cached, since documents use a handful of the hundreds defined.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree

from resparse.extract.docx.tags import PPR, RPR, TBLPR, W, integer, toggle, val

if TYPE_CHECKING:
    from resparse.extract.docx.package import Package

STYLES_CACHE = 2
"""How many parsed ``styles.xml`` a process keeps, by content: documents made from one template
share it byte for byte, and it is often the largest part (350 KB, 6 ms to parse, 4 MiB parsed,
where the text is 20 KB). Two keeps a batch of one organisation's documents warm."""
_PARSED: OrderedDict[bytes, Styles] = OrderedDict()

_BORDER_TAGS = frozenset(
    f"{W}{edge}" for edge in ("top", "left", "bottom", "right", "insideH", "insideV", "start", "end")
)
_INVISIBLE = (None, "none", "nil")
_SZ, _B, _CAPS, _VANISH = (f"{W}{name}" for name in ("sz", "b", "caps", "vanish"))
_NUMPR, _NUMID, _ILVL = f"{W}numPr", f"{W}numId", f"{W}ilvl"


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
    size = integer(val(rpr.find(_SZ)))
    return RunProps(
        bold=toggle(rpr.find(_B)),
        caps=toggle(rpr.find(_CAPS)),
        size=size / 2 if size else None,
        hidden=toggle(rpr.find(_VANISH)),
    )


@dataclass(frozen=True)
class NumPr:
    num_id: str | None = None
    ilvl: int | None = None


def num_pr(ppr: etree._Element | None) -> NumPr | None:
    element = ppr.find(_NUMPR) if ppr is not None else None
    if element is None:
        return None
    return NumPr(val(element.find(_NUMID)), integer(val(element.find(_ILVL))))


def border_edges(borders: etree._Element | None) -> dict[str, bool]:
    """Border edge → visible, for the edges a ``tblBorders``/``tcBorders`` element mentions."""
    if borders is None:
        return {}
    return {edge.tag[len(W) :]: val(edge) not in _INVISIBLE for edge in borders if edge.tag in _BORDER_TAGS}


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
    jc = val(ppr.find(f"{W}jc")) if ppr is not None else None
    tblpr = element.find(TBLPR)
    conditional = any(
        any(border_edges(borders).values())
        for borders in element.iter(f"{W}tcBorders", f"{W}tblBorders")
        if borders.getparent() is not tblpr
    )
    return Style(
        name=val(element.find(f"{W}name")),
        kind=element.get(f"{W}type") or "paragraph",
        based_on=val(element.find(f"{W}basedOn")),
        centered=None if jc is None else jc == "center",
        numbering=num_pr(ppr),
        run=run_props(element.find(RPR)),
        edges=border_edges(tblpr.find(f"{W}tblBorders")) if tblpr is not None else {},
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
        self._centered: dict[str | None, bool] = {}
        self._numbering: dict[str | None, NumPr] = {}
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
        centered = self._centered.get(style_id)
        if centered is None:
            centered = self._centered[style_id] = bool(self._first(style_id, "centered"))
        return centered

    def numbering(self, style_id: str | None) -> NumPr:
        """numId and ilvl a paragraph style gives its paragraphs, each from the nearest ancestor."""
        numbering = self._numbering.get(style_id)
        if numbering is None:
            numbering = self._numbering[style_id] = self._chain_numbering(style_id)
        return numbering

    def _chain_numbering(self, style_id: str | None) -> NumPr:
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


def read_styles(package: Package, name: str | None) -> Styles:
    """The package's styles, parsed once per distinct content (see :data:`STYLES_CACHE`)."""
    if not name or not package.has(name):
        return Styles(None)
    data = package.read(name)
    styles = _PARSED.get(data)  # keyed by the bytes themselves: no collision can mix two up
    if styles is None:
        styles = Styles(package.parse(name, data))
        _PARSED[data] = styles
        while len(_PARSED) > STYLES_CACHE:
            _PARSED.popitem(last=False)
    else:
        _PARSED.move_to_end(data)
    return styles
