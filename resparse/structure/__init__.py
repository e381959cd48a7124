"""Structure stage: :class:`~resparse.layout.Layout` → :class:`~resparse.models.Document`.

    roadmap tables  → roadmap rows          (roadmap.py)
    the rest        → units                 (units.py)
    top units       → kind, title, date…    (header.py)
    body units      → preamble, findings, blocks  (blocks.py, addressees.py, dates.py)
    tail units      → signatories           (signatures.py)
    all text        → abbreviations         (abbreviations.py)

Whatever no rule claims is listed in ``unparsed`` with a warning: nothing is dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from resparse.layout import Layout, Table
from resparse.models import Document, RoadmapRow
from resparse.structure.abbreviations import find_abbreviations
from resparse.structure.blocks import Body, read_body
from resparse.structure.body_lines import split_operative
from resparse.structure.dates import find_date
from resparse.structure.header import Header, read_header
from resparse.structure.labelled_rows import rows_from_points
from resparse.structure.letter import ask_recipient, unzip_letterhead
from resparse.structure.provenance import locate
from resparse.structure.roadmap import columns, is_roadmap, parse_roadmap
from resparse.structure.run_in import split_run_in
from resparse.structure.signatures import read_signatures
from resparse.structure.text_tables import rebuild_tables
from resparse.structure.title import kind_of, topic_of
from resparse.structure.units import Unit, clean, flatten

__all__ = ["build_document", "explain"]


def build_document(layout: Layout) -> Document:
    document, _ = _build(layout)
    return document


def explain(layout: Layout) -> list[tuple[str, str]]:
    """(rule, text) pairs: which rule claimed each piece of text, in document order."""
    _, trace = _build(layout)
    return trace


@dataclass
class _Roadmap:
    """The roadmap tables' rows, their columns, and what of them no rule understood."""

    tables: set[int] = field(default_factory=set)
    rows: list[RoadmapRow] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)

    def cells(self, layout: Layout) -> list[str]:
        return [
            clean(cell.text)
            for i in sorted(self.tables)
            for row in layout.blocks[i].rows
            for cell in row.cells
        ]


def _read_roadmaps(layout: Layout) -> _Roadmap:
    found = _Roadmap(
        tables={i for i, b in enumerate(layout.blocks) if isinstance(b, Table) and is_roadmap(b)}
    )
    for index in sorted(found.tables):
        rows, leftover = parse_roadmap(layout.blocks[index])  # type: ignore[arg-type]
        found.rows.extend(rows)
        header = columns(layout.blocks[index])  # type: ignore[arg-type]
        if not found.columns:
            found.columns = header
        elif header != found.columns:
            found.unparsed.append(" | ".join(header))  # a second roadmap table with other columns
        found.unparsed.extend(leftover)
    return found


def _build(layout: Layout) -> tuple[Document, list[tuple[str, str]]]:
    layout = rebuild_tables(layout)
    roadmap = _read_roadmaps(layout)
    units = unzip_letterhead(split_operative(split_run_in(flatten(layout, roadmap.tables))))
    first_table = min(roadmap.tables, default=None)
    stop = next(
        (i for i, u in enumerate(units) if first_table is not None and u.origin > first_table), len(units)
    )
    header = read_header(units, stop)
    body = read_body(units[header.end :])
    body.blocks, asked = ask_recipient(body.blocks, header.recipient)
    header.notes += [] if asked else header.recipient  # a letter that asks nothing still names it
    signatories, tail_left = read_signatures(body.tail)
    date, date_text = (header.date, header.date_text) if header.date else _date_in(tail_left)
    all_text = [u.text for u in units] + roadmap.cells(layout)  # units already hold the other tables
    unparsed = [*roadmap.unparsed, *header.other_lines]
    unparsed += [
        _with_marker(u) for u in units[header.end :] if not u.claimed and not u.blank and u not in body.tail
    ]
    unparsed += tail_left
    kind = _kind(header, body, bool(roadmap.rows), all_text)
    if kind == "roadmap" and not roadmap.rows and (rows := rows_from_points(body.blocks)):
        roadmap.rows, body.blocks = rows, []  # a plan written as points with "Срок:" / "Ответственный:"
    document = Document(
        source=layout.source,
        kind=kind,  # type: ignore[arg-type]
        title=header.title,
        topic=topic_of(header.title),
        date=date,
        date_text=date_text,
        place=header.place,
        issuer=header.issuer,
        number=header.number,
        approval=header.approval,
        preamble="\n".join(body.preamble) or None,
        findings=body.findings,
        recommendations=body.blocks,
        roadmap=roadmap.rows,
        roadmap_columns=roadmap.columns,
        signatories=signatories,
        abbreviations=find_abbreviations(all_text),
        unparsed=unparsed,
        warnings=[*layout.warnings, *_warnings(body, roadmap.rows, unparsed)],
    )
    locate(document, layout, units)
    return document, _trace(header, body, document)


def _kind(header: Header, body: Body, has_roadmap: bool, all_text: list[str]) -> str:
    """The document's kind; a letter (it has a recipient) asks, it is no act: "other"."""
    preamble = body.preamble[0] if body.preamble else None
    kind = kind_of(header.title, "\n".join(all_text), has_roadmap, bool(body.blocks), preamble)
    return "other" if header.recipient and kind != "roadmap" else kind


def _trace(header: Header, body: Body, document: Document) -> list[tuple[str, str]]:
    """(rule, text) for every piece of text, in order: what ``--explain`` shows."""
    header_lines = (
        header.letterhead + header.stamp + header.recipient + header.title_lines + header.place_lines
    )
    trace = [("header", line) for line in header_lines] + body.trace
    trace += [("signature", s.name) for s in document.signatories]
    return trace + [("unparsed", text) for text in document.unparsed]


def _with_marker(unit: Unit) -> str:
    return f"{unit.marker} {unit.clean}" if unit.marker else unit.clean


def _date_in(lines: list[str]) -> tuple[dt.date | None, str | None]:
    """A date in the closing lines ("Участники заседания круглого стола 28.09.23 г.")."""
    for line in lines:
        found = find_date(line)
        if found:
            return found, None
    return None, None


def _warnings(body: Body, roadmap: list[RoadmapRow], unparsed: list[str]) -> list[str]:
    warnings = []
    if not body.blocks and not body.findings and not roadmap:
        warnings.append(
            "no recommendations, findings or roadmap rows recognised: the text is in preamble/unparsed"
        )
    if unparsed:
        one = len(unparsed) == 1
        warnings.append(
            f"{len(unparsed)} {'piece' if one else 'pieces'} of text matched no rule and "
            f"{'is' if one else 'are'} listed in unparsed"
        )
    return warnings
