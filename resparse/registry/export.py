"""Exports of obligation rows: one function per format, chosen by the output's extension.

- ``.csv``: UTF-8 with a byte-order mark (so spreadsheet programs read Cyrillic), a header row;
- ``.xlsx``: openpyxl, a bold header row, an auto-filter over the data and frozen panes;
- ``.jsonl``: one JSON object a line, the same keys.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from resparse.registry.query import COLUMNS

XLSX_WIDTH_MAX = 60
"""Widest column of an XLSX export, in characters; longer texts wrap."""
XLSX_SAMPLE_ROWS = 200
"""How many rows are measured to size the XLSX columns."""

Row = dict[str, Any]


def write_csv(rows: Iterable[Row], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def write_jsonl(rows: Iterable[Row], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_xlsx(rows: Iterable[Row], path: Path) -> int:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "obligations"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(name) for name in COLUMNS]
    count = 0
    for count, row in enumerate(rows, 1):
        values = [row.get(name) for name in COLUMNS]
        sheet.append(values)
        if count <= XLSX_SAMPLE_ROWS:
            widths = [max(w, len(str(v or ""))) for w, v in zip(widths, values, strict=True)]
    for position, width in enumerate(widths, 1):
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = min(width + 2, XLSX_WIDTH_MAX)
        if width > XLSX_WIDTH_MAX:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=position, max_col=position):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    sheet.freeze_panes = "A2"
    book.save(path)
    return count


WRITERS: dict[str, Callable[[Iterable[Row], Path], int]] = {
    ".csv": write_csv,
    ".xlsx": write_xlsx,
    ".jsonl": write_jsonl,
}
"""Export formats by extension."""


def export(rows: Iterable[Row], path: Path) -> int:
    """Write ``rows`` to ``path`` in the format its extension names; the number of rows written."""
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise ValueError(f"{path}: export to {', '.join(WRITERS)}, not {path.suffix or 'no extension'}")
    return writer(rows, path)
