"""The commands people run: layout, schema, the terminal view, --version, and how they meet a new
user's habits (issue 14): formats from extensions, standard input, names, help, plurals."""

from __future__ import annotations

import io
import json
import re
import shutil
import tarfile
from pathlib import Path

import pytest
import yaml
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


# ----------------------------------------------------------------------------- issue 14: rough edges

TXT = SAMPLES / "002_8a20071a4967c9a1.txt"


@pytest.mark.parametrize(
    ("name", "check"), [("x.yaml", yaml.safe_load), ("x.yml", yaml.safe_load), ("x.json", json.loads)]
)
def test_extract_format_follows_the_output_extension(tmp_path: Path, name: str, check) -> None:
    result = runner.invoke(app, ["extract", str(TXT), "-o", str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert check(text)["kind"] == "recommendations"
    assert text.startswith("{") == name.endswith(".json")


def test_extract_jsonl_output_is_one_line_per_document(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(TXT), str(TXT), "-o", str(tmp_path / "x.jsonl")])
    assert result.exit_code == 0, result.output
    assert len((tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_extract_format_and_extension_that_disagree_are_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(TXT), "-f", "json", "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert not (tmp_path / "x.yaml").exists()
    assert (
        runner.invoke(app, ["extract", str(TXT), "-f", "yaml", "-o", str(tmp_path / "x.txt")]).exit_code == 0
    )
    assert yaml.safe_load((tmp_path / "x.txt").read_text(encoding="utf-8"))["kind"] == "recommendations"


def test_batch_to_a_json_file_is_a_usage_error_that_says_what_to_use(tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", str(TXT), "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2
    assert ".jsonl" in result.output and "folder" in result.output
    assert not (tmp_path / "x.json").exists()
    assert ".json or .yaml name is refused" in _help("batch")


def _help(command: str) -> str:
    """A command's help as one line of words, the boxes around it removed."""
    text = runner.invoke(app, [command, "-h"]).output
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def _tar_of(*paths: Path) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for path in paths:
            archive.add(path, arcname=path.name)
    return buffer.getvalue()


def test_batch_reads_an_archive_from_standard_input(tmp_path: Path) -> None:
    stem = SAMPLES / "001_6d517112406bb0e7"
    data = _tar_of(*(stem.with_suffix(suffix) for suffix in (".docx", ".pdf", ".txt")))
    result = runner.invoke(app, ["batch", "-", "-o", str(tmp_path / "x.jsonl")], input=data)
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"]["format"] for line in lines] == ["docx", "pdf", "txt"]
    assert "3 documents: 3 ok" in result.stderr


def test_batch_reads_a_document_from_standard_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", "-", "-o", str(tmp_path / "out")], input=TXT.read_bytes())
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["stdin.json"]


def test_a_missing_input_is_not_a_document(tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", str(tmp_path / "nosuch"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "nosuch: no such file" in result.stderr
    assert "0 documents:" in result.stderr and "1 input not read" in result.stderr
    assert "documents/s" not in result.stderr
    result = runner.invoke(app, ["batch", str(TXT), str(tmp_path / "nosuch"), "-o", str(tmp_path / "out2")])
    assert result.exit_code == 1
    assert "1 document: 1 ok" in result.stderr


def test_batch_output_names_keep_the_source_extension(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    stem = SAMPLES / "001_6d517112406bb0e7"
    for suffix in (".docx", ".pdf", ".txt"):
        shutil.copy(stem.with_suffix(suffix), folder / f"001{suffix}")
    (folder / "sub").mkdir()
    shutil.copy(TXT, folder / "sub" / "002.txt")
    result = runner.invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["001.docx.json", "001.pdf.json", "001.txt.json", "sub__002.txt.json"]
    result = runner.invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out"), "--resume"])
    assert "0 documents" in result.stderr and "4 skipped" in result.stderr


@pytest.mark.parametrize("fmt", ["yaml", "bogus"])
def test_layout_format_is_checked(fmt: str) -> None:
    result = runner.invoke(app, ["layout", str(TXT), "-f", fmt])
    assert result.exit_code == 2
    assert "text or json" in result.output


def test_layout_json_explain_includes_the_rules() -> None:
    result = runner.invoke(app, ["layout", str(TXT), "-f", "json", "--explain"])
    assert result.exit_code == 0, result.output
    rules = json.loads(result.stdout)["rules"]
    assert {"rule": "addressee-heading", "text": "Совету общественных организаций"} in [
        {**rule, "text": rule["text"][:31]} for rule in rules
    ]


def test_layout_explain_reads_a_roadmap_row_by_row() -> None:
    result = runner.invoke(app, ["layout", "--explain", str(SAMPLES / "004_493f23bf5003ad19.pdf")])
    assert result.exit_code == 0, result.output
    rules = result.stdout.split("# rules", 1)[1]
    assert "roadmap-columns  № | Наименование мероприятия" in rules
    rows = [line for line in rules.splitlines() if line.strip().startswith("roadmap-row")]
    assert len(rows) == 29
    assert "1.1  action «Формирование перечня проблем" in rows[0]
    assert "deadline «2 – 3 квартал 2023 года» = 2023-04-01…2023-09-30" in rows[0]


@pytest.mark.parametrize("command", [[], ["extract"], ["batch"], ["layout"], ["schema"], ["evaluate"]])
def test_dash_h_is_help_with_an_example(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "-h"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    assert "Example" in result.output


def test_jobs_help_shows_the_real_default() -> None:
    text = _help("batch")
    assert "default: 0" not in text
    assert "all cores" in text


def test_rerunning_without_resume_says_it_overwrote(tmp_path: Path) -> None:
    for output in ("out", "all.jsonl"):
        target = str(tmp_path / output)
        first = runner.invoke(app, ["batch", str(TXT), "-o", target])
        assert "overwritten" not in first.stderr
        again = runner.invoke(app, ["batch", str(TXT), "-o", target])
        assert again.exit_code == 0
        assert "1 output of an earlier run overwritten (--resume keeps them)" in again.stderr


def test_failure_lists_are_named_alike_for_folders_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    for output, failures in (("out", "out.failures.jsonl"), ("all.jsonl", "all.failures.jsonl")):
        result = runner.invoke(app, ["batch", str(tmp_path / "empty.txt"), "-o", str(tmp_path / output)])
        assert result.exit_code == 1
        assert f"failures listed in {tmp_path / failures}" in result.stderr
        assert json.loads((tmp_path / failures).read_text(encoding="utf-8"))["reason"] == "file is empty"
