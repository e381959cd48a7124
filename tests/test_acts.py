"""Whole acts (постановления, распоряжения, приказы) read end to end: the operative points are
items, the grounds are preamble, the signature ends the points. Texts are written in the shape of
real acts with invented names, numbers and dates."""

from __future__ import annotations

from datetime import date

from docxmaker import p, package

from resparse.emit import to_data
from resparse.models import Document
from resparse.pipeline import extract
from support import missing_words


def parse(text: str) -> Document:
    document = extract(text.encode(), name="act.txt")
    assert not missing_words(text, to_data(document)), "every word must reach the output"
    return document


def test_an_attachment_after_the_signature_is_not_a_point() -> None:
    document = parse(
        "В соответствии с постановлением Правительства области от 3 марта 2015 г. № 8 приказываю:\n"
        "Утвердить прилагаемую методику проведения консультаций.\n"
        "Министр | А.В. Иванов |\n"
        "Методика\nпроведения консультаций\n(утв. приказом министерства от 7 июля 2015 г. № 454)\n"
        "I. Общие положения\n"
        "1. Настоящая методика определяет порядок консультаций.\n"
    )
    assert document.kind == "decision"
    items = [item.text for block in document.recommendations for item in block.items]
    assert items == ["Утвердить прилагаемую методику проведения консультаций."]
    assert [(s.position, s.name) for s in document.signatories] == [("Министр", "А.В. Иванов")]
    assert not document.findings


def test_grounds_mentioning_problems_open_orders_not_findings() -> None:
    document = parse(
        "В целях оказания содействия в решении актуальных социальных проблем района:\n"
        "1. Провести в период с 18 по 26 апреля акцию «Неделя добра».\n"
        "2. Утвердить план проведения мероприятий.\n"
        "3. Руководителям образовательных учреждений района:\n"
        "3.1. Организовать участие в акции учащихся.\n"
        "3.2. Предоставлять информацию о ходе акции.\n"
    )
    assert not document.findings
    assert [(b.number, b.addressee.name if b.addressee else None) for b in document.recommendations] == [
        (None, None),
        ("3", "Руководители образовательных учреждений района"),
    ]
    assert [i.number for i in document.recommendations[1].items] == ["3.1", "3.2"]


def test_an_addressee_heading_wrapped_over_two_lines_keeps_its_person_and_second_head() -> None:
    document = parse(
        "ПОСТАНОВЛЯЮ:\n"
        "1. Утвердить план мероприятий.\n"
        "2. Начальнику Управления образования города (Петров А.П.),\n"
        "(Сидоров Б.Б.), начальникам отделов образования районов города:\n"
        "2.1. организовать подготовку учреждений к учебному году.\n"
    )
    block = document.recommendations[1]
    assert block.number == "2"
    assert block.addressee is not None
    assert block.addressee.name.startswith("Начальник Управления образования города (Петров А.П.)")
    assert block.addressee.name.endswith("начальники отделов образования районов города")


def test_control_charged_to_a_deputy_is_the_points_addressee() -> None:
    document = parse(
        "Администрация округа постановляет:\n"
        "1. Опубликовать настоящее постановление в газете «Вестник».\n"
        "2. Контроль за исполнением настоящего постановления возложить на заместителя главы "
        "администрации округа Е.Е. Смирнову.\n"
        "Глава округа\tИ.И. Кузнецов\n"
    )
    item = document.recommendations[0].items[1]
    assert item.addressee is not None
    assert item.addressee.name == "заместитель главы администрации округа Е.Е. Смирнова"
    assert [(s.position, s.name) for s in document.signatories] == [("Глава округа", "И.И. Кузнецов")]


def test_a_term_from_to_with_an_impossible_day_keeps_its_start() -> None:
    document = parse(
        "ПОСТАНОВЛЯЮ:\n1. Провести с 1 апреля по 31 июня 2014 года месячник по благоустройству.\n"
    )
    deadline = document.recommendations[0].items[0].deadline
    assert deadline is not None
    assert (deadline.start, deadline.end) == (date(2014, 4, 1), None)


def test_page_chrome_and_closing_lines_after_the_last_point_are_not_part_of_it() -> None:
    document = parse(
        "Участники считают необходимым:\n"
        "1. Провести в 2023 году мониторинг реализации резолюции.\n"
        "Резолюция принята участниками форума 24 ноября 2022 года.\n"
        "Поделиться: ВКонтакте Одноклассники Telegram\n"
    )
    assert (
        document.recommendations[0].items[0].text == "Провести в 2023 году мониторинг реализации резолюции."
    )


def test_a_definition_opening_the_next_line_still_defines() -> None:
    document = parse(
        "В целях реализации муниципальной программы «Развитие культуры на 2018–2024 годы»\n"
        "(далее – программа), Городская Дума РЕШИЛА:\n1. Утвердить отчёт об исполнении программы.\n"
    )
    assert [a.short for a in document.abbreviations] == ["программа"]


def test_a_plan_under_an_acts_citation_is_a_roadmap() -> None:
    document = parse(
        'Распоряжение Правительства области от 3 июня 2022 г. N 311-р "Об утверждении плана мероприятий"\n\n'
        "№ п/п | Наименование мероприятия | Срок | Ответственные исполнители\n"
        "1. | Разработка порядка | 2023 год | Министерство культуры области\n"
        "2. | Проведение конкурса | IV квартал 2023 г. | Министерство образования области\n"
    )
    assert document.kind == "roadmap"
    assert [row.number for row in document.roadmap] == ["1", "2"]


def test_a_text_wrapped_at_a_fixed_width_is_read_as_its_paragraphs() -> None:
    lines = [
        "ПОСТАНОВЛЯЮ:",
        "1. Министерству здравоохранения области обеспечить до 1 июля 2024 г. открытие",
        "фельдшерско-акушерских пунктов в населенных пунктах с численностью жителей",
        "более 100 человек.",
        "2. Рекомендовать органам местного самоуправления муниципальных районов и округов",
        "Северо-Озерской области оказывать содействие медицинским организациям.",
        "3. Контроль за исполнением настоящего постановления возложить на заместителя",
        "Председателя Правительства Северо-Озерской области Тихомирову Л.В.",
        "4. Настоящее постановление вступает в силу через 10 дней после его официального",
        "опубликования.",
    ]
    document = parse("\n".join(lines) + "\n")
    items = document.recommendations[0].items
    assert [i.number for i in items] == ["1", "2", "3", "4"]
    assert items[1].addressee is not None
    assert (
        items[1].addressee.name
        == "органы местного самоуправления муниципальных районов и округов Северо-Озерской области"
    )
    assert items[2].addressee is not None
    assert (
        items[2].addressee.name
        == "заместитель Председателя Правительства Северо-Озерской области Тихомирова Л.В."
    )
    assert not document.signatories


def test_a_protocol_of_hearings_records_the_meeting_and_keeps_its_decision_and_signatures() -> None:
    pad = " " * 40
    document = parse(
        "ПРОТОКОЛ\nпубличных слушаний\n\n"
        f"«12» марта 2024 г.{pad}с. Ивановка\n\n"
        "Председательствующий: Петров П.П. – глава сельского поселения.\n"
        "Присутствовали: 24 человека.\n\n"
        "СЛУШАЛИ: Петрова П.П. о проекте изменений в Устав сельского поселения.\n\n"
        "ВЫСТУПИЛИ:\nИванова А.А. – депутат Совета депутатов, поддержала проект.\n\n"
        "РЕШИЛИ:\nРекомендовать Совету депутатов сельского поселения Ивановский сельсовет принять проект изменений в Устав.\n\n"
        f"Председательствующий{pad}П.П. Петров\nСекретарь{pad}О.О. Смирнова\n"
    )
    assert document.date == date(2024, 3, 12)
    assert not document.findings
    [block] = document.recommendations
    [item] = block.items
    assert item.addressee is not None
    assert item.addressee.name == "Совет депутатов сельского поселения Ивановский сельсовет"
    assert [(s.position, s.name) for s in document.signatories] == [
        ("Председательствующий", "П.П. Петров"),
        ("Секретарь", "О.О. Смирнова"),
    ]


def test_a_word_file_with_a_paragraph_per_line_joins_each_point_whole() -> None:
    """Word opens a text file (or a legal database's export) as one paragraph per source line:
    a point wrapped over three or more lines is still one point, its last lines no signature."""
    lines = [
        "ПОСТАНОВЛЯЮ:",
        "1. Провести в области в период с 15 апреля по 15 мая месячник по санитарной",
        "очистке городов и поселков.",
        "2. Рекомендовать   главам  муниципальных  образований  городов  и",
        "районов области организовать в период месячника  работу  по  уборке  и",
        "приведению   в   надлежащее  санитарное  состояние  улиц  и  площадей,",
        "населенных пунктов, источников водоснабжения, территорий домовладений,",
        "предприятий, учреждений и организаций.",
    ]
    data = package("".join(p(line) for line in lines))
    document = extract(data, name="wrapped.docx")
    [block] = document.recommendations
    assert [item.number for item in block.items] == ["1", "2"]
    assert block.items[1].text.endswith("предприятий, учреждений и организаций.")
    assert block.items[1].addressee is not None
    assert not document.unparsed and not document.signatories


def test_a_speaker_under_slushali_is_not_a_signature_and_the_decisions_after_him_are_read() -> None:
    text = (
        "ПРОТОКОЛ № 3\nзаседания штаба\n\n17 марта 2027 года\n\n"
        "1. СЛУШАЛИ:\nНачальника отдела по делам ГО и ЧС администрации округа Маркова С.Д.\n\n"
        "РЕШИЛИ:\n1.1. Информацию принять к сведению.\n\n"
        "2. СЛУШАЛИ:\nДиректора МУП «Водоканал» Пестова Ю.К.\n\n"
        "РЕШИЛИ:\n2.1. МУП «Водоканал» создать запас реагентов до 5 апреля 2027 года.\n\n"
        "Председатель штаба\tР.Т. Бельский\n"
    )
    document = extract(text.encode(), name="protocol.txt")
    points = [item.text for block in document.recommendations for item in block.items]
    assert points[-1] == "МУП «Водоканал» создать запас реагентов до 5 апреля 2027 года."
    assert [s.name for s in document.signatories] == ["Р.Т. Бельский"]
    assert not document.unparsed


def test_a_dash_list_under_a_numbered_intro_ends_at_the_next_number() -> None:
    text = (
        "РАСПОРЯЖЕНИЕ\n\n02.06.2027 № 240-р\n\nО проведении Дня молодёжи\n\n"
        "1. Провести праздник 26 июня 2027 года.\n\n3. Рекомендовать:\n\n"
        "– главам территориальных администраций организовать доставку участников;\n\n"
        "– ГБУЗ «ЦРБ» организовать дежурство бригады скорой помощи.\n\n"
        "4. Отделу по молодёжной политике до 10 июля 2027 года представить отчёт.\n\n"
        "Глава округа\tА.Н. Суслов\n"
    )
    document = extract(text.encode(), name="order.txt")
    dashes, after = document.recommendations[1:]
    assert dashes.number == "3" and [i.number for i in dashes.items] == [None, None]
    assert all(not item.items for item in dashes.items)
    assert [i.number for i in after.items] == ["4"]


def test_a_position_glued_to_the_signers_initials_is_still_a_signature() -> None:
    """A .doc converted by LibreOffice may join a borderless signature table's two cells."""
    text = (
        "ПОСТАНОВЛЕНИЕ\n\n12.03.2027 № 5\n\nО мерах\n\n1. Провести смотр до 1 мая 2027 года.\n"
        "2. Подготовить отчёт.\n\nГубернатор Ольховецкой областиЕ.В. Стрельников\n"
    )
    document = extract(text.encode(), name="act.txt")
    assert [(s.position, s.name) for s in document.signatories] == [
        ("Губернатор Ольховецкой области", "Е.В. Стрельников")
    ]


def test_a_protocol_with_unnumbered_decisions_and_questions_opened_in_a_sentence() -> None:
    text = (
        "ПРОТОКОЛ № 2\nзаседания общественного совета\n\n12 марта 2028 года\n\n"
        "По первому вопросу слушали начальника управления Петрову И.Р.\n\nРешили:\n\n"
        "Информацию начальника управления принять к сведению.\n\n"
        "Поручить комиссии совета до 1 мая 2028 года провести осмотр дворов.\n\n"
        "По второму вопросу слушали директора МУП «Автопарк» Ковшова Л.Д.\n\nРешили:\n\n"
        "Предложить МУП «Автопарк» продлить работу маршрута № 3.\n\n"
        "Председатель совета\tВ.С. Елагин\n"
    )
    document = extract(text.encode(), name="protocol.txt")
    points = [item.text for block in document.recommendations for item in block.items]
    assert points == [
        "Информацию начальника управления принять к сведению.",
        "Поручить комиссии совета до 1 мая 2028 года провести осмотр дворов.",
        "Предложить МУП «Автопарк» продлить работу маршрута № 3.",
    ]
    assert "По второму вопросу слушали директора МУП «Автопарк» Ковшова Л.Д." in document.preamble


def test_a_text_copied_out_of_a_pdf_joins_hyphenated_words_and_keeps_label_lines_apart() -> None:
    text = (
        "ПРОТОКОЛ № 6\nзаседания штаба по обеспечению отопительного сезона в горо-\n"
        "дском округе Сосновоборск\n19.09.2028\n"
        "1. О готовности объектов теплоснабжения к отопительному сезону в городском округе\n"
        "Решение:\n"
        "1.1. Управляющим организациям представить паспорта готовности многоквартирных до-\n"
        "мов в срок до 1 октября 2028 г.\n"
        "1.2. Отделу культу-\nры провести научно-\nпрактическую конференцию.\n"
        "Секретарь штаба\tА.В. Кузьмина\n"
    )
    document = extract(text.encode(), name="copied.txt")
    assert document.title and "в городском округе Сосновоборск" in document.title
    points = [item for block in document.recommendations for item in block.items]
    assert [p.text for p in points] == [
        "Управляющим организациям представить паспорта готовности многоквартирных домов в срок до 1 октября 2028 г.",
        "Отделу культуры провести научно-практическую конференцию.",
    ]
    assert points[1].addressee is not None and points[1].addressee.name == "Отдел культуры"


def test_a_letters_closing_request_after_its_points_is_a_point() -> None:
    text = (
        "МИНИСТЕРСТВО ОБРАЗОВАНИЯ ОБЛАСТИ\n\n05.03.2028 № 01-14/327\n\n"
        "Главам муниципальных районов области\n\nО подготовке к летней кампании\n\n"
        "Во исполнение решения комиссии прошу:\n\n"
        "1. Обеспечить до 15 апреля 2028 года приёмку лагерей.\n\n"
        "2. Организовать обучение вожатых.\n\n"
        "Информацию об исполнении настоящего письма направить в министерство в срок до 20 мая 2028 года.\n\n"
        "Заместитель министра\tО.Н. Бережная\n"
    )
    document = extract(text.encode(), name="letter.txt")
    points = [item for block in document.recommendations for item in block.items]
    assert points[-1].text.startswith("Информацию об исполнении")
    assert points[-1].deadline is not None and points[-1].deadline.end == date(2028, 5, 20)
    # all of it asked of the letter's recipient: one block
    assert [i.number for i in document.recommendations[0].items] == ["1", "2", None]
    assert not document.unparsed


def test_a_page_number_inside_a_sentence_of_a_copied_text_is_dropped() -> None:
    text = (
        "РЕШЕНИЕ\n\n14.02.2028 № 1\n\nО грантах\n\nКоллегия решила:\n\n"
        "1. Государственному казённому учреждению «Центр сельско-\n2\n"
        "хозяйственного консультирования» обеспечить сопровождение получателей грантов.\n"
        "2. Отделу подготовить отчёт.\n"
    )
    document = extract(text.encode(), name="copied.txt")
    first = document.recommendations[0].items[0]
    assert first.text.startswith(
        "Государственному казённому учреждению «Центр сельскохозяйственного консультирования»"
    )
    assert first.addressee is not None and first.addressee.name.endswith(
        "«Центр сельскохозяйственного консультирования»"
    )
    assert [i.number for i in document.recommendations[0].items] == ["1", "2"]


def test_a_dash_a_wrap_put_at_a_lines_start_inside_a_sentence_is_no_bullet() -> None:
    text = (
        "РЕЗОЛЮЦИЯ\nмежрегиональной научно-практической конференции о сохранении наследия\n"
        "9 июня 2028 года\n"
        "Участники конференции – представители органов государственной власти, учреждений\n"
        "культуры, научных и образовательных организаций, национально-культурных автономий\n"
        "– обсудили вопросы сохранения и популяризации нематериального культурного наследия\n"
        "в регионах Российской Федерации и отметили рост интереса молодёжи к традициям,\n"
        "ремёслам и народному творчеству, а также потребность в методической поддержке\n"
        "руководителей самодеятельных коллективов и мастеров народных художественных\n"
        "промыслов, работающих в сельской местности и малых городах Приволжского края.\n"
        "Участники конференции рекомендуют:\n"
        "– органам власти разработать программу;\n"
        "– учреждениям культуры провести фестиваль.\n"
    )
    document = extract(text.encode(), name="resolution.txt")
    assert any("автономий – обсудили вопросы" in line for line in (document.preamble or "").splitlines())
    assert [item.text for block in document.recommendations for item in block.items] == [
        "органам власти разработать программу;",
        "учреждениям культуры провести фестиваль.",
    ]


def test_a_point_whose_addressee_line_ends_in_initials_names_it_over_the_next_line() -> None:
    text = (
        "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ\nпо итогам совещания 12 марта 2028 года\n\n"
        "1. Рекомендовать главе Полынского муниципального района Журавлёву П.И.\n"
        "представлять информацию о ходе исполнения настоящего перечня.\n"
        "2. Отделу культуры провести смотр.\n"
    )
    document = extract(text.encode(), name="list.txt")
    first = document.recommendations[0].items[0]
    assert first.addressee is not None
    assert first.addressee.name == "глава Полынского муниципального района Журавлёв П.И."


def test_sections_in_ordinary_letter_case_head_the_preamble_findings_and_recommendations() -> None:
    """ "I. Общие положения" over prose, "II. Выявленные проблемы" over numbered facts (a section
    of findings under that title) and a part's name alone ("Предложения") are section titles,
    not points; the addressees below them open their blocks."""
    document = parse(
        "РЕКОМЕНДАЦИИ\nкруглого стола «Доступная среда в малых городах»\n"
        "I. Общие положения\n"
        "Круглый стол проведён комиссией Общественной палаты с участием представителей 12 районов.\n"
        "II. Выявленные проблемы\n"
        "1. В 2029 году приспособлены только 30 процентов объектов культуры.\n"
        "2. Пандусы у многих поликлиник не отвечают требованиям безопасности.\n"
        "Предложения\n"
        "Администрациям муниципальных районов:\n"
        "1. Провести обследование объектов социальной инфраструктуры до 1 июня 2030 года.\n"
        "2. Включить работы по приспособлению объектов в муниципальные программы.\n"
    )
    [section] = document.findings
    assert section.title == "Выявленные проблемы"
    assert [item.number for item in section.items] == ["1", "2"]
    [block] = document.recommendations
    assert block.addressee is not None and block.addressee.name == "Администрации муниципальных районов"
    assert [item.number for item in block.items] == ["1", "2"]
    assert document.preamble and document.preamble.startswith("I. Общие положения\nКруглый стол проведён")


def test_a_capitalised_request_after_a_list_in_small_letters_is_a_point_of_its_own() -> None:
    document = parse(
        "РЕЗОЛЮЦИЯ\nфорума «Сельская школа»\n"
        "Участники форума рекомендуют органам управления образованием:\n"
        "– сохранить малокомплектные школы в сёлах с населением более 300 человек;\n"
        "– ежегодно проводить конкурс «Сельский учитель года».\n"
        "Направить настоящую резолюцию в министерство образования области.\n"
    )
    texts = [item.text for block in document.recommendations for item in block.items]
    assert texts[-1] == "Направить настоящую резолюцию в министерство образования области."
    assert texts[-2] == "ежегодно проводить конкурс «Сельский учитель года»."


def test_a_share_button_and_the_adoption_line_close_the_document() -> None:
    """ "Поделиться" alone asks nothing; the line under the last point saying how the document
    was adopted is no part of that point."""
    document = parse(
        "РЕЗОЛЮЦИЯ\nконференции «Старшее поколение»\nУчастники конференции рекомендуют:\n"
        "Комплексным центрам социального обслуживания расширить сеть кружков для пожилых граждан.\n"
        "Библиотекам области проводить занятия по финансовой грамотности.\n"
        "Резолюция принята единогласно 14 ноября 2030 года.\n"
        "Поделиться\n"
    )
    texts = [item.text for block in document.recommendations for item in block.items]
    assert texts[-1] == "Библиотекам области проводить занятия по финансовой грамотности."
    assert "Поделиться" in document.unparsed


def test_a_council_that_notes_and_recommends_gives_findings_and_the_addressee_it_names() -> None:
    """ "…, комиссия отмечает:" opens findings, whose lines in small letters lost their bullets in
    the copy; "Комиссия рекомендует управлению …:" names the block's addressee after its verb."""
    document = parse(
        "РЕКОМЕНДАЦИИ\nкомиссии по делам молодёжи\n"
        "Обсудив ход реализации молодёжной политики в районе, комиссия отмечает:\n"
        "в 2029 году работали 14 молодёжных клубов;\n"
        "в сельских поселениях сохраняется нехватка помещений для занятий.\n"
        "Комиссия рекомендует управлению культуры и молодёжной политики администрации района:\n"
        "1) открыть до 1 сентября 2030 года два молодёжных клуба в сельских поселениях;\n"
        "2) ежегодно проводить районный молодёжный форум.\n"
    )
    [section] = document.findings
    assert section.title.endswith("комиссия отмечает")
    assert [item.text for item in section.items] == [
        "в 2029 году работали 14 молодёжных клубов;",
        "в сельских поселениях сохраняется нехватка помещений для занятий.",
    ]
    [block] = document.recommendations
    assert block.addressee is not None
    assert block.addressee.name == "управление культуры и молодёжной политики администрации района"
    assert len(block.items) == 2


def test_a_letters_closing_request_with_proshu_is_a_point() -> None:
    """ "Информацию … прошу направлять …" names its object first and asks in the first person:
    still the writer's request, a point of the letter."""
    text = (
        "ДЕПАРТАМЕНТ СПОРТА ОБЛАСТИ\n05.03.2030 № 12-04/77\n"
        "Руководителям спортивных школ области\nО проведении зимнего фестиваля ГТО\n"
        "В целях подготовки фестиваля прошу:\n"
        "1. Обеспечить участие команд до 1 апреля 2030 года.\n"
        "Сведения об участниках прошу представлять в департамент ежемесячно, до 5 числа.\n"
    )
    document = parse(text)
    [block] = document.recommendations
    assert [item.number for item in block.items] == ["1", None]
    assert block.items[1].deadline is not None and block.items[1].deadline.recurrence == "monthly"


def test_a_working_meetings_porucheniya_opens_its_points() -> None:
    """ "Поручения:" after the record of a working meeting ("Присутствовали: …") is its
    operative cue: the points under it are what the meeting ordered."""
    document = parse(
        "ПРОТОКОЛ\nрабочего совещания по подготовке к паводку\n12 марта 2030 г.\n"
        "Присутствовали: Орлов П.А., Сизова Т.С., представители управляющих компаний.\n"
        "Поручения:\n"
        "1. Провести обследование гидротехнических сооружений. Отв.: Орлов П.А. Срок: до 01.04.2030.\n"
        "2. Отделу ГО и ЧС подготовить план эвакуации. Срок: до 15.04.2030.\n"
    )
    points = [item for block in document.recommendations for item in block.items]
    assert [item.number for item in points] == ["1", "2"]
    assert points[1].addressee is not None and points[1].addressee.name == "Отдел ГО и ЧС"
