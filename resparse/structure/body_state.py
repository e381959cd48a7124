"""What the body rules share: the :class:`Body` they build, the :class:`BodyState` carried from
one unit to the next, and the :class:`Decision` a rule returns when it claims a unit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from resparse.models import Block, Item, Section
from resparse.structure.points import OpenList, Style
from resparse.structure.units import Unit

Mode = Literal["recommendations", "findings"]


@dataclass
class Body:
    preamble: list[str] = field(default_factory=list)
    findings: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    tail: list[Unit] = field(default_factory=list)
    trace: list[tuple[str, str]] = field(default_factory=list)
    """(rule, text) for each unit, in order: what ``resparse layout --explain`` shows."""


@dataclass
class BodyState:
    """What the reader carries from one unit to the next."""

    units: list[Unit]
    last_point: int
    """Index of the last point: the units after it are the tail."""
    index: int = 0
    """The unit being read."""
    body: Body = field(default_factory=Body)
    open_list: OpenList | None = None
    """The list new points join: a block's or a finding section's."""
    opened_by: Style | None = None
    """Marker style of the numbered heading or intro that opened ``open_list``: a point of
    the same style is its sibling, so it closes the list instead of nesting in it."""
    mode: Mode = "recommendations"
    """What the open (or next) list holds."""
    intro: str | None = None
    """The last operative intro ("собрание считает целесообразным"), when one was read."""
    intro_number: str | None = None
    """The number of a numbered intro ("3. Рекомендовать:"): the block under it bears it."""
    record: bool = False
    """Inside a protocol's record ("СЛУШАЛИ: …") until its operative cue ("РЕШИЛИ:")."""
    listed_under: Item | None = None
    """The point ending in ":" whose unmarked lines are being read as its sub-items."""
    _widths: dict[int, int] | None = field(default=None, repr=False)
    """Columns of each layout table, by its block (see :meth:`table_width`)."""

    def table_width(self, unit: Unit) -> int:
        """Columns of the layout table ``unit`` was read from; 0 for a paragraph."""
        if unit.cell is None:
            return 0
        if self._widths is None:  # once a document: every table's width by its block
            self._widths = {}
            for other in self.units:
                if other.cell is not None:
                    self._widths[other.origin] = max(self._widths.get(other.origin, 0), other.cell[1] + 1)
        return self._widths[unit.origin]

    def close_list(self) -> None:
        """No list is open: the next point opens a block of its own."""
        self.open_list, self.opened_by, self.intro, self.listed_under = None, None, None, None
        self.intro_number = None

    def open_block(self, block: Block, headed: bool = False) -> OpenList:
        """A new block of recommendations: its list is the open one."""
        self.body.blocks.append(block)
        self.open_list, self.mode = OpenList(block.items, headed=headed), "recommendations"
        return self.open_list


@dataclass(frozen=True)
class Decision:
    """A rule's claim on a unit."""

    text: str
    """What the trace shows for it."""
    owned: bool = True
    """The body took the unit; when False it is left for the tail readers or ``unparsed``."""
    next: int | None = None
    """Index of the next unit to read, when the rule read more than this one."""


Rule = Callable[[Unit, BodyState], Decision | None]
