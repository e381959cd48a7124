"""``resparse registry`` end to end: build, list, export (CSV, XLSX, JSON Lines), report, orgs."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from registry_support import AS_OF, CORPUS, SAMPLES
from typer.testing import CliRunner

from resparse.cli import app

BELOGORSK = "Администрация города Белогорск"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli")
    archive = root / "in"
    archive.mkdir()
    for name in ("003_2845198f4ac59122.docx", "004_493f23bf5003ad19.docx", "001_6d517112406bb0e7.pdf"):
        shutil.copy(SAMPLES / name, archive / name)
    zipped = shutil.make_archive(str(root / "corpus"), "zip", CORPUS)
    path = root / "region.sqlite"
    code, _, err = run(
        "registry", "build", str(archive), zipped, "--db", str(path), "-j", "2", "--as-of", AS_OF
    )
    assert code == 0, err
    assert re.search(
        r"registry: 29 documents added, 0 unchanged, 0 failed; holds 29 documents, \d+ obligations", err
    )
    return path


def test_build_summarises_and_a_rebuild_reads_nothing_new(db):
    code, _, err = run(
        "registry", "build", str(db.parent / "in"), str(db.parent / "corpus.zip"), "--db", str(db)
    )
    assert code == 0 and "0 documents added, 29 unchanged" in err


def test_list_an_addressee_in_another_spelling(db):
    code, out, _ = run("registry", "list", "--db", str(db), "--addressee", BELOGORSK, "--as-of", AS_OF)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 1
    status, _, organisation, number, text, where = lines[0].split("\t")
    assert (status, organisation, number) == (
        "open-ended",
        "администрация муниципального образования город Белогорск",
        "2",
    )
    assert text.startswith("Предложить администрации") and where.endswith("003_2845198f4ac59122.docx (¶ 17)")


def test_list_overdue_as_of_a_date_as_json_lines(db):
    args = ("registry", "list", "--db", str(db), "--overdue", "-f", "jsonl")
    rows = [json.loads(line) for line in run(*args, "--as-of", AS_OF)[1].splitlines()]
    assert rows and all(r["status"] == "overdue" and r["deadline_end"] < AS_OF for r in rows)
    roadmap = [r for r in rows if r["document"].endswith("004_493f23bf5003ad19.docx")]
    assert roadmap[0]["organisation"] and roadmap[0]["table"] == 1 and roadmap[0]["row"] == 3
    assert [json.loads(line) for line in run(*args, "--as-of", "1950-01-01")[1].splitlines()] == []


def test_export_csv_with_a_byte_order_mark(db, tmp_path):
    out = tmp_path / "o.csv"
    assert run("registry", "export", "--db", str(db), "-o", str(out), "--as-of", AS_OF)[0] == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfdocument,sha256,")
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert {r["organisation"] for r in rows} >= {"Комитет общественных коммуникаций Ленинградской области"}
    assert all(r["page"] or r["paragraph"] or r["table"] for r in rows)


def test_export_xlsx_has_a_header_an_auto_filter_and_frozen_panes(db, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "o.xlsx"
    assert run("registry", "export", "--db", str(db), "-o", str(out), "--addressee", BELOGORSK)[0] == 0
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]][:3] == ["document", "sha256", "kind"]
    assert sheet.max_row == 2 and sheet.auto_filter.ref.startswith("A1:") and sheet.freeze_panes == "A2"


def test_export_jsonl_and_refuse_other_formats(db, tmp_path):
    out = tmp_path / "o.jsonl"
    assert run("registry", "export", "--db", str(db), "-o", str(out), "--search", "семинар*")[0] == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all("семинар" in r["text"].lower() for r in rows)
    code, _, err = run("registry", "export", "--db", str(db), "-o", str(tmp_path / "o.pdf"))
    assert code == 2 and ".csv, .xlsx, .jsonl" in err


def test_report_is_one_page_with_its_data_inlined(db, tmp_path):
    out = tmp_path / "report.html"
    code, _, err = run("registry", "report", "--db", str(db), "-o", str(out), "--as-of", AS_OF)
    assert code == 0 and "obligations in" in err
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)  # nothing fetched at view time
    data = json.loads(
        re.search(r'<script id="data" type="application/json">(.*?)</script>', page, re.S).group(1)
    )
    assert data["as_of"] == AS_OF and data["summary"]["documents"] == 29
    assert len(data["rows"]) == data["summary"]["obligations"]


def test_orgs_shows_spellings_and_rules(db):
    code, out, _ = run("registry", "orgs", "--db", str(db))
    assert code == 0 and "\tНКО\t" in out and "word-forms" in out


def test_a_missing_or_foreign_registry_is_one_line(tmp_path):
    code, _, err = run("registry", "list", "--db", str(tmp_path / "none.sqlite"))
    assert code == 1 and err.startswith("resparse: ") and "no such registry" in err and "Traceback" not in err
    (tmp_path / "junk.sqlite").write_bytes(b"junk" * 1000)
    code, _, err = run(
        "registry", "report", "--db", str(tmp_path / "junk.sqlite"), "-o", str(tmp_path / "r.html")
    )
    assert code == 1 and "not a registry" in err and len(err.strip().splitlines()) == 1
