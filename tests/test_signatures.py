"""Signatories: the position is a short job title, not the closing prose before it."""

import pytest

from resparse.structure.signatures import read_signatures, split_position, split_signature, starts_position
from resparse.structure.units import Unit


def sign(*lines: str) -> tuple[list[tuple[str | None, str]], list[str]]:
    signatories, leftover = read_signatures([Unit(text=line) for line in lines])
    return [(s.position, s.name) for s in signatories], leftover


@pytest.mark.parametrize(
    ("lines", "position", "leftover"),
    [
        (
            [
                "Резолюция принята единогласно участниками круглого стола.",
                "Модератор круглого стола,",
                "член Общественной палаты Республики Татарстан\tР.Ф. Хайруллин",
            ],
            "Модератор круглого стола, член Общественной палаты Республики Татарстан",
            ["Резолюция принята единогласно участниками круглого стола."],
        ),
        (
            ["Голосовали: единогласно.", "Председательствующий        ________________     М.В. Голубева"],
            "Председательствующий",
            ["Голосовали: единогласно."],
        ),
        (
            [
                "Надеемся на Ваше понимание и поддержку.",
                "От имени участников общественного обсуждения:",
                "Председатель инициативной группы    В.Н. Крылова",
            ],
            "Председатель инициативной группы",
            ["Надеемся на Ваше понимание и поддержку.", "От имени участников общественного обсуждения:"],
        ),
        (
            ["Срок: I полугодие 2025 г. Председательствующий на публичных слушаниях  И.Л. Карпов"],
            "Председательствующий на публичных слушаниях",
            ["Срок: I полугодие 2025 г."],
        ),
        (
            [
                "По итогам обсуждения рекомендовано:",
                "Мэрии города продолжить кампанию в 2024–2025 годах.",
                "Отделу культуры провести фестиваль",
                "Председатель комиссии",
                "Л.С. Бондаренко",
            ],
            "Председатель комиссии",
            [
                "По итогам обсуждения рекомендовано:",
                "Мэрии города продолжить кампанию в 2024–2025 годах.",
                "Отделу культуры провести фестиваль",
            ],
        ),
        (
            [
                "Заместитель председателя Общественной палаты,",
                "председатель комиссии по развитию,",
                "поддержке некоммерческих организаций",
                "В.П. Журавлёв",
            ],
            "Заместитель председателя Общественной палаты, председатель комиссии по развитию, "
            "поддержке некоммерческих организаций",
            [],
        ),
        (["Глава администрации г. Томска\tИ.И. Иванов"], "Глава администрации г. Томска", []),
        (
            ["Первый заместитель губернатора области А.Б. Смирнов"],
            "Первый заместитель губернатора области",
            [],
        ),
    ],
)
def test_position_is_only_the_job_title(lines: list[str], position: str, leftover: list[str]) -> None:
    signatories, rest = sign(*lines)
    assert [p for p, _ in signatories] == [position]
    assert rest == leftover


def test_underscores_of_the_blank_are_dropped_for_every_signatory() -> None:
    signatories, _ = sign(
        "Председательствующий ______ М.В. Голубева", "Секретарь ________________ С.Е. Рябинин"
    )
    assert signatories == [("Председательствующий", "М.В. Голубева"), ("Секретарь", "С.Е. Рябинин")]


def test_closing_prose_without_a_name_is_leftover() -> None:
    assert sign("Резолюция принята единогласно.", "Участники круглого стола 28.09.23 г.") == (
        [],
        ["Резолюция принята единогласно.", "Участники круглого стола 28.09.23 г."],
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Голосовали: единогласно.", ("Голосовали: единогласно.", "")),
        ("Секретарь публичных слушаний", ("", "Секретарь публичных слушаний")),
        ("Глава администрации г. Томска", ("", "Глава администрации г. Томска")),
        ("Итоги подведены 2025 г. Секретарь", ("Итоги подведены 2025 г.", "Секретарь")),
    ],
)
def test_split_position(text: str, expected: tuple[str, str]) -> None:
    assert split_position(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Председатель комиссии", True),
        ("член Общественной палаты", True),
        ("Главный врач больницы", True),
        ("И.о. главы района", True),
        ("Резолюция принята единогласно", False),
        ("Министерству культуры провести", False),
    ],
)
def test_starts_position(text: str, expected: bool) -> None:
    assert starts_position(text) is expected


def test_split_signature_gives_back_the_text_before_it() -> None:
    before, signatory = split_signature(
        "Направить резолюцию в органы власти. Модератор круглого стола, член ОП РТ Р.Ф. Хайруллин"
    )
    assert before == "Направить резолюцию в органы власти."
    assert signatory is not None
    assert (signatory.position, signatory.name) == ("Модератор круглого стола, член ОП РТ", "Р.Ф. Хайруллин")


@pytest.mark.parametrize(
    "text",
    [
        "Отделу развития животноводства разработать меры (Сафина Л.Ф.)",
        "Направить резолюцию в органы власти.",
        "Доклад сделал Иванов И.И.",
    ],
)
def test_split_signature_needs_a_job_title(text: str) -> None:
    assert split_signature(text) == (text, None)


@pytest.mark.parametrize(
    ("lines", "signed"),
    [
        (["Министр | А.В. Иванов |"], [("Министр", "А.В. Иванов")]),
        (["Глава Заречного |", "Б.Б. Петров |"], [("Глава Заречного", "Б.Б. Петров")]),
        (
            ["Глава администрации", "СП «Деревня Луговая»: С.В.Сидорова."],
            [("Глава администрации СП «Деревня Луговая»", "С.В.Сидорова")],
        ),
        (["Губернатор области\tА.А.ЖИЛКИН"], [("Губернатор области", "А.А.ЖИЛКИН")]),
        (
            ["Председатель", "Совета депутатов", "муниципального округа", "Ю. ЕВДОКИМОВ"],
            [("Председатель Совета депутатов муниципального округа", "Ю. ЕВДОКИМОВ")],
        ),
    ],
)
def test_signature_forms_of_acts(lines: list[str], signed: list[tuple[str, str]]) -> None:
    assert sign(*lines)[0] == signed


def test_a_participant_listed_amid_a_protocol_is_not_a_signatory() -> None:
    signed, leftover = sign(
        "Присутствовало: 18 человек",
        "Председатель заседания: – Можина Е.В.",
        "Секретарем заседания избрана – Козаченко О.А.",
        "ВЫСТУПИЛ: Можина Е.В. – председательствующая, которая доложила, что вопрос вынесен на слушания.",
    )
    assert signed == []
    assert "Можина Е.В." in " ".join(leftover) and "Козаченко О.А." in " ".join(leftover)


def test_two_signature_blocks_side_by_side_are_read_column_by_column() -> None:
    gap = " " * 24
    signed, _ = sign(
        f"Председатель Думы{gap}Глава города",
        f"города Кедровска{gap}Кедровска",
        "",
        f"____________ О.Н. Лаптева{gap}____________ С.И. Бурмистров",
    )
    assert signed == [
        ("Председатель Думы города Кедровска", "О.Н. Лаптева"),
        ("Глава города Кедровска", "С.И. Бурмистров"),
    ]


def test_a_name_set_on_the_line_of_the_next_position_signs_the_position_above() -> None:
    """A PDF may put the name, right of its position, on the line where the next position
    starts ("Е.А. Мельникова Глава округа"), and the last name before an appendix's stamp."""
    lines = [
        "Председатель Думы",
        "городского округа Лесной",
        "О.В. Сизова Глава городского округа Лесной",
        "К.Л. Дёмин Приложение",
        "к решению Думы городского округа Лесной",
    ]
    signatories, left = read_signatures([Unit(text=line) for line in lines])
    assert [(s.position, s.name) for s in signatories] == [
        ("Председатель Думы городского округа Лесной", "О.В. Сизова"),
        ("Глава городского округа Лесной", "К.Л. Дёмин"),
    ]
    assert left == ["Приложение", "к решению Думы городского округа Лесной"]


def test_an_appendix_after_the_signature_is_no_prose_around_it() -> None:
    """A scan's noise above the signature and the appendix under it ("Утверждена
    постановлением …" and its long title): the signature is still the act's, not a participant
    named amid prose."""
    lines = [
        "Их o Sunn fon sem ied",
        "Глава района\tА.И. Петров",
        "Утверждена постановлением администрации района от 28.12.2029 № 13",
        "Паспорт муниципальной программы развития культуры и туризма в районе на 2030–2032 годы",
    ]
    signatories, left = read_signatures([Unit(text=line) for line in lines])
    assert [(s.position, s.name) for s in signatories] == [("Глава района", "А.И. Петров")]
    assert left[0] == "Их o Sunn fon sem ied" and left[-1].startswith("Паспорт")
