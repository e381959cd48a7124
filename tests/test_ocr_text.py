"""Tesseract's look-alike confusions undone in Russian text: Latin twins, the number sign."""

from __future__ import annotations

import pytest

from resparse.extract.pdf.ocr_tool import fix_ocr_text, is_number_header, parse_tsv


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("координационных советов организаций соотечественников (KCOPC), решили:", "(КСОРС)"),
        ("oT 28.12.2024 № 15", "от 28.12.2024 № 15"),
        ("постановления главы округа от 04.10.2011 М 766-ПГ", "от 04.10.2011 № 766-ПГ"),
        ("приказ от 20 марта 2014 г. Ме 123", "2014 г. № 123"),
        ("04.04.2012\tМ220", "04.04.2012\t№ 220"),
        ("Ме 220 от 04.04.2012", "№ 220 от 04.04.2012"),
    ],
)
def test_look_alikes_are_read_as_cyrillic(raw: str, fixed: str) -> None:
    assert fixed in fix_ocr_text(raw)


@pytest.mark.parametrize(
    "text",
    [
        "XX Всероссийский съезд",  # a Roman numeral
        "по трассе М 4 «Дон» и М-11",  # a road's name is no number sign
        "Грант IT-проектов",
        "a Latin sentence: OK, TAXES",  # no Cyrillic around
    ],
)
def test_latin_that_is_meant_stays(text: str) -> None:
    assert fix_ocr_text(text) == text


@pytest.mark.parametrize("cell", ["№ п/п", "N п/п", "Мпп", "Мшп", "Non", "No п/п"])
def test_the_number_columns_header_as_misread(cell: str) -> None:
    assert is_number_header(cell)


@pytest.mark.parametrize("cell", ["Мероприятие", "№", "Наименование", "Срок"])
def test_other_headers_are_not_the_number_column(cell: str) -> None:
    assert not is_number_header(cell)


def _tsv(*words: tuple[str, int, int, int, int, float]) -> str:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    rows = [f"5\t1\t1\t1\t1\t{i}\t{x}\t{y}\t{w}\t{h}\t{c}\t{t}" for i, (t, x, y, w, h, c) in enumerate(words)]
    return header + "\n".join(rows) + "\n"


def test_a_flat_equals_sign_is_a_dash_and_a_tall_dash_is_nothing() -> None:
    tsv = _tsv(
        ("=", 340, 1202, 21, 3, 86), ("ежедневную", 400, 1190, 200, 30, 90), ("—", 700, 1180, 11, 44, 39)
    )
    assert [w.text for w in parse_tsv(tsv)] == ["–", "ежедневную"]


def test_real_dashes_and_equals_signs_stay() -> None:
    tsv = _tsv(
        ("—", 348, 739, 21, 3, 87),
        ("=", 500, 730, 20, 12, 90),
        ("-", 600, 740, 8, 3, 60),
        ("—", 700, 720, 20, 40, 91),
    )
    assert [w.text for w in parse_tsv(tsv)] == ["—", "=", "-", "—"]
