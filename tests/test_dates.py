"""Dates and deadlines: Russian wording → ISO dates and closed intervals."""

from datetime import date

import pytest

from resparse.structure.dates import find_date, find_item_deadline, parse_deadline

D = date


@pytest.mark.parametrize(
    ("text", "start", "end", "recurrence"),
    [
        ("2 – 3 квартал 2023 года", D(2023, 4, 1), D(2023, 9, 30), None),
        ("2 - 3 квартал 2023 года", D(2023, 4, 1), D(2023, 9, 30), None),
        ("II квартал 2024 г.", D(2024, 4, 1), D(2024, 6, 30), None),
        ("IV квартал 2025 года", D(2025, 10, 1), D(2025, 12, 31), None),
        ("1-й квартал 2026 г.", D(2026, 1, 1), D(2026, 3, 31), None),
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
    ],
)
def test_no_item_deadline(text: str) -> None:
    assert find_item_deadline(text) is None
