"""Documents written for these tests, in the styles of real ones but with other bodies,
numbering, deadlines and executors: the rules must not depend on the samples' words."""

from __future__ import annotations

from datetime import date

from resparse.emit import to_data
from resparse.models import Document
from resparse.pipeline import extract
from support import missing_words


def parse(text: str, encoding: str = "utf-8", name: str = "doc.txt") -> Document:
    document = extract(text.encode(encoding), name=name)
    assert not missing_words(text, to_data(document)), "every word must reach the output"
    return document


def blocks(document: Document) -> list[tuple[str | None, list[str | None]]]:
    return [
        (b.addressee.name if b.addressee else None, [i.number for i in b.items])
        for b in document.recommendations
    ]


def test_decision_with_inline_addressees_and_deadlines() -> None:
    document = parse(
        """РЕШЕНИЕ
заседания Общественного совета при Министерстве здравоохранения Республики Хакасия

г. Абакан                                                        15 марта 2024 г.

Заслушав информацию о ходе диспансеризации, Общественный совет РЕШИЛ:

1. Рекомендовать Министерству здравоохранения Республики Хакасия разработать план выездных приёмов в срок до 01.06.2024.
2. Предложить главам муниципальных образований обеспечить транспортную доступность в течение 2024 года.
3. Продолжить мониторинг доступности медицинской помощи ежеквартально.

Председатель Общественного совета	А.С. Кузнецова
"""
    )
    assert document.kind == "decision"
    assert document.date == date(2024, 3, 15)
    assert document.place == "г. Абакан"
    assert blocks(document) == [(None, ["1", "2", "3"])]
    first, second, third = document.recommendations[0].items
    assert first.addressee and first.addressee.name == "Министерство здравоохранения Республики Хакасия"
    assert first.deadline and first.deadline.end == date(2024, 6, 1)
    assert second.addressee and second.addressee.name == "главы муниципальных образований"
    assert second.deadline and (second.deadline.start, second.deadline.end) == (
        date(2024, 1, 1),
        date(2024, 12, 31),
    )
    assert third.addressee is None and third.deadline and third.deadline.recurrence == "quarterly"
    assert [(s.position, s.name) for s in document.signatories] == [
        ("Председатель Общественного совета", "А.С. Кузнецова")
    ]


def test_headings_with_letter_items() -> None:
    document = parse(
        """РЕКОМЕНДАЦИИ
круглого стола «Доступная среда в малых городах»

Министерству социальной защиты Алтайского края:
а) рассмотреть вопрос о расширении программы «Доступная среда»;
б) организовать обучение специалистов.

Органам местного самоуправления муниципальных районов:
а) провести обследование объектов социальной инфраструктуры;
б) предусмотреть средства на адаптацию объектов;
в) привлекать общественные организации инвалидов к приёмке работ.
"""
    )
    assert document.kind == "recommendations"
    assert document.topic == "Доступная среда в малых городах"
    assert blocks(document) == [
        ("Министерство социальной защиты Алтайского края", ["а", "б"]),
        ("Органы местного самоуправления муниципальных районов", ["а", "б", "в"]),
    ]


def test_three_level_numbering() -> None:
    document = parse(
        """РЕКОМЕНДАЦИИ
общественных слушаний

1. Департаменту образования Томской области:
1.1. Обеспечить участие родительской общественности в работе комиссий.
1.1.1. Включить представителей родительских комитетов в состав аттестационных комиссий.
1.1.2. Публиковать протоколы заседаний комиссий.
1.2. Разработать порядок общественного контроля за питанием.
2. Общественной палате Томской области:
2.1. Провести мониторинг исполнения рекомендаций до конца 2025 года.
"""
    )
    assert blocks(document) == [
        ("Департамент образования Томской области", ["1.1", "1.2"]),
        ("Общественная палата Томской области", ["2.1"]),
    ]
    first = document.recommendations[0].items[0]
    assert [i.number for i in first.items] == ["1.1.1", "1.1.2"]
    assert document.recommendations[0].number == "1"
    deadline = document.recommendations[1].items[0].deadline
    assert deadline and deadline.end == date(2025, 12, 31)


def test_resolution_with_bullets_and_modal_addressees() -> None:
    document = parse(
        """РЕЗОЛЮЦИЯ
форума некоммерческих организаций Псковской области
12.10.2023

Участники форума отметили:
• рост числа социально ориентированных НКО в районах;
• недостаток квалифицированных кадров в некоммерческом секторе.

Участники форума считают необходимым:
• Органам исполнительной власти следует расширить конкурсы субсидий для НКО.
• НКО необходимо активнее участвовать в грантовых конкурсах.
• Проводить ежегодно областной форум НКО.
"""
    )
    assert document.kind == "resolution"
    assert document.date == date(2023, 10, 12)
    assert [(s.title, len(s.items)) for s in document.findings] == [("Участники форума отметили", 2)]
    assert blocks(document) == [(None, [None, None, None])]
    items = document.recommendations[0].items
    assert [i.addressee.name if i.addressee else None for i in items] == [
        "Органы исполнительной власти",
        "НКО",
        None,
    ]
    assert items[2].deadline and items[2].deadline.recurrence == "annual"


def test_roadmap_with_other_columns_and_terms() -> None:
    rows = [
        "№ п/п\tМероприятие\tСрок реализации\tОтветственный исполнитель\tОжидаемый результат",
        "I.\tОрганизационные мероприятия\t\t\t",
        "1.\tСоздание рабочей группы\tI полугодие 2024 г.\tМинистерство культуры Пензенской области\tПриказ о создании",
        "2.\tПроведение семинаров\tежегодно\tДепартамент молодёжной политики, Общественная палата Пензенской области\t"
        "Не менее 4 семинаров",
        "II.\tИнформационное сопровождение\t\t\t",
        "3.\tПубликация материалов\tIV квартал 2025 года\tРедакция газеты «Пензенская правда» при участии "
        "молодёжных объединений\tСерия публикаций",
        "4.\tОтчёт о реализации плана\tдо 1 декабря 2024 г.\tМинистерство культуры Пензенской области\tОтчёт",
        "5.\tМониторинг\tпостоянно\tАппарат Общественной палаты\tДоклад",
    ]
    document = parse(
        "ДОРОЖНАЯ КАРТА\nпо развитию добровольчества в Пензенской области\n\n" + "\n".join(rows) + "\n"
    )
    assert document.kind == "roadmap"
    assert [r.number for r in document.roadmap] == ["1", "2", "3", "4", "5"]
    assert [r.section.title if r.section else None for r in document.roadmap] == [
        "Организационные мероприятия",
        "Организационные мероприятия",
        "Информационное сопровождение",
        "Информационное сопровождение",
        "Информационное сопровождение",
    ]
    first, second, third, fourth, fifth = document.roadmap
    assert first.deadline and (first.deadline.start, first.deadline.end) == (
        date(2024, 1, 1),
        date(2024, 6, 30),
    )
    assert first.result == "Приказ о создании"
    assert second.deadline and second.deadline.recurrence == "annual"
    assert [(e.name, e.role) for e in second.executors] == [
        ("Департамент молодёжной политики", "responsible"),
        ("Общественная палата Пензенской области", "responsible"),
    ]
    assert third.deadline and (third.deadline.start, third.deadline.end) == (
        date(2025, 10, 1),
        date(2025, 12, 31),
    )
    assert [(e.name, e.role) for e in third.executors] == [
        ("Редакция газеты «Пензенская правда»", "responsible"),
        ("молодёжные объединения", "involved"),
    ]
    assert fourth.deadline and (fourth.deadline.start, fourth.deadline.end) == (None, date(2024, 12, 1))
    assert fifth.deadline and fifth.deadline.text == "постоянно" and fifth.deadline.end is None


def test_final_document_with_findings_then_addressees() -> None:
    document = parse(
        """ИТОГОВЫЙ ДОКУМЕНТ
межрегиональной конференции «Гражданское общество и местное самоуправление»

Участники конференции констатируют:
– низкую вовлечённость жителей в территориальное общественное самоуправление;
– отсутствие методической поддержки ТОС.

Участники конференции рекомендуют:

Администрациям муниципальных районов
– создать ресурсные центры поддержки ТОС;
– предусмотреть муниципальные гранты для ТОС.

Ассоциации «Совет муниципальных образований Новосибирской области»
– обобщить лучшие практики работы ТОС.
"""
    )
    assert document.kind == "resolution"
    assert [(s.title, len(s.items)) for s in document.findings] == [("Участники конференции констатируют", 2)]
    assert blocks(document) == [
        ("Администрации муниципальных районов", [None, None]),
        ("Ассоциация «Совет муниципальных образований Новосибирской области»", [None]),
    ]


def test_two_signatories() -> None:
    document = parse(
        """РЕКОМЕНДАЦИИ

Комитету по культуре Мурманской области:
1. Поддержать проекты народных коллективов.

Председатель Общественной палаты Мурманской области	И.И. Иванов
Секретарь Общественной палаты
П.П. Петрова
"""
    )
    assert [(s.position, s.name) for s in document.signatories] == [
        ("Председатель Общественной палаты Мурманской области", "И.И. Иванов"),
        ("Секретарь Общественной палаты", "П.П. Петрова"),
    ]


def test_abbreviations() -> None:
    document = parse(
        """РЕКОМЕНДАЦИИ

Министерство труда и социальной защиты Российской Федерации (далее – Минтруд России) и территориальное общественное самоуправление (далее – ТОС) обсудили вопросы.

Минтруду России:
1. Учесть предложения ТОС при подготовке программ.
"""
    )
    assert [(a.short, a.full) for a in document.abbreviations] == [
        ("Минтруд России", "Министерство труда и социальной защиты Российской Федерации"),
        ("ТОС", "территориальное общественное самоуправление"),
    ]
    assert blocks(document) == [("Минтруд России", ["1"])]


def test_cp1251_text_reads_the_same() -> None:
    text = """РЕКОМЕНДАЦИИ
07.02.2025

Комитету по молодёжной политике Курской области:
1. Организовать форум волонтёров.
"""
    document = parse(text, encoding="cp1251")
    assert blocks(document) == [("Комитет по молодёжной политике Курской области", ["1"])]
    assert document.date == date(2025, 2, 7)


def test_utf16_text_reads_the_same() -> None:
    document = parse("РЕЗОЛЮЦИЯ\n\n1. Поддержать инициативу жителей.\n", encoding="utf-16")
    assert document.kind == "resolution"
    assert blocks(document) == [(None, ["1"])]


def test_text_the_rules_do_not_understand_gives_valid_output_with_warning() -> None:
    document = parse(
        "Мороз и солнце; день чудесный!\nЕщё ты дремлешь, друг прелестный —\nПора, красавица, проснись.\n"
    )
    assert document.kind == "other"
    assert not document.recommendations and not document.roadmap
    assert any("no recommendations" in w for w in document.warnings)


def test_deadline_on_its_own_line_belongs_to_the_point() -> None:
    document = parse(
        """РЕКОМЕНДАЦИИ

Управлению культуры администрации города Кирова:
1. Подготовить программу празднования Дня города.
Срок: II квартал 2025 г.
2. Провести конкурс творческих коллективов.
"""
    )
    first, second = document.recommendations[0].items
    assert first.deadline and (first.deadline.start, first.deadline.end) == (
        date(2025, 4, 1),
        date(2025, 6, 30),
    )
    assert second.deadline is None


def test_markdown_bold_is_a_hint_not_text() -> None:
    document = parse(
        "**РЕКОМЕНДАЦИИ**\n\n**Министерству спорта Республики Коми:**\n- Построить крытый каток.\n",
        name="doc.md",
    )
    assert document.title == "РЕКОМЕНДАЦИИ"
    assert blocks(document) == [("Министерство спорта Республики Коми", [None])]


def test_bullets_nested_under_numbers() -> None:
    document = parse(
        """РЕЗОЛЮЦИЯ
1. Развивать добровольчество:
- в школах;
- в учреждениях культуры.
2. Поддержать социальные предприятия.
"""
    )
    items = document.recommendations[0].items
    assert [i.number for i in items] == ["1", "2"]
    assert [c.text for c in items[0].items] == ["в школах;", "в учреждениях культуры."]


def test_roman_sections_with_numbered_items() -> None:
    document = parse(
        """РЕКОМЕНДАЦИИ
I. Правительству Республики Тыва:
1. Ускорить принятие программы поддержки НКО.
II. Общественной палате Республики Тыва:
1. Провести мониторинг.
2. Подготовить доклад до 1 декабря 2025 г.
"""
    )
    assert blocks(document) == [
        ("Правительство Республики Тыва", ["1"]),
        ("Общественная палата Республики Тыва", ["1", "2"]),
    ]
    assert [b.number for b in document.recommendations] == ["I", "II"]


def test_place_and_time_lines_in_the_header() -> None:
    document = parse(
        """РЕКОМЕНДАЦИИ
по итогам общественных слушаний

г. Казань, ул. Баумана, д. 15
20 ноября 2024 г.
15 часов 00 мин.

Комитету по делам молодёжи Республики Татарстан:
1. Создать молодёжный совет.
"""
    )
    assert document.place == "г. Казань, ул. Баумана, д. 15"
    assert document.date == date(2024, 11, 20)
    assert document.title == "РЕКОМЕНДАЦИИ по итогам общественных слушаний"


def test_unnumbered_points_under_headings() -> None:
    document = parse(
        """РЕКОМЕНДАЦИИ

Рекомендовать органам местного самоуправления Вологодской области:
Разработать муниципальные программы поддержки СО НКО.
Предусмотреть имущественную поддержку НКО.

Председатель комиссии                 Смирнов А.В.
"""
    )
    assert blocks(document) == [("органы местного самоуправления Вологодской области", [None, None])]
    assert [(s.position, s.name) for s in document.signatories] == [("Председатель комиссии", "Смирнов А.В.")]


def test_addressee_run_into_the_point() -> None:
    document = parse(
        """РЕЗОЛЮЦИЯ
1. Министерству природных ресурсов Иркутской области: усилить контроль за вырубкой лесов.
2. Усилить экологическое просвещение.
"""
    )
    first, second = document.recommendations[0].items
    assert first.addressee and first.addressee.name == "Министерство природных ресурсов Иркутской области"
    assert second.addressee is None


def test_recommendation_table_is_read_like_a_roadmap() -> None:
    document = parse(
        "РЕКОМЕНДАЦИИ\n\n"
        "№\tРекомендация\tОтветственный\tСрок\n"
        "1\tПровести обучение волонтёров\tКомитет по молодёжной политике\tдо 1 июня 2025 г.\n"
        "2\tИздать методическое пособие\tРесурсный центр НКО\t2025 год\n"
    )
    assert [(r.number, r.action) for r in document.roadmap] == [
        ("1", "Провести обучение волонтёров"),
        ("2", "Издать методическое пособие"),
    ]
    assert document.roadmap[0].deadline and document.roadmap[0].deadline.end == date(2025, 6, 1)


def test_abbreviation_definitions_in_ocr_spelling() -> None:
    """OCR turns "–" into "—-"; a definition still counts."""
    document = parse("РЕКОМЕНДАЦИИ\n\nОрганы местного самоуправления (далее —- ОМСУ) провели встречи.\n")
    assert [a.short for a in document.abbreviations] == ["ОМСУ"]


def test_place_led_by_a_city_name_and_a_title_line_led_by_a_country() -> None:
    document = parse(
        """РЕКОМЕНДАЦИИ
Общественной палаты
России по вопросам волонтёрства

Томск, пр. Ленина, 36
02.03.2025

Министерству спорта Томской области:
1. Поддержать волонтёрские центры.
"""
    )
    assert document.place == "Томск, пр. Ленина, 36"
    assert document.title == "РЕКОМЕНДАЦИИ Общественной палаты России по вопросам волонтёрства"


def test_a_point_after_a_headed_sub_list_is_its_sibling_not_its_child() -> None:
    """ "2. Рекомендовать администрации:" with а), б) below; "3." closes that block."""
    document = parse(
        """РЕШЕНИЕ

1. Информацию принять к сведению.
2. Рекомендовать администрации района:
а) предусмотреть средства в бюджете;
б) разместить перечень на сайте.
3. Направить настоящее решение в управу района.
4. Опубликовать настоящее решение.
"""
    )
    assert blocks(document) == [(None, ["1"]), ("администрация района", ["а", "б"]), (None, ["3", "4"])]
    assert all(not item.items for block in document.recommendations for item in block.items)


def test_numbered_heading_with_decimal_sub_points_then_a_plain_point() -> None:
    document = parse(
        """ПОСТАНОВЛЕНИЕ

1. Утвердить состав комиссии.
2. Комитету образования:
2.1. организовать работу лагерей;
2.2. представить отчёт.
3. Опубликовать настоящее постановление.
"""
    )
    assert blocks(document) == [(None, ["1"]), ("Комитет образования", ["2.1", "2.2"]), (None, ["3"])]


def test_point_after_dash_sub_list_under_an_inline_addressee() -> None:
    document = parse(
        """РЕЗОЛЮЦИЯ

1) Рекомендовать Министерству труда области:
– создать раздел на портале;
– организовать ярмарки вакансий.
2) Предложить отделению «Деловой России» рассмотреть возможность создания программы.
"""
    )
    assert blocks(document) == [("Министерство труда области", [None, None]), (None, ["2"])]
    point = document.recommendations[1].items[0]
    assert point.addressee and point.addressee.name == "отделение «Деловой России»"


def test_capital_section_headings_are_structure_not_points() -> None:
    document = parse(
        """ИТОГОВЫЙ ДОКУМЕНТ

I. ОБЩИЕ ПОЛОЖЕНИЯ

Участники конференции констатируют, что:
– число волонтёров выросло;
– площадок не хватает.

II. ПРЕДЛОЖЕНИЯ

Участники конференции предлагают:

1. Министерству культуры края:
1.1. Создать сеть клубов.
2. Администрациям районов:
2.1. Выделить помещения.
"""
    )
    assert document.preamble and "I. ОБЩИЕ ПОЛОЖЕНИЯ" in document.preamble
    assert [len(section.items) for section in document.findings] == [2]
    assert not any(item.items for section in document.findings for item in section.items)
    assert blocks(document) == [("Министерство культуры края", ["1.1"]), ("Администрации районов", ["2.1"])]
    assert "II. ПРЕДЛОЖЕНИЯ" in document.unparsed


def test_roadmap_with_column_numbers_labelled_sections_and_a_tabbed_signature() -> None:
    document = parse(
        "ПЛАН МЕРОПРИЯТИЙ\nпо поддержке семей на 2024 год\n\n"
        "№ п/п\tСодержание мероприятия\tСроки реализации\tОтветственный исполнитель\tПоказатель\n"
        "1\t2\t3\t4\t5\n"
        "Раздел 1. Информационное сопровождение\t\t\t\t\n"
        "1.\tПроведение конкурса «Семья года»\tмай 2024 г.\tМинистерство социального обеспечения\tЧисло участников\n"
        "2.\tВыпуск тематической рубрики\tежемесячно\tКомитет информации\tЧисло выпусков\n"
        "Раздел 2. Поддержка многодетных семей\t\t\t\t\n"
        "3.\tОрганизация летнего отдыха детей\tиюнь 2024 г.\tМинистерство образования\tЧисло детей\n"
        "\n"
        "Губернатор области\t\tР.В. Петров\n"
    )
    assert [row.number for row in document.roadmap] == ["1", "2", "3"]
    assert [row.section.number if row.section else None for row in document.roadmap] == ["1", "1", "2"]
    first = document.roadmap[0].section
    assert first and first.title == "Раздел 1. Информационное сопровождение"
    assert [(s.position, s.name) for s in document.signatories] == [("Губернатор области", "Р.В. Петров")]
    assert document.unparsed == []


def test_unnumbered_points_after_a_recommending_intro() -> None:
    document = parse(
        """РЕКОМЕНДАЦИИ

По итогам обсуждения рекомендовано:

Министерству жилищно-коммунального хозяйства области предусмотреть увеличение числа площадок.

Мэрии города Новосибирска продолжить информационную кампанию.

Председатель комиссии                          Л.С. Бондаренко
"""
    )
    [block] = document.recommendations
    assert [item.text.split()[0] for item in block.items] == ["Министерству", "Мэрии"]
    assert [(s.position, s.name) for s in document.signatories] == [
        ("Председатель комиссии", "Л.С. Бондаренко")
    ]
    assert document.preamble == "По итогам обсуждения рекомендовано:"


def test_a_closing_intro_line_ends_the_findings_above() -> None:
    document = parse(
        """РЕЗОЛЮЦИЯ

Молодёжный совет отмечает:
а) выпускники редко работают по специальности;
б) вакансии публикуются разрозненно.

На основании изложенного Молодёжный совет РЕШИЛ:

1) Рекомендовать Министерству труда области:
– создать раздел на портале;
2) Направить резолюцию в Законодательное Собрание.
"""
    )
    [section] = document.findings
    assert section.items[-1].text == "вакансии публикуются разрозненно."
    assert document.preamble and document.preamble.endswith(
        "На основании изложенного Молодёжный совет РЕШИЛ:"
    )
    assert blocks(document) == [("Министерство труда области", [None]), (None, ["2"])]


def test_heading_addressee_keeps_its_whole_text_and_trims_its_name() -> None:
    document = parse(
        """РЕКОМЕНДАЦИИ

Комитету по делам молодёжи области (далее – Комитет) совместно с муниципалитетами:
1. Провести форум.

Региональному оператору по обращению с отходами обеспечить вывоз вторсырья.
"""
    )
    block = document.recommendations[0]
    assert block.addressee and block.addressee.name == "Комитет по делам молодёжи области"
    assert (
        block.addressee.text
        == "Комитету по делам молодёжи области (далее – Комитет) совместно с муниципалитетами"
    )


def test_a_term_line_after_the_last_point_belongs_to_it() -> None:
    document = parse(
        """РЕКОМЕНДАЦИИ

Администрации поселения:
1. Учесть предложения жителей при распределении средств на благоустройство в 2024 году.
Срок: I полугодие 2025 г.

Председательствующий на слушаниях	И.Л. Карпов
"""
    )
    [item] = document.recommendations[0].items
    assert item.deadline and (item.deadline.start, item.deadline.end) == (date(2025, 1, 1), date(2025, 6, 30))
    assert item.text.endswith("Срок: I полугодие 2025 г.")
    assert [(s.position, s.name) for s in document.signatories] == [
        ("Председательствующий на слушаниях", "И.Л. Карпов")
    ]
    assert document.unparsed == []


def test_opening_dative_is_the_addressee_only_outside_a_headed_block() -> None:
    document = parse(
        """РЕКОМЕНДАЦИИ

1. Органам местного самоуправления проводить мониторинг цен.
2. Некоммерческим организациям:
- Руководителям организаций проводить обучение сотрудников;
- Публиковать отчёты о деятельности.
"""
    )
    plain, headed = document.recommendations
    assert headed.addressee and headed.addressee.name == "Некоммерческие организации"
    assert [item.addressee for item in headed.items] == [None, None]
    [point] = plain.items
    assert point.addressee and point.addressee.name == "Органы местного самоуправления"


def test_a_signature_run_into_the_last_point_is_split_off() -> None:
    document = parse(
        """РЕКОМЕНДАЦИИ

1. Провести обучение волонтёров до 1 марта 2025 г.
2. Подготовить доклад о результатах работы. Председатель комиссии И.И. Иванов
"""
    )
    assert [item.text for item in document.recommendations[0].items] == [
        "Провести обучение волонтёров до 1 марта 2025 г.",
        "Подготовить доклад о результатах работы.",
    ]
    assert [(s.position, s.name) for s in document.signatories] == [("Председатель комиссии", "И.И. Иванов")]
