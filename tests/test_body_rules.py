"""The body rules: ``explain`` names the rule that claimed each body line, and the rules document themselves."""

from __future__ import annotations

from functools import cache

import pytest

from resparse.extract import read_layout
from resparse.structure import blocks, explain
from resparse.structure.blocks import RULES, rule_name

HEADER = "ПРОТОКОЛ\nзаседания общественного совета\n\n1 марта 2024 г.\n\n"

BODY: list[tuple[str, str]] = [
    ("I. ОБЩИЕ ПОЛОЖЕНИЯ", "section-heading"),
    ("Совет обсудил итоги работы за год.", "preamble"),
    ("Участники отметили:", "findings-intro"),
    ("1. Рост числа обращений граждан.", "marked-point"),
    ("2. Снижение сроков рассмотрения;", "marked-point"),
    ("сохранение очередей на личный приём.", "listed-finding"),
    ("На основании изложенного совет РЕШИЛ:", "intro-ends-list"),
    ("1. Комитету по культуре:", "addressee-heading"),
    ("1.1. Провести фестиваль.", "marked-point"),
    ("1.2. Подготовить отчёт.", "marked-point"),
    ("Предмет\t\t", "table-in-body"),  # a three-column table between the points
    ("Математика\t\t", "table-in-body"),
    ("Срок: до 1 июня 2024 г.", "continued-point"),
    ("2. Провести конкурс.", "point-opens-block"),
    ("Совет рекомендует:", "operative-intro"),
    ("Мэрии города продолжить кампанию.", "plain-opens-block"),
    ("Министерству образования:", "addressee-heading"),
    ("Провести семинар для учителей.", "plain-point"),
    ("Организовать выставку, в том числе:", "plain-point"),
    ("работ учащихся;", "listed-under-colon"),
    ("работ педагогов.", "listed-under-colon"),
    ("(в ред. решения совета от 01.02.2024 № 3)", "editorial-note"),
    ("2. О работе с обращениями граждан", "question"),
    ("СЛУШАЛИ: секретаря совета, который сообщил:", "record-opens"),
    ("1) поступило 120 обращений;", "record-text"),
    ("РЕШИЛИ:", "operative-intro"),
    ("2.1. Информацию принять к сведению.", "point-opens-block"),
    ("Голосовали: «за» – 9, «против» – нет.", "vote-tally"),
    ("2.2. Комитету по культуре подготовить план.", "point-opens-block"),
    ("Думе города рассмотреть ход исполнения решения в первом полугодии 2025 года.", "request-point"),
    ("Рекомендовать комитету по культуре взять исполнение решения на контроль.", "plain-point"),
    ("Председатель совета И.И. Иванов", "tail"),
]
"""A small document's body, line by line, with the rule expected to claim each line."""

NOT_BODY = {"header", "signature", "unparsed"}
"""Trace rows of the other stages."""


@cache
def body_trace() -> list[tuple[str, str]]:
    text = HEADER + "\n".join(line for line, _ in BODY) + "\n"
    return [row for row in explain(read_layout(text.encode(), name="rules.txt")) if row[0] not in NOT_BODY]


def test_explain_has_one_row_per_body_line() -> None:
    assert len(body_trace()) == len(BODY)


@pytest.mark.parametrize(("position", "line", "rule"), [(i, *row) for i, row in enumerate(BODY)])
def test_explain_names_the_rule_that_claimed_the_line(position: int, line: str, rule: str) -> None:
    claimed_by, shown = body_trace()[position]
    assert claimed_by == rule
    assert shown.rstrip(":") in line  # the trace shows the line (without its marker)


def test_every_rule_is_documented_and_named_once() -> None:
    names = [rule_name(rule) for rule in RULES]
    assert len(set(names)) == len(names)
    for rule in RULES:
        assert (rule.__doc__ or "").strip(), f"{rule_name(rule)} has no docstring"


def test_the_module_docstring_maps_every_rule_in_order() -> None:
    doc = blocks.__doc__ or ""
    positions = [doc.find(f"``{rule_name(rule)}``") for rule in RULES]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_the_small_document_exercises_every_rule() -> None:
    assert {rule for _, rule in BODY} == {rule_name(rule) for rule in RULES}


@pytest.mark.parametrize(
    ("line", "note"),
    [
        ("(в ред. решения совета от 01.02.2024 № 3)", True),
        ("(абзац в редакции постановления от 02.06.2025 N 31)", True),
        ("(п. 3 введен постановлением от 10.10.2024 N 12)", True),
        ("(пп. «б» утратил силу. - Постановление от 01.03.2023 N 7)", True),
        ("(раздел дополнен решением от 05.05.2022 № 40)", True),
        ("(по согласованию)", False),
        ("(в редакторской группе)", False),
    ],
)
def test_a_legal_database_note_is_told_from_a_bracketed_text(line: str, note: bool) -> None:
    from resparse.structure.body_lines import is_editorial_note

    assert is_editorial_note(line) is note


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Голосовали: «за» – 41, «против» – 2, «воздержались» – 3.", True),
        ("Голосовали единогласно.", True),
        ("Проголосовали: за – 12, против – нет", True),
        ("Итоги голосования: единогласно.", True),
        ("Решение принято единогласно.", True),
        ("«За» – 7, «против» – 0, «воздержались» – 1.", True),
        ("Голосование провести в электронной форме до 1 марта.", False),
        ("Обеспечить за счет средств бюджета проведение выборов.", False),
    ],
)
def test_vote_tallies(text: str, expected: bool) -> None:
    from resparse.structure.body_lines import is_vote_tally

    assert is_vote_tally(text) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2. О работе с обращениями граждан", True),
        ("II. Об организации отдыха детей «Лето – пора действовать»", True),
        ("4. О результатах исполнения постановления проинформировать комиссию до 1 июля 2027 года.", False),
    ],
)
def test_a_numbered_subject_line_is_a_question_unless_it_asks_for_something(
    line: str, expected: bool
) -> None:
    from resparse.structure.body_lines import is_question
    from resparse.structure.units import flatten

    (unit,) = [u for u in flatten(read_layout(line.encode(), name="q.txt"), set()) if not u.blank]
    assert is_question(unit) is expected


def test_an_appendix_after_the_signature_signs_nothing() -> None:
    """ "Приложение 1 к приказу …" after the signature opens an appendix: its table of members
    (name | post) is no signature block."""
    import io

    import docx

    from resparse.pipeline import extract

    word = docx.Document()
    for text in ["ПРИКАЗ", "1. Создать рабочую группу по проверке готовности школ."]:
        word.add_paragraph(text)
    signature = word.add_table(rows=1, cols=2)
    signature.cell(0, 0).text, signature.cell(0, 1).text = "Начальник управления", "А.А. Лесков"
    for text in ["Приложение 1", "к приказу управления", "Состав рабочей группы"]:
        word.add_paragraph(text)
    members = word.add_table(rows=2, cols=2)
    members.cell(0, 0).text, members.cell(0, 1).text = "Морозова Анна Петровна", "заместитель начальника"
    members.cell(1, 0).text, members.cell(1, 1).text = "Гусев Илья Петрович", "главный специалист"
    buffer = io.BytesIO()
    word.save(buffer)
    document = extract(buffer.getvalue(), name="order.docx")
    assert [(s.position, s.name) for s in document.signatories] == [("Начальник управления", "А.А. Лесков")]
    assert "Гусев Илья Петрович" in document.unparsed
