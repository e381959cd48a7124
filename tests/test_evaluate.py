"""resparse.evaluate: facts, matching, scores, and the `resparse evaluate` command."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from resparse.cli import app
from resparse.evaluate import Score, facts, item_norm, match, norm, score_document, similar, stem_and_format
from support import GOLD, SAMPLES, gold

runner = CliRunner()
STEM = "003_2845198f4ac59122"  # findings, recommendations, inline addressees, signatories
CORPUS_GOLD = Path(__file__).resolve().parent / "corpus" / "gold"


def item(text: str, *children: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"number": None, "text": text, "items": list(children), **more}


def document(**fields: Any) -> dict[str, Any]:
    return {"kind": "resolution", **fields}


def f1s(expected: dict[str, Any], output: dict[str, Any]) -> dict[str, float]:
    return {key: round(score.f1, 4) for key, score in score_document(expected, output).items()}


def as_predicted(expected: dict[str, Any]) -> dict[str, Any]:
    """Gold as a tool would print it: one kind, not the list of acceptable ones."""
    output = copy.deepcopy(expected)
    if isinstance(output["kind"], list):
        output["kind"] = output["kind"][0]
    return output


# ----------------------------------------------------------------------------- texts


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Провести «круглый стол»  по теме;", 'провести "круглый стол" по теме', True),
        ("Учёт – ежегодно.", "учет - ежегодно", True),
        ("1.2. Подготовить доклад", "Подготовить доклад", True),
        ("а) подготовить доклад", "– подготовить доклад", True),
        ("Подготовить доклад о ходе работы", "Подготовить доклад о ходе работ", True),  # one letter
        ("Подготовить доклад", "Утвердить план", False),
        ("", "Подготовить доклад", False),
    ],
)
def test_texts_compare_fuzzily_after_normalising(a: str, b: str, same: bool) -> None:
    assert similar(item_norm(a), item_norm(b)) is same


def test_norm_keeps_the_numbers_that_item_norm_drops() -> None:
    assert norm(" 1.  Раздел ") == "1. раздел"
    assert item_norm(" 1.  Раздел ") == "раздел"


@pytest.mark.parametrize(
    ("name", "stem", "fmt"),
    [("C001.txt", "C001", "txt"), ("C001.scan.pdf", "C001", "scan.pdf"), ("README", "README", "")],
)
def test_the_stem_is_the_name_before_the_first_dot(name: str, stem: str, fmt: str) -> None:
    assert stem_and_format(name) == (stem, fmt)


# ----------------------------------------------------------------------------- facts and scores


def test_facts_of_blocks_children_inline_addressees_and_deadlines() -> None:
    deadline = {"text": "до 1 мая 2024 года", "start": None, "end": "2024-05-01", "recurrence": None}
    addressee = {"text": "Министерству", "name": "Министерство"}
    doc = document(
        recommendations=[
            {
                "addressee": {"text": "Комитету", "name": "Комитет"},
                "items": [item("1. Подготовить план:", item("а) раздел первый")), item("Обеспечить учёт")],
            },
            {
                "addressee": None,
                "items": [item("Поручить Министерству", addressee=addressee, deadline=deadline)],
            },
        ],
        signatories=[{"position": "Глава", "name": "И.И. Иванов"}, {"position": "Секретарь", "name": None}],
    )
    assert facts(doc) == {
        "addressees": [("комитет",)],
        "items": [
            ("комитет", "подготовить план"),
            ("комитет", "обеспечить учет"),
            ("", "поручить министерству"),
        ],
        "children": [("подготовить план", "раздел первый")],
        "inline_addressees": [("поручить министерству", "министерство")],
        "item_deadlines": [("поручить министерству", "None", "2024-05-01", "None")],
        "signatories": [("и.и. иванов",)],
    }


@pytest.mark.parametrize(
    "expected",
    [gold(p.stem) for p in sorted(GOLD.glob("*.json"))]
    + [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS_GOLD.glob("*.json"))],
    ids=lambda d: str(d.get("title") or d.get("date") or d["kind"])[:20],
)
def test_gold_scored_against_itself_is_perfect(expected: dict[str, Any]) -> None:
    scores = f1s(expected, as_predicted(expected))
    assert scores and set(scores.values()) == {1.0}


def test_a_missing_item_lowers_recall_only() -> None:
    expected = gold(STEM)
    output = as_predicted(expected)
    del output["recommendations"][0]["items"][1]
    items = score_document(expected, output)["items"]
    assert (items.precision, items.recall) == (1.0, (items.gold - 1) / items.gold)


def test_an_invented_finding_lowers_precision_only() -> None:
    expected = gold(STEM)
    output = as_predicted(expected)
    output["findings"][0]["items"].append(item("Проект, которого в документе нет"))
    findings = score_document(expected, output)["findings"]
    assert (findings.recall, findings.precision) == (1.0, findings.gold / (findings.gold + 1))


def test_a_slightly_misread_text_still_matches_and_a_wrong_one_does_not() -> None:
    expected = document(
        recommendations=[{"addressee": None, "items": [item("Подготовить доклад о ходе работы")]}]
    )
    close = document(
        recommendations=[{"addressee": None, "items": [item("1) Подготовить доклад о ходе работ.")]}]
    )
    other = document(recommendations=[{"addressee": None, "items": [item("Утвердить план мероприятий")]}])
    assert f1s(expected, close)["items"] == 1.0
    assert f1s(expected, other)["items"] == 0.0


@pytest.mark.parametrize(
    ("gold_facts", "predicted", "fuzzy", "counts"),
    [
        ([("а", "доклад")], [("а", "доклад")], (), (1, 1, 1)),
        ([("доклад",), ("доклад",)], [("доклад",)], (), (1, 2, 1)),  # one prediction matches once
        ([("доклад",)], [("доклад",), ("доклад",)], (), (1, 1, 2)),
        ([("а", "подготовить доклад")], [("а", "подготовить доклады")], (1,), (1, 1, 1)),
        ([("а", "подготовить доклад")], [("а", "подготовить доклады")], (), (0, 1, 1)),
        ([("а", "доклад")], [("б", "доклад")], (1,), (0, 1, 1)),  # the exact part differs
        ([("а", "доклад")], [("а", "доклад", "None")], (), (0, 1, 1)),
    ],
)
def test_facts_match_one_to_one(
    gold_facts: list[tuple[str, ...]], predicted: list[tuple[str, ...]], fuzzy: tuple[int, ...], counts: tuple
) -> None:
    score = match(gold_facts, predicted, fuzzy)
    assert (score.tp, score.gold, score.pred) == counts


@pytest.mark.parametrize(
    ("gold_kind", "predicted", "tp"),
    [
        ("roadmap", "roadmap", 1),
        ("roadmap", "resolution", 0),
        (["decision", "resolution"], "resolution", 1),
        (["decision", "resolution"], "decision", 1),
        (["decision", "other"], "recommendations", 0),
        ("resolution", None, 0),
    ],
)
def test_kind_matches_any_acceptable_kind(gold_kind: Any, predicted: str | None, tp: int) -> None:
    kind = score_document({"kind": gold_kind}, {"kind": predicted})["kind"]
    assert (kind.tp, kind.gold, kind.pred) == (tp, 1, 1)


@pytest.mark.parametrize(
    ("gold_date", "predicted", "expected"),
    [
        ("2024-04-09", "2024-04-09", 1.0),
        ("2024-04-09", "2024-04-10", 0.0),
        ("2024-04-09", None, 0.0),
        (None, "2024-04-09", None),
    ],
)
def test_date_is_scored_only_where_gold_has_one(
    gold_date: str | None, predicted: str | None, expected: float | None
) -> None:
    assert f1s(document(date=gold_date), document(date=predicted)).get("date") == expected


def test_inline_addressees_and_item_deadlines_are_scored_only_where_gold_annotates_them() -> None:
    plain = document(recommendations=[{"addressee": None, "items": [item("Поручить Министерству")]}])
    richer = copy.deepcopy(plain)
    richer["recommendations"][0]["items"][0].update(
        addressee={"text": "Министерству", "name": "Министерство"},
        deadline={"text": "до 2025 года", "start": None, "end": "2024-12-31", "recurrence": None},
    )
    assert "inline_addressees" not in f1s(plain, richer)
    assert "item_deadlines" not in f1s(plain, richer)
    plain["recommendations"][0]["items"][0]["deadline"] = None  # gold says: no term here
    assert f1s(plain, richer)["item_deadlines"] == 0.0
    assert f1s(richer, plain)["inline_addressees"] == 0.0


def test_coverage_counts_source_words_the_output_keeps() -> None:
    source = "Решили: поручить Комитету подготовить подготовить доклад."
    output = document(recommendations=[{"addressee": None, "items": [item("Подготовить доклад комитету")]}])
    coverage = score_document(document(), output, source)["coverage"]
    assert (coverage.tp, coverage.gold) == (3, 6)  # решили, поручить and one "подготовить" are missing


@pytest.mark.parametrize(
    ("tp", "n_gold", "n_pred", "p", "r", "f"),
    [
        (0, 0, 0, 1.0, 1.0, 1.0),
        (0, 2, 0, 0.0, 0.0, 0.0),
        (0, 0, 3, 0.0, 0.0, 0.0),
        (1, 2, 4, 0.25, 0.5, 1 / 3),
        (3, 3, 3, 1.0, 1.0, 1.0),
    ],
)
def test_precision_recall_f1(tp: int, n_gold: int, n_pred: int, p: float, r: float, f: float) -> None:
    score = Score(tp=tp, gold=n_gold, pred=n_pred)
    assert (score.precision, score.recall, score.f1) == pytest.approx((p, r, f))


# ----------------------------------------------------------------------------- the command


@pytest.fixture
def case(tmp_path: Path) -> tuple[Path, Path]:
    """gold/D1.json + inputs/D1.txt and D1.docx (the 003 sample), inputs/D2.docx broken, gold/D2.json."""
    gold_dir, inputs = tmp_path / "gold", tmp_path / "inputs"
    gold_dir.mkdir()
    inputs.mkdir()
    (gold_dir / "D1.json").write_text(json.dumps(gold(STEM), ensure_ascii=False), encoding="utf-8")
    (inputs / "D1.txt").write_bytes((SAMPLES / f"{STEM}.txt").read_bytes())
    (inputs / "D1.docx").write_bytes((SAMPLES / f"{STEM}.docx").read_bytes())
    (inputs / "notes.txt").write_text("not a gold document", encoding="utf-8")
    return gold_dir, inputs


def evaluate(*args: str | Path) -> Any:
    return runner.invoke(app, ["evaluate", *map(str, args)])


def test_cli_scores_each_input_and_format(case: tuple[Path, Path], tmp_path: Path) -> None:
    gold_dir, inputs = case
    result = evaluate(gold_dir, inputs, "-v", "--json", tmp_path / "report.json")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[:2]] == ["D1.docx", "D1.txt"]
    assert "items=1.00" in lines[0] and "cov=1.000" in lines[0]
    assert any(line.split()[:4] == ["items", "1.000", "1.000", "1.000"] for line in lines)
    assert lines[-1].startswith("failed=0 items=1.00 children=1.00 inline_addressees=1.00 findings=1.00")
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert set(report["formats"]) == {"txt", "docx"}
    items = report["fields"]["items"]
    assert items["tp"] == items["gold"] == items["pred"] == 2 * len(gold(STEM)["recommendations"][0]["items"])
    assert report["unmatched"] == [str(inputs / "notes.txt")]
    assert "files=2 failed=0 no_gold=1" in result.stdout
    assert result.stderr == ""


def test_cli_without_verbose_has_no_document_lines(case: tuple[Path, Path]) -> None:
    result = evaluate(*case)
    assert result.exit_code == 0
    assert "D1.txt" not in result.stdout


def test_cli_min_below_exits_1(case: tuple[Path, Path]) -> None:
    gold_dir, inputs = case
    expected = gold(STEM)
    expected["recommendations"][0]["items"].append(item("Пункт, которого нет в документе"))
    (gold_dir / "D1.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    assert evaluate(gold_dir, inputs, "--min", "items=0.9").exit_code == 0
    result = evaluate(gold_dir, inputs, "--min", "items=0.99,kind=1")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1].startswith("SHORT items=0.9")


def test_cli_a_broken_input_is_one_line_and_the_rest_is_scored(case: tuple[Path, Path]) -> None:
    gold_dir, inputs = case
    (gold_dir / "D2.json").write_text(json.dumps(gold(STEM), ensure_ascii=False), encoding="utf-8")
    (inputs / "D2.docx").write_bytes(b"PK\x03\x04 this is not a zip")
    result = evaluate(gold_dir, inputs, "-v")
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"resparse: {inputs / 'D2.docx'}: ")
    assert "Traceback" not in result.output
    assert "D2.docx" in result.stdout and "FAILED" in result.stdout  # scored as an empty output
    assert "files=3 failed=1" in result.stdout


def test_cli_each_input_is_read_under_the_memory_cap(case: tuple[Path, Path]) -> None:
    """evaluate reads through the supervised workers: a cap too small for any reader fails each
    input in one line, and the run still ends with a report, not a crash."""
    gold_dir, inputs = case
    result = evaluate(gold_dir, inputs, "--max-memory-mb", "60")
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert errors and all("memory limit (--max-memory-mb)" in line for line in errors), errors
    assert "Traceback" not in result.output


def test_cli_parallel_workers_score_as_one(case: tuple[Path, Path]) -> None:
    gold_dir, inputs = case
    one, two = evaluate(gold_dir, inputs, "-v"), evaluate(gold_dir, inputs, "-v", "-j", "2")
    assert one.exit_code == two.exit_code == 0
    strip = [line.split(" median_s=")[0] for line in one.stdout.splitlines() if "seconds" not in line]
    assert strip == [line.split(" median_s=")[0] for line in two.stdout.splitlines() if "seconds" not in line]


def test_cli_a_named_file_without_gold_and_a_missing_file_are_failures(case: tuple[Path, Path]) -> None:
    gold_dir, inputs = case
    result = evaluate(gold_dir, inputs / "D1.txt", inputs / "notes.txt", inputs / "nosuch.txt")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"resparse: {inputs / 'notes.txt'}: no gold file {gold_dir / 'notes.json'}",
        f"resparse: {inputs / 'nosuch.txt'}: no such file",
    ]
    assert "files=1 failed=2" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--min", "items"],
        ["--min", "items=2"],
        ["--min", "nosuch=0.5"],
        ["--field", "nosuch"],
        ["--ocr", "sometimes"],
    ],
)
def test_cli_usage_errors_exit_2(case: tuple[Path, Path], args: list[str]) -> None:
    assert evaluate(*case, *args).exit_code == 2


def test_cli_gold_dir_must_be_a_folder(case: tuple[Path, Path]) -> None:
    gold_dir, inputs = case
    assert evaluate(gold_dir / "D1.json", inputs).exit_code == 2


def test_cli_field_and_only_select(case: tuple[Path, Path], tmp_path: Path) -> None:
    result = evaluate(*case, "--field", "items,kind", "--only", "*.txt", "--json", tmp_path / "r.json")
    assert result.exit_code == 0
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert set(report["summary"]) == {"items", "kind"}
    assert set(report["formats"]) == {"txt"}


def test_cli_nothing_to_score_exits_1(case: tuple[Path, Path]) -> None:
    result = evaluate(*case, "--only", "*.pdf")
    assert result.exit_code == 1
    assert "no input matches a gold file" in result.stderr
