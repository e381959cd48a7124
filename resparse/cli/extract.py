"""``resparse extract``, ``layout`` and ``schema``: one document at a time."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from resparse.cli.app import app
from resparse.cli.common import check_ocr, checked_limits, page_seconds
from resparse.cli.io import extract_job, guarded, layout_job, read_each, write
from resparse.cli.options import (
    BudgetOption,
    DebugOption,
    FormatOption,
    MaxFileOption,
    MaxMemoryOption,
    MaxPagesOption,
    MaxPartOption,
    OcrOption,
)


@app.command()
def extract(
    files: Annotated[
        list[str], typer.Argument(help="Documents to read (.docx, .pdf, .txt, …); - reads stdin.")
    ],
    fmt: FormatOption = None,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output", "-o", help="Write to this file instead of stdout; .json, .yaml/.yml, .jsonl set -f."
        ),
    ] = None,
    max_pages: MaxPagesOption = 500,
    max_part_mb: MaxPartOption = 200,
    max_file_mb: MaxFileOption = 200,
    ocr: OcrOption = "auto",
    timeout: BudgetOption = None,
    max_memory_mb: MaxMemoryOption = 2048,
    debug: DebugOption = False,
) -> None:
    """Extract structured data from documents: one JSON object per document.

    Example: resparse extract report.pdf -o report.yaml
    """
    import functools

    import resparse.pipeline  # noqa: F401  (imported once here, inherited by the forked worker)

    fmt = _output_format(fmt, output)
    check_ocr(ocr)
    limits = checked_limits(max_pages, max_part_mb, max_file_mb, timeout, max_memory_mb)
    job = functools.partial(extract_job, ocr=ocr)
    outcomes = read_each(files, limits, debug, job, page_seconds(timeout, ocr))
    documents = [document for document in outcomes if document is not None]
    shown = not documents or _show(documents, fmt, output, debug, as_list=len(files) > 1)
    raise typer.Exit(1 if len(documents) < len(files) or not shown else 0)


def _show(documents: list, fmt: str | None, output: Path | None, debug: bool, as_list: bool) -> bool:  # type: ignore[type-arg]
    """A readable view on a terminal, else the chosen format to ``output`` or stdout; False when
    the output could not be written."""
    if fmt is None and output is None and sys.stdout.isatty():
        from rich.console import Console

        from resparse.view import document_view

        console = Console()
        for document in documents:
            console.print(document_view(document))
        return True
    from resparse.emit import dumps

    text = guarded(str(output or "-"), debug, lambda: dumps(documents, fmt or "json", as_list=as_list))  # type: ignore[arg-type]
    return text is not None and write(text, output)


SUFFIX_FORMATS = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".jsonl": "jsonl"}


def _output_format(fmt: str | None, output: Path | None) -> str | None:
    """``-f`` if given, else what the extension of ``-o`` says; the two disagreeing is a usage error."""
    if fmt is not None and fmt not in ("json", "yaml", "jsonl"):
        raise typer.BadParameter("use json, yaml or jsonl", param_hint="--format")
    implied = SUFFIX_FORMATS.get(output.suffix.lower()) if output is not None else None
    if fmt is not None and implied is not None and fmt != implied:
        raise typer.BadParameter(
            f"-f {fmt} but --output {output} says {implied}: drop one or make them agree",
            param_hint="--format",
        )
    return fmt or implied


@app.command()
def layout(
    file: Annotated[str, typer.Argument(help="Document to show; - reads stdin.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also list which rule claimed each text, and a roadmap's table row by row "
            '(with -f json: a "rules" list).',
        ),
    ] = False,
    max_pages: MaxPagesOption = 500,
    max_part_mb: MaxPartOption = 200,
    max_file_mb: MaxFileOption = 200,
    timeout: BudgetOption = None,
    max_memory_mb: MaxMemoryOption = 2048,
    debug: DebugOption = False,
) -> None:
    """Show what resparse read from a file: blocks, list numbers, tables, pages.

    Example: resparse layout report.docx --explain
    """
    import functools

    import resparse.extract  # noqa: F401  (imported once here, inherited by the forked worker)

    if fmt not in ("text", "json"):
        raise typer.BadParameter("use text or json", param_hint="--format")
    limits = checked_limits(max_pages, max_part_mb, max_file_mb, timeout, max_memory_mb)
    job = functools.partial(layout_job, fmt=fmt, explain=explain)
    [text] = read_each([file], limits, debug, job, page_seconds(timeout, "auto"))
    raise typer.Exit(0 if text is not None and write(text, None) else 1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output (generated from the models).

    Example: resparse schema > resparse.schema.json
    """
    import json

    from resparse.emit import schema as output_schema

    typer.echo(json.dumps(output_schema(), ensure_ascii=False, indent=2))
