"""More input formats: .doc/.rtf/.odt (LibreOffice), HTML, and scanned PDFs (Tesseract OCR).

The office formats and the scans must give the same *structured* result as the seed's
.docx: recommendations (addressees, item numbers and texts), signatories and roadmap rows.
Tests needing ``soffice`` or ``tesseract`` skip with the reason when the tool is absent;
the missing-tool messages are tested by hiding the tools.
"""

from __future__ import annotations

import difflib
import functools
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from resparse.errors import InputError, LimitExceededError, ToolMissingError
from resparse.extract import read_layout
from resparse.extract.html import decode, list_marker
from resparse.extract.pdf.grid import find_grids
from resparse.extract.pdf.ocr_rulings import find_rulings
from resparse.extract.pdf.ocr_source import OCR_WARNING
from resparse.extract.pdf.ocr_tool import fix_ocr_text, parse_tsv
from resparse.layout import Layout, Paragraph, Table
from resparse.limits import Limits
from resparse.models import Document
from resparse.pipeline import extract
from resparse.structure import build_document
from support import SAMPLES

RECOMMENDATIONS = "000_858972ccd0d0de21"
ROADMAP = "004_493f23bf5003ad19"


def _has_russian_tesseract() -> bool:
    if not shutil.which("tesseract"):
        return False
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False).stdout
    return "rus" in listed.split()


needs_soffice = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")),
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)
needs_tesseract = pytest.mark.skipif(
    not _has_russian_tesseract(),
    reason="Tesseract with the Russian model is not installed: apt-get install tesseract-ocr tesseract-ocr-rus",
)


@functools.cache
def _layout(name: str) -> Layout:
    """Each sample is read once per test run: OCR and conversions take seconds."""
    return read_layout(SAMPLES / name)


def _document(name: str) -> Document:
    """The sample's document, built from its cached layout as :func:`extract` would."""
    return build_document(_layout(name).model_copy(deep=True))


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", text.lower().replace("ё", "е")).split())


def _recommendations(document: Document) -> list[tuple[Any, ...]]:
    return [
        (
            block.number,
            block.addressee.name if block.addressee else None,
            [(item.number, item.text) for item in block.items],
        )
        for block in document.recommendations
    ]


def _roadmap(document: Document) -> list[tuple[Any, ...]]:
    return [
        (
            row.number,
            row.section.number if row.section else None,
            row.action,
            (row.deadline.start, row.deadline.end) if row.deadline else None,
            [executor.name for executor in row.executors],
        )
        for row in document.roadmap
    ]


def _signatories(document: Document) -> list[tuple[str | None, str]]:
    return [(s.position, s.name) for s in document.signatories]


# --------------------------------------------------------------------------- .doc .rtf .odt


@needs_soffice
@pytest.mark.parametrize("fmt", ["doc", "odt", "rtf"])
@pytest.mark.parametrize("seed", [RECOMMENDATIONS, ROADMAP])
def test_office_formats_match_docx(seed: str, fmt: str) -> None:
    expected = _document(f"{seed}.docx")
    converted = _document(f"{seed}.{fmt}")
    assert converted.source.format == fmt
    assert not converted.source.ocr
    assert converted.kind == expected.kind
    assert _recommendations(converted) == _recommendations(expected)
    assert _signatories(converted) == _signatories(expected)
    assert _roadmap(converted) == _roadmap(expected)
    assert converted.title == expected.title


@needs_soffice
def test_office_layout_keeps_numbering_and_table() -> None:
    layout = _layout(f"{RECOMMENDATIONS}.odt")
    markers = [p.marker for p in layout.paragraphs() if p.marker]
    assert markers == ["1.", "2.", "3.", "4.", "1.", "2.", "1.", "2.", "1."]
    assert all(p.marker_source == "auto" for p in layout.paragraphs() if p.marker)
    roadmap = _layout(f"{ROADMAP}.doc").tables()[0]
    assert len(roadmap.rows) == 38
    assert roadmap.rows[1].cells[1].span == 4


@needs_soffice
def test_conversion_time_limit() -> None:
    with pytest.raises(LimitExceededError, match="LibreOffice took longer"):
        read_layout(SAMPLES / f"{RECOMMENDATIONS}.rtf", limits=Limits(seconds_per_document=0.05))


@needs_soffice
def test_damaged_doc_is_refused() -> None:
    data = (SAMPLES / f"{RECOMMENDATIONS}.doc").read_bytes()[:3000]
    with pytest.raises(InputError, match=r"damaged|no text"):
        read_layout(data, name="broken.doc")


# --------------------------------------------------------------------------- scans (OCR)


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _norm(a), _norm(b), autojunk=False).ratio()


@needs_tesseract
def test_scan_recommendations_match_docx() -> None:
    expected = _document(f"{RECOMMENDATIONS}.docx")
    scanned = _document(f"{RECOMMENDATIONS}.scan.pdf")
    assert scanned.source.ocr
    assert OCR_WARNING in scanned.warnings
    assert scanned.kind == expected.kind
    assert len(scanned.recommendations) == len(expected.recommendations) == 4
    for want, got in zip(expected.recommendations, scanned.recommendations, strict=True):
        assert want.addressee and got.addressee
        assert _similar(want.addressee.name, got.addressee.name) >= 0.9
        assert [i.number for i in got.items] == [i.number for i in want.items]
        for item, ocr_item in zip(want.items, got.items, strict=True):
            assert _similar(item.text, ocr_item.text) >= 0.8, (item.text, ocr_item.text)
    assert [name for _, name in _signatories(scanned)] == [name for _, name in _signatories(expected)]


@needs_tesseract
def test_scan_roadmap_rows() -> None:
    expected = _document(f"{ROADMAP}.docx")
    scanned = _document(f"{ROADMAP}.scan.pdf")
    assert scanned.source.ocr and scanned.source.pages == 6
    assert len(scanned.roadmap) == len(expected.roadmap) == 29
    for want, got in zip(_roadmap(expected), _roadmap(scanned), strict=True):
        number, section, action, deadline, executors = want
        assert got[0] == number
        assert got[1] == section
        assert _similar(action, got[2]) >= 0.8, (action, got[2])
        assert got[3] == deadline, (number, got[3])
        assert len(got[4]) == len(executors)
        for name, ocr_name in zip(executors, got[4], strict=True):
            assert _similar(name, ocr_name) >= 0.8


@needs_tesseract
def test_scan_layout_has_one_table_across_pages() -> None:
    tables = _layout(f"{ROADMAP}.scan.pdf").tables()
    assert len(tables) == 1
    rows = tables[0].rows
    assert len(rows) == 38  # header once, 8 sections, 29 items; repeated headers dropped
    assert rows[0].header and not any(row.header for row in rows[1:])
    assert [cell.span for cell in rows[1].cells] == [1, 4]


@needs_tesseract
def test_ocr_modes(tmp_path: Path) -> None:
    scan = SAMPLES / f"{RECOMMENDATIONS}.scan.pdf"
    with pytest.raises(InputError, match="OCR is needed"):
        read_layout(scan, ocr="never")
    text_pdf = read_layout(SAMPLES / f"{RECOMMENDATIONS}.pdf", ocr="auto")
    assert not text_pdf.source.ocr
    with pytest.raises(ValueError, match="ocr must be"):
        read_layout(scan, ocr="sometimes")  # type: ignore[arg-type]


@needs_tesseract
def test_ocr_always_reads_a_text_pdf_by_ocr() -> None:
    """002 printed to PDF, read by OCR: "1)" findings, dash bullets and five addressees."""
    expected = _document("002_8a20071a4967c9a1.docx")
    scanned = extract(SAMPLES / "002_8a20071a4967c9a1.pdf", ocr="always")
    assert scanned.source.ocr and scanned.source.format == "pdf"
    assert [(s.title[:40], len(s.items)) for s in scanned.findings] == [
        (s.title[:40], len(s.items)) for s in expected.findings
    ]
    got = [(b.addressee.name if b.addressee else None, len(b.items)) for b in scanned.recommendations]
    want = [(b.addressee.name if b.addressee else None, len(b.items)) for b in expected.recommendations]
    assert got == want


@needs_tesseract
def test_ocr_page_limit() -> None:
    with pytest.raises(LimitExceededError, match="pages"):
        read_layout(SAMPLES / f"{ROADMAP}.scan.pdf", ocr="always", limits=Limits(max_pages=2))


# --------------------------------------------------------------------------- OCR helpers (no tool)


def _grid_image() -> Image.Image:
    """A 300 dpi page: a 3-column table whose second row spans columns 2–3, and some text."""
    image = Image.new("L", (1200, 900), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 200, 300, 400):
        draw.line((100, y, 1100, y), fill=0, width=3)
    for x in (100, 1100):
        draw.line((x, 100, x, 400), fill=0, width=3)
    draw.line((400, 100, 400, 400), fill=0, width=3)
    draw.line((750, 100, 750, 200), fill=0, width=3)  # absent in row 2: a span
    draw.line((750, 300, 750, 400), fill=0, width=3)
    draw.rectangle((200, 600, 260, 640), fill=0)  # a blot of "text", not a table
    draw.line((100, 800, 500, 800), fill=0, width=2)  # a signature rule, not a table
    return image


def test_find_grid_with_span() -> None:
    horizontal, vertical = find_rulings(_grid_image(), unit=300 / 72)
    grids = find_grids(horizontal, vertical)
    assert len(grids) == 1
    grid = grids[0]
    assert len(grid.rows) == 4 and len(grid.columns) == 4
    spans = [[cell.columns for cell in grid.cells if cell.row == band] for band in range(3)]
    assert spans == [[1, 1, 1], [1, 2], [1, 1, 1]]


def test_find_grid_vertical_merge() -> None:
    image = Image.new("L", (1000, 600), 255)
    draw = ImageDraw.Draw(image)
    for x in (100, 500, 900):
        draw.line((x, 100, x, 400), fill=0, width=3)
    draw.line((100, 100, 900, 100), fill=0, width=3)
    draw.line((500, 250, 900, 250), fill=0, width=3)  # the left cell runs down two rows
    draw.line((100, 400, 900, 400), fill=0, width=3)
    (grid,) = find_grids(*find_rulings(image, unit=300 / 72))
    left = [cell for cell in grid.cells if cell.column == 0]
    assert len(left) == 1 and left[0].rows == 2


def test_parse_tsv() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "4\t1\t1\t1\t1\t0\t10\t20\t300\t40\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t10\t20\t100\t40\t96.5\tСоюзу\n"
        "5\t1\t1\t1\t1\t2\t120\t20\t10\t40\t20.0\t|\n"
        "5\t1\t1\t1\t1\t3\t140\t20\t20\t40\t91.0\t—\n"
    )
    words = parse_tsv(tsv)
    assert [(w.text, w.x0, w.x1) for w in words] == [("Союзу", 10, 110), ("—", 140, 160)]


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("2-Зквартал 2023 года", "2-3 квартал 2023 года"),
        ("2 -—З квартал", "2-3 квартал"),
        ("взаимодействию C органами", "взаимодействию с органами"),
        ("Coюзу «Палата»", "Союзу «Палата»"),
        ("Грант IT-проектов", "Грант IT-проектов"),
        ("З. Совместно с комитетами", "3. Совместно с комитетами"),
        ("Заседание 09.04.2024 г.", "Заседание 09.04.2024 г."),
        ("® Организовать работу", "• Организовать работу"),
        ("е СМИ необходимо", "• СМИ необходимо"),
        ("е-mail", "е-mail"),
    ],
)
def test_fix_ocr_text(raw: str, fixed: str) -> None:
    assert fix_ocr_text(raw) == fixed


# --------------------------------------------------------------------------- HTML


def _html(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def _items(layout_blocks: list[Paragraph | Table]) -> list[tuple[str | None, int, str]]:
    return [(b.marker, b.level, b.text) for b in layout_blocks if isinstance(b, Paragraph) and b.text]


def test_html_ordered_lists() -> None:
    page = _html(
        '<ol start="3"><li>Третий</li><li>Четвёртый<ol type="a"><li>подпункт</li><li>ещё</li></ol></li>'
        '<li value="9">Девятый</li></ol><ol type="I"><li>Раздел</li><li>Другой</li></ol>'
        "<ol reversed><li>два</li><li>один</li></ol>"
    )
    layout = read_layout(page, name="lists.html")
    assert layout.source.format == "html"
    assert _items(layout.blocks) == [
        ("3.", 0, "Третий"),
        ("4.", 0, "Четвёртый"),
        ("a.", 1, "подпункт"),
        ("b.", 1, "ещё"),
        ("9.", 0, "Девятый"),
        ("I.", 0, "Раздел"),
        ("II.", 0, "Другой"),
        ("2.", 0, "два"),
        ("1.", 0, "один"),
    ]
    assert all(p.marker_source == "auto" for p in layout.paragraphs() if p.marker)


def test_html_nested_bullets_and_typed_markers() -> None:
    page = _html(
        "<ul><li>точка<ul><li>вложенная<ul><li>глубже</li></ul></li></ul></li></ul>"
        "<p>1.1. Набранный номер<br>со строкой</p><p>а) пункт</p><p>09.04.2024 г.</p>"
        '<ul style="list-style-type: none"><li>без маркера</li></ul>'
    )
    blocks = read_layout(page, name="bullets.html").paragraphs()
    assert [(p.marker, p.level, p.marker_source) for p in blocks[:3]] == [
        ("•", 0, "auto"),
        ("◦", 1, "auto"),
        ("▪", 2, "auto"),
    ]
    typed = blocks[3]
    assert (typed.marker, typed.level, typed.marker_source, typed.text) == (
        "1.1.",
        1,
        "typed",
        "Набранный номер\nсо строкой",
    )
    assert (blocks[4].marker, blocks[4].text) == ("а)", "пункт")
    assert blocks[5].marker is None and blocks[5].text == "09.04.2024 г."
    assert blocks[6].marker is None and blocks[6].text == "без маркера"


def test_html_table_spans() -> None:
    page = _html(
        '<table border="1"><thead><tr><th>№</th><th colspan="2">Мероприятие и срок</th></tr></thead>'
        '<tr><td rowspan="2">1</td><td>Первое</td><td>2023</td></tr>'
        "<tr><td>Второе</td><td>2024</td></tr>"
        '<tr><td colspan="3"><b>Раздел</b></td></tr></table>'
        "<table><tr><td>Председатель</td><td>И.И. Иванов</td></tr></table>"
    )
    tables = read_layout(page, name="table.html").tables()
    assert len(tables) == 2
    grid, signature = tables
    assert not grid.borderless and signature.borderless
    assert [[(c.text, c.span, c.merged) for c in row.cells] for row in grid.rows] == [
        [("№", 1, False), ("Мероприятие и срок", 2, False)],
        [("1", 1, False), ("Первое", 1, False), ("2023", 1, False)],
        [("1", 1, True), ("Второе", 1, False), ("2024", 1, False)],
        [("Раздел", 3, False)],
    ]
    assert grid.rows[0].header and not grid.rows[1].header
    assert grid.rows[0].cells[0].bold and grid.rows[3].cells[0].bold


def test_html_formatting_and_skipped_parts() -> None:
    page = _html(
        '<h1>Заголовок</h1><p align="center"><b>по итогам</b> <strong>заседания</strong></p>'
        '<p style="text-align: center; text-transform: uppercase">решение</p>'
        "<center>центр</center><p>обычный <b>частично</b></p>"
        "<script>var x = 'скрипт';</script><style>p {}</style><p hidden>скрыто</p>"
        "<p>один</p><p>&nbsp;</p><p>два<br><br>три</p>",
        head='<meta charset="utf-8"><title>заголовок окна</title>',
    )
    blocks = read_layout(page, name="format.html").paragraphs()
    texts = [(p.text, p.bold, p.centered, p.caps) for p in blocks]
    assert texts == [
        ("Заголовок", True, False, False),
        ("по итогам заседания", True, True, False),
        ("решение", False, True, True),
        ("центр", False, True, False),
        ("обычный частично", False, False, False),
        ("один", False, False, False),
        ("", False, False, False),
        ("два", False, False, False),
        ("", False, False, False),
        ("три", False, False, False),
    ]


@pytest.mark.parametrize(
    "head",
    [
        '<meta charset="windows-1251">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
        "",  # no declaration: UTF-8 fails, cp1251 is the fallback
    ],
)
def test_html_cp1251(head: str) -> None:
    page = (
        f"<html><head>{head}</head><body><ol><li>Комитету общественных коммуникаций</li></ol></body></html>"
    )
    layout = read_layout(page.encode("cp1251"), name="cp1251.html")
    assert layout.paragraphs()[0].text == "Комитету общественных коммуникаций"


def test_html_decode_bom_and_wrong_declaration() -> None:
    assert decode("\ufeff<html>Привет".encode())[0] == "<html>Привет"
    assert decode("<html>Привет".encode("utf-16"))[0] == "<html>Привет"
    declared_wrong = '<html><meta charset="windows-1251">Привет'.encode()  # saved as UTF-8 after all
    assert decode(declared_wrong)[0].endswith("Привет")
    koi8 = '<html><meta charset="koi8-r">Привет'.encode("koi8-r")
    assert decode(koi8)[0].endswith("Привет")


def test_html_nesting_limit() -> None:
    page = "<html><body>" + "<div>" * 3000 + "глубоко" + "</div>" * 3000 + "</body></html>"
    with pytest.raises(LimitExceededError, match="too deeply"):
        read_layout(page.encode(), name="deep.html")


def test_html_without_text() -> None:
    with pytest.raises(InputError, match="no text"):
        read_layout(_html("<script>alert(1)</script><p>&nbsp;</p>"), name="empty.html")


def test_list_marker() -> None:
    assert [list_marker("lower-alpha", n) for n in (1, 26, 27)] == ["a.", "z.", "aa."]
    assert [list_marker("upper-roman", n) for n in (4, 9, 14)] == ["IV.", "IX.", "XIV."]
    assert list_marker("decimal", 12) == "12."


RECOMMENDATIONS_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>Рекомендации</title></head><body>
<p align="center"><b>РЕКОМЕНДАЦИИ</b></p>
<p align="center"><b>по итогам заседания комиссии по развитию институтов гражданского общества</b></p>
<p>09.04.2024 г.</p>
<p>Комиссия провела заседание, на котором рассмотрела ход реализации рекомендаций.</p>
<p>Заслушав выступления, Комиссия рекомендует:</p>
<p><b>Комитету общественных коммуникаций Ленинградской области</b></p>
<ol><li>Организовать семинары в муниципальных районах.</li>
<li>Разработать проект «Социальный паспорт территории».</li></ol>
<p><b>Союзу «Ленинградская областная торгово-промышленная палата»</b></p>
<ol><li>Определить социальные проекты.</li></ol>
<table><tr><td>Председатель комиссии</td><td>В.П. Журавлёв</td></tr></table>
</body></html>"""


def test_html_recommendations_end_to_end() -> None:
    document = extract(RECOMMENDATIONS_PAGE.encode("cp1251"), name="recommendations.html")
    assert document.source.format == "html"
    assert document.kind == "recommendations"
    assert str(document.date) == "2024-04-09"
    assert [
        (b.addressee.name if b.addressee else None, [i.number for i in b.items])
        for b in document.recommendations
    ] == [
        ("Комитет общественных коммуникаций Ленинградской области", ["1", "2"]),
        ("Союз «Ленинградская областная торгово-промышленная палата»", ["1"]),
    ]
    assert document.recommendations[0].items[1].text == "Разработать проект «Социальный паспорт территории»."
    assert _signatories(document) == [("Председатель комиссии", "В.П. Журавлёв")]


@needs_soffice
@pytest.mark.parametrize("seed", [RECOMMENDATIONS, ROADMAP])
def test_libreoffice_html_export_matches_docx(seed: str, tmp_path: Path) -> None:
    """A real-world page: the .docx saved as HTML by LibreOffice reads to the same document."""
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "html",
         "--outdir", str(tmp_path), str(SAMPLES / f"{seed}.docx")],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    page = extract(tmp_path / f"{seed}.html")
    expected = _document(f"{seed}.docx")
    assert _recommendations(page) == _recommendations(expected)
    assert _roadmap(page) == _roadmap(expected)
    assert _signatories(page) == _signatories(expected)


# --------------------------------------------------------------------------- missing tools


@pytest.fixture
def no_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)


@pytest.mark.usefixtures("no_tools")
@pytest.mark.parametrize("fmt", ["doc", "odt", "rtf"])
def test_missing_libreoffice(fmt: str) -> None:
    with pytest.raises(
        ToolMissingError, match=r"needs LibreOffice: install the Debian package libreoffice-writer-nogui"
    ):
        read_layout(SAMPLES / f"{RECOMMENDATIONS}.{fmt}")


@pytest.mark.usefixtures("no_tools")
def test_missing_libreoffice_message_names_doc() -> None:
    with pytest.raises(ToolMissingError) as caught:
        read_layout(SAMPLES / f"{ROADMAP}.doc")
    assert (
        str(caught.value)
        == "reading .doc needs LibreOffice: install the Debian package libreoffice-writer-nogui"
    )


def text_pdf_with_a_scanned_page() -> bytes:
    """The 2-page text PDF of 001 followed by page 1 of the 000 scan."""
    import io

    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(SAMPLES / "001_6d517112406bb0e7.pdf"))
    writer.append(pypdf.PdfReader(SAMPLES / f"{RECOMMENDATIONS}.scan.pdf"), pages=[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@needs_tesseract
def test_a_scanned_page_among_text_pages_is_ocred_in_place() -> None:
    data = text_pdf_with_a_scanned_page()
    text_only = read_layout(SAMPLES / "001_6d517112406bb0e7.pdf")
    layout = read_layout(data, name="mixed.pdf")
    assert layout.source.ocr and layout.source.pages == 3
    assert layout.warnings == ["page 3: no text layer, read by OCR; the text may contain errors"]
    assert layout.blocks[: len(text_only.blocks)] == text_only.blocks
    scanned = [b for b in layout.blocks[len(text_only.blocks) :] if isinstance(b, Paragraph)]
    assert scanned and all(b.where and b.where.page == 3 for b in scanned)
    assert any("РЕКОМЕНДАЦИИ" in b.text for b in scanned)


def test_a_scanned_page_among_text_pages_is_only_flagged_without_ocr() -> None:
    layout = read_layout(text_pdf_with_a_scanned_page(), name="mixed.pdf", ocr="never")
    assert not layout.source.ocr
    assert layout.warnings == ["page 3: no text layer, only an image (needs OCR)"]
    assert all(b.where is None or b.where.page < 3 for b in layout.blocks)


@pytest.mark.usefixtures("no_tools")
def test_a_scanned_page_among_text_pages_without_tesseract() -> None:
    layout = read_layout(text_pdf_with_a_scanned_page(), name="mixed.pdf")
    assert not layout.source.ocr
    assert layout.warnings == [
        "scanned page 3 not OCRed: OCR needs Tesseract: install the Debian packages tesseract-ocr tesseract-ocr-rus",
        "page 3: no text layer, only an image (needs OCR)",
    ]


@pytest.mark.usefixtures("no_tools")
def test_missing_tesseract() -> None:
    message = "OCR needs Tesseract: install the Debian packages tesseract-ocr tesseract-ocr-rus"
    with pytest.raises(ToolMissingError) as caught:
        read_layout(SAMPLES / f"{RECOMMENDATIONS}.scan.pdf")  # ocr="auto": a scan goes to OCR
    assert str(caught.value) == message
    with pytest.raises(ToolMissingError, match="tesseract-ocr-rus"):
        read_layout(SAMPLES / f"{RECOMMENDATIONS}.pdf", ocr="always")
    assert not read_layout(SAMPLES / f"{RECOMMENDATIONS}.pdf").source.ocr  # a text PDF needs no tool
