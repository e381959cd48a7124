"""The body: preamble, findings and addressee → recommendation blocks, read by ordered rules.

The body is read once, top to bottom, unit by unit. Each unit is claimed by the first rule
in :data:`RULES` that fits; the rule acts on one :class:`BodyState` and returns a
:class:`Decision`. ``resparse layout --explain`` shows the name of the rule that claimed
each line. In order:

- ``tail``              after the last point: signatures and closing lines, for the signature reader;
- ``section-heading``   "II. ПРЕДЛОЖЕНИЯ": ends the list above; before any list, part of the preamble;
- ``question``          "2. О работе с семьями …": a question on a meeting's agenda, not a point;
- ``record-opens``      "СЛУШАЛИ:", "ПОВЕСТКА ДНЯ:": a protocol's record begins (preamble);
- ``record-text``       what the record says, lists included, up to "РЕШИЛИ:" (preamble);
- ``editorial-note``    "(в ред. постановления …)": a database's note, part of no point;
- ``table-in-body``     a table of three or more columns between the points (a schedule): unparsed;
- ``vote-tally``        "Голосовали: «за» – 41 …": the record of a vote, no part of the point above;
- ``addressee-heading`` "Комитету …", "1. Союзу …:", "НКО:": opens a block for that addressee;
- ``findings-intro``    "Выделили сильные стороны…:": opens a section of findings;
- ``operative-intro``   "собрание считает целесообразным:": the points after it are recommendations;
- ``intro-ends-list``   "На основании изложенного … РЕШИЛ:" amid points: ends their list;
- ``point-opens-block`` a marked point with no list to join (or a sibling of the numbered
                        heading, or numbered points after findings): opens an unheaded block;
- ``marked-point``      a numbered or bulleted point joins the open list, nested by marker style;
- ``plain-point``       under a heading, an unnumbered paragraph that asks for something is a point;
- ``plain-opens-block`` after an operative intro, such a paragraph opens an unheaded block;
- ``listed-under-colon`` unmarked lines after a point ending in ":" are its sub-items;
- ``listed-finding``    unmarked lines in small letters under a findings intro are its list;
- ``request-point``     "Рекомендовать комитету … взять …" unnumbered after a list: a point of its own;
- ``continued-point``   an unmarked paragraph between points continues the point above it;
- ``preamble``          narrative text before the first list.

Blank units and units an earlier stage claimed are skipped. The tests behind the rules live
in :mod:`.body_lines`; points and their nesting in :mod:`.points`; the protocol's rules in
:mod:`.protocol`; the state they share in :mod:`.body_state`.
"""

from __future__ import annotations

from resparse.markers import is_bullet
from resparse.models import Block, Section
from resparse.structure import morph
from resparse.structure.addressees import heading_party, heading_phrase, opens_with_request
from resparse.structure.body_lines import (
    decides_object_first,
    intro_kind,
    is_block_heading,
    is_editorial_note,
    is_intro,
    is_plain_point,
    is_section_heading,
    join_heading,
    last_point,
    next_texts,
)
from resparse.structure.body_state import Body, BodyState, Decision, Rule
from resparse.structure.points import (
    TOP_NUMBERED,
    OpenList,
    continue_point,
    display_number,
    make_item,
    style_of,
)
from resparse.structure.protocol import question, record_opens, record_text, vote_tally
from resparse.structure.signatures import signature_in_last_point
from resparse.structure.units import Unit


def tail(unit: Unit, state: BodyState) -> Decision | None:
    """After the last point: signatures and closing lines, left for the signature reader."""
    if state.index <= state.last_point:
        return None
    state.body.tail.append(unit)
    return Decision(unit.clean, owned=False)


def section_heading(unit: Unit, state: BodyState) -> Decision | None:
    """ "II. ПРЕДЛОЖЕНИЯ": structure, not a point; it ends the list above. Before any list it is
    part of the preamble, later it is left for ``unparsed``."""
    if not is_section_heading(unit):
        return None
    state.open_list, state.opened_by, state.intro = None, None, None
    text = unit.clean
    if _heads_findings(text, state):
        return _open_findings(text, unit, state)  # "II. Проблемы, выявленные …" over facts
    owned = not state.body.blocks and not state.body.findings
    if owned:
        state.body.preamble.append(f"{unit.marker} {text}" if unit.marker else text)
    return Decision(text, owned=owned)


def _heads_findings(title: str, state: BodyState) -> bool:
    """A section title right above numbered points that state facts heads a section of findings."""
    following = next((u for u in state.units[state.index + 1 :] if not u.blank), None)
    if following is None or not following.marker or is_bullet(following.marker):
        return False
    return intro_kind(title, next_texts(state.units, state.index)) == "findings"


def editorial_note(unit: Unit, state: BodyState) -> Decision | None:
    """ "(в ред. постановления … от 04.10.2011 N 766-ПГ)": a legal database's note between points
    belongs to none of them; it is left for ``unparsed``."""
    if unit.marker or not is_editorial_note(unit.clean):
        return None
    return Decision(unit.clean, owned=False)


GRID_COLUMNS = 3
"""A layout table this wide between the points is a schedule or a list, not points set in a
table (those take two columns: number | text, or position | name)."""


def table_in_body(unit: Unit, state: BodyState) -> Decision | None:
    """A table of three or more columns between the points (a schedule of dates and places, a
    list of members): no point and no part of one; its cells are left for ``unparsed``."""
    if unit.cell is None or state.open_list is None or state.table_width(unit) < GRID_COLUMNS:
        return None
    state.listed_under = None
    return Decision(unit.clean, owned=False)


def addressee_heading(unit: Unit, state: BodyState) -> Decision | None:
    """ "Комитету …", "1. Союзу …:", "НКО:": opens a block for that addressee (a heading may run
    over two lines; "Рекомендовать органам …:" keeps the whole line as the block's heading)."""
    if not is_block_heading(unit, state.units, state.index):
        return None
    text, following = join_heading(state.units, state.index)
    phrase = (heading_phrase(f"{text}:") or heading_phrase(unit.clean) or unit.clean).rstrip(" :")
    heading = None
    if text != phrase and not (phrase == unit.clean.rstrip(" :") and text.startswith(phrase)):
        heading, text = text, phrase  # "Рекомендовать органам …:", "Органам … рекомендовать:"
    state.open_block(
        Block(number=display_number(unit.marker), addressee=heading_party(text), heading=heading),
        headed=True,
    )
    state.opened_by = style_of(unit) if unit.marker else None
    return Decision(text, next=following)


def _intro_kind(unit: Unit, state: BodyState) -> str | None:
    """What a line ending in ":" that opens a list introduces; None for any other line."""
    if not unit.clean.endswith(":") or not is_intro(unit, state.units, state.index):
        return None
    open_list = state.open_list
    if open_list is not None and open_list.plain and is_plain_point(unit.clean):
        return None  # "Организовать выставку, в том числе:" under a heading: a point with sub-items
    return intro_kind(unit.clean, next_texts(state.units, state.index))


def findings_intro(unit: Unit, state: BodyState) -> Decision | None:
    """ "Выделили сильные стороны…:": opens a section of findings; its points join it."""
    if _intro_kind(unit, state) != "findings":
        return None
    return _open_findings(unit.clean.rstrip(": "), unit, state)


def _open_findings(title: str, unit: Unit, state: BodyState) -> Decision:
    section = Section(title=title)
    state.body.findings.append(section)
    state.open_list, state.mode = OpenList(section.items), "findings"
    state.opened_by = style_of(unit) if unit.marker else None
    return Decision(unit.clean)


def operative_intro(unit: Unit, state: BodyState) -> Decision | None:
    """ "собрание считает целесообразным:": part of the preamble; the points after it are
    recommendations, in a block they open."""
    if _intro_kind(unit, state) != "recommendations":
        return None
    waiting = state.open_list if state.open_list is not None and state.open_list.headed else None
    state.intro, state.mode = unit.clean.rstrip(": "), "recommendations"
    # "Главам районов" / "О подготовке …" / "… прошу:": the points are the addressee's, above
    state.open_list = waiting if waiting is not None and not waiting.items else None
    state.opened_by = style_of(unit) if unit.marker else None
    state.intro_number = display_number(unit.marker) if unit.marker else None
    state.body.preamble.append(unit.clean)
    return Decision(unit.clean)


def intro_ends_list(unit: Unit, state: BodyState) -> Decision | None:
    """ "На основании изложенного … РЕШИЛ:" before points that open lists themselves: it ends the
    list above and introduces what follows, it does not continue a point."""
    if not unit.clean.endswith(":") or unit.marker is not None or state.open_list is None:
        return None
    if state.open_list.plain and is_plain_point(unit.clean):
        return None  # a point with sub-items under a heading, not an intro
    state.intro, state.open_list, state.opened_by = unit.clean.rstrip(": "), None, None
    state.mode, state.intro_number = "recommendations", None
    state.body.preamble.append(unit.clean)
    return Decision(unit.clean)


def point_opens_block(unit: Unit, state: BodyState) -> Decision | None:
    """A marked point that cannot join the open list opens an unheaded block: there is no open
    list, it is a sibling of the numbered heading or intro that opened the list, or it is a
    top-level "N." point after an operative intro while findings are open."""
    if not unit.marker:
        return None
    style = style_of(unit)
    sibling = state.opened_by is not None and style == state.opened_by
    after_findings = state.mode == "findings" and style == TOP_NUMBERED and state.intro
    if state.open_list is not None and not sibling and not after_findings:
        return None
    under_numbered_intro = state.open_list is None and state.opened_by is not None and not sibling
    state.open_block(Block(number=state.intro_number if under_numbered_intro else None)).add_unit(unit)
    if not under_numbered_intro:  # "3. Рекомендовать:" / "– …" / "4. …": the "4." closes the dashes
        state.opened_by = None
    return Decision(unit.clean)


def marked_point(unit: Unit, state: BodyState) -> Decision | None:
    """A numbered or bulleted point joins the open list, nested by its marker style."""
    if not unit.marker or state.open_list is None:
        return None
    state.open_list.add_unit(unit)
    return Decision(unit.clean)


def plain_point(unit: Unit, state: BodyState) -> Decision | None:
    """Under a heading, a paragraph opening with an infinitive (or a dative and one) is a point
    even with no number ("Комитету по культуре:" / "Провести фестиваль."), unless numbered
    points came before."""
    open_list = state.open_list
    if open_list is None or state.mode != "recommendations" or not open_list.plain:
        return None
    if not is_plain_point(unit.clean):
        return None
    open_list.add_plain(unit.clean)
    return Decision(unit.clean)


def plain_opens_block(unit: Unit, state: BodyState) -> Decision | None:
    """ "По итогам обсуждения рекомендовано:" / "Мэрии города продолжить …" with no numbers: after
    an operative intro, an unnumbered point opens an unheaded block."""
    if state.open_list is not None or state.intro is None or state.mode != "recommendations":
        return None
    if not (is_plain_point(unit.clean) or decides_object_first(unit.clean)):
        return None
    state.open_block(Block()).add_plain(unit.clean)
    state.opened_by = None
    return Decision(unit.clean)


LISTED_LINE_MAX = 300
"""Longest unmarked line (characters) read as a sub-item listed under a point's colon."""


def listed_under_colon(unit: Unit, state: BodyState) -> Decision | None:
    """ "б) рассмотреть вопрос о приобретении …, в том числе:" / "выездной установки;" /
    "передвижного кабинета.": unmarked lines after a point ending in ":" are its sub-items,
    up to one ending in "."."""
    last = state.open_list.last if state.open_list is not None else None
    parent = state.listed_under or (last if last is not None and last.text.endswith(":") else None)
    if parent is None or len(unit.clean) > LISTED_LINE_MAX:
        return None
    parent.items.append(make_item(unit.clean, None, opening_addressee=False))
    state.listed_under = None if unit.clean.endswith(".") else parent
    return Decision(unit.clean)


def listed_finding(unit: Unit, state: BodyState) -> Decision | None:
    """ "…, совет отмечает:" / "в 2028 году обеспечена …;" / "сохраняется нехватка …": under a
    findings intro, unmarked lines in small letters are its list whose bullets a copy lost, up
    to one ending in "."."""
    open_list = state.open_list
    if state.mode != "findings" or open_list is None or unit.marker:
        return None
    last = open_list.last
    if (last is not None and not last.text.endswith(";")) or not unit.clean[:1].islower():
        return None
    if len(unit.clean) > LISTED_LINE_MAX:
        return None
    open_list.add_plain(unit.clean)
    return Decision(unit.clean)


def request_point(unit: Unit, state: BodyState) -> Decision | None:
    """ "Рекомендовать комитету … взять на контроль …", "Законодательному Собранию … рассмотреть …"
    with no number after a finished list: a request names its own addressee, so it is a point of
    its own, never the point above continued."""
    if unit.marker or state.open_list is None:
        return None
    open_list = state.open_list
    if not (
        opens_with_request(unit.clean)
        or _asks_anew(unit.clean, open_list)
        or _asks_after(unit.clean, open_list)
    ):
        return None
    state.open_block(Block()).add_plain(unit.clean)
    state.opened_by = None
    return Decision(unit.clean)


def _asks_anew(text: str, open_list: OpenList) -> bool:
    """A new sentence naming whom it asks ("Законодательному Собранию … рассмотреть …") or what is
    to be done with what ("Информацию об исполнении … направить … до …") after a list of numbered
    points whose last one ended with a full stop."""
    last = open_list.last
    return (
        last is not None
        and not open_list.plain
        and last.text.rstrip().endswith(".")
        and text[:1].isupper()
        and not morph.is_infinitive(next(iter(morph.WORD.findall(text)), ""))
        and (is_plain_point(text) or decides_object_first(text))
    )


def _asks_after(text: str, open_list: OpenList) -> bool:
    """ "Направить настоящий документ в …" after a finished list of points in small letters
    ("– ежегодно информировать комитет …."): a capitalised request is no part of the last one."""
    last = open_list.last
    return (
        last is not None
        and last.text[:1].islower()
        and last.text.rstrip().endswith(".")
        and text[:1].isupper()
        and is_plain_point(text)
    )


def continued_point(unit: Unit, state: BodyState) -> Decision | None:
    """An unmarked paragraph between points continues the point above it (its text, addressee
    and term)."""
    last = state.open_list.last if state.open_list is not None else None
    if last is None:
        return None
    continue_point(last, unit.clean)
    return Decision(unit.clean)


def preamble(unit: Unit, state: BodyState) -> Decision | None:
    """Whatever no other rule claims before the tail: narrative text of the preamble."""
    state.body.preamble.append(unit.clean)
    return Decision(unit.clean)


RULES: list[Rule] = [
    tail,
    section_heading,
    question,
    record_opens,
    record_text,
    editorial_note,
    table_in_body,
    vote_tally,
    addressee_heading,
    findings_intro,
    operative_intro,
    intro_ends_list,
    point_opens_block,
    marked_point,
    plain_point,
    plain_opens_block,
    listed_under_colon,
    listed_finding,
    request_point,
    continued_point,
    preamble,
]
"""The body rules, in the order they are tried: the first that returns a decision claims the unit."""


def rule_name(rule: Rule) -> str:
    """The name ``explain`` shows: ``section_heading`` → "section-heading"."""
    return getattr(rule, "__name__", repr(rule)).replace("_", "-")


def read_body(units: list[Unit]) -> Body:
    """Apply :data:`RULES` to each unit of the body in turn."""
    state = BodyState(units=units, last_point=last_point(units))
    signed = signature_in_last_point(units, state.last_point)
    while state.index < len(units):
        unit = units[state.index]
        if not unit.clean or unit.claimed:
            state.index += 1
            continue
        if unit.marker:
            state.listed_under = None
        rule, decision = _first_claim(unit, state)
        if decision.owned:
            unit.claimed = True
        state.body.trace.append((rule_name(rule), decision.text))
        state.index = decision.next if decision.next is not None else state.index + 1
    if signed is not None:
        state.body.tail.insert(0, signed)
    return state.body


def _first_claim(unit: Unit, state: BodyState) -> tuple[Rule, Decision]:
    for rule in RULES:
        decision = rule(unit, state)
        if decision is not None:
            return rule, decision
    raise AssertionError(f"no body rule claimed {unit.clean!r}")  # ``preamble`` claims everything
