"""The body: preamble, findings and addressee → recommendation blocks.

The body is read once, top to bottom, as a sequence of units. Each unit is claimed by the
first rule that fits (see :func:`classify`, whose rule names ``explain`` reports):

- ``heading``   an addressee heading opens a block ("Комитету …", "1. Союзу …:", "НКО:");
- ``intro``     a line ending in ":" opens a list: findings ("Выделили сильные стороны…:")
                or recommendations ("собрание считает целесообразным:");
- ``item``      a numbered or bulleted point joins the open list, nested by marker style;
- ``continued`` an unmarked paragraph between points continues the point above it;
- ``preamble``  narrative text before the first list;
- ``tail``      what follows the last point (signatures, closing lines).

Nesting: the first marker style seen in a list is its top level; a new style nests under
the point above; a style seen before closes the deeper levels. So "·" bullets between
"5." and "6." become children of point 5, and " - " under "- " nests one level down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from resparse.markers import is_bullet, marker_depth, split_marker
from resparse.models import Block, Item, Section
from resparse.rules import load
from resparse.structure import morph
from resparse.structure.addressees import heading_party, heading_phrase, inline_addressee
from resparse.structure.dates import find_item_deadline
from resparse.structure.meta import opens_preamble
from resparse.structure.signatures import is_signature, split_signature
from resparse.structure.title import operative_cue
from resparse.structure.units import Unit

HEADING_JOIN_MAX = 200


@dataclass
class Body:
    preamble: list[str] = field(default_factory=list)
    findings: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    tail: list[Unit] = field(default_factory=list)
    trace: list[tuple[str, str]] = field(default_factory=list)
    """(rule, text) for each unit, in order: what ``resparse layout --explain`` shows."""


@cache
def _deadline_line() -> re.Pattern[str]:
    return re.compile("|".join(load("cues")["deadline_lines"]), re.I)


@cache
def _intro_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cues = load("cues")
    return (
        re.compile("|".join(cues["recommendation_intro"]), re.I),
        re.compile("|".join(cues["finding_intro"]), re.I),
    )


def intro_kind(text: str, next_items: list[str]) -> str:
    """ "recommendations" or "findings" for a line that introduces a list."""
    recommend, finding = _intro_patterns()
    if recommend.search(text) or operative_cue(text) or opens_preamble(text):
        return "recommendations"  # an act's grounds and orders: what follows is ordered
    if finding.search(text):
        return "findings"
    first_words = [morph.WORD.search(t) for t in next_items[:3]]
    infinitives = sum(1 for w in first_words if w and morph.is_infinitive(w.group()))
    return "recommendations" if infinitives * 2 >= max(1, len(first_words)) else "findings"


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


def style_of(unit: Unit) -> tuple[str, int]:
    """The marker style that decides nesting: numbered by depth, bullets by level."""
    marker = unit.marker or ""
    if is_bullet(marker):
        return ("bullet", unit.level)
    if marker[:1].isdigit():
        closing = ")" if marker.endswith(")") else "."
        return (f"number{closing}", marker_depth(marker))
    if re.match(r"\(?[а-яa-z]\)", marker):
        return ("letter", 0)
    return ("roman", 0)


class _List:
    """An open list: the items of a block or a finding section, with its nesting stack."""

    def __init__(self, items: list[Item], headed: bool = False) -> None:
        self.items = items
        self.headed = headed
        """Under an addressee heading: a point opening with a dative then names a part of
        that addressee ("НКО:" / "Руководителям НКО стремиться …"), not whom it asks."""
        self.stack: list[tuple[tuple[str, int], Item]] = []

    def item(self, text: str, number: str | None) -> Item:
        return make_item(text, number, opening_addressee=not self.headed)

    def add(self, style: tuple[str, int], item: Item) -> None:
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

    @property
    def last(self) -> Item | None:
        return self.stack[-1][1] if self.stack else None


def split_operative(units: list[Unit]) -> list[Unit]:
    """ "Собрание постановляет: 6. Приступить …" on one line: the cue ends the preamble and the
    point after it is a point of its own, as if it stood on the next line."""
    result: list[Unit] = []
    for unit in units:
        cue = None if unit.marker or unit.claimed else operative_cue(unit.text)
        rest = unit.text[cue.end() :] if cue and unit.text[cue.start() : cue.end()] == cue.group() else ""
        marker, point = split_marker(rest)
        if cue is None or marker is None:
            result.append(unit)
            continue
        result.append(replace(unit, text=unit.text[: cue.end()]))
        result.append(replace(unit, text=point, marker=marker))
    return result


def read_body(units: list[Unit]) -> Body:
    body = Body()
    last_point = _last_point(units)
    signed = _signature_in_last_point(units, last_point)
    open_list: _List | None = None
    opened_by: tuple[str, int] | None = None
    """Marker style of the numbered heading or intro that opened ``open_list``: a point of
    the same style is its sibling, so it closes the list instead of nesting in it."""
    mode = "recommendations"
    intro: str | None = None
    index = 0
    while index < len(units):
        unit = units[index]
        text = unit.clean
        if not text or unit.claimed:
            index += 1
            continue
        if index > last_point:
            body.tail.append(unit)
            index += 1
            continue
        if is_section_heading(unit):
            # "II. ПРЕДЛОЖЕНИЯ": structure, not a point; it ends the list above. Before any
            # list it is part of the preamble, later it is left for ``unparsed``.
            open_list, opened_by, intro = None, None, None
            if not body.blocks and not body.findings:
                unit.claimed = True
                body.preamble.append(f"{unit.marker} {text}" if unit.marker else text)
            body.trace.append(("section", text))
            index += 1
            continue
        unit.claimed = True
        if _is_block_heading(unit, units, index):
            phrase = heading_phrase(unit.clean) or unit.clean
            text, index = _join_heading(units, index)
            heading = None
            if not text.startswith(phrase.rstrip(" :")):
                heading, text = text, phrase  # "Рекомендовать органам …:" names "органам …"
            block = Block(number=display_number(unit.marker), addressee=heading_party(text), heading=heading)
            body.blocks.append(block)
            open_list, mode = _List(block.items, headed=True), "recommendations"
            opened_by = style_of(unit) if unit.marker else None
            body.trace.append(("heading", text))
            continue
        if text.endswith(":") and _is_intro(unit, units, index):
            kind = intro_kind(text, _next_texts(units, index))
            title = text.rstrip(": ")
            opened_by = style_of(unit) if unit.marker else None
            if kind == "findings":
                section = Section(title=title)
                body.findings.append(section)
                open_list, mode = _List(section.items), "findings"
            else:
                intro, open_list, mode = title, None, "recommendations"
                body.preamble.append(text)
            body.trace.append((f"intro:{kind}", text))
            index += 1
            continue
        if text.endswith(":") and unit.marker is None and open_list is not None:
            # "На основании изложенного … РЕШИЛ:" before points that open lists themselves:
            # it ends the list above and introduces what follows, it does not continue a point.
            intro, open_list, opened_by, mode = text.rstrip(": "), None, None, "recommendations"
            body.preamble.append(text)
            body.trace.append(("intro:recommendations", text))
            index += 1
            continue
        if unit.marker:
            sibling = opened_by is not None and style_of(unit) == opened_by
            if (
                open_list is None
                or sibling
                or (mode == "findings" and style_of(unit) == ("number.", 0) and intro)
            ):
                block = Block()
                body.blocks.append(block)
                open_list, mode, opened_by = _List(block.items), "recommendations", None
            open_list.add(style_of(unit), open_list.item(text, display_number(unit.marker)))
            body.trace.append(("item", text))
            index += 1
            continue
        if open_list is not None and mode == "recommendations" and _starts_unnumbered_point(unit, open_list):
            open_list.add(("plain", 0), open_list.item(text, None))
            body.trace.append(("item", text))
            index += 1
            continue
        if open_list is None and intro is not None and mode == "recommendations" and is_plain_point(text):
            # "По итогам обсуждения рекомендовано:" / "Мэрии города продолжить …" with no numbers
            block = Block()
            body.blocks.append(block)
            open_list, opened_by = _List(block.items), None
            open_list.add(("plain", 0), open_list.item(text, None))
            body.trace.append(("item", text))
            index += 1
            continue
        if open_list is not None and open_list.last is not None:
            last = open_list.last
            last.text = f"{last.text} {text}"
            last.addressee = last.addressee or inline_addressee(text, opening=False)
            if _deadline_line().search(text):  # an explicit "Срок: …" outranks a year in passing
                last.deadline = find_item_deadline(text) or last.deadline
            else:
                last.deadline = last.deadline or find_item_deadline(text)
            body.trace.append(("continued", text))
        else:
            body.preamble.append(text)
            body.trace.append(("preamble", text))
        index += 1
    if signed is not None:
        body.tail.insert(0, signed)
    return body


def _signature_in_last_point(units: list[Unit], last_point: int) -> Unit | None:
    """A last point whose paragraph runs on into the signature ("… до 1 марта. Председатель
    комиссии И.И. Иванов"): the point keeps its text, the signature becomes a unit of the tail."""
    if last_point < 0:
        return None
    unit = units[last_point]
    before, signatory = split_signature(unit.text)
    if signatory is None or not before.strip():
        return None
    unit.text = before
    return Unit(text=f"{signatory.position}\t{signatory.name}", origin=unit.origin)


SECTION_HEADING_MAX = 100


def is_section_heading(unit: Unit) -> bool:
    """A short line in capitals with no verb, numbered or not: "I. ОБЩИЕ ПОЛОЖЕНИЯ".

    Such a line names a part of the document; it is neither a point nor part of one.
    """
    text = unit.clean
    if (unit.marker and is_bullet(unit.marker)) or len(text) > SECTION_HEADING_MAX or text.endswith(":"):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 4 or sum(ch.isupper() for ch in letters) < 0.9 * len(letters):
        return False
    words = morph.WORD.findall(text)
    return not any(morph.is_infinitive(w) or morph.is_predicate(w) for w in words)


def _is_intro(unit: Unit, units: list[Unit], index: int) -> bool:
    """Does this line ending in ":" open a list of its own?

    An unmarked line does, unless the points after it are intros themselves ("Участники
    круглого стола:" → "1) Выделили …:"). A numbered point does only when a cue says so —
    "1) Выделили сильные стороны:" opens findings — otherwise it is a point with sub-points.
    """
    following = _next_nonblank(units, index)
    if unit.marker is None:
        nxt = units[following] if following is not None else None
        return not (nxt and nxt.marker and nxt.clean.endswith(":") and _followed_by_list(units, following))
    if not _followed_by_list(units, index) or is_bullet(unit.marker):
        return False
    recommend, finding = _intro_patterns()
    return bool(finding.search(unit.clean) or recommend.search(unit.clean))


def _starts_unnumbered_point(unit: Unit, open_list: _List) -> bool:
    """Under a heading, a paragraph opening with an infinitive is a point even with no number
    ("Комитету по культуре:" / "Провести фестиваль."), unless numbered points came before."""
    if open_list.last is not None and open_list.stack[0][0] != ("plain", 0):
        return False
    return is_plain_point(unit.clean)


PLAIN_POINT_REACH = 15
"""How many words may stand between a point's addressee and its infinitive."""


def is_plain_point(text: str) -> bool:
    """An unnumbered point: it opens with an infinitive ("Провести фестиваль") or with whom it
    asks, in the dative, followed by one ("Мэрии города продолжить кампанию", "Региональному
    оператору обеспечить …", "Образовательным организациям рекомендуется включить …")."""
    words = morph.WORD.findall(text)[:PLAIN_POINT_REACH]
    if not words:
        return False
    if morph.is_infinitive(words[0]):
        return True
    return (
        morph.can_be(words[0], {"NOUN", "ADJF", "PRTF"}, "datv")
        and not morph.is_predicate(words[0])
        and any(morph.is_infinitive(w) for w in words[1:])
    )


def _last_point(units: list[Unit]) -> int:
    """Index of the last list item or heading: everything after it is the tail. A signature
    after the points ends them: what follows it (an attachment, its stamp, its own numbered
    sections) is not part of the act's points."""
    last = -1
    heading_seen = intro_seen = False
    previous: str | None = None
    for index, unit in enumerate(units):
        if unit.claimed or unit.blank:
            continue
        if last >= 0 and is_signature(unit.text, previous):
            break
        previous = unit.text
        if is_section_heading(unit):
            continue
        first = morph.WORD.search(unit.clean)
        if unit.marker or (heading_phrase(unit.clean) and _followed_by_list(units, index)):
            last = index
        elif heading_phrase(unit.clean) and unit.clean.endswith(":"):
            last, heading_seen = index, True
        elif heading_seen and first and morph.is_infinitive(first.group()):
            last = index
        elif last >= 0 and _deadline_line().search(unit.clean):
            last = index  # "Срок: …" under the last point is still that point
        elif unit.clean.endswith(":"):
            intro_seen = True
        elif intro_seen and is_plain_point(unit.clean):
            last = index
    return last


def _is_block_heading(unit: Unit, units: list[Unit], index: int) -> bool:
    if not heading_phrase(unit.clean):
        return False
    if unit.marker and is_bullet(unit.marker):
        return False
    return _followed_by_list(units, index) or unit.clean.endswith(":")


def _next_nonblank(units: list[Unit], index: int) -> int | None:
    for following in range(index + 1, len(units)):
        if not units[following].blank:
            return following
    return None


def _followed_by_list(units: list[Unit], index: int) -> bool:
    """A heading or intro is followed by points, possibly after its own continuation line."""
    unit = units[index]
    following = _next_nonblank(units, index)
    for _ in range(2):
        if following is None:
            return False
        candidate = units[following]
        if candidate.marker:
            if unit.marker and not is_bullet(unit.marker) and not is_bullet(candidate.marker):
                return marker_depth(candidate.marker) > marker_depth(unit.marker)
            return True
        following = _next_nonblank(units, following)
    return False


def _join_heading(units: list[Unit], index: int) -> tuple[str, int]:
    """A heading may run over two lines ("Комиссии по … информации" / "Общественной палаты …")."""
    text = units[index].clean
    following = index + 1
    while (
        following < len(units)
        and not text.endswith(":")
        and not units[following].blank
        and not units[following].marker
        and len(units[following].clean) < HEADING_JOIN_MAX
        and (_continues_line(units[following].clean) or not heading_phrase(units[following].clean))
        and not any(
            morph.is_predicate(w) or morph.is_infinitive(w)
            for w in morph.WORD.findall(units[following].clean)
        )
    ):
        units[following].claimed = True
        text = f"{text} {units[following].clean}"
        following += 1
    return text.rstrip(" :"), following


def _continues_line(text: str) -> bool:
    """A line that cannot open a sentence: it starts in lower case, with "(" or with ","."""
    return bool(text) and (text[0].islower() or text[0] in "(,")


def _next_texts(units: list[Unit], index: int) -> list[str]:
    texts = []
    for unit in units[index + 1 :]:
        if unit.marker:
            texts.append(unit.clean)
        elif not unit.blank and texts:
            break
        if len(texts) == 3:
            break
    return texts
