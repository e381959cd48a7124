"""Points of the body: items, their numbers, and the open list that nests them.

Nesting: the first marker style seen in a list is its top level; a new style nests under
the point above; a style seen before closes the deeper levels. So "·" bullets between
"5." and "6." become children of point 5, and " - " under "- " nests one level down.
"""

from __future__ import annotations

import re
from functools import cache

from resparse.markers import is_bullet, marker_depth
from resparse.models import Item
from resparse.rules import load
from resparse.structure.addressees import inline_addressee
from resparse.structure.item_terms import find_item_deadline
from resparse.structure.units import Unit

Style = tuple[str, int]
"""A marker style: its kind ("number.", "number)", "letter", "roman", "bullet", "plain") and level."""

PLAIN_STYLE: Style = ("plain", 0)
"""The style of a point with no marker ("Провести фестиваль.")."""

TOP_NUMBERED: Style = ("number.", 0)
"""The style of a top-level numbered point ("1.", "12.")."""

_LETTER_MARKER = re.compile(r"\(?[а-яa-z]\)")


@cache
def deadline_line() -> re.Pattern[str]:
    """An explicit term line ("Срок: …", "Срок исполнения – …") under a point."""
    return re.compile("|".join(load("cues")["deadline_lines"]), re.I)


@cache
def point_line() -> re.Pattern[str]:
    """A labelled line under a point that is still part of it: its term ("Срок: …") or its
    executors ("Ответственный: …")."""
    cues = load("cues")
    return re.compile("|".join(cues["deadline_lines"] + cues["point_lines"]), re.I)


def make_item(text: str, number: str | None, opening_addressee: bool = True) -> Item:
    return Item(
        number=number,
        text=text,
        addressee=inline_addressee(text, opening=opening_addressee),
        deadline=find_item_deadline(text),
    )


def display_number(marker: str | None) -> str | None:
    """ "1." → "1", "1.2." → "1.2", "2)" → "2", "а)" → "а"; bullets have no number."""
    if not marker or is_bullet(marker):
        return None
    return marker.strip("().") or None


def style_of(unit: Unit) -> Style:
    """The marker style that decides nesting: numbered by depth, bullets by level."""
    marker = unit.marker or ""
    if is_bullet(marker):
        return ("bullet", unit.level)
    if marker[:1].isdigit():
        closing = ")" if marker.endswith(")") else "."
        return (f"number{closing}", marker_depth(marker))
    if _LETTER_MARKER.match(marker):
        return ("letter", 0)
    return ("roman", 0)


def continue_point(item: Item, text: str) -> None:
    """An unmarked paragraph under a point is more of its text: it may name whom the point asks
    and its term; an explicit "Срок: …" outranks a year met in passing."""
    item.text = f"{item.text} {text}"
    # "Рекомендовать главе … Журавлёву П.И." / "представлять информацию …": the whole point names it
    item.addressee = item.addressee or inline_addressee(item.text, opening=False)
    if deadline_line().search(text):
        item.deadline = find_item_deadline(text) or item.deadline
    else:
        item.deadline = item.deadline or find_item_deadline(text)


class OpenList:
    """An open list: the items of a block or a finding section, with its nesting stack."""

    def __init__(self, items: list[Item], headed: bool = False) -> None:
        self.items = items
        self.headed = headed
        """Under an addressee heading: a point opening with a dative then names a part of
        that addressee ("НКО:" / "Руководителям НКО стремиться …"), not whom it asks."""
        self.stack: list[tuple[Style, Item]] = []

    def item(self, text: str, number: str | None) -> Item:
        return make_item(text, number, opening_addressee=not self.headed)

    def add(self, style: Style, item: Item) -> None:
        """A style seen before closes the deeper levels; so does a bullet indented less than
        an open bullet (it never nests under one indented more)."""
        for depth, (seen, _) in enumerate(self.stack):
            if seen == style or (style[0] == seen[0] == "bullet" and seen[1] >= style[1]):
                del self.stack[depth:]
                break
        if self.stack:
            self.stack[-1][1].items.append(item)
        else:
            self.items.append(item)
        self.stack.append((style, item))

    def add_unit(self, unit: Unit) -> None:
        """A marked point: its style nests it, its marker gives its number."""
        self.add(style_of(unit), self.item(unit.clean, display_number(unit.marker)))

    def add_plain(self, text: str) -> None:
        """An unmarked point: no number, the plain style."""
        self.add(PLAIN_STYLE, self.item(text, None))

    @property
    def last(self) -> Item | None:
        return self.stack[-1][1] if self.stack else None

    @property
    def plain(self) -> bool:
        """Is the top level unmarked points (or nothing yet)?"""
        return not self.stack or self.stack[0][0] == PLAIN_STYLE
