"""Tables drawn with box characters, as КонсультантПлюс and Гарант export them to text."""

from __future__ import annotations

from resparse.pipeline import extract

UNICODE = """ПЛАН МЕРОПРИЯТИЙ
по подготовке к отопительному сезону

┌────┬─────────────────────────────┬──────────────┬──────────────────────────┐
│ N  │ Наименование мероприятия    │ Срок         │ Ответственный            │
│п/п │                             │ исполнения   │ исполнитель              │
├────┼─────────────────────────────┼──────────────┼──────────────────────────┤
│ 1  │              2              │      3       │            4             │
├────┴─────────────────────────────┴──────────────┴──────────────────────────┤
│ 1. Организационные мероприятия                                             │
├────┬─────────────────────────────┬──────────────┬──────────────────────────┤
│ 1. │ Проверка готовности котель- │ до 1 августа │ управление жилищно-ком-  │
│    │ ных к отопительному периоду │ 2025 г.      │ мунального хозяйства     │
├────┼─────────────────────────────┼──────────────┼──────────────────────────┤
│ 2. │ Промывка тепловых сетей     │ июнь - июль  │ МУП "Теплосеть"          │
│    │                             │ 2025 г.      │                          │
└────┴─────────────────────────────┴──────────────┴──────────────────────────┘
"""

ASCII = """ПЛАН МЕРОПРИЯТИЙ

+----+-----------------------------+--------------+--------------------------+
| N  | Мероприятие                 | Срок         | Исполнитель              |
+----+-----------------------------+--------------+--------------------------+
| 1. | Проверка готовности         | до 1 августа | управление образования   |
|    | школ к учебному году        | 2025 г.      |                          |
+----+-----------------------------+--------------+--------------------------+
| 2. | Ремонт спортивных залов     | 2025 год     | управление образования   |
+----+-----------------------------+--------------+--------------------------+
"""


def test_a_unicode_box_table_is_read_row_by_row() -> None:
    document = extract(UNICODE.encode(), name="plan.txt")
    assert document.kind == "roadmap"
    rows = document.roadmap
    assert [row.number for row in rows] == ["1", "2"]
    assert rows[0].action == "Проверка готовности котельных к отопительному периоду"
    assert rows[0].deadline is not None and rows[0].deadline.end is not None
    assert str(rows[0].deadline.end) == "2025-08-01"
    assert [e.name for e in rows[0].executors] == ["управление жилищно-коммунального хозяйства"]
    assert rows[0].section is not None and rows[0].section.title == "Организационные мероприятия"
    assert [e.name for e in rows[1].executors] == ['МУП "Теплосеть"']
    assert not document.unparsed


def test_an_ascii_box_table_is_read_as_the_unicode_one() -> None:
    rows = extract(ASCII.encode(), name="plan.txt").roadmap
    assert [(row.number, row.action) for row in rows] == [
        ("1", "Проверка готовности школ к учебному году"),
        ("2", "Ремонт спортивных залов"),
    ]
    assert str(rows[1].deadline.end) == "2025-12-31"  # type: ignore[union-attr]


def test_a_box_that_is_no_plan_stays_text() -> None:
    text = "РЕШЕНИЕ\n\n┌──────────────┐\n│ Для служебного │\n└──────────────┘\n\n1. Принять к сведению.\n"
    document = extract(text.encode(), name="decision.txt")
    assert not document.roadmap
    assert document.title == "РЕШЕНИЕ"
    assert "│ Для служебного │" in document.unparsed  # nothing lost, nothing taken for a title
