"""Dates and deadlines: Russian wording → ISO dates and closed intervals."""

from datetime import date

import pytest

from resparse.structure.dates import find_date, parse_deadline
from resparse.structure.item_terms import find_item_deadline

D = date


@pytest.mark.parametrize(
    ("text", "start", "end", "recurrence"),
    [
        ("2 – 3 квартал 2023 года", D(2023, 4, 1), D(2023, 9, 30), None),
        ("2 - 3 квартал 2023 года", D(2023, 4, 1), D(2023, 9, 30), None),
        ("II квартал 2024 г.", D(2024, 4, 1), D(2024, 6, 30), None),
        ("IV квартал 2025 года", D(2025, 10, 1), D(2025, 12, 31), None),
        ("1-й квартал 2026 г.", D(2026, 1, 1), D(2026, 3, 31), None),
        ("в первом полугодии 2028 года", D(2028, 1, 1), D(2028, 6, 30), None),
        ("второе полугодие 2027 г.", D(2027, 7, 1), D(2027, 12, 31), None),
        ("в третьем квартале 2027 года", D(2027, 7, 1), D(2027, 9, 30), None),
        ("второй – третий кварталы 2027 года", D(2027, 4, 1), D(2027, 9, 30), None),
        ("2023 год", D(2023, 1, 1), D(2023, 12, 31), None),
        ("2023-2025 гг.", D(2023, 1, 1), D(2025, 12, 31), None),
        ("2023 – 2024 гг.", D(2023, 1, 1), D(2024, 12, 31), None),
        ("С 2023 по 2024 гг.", D(2023, 1, 1), D(2024, 12, 31), None),
        ("до 1 декабря 2023 г.", None, D(2023, 12, 1), None),
        ("в срок до 01.12.2024", None, D(2024, 12, 1), None),
        ("до конца 2024 года", None, D(2024, 12, 31), None),
        ("в течение 2024 года", D(2024, 1, 1), D(2024, 12, 31), None),
        ("I полугодие 2024 г.", D(2024, 1, 1), D(2024, 6, 30), None),
        ("2 полугодие 2025 года", D(2025, 7, 1), D(2025, 12, 31), None),
        ("декабрь 2023 г.", D(2023, 12, 1), D(2023, 12, 31), None),
        ("февраль 2024 года", D(2024, 2, 1), D(2024, 2, 29), None),
        ("май, август 2029 г.", D(2029, 5, 1), D(2029, 8, 31), None),  # months listed: first to last
        ("март, июнь и ноябрь 2030 года", D(2030, 3, 1), D(2030, 11, 30), None),
        ("Ежегодно", None, None, "annual"),
        ("Ежеквартально", None, None, "quarterly"),
        ("ежемесячно", None, None, "monthly"),
        ("ежегодно, 2024-2026 гг.", D(2024, 1, 1), D(2026, 12, 31), "annual"),
        ("постоянно", None, None, None),
        ("Срок - 30 октября 2022 г.", None, D(2022, 10, 30), None),
        ("с 01.03.2024 по 31.05.2024", D(2024, 3, 1), D(2024, 5, 31), None),
    ],
)
def test_deadline(text: str, start: date | None, end: date | None, recurrence: str | None) -> None:
    deadline = parse_deadline(text)
    assert deadline is not None
    assert (deadline.start, deadline.end, deadline.recurrence) == (start, end, recurrence)
    assert deadline.text == text


def test_empty_deadline_is_none() -> None:
    assert parse_deadline("  ") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09.04.2024 г.", D(2024, 4, 9)),
        ("11 февраля 2021 г.", D(2021, 2, 11)),
        ("28 сентября 2023 год", D(2023, 9, 28)),
        ("28.09.23", D(2023, 9, 28)),
        ("Участники заседания круглого стола 28.09.23 г.", D(2023, 9, 28)),
        ("5 декабря 2019 года", D(2019, 12, 5)),
        ("«15» марта 2024 г.", D(2024, 3, 15)),
        ("1 мая 2025 г.", D(2025, 5, 1)),
        ("31.02.2024", None),
        ("2024 год", None),
        ("Санкт-Петербург", None),
    ],
)
def test_find_date(text: str, expected: date | None) -> None:
    assert find_date(text) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "end", "recurrence"),
    [
        ("Разработать план в срок до 01.12.2024.", "в срок до 01.12.2024", D(2024, 12, 1), None),
        ("Ежегодно проводить День НКО", "Ежегодно", None, "annual"),
        ("Провести до конца 2024 года семинар", "до конца 2024 года", D(2024, 12, 31), None),
        ("Подготовить доклад. Срок - 30 октября 2022 г.", "Срок - 30 октября 2022 г.", D(2022, 10, 30), None),
        ("Провести в 2025 году конкурс", "в 2025 году", D(2025, 12, 31), None),
        ("Внести изменения во II квартале 2025 года", "во II квартале 2025 года", D(2025, 6, 30), None),
        ("Проводить встречи ежеквартально", "ежеквартально", None, "quarterly"),
        (
            "Представлять отчет ежеквартально, до 5 числа месяца, следующего за отчетным.",
            "ежеквартально, до 5 числа месяца, следующего за отчетным",
            None,
            "quarterly",
        ),
        (
            "Информировать ежемесячно, до 25 числа текущего месяца.",
            "ежемесячно, до 25 числа текущего месяца",
            None,
            "monthly",
        ),
        ("Отделу информации еженедельно размещать сведения на сайте", "еженедельно", None, None),
        ("Ежедневно проводить обход территории", "Ежедневно", None, None),
        (
            "Провести анализ результатов олимпиады в ноябре 2025 года",
            "в ноябре 2025 года",
            D(2025, 11, 30),
            None,
        ),
    ],
)
def test_item_deadline(text: str, phrase: str, end: date | None, recurrence: str | None) -> None:
    deadline = find_item_deadline(text)
    assert deadline is not None
    assert deadline.text == phrase
    assert (deadline.end, deadline.recurrence) == (end, recurrence)


@pytest.mark.parametrize(
    "text",
    [
        "рассмотрела ход реализации рекомендаций круглого стола, состоявшегося 07.07.2022 г., с вопросом",
        "представления участникам Гражданского форума – 2024 совместных социальных проектов",
        "Организовать семинары в муниципальных районах",
        "Подготовить информацию о результатах работы в 2024 году",
        "Заслушать отчет по итогам проверки в 2023 году",
        "Провести еженедельное совещание с подрядчиками",
        "Установить начало пожароопасного сезона в лесах края с 15 апреля 2026 года",
    ],
)
def test_no_item_deadline(text: str) -> None:
    assert find_item_deadline(text) is None


@pytest.mark.parametrize(
    ("text", "start", "end", "recurrence"),
    [
        ("январь – март 2024 г.", D(2024, 1, 1), D(2024, 3, 31), None),
        ("июнь – август 2024 г.", D(2024, 6, 1), D(2024, 8, 31), None),
        ("январь–декабрь 2024 г.", D(2024, 1, 1), D(2024, 12, 31), None),
        ("сентябрь 2024 – май 2025 гг.", D(2024, 9, 1), D(2025, 5, 31), None),
        ("ноябрь – февраль 2025 г.", D(2024, 11, 1), D(2025, 2, 28), None),
        ("III квартал 2024 г. – I квартал 2025 г.", D(2024, 7, 1), D(2025, 3, 31), None),
        ("I полугодие 2024 г. – II квартал 2025 г.", D(2024, 1, 1), D(2025, 6, 30), None),
        ("с 3 июня по 28 июня 2024 г.", D(2024, 6, 3), D(2024, 6, 28), None),
        ("с 3 по 28 июня 2024 г.", D(2024, 6, 3), D(2024, 6, 28), None),
        ("2024/2025 учебный год", D(2024, 9, 1), D(2025, 8, 31), None),
        ("2024/25 учебный год", D(2024, 9, 1), D(2025, 8, 31), None),
        ("в течение учебного года 2024/2025", D(2024, 9, 1), D(2025, 8, 31), None),
        ("ежегодно до 1 февраля", None, None, "annual"),
        ("5 декабря, ежегодно", None, None, "annual"),
        ("2 квартал 2025 г., далее ежегодно", D(2025, 4, 1), D(2025, 6, 30), "annual"),
        ("с 2025 года", D(2025, 1, 1), None, None),
        ("по 31.05.2024", None, D(2024, 5, 31), None),
        ("15 декабрь 2024 г.", D(2024, 12, 1), D(2024, 12, 31), None),  # no day before a nominative
        ("2024 – 2026 годы", D(2024, 1, 1), D(2026, 12, 31), None),
        ("весь период", None, None, None),
    ],
)
def test_range_deadline(text: str, start: date | None, end: date | None, recurrence: str | None) -> None:
    deadline = parse_deadline(text)
    assert deadline is not None
    assert (deadline.start, deadline.end, deadline.recurrence) == (start, end, recurrence)
    assert deadline.text == text


@pytest.mark.parametrize(
    ("text", "phrase", "start", "end", "recurrence"),
    [
        (
            "Провести мероприятие январь – март 2024 г..",
            "январь – март 2024 г.",
            D(2024, 1, 1),
            D(2024, 3, 31),
            None,
        ),
        (
            "Провести смотр в период с 3 июня по 28 июня 2024 г.",
            "с 3 июня по 28 июня 2024 г.",
            D(2024, 6, 3),
            D(2024, 6, 28),
            None,
        ),
        ("Проводить мониторинг – постоянно.", "постоянно", None, None, None),
        (
            "Предусмотреть обучение советов – 2025–2026 гг.",
            "2025–2026 гг.",
            D(2025, 1, 1),
            D(2026, 12, 31),
            None,
        ),
        ("Провести обучение советов 2025–2026 гг..", "2025–2026 гг.", D(2025, 1, 1), D(2026, 12, 31), None),
        ("Отчитываться о выполнении. Срок – постоянно.", "Срок – постоянно", None, None, None),
        ("Срок: до 20 декабря 2024 г.", "Срок: до 20 декабря 2024 г.", None, D(2024, 12, 20), None),
        ("Срок – до 1 июля 2024 г.", "Срок – до 1 июля 2024 г.", None, D(2024, 7, 1), None),
        ("Увеличить набор фельдшеров с 2025 года.", "с 2025 года", D(2025, 1, 1), None, None),
        ("Открыть пункты в трёх районах (2025 год).", "2025 год", D(2025, 1, 1), D(2025, 12, 31), None),
        (
            "Организовать социальное такси IV квартал 2024 г..",
            "IV квартал 2024 г.",
            D(2024, 10, 1),
            D(2024, 12, 31),
            None,
        ),
        (
            "Провести встречи в течение учебного года 2024/2025.",
            "в течение учебного года 2024/2025",
            D(2024, 9, 1),
            D(2025, 8, 31),
            None,
        ),
        ("Проводить сверку ежегодно до 1 февраля.", "ежегодно до 1 февраля", None, None, "annual"),
        (
            "Организовать ежегодный форум «Молодёжь» (ежегодно, II квартал);",
            "ежегодно, II квартал",
            None,
            None,
            "annual",
        ),
        (
            "Представлять сведения. Срок – ежемесячно, до 10 числа месяца.",
            "Срок – ежемесячно, до 10 числа месяца",
            None,
            None,
            "monthly",
        ),
        (
            "Продолжить информационную кампанию в 2024–2025 годах.",
            "в 2024–2025 годах",
            D(2024, 1, 1),
            D(2025, 12, 31),
            None,
        ),
        (
            "Провести круглый стол по итогам 2024 года в I квартале 2025 года.",
            "в I квартале 2025 года",
            D(2025, 1, 1),
            D(2025, 3, 31),
            None,
        ),
        ("Рекомендовано в 2025 году провести конкурс.", "в 2025 году", D(2025, 1, 1), D(2025, 12, 31), None),
        ("Внести изменения в 2025 году", "в 2025 году", D(2025, 1, 1), D(2025, 12, 31), None),
        ("Обновлять сведения по мере необходимости.", "по мере необходимости", None, None, None),
        ("Ежеполугодно информировать совет о ходе работ.", "Ежеполугодно", None, None, None),
        (  # a year inside a participle's phrase describes the object; the term comes after it
            "Отобрать проекты, подлежащие финансированию в 2030 году, во II квартале 2029 года.",
            "во II квартале 2029 года",
            date(2029, 4, 1),
            date(2029, 6, 30),
            None,
        ),
        (  # approving at once, by a strong cue
            "Утвердить до 1 марта 2029 года план мероприятий на 2029 год.",
            "до 1 марта 2029 года",
            None,
            date(2029, 3, 1),
            None,
        ),
        (  # "его итоги" is no "о итогах": the subject markers are whole words
            "Провести мониторинг исполнения закона и обсудить его итоги во II квартале 2030 года.",
            "во II квартале 2030 года",
            date(2030, 4, 1),
            date(2030, 6, 30),
            None,
        ),
        (  # a month after a report's subject is when to hear it, not the period reported on
            "Заслушать информацию о реализации плана на заседании комиссии в марте 2029 года.",
            "в марте 2029 года",
            date(2029, 3, 1),
            date(2029, 3, 31),
            None,
        ),
    ],
)
def test_item_deadline_forms(
    text: str, phrase: str, start: date | None, end: date | None, recurrence: str | None
) -> None:
    deadline = find_item_deadline(text)
    assert deadline is not None
    assert deadline.text == phrase
    assert (deadline.start, deadline.end, deadline.recurrence) == (start, end, recurrence)


@pytest.mark.parametrize(
    "text",
    [
        "Информацию об итогах реализации государственной программы в 2023 году принять к сведению.",
        "Информацию о работе с молодёжными объединениями в 2023 году принять к сведению.",
        "в 2022–2023 годах в городе проведено обследование 1 240 объектов;",
        "О ходе модернизации сельских библиотек в 2024 году.",
        "Заслушать отчёт о реализации плана в I квартале 2029 года на заседании комиссии.",
        "Уточнить перечень объектов, запланированных к ремонту в 2030 году.",
        "Одобрить прилагаемую программу занятости молодёжи, отдыха и досуга в 2030 году.",
        "Рассмотреть возможность увеличения в 2025 году объёма субсидий СО НКО.",
        "Организовать ежегодный форум «Молодёжь Чертанова» на базе центра.",
        "Предусмотреть в проекте бюджета на 2025 год средства на проведение конкурса;",
        "Одобрить проект программы «Развитие культуры» на 2025–2030 годы.",
        "Подготовить доклад по итогам 2024 года.",
        "Сравнить показатели с 2023 годом",
        "Участвовать в постоянно действующем семинаре.",
    ],
)
def test_no_item_deadline_in_context(text: str) -> None:
    assert find_item_deadline(text) is None


def test_year_words_stay_in_item_text() -> None:
    deadline = find_item_deadline("Провести мероприятие в 2025-2026 годах.")
    assert deadline is not None
    assert deadline.text == "в 2025-2026 годах"


@pytest.mark.parametrize(
    ("text", "phrase", "end", "recurrence"),
    [
        # terms counted from an event: the words are the deadline, no calendar dates
        ("Провести мероприятие номер 11 в течение 5 рабочих дней.", "в течение 5 рабочих дней", None, None),
        ("Представить отчёт в месячный срок.", "в месячный срок", None, None),
        ("Направить сведения в 3-дневный срок со дня получения запроса.", "в 3-дневный срок", None, None),
        ("Разработать порядок в течение месяца со дня подписания.", "в течение месяца", None, None),
        ("Устранить нарушения в установленные сроки.", "в установленные сроки", None, None),
        # a first term, then a recurring one
        (
            "Представить доклад до 15.12.2024, далее – ежеквартально.",
            "до 15.12.2024, далее – ежеквартально",
            D(2024, 12, 15),
            "quarterly",
        ),
    ],
)
def test_relative_and_then_recurring_terms(
    text: str, phrase: str, end: date | None, recurrence: str | None
) -> None:
    deadline = find_item_deadline(text)
    assert deadline is not None
    assert (deadline.text, deadline.start, deadline.end, deadline.recurrence) == (
        phrase,
        None,
        end,
        recurrence,
    )


def test_a_term_with_no_dates_yields_to_a_dated_one_in_the_same_point() -> None:
    from resparse.structure.item_terms import find_item_deadline

    found = find_item_deadline(
        "Министерству в установленные сроки и до 1 декабря 2027 года представить доклад."
    )
    assert found is not None and (found.text, found.end) == ("до 1 декабря 2027 года", D(2027, 12, 1))
    alone = find_item_deadline("Министерству в установленные сроки представить доклад.")
    assert alone is not None and (alone.text, alone.end) == ("в установленные сроки", None)


def test_postoyanno_in_a_point_is_a_term_with_no_dates_but_not_in_a_standing_body() -> None:
    from resparse.structure.item_terms import find_item_deadline

    found = find_item_deadline(
        "Руководителям управляющих организаций постоянно обеспечивать очистку кровель."
    )
    assert found is not None and (found.text, found.start, found.end) == ("постоянно", None, None)
    assert find_item_deadline("Создать постоянно действующую рабочую группу.") is None


def test_a_full_date_right_after_the_opening_verb_is_the_day_to_do_it() -> None:
    from resparse.structure.item_terms import find_item_deadline

    found = find_item_deadline("Провести 26 июня 2027 года окружной праздник, посвящённый Дню молодёжи.")
    assert found is not None and (found.text, found.end) == ("26 июня 2027 года", D(2027, 6, 26))
    assert find_item_deadline("Установить 1 сентября 2027 года днём начала сезона.") is None
    assert find_item_deadline("Признать утратившим силу постановление от 12.03.2020 № 5.") is None


@pytest.mark.parametrize(
    ("text", "recurrence"),
    [
        ("Не реже одного раза в квартал проводить проверки.", "quarterly"),
        ("Проводить проверки не реже одного раза в год.", "annual"),
        ("Информировать комиссию не реже раза в месяц.", "monthly"),
    ],
)
def test_ne_rezhe_odnogo_raza_is_a_recurrence(text: str, recurrence: str) -> None:
    from resparse.structure.item_terms import find_item_deadline

    found = find_item_deadline(text)
    assert found is not None and found.recurrence == recurrence


def test_a_season_is_a_term_with_no_dates() -> None:
    from resparse.structure.item_terms import find_item_deadline

    found = find_item_deadline("Обеспечить дежурство спасателей в течение летнего периода.")
    assert found is not None and (found.text, found.end) == ("в течение летнего периода", None)


def test_a_year_inside_a_defined_name_is_no_term() -> None:
    from resparse.structure.item_terms import find_item_deadline

    assert (
        find_item_deadline("Утвердить план мероприятий по проведению Года семьи в 2028 году (далее – План).")
        is None
    )
    found = find_item_deadline("Провести конкурс «Семья года» в 2028 году.")
    assert found is not None and found.end == D(2028, 12, 31)
