"""``resparse registry``: obligations across an archive in SQLite — build, list, export, report, orgs."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from resparse.cli.app import app
from resparse.cli.common import DEFAULT_TIMEOUT, check_engine, check_ocr, limits_from, page_seconds
from resparse.cli.options import (
    BudgetOption,
    DebugOption,
    EngineOption,
    JobsOption,
    MaxFileOption,
    MaxMemoryOption,
    MaxPagesOption,
    MaxPartOption,
    OcrOption,
    QuietOption,
    SchedulerOption,
    ZipEncodingOption,
    split_values,
)

if TYPE_CHECKING:
    from resparse.registry.query import Filter
    from resparse.registry.store import Store

registry_app = typer.Typer(
    no_args_is_help=True,
    help="Obligations across many documents in SQLite: who was asked what, where, by when.",
)
app.add_typer(registry_app, name="registry")

DbOption = Annotated[Path, typer.Option("--db", help="The registry file (SQLite).")]
AsOfOption = Annotated[
    Optional[str],
    typer.Option("--as-of", help="Date the status is counted from, YYYY-MM-DD.", show_default="today"),
]
SoonOption = Annotated[int, typer.Option("--soon", help="Days ahead that count as 'due soon'.")]
AddresseeOption = Annotated[
    Optional[str], typer.Option("--addressee", "-a", help="An organisation, in any of its spellings.")
]
StatusOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--status", help="overdue, due-soon, open, open-ended, recurring (repeat or comma-separate)."
    ),
]
OverdueOption = Annotated[
    bool, typer.Option("--overdue", help="Only overdue obligations (--status overdue).")
]
DocumentOption = Annotated[
    Optional[str], typer.Option("--document", help="A path (or part of one) or sha256.")
]
SearchOption = Annotated[
    Optional[str], typer.Option("--search", "-s", help="Words of the task (SQLite FTS5).")
]
CopiesOption = Annotated[
    bool,
    typer.Option(
        "--copies", help="Also the rows of copies of an act in other files (shown once by default)."
    ),
]
AliasesOption = Annotated[
    Optional[Path],
    typer.Option("--aliases", help="YAML alias file merged over grammars/orgs.yaml (aliases:, separate:)."),
]


@contextlib.contextmanager
def _failing(debug: bool = False) -> Iterator[None]:
    """Errors a user can fix are one line, ``resparse: …``, and exit 1."""
    from resparse.errors import ResparseError

    try:
        yield
    except (ResparseError, ValueError, OSError) as error:
        if debug:
            raise
        message = str(error)
        if isinstance(error, OSError) and error.filename:
            message = f"{error.filename}: {(error.strerror or message).lower()}"
        typer.echo(f"resparse: {message}", err=True)
        raise typer.Exit(1) from None


def _as_of(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter("use YYYY-MM-DD", param_hint="--as-of") from None


def _open(db: Path, aliases: Path | None = None, must_exist: bool = True) -> Store:
    from resparse.registry.orgs import Organisations
    from resparse.registry.store import RegistryError, Store

    if must_exist and not db.is_file():
        raise RegistryError(f"{db}: no such registry (make one with: resparse registry build … --db {db})")
    return Store(db, Organisations.with_file(aliases))


def _filter(
    addressee: str | None,
    status: list[str] | None,
    overdue: bool,
    document: str | None,
    search: str | None,
    as_of: str | None,
    soon: int,
    limit: int | None = None,
    copies: bool = False,
) -> Filter:
    from resparse.registry.query import Filter
    from resparse.registry.status import STATUSES

    wanted = split_values(status) + (["overdue"] if overdue else [])
    for value in wanted:
        if value not in STATUSES:
            raise typer.BadParameter(f"{value!r}: use {', '.join(STATUSES)}", param_hint="--status")
    return Filter(addressee, tuple(wanted), document, search, _as_of(as_of), soon, limit, copies=copies)


@registry_app.command()
def build(
    inputs: Annotated[list[Path], typer.Argument(metavar="INPUTS", help="Files, folders and archives.")],
    db: DbOption,
    jobs: JobsOption = None,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    zip_encoding: ZipEncodingOption = None,
    aliases: AliasesOption = None,
    as_of: AsOfOption = None,
    timeout: BudgetOption = None,
    max_pages: MaxPagesOption = 500,
    max_part_mb: MaxPartOption = 200,
    max_file_mb: MaxFileOption = 200,
    max_memory_mb: MaxMemoryOption = 2048,
    ocr: OcrOption = "auto",
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Add the documents among INPUTS to the registry; only new or changed ones are read.

    Example: resparse registry build archive.zip folder/ --db region.sqlite -j 4
    """
    from resparse.limits import MB
    from resparse.registry.build import Engine
    from resparse.registry.build import build as run

    check_ocr(ocr)
    check_engine(engine, scheduler)
    limits = limits_from(
        max_pages,
        max_part_mb,
        max_file_mb,
        seconds_per_document=DEFAULT_TIMEOUT if timeout is None else timeout,
        max_memory_bytes=max_memory_mb * MB,
    )
    settings = Engine(limits, jobs, engine, scheduler, ocr, page_seconds(timeout, ocr), zip_encoding)
    with _failing(debug), _open(db, aliases, must_exist=False) as store, _progress(quiet) as progress:
        report = run(inputs, store, settings, as_of=_as_of(as_of), progress=progress)
    if not quiet:
        typer.echo(report.line(), err=True)
    raise typer.Exit(1 if report.failed else 0)


@contextlib.contextmanager
def _progress(quiet: bool) -> Iterator[object]:
    """A progress line on a terminal (documents done, the one just read); nothing when piped."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.completed} documents"),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=None)
        yield lambda source, done: bar.update(task, completed=done, description=source[-60:])


@registry_app.command("list")
def list_(
    db: DbOption,
    addressee: AddresseeOption = None,
    overdue: OverdueOption = False,
    status: StatusOption = None,
    document: DocumentOption = None,
    search: SearchOption = None,
    as_of: AsOfOption = None,
    soon: SoonOption = 14,
    limit: Annotated[Optional[int], typer.Option("--limit", help="At most this many rows.")] = None,
    copies: CopiesOption = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table (tab-separated) or jsonl.")] = "table",
) -> None:
    """Obligations, filtered: by organisation, status, document, words of the task.

    Example: resparse registry list --db region.sqlite --addressee "Администрация города Белогорск" --overdue
    """
    import json

    from resparse.registry.query import position_text, select

    if fmt not in ("table", "jsonl"):
        raise typer.BadParameter("use table or jsonl", param_hint="--format")
    where = _filter(addressee, status, overdue, document, search, as_of, soon, limit, copies)
    with _failing(), _open(db) as store:
        rows = select(store, where)
    for row in rows:
        if fmt == "jsonl":
            typer.echo(json.dumps(row, ensure_ascii=False))
            continue
        deadline = row["deadline_end"] or row["deadline"] or ""
        text = " ".join(row["text"].split())
        where = f"{row['document']} ({position_text(row)})"
        typer.echo(
            "\t".join((row["status"], deadline, row["organisation"] or "—", row["number"] or "", text, where))
        )


@registry_app.command()
def export(
    db: DbOption,
    output: Annotated[Path, typer.Option("--output", "-o", help="A .csv, .xlsx or .jsonl file.")],
    addressee: AddresseeOption = None,
    overdue: OverdueOption = False,
    status: StatusOption = None,
    document: DocumentOption = None,
    search: SearchOption = None,
    as_of: AsOfOption = None,
    soon: SoonOption = 14,
    copies: CopiesOption = False,
) -> None:
    """Write the obligations (filtered like list) to CSV (UTF-8 with BOM), XLSX or JSON Lines.

    Example: resparse registry export --db region.sqlite -o obligations.xlsx
    """
    from resparse.registry.export import WRITERS
    from resparse.registry.export import export as write
    from resparse.registry.query import select

    if output.suffix.lower() not in WRITERS:
        raise typer.BadParameter(f"use a name ending in {', '.join(WRITERS)}", param_hint="--output")
    where = _filter(addressee, status, overdue, document, search, as_of, soon, copies=copies)
    with _failing(), _open(db) as store:
        count = write(select(store, where), output)
    typer.echo(f"registry: {count} obligations written to {output}", err=True)


@registry_app.command()
def report(
    db: DbOption,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML page to write.")],
    as_of: AsOfOption = None,
    soon: SoonOption = 14,
) -> None:
    """One self-contained HTML page: obligations by organisation, a deadline timeline, filter and search.

    Example: resparse registry report --db region.sqlite -o report.html
    """
    from resparse.registry.report import write_report

    with _failing(), _open(db) as store:
        count = write_report(store, output, _as_of(as_of), soon)
    typer.echo(f"registry: {count} obligations in {output}", err=True)


@registry_app.command()
def orgs(db: DbOption) -> None:
    """Organisations and their spellings, each with the rule that merged it.

    Example: resparse registry orgs --db region.sqlite
    """
    from resparse.registry.query import organisations

    with _failing(), _open(db) as store:
        found = organisations(store)
    for org in found:
        typer.echo(org["name"])
        for alias in org["aliases"]:
            typer.echo(f"\t{alias['name']}\t{alias['rule']}\t{alias['seen']}")
