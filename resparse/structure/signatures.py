"""Signatories: a position (one or more lines) followed by a name.

Names are initials and surname in either order ("В.П. Журавлёв", "Журавлёв В.П."). The name
may sit on its own line, after a tab (or at the end) of the position's last line, or in the
right-hand cell of a borderless table — all of which reach this module as units in reading order.
"""

from __future__ import annotations

import re

from resparse.models import Signatory
from resparse.structure.units import Unit, clean

_INITIALS = r"[А-ЯЁA-Z]\.\s?(?:[А-ЯЁA-Z]\.)?"
_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
NAME = re.compile(rf"(?:{_INITIALS}\s?{_SURNAME}|{_SURNAME}\s+{_INITIALS})")
_NAME_LINE = re.compile(rf"^\s*(?P<name>{NAME.pattern})\s*$")
_NAME_AFTER_TAB = re.compile(rf"^(?P<position>.*\S)\s*\t\s*(?P<name>{NAME.pattern})\s*$", re.S)
# A PDF or a pasted text loses the tab: "… некоммерческих организаций В.П. Журавлёв".
_NAME_AT_END = re.compile(
    rf"^(?P<position>.*[^\s.])\s+(?P<name>{_INITIALS}\s?{_SURNAME}|{_SURNAME}\s+{_INITIALS})\s*$", re.S
)
POSITION_MAX = 400


def read_signatures(tail: list[Unit]) -> tuple[list[Signatory], list[str]]:
    """Signatories found in the tail, and the tail lines that are not part of any."""
    signatories: list[Signatory] = []
    pending: list[str] = []
    leftover: list[str] = []
    for unit in tail:
        text = unit.text
        if not text.strip():
            continue
        name_line = _NAME_LINE.match(clean(text))
        after_tab = _NAME_AFTER_TAB.match(text.strip("\n")) or _NAME_AT_END.match(clean(text))
        if name_line:
            position = " ".join(pending) or None
            signatories.append(Signatory(position=position, name=name_line.group("name")))
            pending = []
        elif after_tab:
            pending.append(clean(after_tab.group("position")))
            signatories.append(Signatory(position=" ".join(pending), name=after_tab.group("name")))
            pending = []
        elif len(clean(text)) <= POSITION_MAX:
            pending.append(clean(text))
        else:
            leftover.append(clean(text))
    return signatories, leftover + pending
