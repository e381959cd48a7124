"""Every rendering of every sample gives the expected structure (tests/gold), field by field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from resparse.emit import to_data
from resparse.pipeline import extract
from support import ROOT, SAMPLES, gold, missing_words, norm

HTML = ROOT / "tests" / "fixtures" / "html"
"""Each sample as LibreOffice's HTML and XHTML exports and as a CMS web page (see its README)."""
HTML_VARIANTS = ("libreoffice", "xhtml", "web")

STEMS = [
    "000_858972ccd0d0de21",
    "001_6d517112406bb0e7",
    "002_8a20071a4967c9a1",
    "003_2845198f4ac59122",
    "004_493f23bf5003ad19",
]
RENDERINGS = [(stem, ext) for stem in STEMS for ext in ("txt", "docx", "pdf")] + [(STEMS[0], "typed.docx")]
RENDERINGS += [(stem, f"{variant}.html") for stem in STEMS for variant in HTML_VARIANTS]


def rendering_path(stem: str, ext: str) -> Path:
    """samples/<stem>.<ext>, or an HTML rendering: tests/fixtures/html/<variant>/<stem>.html."""
    variant, _, suffix = ext.partition(".")
    if suffix == "html" and variant in HTML_VARIANTS:
        return HTML / variant / f"{stem}.html"
    return SAMPLES / f"{stem}.{ext}"


def _items(items: list[dict[str, Any]]) -> list[tuple]:
    return [
        (
            item["number"],
            norm(item["text"]),
            norm((item.get("addressee") or {}).get("name")),
            tuple(_items(item.get("items") or [])),
        )
        for item in items
    ]


def _blocks(document: dict[str, Any]) -> list[tuple]:
    return [
        (block["number"], norm((block.get("addressee") or {}).get("name")), _items(block["items"]))
        for block in document.get("recommendations") or []
    ]


def _findings(document: dict[str, Any]) -> list[tuple]:
    return [(norm(s["title"]), _items(s["items"])) for s in document.get("findings") or []]


def _roadmap(document: dict[str, Any]) -> list[tuple]:
    return [
        (
            row["number"],
            norm((row.get("section") or {}).get("number")),
            norm((row.get("section") or {}).get("title")),
            norm(row["action"]),
            norm(row["result"]),
            tuple(str((row.get("deadline") or {}).get(k)) for k in ("start", "end", "recurrence")),
            tuple((norm(e["name"]), e["role"]) for e in row["executors"]),
        )
        for row in document.get("roadmap") or []
    ]


@pytest.fixture(scope="module", params=RENDERINGS, ids=lambda r: f"{r[0][:3]}.{r[1]}")
def rendering(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    stem, ext = request.param
    return stem, to_data(extract(rendering_path(stem, ext)))


def test_kind_and_date(rendering: tuple[str, dict[str, Any]]) -> None:
    stem, output = rendering
    expected = gold(stem)
    kinds = expected["kind"] if isinstance(expected["kind"], list) else [expected["kind"]]
    assert output["kind"] in kinds
    assert output["date"] == expected.get("date")


def test_recommendation_blocks(rendering: tuple[str, dict[str, Any]]) -> None:
    stem, output = rendering
    assert _blocks(output) == _blocks(gold(stem))


def test_findings(rendering: tuple[str, dict[str, Any]]) -> None:
    stem, output = rendering
    assert _findings(output) == _findings(gold(stem))


def test_roadmap(rendering: tuple[str, dict[str, Any]]) -> None:
    stem, output = rendering
    assert _roadmap(output) == _roadmap(gold(stem))


def test_signatories_and_abbreviations(rendering: tuple[str, dict[str, Any]]) -> None:
    stem, output = rendering
    expected = gold(stem)
    assert [(norm(s["position"]), norm(s["name"])) for s in output["signatories"]] == [
        (norm(s["position"]), norm(s["name"])) for s in expected.get("signatories") or []
    ]
    assert [norm(a["short"]) for a in output["abbreviations"]] == [
        norm(a["short"]) for a in expected.get("abbreviations") or []
    ]


def test_every_source_word_reaches_the_output(rendering: tuple[str, dict[str, Any]]) -> None:
    stem, output = rendering
    source_text = (SAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    assert not missing_words(source_text, output)
