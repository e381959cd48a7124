"""An official letter's heading: the recipient, then the subject line.

A letter (письмо) has no heading word. Under the letterhead and the date it names whom it is
sent to, in the dative ("Главам муниципальных районов …", "Руководителям медицинских
организаций"), then its subject ("О подготовке к …", "Об организации …"), then the text, which
asks the recipient ("прошу: 1. Обеспечить …"). The subject is the letter's title; what it asks
of nobody in particular it asks of the recipient.
"""

from __future__ import annotations

from resparse.models import Block
from resparse.structure import morph
from resparse.structure.addressees import heading_party, is_heading
from resparse.structure.meta import find_header_date, is_subject_line
from resparse.structure.units import Unit, capitals

RECIPIENT_LINES = 3
"""A recipient's name runs over this many lines at most before the subject line."""


def recipient_lines(units: list[Unit], index: int, stop: int) -> int:
    """How many lines from ``units[index]`` name a letter's recipient, a subject line following
    them ("Руководителям органов …" / "Об организации …"); 0 if they do not."""
    lines = [u for u in units[index:stop] if not u.blank][: RECIPIENT_LINES + 1]
    if not lines or not _names_recipient(lines[0]):
        return 0
    for count, unit in enumerate(lines[1:], start=1):
        if is_subject_line(unit.clean) and not unit.marker:
            return count
        if unit.marker or unit.clean.endswith((".", ":", ";")):
            return 0
    return 0


def _names_recipient(unit: Unit) -> bool:
    """A line in ordinary letter case opening with a word in the dative ("Главам", "Директору")
    and naming someone, nothing else: no date, no colon (the letterhead above is in capitals;
    an act's date line is no recipient)."""
    text = unit.clean
    first = morph.WORD.match(text)
    return (
        not unit.marker
        and first is not None
        and not text[first.end() :].startswith(".")  # "тел. …", "ул. …": an abbreviation
        and morph.can_be(first.group(), {"NOUN", "ADJF", "PRTF"}, "datv")
        and not capitals(text)
        and is_heading(text)
        and not text.endswith(":")
        and find_header_date(text) is None
    )


def ask_recipient(blocks: list[Block], recipient: list[str]) -> None:
    """Blocks that name no addressee ask the letter's recipient."""
    if not recipient:
        return
    party = heading_party(" ".join(recipient))
    for block in blocks:
        if block.addressee is None:
            block.addressee = party.model_copy()
