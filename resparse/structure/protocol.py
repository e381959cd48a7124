"""The body rules of a meeting's protocol: its agenda questions, its record ("СЛУШАЛИ: …",
"ВЫСТУПИЛИ: …") up to the decisions ("РЕШИЛИ:"), and the vote tallies between them."""

from __future__ import annotations

from resparse.structure.body_lines import is_question, is_vote_tally, opens_report
from resparse.structure.body_state import BodyState, Decision
from resparse.structure.title import operative_cue
from resparse.structure.units import Unit


def question(unit: Unit, state: BodyState) -> Decision | None:
    """ "1. О профилактике безнадзорности …": a question on a meeting's agenda names what was
    discussed; it asks nothing of anyone and ends the list above."""
    if not is_question(unit):
        return None
    state.close_list()
    state.record = False
    state.body.preamble.append(f"{unit.marker} {unit.clean}")
    return Decision(unit.clean)


def record_opens(unit: Unit, state: BodyState) -> Decision | None:
    """ "СЛУШАЛИ: Петрову А.А. …", "ВЫСТУПИЛИ:", "ПОВЕСТКА ДНЯ:": a protocol's record begins; it
    is narrative (preamble), not points and not findings."""
    if not opens_report(unit.clean):
        return None
    state.close_list()
    state.record = True
    state.body.preamble.append(f"{unit.marker} {unit.clean}" if unit.marker else unit.clean)
    return Decision(unit.clean)


def record_text(unit: Unit, state: BodyState) -> Decision | None:
    """What a protocol's record says, its lists included, up to the operative cue ("РЕШИЛИ:")."""
    if not state.record:
        return None
    if operative_cue(unit.text):
        state.record = False
        return None
    state.body.preamble.append(f"{unit.marker} {unit.clean}" if unit.marker else unit.clean)
    return Decision(unit.clean)


def vote_tally(unit: Unit, state: BodyState) -> Decision | None:
    """ "Голосовали: «за» – 41, «против» – 2", "Решение принято единогласно.": how a decision was
    voted is the record of the meeting, not a part of the point above it; it closes that list."""
    if unit.marker or not is_vote_tally(unit.clean):
        return None
    state.close_list()
    state.body.preamble.append(unit.clean)
    return Decision(unit.clean)
