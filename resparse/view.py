"""Views for people: a document as a rich tree and tables, a layout as numbered lines, an evaluation.

Only the CLI uses this module; machines get JSON from :mod:`resparse.emit`.
"""

from __future__ import annotations

import statistics

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table as RichTable
from rich.text import Text
from rich.tree import Tree

from resparse.errors import terminal_text
from resparse.evaluate import SUMMARY_FIELDS, DocumentScore, Report, below, ordered
from resparse.layout import Layout, Paragraph
from resparse.models import Document, Item


def document_view(document: Document) -> RenderableType:
    document = Document.model_validate(_escaped(document.model_dump()))  # no control codes reach the terminal
    parts: list[RenderableType] = []
    heading = Text()
    heading.append(f"{document.kind.upper()}  ", style="bold cyan")
    heading.append(document.title or "(no title)", style="bold")
    facts = [
        f"{label}: {value}"
        for label, value in (
            ("date", document.date),
            ("place", document.place),
            ("topic", document.topic),
            ("source", f"{document.source.path} ({document.source.format})"),
        )
        if value
    ]
    parts.append(Panel(Group(heading, Text("\n".join(facts), style="dim"))))
    for section in document.findings:
        tree = Tree(Text(f"Findings: {section.title}", style="bold magenta"))
        _add_items(tree, section.items)
        parts.append(tree)
    for block in document.recommendations:
        label = block.addressee.name if block.addressee else "(no addressee)"
        number = f"{block.number}. " if block.number else ""
        tree = Tree(Text(f"{number}{label}", style="bold green"))
        _add_items(tree, block.items)
        parts.append(tree)
    if document.roadmap:
        table = RichTable("№", "Action", "Result", "Deadline", "Executors", title="Roadmap", show_lines=True)
        section = None
        for row in document.roadmap:
            if row.section and row.section != section:
                section = row.section
                table.add_row(section.number or "", Text(section.title, style="bold"), "", "", "")
            deadline = ""
            if row.deadline:
                span = f"{row.deadline.start or '…'} – {row.deadline.end or '…'}"
                deadline = f"{row.deadline.text}\n[dim]{row.deadline.recurrence or span}[/dim]"
            executors = "\n".join(
                e.name + (" [dim](involved)[/dim]" if e.role == "involved" else "") for e in row.executors
            )
            table.add_row(row.number or "", row.action, row.result or "", deadline, executors)
        parts.append(table)
    for signatory in document.signatories:
        parts.append(Text(f"✍ {signatory.position or ''} — {signatory.name}", style="italic"))
    for text in document.unparsed:
        parts.append(Text(f"unparsed: {text}", style="dim red"))
    for warning in document.warnings:
        parts.append(Text(f"warning: {warning}", style="yellow"))
    return Group(*parts)


def _add_items(tree: Tree, items: list[Item]) -> None:
    for item in items:
        label = Text(f"{item.number}. " if item.number else "• ", style="bold")
        label.append(item.text)
        if item.addressee:
            label.append(f"  → {item.addressee.name}", style="green")
        if item.deadline:
            label.append(f"  ⏱ {item.deadline.text}", style="cyan")
        _add_items(tree.add(label), item.items)


def roadmap_explanation(document: Document) -> list[tuple[str, str]]:
    """``(rule, text)`` pairs for a roadmap: the columns read, each section, each row field by field."""
    if not document.roadmap:
        return []
    pairs = [("roadmap-columns", " | ".join(document.roadmap_columns))]
    section = None
    for row in document.roadmap:
        if row.section is not None and row.section != section:
            pairs.append(("roadmap-section", f"{row.section.number or ''} {row.section.title}".strip()))
        section = row.section
        fields = [f"{row.number or '—'}  action «{row.action}»"]
        if row.result:
            fields.append(f"result «{row.result}»")
        if row.deadline:
            span = f" = {row.deadline.start}…{row.deadline.end}" if row.deadline.end else ""
            fields.append(f"deadline «{row.deadline.text}»{span}")
        if row.executors:
            fields.append("executors " + "; ".join(f"{e.name} ({e.role})" for e in row.executors))
        fields.extend(f"{key} «{value}»" for key, value in row.extra.items())
        pairs.append(("roadmap-row", " · ".join(fields)))
    return pairs


def layout_lines(layout: Layout, trace: dict[int, str] | None = None) -> list[str]:
    """The layout as plain lines: block index, page/line, hints, marker and text."""
    source = layout.source
    lines = [f"# {source.path}  format={source.format}  pages={source.pages}  sha256={source.sha256[:12]}…"]
    for index, block in enumerate(layout.blocks):
        where = block.where
        place = f"p{where.page}" if where.page else (f"l{where.line}" if where.line else f"#{where.index}")
        if isinstance(block, Paragraph):
            if not block.text:
                lines.append(f"{index:4d} {place:>5}  ¶")
                continue
            hints = "".join(
                flag for flag, on in (("B", block.bold), ("C", block.centered), ("U", block.caps)) if on
            )
            marker = f"{'  ' * block.level}{block.marker} " if block.marker else ""
            source_mark = "*" if block.marker_source == "auto" else ""
            rule = f"  [{trace[index]}]" if trace and index in trace else ""
            text = block.text.replace("\t", " ⇥ ").replace("\n", " ↵ ")
            lines.append(f"{index:4d} {place:>5} {hints:>3} {source_mark}{marker}{text}{rule}")
        else:
            kind = "table (borderless)" if block.borderless else "table"
            lines.append(f"{index:4d} {place:>5}  ┌ {kind}: {len(block.rows)} rows")
            for number, row in enumerate(block.rows):
                cells = " │ ".join(
                    (c.text.replace("\n", " ↵ ") + (f" ⟨span {c.span}⟩" if c.span > 1 else ""))
                    for c in row.cells
                )
                head = "H" if row.header else " "
                page = f"p{row.where.page}" if row.where.page else ""
                lines.append(f"          │ {head}{number:3d} {page:>4} │ {cells}")
            lines.append("          └")
    for warning in layout.warnings:
        lines.append(f"warning: {warning}")
    return [terminal_text(line) for line in lines]


def _escaped(data: object) -> object:
    """Every string in dumped data with control characters escaped."""
    if isinstance(data, str):
        return terminal_text(data)
    if isinstance(data, dict):
        return {key: _escaped(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_escaped(value) for value in data]
    return data


def _cells(document: DocumentScore) -> str:
    cells = [
        f"cov={score.recall:.3f}" if key == "coverage" else f"{key}={score.f1:.2f}"
        for key, score in document.fields.items()
    ]
    return " ".join(cells) + (" FAILED" if document.failed else "")


def _format_table(report: Report) -> list[str]:
    formats = sorted(report.formats)
    lines = [f"{'per format (F1)':22s} " + " ".join(f"{fmt:>10s}" for fmt in formats)]
    for key in ordered(report.fields):
        values = [report.formats[fmt].get(key) for fmt in formats]
        lines.append(f"{key:22s} " + " ".join(f"{v.f1:10.3f}" if v else f"{'-':>10s}" for v in values))
    return lines


def evaluation_lines(
    report: Report, *, verbose: bool = False, minimums: dict[str, float] | None = None
) -> list[str]:
    """The text report: per-document lines (``verbose``), the field table, per format, the summary."""
    lines = [f"{d.name:45s} {_cells(d)}" for d in report.documents] + [""] if verbose else []
    lines.append(f"{'metric':22s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>6s} {'gold':>6s} {'pred':>6s}")
    for key in ordered(report.fields):
        s = report.fields[key]
        lines.append(
            f"{key:22s} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:6d} {s.gold:6d} {s.pred:6d}"
        )
    lines += ["", *_format_table(report)] if report.formats else []
    seconds = sorted(d.seconds for d in report.documents)
    median = f" median_s={statistics.median(seconds):.2f}" if seconds else ""
    unmatched = f" no_gold={len(report.unmatched)}" if report.unmatched else ""
    lines.append(f"files={len(report.documents)} failed={len(report.failures)}{unmatched}{median}")
    short = below(report, minimums or {})
    summary = report.summary
    line = " ".join(f"{k}={summary[k]:.2f}" for k in SUMMARY_FIELDS if k in summary)
    lines.append(
        ("SHORT " + " ".join(short) + " | " if short else "") + f"failed={len(report.failures)} {line}"
    )
    return lines
