"""A scan reads like its text PDF: one engine, the same layout modulo OCR's character noise.

Each ``samples/*.scan.pdf`` is a rendering of the ``.pdf`` beside it. Both go through the
same line assembler and table builder (only the page source differs), so they must give
the same blocks: paragraphs with the same markers, levels and centring and nearly the same
text, tables with the same rows, headers and spans.
"""

from __future__ import annotations

import difflib
import functools
import shutil
import subprocess
from pathlib import Path

import pytest

from resparse.extract import read_layout
from resparse.layout import Layout, Paragraph, Table
from support import SAMPLES

SCANS = sorted(SAMPLES.glob("*.scan.pdf"))
PARAGRAPH_SIMILARITY = 0.95
"""OCR misreads a letter here and there: a paragraph's text must be at least this similar."""
ROW_SIMILARITY = 0.95
"""… and so must a table row's cells, joined."""


def _has_russian_tesseract() -> bool:
    if not shutil.which("tesseract"):
        return False
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False).stdout
    return "rus" in listed.split()


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not _has_russian_tesseract(), reason="Tesseract with the Russian model is not installed"
    ),
]


@functools.cache
def _layout(path: Path) -> Layout:
    return read_layout(path)


def _similar(a: str, b: str) -> float:
    def norm(text: str) -> str:
        return " ".join(text.replace("–", "-").replace("—", "-").split()).lower()

    return difflib.SequenceMatcher(None, norm(a), norm(b), autojunk=False).ratio()


def _pairs(scan: Path) -> list[tuple[Paragraph | Table, Paragraph | Table]]:
    text = _layout(scan.with_name(scan.name.replace(".scan.pdf", ".pdf")))
    scanned = _layout(scan)
    assert scanned.source.ocr and not text.source.ocr
    assert [type(b).__name__ for b in scanned.blocks] == [type(b).__name__ for b in text.blocks]
    return list(zip(text.blocks, scanned.blocks, strict=True))


@pytest.mark.parametrize("scan", SCANS, ids=lambda p: p.name)
def test_a_scan_gives_the_paragraphs_of_its_text_pdf(scan: Path) -> None:
    pairs = [(a, b) for a, b in _pairs(scan) if isinstance(a, Paragraph) and isinstance(b, Paragraph)]
    assert pairs
    for want, got in pairs:
        assert (got.marker, got.level, got.centered, bool(got.text)) == (
            want.marker,
            want.level,
            want.centered,
            bool(want.text),
        ), (want.text[:60], got.text[:60])
        assert _similar(want.text, got.text) >= PARAGRAPH_SIMILARITY, (want.text, got.text)
        assert got.where and want.where and got.where.page == want.where.page


@pytest.mark.parametrize("scan", SCANS, ids=lambda p: p.name)
def test_a_scan_gives_the_tables_of_its_text_pdf(scan: Path) -> None:
    for want, got in _pairs(scan):
        if not isinstance(want, Table) or not isinstance(got, Table):
            continue
        assert len(got.rows) == len(want.rows)
        for want_row, got_row in zip(want.rows, got.rows, strict=True):
            assert got_row.header == want_row.header
            assert [c.span for c in got_row.cells] == [c.span for c in want_row.cells]
            assert [c.merged for c in got_row.cells] == [c.merged for c in want_row.cells]
            similarity = _similar(" | ".join(want_row.texts), " | ".join(got_row.texts))
            assert similarity >= ROW_SIMILARITY, (want_row.texts, got_row.texts)
