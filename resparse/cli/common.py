"""What the commands share: limits from their options, the default budget, the number of cores."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from resparse.cli.options import OCR_MODES

if TYPE_CHECKING:
    from resparse.limits import Limits

DEFAULT_TIMEOUT = 60.0
"""Seconds of CPU time one document may take when ``--timeout`` is not given."""


def limits_from(max_pages: int = 500, max_part_mb: int = 200, max_file_mb: int = 200, **more: object):
    from resparse.limits import MB, Limits

    return Limits(
        max_pages=max_pages,
        max_part_bytes=max_part_mb * MB,
        max_file_bytes=max_file_mb * MB,
        **more,  # type: ignore[arg-type]
    )


def check_ocr(ocr: str) -> None:
    if ocr not in OCR_MODES:
        raise typer.BadParameter("use auto, always or never", param_hint="--ocr")


def page_seconds(timeout: float | None, ocr: str) -> float:
    """What each PDF page adds to the default time budget: nothing when --timeout is given."""
    from resparse.batch.budget import OCR_PAGE_SECONDS

    return OCR_PAGE_SECONDS if timeout is None and ocr != "never" else 0.0


def checked_limits(
    max_pages: int, max_part_mb: int, max_file_mb: int, timeout: float | None, max_memory_mb: int
) -> Limits:
    from resparse.limits import MB

    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    if timeout <= 0:
        raise typer.BadParameter("must be more than 0", param_hint="--timeout")
    if max_memory_mb <= 0:
        raise typer.BadParameter("must be more than 0", param_hint="--max-memory-mb")
    return limits_from(
        max_pages, max_part_mb, max_file_mb, seconds_per_document=timeout, max_memory_bytes=max_memory_mb * MB
    )


def check_engine(engine: str, scheduler: str | None) -> None:
    from resparse.batch.engines import ENGINES

    if engine not in ENGINES:
        raise typer.BadParameter(f"use {' or '.join(ENGINES)}", param_hint="--engine")
    if scheduler is not None and engine != "dask":
        raise typer.BadParameter("goes with --engine dask", param_hint="--scheduler")
