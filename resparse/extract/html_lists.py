"""List numbers for the HTML reader: the marker a browser draws for each ``li``.

``start``, ``value``, ``reversed`` and ``type``/``list-style-type`` are honoured as browsers
do. One thing HTML cannot say is the *format* of a level: Writer's and Word's "1.1." for
the second level of a multi-level list is lost on export — LibreOffice writes the level as
an ``ol`` nested directly in an ``ol`` (``<ol><ol start="2"><li>``) and continues the list
with ``start`` in the next ``ol`` — and a browser draws "2.". Russian official documents
number sub-points after their point ("1.1.", "1.2.", ГОСТ Р 7.0.97-2016), so a decimal
list nested in a decimal list is numbered after the item it belongs to: the last item drawn
at each outer level, kept by :class:`Counters` across separate ``ol`` elements.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from resparse.limits import LIST_NUMBER_RANGE, MAX_SPELLED_LIST_NUMBER

__all__ = ["Counters", "ListState", "item_number", "list_marker", "open_list"]

BULLETS = ("•", "◦", "▪")
"""What browsers draw for ``ul`` at depth 0, 1 and deeper (disc, circle, square)."""
_BULLET_TYPES = {"disc": "•", "circle": "◦", "square": "▪"}
_OL_TYPES = {
    "1": "decimal",
    "a": "lower-alpha",
    "A": "upper-alpha",
    "i": "lower-roman",
    "I": "upper-roman",
}
_NUMBERED_KINDS = frozenset({"decimal", "lower-alpha", "upper-alpha", "lower-roman", "upper-roman"})
_DECIMAL_KINDS = frozenset({"decimal", ""})


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
    if number <= 0 or kind in _DECIMAL_KINDS or (kind.endswith("roman") and number > MAX_SPELLED_LIST_NUMBER):
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


def int_attribute(element: etree._Element, name: str) -> int | None:
    value = (element.get(name) or "").strip()
    try:
        number = int(value)
    except ValueError:
        return None
    return number if LIST_NUMBER_RANGE[0] <= number <= LIST_NUMBER_RANGE[1] else None


@dataclass
class ListState:
    """An open list: its style, depth and the number the next item gets."""

    ordered: bool
    kind: str
    depth: int
    next: int
    step: int


def open_list(element: etree._Element, css: dict[str, str], depth: int) -> ListState:
    ordered = element.tag == "ol"
    kind = _list_kind(element, css)
    step = -1 if ordered and element.get("reversed") is not None else 1
    start = int_attribute(element, "start")
    if start is None:
        start = _count_items(element) if step < 0 else 1
    return ListState(ordered=ordered, kind=kind, depth=depth, next=start, step=step)


def _count_items(element: etree._Element) -> int:
    return sum(1 for child in element if isinstance(child.tag, str) and child.tag == "li")


@dataclass
class Counters:
    """The decimal number last drawn at each list depth (None: a bullet, letter or nothing)."""

    drawn: list[int | None] = field(default_factory=list)

    def record(self, depth: int, number: int | None) -> None:
        del self.drawn[depth:]
        self.drawn.extend([None] * (depth - len(self.drawn)))
        self.drawn.append(number)

    def parents(self, depth: int) -> list[int] | None:
        """The numbers of the items a depth-``depth`` item sits under, if all are decimal."""
        if depth == 0 or len(self.drawn) < depth:
            return None
        outer = self.drawn[:depth]
        return None if any(number is None for number in outer) else [n for n in outer if n is not None]


def item_number(current: ListState, item: etree._Element, css: dict[str, str]) -> tuple[str, int] | None:
    """The list-style kind and number of one ``li``, advancing the count; None if it shows none."""
    value = int_attribute(item, "value")
    if value is not None:
        current.next = value
    number = current.next
    current.next += current.step
    kind = css.get("list-style-type") or css.get("list-style", "").split(" ")[0] or current.kind
    if kind == "none":
        return None
    return kind, number


def item_marker(current: ListState, kind: str, number: int, counters: Counters) -> str:
    """The marker drawn for an item, sub-points of a decimal list numbered after their point."""
    if kind in _BULLET_TYPES:
        counters.record(current.depth, None)
        return _BULLET_TYPES[kind]
    if not (current.ordered or kind in _NUMBERED_KINDS):
        counters.record(current.depth, None)
        return BULLETS[min(current.depth, len(BULLETS) - 1)]
    decimal = kind in _DECIMAL_KINDS and number > 0
    parents = counters.parents(current.depth) if decimal else None
    counters.record(current.depth, number if decimal else None)
    if parents:
        return ".".join(str(n) for n in [*parents, number]) + "."
    return list_marker(kind, number)
