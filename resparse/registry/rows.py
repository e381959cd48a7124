"""A :class:`~resparse.models.Document` → its obligations: one row per point (nested points too)
and per roadmap row, each carrying what a control-of-execution card asks for.

- assignee: the point's own addressee, else its parent's, else its block's; for a roadmap row
  its responsible executors (the first is the row's organisation);
- co-assignees: executors with the role "involved";
- supervisor: "Контроль за исполнением … возложить на …" in the document; "… оставляю за
  собой" names the signatory (cues in ``grammars/orgs.yaml``);
- issued by: the adopting body (letterhead) and the signatory; parts: the nested points.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from resparse.models import Deadline, Document, Item, Party, Position, RoadmapRow
from resparse.rules import load

SUPERVISOR_MAX = 200
"""Longest supervisor phrase kept (characters): a cue that runs on is cut here."""


@dataclass
class Obligation:
    """One row of the registry, before it has organisation ids."""

    seq: int
    """Order within the document (1-based, reading order)."""
    origin: str
    """ "item" (a point) or "roadmap" (a plan row)."""
    number: str | None
    text: str
    addressee: Party | None = None
    assignees: list[str] = field(default_factory=list)
    """Nominative names of the organisations asked (a roadmap row may name several)."""
    co_assignees: list[str] = field(default_factory=list)
    section: str | None = None
    result: str | None = None
    deadline: Deadline | None = None
    executors: list[dict[str, str]] = field(default_factory=list)
    parent: int | None = None
    """``seq`` of the point this one is a part of."""
    parts: int = 0
    position: Position | None = None


@dataclass
class Issued:
    """What the document as a whole says about its obligations."""

    issued_by: str | None
    signatory: str | None
    supervisor: str | None


def obligations(document: Document) -> list[Obligation]:
    """Every point (depth first, in reading order) and every roadmap row of ``document``."""
    found: list[Obligation] = []
    for block in document.recommendations:
        for item in block.items:
            _walk(item, block.addressee, None, found)
    for row in document.roadmap:
        found.append(_roadmap(row, len(found) + 1))
    return found


def _walk(item: Item, inherited: Party | None, parent: int | None, found: list[Obligation]) -> None:
    addressee = item.addressee or inherited
    row = Obligation(
        seq=len(found) + 1,
        origin="item",
        number=item.number,
        text=item.text,
        addressee=addressee,
        assignees=[addressee.name] if addressee else [],
        deadline=item.deadline,
        parent=parent,
        parts=len(item.items),
        position=item.position,
    )
    found.append(row)
    for child in item.items:
        _walk(child, addressee, row.seq, found)


def _roadmap(row: RoadmapRow, seq: int) -> Obligation:
    responsible = [e.name for e in row.executors if e.role == "responsible"]
    involved = [e.name for e in row.executors if e.role == "involved"]
    first = next((e for e in row.executors if e.role == "responsible"), None)
    section = " ".join(filter(None, (row.section.number, row.section.title))) if row.section else None
    return Obligation(
        seq=seq,
        origin="roadmap",
        number=row.number,
        text=row.action,
        addressee=Party(text=first.text or first.name, name=first.name) if first else None,
        assignees=responsible,
        co_assignees=involved,
        section=section,
        result=row.result,
        deadline=row.deadline,
        executors=[{"name": e.name, "role": e.role} for e in row.executors],
        position=row.position,
    )


def issued(document: Document) -> Issued:
    """Issuer, signatory and supervisor of a document's obligations."""
    signer = document.signatories[-1] if document.signatories else None
    signatory = " ".join(filter(None, (signer.position, signer.name))) if signer else None
    return Issued(
        issued_by=document.issuer or signatory,
        signatory=signatory,
        supervisor=supervisor(document, signatory),
    )


@cache
def _cues() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    data = load("orgs")
    named = [re.compile(cue, re.I) for cue in data.get("supervisor_cues") or []]
    self_ = [re.compile(cue, re.I) for cue in data.get("supervisor_self") or []]
    return named, self_


def supervisor(document: Document, signatory: str | None) -> str | None:
    """The body or person charged with control of execution, in the nominative where it can be."""
    from resparse.structure.parties import party

    named, self_ = _cues()
    for text in _texts(document):
        for cue in named:
            found = cue.search(text)
            if found:
                who = found.group("who").strip(" ,")[:SUPERVISOR_MAX]
                return party(who, "accs").name
        if signatory and any(cue.search(text) for cue in self_):
            return signatory
    return None


def _texts(document: Document) -> list[str]:
    texts: list[str] = []
    stack = [item for block in document.recommendations for item in block.items]
    while stack:
        item = stack.pop()
        texts.append(item.text)
        stack.extend(item.items)
    return [*texts, *(document.unparsed or []), document.preamble or ""]
