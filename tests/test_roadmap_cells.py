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
