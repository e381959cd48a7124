"""The HTML reader, markup form by markup form: what a page gives as layout blocks."""

from __future__ import annotations

import pytest

from resparse.extract import read_layout
from resparse.extract.html_css import StyleSheet, declarations
from resparse.layout import Layout, Paragraph, Table


def _read(body: str, head: str = "", encoding: str = "utf-8") -> Layout:
    page = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return read_layout(page.encode(encoding), name="page.html")


def _points(layout: Layout) -> list[tuple[str | None, int, str]]:
    return [(p.marker, p.level, p.text) for p in layout.paragraphs() if p.text]


TWO_ADDRESSEES = [
    ("1.", 0, "Комитету:"),
    ("1.1.", 1, "первое"),
    ("1.2.", 1, "второе"),
    ("2.", 0, "Союзу:"),
    ("2.1.", 1, "третье"),
]
LISTS = [
    pytest.param(
        '<ol start="3"><li>три</li><li value="7">семь</li><li>восемь</li></ol>',
        [("3.", 0, "три"), ("7.", 0, "семь"), ("8.", 0, "восемь")],
        id="start-and-value",
    ),
    pytest.param(
        '<ol type="a"><li>альфа</li></ol><ol type="I"><li>раздел</li><li>ещё</li></ol>',
        [("a.", 0, "альфа"), ("I.", 0, "раздел"), ("II.", 0, "ещё")],
        id="type",
    ),
    pytest.param(
        '<ol style="list-style-type: lower-roman"><li>один</li><li>два</li></ol>',
        [("i.", 0, "один"), ("ii.", 0, "два")],
        id="css-type",
    ),
    pytest.param(
        "<ol><li>Комитету:<ol><li>первое</li><li>второе</li></ol></li><li>Союзу:<ol><li>третье</li></ol></li></ol>",
        TWO_ADDRESSEES,
        id="nested-decimal-numbered-after-its-point",
    ),
    pytest.param(
        "<ol><li>Комитету:</li></ol><p><br></p><ol><ol><li>первое</li></ol></ol>"
        '<ol><ol start="2"><li>второе</li></ol></ol><ol start="2"><li>Союзу:</li></ol>'
        "<ol><ol><li>третье</li></ol></ol>",
        TWO_ADDRESSEES,
        id="libreoffice-multilevel-ol-in-ol",
    ),
    pytest.param(
        '<ol><li>пункт<ol type="a"><li>буква</li></ol></li></ol><ul><li>точка<ol><li>номер</li></ol></li></ul>',
        [("1.", 0, "пункт"), ("a.", 1, "буква"), ("•", 0, "точка"), ("1.", 1, "номер")],
        id="letters-and-lists-under-bullets-not-compounded",
    ),
    pytest.param(
        "<ul><li>диск<ul><li>круг<ul><li>квадрат</li></ul></li></ul></li></ul>",
        [("•", 0, "диск"), ("◦", 1, "круг"), ("▪", 2, "квадрат")],
        id="nested-bullets",
    ),
    pytest.param(
        '<ul style="list-style: none"><li>без маркера</li></ul><ol><li style="list-style-type:none">тоже</li></ol>',
        [(None, 0, "без маркера"), (None, 0, "тоже")],
        id="list-style-none",
    ),
    pytest.param(
        "<p>1. Пункт</p><p>1.1. Подпункт</p><p>а) буква</p><p>- тире</p><p>09.04.2024 г. дата</p>",
        [
            ("1.", 0, "Пункт"),
            ("1.1.", 1, "Подпункт"),
            ("а)", 0, "буква"),
            ("-", 0, "тире"),
            (None, 0, "09.04.2024 г. дата"),
        ],
        id="typed-numbers-in-p",
    ),
    pytest.param(
        "<p class=MsoListParagraph style='mso-list:l0 level2 lfo1'>"
        "<span style='mso-list:Ignore'>2.<span>&nbsp;&nbsp; </span></span>Набрано Word</p>",
        [("2.", 1, "Набрано Word")],
        id="word-mso-list-level",
    ),
    pytest.param(
        '<style>li { list-style: none }</style><ol><li><p><span style="float:left">1.1.</span>Ярлык</p>'
        '</li></ol><ul><li><p><span style="display:block;float:left">--</span>двойное тире</p></li>'
        '<li><p><span style="float:left">\uf0b7\uf0b7</span>символ</p></li></ul>',
        [("1.1.", 0, "Ярлык"), ("-", 0, "двойное тире"), ("·", 0, "символ")],
        id="xhtml-floated-labels",
    ),
]


@pytest.mark.parametrize(("body", "expected"), LISTS)
def test_lists(body: str, expected: list[tuple[str | None, int, str]]) -> None:
    assert _points(_read(body)) == expected


TEXT = [
    pytest.param("<p>первая<br>вторая</p>", ["первая\nвторая"], id="br-in-paragraph"),
    pytest.param("<p>до<br><br>после</p>", ["до", "", "после"], id="two-br-split"),
    pytest.param("<p>Председатель\tИ.И. Иванов</p>", ["Председатель\tИ.И. Иванов"], id="typed-tab"),
    pytest.param(
        "<p>Исходный\n\t\tтекст с\n    отступами</p>", ["Исходный текст с отступами"], id="source-indentation"
    ),
    pytest.param(
        '<p>Председатель<span style="position:absolute;left:17cm">И.И. Иванов</span></p>',
        ["Председатель\tИ.И. Иванов"],
        id="tab-stop-span",
    ),
    pytest.param(
        "<header><div>Сайт палаты</div><nav><a href='/'>Главная</a></nav></header>"
        "<nav><ul><li>Меню</li></ul></nav><div role='navigation'>Хлебные крошки</div>"
        "<main><article><header><h1>РЕШЕНИЕ</h1></header><p>Текст</p><aside>Врезка</aside></article>"
        "<aside>Новости сайта</aside></main><footer>© Палата</footer>",
        ["РЕШЕНИЕ", "Текст", "Врезка"],
        id="page-chrome",
    ),
    pytest.param(  # a CMS names its menus by class, not by tag; a list of links is a menu
        "<div class='top-menu'><ul><li><a href='/'>Главная</a></li><li><a href='/d'>Документы</a></li></ul></div>"
        "<div id='left_sidebar'>Последние новости</div>"
        "<div class='page-with-sidebar'><h1>РЕКОМЕНДАЦИИ</h1>"
        "<p>Участники заседания рекомендуют органам местного самоуправления района:</p>"
        "<ul><li>провести мониторинг доступности объектов социальной инфраструктуры;</li>"
        "<li>разработать <a href='/plan'>план мероприятий</a> на 2030 год.</li></ul></div>"
        "<ul><li><a href='/n1'>Приём граждан</a></li><li><a href='/n2'>Итоги конкурса</a></li></ul>",
        [
            "РЕКОМЕНДАЦИИ",
            "Участники заседания рекомендуют органам местного самоуправления района:",
            "провести мониторинг доступности объектов социальной инфраструктуры;",
            "разработать план мероприятий на 2030 год.",
        ],
        id="named-chrome-and-link-lists",
    ),
    pytest.param(
        "<script>var x = 'скрипт';</script><style>p { color: red }</style><noscript>Включите JS</noscript>"
        '<p hidden>скрыто</p><p style="display:none">тоже</p><p>видно</p>',
        ["видно"],
        id="script-style-hidden",
    ),
]


@pytest.mark.parametrize(("body", "expected"), TEXT)
def test_text(body: str, expected: list[str]) -> None:
    assert [p.text for p in _read(body).paragraphs()] == expected


STYLES = [
    pytest.param("<h2>Заголовок</h2>", (True, False, False), id="heading-bold"),
    pytest.param('<p align="center"><b>Центр</b></p>', (True, True, False), id="align-and-b"),
    pytest.param("<center><strong>Центр</strong></center>", (True, True, False), id="center-strong"),
    pytest.param(
        '<p style="text-align: center; font-weight: 700; text-transform: uppercase">т</p>',
        (True, True, True),
        id="inline-css",
    ),
    pytest.param(
        '<p class="P3"><span class="T1">Класс</span></p>',
        (True, True, False),
        id="stylesheet-classes",
    ),
    pytest.param('<p class="P3">Класс</p>', (False, True, False), id="stylesheet-important"),
    pytest.param("<p>обычный <b>частично</b></p>", (False, False, False), id="part-bold-is-not-bold"),
]
SHEET = (
    "<style>.P3 { text-align:center ! important; } span.T1 { font-weight:bold; } div p { color: red }</style>"
)


@pytest.mark.parametrize(("body", "expected"), STYLES)
def test_styles(body: str, expected: tuple[bool, bool, bool]) -> None:
    paragraph = _read(body, head=SHEET).paragraphs()[0]
    assert (paragraph.bold, paragraph.centered, paragraph.caps) == expected


def test_stylesheet_reads_simple_selectors_only() -> None:
    sheet = StyleSheet()
    sheet.add(
        "/* comment { x } */ @media print { p { display: none } } @import url(x.css);"
        "p, .A { text-align: center } td.B { border: 1px solid } div p { font-weight: bold } a:hover { x: y }"
    )
    assert sheet.by_tag == {"p": {"text-align": "center"}}
    assert sheet.by_class == {("", "A"): {"text-align": "center"}, ("td", "B"): {"border": "1px solid"}}
    assert declarations("Font-Weight: BOLD !important; junk") == {"font-weight": "bold"}


def _table(body: str) -> Table:
    return _read(body).tables()[0]


def test_table_header_spans_and_merges() -> None:
    table = _table(
        '<table border="1"><thead><tr><th>№</th><th colspan="2">Мероприятие и срок</th></tr></thead>'
        '<tbody><tr><td rowspan="2">1</td><td>Первое<br>строка</td><td>2023</td></tr>'
        "<tr><td>Второе</td><td>2024</td></tr></tbody></table>"
    )
    assert not table.borderless
    assert [[(c.text, c.span, c.merged) for c in row.cells] for row in table.rows] == [
        [("№", 1, False), ("Мероприятие и срок", 2, False)],
        [("1", 1, False), ("Первое\nстрока", 1, False), ("2023", 1, False)],
        [("1", 1, True), ("Второе", 1, False), ("2024", 1, False)],
    ]
    assert [row.header for row in table.rows] == [True, False, False]


@pytest.mark.parametrize(
    ("markup", "borderless"),
    [
        ("<table><tr><td>Председатель</td><td>И.И. Иванов</td></tr></table>", True),
        ('<table border="0" style="border: none"><tr><td>а</td></tr></table>', True),
        ('<table><tr><td style="border: 1px solid #000">а</td></tr></table>', False),
        (
            '<style>.Cell { border: 0.5pt solid #000 }</style><table><tr><td class="Cell">а</td></tr></table>',
            False,
        ),
    ],
)
def test_table_borders(markup: str, borderless: bool) -> None:
    assert _table(markup).borderless is borderless


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ('<meta charset="windows-1251">', "cp1251"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', "koi8_r"),
        ('<meta charset="utf-8">', "utf-8"),
        ("", "cp1251"),
    ],
)
def test_encodings(head: str, encoding: str) -> None:
    layout = _read("<p>Комитету общественных коммуникаций</p>", head=head, encoding=encoding)
    assert layout.paragraphs()[0].text == "Комитету общественных коммуникаций"


def test_xhtml_with_declaration() -> None:
    page = (
        '<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head>'
        '<style>.T1 { font-weight:bold; }</style></head><body><p class="P1"><span class="T1">Союзу</span>'
        '<span class="T1"/></p><p>текст</p></body></html>'
    )
    layout = read_layout(page.encode(), name="page.xhtml")
    assert [(p.text, p.bold) for p in layout.paragraphs()] == [("Союзу", True), ("текст", False)]
    assert all(isinstance(block, Paragraph) for block in layout.blocks)


ACT_LINES = [
    "ПОСТАНОВЛЕНИЕ",
    "",
    "В целях обеспечения безопасности людей на водных объектах ПОСТАНОВЛЯЮ:",
    "",
    "1. Определить место массового отдыха людей у воды на реке Ракитной в районе улицы",
    "Береговой села Ивняки.",
    "2. Специалисту по гражданской обороне и чрезвычайным ситуациям администрации поселения",
    "Осиповой Н.П.:",
    "- в срок до 1 июня 2025 г. установить на необорудованных местах предупреждающие знаки;",
    "- в период с 1 июня по 31 августа 2025 года организовать патрулирование береговой линии.",
    "3. Рекомендовать директору школы Ковалевой Е.А. провести с учащимися занятия по правилам",
    "поведения на воде до 23 мая 2025 года.",
]


def _blocks(source: bytes, name: str) -> list[tuple[str | None, str | None, list[tuple[str | None, str]]]]:
    from resparse.pipeline import extract

    return [
        (
            block.number,
            block.addressee.name if block.addressee else None,
            [(i.number, i.text) for i in block.items],
        )
        for block in extract(source, name=name).recommendations
    ]


def test_a_text_pasted_with_br_line_breaks_reads_as_the_text() -> None:
    """A site's editor keeps a pasted text's lines as <br>: read as a text file's lines."""
    page = "<html><body><div>" + "<br>\n".join(ACT_LINES) + "</div></body></html>"
    expected = _blocks("\n".join(ACT_LINES).encode(), "act.txt")
    assert (
        expected[1][1]
        == "Специалист по гражданской обороне и чрезвычайным ситуациям администрации поселения Осипова Н.П."
    )
    assert [len(items) for _, _, items in expected] == [1, 2, 1]
    assert _blocks(page.encode(), "act.html") == expected


def test_a_text_set_a_paragraph_a_line_is_joined_back() -> None:
    """Each line of a hard-wrapped text as its own <p>: the lines filling the width run on."""
    page = "<html><body>" + "".join(f"<p>{line}</p>" for line in ACT_LINES if line) + "</body></html>"
    assert _blocks(page.encode(), "act.html") == _blocks("\n".join(ACT_LINES).encode(), "act.txt")
