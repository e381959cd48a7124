"""Where an obligation stands as of a date, and which documents follow up on which.

Statuses, for a deadline's end date and recurrence, as of ``--as-of``:

    recurring    "ежегодно", "ежеквартально": no single date to miss
    open-ended   no end date ("постоянно", none given)
    overdue      the end date is before the as-of date
    due-soon     it falls within ``soon`` days of it (the as-of day included)
    open         later than that

A follow-up ("О ходе выполнения решения от 12.03.2024 № 5", "Об исполнении …", "признать
утратившим силу …") is linked to the document it cites by date and number — never guessed
from a title alone; a citation no document of the registry matches stays unlinked.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from resparse.models import Document
from resparse.rules import load

STATUSES = ("overdue", "due-soon", "open", "open-ended", "recurring")
DUE_SOON_DAYS = 14
"""Default for ``--soon``: how many days ahead "due soon" reaches."""
CITATION_TEXT_MAX = 2000
"""How many characters of a document's title and preamble are searched for citations."""


def status(end: str | None, recurrence: str | None, as_of: dt.date, soon: int = DUE_SOON_DAYS) -> str:
    """The status of one obligation (dates as ISO strings, as the store keeps them)."""
    if recurrence:
        return "recurring"
    if not end:
        return "open-ended"
    if end < as_of.isoformat():
        return "overdue"
    if end <= (as_of + dt.timedelta(days=soon)).isoformat():
        return "due-soon"
    return "open"


def status_sql(as_of: dt.date, soon: int = DUE_SOON_DAYS) -> tuple[str, list[str]]:
    """The same decision as an SQL expression over ``o.deadline_end``/``o.recurrence``, with parameters."""
    sql = (
        "CASE WHEN o.recurrence IS NOT NULL THEN 'recurring' "
        "WHEN o.deadline_end IS NULL THEN 'open-ended' "
        "WHEN o.deadline_end < ? THEN 'overdue' "
        "WHEN o.deadline_end <= ? THEN 'due-soon' ELSE 'open' END"
    )
    return sql, [as_of.isoformat(), (as_of + dt.timedelta(days=soon)).isoformat()]


@dataclass(frozen=True)
class Citation:
    """A document a follow-up cites: its date and number (as a key), and the words that cite it."""

    date: str
    number: str
    text: str


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load("orgs")
    cues = re.compile("|".join(data["follow_up_cues"]), re.I)
    return cues, re.compile(data["citation"], re.I)


def number_key(number: str | None) -> str | None:
    """A registration number compared without "№", spaces and case: "№ 5-р" → "5-р"."""
    if not number:
        return None
    key = re.sub(r"^\s*(?:№|N)\s*", "", number.strip(), flags=re.I)
    return re.sub(r"\s+", "", key).lower().rstrip(".") or None


def citations(document: Document) -> list[Citation]:
    """What a follow-up document cites: only when a follow-up cue comes before "от DATE № N"."""
    from resparse.structure.dates import find_date

    cues, citation = _patterns()
    text = " ".join(filter(None, (document.title, document.preamble)))[:CITATION_TEXT_MAX]
    cue = cues.search(text)
    if cue is None:
        return []
    found = []
    for match in citation.finditer(text, cue.start()):
        date = find_date(match.group("date"))
        number = number_key(match.group("number"))
        if date is not None and number:
            found.append(Citation(date.isoformat(), number, match.group().strip()))
    return found
