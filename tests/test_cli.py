"""The commands people run: layout, schema, the terminal view, --version."""

from __future__ import annotations

import json

from rich.console import Console
from typer.testing import CliRunner

from resparse.cli import app
from resparse.pipeline import extract
from resparse.view import document_view
from support import SAMPLES

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("resparse ")


def test_schema_is_the_models_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    for field in (
        "schema_version",
        "kind",
        "recommendations",
        "roadmap",
        "signatories",
        "unparsed",
        "warnings",
    ):
        assert field in schema["properties"]
    assert "RoadmapRow" in schema["$defs"]


def test_layout_shows_word_numbers_that_are_not_in_the_text() -> None:
    result = runner.invoke(app, ["layout", str(SAMPLES / "001_6d517112406bb0e7.docx")])
    assert result.exit_code == 0
    for marker in ("1. Комитету", "1.1. При распределении", "1.2. Рассмотреть", "3.1. Подготовить"):
        assert marker in result.stdout


def test_layout_shows_one_roadmap_table_for_the_pdf() -> None:
    result = runner.invoke(app, ["layout", str(SAMPLES / "004_493f23bf5003ad19.pdf")])
    assert result.exit_code == 0
    assert result.stdout.count("┌ table") == 1
    assert "38 rows" in result.stdout


def test_layout_explain_names_the_rules() -> None:
    result = runner.invoke(app, ["layout", "--explain", str(SAMPLES / "002_8a20071a4967c9a1.txt")])
    assert result.exit_code == 0
    rules = result.stdout.split("# rules", 1)[1]
    assert "findings-intro  Выделили сильные стороны" in rules
    assert "addressee-heading  Совету общественных организаций" in rules


def test_layout_json_round_trips() -> None:
    result = runner.invoke(app, ["layout", "-f", "json", str(SAMPLES / "003_2845198f4ac59122.txt")])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"]["format"] == "txt"


def test_layout_of_a_missing_file_is_one_line() -> None:
    result = runner.invoke(app, ["layout", "nosuch.docx"])
    assert result.exit_code == 1
    assert "resparse: nosuch.docx: no such file" in result.output


def test_terminal_view_shows_addressees_roadmap_and_warnings() -> None:
    console = Console(record=True, width=160, color_system=None)
    console.print(document_view(extract(SAMPLES / "000_858972ccd0d0de21.txt")))
    console.print(document_view(extract(SAMPLES / "004_493f23bf5003ad19.txt")))
    text = console.export_text()
    assert "Комитет общественных коммуникаций Ленинградской области" in text
    assert "Roadmap" in text and "8.2" in text
    assert "В.П. Журавлёв" in text
