"""``resparse evaluate``: outputs scored against gold, per field."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from resparse.cli.app import app
from resparse.cli.common import check_ocr, checked_limits
from resparse.cli.io import say, write
from resparse.cli.options import (
    BudgetOption,
    DebugOption,
    MaxFileOption,
    MaxMemoryOption,
    MaxPagesOption,
    MaxPartOption,
    OcrOption,
    parse_minimums,
    split_values,
)

GoldDir = Annotated[
    Path, typer.Argument(metavar="GOLD_DIR", help="Folder of gold documents, <stem>.json each.")
]
Inputs = Annotated[
    list[Path],
    typer.Argument(
        metavar="INPUTS", help="Files and folders; C001.txt, C001.pdf, … score against C001.json."
    ),
]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Also one line per document.")]
JsonOption = Annotated[
    Optional[Path], typer.Option("--json", help="Also write the full report as JSON here.")
]
MinimumOption = Annotated[
    Optional[list[str]],
    typer.Option("--min", help="FIELD=VALUE: exit 1 when the field's micro F1 is below (repeatable)."),
]
FieldOption = Annotated[
    Optional[list[str]], typer.Option("--field", help="Score only these fields (repeatable, a,b).")
]
OnlyOption = Annotated[
    Optional[list[str]], typer.Option("--only", help="Only inputs whose name matches (*.pdf; a,b).")
]
SkipOption = Annotated[
    Optional[list[str]], typer.Option("--skip", help="Leave out inputs whose name matches.")
]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", help="Inputs read at once, each by its own worker.")]


@app.command()
def evaluate(
    gold_dir: GoldDir,
    inputs: Inputs,
    verbose: VerboseOption = False,
    json_out: JsonOption = None,
    minimum: MinimumOption = None,
    field: FieldOption = None,
    only: OnlyOption = None,
    skip: SkipOption = None,
    max_pages: MaxPagesOption = 500,
    max_part_mb: MaxPartOption = 200,
    max_file_mb: MaxFileOption = 200,
    ocr: OcrOption = "auto",
    timeout: BudgetOption = None,
    max_memory_mb: MaxMemoryOption = 2048,
    jobs: JobsOption = 1,
    debug: DebugOption = False,
) -> None:
    """Score outputs against gold: precision, recall and F1 per field, micro-averaged over documents.

    Example: resparse evaluate tests/corpus/gold tests/corpus/inputs -v
    """
    from resparse.evaluate import FIELDS
    from resparse.evaluate import evaluate as run

    minimums, fields = _checked(gold_dir, ocr, jobs, minimum, field, FIELDS)
    report = run(
        gold_dir,
        inputs,
        limits=checked_limits(max_pages, max_part_mb, max_file_mb, timeout, max_memory_mb),
        ocr=ocr,
        only=split_values(only),
        skip=split_values(skip),
        fields=fields,
        on_failure=lambda failure: say(failure.path, failure.reason),
        debug=debug,
        jobs=jobs,
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


def _checked(
    gold_dir: Path,
    ocr: str,
    jobs: int,
    minimum: list[str] | None,
    field: list[str] | None,
    known: tuple[str, ...] | list[str],
) -> tuple[dict[str, float], list[str]]:
    """The minimums and fields asked for; a usage error for what cannot be right."""
    check_ocr(ocr)
    if jobs < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--jobs")
    if not gold_dir.is_dir():
        raise typer.BadParameter("not a folder", param_hint="GOLD_DIR")
    minimums, fields = parse_minimums(minimum), split_values(field)
    if set(fields) - set(known):
        raise typer.BadParameter(f"use some of {', '.join(known)}", param_hint="--field")
    return minimums, fields
