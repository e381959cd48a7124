"""The ``resparse`` Typer application: the command groups register themselves on ``app``."""

from __future__ import annotations

from typing import Annotated

import typer

from resparse.cli import markdown_standin

markdown_standin.install()

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
