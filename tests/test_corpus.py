"""The CI gate: `resparse evaluate` on the corpus and the samples stays at or above the floors.

The floors live in tests/corpus/floors.yaml; raise one there when you improve a field.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from resparse.evaluate import FIELDS, Report, below, evaluate
from resparse.models import Deadline
from support import GOLD, SAMPLES

JOBS = 2
"""Inputs read at once: the gate reads through the same supervised workers as `batch`."""
CORPUS = Path(__file__).resolve().parent / "corpus"
FLOORS: dict[str, dict[str, float]] = yaml.safe_load((CORPUS / "floors.yaml").read_text(encoding="utf-8"))
SAMPLE_FORMATS = ["*.txt", "*.docx", "*.pdf"]  # .doc/.rtf/.odt need LibreOffice, scans need Tesseract


@pytest.fixture(scope="module")
def corpus() -> Report:
    return evaluate(CORPUS / "gold", [CORPUS / "inputs"], jobs=JOBS)


@pytest.fixture(scope="module")
def samples() -> Report:
    return evaluate(GOLD, [SAMPLES], only=SAMPLE_FORMATS, skip=["*.scan.pdf"], jobs=JOBS)


def _shortfalls(report: Report, floors: dict[str, float]) -> list[str]:
    return below(report, floors)


def test_floors_name_known_fields() -> None:
    for floors in FLOORS.values():
        assert set(floors) <= set(FIELDS)
        assert all(0 <= v <= 1 for v in floors.values())


def test_every_corpus_document_is_read_and_scored(corpus: Report) -> None:
    assert not corpus.failures
    assert [d.name for d in corpus.documents] == sorted(
        p.stem + ".txt" for p in (CORPUS / "gold").glob("*.json")
    )


def test_corpus_fields_stay_above_their_floors(corpus: Report) -> None:
    assert set(corpus.summary) <= set(FLOORS["corpus"]), "a new field is measured: give it a floor"
    assert not _shortfalls(corpus, FLOORS["corpus"]), corpus.summary


HAND_WRITTEN = {
    "heldout": [Path("heldout/inputs")],
    "fresh": [Path("fresh/inputs"), Path("fresh/docx")],
    "third": [Path("third/inputs"), Path("third/docx"), Path("third/pdf")],
    "fourth": [Path("fourth/inputs"), Path("fourth/docx"), Path("fourth/pdf")],
    "fifth": [Path("fifth/inputs"), Path("fifth/docx"), Path("fifth/pdf")],
    "sixth": [Path("sixth/inputs"), Path("sixth/html"), Path("sixth/docx"), Path("sixth/pdf")],
    "seventh": [Path("seventh/inputs"), Path("seventh/docx"), Path("seventh/pdf"), Path("seventh/html")],
    "eighth": [Path("eighth/inputs"), Path("eighth/docx"), Path("eighth/pdf"), Path("eighth/html")],
    "ninth": [Path("ninth/inputs"), Path("ninth/docx"), Path("ninth/pdf"), Path("ninth/html")],
    "tenth": [Path("tenth/inputs"), Path("tenth/docx"), Path("tenth/pdf"), Path("tenth/html")],
    "eleventh": [Path("eleventh/inputs"), Path("eleventh/docx"), Path("eleventh/pdf"), Path("eleventh/html")],
    "twelfth": [Path("twelfth/inputs"), Path("twelfth/docx"), Path("twelfth/pdf")],
    "thirteenth": [
        Path("thirteenth/inputs"),
        Path("thirteenth/docx"),
        Path("thirteenth/pdf"),
        Path("thirteenth/html"),
    ],
}
"""Hand-written sets of documents in the shapes of real ones (tests/heldout, tests/fresh: their
READMEs say how they were made); each has its own floors."""


@pytest.mark.parametrize("name", sorted(HAND_WRITTEN))
def test_hand_written_sets_stay_above_their_floors(name: str) -> None:
    tests = CORPUS.parent
    report = evaluate(tests / name / "gold", [tests / inputs for inputs in HAND_WRITTEN[name]], jobs=JOBS)
    assert not report.failures
    assert set(report.summary) <= set(FLOORS[name]), "a new field is measured: give it a floor"
    assert not _shortfalls(report, FLOORS[name]), report.summary


ORIGINALS = {"corpus_originals": [Path("originals/docx"), Path("originals/pdf")]}
"""The corpus's 26 real texts as clerks' Word files and their LibreOffice PDFs
(tests/corpus/originals/README.md), scored against the corpus's own gold, untuned."""


@pytest.mark.parametrize("name", sorted(ORIGINALS))
def test_corpus_originals_stay_above_their_floors(name: str) -> None:
    report = evaluate(CORPUS / "gold", [CORPUS / inputs for inputs in ORIGINALS[name]], jobs=JOBS)
    assert not report.failures and not report.unmatched
    assert len(report.documents) == 2 * len(list((CORPUS / "gold").glob("*.json")))
    assert set(report.summary) <= set(FLOORS[name]), "a new field is measured: give it a floor"
    assert not _shortfalls(report, FLOORS[name]), report.summary


SLOW_SETS = {"seventh_legacy": Path("seventh/legacy"), "seventh_scans": Path("seventh/scans")}
"""Files that need LibreOffice (.doc, .rtf, .odt) or Tesseract (scans): slow, and skipped without
the tool."""


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SLOW_SETS))
def test_slow_formats_stay_above_their_floors(name: str) -> None:
    tool = "tesseract" if name.endswith("scans") else "soffice"
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    tests = CORPUS.parent
    report = evaluate(tests / "seventh" / "gold", [tests / SLOW_SETS[name]], jobs=JOBS)
    assert not report.failures
    assert not _shortfalls(report, FLOORS[name]), report.summary


def test_samples_stay_above_their_floors(samples: Report) -> None:
    assert not samples.failures
    assert set(samples.formats) == {"txt", "docx", "typed.docx", "pdf"}
    assert len(samples.documents) == 16
    assert not _shortfalls(samples, FLOORS["samples"]), samples.summary


def _quoted(items: list[dict[str, Any]]) -> Iterator[str]:
    for item in items or []:
        yield item["text"]
        yield from (item[k]["text"] for k in ("addressee", "deadline") if item.get(k))
        yield from _quoted(item.get("items") or [])


def _gold_quotes(gold: dict[str, Any]) -> Iterator[str]:
    """Strings gold copies from the input (names in the nominative are not quotations)."""
    for section in gold.get("findings") or []:
        yield section["title"]
        yield from _quoted(section["items"])
    for block in gold.get("recommendations") or []:
        yield from [block["addressee"]["text"]] if block.get("addressee") else []
        yield from _quoted(block["items"])
    for row in gold.get("roadmap") or []:
        yield from (v for v in (row["action"], row.get("result")) if v)
        yield from (
            v["text"] if "text" in v else v["title"] for v in (row.get("deadline"), row.get("section")) if v
        )
        # an involved body is named in the nominative ("с привлечением Совета" → "Совет"): no quotation
        yield from (e["name"] for e in row.get("executors") or [] if e.get("role") != "involved")
    yield from (s["name"] for s in gold.get("signatories") or [])
    yield from (v for a in gold.get("abbreviations") or [] for v in (a["short"], a["full"]))


def _gold_deadlines(gold: dict[str, Any]) -> Iterator[dict[str, Any]]:
    def walk(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for item in items or []:
            yield from [item["deadline"]] if item.get("deadline") else []
            yield from walk(item.get("items") or [])

    for block in (gold.get("recommendations") or []) + (gold.get("findings") or []):
        yield from walk(block["items"])
    yield from (row["deadline"] for row in gold.get("roadmap") or [] if row.get("deadline"))


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


GOLD_SETS = [CORPUS, *(CORPUS.parent / name for name in HAND_WRITTEN)]


@pytest.mark.parametrize(
    "gold_path",
    [path for folder in GOLD_SETS for path in sorted((folder / "gold").glob("*.json"))],
    ids=lambda p: p.stem,
)
def test_gold_quotes_its_input(gold_path: Path) -> None:
    """Every string gold copies from a document occurs in it (whitespace collapsed; in its clean
    text where the set keeps one); a signatory's position, which may stand over two columns of
    lines, word by word."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    # a set whose inputs are copied out of PDFs (tests/ninth) quotes the documents' clean text
    clean = gold_path.parent.parent / "clean" / f"{gold_path.stem}.txt"
    text = clean if clean.is_file() else gold_path.parent.parent / "inputs" / f"{gold_path.stem}.txt"
    source = _collapse(text.read_text(encoding="utf-8"))
    quotes = list(_gold_quotes(gold))
    assert [q for q in quotes if _collapse(q) not in source] == []
    for raw in _gold_deadlines(gold):  # the output schema's own model checks dates and recurrence
        deadline = Deadline.model_validate(raw)
        assert not (deadline.start and deadline.end and deadline.start > deadline.end), raw
    positions = [s["position"] for s in gold.get("signatories") or [] if s.get("position")]
    words = set(source.split())
    assert [p for p in positions if not set(p.split()) <= words] == []


CORPUS_SCANS = CORPUS / "originals" / "scan"
"""The corpus originals' PDFs printed and scanned (tests/corpus/originals/scan/render.py: skew,
grain, blur, JPEG, holes, blots, a signature and a stamp), image-only: read by Tesseract."""


@pytest.mark.slow
def test_corpus_scans_stay_above_their_floors() -> None:
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed")
    report = evaluate(CORPUS / "gold", [CORPUS_SCANS], only=["*.scan.pdf"], jobs=JOBS)
    assert not report.failures and not report.unmatched
    assert len(report.documents) == len(list((CORPUS / "gold").glob("*.json")))
    assert set(report.summary) <= set(FLOORS["corpus_scans"]), "a new field is measured: give it a floor"
    assert not _shortfalls(report, FLOORS["corpus_scans"]), report.summary
