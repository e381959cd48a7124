"""An official letter's heading: the recipient, then the subject line.

A letter (письмо) has no heading word. Under the letterhead and the date it names whom it is
sent to, in the dative ("Главам муниципальных районов …", "Руководителям медицинских
организаций"), then its subject ("О подготовке к …", "Об организации …"), then the text, which
asks the recipient ("прошу: 1. Обеспечить …"). The subject is the letter's title; what it asks
of nobody in particular it asks of the recipient.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import islice

from resparse.markers import capitals
from resparse.models import Block
from resparse.structure import morph
from resparse.structure.addressees import heading_party, is_heading
from resparse.structure.meta import find_header_date, is_blank_note, is_subject_line, split_columns
from resparse.structure.units import Unit

BLANK_LINES = 8
"""Lines at the top of a letter where its two-column blank may stand."""
RECIPIENT_LINES = 4
"""A recipient's name runs over this many lines at most before the subject line ("Главным
врачам медицинских" / "организаций области" / "(по списку)")."""


def recipient_lines(units: list[Unit], index: int, stop: int) -> int:
    """How many lines from ``units[index]`` name a letter's recipient, a subject line following
    them ("Руководителям органов …" / "Об организации …"); 0 if they do not. A line of the
    blank between them ("на № ___ от ___") is the header's note, not the recipient's."""
    wanted = (u for u in units[index:stop] if not u.blank and not is_blank_note(u.clean))
    lines = list(islice(wanted, RECIPIENT_LINES + 1))
    if not lines or not _names_recipient(lines[0]):
        return 0
    for count, unit in enumerate(lines[1 : RECIPIENT_LINES + 1], start=1):
        if is_subject_line(unit.clean) and not unit.marker:
            return count
        if unit.marker or unit.clean.endswith((".", ":", ";")):
            return 0
    return 0


def unzip_letterhead(units: list[Unit]) -> list[Unit]:
    """A letter's blank set in two columns (a table, or lines split by tabs) — the sender, its
    address and the date on the left, the recipient on the right — read column by column: the
    left column's lines, then the right's. Read row by row, the recipient would be mixed into
    the letterhead. Units of any other document are returned as they are."""
    head = units[:BLANK_LINES]
    paired = [i for i, unit in enumerate(head) if any(column == 1 for column, _ in _columns(unit) or [])]
    if not paired:
        return units
    taken = paired[-1] + 1  # the blank runs to its last line with a right-hand part
    run: list[tuple[int, Unit]] = []
    for unit in units[:taken]:
        pieces = _columns(unit)
        if pieces is None and unit.marker:
            return units
        run.extend(pieces if pieces is not None else [(0, unit)])  # a line of the left only
    right = [unit for column, unit in run if column == 1 and not unit.blank]
    if not right or not _names_recipient(right[0]):
        return units
    return [u for c, u in run if c == 0] + [u for c, u in run if c == 1] + units[taken:]


def _columns(unit: Unit) -> list[tuple[int, Unit]] | None:
    """A unit of a two-column blank as (column, unit) pieces: a table cell's line, or a line
    split by a tab into two parts; None for anything else (a third column, a line of prose)."""
    if unit.cell is not None:
        return [(unit.cell[1], unit)] if unit.cell[1] <= 1 else None
    if unit.blank:
        return [(0, unit)]
    parts = [part.strip() for part in split_columns(unit.text)]
    if len(parts) != 2 or not all(parts):
        return None
    return [(0, replace(unit, text=parts[0])), (1, replace(unit, text=parts[1]))]


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


def ask_recipient(blocks: list[Block], recipient: list[str]) -> tuple[list[Block], bool]:
    """Blocks that name no addressee ask the letter's recipient: one block of all its requests
    in a row, the numbered ones and a closing "Информацию … направить до …" alike. Also says
    whether any block took the recipient (a letter that asks nothing must list it elsewhere)."""
    if not recipient or all(block.addressee is not None for block in blocks):
        return blocks, False
    party = heading_party(" ".join(recipient))
    kept: list[Block] = []
    for block in blocks:
        if block.addressee is not None:
            kept.append(block)
        elif kept and kept[-1].addressee == party and kept[-1].number is None and block.number is None:
            kept[-1].items.extend(block.items)
        else:
            block.addressee = party.model_copy()
            kept.append(block)
    return kept, True
