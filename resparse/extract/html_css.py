"""Presentation for the HTML reader: inline and ``<style>`` CSS, inherited style, page chrome.

Pages exported from office suites keep their formatting in a stylesheet, not in the
markup: LibreOffice's XHTML export writes ``<p class="P3">`` with ``.P3 {text-align:center}``
and ``li {list-style: none}`` above, Word's writes ``p.MsoTitle``. :class:`StyleSheet` reads
the rules a browser would match with a *simple* selector — ``p``, ``.P3``, ``p.western``,
comma lists of them — and ignores the rest (descendant selectors, pseudo-classes, ``@media``):
those decide how a site looks, not what a document says.

Page chrome — the site around the document — is told apart in :mod:`resparse.extract.html_chrome`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

__all__ = ["Style", "StyleSheet", "is_hidden", "styled"]

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_AT_BLOCK = re.compile(r"@[^{};]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}")
"""An at-rule with a block (``@media``, ``@page``, ``@font-face``), nested rules included."""
_AT_STATEMENT = re.compile(r"@[^{};]*;")
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^([a-z][a-z0-9]*)?((?:\.[\w-]+)*)$", re.IGNORECASE)
_IMPORTANT = re.compile(r"\s*!\s*important\s*$")
_HEADINGS = frozenset(f"h{n}" for n in range(1, 7))


def declarations(text: str) -> dict[str, str]:
    """``a: b; c: d`` as property → lower-cased value without ``!important``."""
    out: dict[str, str] = {}
    for part in text.split(";"):
        name, colon, value = part.partition(":")
        if colon and name.strip():
            out[name.strip().lower()] = _IMPORTANT.sub("", value.strip().lower())
    return out


@dataclass
class StyleSheet:
    """The simple-selector rules of a page's ``<style>`` elements."""

    by_tag: dict[str, dict[str, str]] = field(default_factory=dict)
    by_class: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    """(tag or "", class) → declarations."""

    @classmethod
    def of(cls, root: etree._Element) -> StyleSheet:
        sheet = cls()
        for style in root.iter("style"):
            sheet.add(style.text or "")
        return sheet

    def add(self, text: str) -> None:
        text = _AT_STATEMENT.sub("", _AT_BLOCK.sub("", _COMMENT.sub("", text)))
        for selectors, body in _RULE.findall(text):
            found = declarations(body)
            for selector in selectors.split(","):
                match = _SIMPLE_SELECTOR.match(selector.strip())
                if not match or not (match.group(1) or match.group(2)):
                    continue
                tag = (match.group(1) or "").lower()
                classes = [name for name in match.group(2).split(".") if name]
                if not classes:
                    self.by_tag.setdefault(tag, {}).update(found)
                elif len(classes) == 1:
                    self.by_class.setdefault((tag, classes[0]), {}).update(found)

    def css(self, element: etree._Element, tag: str) -> dict[str, str]:
        """What applies to ``element``: tag rules, then class rules, then its ``style``."""
        out = dict(self.by_tag.get(tag, {}))
        if self.by_class:
            for name in (element.get("class") or "").split():
                out.update(self.by_class.get(("", name), {}))
                out.update(self.by_class.get((tag, name), {}))
        out.update(declarations(element.get("style") or ""))
        return out


@dataclass(frozen=True)
class Style:
    """Inherited presentation at a point of the tree."""

    bold: bool = False
    centered: bool = False
    caps: bool = False
    pre: bool = False


def is_hidden(element: etree._Element, css: dict[str, str]) -> bool:
    return element.get("hidden") is not None or css.get("display") == "none"


def _bold(value: str) -> bool | None:
    if value in ("bold", "bolder"):
        return True
    if value in ("normal", "lighter"):
        return False
    return int(value) >= 600 if value.isdigit() else None


def styled(element: etree._Element, tag: str, css: dict[str, str], style: Style) -> Style:
    """The style inside ``element``: its tag, ``align`` attribute and CSS over ``style``."""
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
    return Style(bold=bold, centered=centered, caps=caps, pre=style.pre or tag in ("pre", "textarea"))
