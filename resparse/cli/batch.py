"""``resparse batch``: folders and archives in, one JSON per document out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from resparse.cli.app import app
from resparse.cli.common import DEFAULT_TIMEOUT, check_engine, check_ocr, limits_from, page_seconds
from resparse.cli.options import (
    BudgetOption,
    DebugOption,
    EngineOption,
    InputsArgument,
    JobsOption,
    MaxFileOption,
    MaxMemoryOption,
    MaxPagesOption,
    MaxPartOption,
    OcrOption,
    QuietOption,
    SchedulerOption,
    ZipEncodingOption,
)

OutputOption = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        help="A folder: one NAME.EXT.json per document (out/a.docx → out/a.docx.json); or a .jsonl "
        "file: one document a line. A .json or .yaml name is refused. Failures are listed beside it "
        "in OUTPUT.failures.jsonl.",
    ),
]
MaxDepthOption = Annotated[
    int, typer.Option("--max-depth", help="How deep archives inside archives are opened.")
]
MaxMembersOption = Annotated[int, typer.Option("--max-members", help="Most members read from one archive.")]

if TYPE_CHECKING:
    from resparse.limits import Limits

ResumeOption = Annotated[
    bool,
    typer.Option("--resume", help="Skip documents already converted (else earlier outputs are overwritten)."),
]


@app.command()
def batch(
    inputs: InputsArgument,
    output: OutputOption,
    jobs: JobsOption = None,
    resume: ResumeOption = False,
    zip_encoding: ZipEncodingOption = None,
    timeout: BudgetOption = None,
    max_depth: MaxDepthOption = 3,
    max_members: MaxMembersOption = 10_000,
    max_pages: MaxPagesOption = 500,
    max_part_mb: MaxPartOption = 200,
    max_file_mb: MaxFileOption = 200,
    quiet: QuietOption = False,
    ocr: OcrOption = "auto",
    max_memory_mb: MaxMemoryOption = 2048,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    debug: DebugOption = False,
) -> None:
    """Convert many documents: folders and archives in, one JSON per document out.

    Example: resparse batch archive.zip folder/ -o out/ --resume
    """
    from resparse.batch import run_batch

    check_ocr(ocr)
    check_engine(engine, scheduler)
    sizes = (max_pages, max_part_mb, max_file_mb, max_memory_mb)
    limits = _limits(sizes, DEFAULT_TIMEOUT if timeout is None else timeout, max_depth, max_members)
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


def _limits(sizes: tuple[int, int, int, int], seconds: float, depth: int, members: int) -> Limits:
    """The batch's limits: pages, part, file and memory sizes (MB), CPU seconds, archive caps."""
    from resparse.limits import MB

    max_pages, max_part_mb, max_file_mb, max_memory_mb = sizes
    return limits_from(
        max_pages,
        max_part_mb,
        max_file_mb,
        seconds_per_document=seconds,
        max_memory_bytes=max_memory_mb * MB,
        max_archive_depth=depth,
        max_archive_members=members,
    )
