"""What the hand-written sets' rendering scripts share: unwrapping a text's lines into paragraphs,
and the Word and PDF pieces they are set with (a centred title, a borderless two-column table,
Word's restarted automatic numbering, words wrapped to a table column)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

TOP = re.compile(r"^(\d+)\.\s+(?!\d)")
"""A top-level typed number ("3. "), which Word's automatic numbering replaces."""


def unwrap(lines: list[str], new_para: re.Pattern[str], semicolon_ends: bool = False) -> list[str]:
    """Unwrap hard-wrapped lines: a line continues the previous one unless it starts a point
    (``new_para``), the previous ends in ":" or a sentence ends before a capital (with
    ``semicolon_ends``, ";" ends a paragraph whatever follows)."""
    out: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            if out and out[-1] != "":
                out.append("")
            continue
        if semicolon_ends:
            sentence = out and (out[-1].endswith(";") or (out[-1].endswith(".") and line[0].isupper()))
        else:
            sentence = out and out[-1].endswith((".", ";")) and line[0].isupper()
        if out and out[-1] and not new_para.match(line) and not out[-1].endswith(":") and not sentence:
            out[-1] += " " + line
        else:
            out.append(line)
    return [p for p in out if p]


def body_lines(here: Path, stem: str, spec: dict[str, Any]) -> list[str]:
    """The lines of ``inputs/<stem>.txt`` from ``spec["start"]`` up to ``spec["end"]``, without
    the lines starting with ``spec["drop"]``."""
    lines = (here / "inputs" / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(spec["start"]))
    end = len(lines)
    if spec.get("end"):
        end = next(i for i, line in enumerate(lines) if i > start and line.startswith(spec["end"]))
    drop = spec.get("drop", ())
    return [line for line in lines[start:end] if not drop or not line.strip().startswith(drop)]


def new_document() -> Any:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    return doc


def centred(doc: Any, text: str, bold: bool = True) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(text).bold = bold


def borderless(doc: Any, rows: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=2)  # the default table style has no borders
    for row, (left, right) in zip(table.rows, rows, strict=True):
        row.cells[0].text = left
        row.cells[1].text = right
        row.cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def restart(doc: Any) -> Any:
    """A new Word list instance of the List Number definition that starts again at 1."""
    numbering = doc.part.numbering_part.element
    style_num = doc.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return num.numId


def numbered(paragraph: Any, num_id: int, level: int = 0) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def wrap(maker: Any, text: str, width: float, size: float, pad: float, bold: bool = False) -> list[str]:
    """``text``'s words in lines that fit a table column ``width`` wide, ``pad`` on each side."""
    lines: list[str] = []
    for word in text.split():
        if lines and maker.width_of(f"{lines[-1]} {word}", size, bold) <= width - 2 * pad:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


_LINE_MARKS = {"^ ": "c", "> ": "r", "~ ": "chrome", "= ": "dn", "@ ": "sig"}
"""The marks of the sets' line markup: ``^`` centred, ``>`` right-aligned, ``~`` site chrome,
``=`` two borderless cells (date | number), ``@`` a signature (position | name)."""


def parse_markup(source: str) -> list[tuple]:
    """The elements of a document written in the sets' line markup, (kind, payload…): the marks
    above, ``@@`` a second signature column, ``| a | b`` a ruled table row, ``---`` a page break,
    ``.`` a blank paragraph, anything else a paragraph ("p") with its number typed."""
    out: list[tuple] = []
    for raw in source.strip().splitlines():
        line = raw.rstrip()
        mark, rest = line[:2], line[2:]
        if line == "---":
            out.append(("pb",))
        elif line.startswith("@@ "):
            out.append(("sig2", *line[3:].split(" | ")))
        elif mark in _LINE_MARKS:
            kind = _LINE_MARKS[mark]
            out.append((kind, *rest.split(" | ")) if kind in ("dn", "sig") else (kind, rest))
        elif mark == "| ":
            row = rest.split(" | ")
            if out and out[-1][0] == "tab":
                out[-1][1].append(row)
            else:
                out.append(("tab", [row]))
        elif line == ".":
            out.append(("blank", ""))
        elif line:
            out.append(("p", line))
    return out
