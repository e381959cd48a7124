"""DOCX reader: seed samples, synthetic packages for each numbering rule, hostile packages.

Synthetic documents are written as package XML with :mod:`zipfile` (so every rule is tested
in isolation) or authored with python-docx (to see what a real producer writes).
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from docxmaker import NS, W_NS, p, package

from resparse.errors import CorruptFileError, EmptyFileError, InputError, LimitExceededError
from resparse.extract import read_layout
from resparse.extract.docx.numbering import (
    Counters,
    Level,
    format_number,
    normalise_bullet,
    parse_definitions,
    restarts_after,
    to_letters,
    to_roman,
)
from resparse.layout import Layout, Paragraph, Table
from resparse.limits import Limits
from resparse.limits import size_words as _size
from resparse.markers import split_marker
from support import SAMPLES


def lvl(ilvl: int, fmt: str = "decimal", text: str = "%1.", *, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def abstract(abstract_id: int, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{extra}{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def read(data: bytes, limits: Limits | None = None) -> Layout:
    return read_layout(data, name="x.docx", limits=limits or Limits())


def markers(layout: Layout) -> list[str | None]:
    return [block.marker for block in layout.paragraphs() if block.marker]


def texts(layout: Layout) -> list[str]:
    return [block.text for block in layout.paragraphs()]


# --------------------------------------------------------------------------- seed samples


def _sample(stem: str, suffix: str = ".docx") -> Layout:
    return read_layout(SAMPLES / f"{stem}{suffix}")


def _docx_words(layout: Layout) -> list[str]:
    words: list[str] = []
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            words += ([block.marker] if block.marker else []) + block.text.split()
        else:
            for row in block.rows:
                for cell in row.cells:
                    words += [] if cell.merged else cell.text.split()
    return words


def _seed_lines(stem: str) -> list[str]:
    """The seed text without the conversion artefacts the README lists."""
    text = (SAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    text = text.replace("[bookmark: _GoBack]", "").replace("**", "")
    return [line for line in text.splitlines() if not re.match(r"^\s*-+\t-+", line)]


def _seed_items(stem: str) -> list[tuple[str, str]]:
    items = []
    for line in _seed_lines(stem):
        marker, rest = split_marker(line)
        if marker:
            items.append((marker, rest.strip()))
    return items


SEEDS = ["000_858972ccd0d0de21", "001_6d517112406bb0e7", "002_8a20071a4967c9a1", "003_2845198f4ac59122"]


@pytest.mark.parametrize(("stem", "suffix"), [(s, ".docx") for s in SEEDS] + [(SEEDS[0], ".typed.docx")])
def test_sample_items_match_the_seed(stem: str, suffix: str) -> None:
    layout = _sample(stem, suffix)
    items = [(b.marker, b.text) for b in layout.paragraphs() if b.marker]
    assert items == _seed_items(stem)


@pytest.mark.parametrize(("stem", "suffix"), [(s, ".docx") for s in SEEDS] + [(SEEDS[0], ".typed.docx")])
def test_sample_words_match_the_seed_in_order(stem: str, suffix: str) -> None:
    assert _docx_words(_sample(stem, suffix)) == " ".join(_seed_lines(stem)).split()


def test_roadmap_words_match_the_seed_as_a_bag() -> None:
    seed = " ".join(_seed_lines("004_493f23bf5003ad19")).replace("КАРТА»)по", "КАРТА») по")
    assert Counter(_docx_words(_sample("004_493f23bf5003ad19"))) == Counter(seed.split())


def test_000_four_auto_lists_restart_and_a_borderless_signature_table() -> None:
    layout = _sample("000_858972ccd0d0de21")
    numbered = [b for b in layout.paragraphs() if b.marker]
    assert [b.marker for b in numbered] == ["1.", "2.", "3.", "4.", "1.", "2.", "1.", "2.", "1."]
    assert {(b.marker_source, b.level) for b in numbered} == {("auto", 0)}
    assert not any(b.text.startswith(("1.", "2.")) for b in numbered)
    (table,) = layout.tables()
    assert table.borderless
    assert [len(row.cells) for row in table.rows] == [2]
    assert table.rows[0].cells[1].text == "В.П. Журавлёв"


def test_000_typed_gives_the_same_markers_as_typed() -> None:
    auto = _sample("000_858972ccd0d0de21")
    typed = _sample("000_858972ccd0d0de21", ".typed.docx")
    typed_items = [b for b in typed.paragraphs() if b.marker]
    assert [(b.marker, b.level, b.text) for b in typed_items] == [
        (b.marker, b.level, b.text) for b in auto.paragraphs() if b.marker
    ]
    assert {b.marker_source for b in typed_items} == {"typed"}


def test_000_bookmark_is_not_text_and_title_is_bold_centred() -> None:
    layout = _sample("000_858972ccd0d0de21")
    assert not any("_GoBack" in text for text in texts(layout))
    title = layout.paragraphs()[0]
    assert (title.text, title.bold, title.centered, title.caps, title.size) == (
        "РЕКОМЕНДАЦИИ",
        True,
        True,
        True,
        14.0,
    )


def test_001_multilevel_numbers_not_in_the_text_and_a_borderless_place_table() -> None:
    layout = _sample("001_6d517112406bb0e7")
    numbered = [b for b in layout.paragraphs() if b.marker]
    assert [(b.marker, b.level) for b in numbered] == [
        ("1.", 0),
        ("1.1.", 1),
        ("1.2.", 1),
        ("1.3.", 1),
        ("2.", 0),
        ("2.1.", 1),
        ("3.", 0),
        ("3.1.", 1),
    ]
    assert all(b.marker_source == "auto" and not b.text[0].isdigit() for b in numbered)
    assert [b.bold for b in numbered if b.level == 0] == [True, True, True]
    (table,) = layout.tables()
    assert table.borderless
    assert (
        table.rows[0].cells[0].text == "г. Санкт-Петербург,\nул. Смольного, д.3, каб.1-73\nв формате онлайн"
    )
    assert any("\tВ.П. Журавлёв" in text for text in texts(layout))


def test_002_numbered_findings_and_dash_bullets_at_two_levels() -> None:
    layout = _sample("002_8a20071a4967c9a1")
    assert [b.marker for b in layout.paragraphs() if b.marker and b.marker[0].isdigit()] == ["1)", "2)", "3)"]
    bullets = Counter((b.marker, b.level) for b in layout.paragraphs() if b.marker == "-")
    assert bullets == {("-", 0): 38, ("-", 1): 2}
    theme = next(b for b in layout.paragraphs() if b.text.startswith("«Взаимодействие"))
    assert "\n" in theme.text and theme.bold


def test_003_numbering_runs_on_across_symbol_bullets() -> None:
    layout = _sample("003_2845198f4ac59122")
    sequence = [b.marker for b in layout.paragraphs() if b.marker]
    numbers = [m for m in sequence if m != "·"]
    assert numbers == [f"{n}." for n in range(1, 10)]
    assert sequence.count("·") == 14
    assert sequence[sequence.index("5.") : sequence.index("6.") + 1] == ["5.", *["·"] * 7, "6."]
    assert not any("\uf0b7" in (m or "") for m in sequence)


def test_004_roadmap_table() -> None:
    layout = _sample("004_493f23bf5003ad19")
    (table,) = layout.tables()
    assert not table.borderless
    assert len(table.rows) == 38
    headers = [row for row in table.rows if row.header]
    assert headers == [table.rows[0]]
    assert headers[0].texts[0] == "№" and all(cell.bold for cell in headers[0].cells)
    sections = [row for row in table.rows if len(row.cells) == 2]
    assert len(sections) == 8
    assert [row.cells[0].text.rstrip(".") for row in sections] == [str(n) for n in range(1, 9)]
    assert {row.cells[1].span for row in sections} == {4}
    items = [row for row in table.rows[1:] if len(row.cells) == 5]
    assert len(items) == 29
    assert items[0].cells[0].text == "1.1" and items[-1].cells[0].text == "8.2"
    title = layout.paragraphs()[2]
    assert title.text.startswith("ПЛАН МЕРОПРИЯТИЙ («ДОРОЖНАЯ КАРТА»)\nпо обеспечению")


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.docx")), ids=lambda path: path.name)
def test_sample_block_indexes_run_in_order_and_pages_come_from_app_xml(path: Path) -> None:
    layout = read_layout(path)
    assert [block.where.index for block in layout.blocks] == list(range(len(layout.blocks)))
    assert layout.source.format == "docx"
    assert layout.source.pages == 1  # what these packages' docProps/app.xml say


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.docx")), ids=lambda path: path.name)
def test_sample_reads_fast(path: Path) -> None:
    data = path.read_bytes()
    read(data)  # warm imports
    start = time.perf_counter()
    read(data)
    assert time.perf_counter() - start < 0.5


# --------------------------------------------------------------------------- numbering: synthetic


def test_start_override_restarts_per_addressee_while_plain_instances_continue() -> None:
    numbering = (
        abstract(0, lvl(0))
        + num(1, 0)
        + num(2, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')
        + num(3, 0)
    )
    body = (
        p("Комитету А")
        + p("один", num=(1, 0))
        + p("два", num=(1, 0))
        + p("три", num=(1, 0))
        + p("Комитету Б")
        + p("один", num=(2, 0))
        + p("два", num=(2, 0))
        + p("Комитету В")
        + p("дальше", num=(3, 0))
    )
    layout = read(package(body, numbering=numbering))
    assert markers(layout) == ["1.", "2.", "3.", "1.", "2.", "4."]
    assert [b.marker_source for b in layout.paragraphs() if b.marker] == ["auto"] * 6


def test_three_level_numbering() -> None:
    numbering = abstract(0, lvl(0, text="%1."), lvl(1, text="%1.%2."), lvl(2, text="%1.%2.%3.")) + num(1, 0)
    levels = [0, 1, 2, 2, 1, 2, 0, 1, 2, 0, 2]
    layout = read(
        package("".join(p(f"п{i}", num=(1, ilvl)) for i, ilvl in enumerate(levels)), numbering=numbering)
    )
    assert markers(layout) == [
        "1.",
        "1.1.",
        "1.1.1.",
        "1.1.2.",
        "1.2.",
        "1.2.1.",
        "2.",
        "2.1.",
        "2.1.1.",
        "3.",
        "3.1.1.",  # an unused level shows its start value
    ]
    assert [b.level for b in layout.paragraphs()] == levels


@pytest.mark.parametrize(
    ("fmt", "text", "expected"),
    [
        ("russianLower", "%1)", ["а)", "б)", "в)", "г)", "д)", "е)", "ж)", "з)", "и)", "к)", "л)", "м)"]),
        ("russianUpper", "%1.", ["А.", "Б.", "В.", "Г.", "Д.", "Е.", "Ж.", "З.", "И.", "К.", "Л.", "М."]),
        (
            "upperRoman",
            "%1.",
            ["I.", "II.", "III.", "IV.", "V.", "VI.", "VII.", "VIII.", "IX.", "X.", "XI.", "XII."],
        ),
        (
            "lowerLetter",
            "(%1)",
            ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)", "(i)", "(j)", "(k)", "(l)"],
        ),
        (
            "decimalZero",
            "%1.",
            ["01.", "02.", "03.", "04.", "05.", "06.", "07.", "08.", "09.", "10.", "11.", "12."],
        ),
        ("decimal", "Статья %1.", [f"Статья {n}." for n in range(1, 13)]),
    ],
)
def test_number_formats_in_documents(fmt: str, text: str, expected: list[str]) -> None:
    numbering = abstract(0, lvl(0, fmt, text)) + num(1, 0)
    layout = read(package("".join(p(f"пункт {i}", num=(1, 0)) for i in range(12)), numbering=numbering))
    assert markers(layout) == expected


def test_start_value_of_a_level() -> None:
    numbering = abstract(0, lvl(0, "decimal", "%1.", start=5)) + num(1, 0)
    assert markers(read(package(p("a", num=(1, 0)) + p("b", num=(1, 0)), numbering=numbering))) == [
        "5.",
        "6.",
    ]


def test_numbering_inherited_from_paragraph_style_through_based_on() -> None:
    styles = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="ItemBase"><w:name w:val="Item Base"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Item"><w:name w:val="Пункт"/>'
        '<w:basedOn w:val="ItemBase"/></w:style>'
    )
    numbering = abstract(0, lvl(0, text="%1)")) + num(1, 0)
    body = (
        p("первый", style="Item")
        + p("без номера", style="Item", ppr='<w:numPr><w:numId w:val="0"/></w:numPr>')
        + p("второй", style="Item")
        + p("обычный")
    )
    layout = read(package(body, numbering=numbering, styles=styles))
    assert [(b.marker, b.style) for b in layout.paragraphs()] == [
        ("1)", "Пункт"),
        (None, "Пункт"),
        ("2)", "Пункт"),
        (None, "Normal"),
    ]


def test_style_linked_level_comes_from_the_level_pstyle() -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    numbering = abstract(
        0,
        lvl(0, text="%1.", extra='<w:pStyle w:val="Heading1"/>'),
        lvl(1, text="%1.%2.", extra='<w:pStyle w:val="Heading2"/>'),
    ) + num(1, 0)
    body = p("Глава", style="Heading1") + p("Раздел", style="Heading2") + p("Раздел", style="Heading2")
    layout = read(package(body, numbering=numbering, styles=styles))
    assert [(b.marker, b.level) for b in layout.paragraphs()] == [("1.", 0), ("1.1.", 1), ("1.2.", 1)]


def test_lvl_restart_limits_which_levels_restart_a_deeper_one() -> None:
    numbering = (
        abstract(
            0,
            lvl(0, text="%1."),
            lvl(1, text="%1.%2."),
            lvl(2, text="%1.%2.%3.", extra='<w:lvlRestart w:val="1"/>'),
        )
        + abstract(1, lvl(0, text="%1."), lvl(1, text="%2)", extra='<w:lvlRestart w:val="0"/>'))
        + num(1, 0)
        + num(2, 1)
    )
    body = "".join(p("x", num=(1, ilvl)) for ilvl in (0, 1, 2, 1, 2, 0, 1, 2))
    body += "".join(p("y", num=(2, ilvl)) for ilvl in (0, 1, 1, 0, 1))
    assert markers(read(package(body, numbering=numbering))) == [
        "1.",
        "1.1.",
        "1.1.1.",
        "1.2.",
        "1.2.2.",  # level 2 restarts only after level 0
        "2.",
        "2.1.",
        "2.1.1.",
        "1.",
        "1)",
        "2)",
        "2.",
        "3)",  # lvlRestart 0: never restarts
    ]


def test_is_lgl_shows_higher_levels_in_decimal() -> None:
    numbering = abstract(
        0, lvl(0, "upperRoman", "%1."), lvl(1, "decimal", "%1.%2.", extra="<w:isLgl/>")
    ) + num(1, 0)
    body = p("Раздел", num=(1, 0)) + p("пункт", num=(1, 1)) + p("Раздел", num=(1, 0)) + p("пункт", num=(1, 1))
    assert markers(read(package(body, numbering=numbering))) == ["I.", "1.1.", "II.", "2.1."]


def test_num_style_link_indirection() -> None:
    styles = (
        '<w:style w:type="numbering" w:styleId="RecList"><w:name w:val="Rec List"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    numbering = (
        abstract(0, lvl(0, "russianLower", "%1)"), extra='<w:styleLink w:val="RecList"/>')
        + abstract(1, extra='<w:numStyleLink w:val="RecList"/>')
        + num(1, 0)
        + num(2, 1)
    )
    body = p("а", num=(2, 0)) + p("б", num=(2, 0))
    assert markers(read(package(body, numbering=numbering, styles=styles))) == ["а)", "б)"]


def test_lvl_override_replaces_a_level_definition() -> None:
    override = '<w:lvlOverride w:ilvl="0">' + lvl(0, "upperLetter", "%1.") + "</w:lvlOverride>"
    numbering = abstract(0, lvl(0)) + num(1, 0, override)
    assert markers(read(package(p("a", num=(1, 0)) + p("b", num=(1, 0)), numbering=numbering))) == [
        "A.",
        "B.",
    ]


def test_numbering_continues_across_another_list_and_plain_text() -> None:
    numbering = (
        abstract(0, lvl(0))
        + abstract(
            1,
            lvl(0, "bullet", "\uf0b7", extra='<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr>'),
        )
        + num(1, 0)
        + num(2, 1)
    )
    body = p("a", num=(1, 0)) + p("b", num=(2, 0)) + p("c", num=(2, 0)) + p("текст") + p("d", num=(1, 0))
    assert markers(read(package(body, numbering=numbering))) == ["1.", "·", "·", "2."]


@pytest.mark.parametrize(
    ("text", "font", "expected"),
    [
        ("\uf0b7", "Symbol", "·"),
        ("\uf0a7", "Wingdings", "▪"),
        ("o", "Courier New", "◦"),
        ("\uf076", "Wingdings", "▪"),
        ("\uf0d8", "Wingdings", "►"),
        ("\uf0fc", "Wingdings", "✓"),
        ("-", "Times New Roman", "-"),
        ("–", None, "–"),
        ("•", None, "•"),
    ],
)
def test_bullets_are_normalised_in_documents(text: str, font: str | None, expected: str) -> None:
    fonts = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    numbering = abstract(0, lvl(0, "bullet", text, extra=fonts)) + num(1, 0)
    layout = read(package(p("пункт", num=(1, 0)), numbering=numbering))
    assert [(b.marker, b.marker_source, b.text) for b in layout.paragraphs()] == [(expected, "auto", "пункт")]


def test_auto_number_wins_over_a_typed_one_and_text_is_left_alone() -> None:
    numbering = abstract(0, lvl(0)) + num(1, 0)
    layout = read(package(p("1. Организовать", num=(1, 0)) + p("2) Провести"), numbering=numbering))
    first, second = layout.paragraphs()
    assert (first.marker, first.marker_source, first.text) == ("1.", "auto", "1. Организовать")
    assert (second.marker, second.marker_source, second.text) == ("2)", "typed", "Провести")


@pytest.mark.parametrize(
    ("text", "marker", "level", "rest"),
    [
        ("1.2. Рассмотреть", "1.2.", 1, "Рассмотреть"),
        ("а) подготовить", "а)", 0, "подготовить"),
        ("- пункт", "-", 0, "пункт"),
        ("09.04.2024 г.", None, 0, "09.04.2024 г."),
    ],
)
def test_typed_markers_are_split_off(text: str, marker: str | None, level: int, rest: str) -> None:
    (paragraph,) = read(package(p(text))).paragraphs()
    assert (paragraph.marker, paragraph.level, paragraph.text) == (marker, level, rest)
    assert paragraph.marker_source == ("typed" if marker else None)


def test_missing_numbering_definition_is_a_warning_not_a_crash() -> None:
    layout = read(package(p("пункт", num=(7, 0)), numbering=abstract(0, lvl(0)) + num(1, 0)))
    assert markers(layout) == []
    assert layout.warnings == ["list numbering 7 has no definition; its numbers are left out"]


def test_numbered_cell_paragraphs_keep_their_numbers_in_the_cell_text() -> None:
    numbering = abstract(0, lvl(0)) + num(1, 0)
    body = f"<w:tbl><w:tr><w:tc>{p('Первое', num=(1, 0))}{p('Второе', num=(1, 0))}</w:tc></w:tr></w:tbl>"
    body += p("Третье", num=(1, 0))
    layout = read(package(body, numbering=numbering))
    assert layout.tables()[0].rows[0].cells[0].text == "1. Первое\n2. Второе"
    assert markers(layout) == ["3."]


def test_many_numbered_paragraphs_read_in_linear_time() -> None:
    numbering = abstract(0, lvl(0, text="%1."), lvl(1, text="%1.%2.")) + num(1, 0)
    body = "".join(p(f"пункт {i}", num=(1, i % 2)) for i in range(4000))
    start = time.perf_counter()
    layout = read(package(body, numbering=numbering))
    assert time.perf_counter() - start < 3
    assert markers(layout)[-2:] == ["2000.", "2000.1."]


# --------------------------------------------------------------------------- numbering: unit


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (1, "russianLower", "а"),
        (6, "russianLower", "е"),
        (7, "russianLower", "ж"),
        (9, "russianLower", "и"),
        (10, "russianLower", "к"),
        (28, "russianLower", "я"),
        (29, "russianLower", "аа"),
        (3, "russianUpper", "В"),
        (4, "upperRoman", "IV"),
        (9, "upperRoman", "IX"),
        (14, "lowerRoman", "xiv"),
        (1994, "upperRoman", "MCMXCIV"),
        (26, "lowerLetter", "z"),
        (27, "lowerLetter", "aa"),
        (28, "upperLetter", "BB"),
        (3, "decimalZero", "03"),
        (12, "decimalZero", "12"),
        (7, "decimal", "7"),
        (2, "decimalEnclosedCircle", "②"),
        (5, "chicago", "**"),
        (3, "none", ""),
        (3, "someFutureFormat", "3"),
    ],
)
def test_format_number(value: int, fmt: str, expected: str) -> None:
    assert format_number(value, fmt) == expected


def test_russian_alphabet_skips_the_letters_word_skips() -> None:
    letters = [to_letters(n, "абвгдежзиклмнопрстуфхцчшщэюя") for n in range(1, 29)]
    assert not {"ё", "й", "ъ", "ы", "ь"} & set(letters)
    assert "".join(letters) == "абвгдежзиклмнопрстуфхцчшщэюя"


def test_roman_and_letters_edge_values() -> None:
    assert [to_roman(n) for n in (1, 40, 90, 400, 0)] == ["I", "XL", "XC", "CD", "0"]
    assert to_letters(53, "abcdefghijklmnopqrstuvwxyz") == "aaa"


@pytest.mark.parametrize(
    ("text", "font", "expected"),
    [
        ("\uf0b7", None, "·"),
        ("\u00b7", "Symbol", "·"),
        ("\u00a7", "Wingdings", "▪"),
        ("\uf0e0", None, "•"),
        ("", None, ""),
    ],
)
def test_normalise_bullet(text: str, font: str | None, expected: str) -> None:
    assert normalise_bullet(text, font) == expected


@pytest.mark.parametrize(
    ("restart", "deeper", "used", "expected"),
    [
        (None, 2, 0, True),
        (None, 2, 1, True),
        (1, 2, 1, False),
        (1, 2, 0, True),
        (0, 2, 0, False),
        (5, 2, 1, True),  # a restart level below this one is ignored
    ],
)
def test_restarts_after(restart: int | None, deeper: int, used: int, expected: bool) -> None:
    assert restarts_after(Level(restart=restart), deeper, used) is expected


def test_counters_engine_without_a_document() -> None:
    from lxml import etree

    root = etree.fromstring(
        f'<w:numbering xmlns:w="{W_NS}">{abstract(0, lvl(0, "russianLower", "%1)"))}{num(1, 0)}</w:numbering>'
    )
    counters = Counters(parse_definitions(root))
    assert [counters.advance("1", 0)[0] for _ in range(3)] == ["а)", "б)", "в)"]  # type: ignore[index]
    assert counters.advance("0", 0) is None and counters.advance("9", 0) is None


# --------------------------------------------------------------------------- text


def test_tracked_changes_keep_insertions_and_drop_deletions() -> None:
    body = (
        "<w:p><w:r><w:t xml:space='preserve'>Рекомендовать </w:t></w:r>"
        "<w:ins w:id='1' w:author='a'><w:r><w:t xml:space='preserve'>Комитету </w:t></w:r></w:ins>"
        "<w:del w:id='2' w:author='a'><w:r><w:delText>Министерству </w:delText></w:r></w:del>"
        "<w:r><w:t>рассмотреть</w:t></w:r></w:p>"
    )
    assert texts(read(package(body))) == ["Рекомендовать Комитету рассмотреть"]


def test_fields_keep_result_not_code_and_bookmarks_are_ignored() -> None:
    body = (
        "<w:p><w:bookmarkStart w:id='0' w:name='_GoBack'/><w:bookmarkEnd w:id='0'/>"
        "<w:r><w:t xml:space='preserve'>Дата: </w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        "<w:r><w:instrText> DATE \\@ dd.MM.yyyy </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>09.04.2024</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r>"
        "<w:fldSimple w:instr=' PAGE '><w:r><w:t xml:space='preserve'> стр. 1</w:t></w:r></w:fldSimple></w:p>"
    )
    assert texts(read(package(body))) == ["Дата: 09.04.2024 стр. 1"]


def test_field_nested_in_another_fields_code_shows_only_the_outer_result() -> None:
    def run(inner: str) -> str:
        return f"<w:r>{inner}</w:r>"

    body = (
        "<w:p>"
        + run("<w:fldChar w:fldCharType='begin'/>")
        + run("<w:instrText xml:space='preserve'> IF </w:instrText>")
        + run("<w:fldChar w:fldCharType='begin'/>")
        + run("<w:instrText> MERGEFIELD a </w:instrText>")
        + run("<w:fldChar w:fldCharType='separate'/>")
        + run("<w:t>значение</w:t>")
        + run("<w:fldChar w:fldCharType='end'/>")
        + run("<w:instrText xml:space='preserve'> = 1 да нет </w:instrText>")
        + run("<w:fldChar w:fldCharType='separate'/>")
        + run("<w:t>да</w:t>")
        + run("<w:fldChar w:fldCharType='end'/>")
        + run("<w:t xml:space='preserve'> конец</w:t>")
        + "</w:p>"
    )
    assert texts(read(package(body))) == ["да конец"]


def test_an_unterminated_field_code_does_not_swallow_the_rest() -> None:
    broken = (
        "<w:p><w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>"
    )
    toc = (
        "<w:p><w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>TOC</w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>Раздел 1</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Раздел 2</w:t></w:r><w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>"
    )
    assert texts(read(package(broken + p("дальше") + toc))) == ["", "дальше", "Раздел 1", "Раздел 2"]


def test_strict_open_xml_namespace_is_read() -> None:
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    document = (
        f'<?xml version="1.0"?><w:document xmlns:w="{strict}"><w:body>'
        "<w:p><w:r><w:t>Строгий формат</w:t></w:r></w:p></w:body></w:document>"
    )
    assert texts(read(package("", document=document))) == ["Строгий формат"]


def test_tabs_soft_breaks_and_page_breaks() -> None:
    body = (
        "<w:p><w:r><w:t>Председатель</w:t><w:tab/><w:t>В.П. Журавлёв</w:t><w:br/><w:t>строка</w:t>"
        "<w:cr/><w:t>ещё</w:t><w:br w:type='page'/><w:t>конец</w:t></w:r></w:p>"
    )
    assert texts(read(package(body))) == ["Председатель\tВ.П. Журавлёв\nстрока\nещёконец"]


def test_blank_paragraphs_stay_as_empty_paragraphs() -> None:
    body = p("первый") + "<w:p/>" + p("   ") + p("второй")
    assert texts(read(package(body))) == ["первый", "", "", "второй"]


def test_hidden_text_is_left_out() -> None:
    body = (
        "<w:p><w:r><w:t xml:space='preserve'>видно </w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>скрыто</w:t></w:r></w:p>"
    )
    assert texts(read(package(body))) == ["видно"]


def test_text_box_text_is_read_once_after_its_anchor() -> None:
    box = f"<w:txbxContent>{p('в рамке')}</w:txbxContent>"
    body = (
        "<w:p><w:r><w:t>якорь</w:t></w:r><w:r><mc:AlternateContent>"
        f"<mc:Choice Requires='wps'><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>" + p("после")
    )
    assert texts(read(package(body))) == ["якорь", "в рамке", "после"]


def test_content_controls_are_read() -> None:
    body = (
        f"<w:sdt><w:sdtPr/><w:sdtContent>{p('блок в поле')}</w:sdtContent></w:sdt>"
        "<w:p><w:r><w:t xml:space='preserve'>до </w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>внутри</w:t></w:r>"
        "</w:sdtContent></w:sdt></w:p>"
    )
    assert texts(read(package(body))) == ["блок в поле", "до внутри"]


def test_the_page_header_reads_once_above_the_body_and_the_footer_not_at_all() -> None:
    """What page one shows on top (often the letterhead) comes first; a footer repeats page
    numbers and file names (tests/test_extract_docx_margins.py has the first-page header)."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "КОЛОНТИТУЛ СВЕРХУ"
    section.footer.paragraphs[0].text = "Страница снизу"
    document.add_paragraph("Текст документа")
    buffer = io.BytesIO()
    document.save(buffer)
    layout = read(buffer.getvalue())
    assert texts(layout) == ["КОЛОНТИТУЛ СВЕРХУ", "Текст документа"]
    assert layout.paragraphs()[1].style == "Normal"


def test_hints_from_runs_styles_and_paragraph_properties() -> None:
    styles = (
        '<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="24"/></w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Заголовок"/>'
        '<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/>'
        "<w:rPr><w:b/></w:rPr></w:style>"
    )
    body = (
        p("Решение", style="Title")
        + "<w:p><w:r><w:rPr><w:caps/></w:rPr><w:t>комитету</w:t></w:r></w:p>"
        + "<w:p><w:r><w:rPr><w:rStyle w:val='Strong'/></w:rPr><w:t xml:space='preserve'>жирный </w:t></w:r>"
        + "<w:r><w:t>обычный</w:t></w:r></w:p>"
        + "<w:p><w:pPr><w:jc w:val='center'/></w:pPr><w:r><w:rPr><w:rStyle w:val='Strong'/><w:sz w:val='28'/>"
        + "</w:rPr><w:t>Союзу</w:t></w:r>"
        + "<w:r><w:rPr><w:b w:val='0'/></w:rPr><w:t xml:space='preserve'> </w:t></w:r></w:p>"
        + "<w:p><w:pPr><w:pStyle w:val='Title'/><w:rPr><w:b w:val='0'/></w:rPr></w:pPr></w:p>"
    )
    title, caps, mixed, union, empty = read(package(body, styles=styles)).paragraphs()
    assert (title.bold, title.centered, title.size, title.style, title.caps) == (
        True,
        True,
        16.0,
        "Заголовок",
        False,
    )
    assert (caps.caps, caps.bold, caps.size, caps.style) == (True, False, 12.0, "Normal")
    assert (mixed.bold, mixed.centered) == (False, False)
    assert (union.bold, union.centered, union.size) == (True, True, 14.0)
    assert (empty.text, empty.bold, empty.centered) == ("", False, True)


# --------------------------------------------------------------------------- tables


def tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text)}</w:tc>"


def test_grid_span_vertical_merge_and_header_rows() -> None:
    body = (
        "<w:tbl><w:tblPr><w:tblStyle w:val='TableGrid'/></w:tblPr>"
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + tc("№") + tc("Мероприятие") + tc("Срок") + "</w:tr>"
        "<w:tr>" + tc("1.") + tc("Раздел", "<w:gridSpan w:val='2'/>") + "</w:tr>"
        "<w:tr>"
        + tc("1.1", "<w:vMerge w:val='restart'/>")
        + tc("Первое")
        + tc("2024", "<w:vMerge w:val='restart'/>")
        + "</w:tr>"
        "<w:tr>" + tc("", "<w:vMerge/>") + tc("Второе") + tc("", "<w:vMerge/>") + "</w:tr>"
        "<w:tr>" + tc("1.2") + tc("Третье") + tc("2025") + "</w:tr></w:tbl>"
    )
    styles = (
        "<w:style w:type='table' w:styleId='TableGrid'><w:name w:val='Table Grid'/><w:tblPr><w:tblBorders>"
        "<w:top w:val='single' w:sz='4'/><w:insideH w:val='single' w:sz='4'/>"
        "</w:tblBorders></w:tblPr></w:style>"
    )
    (table,) = read(package(body, styles=styles)).tables()
    assert not table.borderless
    assert [row.header for row in table.rows] == [True, False, False, False, False]
    assert [(c.text, c.span) for c in table.rows[1].cells] == [("1.", 1), ("Раздел", 2)]
    merged = table.rows[3].cells
    assert [(c.text, c.merged) for c in merged] == [("1.1", True), ("Второе", False), ("2024", True)]
    assert [(c.text, c.merged) for c in table.rows[4].cells] == [
        ("1.2", False),
        ("Третье", False),
        ("2025", False),
    ]


def test_python_docx_merged_cells() -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Раздел"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "1.1"
    table.cell(1, 1).text = "Первое"
    table.cell(2, 1).text = "Второе"
    buffer = io.BytesIO()
    document.save(buffer)
    (read_table,) = read(buffer.getvalue()).tables()
    assert [(c.text, c.span) for c in read_table.rows[0].cells] == [("Раздел", 3)]
    assert [(c.text, c.merged) for c in read_table.rows[2].cells] == [
        ("1.1", True),
        ("Второе", False),
        ("", False),
    ]


@pytest.mark.parametrize(
    ("table_props", "cell_props", "borderless"),
    [
        ("", "", True),
        ("<w:tblBorders><w:top w:val='none'/><w:insideV w:val='nil'/></w:tblBorders>", "", True),
        ("<w:tblStyle w:val='TableGrid'/>", "", False),
        (
            "<w:tblStyle w:val='TableGrid'/><w:tblBorders><w:top w:val='none'/><w:left w:val='none'/>"
            "<w:bottom w:val='none'/><w:right w:val='none'/>"
            "<w:insideH w:val='none'/><w:insideV w:val='none'/>"
            "</w:tblBorders>",
            "",
            True,
        ),
        ("<w:tblBorders><w:bottom w:val='single'/></w:tblBorders>", "", False),
        ("", "<w:tcBorders><w:bottom w:val='single'/></w:tcBorders>", False),
    ],
)
def test_borderless_tables(table_props: str, cell_props: str, borderless: bool) -> None:
    styles = (
        "<w:style w:type='table' w:default='1' w:styleId='TableNormal'>"
        "<w:name w:val='Normal Table'/></w:style>"
        "<w:style w:type='table' w:styleId='TableGrid'><w:name w:val='Table Grid'/>"
        "<w:basedOn w:val='TableNormal'/><w:tblPr><w:tblBorders>"
        "<w:top w:val='single'/><w:left w:val='single'/><w:bottom w:val='single'/>"
        "<w:right w:val='single'/><w:insideH w:val='single'/><w:insideV w:val='single'/>"
        "</w:tblBorders></w:tblPr></w:style>"
    )
    row = f"<w:tr>{tc('Председатель', cell_props)}{tc('Иванов')}</w:tr>"
    body = f"<w:tbl><w:tblPr>{table_props}</w:tblPr>{row}</w:tbl>"
    assert read(package(body, styles=styles)).tables()[0].borderless is borderless


def test_nested_tables_are_flattened_into_the_cell() -> None:
    inner = f"<w:tbl><w:tr>{tc('а')}{tc('б')}</w:tr><w:tr>{tc('в')}{tc('г')}</w:tr></w:tbl>"
    body = f"<w:tbl><w:tr><w:tc>{p('Снаружи')}{inner}<w:p/></w:tc>{tc('второй')}</w:tr></w:tbl>"
    (table,) = read(package(body)).tables()
    assert table.rows[0].texts == ["Снаружи\nа\tб\nв\tг", "второй"]


def test_blocks_are_indexed_in_reading_order() -> None:
    body = p("до") + f"<w:tbl><w:tr>{tc('ячейка')}</w:tr></w:tbl>" + p("после")
    layout = read(package(body))
    assert [(type(b).__name__, b.where.index) for b in layout.blocks] == [
        ("Paragraph", 0),
        ("Table", 1),
        ("Paragraph", 2),
    ]
    assert isinstance(layout.blocks[1], Table)


@pytest.mark.parametrize(("pages", "expected"), [(3, 3), (0, None), (None, None)])
def test_pages_from_app_properties(pages: int | None, expected: int | None) -> None:
    assert read(package(p("текст"), pages=pages)).source.pages == expected


# --------------------------------------------------------------------------- hostile input


def _raises(data: bytes, error: type[InputError], message: str, limits: Limits | None = None) -> None:
    with pytest.raises(error) as caught:
        read(data, limits)
    assert str(caught.value) == message
    assert type(caught.value) is error


def test_truncated_docx_is_refused() -> None:
    data = (SAMPLES / "000_858972ccd0d0de21.docx").read_bytes()
    _raises(data[: len(data) // 2], CorruptFileError, "damaged DOCX (not a complete ZIP package)")


def test_zip_without_document_xml_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<w:styles/>")
    _raises(buffer.getvalue(), CorruptFileError, "DOCX has no word/document.xml")


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    f"<w:document {NS}><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    f"<w:document {NS}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.mark.parametrize("document", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_documents_with_a_dtd_are_refused(document: str) -> None:
    with pytest.raises(CorruptFileError) as caught:
        read(package("", document=document))
    assert str(caught.value) == "DOCX part word/document.xml contains a DTD (refused: possible XML bomb)"
    assert "root:" not in str(caught.value) and "lol" not in str(caught.value)


def test_dtd_in_any_part_is_refused_even_in_utf16() -> None:
    styles = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE s [<!ENTITY a "b">]><w:styles/>').encode(
        "utf-16"
    )
    _raises(
        package(p("текст"), parts={"word/styles.xml": styles}),
        CorruptFileError,
        "DOCX part word/styles.xml contains a DTD (refused: possible XML bomb)",
    )


def test_declared_part_size_beyond_the_limit_is_refused() -> None:
    data = package(p("текст " * 500))
    _raises(
        data,
        LimitExceededError,
        "DOCX part word/document.xml expands beyond the 1000 bytes limit",
        Limits(max_part_bytes=1000),
    )


def test_a_part_lying_about_its_size_is_never_read_past_the_declared_size() -> None:
    """A header claiming a small size cannot smuggle a big part: the read stops and fails."""
    data = bytearray(package(p("текст " * 5000)))
    entry = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    real = entry.file_size.to_bytes(4, "little")
    fake = (200).to_bytes(4, "little")
    assert data.count(real) == 2  # the local header and the central directory
    data = data.replace(real, fake)
    _raises(
        bytes(data),
        CorruptFileError,
        "damaged DOCX (part word/document.xml cannot be decompressed)",
        Limits(max_part_bytes=1000),
    )


def test_excessive_nesting_is_refused_as_a_limit() -> None:
    body = p("x")
    for _ in range(120):
        body = f"<w:tbl><w:tr><w:tc>{body}</w:tc></w:tr></w:tbl>"
    _raises(package(body), LimitExceededError, "DOCX part word/document.xml nests elements too deeply")


def test_moderately_nested_tables_are_read() -> None:
    body = p("глубоко")
    for _ in range(60):
        body = f"<w:tbl><w:tr><w:tc>{body}</w:tc></w:tr></w:tbl>"
    assert read(package(body)).tables()[0].rows[0].cells[0].text == "глубоко"


def test_default_limit_message_is_in_megabytes() -> None:
    assert _size(200 * 1024 * 1024) == "200 MB"
    assert _size(1000) == "1000 bytes"


def test_malformed_xml_is_refused() -> None:
    _raises(
        package("", document="<w:document><w:body><w:p>"),
        CorruptFileError,
        "DOCX part word/document.xml is damaged (not well-formed XML)",
    )


def test_document_without_text_is_empty() -> None:
    _raises(package("<w:p/><w:p/>"), EmptyFileError, "DOCX has no text")
