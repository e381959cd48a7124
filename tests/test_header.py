"""The title block: kind, title, topic, date, date_text and place, on headers written in the
styles of decrees, protocols and plans (letterheads, approval stamps, columns on one line)."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from resparse.emit import to_data
from resparse.models import Document
from resparse.pipeline import extract
from resparse.structure.meta import find_header_date, read_meta
from resparse.structure.title import topic_of
from support import missing_words

ITEMS = "\n1. Провести совещание с руководителями учреждений.\n2. Подготовить отчёт о проделанной работе.\n"


def parse(text: str) -> Document:
    document = extract(text.encode(), name="x.txt")
    assert not missing_words(text, to_data(document)), "every word must reach the output"
    return document


def test_date_after_ot_with_a_number_and_the_subject_line() -> None:
    document = parse(
        "СОВЕТ ДЕПУТАТОВ\nПОСЕЛЕНИЯ ЗАРЕЧНОЕ\n\nРЕШЕНИЕ\n\nот 04.11.2023 № 17-рс\n\n"
        "О благоустройстве дворовых территорий поселения Заречное\n\n"
        "Совет депутатов решил:" + ITEMS
    )
    assert document.date == date(2023, 11, 4)
    assert document.date_text == "04.11.2023"
    assert document.place is None
    assert document.title == "РЕШЕНИЕ О благоустройстве дворовых территорий поселения Заречное"
    assert document.topic == "О благоустройстве дворовых территорий поселения Заречное"
    assert document.kind == "decision"
    assert document.number == "№ 17-рс"
    assert document.preamble is None or "благоустройстве дворовых" not in document.preamble


def test_letterhead_above_the_heading_word_is_not_the_title() -> None:
    document = parse(
        "ОБЩЕСТВЕННАЯ ПАЛАТА КАЛУЖСКОЙ ОБЛАСТИ\n\nРЕКОМЕНДАЦИИ\nкруглого стола на тему «Чистая река»\n\n"
        "г. Калуга, 3 июня 2024 года\n\nУчастники рекомендуют:" + ITEMS
    )
    assert document.title == "РЕКОМЕНДАЦИИ круглого стола на тему «Чистая река»"
    assert document.topic == "Чистая река"
    assert document.place == "г. Калуга"
    assert document.issuer == "ОБЩЕСТВЕННАЯ ПАЛАТА КАЛУЖСКОЙ ОБЛАСТИ"


def test_a_quoted_event_name_above_the_heading_stays_in_the_title() -> None:
    document = parse(
        "Круглый стол «Село будущего»\n\nРЕЗОЛЮЦИЯ\n\n12.05.2024\n\nУчастники предлагают:" + ITEMS
    )
    assert document.title == "Круглый стол «Село будущего» РЕЗОЛЮЦИЯ"
    assert document.topic == "Село будущего"


def test_approval_stamp_at_the_top_is_not_the_title_and_gives_the_date() -> None:
    document = parse(
        "УТВЕРЖДЁН\nпостановлением Губернатора Орловской области\nот 28.12.2023 № 905-пг\n\n"
        "ПЛАН\nосновных мероприятий по проведению Года педагога\n\n"
        "№\tМероприятие\tСрок\tИсполнитель\n"
        "1\tКонкурс педагогов\tмай 2024 г.\tДепартамент образования\n"
        "2\tФорум молодых учителей\tиюнь 2024 г.\tДепартамент образования\n"
    )
    assert document.title == "ПЛАН основных мероприятий по проведению Года педагога"
    assert document.kind == "roadmap"
    assert document.date == date(2023, 12, 28)
    assert document.approval and "постановлением Губернатора Орловской области" in document.approval


def test_an_approval_stamp_ends_with_its_date_and_number_even_with_no_blank_line_after() -> None:
    """A web page sets each paragraph apart with no blank line: the stamp ends with its date."""
    document = parse(
        "РЕКОМЕНДАЦИИ\nпубличных слушаний о развитии туризма\n"
        "Одобрены решением комитета Думы по культуре от 22 апреля 2027 года № 14\n"
        "Участники слушаний, обсудив состояние отрасли, рекомендуют:\n"
        "Министерству культуры:\n1) разработать программу;\n2) провести конкурс.\n"
    )
    assert document.approval == "Одобрены решением комитета Думы по культуре от 22 апреля 2027 года № 14"
    assert document.date == date(2027, 4, 22)
    assert document.recommendations[0].addressee is not None
    assert document.recommendations[0].addressee.name == "Министерство культуры"


def test_approval_stamp_after_the_title_and_a_genre_in_quotes() -> None:
    document = parse(
        "ПЛАН МЕРОПРИЯТИЙ\n(«дорожная карта») по развитию туризма на 2024–2025 годы\n\n"
        "УТВЕРЖДЕНА\nприказом министерства культуры\nот 10.02.2024 № 31\n\n"
        "№\tМероприятие\tСрок\tИсполнитель\n"
        "1\tСоздание туристского портала\t2024 год\tМинистерство культуры\n"
    )
    assert document.title == "ПЛАН МЕРОПРИЯТИЙ («дорожная карта») по развитию туризма на 2024–2025 годы"
    assert document.topic is None
    assert document.kind == "roadmap"
    assert document.approval and "приказом министерства культуры" in document.approval


def test_utverzhdayu_block_with_signature_and_date() -> None:
    document = parse(
        "УТВЕРЖДАЮ\nДиректор департамента\n__________ И.И. Петров\n«5» марта 2024 г.\n\n"
        "ДОРОЖНАЯ КАРТА\nпо развитию школьного спорта\n\n"
        "№\tНаименование мероприятия\tСрок исполнения\tИсполнители\n"
        "1\tРемонт спортзалов\t2024 год\tУправление образования\n"
    )
    assert document.title == "ДОРОЖНАЯ КАРТА по развитию школьного спорта"
    assert document.kind == "roadmap"
    assert document.approval and "__________ И.И. Петров" in document.approval


def test_date_and_place_labels() -> None:
    document = parse(
        "ИТОГОВЫЕ РЕКОМЕНДАЦИИ\nпубличных слушаний по проекту генерального плана\n\n"
        "Дата проведения: 7 октября 2024 г.\n"
        "Место проведения: г. Кострома, ул. Советская, д. 1, актовый зал.\n\n"
        "В слушаниях приняли участие 40 человек, в том числе депутаты и жители города.\n\n"
        "Администрации города Костромы:" + ITEMS
    )
    assert document.date == date(2024, 10, 7)
    assert document.place == "г. Кострома, ул. Советская, д. 1, актовый зал"
    assert document.title == "ИТОГОВЫЕ РЕКОМЕНДАЦИИ публичных слушаний по проекту генерального плана"
    assert document.preamble and document.preamble.startswith("В слушаниях приняли участие")


def test_date_range_after_the_place() -> None:
    """A forum's final document is adopted on its last day: the range dates it by that day."""
    document = parse(
        "ИТОГОВЫЙ ДОКУМЕНТ\nфорума «Волга»\n\nСаратов, 14–16 сентября 2023 года\n\nУчастники предлагают:"
        + ITEMS
    )
    assert document.place == "Саратов"
    assert document.date == date(2023, 9, 16)
    assert document.date_text == "14–16 сентября 2023 года"


def test_date_range_across_months() -> None:
    found = find_header_date("30 сентября – 2 октября 2024 г.")
    assert found and found[2] == date(2024, 10, 2)
    assert found[:2] == (0, len("30 сентября – 2 октября 2024 г."))


def test_date_and_place_in_columns_of_one_line() -> None:
    document = parse(
        "РЕЗОЛЮЦИЯ\nмолодёжного форума\n\n18 ноября 2024 года                     г. Курган\n\n"
        "Участники предлагают:" + ITEMS
    )
    assert document.date_text == "18 ноября 2024 года"
    assert document.place == "г. Курган"
    tabbed = read_meta("«21» мая 2024 г.\tг. Томск")
    assert tabbed and tabbed.places == ["г. Томск"] and tabbed.date == date(2024, 5, 21)


def test_date_place_and_number_columns() -> None:
    document = parse(
        "ПОСТАНОВЛЕНИЕ\n\n12 января 2024 г.          г. Липецк          № 25\n\n"
        "Об утверждении порядка проведения конкурса «Лучший двор»\n\nАдминистрация постановляет:" + ITEMS
    )
    assert document.place == "г. Липецк"
    assert document.date == date(2024, 1, 12)
    assert document.topic == "Об утверждении порядка проведения конкурса «Лучший двор»"
    assert document.number == "№ 25"


def test_place_and_number_line_above_the_date() -> None:
    document = parse(
        "РЕШЕНИЕ КОЛЛЕГИИ\n\nг. Чита          № 8\n29 марта 2024 года\n\nКоллегия решила:" + ITEMS
    )
    assert document.place == "г. Чита"
    assert document.date == date(2024, 3, 29)


def test_place_label_after_a_date_place_line() -> None:
    document = parse(
        "ПРОТОКОЛ\nзаседания совета\n\n«21» мая 2024 г.          г. Тверь\n"
        "Место проведения: Дом учёных, пр. Ленина, 49.\n\nПрисутствовали: 12 человек." + ITEMS
    )
    assert document.place == "г. Тверь, Дом учёных, пр. Ленина, 49"


def test_number_in_the_title_stays_there() -> None:
    document = parse(
        "ПРОТОКОЛ № 3\nзаседания совета\n\nг. Псков          14 ноября 2024 г.\n\nРешили:" + ITEMS
    )
    assert document.title == "ПРОТОКОЛ № 3 заседания совета"
    assert document.place == "г. Псков"


def test_kind_comes_from_the_heading_word_not_a_later_word() -> None:
    document = parse(
        "РЕШЕНИЕ\nоб одобрении рекомендаций общественных слушаний\n\n12.05.2024\n\nРешили:" + ITEMS
    )
    assert document.kind == "decision"


def test_topic_in_quotes_inside_a_subject_and_a_capital_o_inside_quotes() -> None:
    assert topic_of("РЕШЕНИЕ КОЛЛЕГИИ Об итогах программы «Развитие села» в 2023 году") == (
        "Об итогах программы «Развитие села» в 2023 году"
    )
    assert topic_of("РЕЗОЛЮЦИЯ КРУГЛОГО СТОЛА «ЗАБОТА О ДЕТЯХ»") == "ЗАБОТА О ДЕТЯХ"
    assert topic_of("ПЛАН МЕРОПРИЯТИЙ («ДОРОЖНАЯ КАРТА»)") is None


def test_a_body_line_naming_a_city_is_not_the_place() -> None:
    document = parse(
        "РЕКОМЕНДАЦИИ\nсеминара\n\n5 апреля 2024 г.\n\n"
        "Томск принял участников семинара из двенадцати районов области.\n\nУчастники рекомендуют:" + ITEMS
    )
    assert document.place is None
    assert document.preamble and document.preamble.startswith("Томск принял")


def test_a_date_inside_a_paragraph_is_not_the_document_date() -> None:
    document = parse(
        "РЕКОМЕНДАЦИИ\nсеминара\n\n"
        "Семинар, состоявшийся 15 марта 2024 г., собрал представителей районов и городов области.\n\n"
        "Участники рекомендуют:" + ITEMS
    )
    assert document.date is None
    assert document.title == "РЕКОМЕНДАЦИИ семинара"


# Headers of acts as legal databases and municipal sites print them. Each case is written in
# the shape of a real header, with invented names, numbers and dates.
ACT_HEADERS = [
    (
        "АДМИНИСТРАЦИЯ СЕЛЬСКОГО ПОСЕЛЕНИЯ ЛЕСНОЕ\n\nПОСТАНОВЛЕНИЕ\nот 14 мая 2019 г. № 88-п\n\nО ПРОВЕДЕНИИ СУББОТНИКА",
        date(2019, 5, 14),
        "№ 88-п",
        "decision",
    ),
    (
        "ГЛАВА ГОРОДА ЗАРЕЧНЫЙ\n\nПОСТАНОВЛЕНИЕ\n\n     07.02.2001 г.                                  N 12\n\nО мерах по охране лесов",
        date(2001, 2, 7),
        "N 12",
        "decision",
    ),
    ("ПОСТАНОВЛЕНИЕот 21.03.2023 № 5\nОб утверждении порядка", date(2023, 3, 21), "№ 5", "decision"),
    ("Постановление от 02.08.2016 г № 311\n\nО создании комиссии", date(2016, 8, 2), "№ 311", "decision"),
    ("Приказ № 02-11/7 от 11.09.2020 г. О проведении олимпиады", date(2020, 9, 11), "№ 02-11/7", "decision"),
    ("Р А С П О Р Я Ж Е Н И Е\nОт 3 апреля 2018 года № 12", date(2018, 4, 3), "№ 12", "decision"),
    (
        "Липецкая область\nП Р О Т О К О Л\nпубличных слушаний\n« 5 » июня 2003 г.",
        date(2003, 6, 5),
        None,
        "decision",
    ),
    (
        "ПРОТОКОЛ ПУБЛИЧНЫХ СЛУШАНИЙ\n\nс. Ивановка                                      18 декабря 2016 года",
        date(2016, 12, 18),
        None,
        "decision",
    ),
    # a database card line above the official header: its citation gives the date too
    (
        'Приказ Министерства культуры области от 06.03.2013 N 35-н "Об общественном совете от 01.01.2001"\n\nМИНИСТЕРСТВО КУЛЬТУРЫ\nПРИКАЗ\nОБ ОБЩЕСТВЕННОМ СОВЕТЕ',
        date(2013, 3, 6),
        "N 35-н",
        "decision",
    ),
]


@pytest.mark.parametrize(("header", "day", "number", "kind"), ACT_HEADERS)
def test_date_and_number_of_an_act_in_every_common_header_form(
    header: str, day: date, number: str | None, kind: str
) -> None:
    document = parse(header + "\n\nВ целях наведения порядка постановляю:" + ITEMS)
    assert document.date == day
    assert document.number == number
    assert document.kind == kind


def test_an_oblique_heading_word_names_another_act_not_this_one() -> None:
    document = parse(
        "Постановлением администрации города от 24 ноября 2011 г. N 3519 в настоящее приложение "
        "внесены изменения\nПриложение 2\nСистема мероприятий\n\nУчастники предлагают:" + ITEMS
    )
    assert document.kind != "decision"
    assert document.date is None


@pytest.mark.parametrize(
    "preamble",
    [
        "В целях улучшения санитарного состояния поселения постановляю:",
        "Руководствуясь Уставом района, администрация района ПОСТАНОВЛЯЕТ:",
        "В соответствии с Положением о комиссии\n\nп о с т а н о в л я ю:",
        "С целью организованного проведения линеек приказываю:",
    ],
)
def test_the_grounds_before_the_operative_cue_are_preamble_never_title(preamble: str) -> None:
    document = parse(preamble + ITEMS)
    assert document.title is None
    assert document.kind == "decision"
    assert preamble.split()[1] in (document.preamble or "")
    assert [item.number for item in document.recommendations[0].items] == ["1", "2"]


def test_a_point_run_on_after_the_operative_cue_is_a_point() -> None:
    document = parse(
        "Собрание постановляет: 6. Приступить к созданию общественных советов. Оргкомитету "
        "собрания до 23 марта 2020 года выработать рекомендации.\n"
    )
    assert document.kind == "decision"
    assert document.date is None, "a term is not the adoption date"
    item = document.recommendations[0].items[0]
    assert item.number == "6"
    assert item.deadline is not None and item.deadline.end == date(2020, 3, 23)


def test_a_title_goes_on_under_the_date_line_set_like_it() -> None:
    """Word files often put the date line right under the kind word: the bold, centred line that
    goes on in lower case below it is still the title, not the preamble."""
    import io

    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    word = docx.Document()
    for text, bold in [
        ("РЕКОМЕНДАЦИИ", True),
        ("г. Тальниково\t\t\t\t19 февраля 2025 г.", False),
        ("по итогам заседания Молодежного парламента «Летняя занятость подростков»", True),
        ("Заслушав информацию управления образования, Молодежный парламент РЕКОМЕНДУЕТ:", False),
        ("1. Управлению образования организовать трудовые отряды.", False),
    ]:
        paragraph = word.add_paragraph()
        paragraph.add_run(text).bold = bold
        if bold:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    word.save(buffer)
    document = extract(buffer.getvalue(), name="title.docx")
    assert (
        document.title
        == "РЕКОМЕНДАЦИИ по итогам заседания Молодежного парламента «Летняя занятость подростков»"
    )
    assert document.date == date(2025, 2, 19)


@pytest.mark.parametrize(
    ("lines", "title", "issuer"),
    [
        (  # a publication line labels the source; the administration is the letterhead
            [
                "Источник публикации: газета «Вестник», № 8 от 21.02.2025",
                "",
                "АДМИНИСТРАЦИЯ ГОРОДА ЗАРЕЧНЫЙ",
                "",
                "ПОСТАНОВЛЕНИЕ",
                "",
                "Об организации субботника",
            ],
            "ПОСТАНОВЛЕНИЕ Об организации субботника",
            "АДМИНИСТРАЦИЯ ГОРОДА ЗАРЕЧНЫЙ",
        ),
        (  # a quoted name of an organisation is a letterhead, not an event
            [
                "Муниципальное бюджетное общеобразовательное учреждение",
                "«Школа № 3» (МБОУ «Школа № 3»)",
                "",
                "ПРИКАЗ",
                "",
                "О проведении олимпиады",
            ],
            "ПРИКАЗ О проведении олимпиады",
            "Муниципальное бюджетное общеобразовательное учреждение «Школа № 3» (МБОУ «Школа № 3»)",
        ),
        (  # a legal database's card over the act is a note; the act's own letterhead stays
            [
                "Приказ Министерства спорта края от 3 марта 2025 г. N 14",
                '"О проведении спартакиады"',
                "",
                "МИНИСТЕРСТВО СПОРТА КРАЯ",
                "",
                "ПРИКАЗ",
                "",
                "О ПРОВЕДЕНИИ СПАРТАКИАДЫ",
            ],
            "ПРИКАЗ О ПРОВЕДЕНИИ СПАРТАКИАДЫ",
            "МИНИСТЕРСТВО СПОРТА КРАЯ",
        ),
        (  # a site's breadcrumbs and accessibility link are no letterhead
            [
                "Главная » Документы » Решения Думы",
                "Версия для слабовидящих",
                "",
                "ДУМА ГОРОДА ЗАРЕЧНЫЙ",
                "",
                "РЕШЕНИЕ",
                "",
                "О благоустройстве",
            ],
            "РЕШЕНИЕ О благоустройстве",
            "ДУМА ГОРОДА ЗАРЕЧНЫЙ",
        ),
        (  # the place under the date, centred, and a settlement type without its dot
            [
                "ПРОТОКОЛ № 4",
                "заседания комиссии по безопасности дорожного движения",
                "пгт Калиновка\t\t\t22 апреля 2026 года",
            ],
            "ПРОТОКОЛ № 4 заседания комиссии по безопасности дорожного движения",
            None,
        ),
        (  # an event named in quotes above the kind word stays in the title
            ["Круглый стол «Волонтёрство в малых городах»", "", "РЕЗОЛЮЦИЯ"],
            "Круглый стол «Волонтёрство в малых городах» РЕЗОЛЮЦИЯ",
            None,
        ),
    ],
)
def test_what_stands_above_the_kind_word(lines: list[str], title: str, issuer: str | None) -> None:
    body = ["", "1. Управлению образования провести олимпиаду до 1 мая 2025 г."]
    document = extract("\n".join(lines + body).encode(), name="act.txt")
    assert document.title == title
    assert document.issuer == issuer


def test_the_kind_word_under_a_letterhead_table_with_the_date() -> None:
    """Word letterheads set the body's name and the date and number side by side in a table;
    the kind word and the subject come below it."""
    import io

    import docx

    word = docx.Document()
    letterhead = word.add_table(rows=1, cols=2)
    letterhead.cell(0, 0).text = "АДМИНИСТРАЦИЯ ГОРОДА ЗАРЕЧНЫЙ"
    letterhead.cell(0, 1).text = "от 04.02.2026\n№ 57-р"
    for text in [
        "РАСПОРЯЖЕНИЕ",
        "О проведении месячника по благоустройству",
        "1. Управлению городского хозяйства организовать вывоз мусора.",
    ]:
        word.add_paragraph(text)
    buffer = io.BytesIO()
    word.save(buffer)
    document = extract(buffer.getvalue(), name="order.docx")
    assert document.kind == "decision"
    assert document.title == "РАСПОРЯЖЕНИЕ О проведении месячника по благоустройству"
    assert document.issuer == "АДМИНИСТРАЦИЯ ГОРОДА ЗАРЕЧНЫЙ"
    assert document.date == date(2026, 2, 4)


def test_a_date_line_under_the_letterhead_is_not_joined_to_it() -> None:
    """Copied out of a Word letterhead, "от 04.02.2026" stands on its own line in lower case:
    a date alone on a line never ends a sentence wrapped onto it."""
    text = "АДМИНИСТРАЦИЯ ГОРОДА ЗАРЕЧНЫЙ\nот 04.02.2026\n№ 57-р\n\nРАСПОРЯЖЕНИЕ\n\n1. Провести субботник.\n"
    document = extract(text.encode(), name="order.txt")
    assert (document.date, document.issuer) == (date(2026, 2, 4), "АДМИНИСТРАЦИЯ ГОРОДА ЗАРЕЧНЫЙ")


def test_a_portal_page_above_the_act_gives_neither_its_date_nor_its_letterhead() -> None:
    document = parse(
        "Главная / Новости / Участники форума «Исток» приняли резолюцию\n"
        "Участники форума «Исток» приняли резолюцию\n"
        "Дата публикации: 03.07.2027\n"
        "РЕЗОЛЮЦИЯ\nмолодежного форума «Исток»\n\n2 июля 2027 года\n\n"
        "Участники форума предлагают:" + ITEMS
    )
    assert document.date == date(2027, 7, 2)
    assert document.title is not None and document.title.startswith("РЕЗОЛЮЦИЯ")
    assert document.issuer is None


def test_a_list_of_instructions_is_dated_by_the_meeting_its_title_names_not_by_its_approval() -> None:
    document = parse(
        "УТВЕРЖДАЮ\nГлава района\n____________ Н.Е. Ковальчук\n«26» января 2027 г.\n\n"
        "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ\nпо итогам совещания по подготовке к паводку,\nсостоявшегося 21 января 2027 года\n"
        + ITEMS
    )
    assert document.date == date(2027, 1, 21)
    assert document.approval and "«26» января 2027 г." in document.approval


def test_a_news_line_with_bars_above_the_act_is_not_its_date() -> None:
    document = parse(
        "Администрация города Энска\nНовости | Поручения главы | 21.01.2025\n\n"
        "Перечень поручений\nглавы города по итогам совещания, состоявшегося 16 января 2025 г.\n" + ITEMS
    )
    assert document.date == date(2025, 1, 16)


def test_a_two_column_letterhead_read_line_by_line_gives_the_acts_date() -> None:
    document = parse(
        "МИНИСТЕРСТВО\tРЕШЕНИЕ\nСОЦИАЛЬНОЙ ЗАЩИТЫ НАСЕЛЕНИЯ\n"
        "ЗАРЕЧНОЙ ОБЛАСТИ\tот 26 февраля 2028 г. № 1\n\n"
        "Об итогах работы по предоставлению социальных услуг\n\n"
        "Коллегия министерства решила:" + ITEMS
    )
    assert document.date == date(2028, 2, 26)
    assert document.number == "№ 1"
    assert document.title and "ЗАРЕЧНОЙ ОБЛАСТИ" in document.title


LETTER = (
    "ДЕПАРТАМЕНТ КУЛЬТУРЫ ЛЕСНОВСКОЙ ОБЛАСТИ\n12.09.2029 № 14-07/1183\n"
    "Руководителям муниципальных учреждений культуры\nЛесновской области\n"
    "Об участии в областном конкурсе библиотечных проектов\n"
    "В целях поддержки библиотечных проектов прошу:\n"
    "1. Направить заявки на участие в конкурсе до 1 ноября 2029 года.\n"
    "2. Назначить ответственных за подготовку проектов.\n"
    "Информацию о ходе подготовки направить в департамент до 15 ноября 2029 года.\n"
    "Начальник департамента\nС.В. Климова\n"
)


def test_a_letter_is_titled_by_its_subject_and_asks_its_recipient() -> None:
    """Under a letter's letterhead and date: whom it is sent to (dative, over one or more lines),
    then its subject ("Об …"): the subject is the title, the recipient does what it asks."""
    document = parse(LETTER)
    assert document.title == "Об участии в областном конкурсе библиотечных проектов"
    assert document.issuer == "ДЕПАРТАМЕНТ КУЛЬТУРЫ ЛЕСНОВСКОЙ ОБЛАСТИ"
    assert (document.date, document.number) == (date(2029, 9, 12), "№ 14-07/1183")
    [block] = document.recommendations
    assert block.addressee is not None
    assert block.addressee.text == "Руководителям муниципальных учреждений культуры Лесновской области"
    assert block.addressee.name == "Руководители муниципальных учреждений культуры Лесновской области"
    assert [item.number for item in block.items] == ["1", "2", None]  # the closing request too


def test_a_letter_copied_with_hard_wraps_keeps_its_recipient_apart_from_its_subject() -> None:
    """A text wrapped at a fixed width joins lines that fill the width; a capitalised "О"/"Об"
    opens a subject line, never the rest of a wrapped sentence."""
    paragraphs = [
        "В целях поддержки библиотечных проектов, реализуемых муниципальными учреждениями культуры "
        "области в рамках государственной программы развития культуры и туризма, прошу:",
        "1. Направить заявки на участие в конкурсе в департамент культуры до 1 ноября 2029 года "
        "по форме, размещённой на официальном сайте департамента в разделе «Конкурсы».",
        "2. Назначить ответственных за подготовку проектов в каждом учреждении культуры и сообщить "
        "их контактные данные в отдел библиотечного дела департамента в течение пяти рабочих дней.",
    ]
    text = (
        "ДЕПАРТАМЕНТ КУЛЬТУРЫ ЛЕСНОВСКОЙ ОБЛАСТИ\n12.09.2029 № 14-07/1183\n"
        "Руководителям муниципальных учреждений культуры и дополнительного образования\n"
        "Об участии в областном конкурсе библиотечных проектов\n"
        + "\n".join(textwrap.fill(paragraph, 78) for paragraph in paragraphs)
        + "\n"
    )
    document = parse(text)
    assert document.title == "Об участии в областном конкурсе библиотечных проектов"
    [block] = document.recommendations
    assert block.addressee is not None
    assert (
        block.addressee.text
        == "Руководителям муниципальных учреждений культуры и дополнительного образования"
    )
    assert len(block.items) == 2 and block.items[1].text.endswith("в течение пяти рабочих дней.")


def test_a_letterhead_in_capitals_or_a_phone_line_is_no_recipient() -> None:
    document = parse(
        "АДМИНИСТРАЦИЯ РАЙОНА\nЛЕСНОВСКОЙ ОБЛАСТИ\nтел. (3871) 45-20-11\n"
        "РАСПОРЯЖЕНИЕ\n12.09.2029 № 14\nО проведении субботника\n" + ITEMS
    )
    assert document.title == "РАСПОРЯЖЕНИЕ О проведении субботника"
    assert all(block.addressee is None for block in document.recommendations)


def test_a_short_breadcrumb_from_the_home_page_is_no_letterhead() -> None:
    document = parse("Главная / Документы\nАДМИНИСТРАЦИЯ РАЙОНА\nРАСПОРЯЖЕНИЕ\n12.09.2029 № 14\n" + ITEMS)
    assert document.issuer == "АДМИНИСТРАЦИЯ РАЙОНА"
    assert "Главная / Документы" in document.unparsed


def test_a_letter_blank_in_word_sender_beside_recipient() -> None:
    """A letter's blank: the sender's name, address, phone, date and "На № … от …" in the left
    cell, the recipient in the right; the phone and the reference are notes, not the title."""
    import io

    import docx

    word = docx.Document()
    blank = word.add_table(rows=1, cols=2)
    blank.cell(0, 0).text = (
        "КОМИТЕТ ПО ОБРАЗОВАНИЮ\nАДМИНИСТРАЦИИ ГОРОДА ЗАРЕЧНЫЙ\nтел. (4852) 30-11-07\n"
        "E-mail: edu@zarechny.example\n03.10.2029 № 05-11/640\nНа № 77 от 25.09.2029"
    )
    blank.cell(0, 1).text = "Директорам общеобразовательных организаций"
    for text in [
        "О проведении школьного этапа олимпиады",
        "Уважаемые руководители!",
        "В соответствии с графиком проведения олимпиады прошу:",
        "1. Обеспечить проведение школьного этапа до 25 октября 2029 года.",
        "2. Представить протоколы в комитет в течение трёх дней после проведения.",
    ]:
        word.add_paragraph(text)
    buffer = io.BytesIO()
    word.save(buffer)
    document = extract(buffer.getvalue(), name="letter.docx")
    assert document.title == "О проведении школьного этапа олимпиады"
    assert document.issuer == "КОМИТЕТ ПО ОБРАЗОВАНИЮ АДМИНИСТРАЦИИ ГОРОДА ЗАРЕЧНЫЙ"
    assert (document.date, document.number, document.kind) == (date(2029, 10, 3), "№ 05-11/640", "other")
    assert {"тел. (4852) 30-11-07", "На № 77 от 25.09.2029"} <= set(document.unparsed)
    [block] = document.recommendations
    assert block.addressee is not None and block.addressee.name == "Директора общеобразовательных организаций"
    assert len(block.items) == 2


def test_a_letter_blank_copied_as_two_columns_is_read_column_by_column() -> None:
    """Copied out of a two-column blank, each line holds a piece of the sender's column and of
    the recipient's: the left column is the letterhead, the right one whom the letter asks."""
    document = parse(
        "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ\tДиректорам муниципальных школ\n"
        "АДМИНИСТРАЦИИ РАЙОНА\t(по списку)\n"
        "04.10.2029 № 01-09/77\tна № ____ от ________\n"
        "О проведении месячника безопасности\n"
        "Прошу:\n1. Провести учебную эвакуацию до 20 октября 2029 года.\n"
        "2. Представить отчёты в управление образования.\n"
    )
    assert document.issuer == "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ РАЙОНА"
    assert document.title == "О проведении месячника безопасности"
    assert (document.date, document.number, document.kind) == (date(2029, 10, 4), "№ 01-09/77", "other")
    [block] = document.recommendations
    assert block.addressee is not None
    assert block.addressee.text == "Директорам муниципальных школ (по списку)"
    assert block.addressee.name == "Директора муниципальных школ"


def test_a_date_line_with_the_number_stands_apart_and_a_subject_in_capitals_goes_on() -> None:
    """ "от 14 мая 2029 г. № 52-п" alone on its line is the act's date line, never joined to the
    title; a subject in capitals runs on over lines in capitals; a second dated line ("Дата
    проведения: …") is a note, not the title."""
    document = parse(
        "АДМИНИСТРАЦИЯ ЛЕСНОВСКОГО РАЙОНА\nПОСТАНОВЛЕНИЕ\nот 14 мая 2029 г. № 52-п\n"
        "ОБ ОРГАНИЗАЦИИ ОТДЫХА И ОЗДОРОВЛЕНИЯ ДЕТЕЙ,\nПРОЖИВАЮЩИХ НА ТЕРРИТОРИИ\nЛЕСНОВСКОГО РАЙОНА\n"
        "Дата проведения: 14 мая 2029 года, 10.00\n"
        "В целях организации летнего отдыха детей постановляю:" + ITEMS
    )
    assert document.title == (
        "ПОСТАНОВЛЕНИЕ ОБ ОРГАНИЗАЦИИ ОТДЫХА И ОЗДОРОВЛЕНИЯ ДЕТЕЙ, ПРОЖИВАЮЩИХ НА ТЕРРИТОРИИ ЛЕСНОВСКОГО РАЙОНА"
    )
    assert (document.date, document.date_text, document.number) == (
        date(2029, 5, 14),
        "14 мая 2029 г.",
        "№ 52-п",
    )
    assert "14 мая 2029 года" in document.unparsed


def test_a_letterheads_address_line_is_no_part_of_its_name() -> None:
    """ "ул. Лесная, д. 3, …, тел. …" under a letterhead in capitals starts anew, though in small
    letters; an address with its phone is a note of the blank."""
    document = parse(
        "МИНИСТЕРСТВО ТРАНСПОРТА ЛЕСНОВСКОЙ ОБЛАСТИ\nул. Лесная, д. 3, г. Лесновск, тел. (4852) 30-11-07\n"
        "РАСПОРЯЖЕНИЕ\n12.09.2029 № 14\nО проведении месячника безопасности\n" + ITEMS
    )
    assert document.issuer == "МИНИСТЕРСТВО ТРАНСПОРТА ЛЕСНОВСКОЙ ОБЛАСТИ"
    assert "ул. Лесная, д. 3, г. Лесновск, тел. (4852) 30-11-07" in document.unparsed


def test_a_letter_that_asks_nothing_still_names_its_recipient() -> None:
    document = parse(
        "ДЕПАРТАМЕНТ КУЛЬТУРЫ ОБЛАСТИ\n12.09.2029 № 14\nРуководителям музеев области\nО выставке\n"
        "Сообщаем, что выставка откроется 1 октября 2029 года в областном музее.\n"
    )
    assert document.title == "О выставке"
    assert "Руководителям музеев области" in document.unparsed
