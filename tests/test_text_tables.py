"""Plans of measures whose table reached us as text: rows rebuilt from the header row.

The texts are written for these tests in the shapes met on legal-database and web pages
(cells closed by "|", " | " rows, rows with single spaces between cells, one cell per
paragraph); their measures, terms and executors are not those of any corpus document.
"""

from __future__ import annotations

from datetime import date

import pytest

from resparse.emit import to_data
from resparse.models import Document
from resparse.pipeline import extract
from resparse.structure.text_rows import split_header, split_row
from support import missing_words

Row = tuple[str | None, str, str | None, date | None, date | None, str | None, list[str]]


def parse(text: str) -> Document:
    document = extract(text.encode("utf-8"), name="plan.txt")
    assert not missing_words(text, to_data(document)), "every word must reach the output"
    return document


def rows(document: Document) -> list[Row]:
    return [
        (
            r.number,
            r.action,
            r.deadline.text if r.deadline else None,
            r.deadline.start if r.deadline else None,
            r.deadline.end if r.deadline else None,
            r.deadline.recurrence if r.deadline else None,
            [e.name for e in r.executors],
        )
        for r in document.roadmap
    ]


SPACED = """План мероприятий по развитию школьного спорта

№ п/п Наименование мероприятия Срок исполнения Ответственный исполнитель
1. Проведение спартакиады среди учащихся в Управление образования района Ежегодно, до 15 мая текущего года Комитет по физической культуре и спорту
(в ред. решения Совета депутатов от 12.03.2015 N 44)
2. Подготовка отчёта о проведённых соревнованиях за 2023 год Ежеквартально Заместитель главы администрации П.С. Орлова
3. Ремонт спортивного зала Постоянно Управление образования
"""

PIPED_CELLS = """N п/п
|
Наименование мероприятия
|
Срок
|
Ответственные исполнители
|
1.
|
Разработка порядка учёта объектов
|
01.09.2021
|
МО, ОИВ, ОМСУ и учреждения
|
2
|
Проведение проверки объектов
|
2022
|
УФ *, РЦ
|
"""

GARANT_CELLS = """N п/п |
Мероприятия |
Исполнители |
Срок (годы) |
Затраты |
Ожидаемый результат |
|
Раздел II. Поддержка семей |
||||
2 |
Задача 2. Укрепление семьи |
|
|
|
|
2.1 |
Целевая группа: молодые семьи: |
|
|
|
|
2.1.1 |
Проведение консультаций для молодых семей |
УСЗН, ЦСОН |
2015 |
МБ - 0,1 |
Охват 300 семей |
"""

INLINE_PIPES = """№ | Мероприятие | Срок | Ответственный
1. | Организация выставки | II квартал 2025 г. | Отдел культуры
2. | Выпуск буклета | 2026 | Отдел культуры (по согласованию)
"""

PARAGRAPH_CELLS = """План работы библиотеки на каникулы

№ п/п

Мероприятие

Срок

Возрастная

группа

Ответственный

ОСНОВНЫЕ МЕРОПРИЯТИЯ

1.

Книжная выставка к юбилею писателя

02.11.2021

Учащиеся 5-7 классов

Заведующий библиотекой

Петрова Н.К.

2.

Громкие чтения для младших школьников

03.11.2021 –

05.11.2021

_

Кравец А.А.,

Орлов Б.Б.

_

Подготовка отчёта о каникулах

08.11.2021

_

Заведующий библиотекой Петрова Н.К.
""".replace("\n_\n", "\n \n")  # "_" stands for a line of one space: an empty cell


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            SPACED,
            [
                (
                    "1",
                    "Проведение спартакиады среди учащихся в Управление образования района",
                    "Ежегодно, до 15 мая текущего года",
                    None,
                    None,
                    "annual",
                    ["Комитет по физической культуре и спорту"],
                ),
                (
                    "2",
                    "Подготовка отчёта о проведённых соревнованиях за 2023 год",
                    "Ежеквартально",
                    None,
                    None,
                    "quarterly",
                    ["Заместитель главы администрации П.С. Орлова"],
                ),
                ("3", "Ремонт спортивного зала", "Постоянно", None, None, None, ["Управление образования"]),
            ],
        ),
        (
            PIPED_CELLS,
            [
                (
                    "1",
                    "Разработка порядка учёта объектов",
                    "01.09.2021",
                    date(2021, 9, 1),
                    date(2021, 9, 1),
                    None,
                    ["МО", "ОИВ", "ОМСУ", "учреждения"],
                ),
                (
                    "2",
                    "Проведение проверки объектов",
                    "2022",
                    date(2022, 1, 1),
                    date(2022, 12, 31),
                    None,
                    ["УФ", "РЦ"],
                ),
            ],
        ),
        (
            GARANT_CELLS,
            [
                (
                    "2.1.1",
                    "Проведение консультаций для молодых семей",
                    "2015",
                    date(2015, 1, 1),
                    date(2015, 12, 31),
                    None,
                    ["УСЗН", "ЦСОН"],
                )
            ],
        ),
        (
            INLINE_PIPES,
            [
                (
                    "1",
                    "Организация выставки",
                    "II квартал 2025 г.",
                    date(2025, 4, 1),
                    date(2025, 6, 30),
                    None,
                    ["Отдел культуры"],
                ),
                (
                    "2",
                    "Выпуск буклета",
                    "2026",
                    date(2026, 1, 1),
                    date(2026, 12, 31),
                    None,
                    ["Отдел культуры"],
                ),
            ],
        ),
        (
            PARAGRAPH_CELLS,
            [
                (
                    "1",
                    "Книжная выставка к юбилею писателя",
                    "02.11.2021",
                    date(2021, 11, 2),
                    date(2021, 11, 2),
                    None,
                    ["Заведующий библиотекой Петрова Н.К."],
                ),
                (
                    "2",
                    "Громкие чтения для младших школьников",
                    "03.11.2021 – 05.11.2021",
                    date(2021, 11, 3),
                    date(2021, 11, 5),
                    None,
                    ["Кравец А.А.", "Орлов Б.Б."],
                ),
                (
                    None,
                    "Подготовка отчёта о каникулах",
                    "08.11.2021",
                    date(2021, 11, 8),
                    date(2021, 11, 8),
                    None,
                    ["Заведующий библиотекой Петрова Н.К."],
                ),
            ],
        ),
    ],
    ids=["spaced", "piped-cells", "garant-cells", "inline-pipes", "paragraph-cells"],
)
def test_table_as_text_gives_rows(text: str, expected: list[Row]) -> None:
    document = parse(text)
    assert document.kind == "roadmap"
    assert rows(document) == expected


@pytest.mark.parametrize(
    ("text", "sections"),
    [
        (GARANT_CELLS, [("2.1", "Целевая группа: молодые семьи:")]),
        (PARAGRAPH_CELLS, [(None, "ОСНОВНЫЕ МЕРОПРИЯТИЯ")] * 3),
        (SPACED, [None, None, None]),
    ],
)
def test_section_rows(text: str, sections: list[tuple[str | None, str] | None]) -> None:
    found = [(r.section.number, r.section.title) if r.section else None for r in parse(text).roadmap]
    assert found == sections


def test_extra_column_and_remarks_are_kept() -> None:
    document = parse(PARAGRAPH_CELLS)
    assert document.roadmap[0].extra == {"Возрастная группа": "Учащиеся 5-7 классов"}
    second = parse(INLINE_PIPES).roadmap[1].executors[0]
    assert (second.name, second.text) == ("Отдел культуры", "Отдел культуры (по согласованию)")


def test_editorial_note_is_not_a_row() -> None:
    document = parse(SPACED)
    assert "(в ред. решения Совета депутатов от 12.03.2015 N 44)" in document.unparsed
    assert all("в ред." not in r.action for r in document.roadmap)


@pytest.mark.parametrize(
    ("text", "fields", "expected"),
    [
        (
            "Сбор заявок на участие в Программе Ежегодно, до 1 мая текущего года Отдел молодёжной политики",
            ["action", "deadline", "executors"],
            [
                "Сбор заявок на участие в Программе",
                "Ежегодно, до 1 мая текущего года",
                "Отдел молодёжной политики",
            ],
        ),
        (
            "Проведение семинара Комитет по образованию В течение 2024 года",
            ["action", "executors", "deadline"],
            ["Проведение семинара", "Комитет по образованию", "В течение 2024 года"],
        ),
        ("Проведение семинара для педагогов", ["action", "deadline", "executors"], None),
        ("Проведение семинара Постоянно Отдел", ["action", "result", "executors"], None),
    ],
)
def test_split_row(text: str, fields: list[str], expected: list[str] | None) -> None:
    assert split_row(text, fields) == expected  # type: ignore[arg-type]


def test_split_header() -> None:
    assert split_header("№ п/п Содержание мероприятия Сроки Ответственные") == [
        "№ п/п",
        "Содержание мероприятия",
        "Сроки",
        "Ответственные",
    ]


def test_plain_paragraphs_stay_paragraphs() -> None:
    text = "Мероприятие\n\nпрошло успешно.\n\nСрок подготовки отчёта истёк, ответственный назначен.\n"
    document = parse(text)
    assert document.roadmap == []


def test_section_lines_between_piped_rows_stay_in_the_table() -> None:
    document = parse(
        "ПЛАН мероприятий на 2022 год\n\n"
        "№ п/п | Наименование мероприятия | Срок исполнения | Ответственные исполнители\n"
        "1 | 2 | 3 | 4\n"
        "1. Организационные мероприятия\n"
        "1.1 | Проведение заседаний комиссии | Ежеквартально | Секретарь комиссии Иванова А.А.\n"
        "1.2 | Обследование мест массового пребывания людей | II квартал 2022 г. | "
        "Отдел ГО и ЧС, ОМВД России по Энскому району (по согласованию)\n"
        "2. Информационные мероприятия\n"
        "2.1 | Размещение материалов в СМИ | В течение года | Отдел информационной политики\n"
    )
    assert [(r.number, r.section.title if r.section else None) for r in document.roadmap] == [
        ("1.1", "Организационные мероприятия"),
        ("1.2", "Организационные мероприятия"),
        ("2.1", "Информационные мероприятия"),
    ]
    assert [e.name for e in document.roadmap[1].executors] == [
        "Отдел ГО и ЧС",
        "ОМВД России по Энскому району",
    ]
    assert document.roadmap[1].deadline is not None
    assert document.roadmap[1].deadline.end == date(2022, 6, 30)


# --- a section row that is a single cell; a term cell of its own in the one-cell-per-paragraph form

LINE_CELLS_ROMAN = """№ п/п |
Наименование мероприятия |
Показатель |
Срок |
Исполнитель |
1 |
2 |
3 |
4 |
5 |
I. МОДЕРНИЗАЦИЯ ЛЕТНИХ ЛАГЕРЕЙ |
1. |
Замена кровли корпуса лагеря «Берёзка» |
Кровля заменена |
2026 год |
Управление образования района |
II. КАДРЫ ДЛЯ ЛЕТНЕГО ОТДЫХА |
2. |
Набор вожатых из числа студентов |
Не менее 40 вожатых |
ежегодно, май |
Отдел молодёжной политики |
"""

GARANT_SECTIONS = """N п/п
|
Содержание мероприятия
|
Сроки
|
Исполнители
|
Глава 1. Подготовка к отопительному сезону
|
1.1.
|
Промывка систем теплоснабжения
|
до 1 сентября 2025 г.
|
Управляющие организации
|
Глава 2. Контроль
|
2.1.
|
Проверка готовности котельных
|
III квартал 2025 г.
|
Комиссия по оценке готовности, руководители теплоснабжающих организаций
|
"""

INLINE_CAPITALS = """№ | Мероприятие | Срок | Исполнитель | Отметка
ПОДДЕРЖКА ЧТЕНИЯ
1. | Неделя детской книги | март 2026 г. | Центральная библиотека |~
2. | Конкурс чтецов | октябрь – ноябрь 2026 г. | Отдел культуры, местная еврейская национально-культурная автономия (по согласованию) |~
РАБОТА С ВЕТЕРАНАМИ
3. | Встречи с ветеранами в школах | в течение года | Совет ветеранов |~
""".replace("|~", "| ")  # "~" stands for the space of an empty last cell

PARAGRAPH_MONTHS = """№ п/п

Мероприятие

Срок

Ответственный

I. Работа с педагогами

1.

Семинар по профилактике травматизма

март 2025 г.

Завуч Беляева Л.Н.

Методист Громова Е.Е.

II. Работа с родителями

2.

Родительское собрание

ноябрь – декабрь 2025 г.

Классные руководители
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            LINE_CELLS_ROMAN,
            [
                (
                    "1",
                    "I",
                    "МОДЕРНИЗАЦИЯ ЛЕТНИХ ЛАГЕРЕЙ",
                    "2026 год",
                    None,
                    ["Управление образования района"],
                ),
                (
                    "2",
                    "II",
                    "КАДРЫ ДЛЯ ЛЕТНЕГО ОТДЫХА",
                    "ежегодно, май",
                    "annual",
                    ["Отдел молодёжной политики"],
                ),
            ],
        ),
        (
            GARANT_SECTIONS,
            [
                (
                    "1.1",
                    "1",
                    "Глава 1. Подготовка к отопительному сезону",
                    "до 1 сентября 2025 г.",
                    None,
                    ["Управляющие организации"],
                ),
                (
                    "2.1",
                    "2",
                    "Глава 2. Контроль",
                    "III квартал 2025 г.",
                    None,
                    ["Комиссия по оценке готовности", "руководители теплоснабжающих организаций"],
                ),
            ],
        ),
        (
            INLINE_CAPITALS,
            [
                ("1", None, "ПОДДЕРЖКА ЧТЕНИЯ", "март 2026 г.", None, ["Центральная библиотека"]),
                (
                    "2",
                    None,
                    "ПОДДЕРЖКА ЧТЕНИЯ",
                    "октябрь – ноябрь 2026 г.",
                    None,
                    ["Отдел культуры", "местная еврейская национально-культурная автономия"],
                ),
                ("3", None, "РАБОТА С ВЕТЕРАНАМИ", "в течение года", None, ["Совет ветеранов"]),
            ],
        ),
        (
            PARAGRAPH_MONTHS,
            [
                (
                    "1",
                    "I",
                    "Работа с педагогами",
                    "март 2025 г.",
                    None,
                    ["Завуч Беляева Л.Н.", "Методист Громова Е.Е."],
                ),
                (
                    "2",
                    "II",
                    "Работа с родителями",
                    "ноябрь – декабрь 2025 г.",
                    None,
                    ["Классные руководители"],
                ),
            ],
        ),
    ],
    ids=["line-cells-roman", "garant-sections", "inline-capitals", "paragraph-months"],
)
def test_single_cell_section_rows(text: str, expected: list[tuple]) -> None:
    found = [
        (
            r.number,
            r.section.number if r.section else None,
            r.section.title if r.section else None,
            r.deadline.text if r.deadline else None,
            r.deadline.recurrence if r.deadline else None,
            [e.name for e in r.executors],
        )
        for r in parse(text).roadmap
    ]
    assert found == expected
    assert all(not r.extra for r in parse(text).roadmap)


def test_month_deadline_cells() -> None:
    first, second = parse(PARAGRAPH_MONTHS).roadmap
    assert (first.deadline.start, first.deadline.end) == (date(2025, 3, 1), date(2025, 3, 31))  # type: ignore[union-attr]
    assert (second.deadline.start, second.deadline.end) == (date(2025, 11, 1), date(2025, 12, 31))  # type: ignore[union-attr]


def test_a_missing_cell_does_not_shift_the_rows_after_it() -> None:
    text = (
        "№ п/п |\nМероприятие |\nСрок |\nИсполнитель |\n"
        "1. |\nУборка территории |\nапрель 2025 г. |\n"  # the executors cell was left out
        "2. |\nПосадка деревьев |\nмай 2025 г. |\nОтдел благоустройства |\n"
    )
    rows = parse(text).roadmap
    assert [(r.number, r.action, [e.name for e in r.executors]) for r in rows] == [
        ("1", "Уборка территории", []),
        ("2", "Посадка деревьев", ["Отдел благоустройства"]),
    ]


def test_a_plan_written_as_points_with_labelled_lines_gives_rows() -> None:
    document = parse(
        "ПЛАН\nмероприятий к Дню города на 2025 год\n\n"
        "1. Конкурс рисунков «Мой город»\nСрок: 15 мая 2025 г.\nОтветственный: методист ЦДТ Орлова Е.В.\n\n"
        "2. Праздничный концерт\nСрок: июнь 2025 г.\nОтветственные: Дом культуры, городская библиотека\n"
    )
    assert document.kind == "roadmap"
    assert not document.recommendations
    assert rows(document) == [
        (
            "1",
            "Конкурс рисунков «Мой город»",
            "Срок: 15 мая 2025 г.",
            date(2025, 5, 15),
            date(2025, 5, 15),
            None,
            ["методист ЦДТ Орлова Е.В."],
        ),
        (
            "2",
            "Праздничный концерт",
            "Срок: июнь 2025 г.",
            date(2025, 6, 1),
            date(2025, 6, 30),
            None,
            ["Дом культуры", "городская библиотека"],
        ),
    ]


def test_tab_rows_keep_their_section_lines_and_a_glossary_defines() -> None:
    document = parse(
        "ПЛАН мероприятий\n\n"
        "№ п/п\tНаименование мероприятия\tСрок исполнения\tОтветственные\n"
        "1. Организационные мероприятия\n"
        "1.1\tЗаседание комиссии\tежеквартально\tКДНиЗП\n"
        "2. Профилактика\n"
        "2.1\tРейды по местам отдыха\tиюнь – август 2025 г.\tОМВД\n\n"
        "Сокращения: КДНиЗП – комиссия по делам несовершеннолетних и защите их прав.\n"
    )
    assert [(r.number, r.section.title if r.section else None) for r in document.roadmap] == [
        ("1.1", "Организационные мероприятия"),
        ("2.1", "Профилактика"),
    ]
    assert [(a.short, a.full) for a in document.abbreviations] == [
        ("КДНиЗП", "комиссия по делам несовершеннолетних и защите их прав")
    ]


def test_a_numbered_row_copied_without_its_empty_last_cells_is_still_a_row() -> None:
    text = (
        "План мероприятий\n\n"
        "№\tМероприятие\tСрок\tМесто проведения\tОтветственные\n"
        "1\tБлагоустройство площади\tдо 1 июля 2028 г.\tс. Ключи\tАдминистрация поселения\n"
        "2\tПраздничный концерт\t\tЦентральная площадь\n"
        "Глава поселения\t\tИ.И. Иванов\n"
    )
    document = extract(text.encode(), name="plan.txt")
    assert [row.action for row in document.roadmap] == ["Благоустройство площади", "Праздничный концерт"]
    assert document.roadmap[1].extra == {"Место проведения": "Центральная площадь"}
    # its empty term and executor cells take the row's above, as a cell merged down would
    assert [e.name for e in document.roadmap[1].executors] == ["Администрация поселения"]
    assert [s.name for s in document.signatories] == ["И.И. Иванов"]
