"""The options the commands share, and the parsing of repeated ones."""

from __future__ import annotations

from pathlib import Path
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


def cores() -> int:
    """The cores this process may use (the default number of ``batch`` workers)."""
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


JobsOption = Annotated[
    Optional[int],
    typer.Option("--jobs", "-j", help="Parallel workers.", show_default=f"all cores, {cores()} here"),
]
EngineOption = Annotated[
    str,
    typer.Option(
        "--engine",
        help="Where documents are read: local (worker processes here) or dask (a Dask cluster; "
        "pip install 'resparse\\[dask]').",
    ),
]
SchedulerOption = Annotated[
    Optional[str],
    typer.Option(
        "--scheduler",
        help="With --engine dask: the scheduler's address (tcp://host:8786); without it a local "
        "cluster of --jobs workers starts here.",
    ),
]
ZipEncodingOption = Annotated[
    Optional[str],
    typer.Option(
        "--zip-encoding", help="Encoding of ZIP member names without the UTF-8 flag (default cp866)."
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]
InputsArgument = Annotated[
    list[Path],
    typer.Argument(
        metavar="INPUTS",
        help="Files, folders (recursive) and archives (.zip, .tar.*, .7z); - reads a document "
        "or an archive from stdin.",
    ),
]
