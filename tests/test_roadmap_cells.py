"""Roadmap cells as Word merges them: a shared executor or term merged down over several rows."""

from __future__ import annotations

import io

import docx

from resparse.pipeline import extract


def plan_with_merged_cells() -> bytes:
    word = docx.Document()
    word.add_paragraph("ПЛАН МЕРОПРИЯТИЙ")
    rows = [
        ("№ п/п", "Мероприятие", "Срок исполнения", "Ответственный исполнитель"),
        ("1.", "Инвентаризация пустующих зданий", "до 1 июня 2026 г.", "Отдел экономики администрации"),
        ("2.", "Подготовка инвестиционных паспортов", "до 1 июля 2026 г.", ""),
        ("3.", "Размещение паспортов на портале", "", ""),
    ]
    table = word.add_table(rows=len(rows), cols=4)
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            table.cell(r, c).text = text
    table.cell(1, 3).merge(table.cell(3, 3))  # one executor answers for measures 1–3
    table.cell(2, 2).merge(table.cell(3, 2))  # one term for measures 2 and 3
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def test_a_cell_merged_down_belongs_to_every_row_it_spans() -> None:
    rows = extract(plan_with_merged_cells(), name="plan.docx").roadmap
    assert [row.number for row in rows] == ["1", "2", "3"]
    assert [[e.name for e in row.executors] for row in rows] == [["Отдел экономики администрации"]] * 3
    assert [str(row.deadline.end) for row in rows if row.deadline] == [
        "2026-06-01",
        "2026-07-01",
        "2026-07-01",
    ]
    assert [row.action for row in rows] == [
        "Инвентаризация пустующих зданий",
        "Подготовка инвестиционных паспортов",
        "Размещение паспортов на портале",
    ]


def test_a_text_copy_of_merged_cells_leaves_them_empty_and_the_rows_take_the_one_above() -> None:
    """Copied as text, a merged cell stands in its first row only; a plan's row always has a
    term and someone to do it, so an empty one is the cell above, within its section."""
    text = (
        "ПЛАН МЕРОПРИЯТИЙ\n"
        "№ п/п\tМероприятие\tСрок исполнения\tОтветственный исполнитель\n"
        "1. Подготовка\n"
        "1.1.\tИнвентаризация пустующих зданий\tдо 1 июня 2026 г.\tОтдел экономики администрации\n"
        "1.2.\tПодготовка инвестиционных паспортов\tдо 1 июля 2026 г.\t\n"
        "1.3.\tРазмещение паспортов на портале\t\t\n"
        "2. Продвижение\n"
        "2.1.\tПрезентация площадок инвесторам\tIV квартал 2026 г.\tОтдел по связям с общественностью\n"
    )
    rows = extract(text.encode(), name="plan.txt").roadmap
    assert [row.number for row in rows] == ["1.1", "1.2", "1.3", "2.1"]
    assert [[e.name for e in row.executors] for row in rows] == [["Отдел экономики администрации"]] * 3 + [
        ["Отдел по связям с общественностью"]
    ]
    assert [str(row.deadline.end) for row in rows if row.deadline] == [
        "2026-06-01",
        "2026-07-01",
        "2026-07-01",
        "2026-12-31",
    ]


def test_a_headers_second_line_carried_onto_the_next_page_is_no_row() -> None:
    """A PDF's plan whose header wrapped over a page break gives its second line as a row of
    its own ("" | "мероприятия" | "" | "исполнитель"): it is the header's, not a measure."""
    word = docx.Document()
    word.add_paragraph("ПЛАН МЕРОПРИЯТИЙ")
    rows = [
        ("№ п/п", "Наименование", "Срок исполнения", "Ответственный"),
        ("", "мероприятия", "", "исполнитель"),
        ("1.", "Провести смотр художественной самодеятельности", "до 1 мая 2030 г.", "Отдел культуры"),
    ]
    table = word.add_table(rows=len(rows), cols=4)
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            table.cell(r, c).text = text
    buffer = io.BytesIO()
    word.save(buffer)
    rows_read = extract(buffer.getvalue(), name="plan.docx").roadmap
    assert [row.number for row in rows_read] == ["1"]
    assert [e.name for e in rows_read[0].executors] == ["Отдел культуры"]
