"""The options the commands share, and the parsing of repeated ones."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

FormatOption = Annotated[
    Optional[str],
    typer.Option(
        "--format",
        "-f",
        help="json, yaml or jsonl (default: the extension of --output; else a view on a terminal, "
        "json when piped).",
    ),
]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")]
MaxPagesOption = Annotated[int, typer.Option("--max-pages", help="Most PDF pages read from one document.")]
MaxPartOption = Annotated[
    int, typer.Option("--max-part-mb", help="Largest decompressed DOCX part or archive member, MB.")
]
BudgetOption = Annotated[
    Optional[float],
    typer.Option(
        "--timeout",
        help="CPU seconds one document may take before it is stopped (default: 60, plus 10 for each "
        "page of a PDF, which may need OCR; a value given holds for every document).",
        show_default=False,
    ),
]
MaxFileOption = Annotated[int, typer.Option("--max-file-mb", help="Largest input file read, MB.")]
MaxMemoryOption = Annotated[
    int,
    typer.Option(
        "--max-memory-mb", help="Address space of the process reading one document, MB (2048 by default)."
    ),
]
OcrOption = Annotated[
    str,
    typer.Option("--ocr", help="When to OCR PDFs: auto (pages with no text layer), always, never."),
]
OCR_MODES = ("auto", "always", "never")


def split_values(values: list[str] | None) -> list[str]:
    """Repeated options, each possibly comma-separated: ``--field items,kind --field date``."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def parse_minimums(values: list[str] | None) -> dict[str, float]:
    from resparse.evaluate import FIELDS

    minimums = {}
    for value in split_values(values):
        key, _, number = value.partition("=")
        try:
            minimum = float(number)
        except ValueError:
            minimum = -1.0
        if key not in FIELDS or not 0 <= minimum <= 1:
            raise typer.BadParameter(
                f"{value!r}: use FIELD=VALUE, VALUE 0…1, FIELD one of {', '.join(FIELDS)}"
            )
        minimums[key] = minimum
    return minimums
