"""An act whose lines were lost (a scraped page, a text pasted into one field) read as if each
of its points stood on its own line."""

from __future__ import annotations

from datetime import date

from resparse.pipeline import extract
from resparse.structure.run_in import split_run_in
from resparse.structure.units import Unit

FLAT = (
    "АДМИНИСТРАЦИЯ ЛЕСНОВСКОГО СЕЛЬСКОГО ПОСЕЛЕНИЯ ПОСТАНОВЛЕНИЕ от 3 апреля 2029 г. № 41 "
    "О проведении месячника по благоустройству В целях улучшения санитарного состояния "
    "территории поселения постановляю: 1. Провести с 15 апреля по 15 мая 2029 года месячник по "
    "благоустройству. 2. Рекомендовать руководителям предприятий всех форм собственности "
    "организовать уборку прилегающих территорий. 2.1. Отделу благоустройства обеспечить вывоз "
    "мусора до 20 мая 2029 года. 3. Контроль за исполнением постановления оставляю за собой. "
    "Глава поселения: Н.П. Голубева.\n"
)


def test_an_act_in_one_paragraph_reads_as_its_points() -> None:
    document = extract(FLAT.encode(), name="flat.txt")
    points = [item for block in document.recommendations for item in block.items]
    assert [item.number for item in points] == ["1", "2", "3"]
    assert [child.number for child in points[1].items] == ["2.1"]
    assert points[1].items[0].addressee is not None
    assert points[1].items[0].addressee.name == "Отдел благоустройства"
    assert (document.date, document.number) == (date(2029, 4, 3), "№ 41")
    assert document.kind == "decision"
    assert [(s.position, s.name) for s in document.signatories] == [("Глава поселения", "Н.П. Голубева")]
    assert document.preamble and document.preamble.startswith("В целях улучшения")


def test_numbers_in_running_text_cut_nothing() -> None:
    """A year, a clause number after a word, numbers not counting from 1: no points there."""
    text = (
        "Участники слушаний отметили, что в соответствии с пунктом 2. Порядка проведения "
        "слушаний, утверждённого в 2027 г. Советом депутатов, предложения принимались в течение "
        "30 дней. 5. Замечаний к проекту не поступило, и 6. Итоги слушаний опубликованы в "
        "газете «Лесновский вестник», а также размещены на официальном сайте поселения в сети Интернет."
    )
    assert split_run_in([Unit(text=text)]) == [Unit(text=text)]


def test_the_head_of_a_run_in_act_is_cut_at_its_date_line_and_any_grounds() -> None:
    from resparse.structure.run_in import _head

    assert _head("ПОСТАНОВЛЕНИЕ от 3 апреля 2029 г. № 41 О мерах Руководствуясь Уставом постановляю:") == [
        "ПОСТАНОВЛЕНИЕ",
        "от 3 апреля 2029 г. № 41",
        "О мерах",
        "Руководствуясь Уставом постановляю:",
    ]
    assert _head("РЕШЕНИЕ О бюджете в соответствии с кодексом") == [
        "РЕШЕНИЕ О бюджете в соответствии с кодексом"
    ]
