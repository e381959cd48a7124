"""The ``resparse`` command line.

Data goes to stdout, messages for people to stderr. Exit codes: 0 all good, 1 some
documents failed, 2 usage error. A bad file is one line, ``resparse: FILE: reason``; a
traceback only with ``--debug``. Heavy modules (pdfplumber, python-docx, pymorphy3) are
imported inside the commands so that ``resparse --help`` starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from resparse.cli_io import extract_job, guarded, layout_job, read_each, say, write
from resparse.cli_options import (
    OCR_MODES,
    BudgetOption,
    DebugOption,
    FormatOption,
    MaxFileOption,
    MaxMemoryOption,
    MaxPagesOption,
    MaxPartOption,
    OcrOption,
    TimeoutOption,
    parse_minimums,
    split_values,
)

if TYPE_CHECKING:
    from resparse.limits import Limits

app = typer.Typer(
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    rich_markup_mode="rich",
    help="""Turn Russian resolution documents (РЕКОМЕНДАЦИИ, РЕЗОЛЮЦИЯ, ПЛАН МЕРОПРИЯТИЙ) into JSON/YAML.

[b]Examples[/b]

  resparse extract samples/000_858972ccd0d0de21.docx
  resparse extract report.pdf -f yaml -o report.yaml
  resparse extract *.docx -f jsonl | jq .kind
  resparse batch archive.zip folder/ -o out/
  resparse layout report.pdf
  resparse evaluate tests/corpus/gold tests/corpus/inputs -v
  resparse schema > resparse.schema.json
""",
)


def _limits(max_pages: int = 500, max_part_mb: int = 200, max_file_mb: int = 200, **more: object):
    from resparse.limits import MB, Limits

    return Limits(
        max_pages=max_pages,
        max_part_bytes=max_part_mb * MB,
        max_file_bytes=max_file_mb * MB,
        **more,  # type: ignore[arg-type]
    )


def _cores() -> int:
    """The cores this process may use (the default number of ``batch`` workers)."""
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _version(value: bool) -> None:
    if value:
        from resparse import __version__

        typer.echo(f"resparse {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Russian resolution documents → structured data."""


def _check_ocr(ocr: str) -> None:
    if ocr not in OCR_MODES:
        raise typer.BadParameter("use auto, always or never", param_hint="--ocr")


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
    _check_ocr(ocr)
    limits = _checked_limits(max_pages, max_part_mb, max_file_mb, timeout, max_memory_mb)
    job = functools.partial(extract_job, ocr=ocr)
    outcomes = read_each(files, limits, debug, job, _page_seconds(timeout, ocr))
    documents = [document for document in outcomes if document is not None]
    failed = len(files) - len(documents)
    if documents:
        if fmt is None and output is None and sys.stdout.isatty():
            from rich.console import Console

            from resparse.view import document_view

            console = Console()
            for document in documents:
                console.print(document_view(document))
        else:
            from resparse.emit import dumps

            as_list = len(files) > 1
            text = guarded(
                str(output or "-"), debug, lambda: dumps(documents, fmt or "json", as_list=as_list)
            )  # type: ignore[arg-type]
            if text is None or not write(text, output):
                failed = len(files)
    raise typer.Exit(1 if failed else 0)


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


DEFAULT_TIMEOUT = 60.0


def _page_seconds(timeout: float | None, ocr: str) -> float:
    """What each PDF page adds to the default time budget: nothing when --timeout is given."""
    from resparse.batch.budget import OCR_PAGE_SECONDS

    return OCR_PAGE_SECONDS if timeout is None and ocr != "never" else 0.0


def _checked_limits(
    max_pages: int, max_part_mb: int, max_file_mb: int, timeout: float | None, max_memory_mb: int
) -> Limits:
    from resparse.limits import MB

    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    if timeout <= 0:
        raise typer.BadParameter("must be more than 0", param_hint="--timeout")
    if max_memory_mb <= 0:
        raise typer.BadParameter("must be more than 0", param_hint="--max-memory-mb")
    return _limits(
        max_pages, max_part_mb, max_file_mb, seconds_per_document=timeout, max_memory_bytes=max_memory_mb * MB
    )


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
    limits = _checked_limits(max_pages, max_part_mb, max_file_mb, timeout, max_memory_mb)
    job = functools.partial(layout_job, fmt=fmt, explain=explain)
    [text] = read_each([file], limits, debug, job, _page_seconds(timeout, "auto"))
    raise typer.Exit(0 if text is not None and write(text, None) else 1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output (generated from the models).

    Example: resparse schema > resparse.schema.json
    """
    import json

    from resparse.emit import schema as output_schema

    typer.echo(json.dumps(output_schema(), ensure_ascii=False, indent=2))


@app.command()
def batch(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="INPUTS",
            help="Files, folders (recursive) and archives (.zip, .tar.*, .7z); - reads a document "
            "or an archive from stdin.",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="A folder: one NAME.EXT.json per document (out/a.docx → out/a.docx.json); or a .jsonl "
            "file: one document a line. A .json or .yaml name is refused. Failures are listed beside it "
            "in OUTPUT.failures.jsonl.",
        ),
    ],
    jobs: Annotated[
        Optional[int],
        typer.Option("--jobs", "-j", help="Parallel workers.", show_default=f"all cores, {_cores()} here"),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume", help="Skip documents already converted (else earlier outputs are overwritten)."
        ),
    ] = False,
    zip_encoding: Annotated[
        Optional[str],
        typer.Option(
            "--zip-encoding", help="Encoding of ZIP member names without the UTF-8 flag (default cp866)."
        ),
    ] = None,
    timeout: BudgetOption = None,
    max_depth: Annotated[
        int, typer.Option("--max-depth", help="How deep archives inside archives are opened.")
    ] = 3,
    max_members: Annotated[
        int, typer.Option("--max-members", help="Most members read from one archive.")
    ] = 10_000,
    max_pages: MaxPagesOption = 500,
    max_part_mb: MaxPartOption = 200,
    max_file_mb: MaxFileOption = 200,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    ocr: OcrOption = "auto",
    max_memory_mb: MaxMemoryOption = 2048,
    debug: DebugOption = False,
) -> None:
    """Convert many documents: folders and archives in, one JSON per document out.

    Example: resparse batch archive.zip folder/ -o out/ --resume
    """
    from resparse.batch import run_batch
    from resparse.limits import MB

    _check_ocr(ocr)
    limits = _limits(
        max_pages,
        max_part_mb,
        max_file_mb,
        seconds_per_document=DEFAULT_TIMEOUT if timeout is None else timeout,
        max_memory_bytes=max_memory_mb * MB,
        max_archive_depth=max_depth,
        max_archive_members=max_members,
    )
    report = run_batch(
        inputs,
        output,
        jobs=jobs,
        resume=resume,
        zip_encoding=zip_encoding,
        limits=limits,
        quiet=quiet,
        debug=debug,
        ocr=ocr,
        page_seconds=_page_seconds(timeout, ocr),
    )
    raise typer.Exit(1 if report.failed or report.output_error or report.unread_inputs else 0)


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

    _check_ocr(ocr)
    minimums, fields = parse_minimums(minimum), split_values(field)
    if not gold_dir.is_dir():
        raise typer.BadParameter("not a folder", param_hint="GOLD_DIR")
    if set(fields) - set(FIELDS):
        raise typer.BadParameter(f"use some of {', '.join(FIELDS)}", param_hint="--field")
    report = run(
        gold_dir,
        inputs,
        limits=_limits(max_pages, max_part_mb, max_file_mb, seconds_per_document=timeout),
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


def main() -> None:
    app()
