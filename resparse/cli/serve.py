"""``resparse serve``: the pipeline behind HTTP, read by the workers of ``batch``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from resparse.cli.app import app
from resparse.cli.common import check_ocr, checked_limits, page_seconds
from resparse.cli.io import say
from resparse.cli.options import (
    BudgetOption,
    DebugOption,
    JobsOption,
    MaxFileOption,
    MaxMemoryOption,
    MaxPagesOption,
    MaxPartOption,
    OcrOption,
    cores,
)

INSTALL_HINT = "the server needs its extra: pip install 'resparse[serve]'"


HostOption = Annotated[str, typer.Option("--host", help="Address to listen on (loopback only unless told).")]
PortOption = Annotated[int, typer.Option("--port", help="TCP port.")]
TokenFileOption = Annotated[
    Optional[Path],
    typer.Option(
        "--token-file",
        help="Require 'Authorization: Bearer TOKEN' (the file's first line) on every route but /health.",
    ),
]
DbOption = Annotated[
    Optional[Path], typer.Option("--db", help="Registry database: also serve GET /v1/obligations.")
]
QueueOption = Annotated[
    int, typer.Option("--queue", help="Documents waiting for a worker; past it 503 with Retry-After.")
]
GraceOption = Annotated[
    int, typer.Option("--grace", help="Seconds requests in flight may take to finish after SIGTERM.")
]


@app.command()
def serve(
    host: HostOption = "127.0.0.1",
    port: PortOption = 8080,
    jobs: JobsOption = None,
    token_file: TokenFileOption = None,
    db: DbOption = None,
    queue: QueueOption = 32,
    grace: GraceOption = 120,
    timeout: BudgetOption = None,
    max_pages: MaxPagesOption = 500,
    max_part_mb: MaxPartOption = 200,
    max_file_mb: MaxFileOption = 200,
    ocr: OcrOption = "auto",
    max_memory_mb: MaxMemoryOption = 2048,
    debug: DebugOption = False,
) -> None:
    """Serve the pipeline over HTTP: POST a document to /v1/extract, an archive to /v1/batch.

    Example: resparse serve --port 8080 -j 2 --token-file token.txt
    """
    from resparse.serve.settings import Settings

    check_ocr(ocr)
    if jobs is not None and jobs < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--jobs")
    if queue < 0:
        raise typer.BadParameter("must be 0 or more", param_hint="--queue")
    if db is not None:
        _check_database(db)
    settings = Settings(
        host=host,
        port=port,
        jobs=jobs or cores(),
        queue=queue,
        grace_seconds=grace,
        limits=checked_limits(max_pages, max_part_mb, max_file_mb, timeout, max_memory_mb),
        ocr=ocr,
        page_seconds=page_seconds(timeout, ocr),
        token=_token(token_file),
        db=db,
        debug=debug,
    )
    _require_the_extra()
    from resparse.serve.server import run

    run(settings)


def _require_the_extra() -> None:
    try:
        import fastapi  # noqa: F401
        import python_multipart  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        say("serve", INSTALL_HINT)
        raise typer.Exit(2) from None


def _token(path: Path | None) -> str | None:
    if path is None:
        return None
    from resparse.serve.auth import TokenError, read_token

    try:
        return read_token(path)
    except TokenError as error:
        raise typer.BadParameter(str(error), param_hint="--token-file") from None


def _check_database(path: Path) -> None:
    from resparse.serve.obligations import check_database

    try:
        check_database(path)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--db") from None
