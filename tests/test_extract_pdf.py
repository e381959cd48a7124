"""PDF reader: the sample PDFs against their seed texts, small PDFs built here, pure helpers.

The samples (``samples/*.pdf``) were printed by LibreOffice from the .docx made from the
seed ``.txt``; the checks compare what a reader sees in the PDF with the seed's lines,
words and list markers. Synthetic PDFs (reportlab, pypdf) pin down one rule each; those
with Cyrillic text need DejaVu Sans and skip without it.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from resparse.errors import CorruptFileError, EncryptedFileError, InputError, LimitExceededError
from resparse.extract import pdf as pdf_reader
from resparse.extract import read_layout
from resparse.extract.pdf import needs_ocr, text_is_readable
from resparse.extract.pdf.borderless import borderless_tables
from resparse.extract.pdf.lines import PAGE_NUMBER
from resparse.extract.pdf.tables import (
    cluster_edges,
    column_span,
    header_row_count,
    is_numbering_row,
    merge_rows,
    same_columns,
)
from resparse.extract.pdf.text_source import fix_cid_lines
from resparse.extract.pdf.words import Line, is_bold_font, is_tab_gap, join_lines, join_pair, make_line
from resparse.layout import Cell, Layout, Paragraph, Row, SourceInfo, Table
from resparse.limits import DEFAULT_LIMITS, Limits
from resparse.markers import marker_kind, split_marker
from support import SAMPLES

S000 = "000_858972ccd0d0de21"
S001 = "001_6d517112406bb0e7"
S002 = "002_8a20071a4967c9a1"
S003 = "003_2845198f4ac59122"
S004 = "004_493f23bf5003ad19"


# --- helpers --------------------------------------------------------------------------------


def read_pdf(data: bytes, limits: Limits = DEFAULT_LIMITS, path: str = "test.pdf") -> Layout:
    """The PDF reader itself, without ``read_layout``'s OCR fallback for scans."""
    info = SourceInfo(path=path, format="pdf", sha256=hashlib.sha256(data).hexdigest())
    return pdf_reader.read(data, info, limits)


@cache
def sample(name: str) -> Layout:
    path = SAMPLES / f"{name}.pdf"
    return read_pdf(path.read_bytes(), path=str(path))


def norm(text: str) -> str:
    return " ".join(text.split())


def strip_bold(text: str) -> str:
    """The seed's ``**bold**`` marks; a mark glued between words ("КАРТА»)**по") is a space."""
    text = re.sub(r"(?<=\S)\*\*(?=[^\s*.,;:!?»)])", " ", text)
    return text.replace("**", "")


@cache
def seed(name: str) -> tuple[tuple[str | None, str], ...]:
    """The seed's non-blank lines as (marker, text), markers split off, tab cells apart."""
    result: list[tuple[str | None, str]] = []
    for raw in (SAMPLES / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        raw = strip_bold(raw.replace("[bookmark: _GoBack]", ""))
        if not raw.strip() or re.fullmatch(r"[-\t ]+", raw):
            continue
        marker, rest = split_marker(raw)
        for index, piece in enumerate((rest if marker else raw).split("\t")):
            if piece.strip():
                result.append((marker if index == 0 else None, norm(piece)))
    return tuple(result)


def seed_words(name: str) -> list[str]:
    """All words of the seed, markers included (for tables, where numbers are cell text)."""
    text = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    lines = [strip_bold(line) for line in text.splitlines() if not re.fullmatch(r"[-\t ]+", line)]
    return " ".join(lines).split()


def is_seed_run(piece: str, lines: list[str]) -> bool:
    """Whether ``piece`` is one seed line or several consecutive ones joined by spaces."""
    for start, line in enumerate(lines):
        if not piece.startswith(line):
            continue
        joined, end = line, start
        while len(joined) < len(piece) and end + 1 < len(lines):
            end += 1
            joined = f"{joined} {lines[end]}"
        if joined == piece:
            return True
    return False


def layout_words(layout: Layout) -> list[str]:
    words: list[str] = []
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            words += block.text.split()
        else:
            words += [
                w for row in block.rows for cell in row.cells if not cell.merged for w in cell.text.split()
            ]
    return words


def markers(layout: Layout) -> list[str]:
    return [p.marker for p in layout.paragraphs() if p.marker]


def texts(layout: Layout) -> list[str]:
    return [p.text for p in layout.paragraphs()]


# --- samples --------------------------------------------------------------------------------

TEXT_SAMPLES = [S000, S001, S002, S003]


@pytest.mark.parametrize("name", TEXT_SAMPLES)
def test_sample_markers_follow_the_seed(name: str) -> None:
    expected = [marker for marker, _ in seed(name) if marker]
    layout = sample(name)
    assert markers(layout) == expected
    assert all(p.marker_source == "typed" for p in layout.paragraphs() if p.marker)


def test_sample_marker_sequences_spelled_out() -> None:
    assert markers(sample(S000)) == ["1.", "2.", "3.", "4.", "1.", "2.", "1.", "2.", "1."]
    assert markers(sample(S001)) == ["1.", "1.1.", "1.2.", "1.3.", "2.", "2.1.", "3.", "3.1."]
    numbered_002 = [m for m in markers(sample(S002)) if m != "-"]
    assert numbered_002 == ["1)", "2)", "3)"]
    dashes = Counter(p.level for p in sample(S002).paragraphs() if p.marker == "-")
    assert dashes == {0: 38, 1: 2}
    marks_003 = markers(sample(S003))
    assert [m for m in marks_003 if m != "·"] == [f"{n}." for n in range(1, 10)]
    assert marks_003.count("·") == 14
    assert marks_003[:4] == ["·", "·", "·", "1."]


def test_sample_levels() -> None:
    levels_001 = {p.marker: p.level for p in sample(S001).paragraphs() if p.marker}
    assert levels_001["1."] == 0 and levels_001["3."] == 0
    assert levels_001["1.1."] == 1 and levels_001["3.1."] == 1
    nested = [p.text for p in sample(S002).paragraphs() if p.marker == "-" and p.level == 1]
    assert nested == ["возможности НКО города ;", "потребности НКО города"]
    assert {p.level for p in sample(S003).paragraphs() if p.marker} == {0}


@pytest.mark.parametrize("name", TEXT_SAMPLES)
def test_sample_paragraphs_are_seed_lines(name: str) -> None:
    """Each paragraph (each tab-separated part) is a seed line or a run of whole lines."""
    lines = [text for _, text in seed(name)]
    for paragraph in sample(name).paragraphs():
        for piece in paragraph.text.split("\t"):
            if piece.strip():
                assert is_seed_run(norm(piece), lines), piece


@pytest.mark.parametrize("name", [S000, S002, S003])
def test_sample_words_in_seed_order(name: str) -> None:
    expected = [w for _, text in seed(name) for w in text.split()]
    assert layout_words(sample(name)) == expected


def test_sample_words_as_a_bag() -> None:
    """001's place/date table and 004's table interleave columns: compare the words only."""
    expected = Counter(w for _, text in seed(S001) for w in text.split()) + Counter(markers(sample(S001)))
    assert Counter(layout_words(sample(S001))) + Counter(markers(sample(S001))) == expected
    assert Counter(layout_words(sample(S004))) == Counter(seed_words(S004))


@pytest.mark.parametrize("name", [S000, S001, S002, S003, S004])
def test_sample_has_no_page_numbers(name: str) -> None:
    layout = sample(name)
    assert not [t for t in texts(layout) if re.fullmatch(r"\s*\d+\s*", t)]
    assert layout.source.pages == {S000: 3, S001: 2, S002: 3, S003: 3, S004: 6}[name]
    assert layout.warnings == []


def test_sample_items_are_whole_paragraphs() -> None:
    items = {p.marker: p.text for p in sample(S001).paragraphs() if p.marker}
    assert items["2.1."].startswith("Рассмотреть вопрос о едином подходе")
    assert items["2.1."].endswith("социально ориентированных некоммерческих организаций на местном уровне.")
    first = next(p for p in sample(S000).paragraphs() if p.marker == "3.")
    assert "крупного бизнеса - ПАО Сбербанк" in first.text  # a dash inside a paragraph is no bullet


def test_sample_title_block_hints() -> None:
    paragraphs = sample(S000).paragraphs()
    title = paragraphs[0]
    assert (title.text, title.bold, title.centered, title.caps, title.size) == (
        "РЕКОМЕНДАЦИИ",
        True,
        True,
        True,
        14.0,
    )
    assert title.where.page == 1 and title.where.bbox is not None
    body = next(p for p in paragraphs if p.text.startswith("Комиссия по развитию"))
    assert not body.bold and not body.centered
    blank_before_body = paragraphs[paragraphs.index(body) - 1]
    assert blank_before_body.text == ""
    assert paragraphs[-1].text.endswith("муниципальных образований\tВ.П. Журавлёв")


def test_sample_invisible_place_and_date_table() -> None:
    """001 prints place and date side by side from an invisible table: so does the DOCX reader."""
    (table,) = sample(S001).tables()
    assert table.borderless
    assert [row.texts for row in table.rows] == [
        [
            "г. Санкт-Петербург,\nул. Смольного, д.3, каб.1-73\nв формате онлайн",
            "11 февраля 2021 г.\n11 часов 00 мин.",
        ]
    ]
    assert table.where.page == 1
    assert sample(S000).tables() == []  # a single tabbed signature line stays a paragraph


def test_sample_pages_in_provenance() -> None:
    pages = [p.where.page for p in sample(S003).paragraphs() if p.text]
    assert pages == sorted(pages) and set(pages) == {1, 2, 3}


# --- the roadmap table (004) ----------------------------------------------------------------


def roadmap() -> Table:
    tables = sample(S004).tables()
    assert len(tables) == 1
    return tables[0]


def test_roadmap_is_one_table_of_38_rows() -> None:
    table = roadmap()
    assert len(table.rows) == 38
    assert [row.header for row in table.rows].count(True) == 1 and table.rows[0].header
    assert table.rows[0].texts == [
        "№",
        "Наименование мероприятия",
        "Ожидаемый результат",
        "Срок исполнения",
        "Исполнитель (соисполнители)",
    ]
    assert all(cell.bold for cell in table.rows[0].cells)
    assert not table.borderless


def test_roadmap_sections_and_items() -> None:
    rows = roadmap().rows[1:]
    sections = [row for row in rows if len(row.cells) == 2]
    assert [row.cells[0].text.rstrip(".") for row in sections] == [str(n) for n in range(1, 9)]
    assert all(row.cells[1].span == 4 and row.cells[1].bold for row in sections)
    assert sections[0].cells[1].text.startswith("Взаимодействие социально ориентированных")
    items = [row for row in rows if len(row.cells) == 5]
    assert len(items) == 29
    numbers = [row.cells[0].text for row in items]
    assert numbers[0] == "1.1" and numbers[-1] == "8.2" and len(set(numbers)) == 29
    assert all(row.cells[0].text for row in rows)  # no split fragment left behind
    assert all(row.texts != roadmap().rows[0].texts for row in rows)  # no repeated header


def test_roadmap_rows_split_by_pages_are_whole() -> None:
    by_number = {row.cells[0].text: row.texts for row in roadmap().rows}
    assert by_number["2.3"][2].endswith("освещение деятельности НКО в СМИ")
    assert by_number["4.1"][4].endswith(
        "главы администраций муниципальных районов/городского округа Ленинградской области"
    )
    assert by_number["6.3"][1].endswith("для экспертов Ленинградской области")
    assert by_number["1.5"][2].endswith(
        "принятие необходимых документов и формирование отчетов о проделанной работе"
    )
    assert by_number["8.2"] == [
        "8.2",
        "Создание ГБУ «Ленинградский областной ресурсный центр» для НКО с муниципальными отделениями "
        "(удаленными рабочими местами), предоставление помещений/рабочих мест для осуществления "
        "деятельности НКО в рамках субсидий ОМСУ",
        "Разработаны предложения о реализации",
        "2023 – 2024 гг.",
        "Правительство Ленинградской области; главы администраций муниципальных районов/городского "
        "округа Ленинградской области",
    ]


def test_roadmap_table_text_is_not_repeated_as_paragraphs() -> None:
    assert [t for t in texts(sample(S004)) if t] == [
        "ПЛАН МЕРОПРИЯТИЙ («ДОРОЖНАЯ КАРТА»)",
        "по обеспечению устойчивого развития некоммерческого сектора Ленинградской области",
    ]


def test_needs_ocr_is_false_for_a_text_pdf() -> None:
    assert needs_ocr((SAMPLES / f"{S001}.pdf").read_bytes()) is False


def test_page_limit() -> None:
    with pytest.raises(LimitExceededError, match="6 pages"):
        read_pdf((SAMPLES / f"{S004}.pdf").read_bytes(), limits=Limits(max_pages=5))


def test_read_layout_dispatches_pdf_here() -> None:
    layout = read_layout(SAMPLES / f"{S001}.pdf")
    assert layout.source.format == "pdf" and not layout.source.ocr
    assert layout.blocks == sample(S001).blocks


# --- synthetic PDFs -------------------------------------------------------------------------


def pm() -> Any:
    """The PDF-building helpers (tests/pdfmaker.py); skip when reportlab is not installed."""
    pytest.importorskip("reportlab", reason="reportlab is needed to build test PDFs")
    import pdfmaker

    return pdfmaker


def read_bytes(data: bytes) -> Layout:
    return read_pdf(data)


def cyrillic() -> tuple[str, str]:
    fonts = pm().cyrillic_font()
    if fonts is None:
        pytest.skip("DejaVu Sans is not installed")
    return fonts


COLUMNS = [50.0, 90.0, 260.0, 420.0, 545.0]
HEADER = ["No", "Task", "Result", "Who"]


def header_cells(row: int = 0) -> list[Any]:
    return [pm().CellSpec(row, col, [text], bold=True) for col, text in enumerate(HEADER)]


def running_lines(maker: Any, number: int) -> None:
    maker.text(50, 30, "Draft plan of events", size=9)
    maker.text(290, 805, f"Page {number} of 3", size=9)


def three_page_table() -> bytes:
    """A table over three pages: header repeated, row 1.3 split twice, headers and footers."""
    spec = pm().CellSpec
    maker = pm().PdfMaker()
    running_lines(maker, 1)
    maker.centered(60, "PLAN OF EVENTS", 50, 545, size=14, bold=True)
    maker.table(
        COLUMNS,
        [100, 130, 150, 190, 230, 260],
        [
            *header_cells(),
            spec(1, 0, ["1."], bold=True),
            spec(1, 1, ["First section"], span=3, bold=True),
            spec(2, 0, ["1.1"]),
            spec(2, 1, ["Collect the list of", "problems"]),
            spec(2, 2, ["List of problems"]),
            spec(2, 3, ["Heads of", "districts"]),
            spec(3, 0, ["1.2"]),
            spec(3, 1, ["Draw up a plan"]),
            spec(3, 2, ["Plan of", "measures"]),
            spec(3, 3, ["Chamber"]),
            spec(4, 0, ["1.3"]),
            spec(4, 1, ["Prepare the first"]),
            spec(4, 2, ["Report part"]),
            spec(4, 3, ["Committee of"]),
        ],
    )
    maker.page()
    running_lines(maker, 2)
    maker.table(
        COLUMNS,
        [50, 80, 110],
        [*header_cells(), spec(1, 0), spec(1, 1, ["part two of the plan"]), spec(1, 2, ["one"]), spec(1, 3)],
    )
    maker.page()
    running_lines(maker, 3)
    maker.table(
        COLUMNS,
        [50, 80, 110, 140],
        [
            *header_cells(),
            spec(1, 0),
            spec(1, 1),
            spec(1, 2),
            spec(1, 3, ["public affairs"]),
            spec(2, 0, ["1.4"]),
            spec(2, 1, ["Hold meetings"]),
            spec(2, 2, ["Minutes"]),
            spec(2, 3, ["Chamber"]),
        ],
    )
    maker.text(50, 170, "End of the plan.")
    return maker.pdf()


def test_table_over_three_pages_is_one_table() -> None:
    layout = read_bytes(three_page_table())
    assert layout.source.pages == 3
    (table,) = layout.tables()
    assert [row.texts for row in table.rows] == [
        HEADER,
        ["1.", "First section"],
        ["1.1", "Collect the list of problems", "List of problems", "Heads of districts"],
        ["1.2", "Draw up a plan", "Plan of measures", "Chamber"],
        ["1.3", "Prepare the first part two of the plan", "Report part one", "Committee of public affairs"],
        ["1.4", "Hold meetings", "Minutes", "Chamber"],
    ]
    assert [row.header for row in table.rows] == [True, False, False, False, False, False]
    assert [cell.span for cell in table.rows[1].cells] == [1, 3]
    assert [row.where.page for row in table.rows] == [1, 1, 1, 1, 1, 3]
    assert table.where.page == 1


def test_running_headers_and_page_numbers_are_dropped() -> None:
    layout = read_bytes(three_page_table())
    assert texts(layout) == ["PLAN OF EVENTS", "End of the plan."]
    assert layout.paragraphs()[0].centered and layout.paragraphs()[0].bold
    assert isinstance(layout.blocks[1], Table) and layout.blocks[2].text == "End of the plan."


def test_tables_with_other_columns_stay_apart() -> None:
    spec = pm().CellSpec
    maker = pm().PdfMaker()
    maker.table(COLUMNS, [700, 730, 760], [*header_cells(), *(spec(1, c, [f"a{c}"]) for c in range(4))])
    maker.page()
    maker.table([50, 200, 545], [50, 80], [spec(0, 0, ["Name"]), spec(0, 1, ["Value"])])
    layout = read_bytes(maker.pdf())
    assert [len(t.rows) for t in layout.tables()] == [2, 1]


def test_vertical_merge_and_two_level_header() -> None:
    spec = pm().CellSpec
    maker = pm().PdfMaker()
    maker.table(
        [50, 100, 200, 300],
        [100, 120, 140, 160, 180],
        [
            spec(0, 0, ["No"], rowspan=2),
            spec(0, 1, ["Term"], span=2),
            spec(1, 1, ["from"]),
            spec(1, 2, ["to"]),
            spec(2, 0, ["1"], rowspan=2),
            spec(2, 1, ["May"]),
            spec(2, 2, ["June"]),
            spec(3, 1, ["July"]),
            spec(3, 2, ["August"]),
        ],
    )
    (table,) = read_bytes(maker.pdf()).tables()
    assert [row.header for row in table.rows] == [True, True, False, False]
    assert [(c.text, c.span, c.merged) for c in table.rows[1].cells] == [
        ("No", 1, True),
        ("from", 1, False),
        ("to", 1, False),
    ]
    assert [(c.text, c.merged) for c in table.rows[3].cells] == [
        ("1", True),
        ("July", False),
        ("August", False),
    ]


def russian_page() -> bytes:
    maker = pm().PdfMaker(fonts=cyrillic())
    left, right, indent = 72.0, 523.0, 107.0

    def line(x: float, top: float, text: str, full: bool = True) -> None:
        if full:
            pm().justify(maker, x, right, top, text)
        else:
            maker.text(x, top, text)

    maker.centered(60, "РЕКОМЕНДАЦИИ", left, right, bold=True)
    rows = [
        (indent, "Комиссия рекомендует всем заинтересованным организа-", True),
        (left, "циям и представителям местного и регионального бизнес-", True),
        (left, "сообщества провести совместную торгово-", True),
        (left, "промышленную выставку в 2024 году.", False),
        (indent, "1. Организовать семинары для крупного бизнеса", True),
        (left, "- ПАО Сбербанк и других компаний региона.", False),
        (indent, "2. Рассмотреть возможность.", False),
        (indent, "- первый пункт списка;", False),
        (indent + 18, "- вложенный пункт;", False),
        (indent, "- последний пункт.", False),
        (left, "Первая строка без отступа.", False),
        (left, "Вторая строка без отступа.", False),
        (left, "Председатель комиссии по развитию", False),
        (left, "гражданского общества", False),
    ]
    top = 110.0
    for x, text, full in rows:
        line(x, top, text, full)
        top += 14.4
    maker.text(420, top - 14.4, "В.П. Журавлёв")
    return maker.pdf()


def test_paragraphs_markers_and_hyphens() -> None:
    layout = read_bytes(russian_page())
    got = [(p.marker, p.level, p.text) for p in layout.paragraphs()]
    assert got == [
        (None, 0, "РЕКОМЕНДАЦИИ"),
        (None, 0, ""),
        (
            None,
            0,
            "Комиссия рекомендует всем заинтересованным организациям и представителям местного и "
            "регионального бизнес-сообщества "
            "провести совместную торгово-промышленную выставку в 2024 году.",
        ),
        ("1.", 0, "Организовать семинары для крупного бизнеса - ПАО Сбербанк и других компаний региона."),
        ("2.", 0, "Рассмотреть возможность."),
        ("-", 0, "первый пункт списка;"),
        ("-", 1, "вложенный пункт;"),
        ("-", 0, "последний пункт."),
        (None, 0, "Первая строка без отступа."),
        (None, 0, "Вторая строка без отступа."),
        (None, 0, "Председатель комиссии по развитию гражданского общества\tВ.П. Журавлёв"),
    ]
    title = layout.paragraphs()[0]
    assert title.bold and title.centered and title.caps


def test_encrypted_pdf_is_refused() -> None:
    pytest.importorskip("pypdf")
    data = pm().encrypt(three_page_table(), user_password="secret")
    with pytest.raises(EncryptedFileError, match="password-protected"):
        read_bytes(data)


def test_pdf_with_empty_user_password_is_read() -> None:
    pytest.importorskip("pypdf")
    data = pm().encrypt(three_page_table(), user_password="")
    assert len(read_bytes(data).tables()[0].rows) == 6


@pytest.mark.parametrize("cut", [0.2, 0.5, 0.9, 0.99])
def test_truncated_pdf_is_damaged(cut: float) -> None:
    data = (SAMPLES / f"{S001}.pdf").read_bytes()
    with pytest.raises(CorruptFileError, match="damaged PDF"):
        read_bytes(data[: int(len(data) * cut)])


def test_junk_after_pdf_header_is_damaged() -> None:
    with pytest.raises(CorruptFileError, match="damaged PDF"):
        read_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)


def test_pdf_without_text_layer_needs_ocr() -> None:
    maker = pm().PdfMaker()
    maker.rect(100, 100, 400, 300)
    data = maker.pdf()
    with pytest.raises(InputError, match="OCR is needed"):
        read_bytes(data)
    assert needs_ocr(data) is True


def test_unreadable_page_is_dropped_with_a_warning() -> None:
    pytest.importorskip("pypdf")
    regular, bold = cyrillic()
    maker = pm().PdfMaker(fonts=(regular, bold))
    maker.text(72, 100, "Читаемая первая страница.", bold=True)
    maker.page()
    maker.text(72, 100, "Эта страница без карты символов и станет мусором.")
    data = pm().strip_to_unicode(maker.pdf(), fonts=[regular])
    layout = read_bytes(data)
    assert texts(layout) == ["Читаемая первая страница."]
    assert layout.warnings == ["page 2: text layer unreadable (needs OCR)"]


def test_all_pages_unreadable_needs_ocr() -> None:
    pytest.importorskip("pypdf")
    regular, bold = cyrillic()
    maker = pm().PdfMaker(fonts=(regular, bold))
    maker.text(72, 100, "Только мусор вместо текста на этой странице.")
    with pytest.raises(InputError, match="no readable text layer"):
        read_bytes(pm().strip_to_unicode(maker.pdf()))


# --- pure helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("организа-", "ций", "организаций"),
        ("бизнес-", "сообщества", "бизнес-сообщества"),
        ("торгово-", "промышленной", "торгово-промышленной"),
        ("Горно-", "Алтайск", "Горно-Алтайск"),
        ("крупного бизнеса -", "ПАО", "крупного бизнеса - ПАО"),
        ("2023-", "2024 гг.", "2023-2024 гг."),
        ("обще\u00ad", "ственной", "общественной"),
        ("слово", "слово", "слово слово"),
        ("", "начало", "начало"),
    ],
)
def test_join_pair(left: str, right: str, joined: str) -> None:
    assert join_pair(left, right) == joined


def test_join_lines() -> None:
    assert join_lines(["Срок", "исполнения"]) == "Срок исполнения"
    assert join_lines(["", "a", "", "b"]) == "a b"


def test_tab_gap() -> None:
    assert not is_tab_gap(4.0, [3.5, 4.0, 3.6], 14)  # a space
    assert not is_tab_gap(30.0, [30.0, 29.0, 31.0], 14)  # evenly stretched justified line
    assert not is_tab_gap(85.0, [85.0, 84.0, 86.0], 14)  # a sparse justified line, stretched a lot
    assert is_tab_gap(120.0, [3.5, 120.0, 3.6, 3.5], 14)  # a tab among spaces
    assert is_tab_gap(90.0, [90.0], 14)  # huge, even alone
    assert not is_tab_gap(40.0, [40.0], 14)  # two words of a justified line


def test_make_line_glues_words_split_by_font() -> None:
    words = [
        {"text": "следующие", "x0": 10, "x1": 70, "top": 0, "bottom": 14, "size": 14, "fontname": "A"},
        {
            "text": "РЕКОМЕНДАЦИИ",
            "x0": 73.5,
            "x1": 170,
            "top": 0,
            "bottom": 14,
            "size": 14,
            "fontname": "X-Bold",
        },
        {"text": ":", "x0": 170, "x1": 174, "top": 0, "bottom": 14, "size": 14, "fontname": "A"},
    ]
    line = make_line(words)
    assert line.text == "следующие РЕКОМЕНДАЦИИ:"
    assert line.bold and not line.has_tab


def test_cid_at_line_start_is_a_bullet() -> None:
    base = {"top": 0, "bottom": 12, "size": 12, "fontname": "F"}
    lines = [
        make_line(
            [{**base, "text": "(cid:3)", "x0": 0, "x1": 5}, {**base, "text": "Пункт", "x0": 20, "x1": 60}]
        ),
        make_line(
            [{**base, "text": "Текст", "x0": 0, "x1": 30}, {**base, "text": "(cid:7)", "x0": 34, "x1": 40}]
        ),
        make_line([{**base, "text": "(cid:9)", "x0": 0, "x1": 5}]),
    ]
    assert [line.text for line in fix_cid_lines(lines)] == ["· Пункт", "Текст"]


@pytest.mark.parametrize(
    ("text", "readable"),
    [
        ("Обычный русский текст.", True),
        ("2023 – 2024", True),
        ("(cid:1)(cid:2)(cid:3) (cid:4)(cid:5)", False),
        ("\uf041\uf042\uf043 \uf044\uf045", False),
        ("Ðåêîìåíäàöèè ïî èòîãàì", False),
        ("Текст (cid:5) с одним пропуском", True),
        ("", False),
    ],
)
def test_text_is_readable(text: str, readable: bool) -> None:
    assert text_is_readable(text) is readable


def test_bold_font_names() -> None:
    assert is_bold_font("BAAAAA+LiberationSerif-Bold")
    assert is_bold_font("Arial,Bold") and is_bold_font("TimesNewRomanPS-BoldMT")
    assert is_bold_font("Futura-Demi") and is_bold_font("AAAAAA+DejaVuSans-Bold")
    assert not is_bold_font("CAAAAA+LiberationSerif") and not is_bold_font("Helvetica-Oblique")
    assert not is_bold_font("Academic")


def test_marker_kinds() -> None:
    assert marker_kind("1.") == marker_kind("12.") == marker_kind("1.2.")
    assert marker_kind("1)") != marker_kind("1.")
    assert marker_kind("а)") == marker_kind("б)") and marker_kind("-") != marker_kind("·")
    assert marker_kind("IV.") == marker_kind("II.") != marker_kind("1.")


def test_grid_helpers() -> None:
    edges = cluster_edges([50, 50.5, 90, 89.8, 260, 545])
    assert [round(e) for e in edges] == [50, 90, 260, 545]
    assert column_span(edges, 90.2, 545) == (1, 2)
    assert same_columns(edges, [50, 90, 545])  # a page of wide rows shows fewer edges
    assert not same_columns(edges, [50, 120, 545])
    assert not same_columns(edges, [60, 90, 545])


def test_numbering_row() -> None:
    assert is_numbering_row(["1", "2", "3", "4"])
    assert not is_numbering_row(["1.1", "Текст", "", ""])
    assert not is_numbering_row(["1", "3"])


def test_header_row_count() -> None:
    def box(x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        return (x0, top, x1, bottom)

    flat = [[box(0, 0, 10, 10), box(10, 0, 20, 10)], [box(0, 10, 10, 20), box(10, 10, 20, 20)]]
    rows = [Row(cells=[Cell(text="A"), Cell(text="B")]), Row(cells=[Cell(text="1"), Cell(text="2")])]
    assert header_row_count(flat, rows) == 2  # "1 | 2" numbers the columns
    rows[1] = Row(cells=[Cell(text="x"), Cell(text="y")])
    assert header_row_count(flat, rows) == 1


def test_merge_rows_by_column() -> None:
    upper = Row(cells=[Cell(text="2"), Cell(text="Название", span=2), Cell(text="начало")])
    lower = Row(cells=[Cell(text=""), Cell(text="продолжение"), Cell(text="лишнее"), Cell(text="конец")])
    merged = merge_rows(upper, lower)
    assert merged.texts == ["2", "Название продолжение лишнее", "начало конец"]
    assert upper.texts == ["2", "Название", "начало"]  # the input is not changed


def test_page_frame_is_not_a_table() -> None:
    maker = pm().PdfMaker()
    maker.rect(30, 30, 565, 812)  # a border round the page
    maker.rect(30, 700, 565, 812)  # a stamp box across its foot: two "cells"
    maker.text(72, 100, "Body text inside the frame.")
    layout = read_bytes(maker.pdf())
    assert layout.tables() == []
    assert texts(layout) == ["Body text inside the frame."]


@pytest.mark.parametrize("seed_number", range(12))
def test_damaged_bytes_never_escape_as_tracebacks(seed_number: int) -> None:
    """Flip bytes of a real PDF: the reader returns a layout or a plain-words InputError."""
    data = bytearray((SAMPLES / f"{S001}.pdf").read_bytes())
    rnd = random.Random(seed_number)
    for _ in range(10):
        data[rnd.randrange(len(data))] = rnd.randrange(256)
    try:
        layout = read_bytes(bytes(data))
    except InputError as error:
        assert str(error) and "Traceback" not in str(error)
    else:
        assert layout.source.pages == 2


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.scan.pdf")), ids=lambda p: p.name)
def test_scanned_samples_need_ocr(path: Path) -> None:
    with pytest.raises(InputError, match="OCR is needed"):
        read_pdf(path.read_bytes())


@pytest.mark.parametrize(
    ("text", "is_number"),
    [
        ("2", True),
        ("- 3 -", True),
        ("Страница 2 из 5", True),
        ("стр. 4", True),
        ("2/5", True),
        ("2024", False),
        ("2024 год", False),
        ("1. Пункт", False),
    ],
)
def test_page_number_pattern(text: str, is_number: bool) -> None:
    assert bool(PAGE_NUMBER.match(text)) is is_number


def test_tab_after_list_number_keeps_the_item_whole() -> None:
    """Word prints "1.<tab>Text": that gap is no column edge, the next line continues the item."""
    maker = pm().PdfMaker()
    maker.text(107, 100, "1.")
    pm().justify(maker, 150, 523, 100, "Organise seminars for small and medium business owners and the")
    maker.text(72, 114.4, "public chambers of the region.")
    maker.text(107, 128.8, "2.")
    maker.text(150, 128.8, "Second item.")
    layout = read_bytes(maker.pdf())
    assert [(p.marker, p.text) for p in layout.paragraphs()] == [
        (
            "1.",
            "Organise seminars for small and medium business owners and the public chambers of the region.",
        ),
        ("2.", "Second item."),
    ]


def test_text_pages_with_a_scanned_page() -> None:
    pypdf = pytest.importorskip("pypdf")
    scan = SAMPLES / f"{S000}.scan.pdf"
    if not scan.exists():
        pytest.skip("no scanned sample")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(SAMPLES / f"{S001}.pdf"))
    writer.append(pypdf.PdfReader(scan), pages=[0])
    out = io.BytesIO()
    writer.write(out)
    layout = read_bytes(out.getvalue())
    assert layout.source.pages == 3
    assert layout.warnings == ["page 3: no text layer, only an image (needs OCR)"]
    assert markers(layout) == markers(sample(S001))


def tab_line(top: float, *parts: tuple[float, str]) -> Line:
    """A 12 pt line of words placed at x positions; a part of several words is spaced normally."""
    words = []
    for x, text in parts:
        for word in text.split():
            width = 6.0 * len(word)
            words.append({"text": word, "x0": x, "x1": x + width, "top": top, "bottom": top + 12, "size": 12})
            x += width + 3.0
    return make_line(words)


def test_borderless_grid_gives_a_row_per_line() -> None:
    lines = [
        tab_line(100, (72, "The members are:")),  # ends a sentence: not part of the table
        tab_line(114, (72, "Ivanov I.I."), (300, "chairman")),
        tab_line(128, (72, "Petrov P.P."), (300, "secretary")),
        tab_line(160, (72, "After a gap")),
    ]
    ((start, end, table),) = borderless_tables(lines, max_pitch=1.4)
    assert (start, end) == (1, 3)
    assert [row.texts for row in table.rows] == [["Ivanov I.I.", "chairman"], ["Petrov P.P.", "secretary"]]
    assert table.borderless and table.where.page == 0


def test_borderless_run_with_partial_lines_is_one_row() -> None:
    lines = [
        tab_line(100, (72, "city of Somewhere,"), (400, "1 May 2024")),  # 400 … 454
        tab_line(114, (72, "Main street 4"), (415, "at 9:00")),  # right-aligned: 415 … 454
        tab_line(128, (72, "online")),
        tab_line(142, (72, "A line running on far to the right, past the second column and beyond")),
    ]
    ((start, end, table),) = borderless_tables(lines, max_pitch=1.4)
    assert (start, end) == (0, 3)
    assert [row.texts for row in table.rows] == [
        ["city of Somewhere,\nMain street 4\nonline", "1 May 2024\nat 9:00"]
    ]


def test_numbered_lines_with_tabs_are_no_table() -> None:
    lines = [
        tab_line(100, (107, "1."), (150, "First item")),
        tab_line(114, (107, "2."), (150, "Second item")),
    ]
    assert borderless_tables(lines, max_pitch=1.4) == []
    assert borderless_tables(lines[:1], max_pitch=1.4) == []


def test_lone_page_number_in_the_margin_goes_but_not_in_the_body() -> None:
    maker = pm().PdfMaker()
    maker.text(72, 100, "Body text of a one-page letter.")
    maker.text(72, 400, "42")  # a number in the body is text
    maker.text(72, 500, "End of the letter.")
    maker.centered(805, "- 1 -", 72, 523, size=9)
    assert [t for t in texts(read_bytes(maker.pdf())) if t] == [
        "Body text of a one-page letter.",
        "42",
        "End of the letter.",
    ]


def test_a_letterhead_whose_columns_do_not_share_baselines_is_one_row_of_whole_columns() -> None:
    lines = [
        tab_line(57, (86, "MINISTRY"), (376, "DECISION")),
        tab_line(71, (86, "OF SOCIAL WELFARE")),  # the left column's line between two full ones
        tab_line(87, (86, "OF THE REGION"), (376, "26 February 2028 No 1")),
        tab_line(150, (86, "Body text after a gap.")),
    ]
    ((start, end, table),) = borderless_tables(lines, max_pitch=1.4)
    assert (start, end) == (0, 3)
    assert [row.texts for row in table.rows] == [
        ["MINISTRY\nOF SOCIAL WELFARE\nOF THE REGION", "DECISION\n26 February 2028 No 1"]
    ]


def test_signatures_whose_positions_run_on_under_them_are_a_row_each() -> None:
    lines = [
        tab_line(100, (72, "The end of the decision text.")),
        tab_line(140, (72, "Chairman of the Council"), (400, "E.K. Belozerova")),
        tab_line(154, (72, "of the town")),
        tab_line(168, (72, "Head of the town"), (400, "Yu.A. Tikhomirov")),
        tab_line(182, (72, "district")),
    ]
    ((start, end, table),) = borderless_tables(lines, max_pitch=2.5)
    assert (start, end) == (1, 5)
    assert [row.texts for row in table.rows] == [
        ["Chairman of the Council\nof the town", "E.K. Belozerova"],
        ["Head of the town\ndistrict", "Yu.A. Tikhomirov"],
    ]
