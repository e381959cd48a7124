"""``resparse batch``: folders and archives in, one JSON per document out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from resparse.cli.app import app
from resparse.cli.common import DEFAULT_TIMEOUT, check_ocr, cores, limits_from, page_seconds
from resparse.cli.options import (
    BudgetOption,
    DebugOption,
    MaxFileOption,
    MaxMemoryOption,
    MaxPagesOption,
    MaxPartOption,
    OcrOption,
)


def check_engine(engine: str, scheduler: str | None) -> None:
    from resparse.batch.engines import ENGINES

    if engine not in ENGINES:
        raise typer.BadParameter(f"use {' or '.join(ENGINES)}", param_hint="--engine")
    if scheduler is not None and engine != "dask":
        raise typer.BadParameter("goes with --engine dask", param_hint="--scheduler")


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
        typer.Option("--jobs", "-j", help="Parallel workers.", show_default=f"all cores, {cores()} here"),
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
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="Where documents are read: local (worker processes here) or dask (a Dask cluster; "
            "pip install 'resparse\\[dask]').",
        ),
    ] = "local",
    scheduler: Annotated[
        Optional[str],
        typer.Option(
            "--scheduler",
            help="With --engine dask: the scheduler's address (tcp://host:8786); without it a local "
            "cluster of --jobs workers starts here.",
        ),
    ] = None,
    debug: DebugOption = False,
) -> None:
    """Convert many documents: folders and archives in, one JSON per document out.

    Example: resparse batch archive.zip folder/ -o out/ --resume
    """
    from resparse.batch import run_batch
    from resparse.limits import MB

    check_ocr(ocr)
    check_engine(engine, scheduler)
    limits = limits_from(
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
        page_seconds=page_seconds(timeout, ocr),
        engine=engine,
        scheduler=scheduler,
    )
    raise typer.Exit(1 if report.failed or report.output_error or report.unread_inputs else 0)
