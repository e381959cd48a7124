"""``resparse evaluate``: outputs scored against gold, per field."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from resparse.cli.app import app
from resparse.cli.common import check_ocr, limits_from
from resparse.cli.io import say, write
from resparse.cli.options import (
    DebugOption,
    MaxFileOption,
    MaxPagesOption,
    MaxPartOption,
    OcrOption,
    TimeoutOption,
    parse_minimums,
    split_values,
)


@app.command()
def evaluate(
    gold_dir: Annotated[
        Path, typer.Argument(metavar="GOLD_DIR", help="Folder of gold documents, <stem>.json each.")
    ],
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="INPUTS", help="Files and folders; C001.txt, C001.pdf, … score against C001.json."
        ),
    ],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also one line per document.")] = False,
    json_out: Annotated[
        Optional[Path], typer.Option("--json", help="Also write the full report as JSON here.")
    ] = None,
    minimum: Annotated[
        Optional[list[str]],
        typer.Option("--min", help="FIELD=VALUE: exit 1 when the field's micro F1 is below (repeatable)."),
    ] = None,
    field: Annotated[
        Optional[list[str]], typer.Option("--field", help="Score only these fields (repeatable, a,b).")
    ] = None,
    only: Annotated[
        Optional[list[str]], typer.Option("--only", help="Only inputs whose name matches (*.pdf; a,b).")
    ] = None,
    skip: Annotated[
        Optional[list[str]], typer.Option("--skip", help="Leave out inputs whose name matches.")
    ] = None,
    max_pages: MaxPagesOption = 500,
    max_part_mb: MaxPartOption = 200,
    max_file_mb: MaxFileOption = 200,
    ocr: OcrOption = "auto",
    timeout: TimeoutOption = 60.0,
    debug: DebugOption = False,
) -> None:
    """Score outputs against gold: precision, recall and F1 per field, micro-averaged over documents.

    Example: resparse evaluate tests/corpus/gold tests/corpus/inputs -v
    """
    from resparse.evaluate import FIELDS
    from resparse.evaluate import evaluate as run

    check_ocr(ocr)
    minimums, fields = parse_minimums(minimum), split_values(field)
    if not gold_dir.is_dir():
        raise typer.BadParameter("not a folder", param_hint="GOLD_DIR")
    if set(fields) - set(FIELDS):
        raise typer.BadParameter(f"use some of {', '.join(FIELDS)}", param_hint="--field")
    report = run(
        gold_dir,
        inputs,
        limits=limits_from(max_pages, max_part_mb, max_file_mb, seconds_per_document=timeout),
        ocr=ocr,
        only=split_values(only),
        skip=split_values(skip),
        fields=fields,
        on_failure=lambda failure: say(failure.path, failure.reason),
        debug=debug,
    )
    if not report.documents:
        say(str(gold_dir), "no input matches a gold file here")
        raise typer.Exit(1)
    from resparse.evaluate import below
    from resparse.view import evaluation_lines

    for line in evaluation_lines(report, verbose=verbose, minimums=minimums):
        typer.echo(line)
    written = not json_out or write(report.model_dump_json(indent=1), json_out)
    raise typer.Exit(1 if report.failures or below(report, minimums) or not written else 0)
