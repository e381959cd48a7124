"""PDF paragraphs: acts typeset as Word exports them read into the paragraphs they were typed as.

Each case builds a one-page act with :class:`pdfmaker.Sheet` (DejaVu Serif 14 pt, first-line
indent 1.25 cm, justified) and lists the paragraphs a reader must see, as (marker, text).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import pytest

from resparse.extract import pdf as pdf_reader
from resparse.extract.pdf.words import is_tab_gap
from resparse.layout import Layout, SourceInfo
from resparse.limits import DEFAULT_LIMITS

pm = pytest.importorskip("pdfmaker", reason="reportlab is needed to build test PDFs")

LONG = (
    "В целях улучшения санитарного состояния и благоустройства населенных пунктов поселения, "
    "руководствуясь Уставом сельского поселения, постановляю:"
)
POINT_1 = "Объявить с 20 марта по 20 мая 2017 года весенний месячник по благоустройству территории."
POINT_2 = (
    "Рекомендовать руководителям предприятий и организаций всех форм собственности организовать "
    "и провести мероприятия по уборке прилегающих территорий."
)
LAST_POINT = "Контроль за исполнением настоящего распоряжения оставляю за собой."


def sheet() -> Any:
    fonts = pm.cyrillic_serif_font()
    if fonts is None:
        pytest.skip("DejaVu Serif is not installed")
    return pm.Sheet(fonts)


def read(data: bytes) -> Layout:
    info = SourceInfo(path="act.pdf", format="pdf", sha256=hashlib.sha256(data).hexdigest())
    return pdf_reader.read(data, info, DEFAULT_LIMITS)


def paragraphs(layout: Layout) -> list[tuple[str | None, str]]:
    return [(p.marker, " ".join(p.text.split())) for p in layout.paragraphs() if p.text.strip() or p.marker]


# --- the cases ------------------------------------------------------------------------------


def letterhead_in_body_style(s: Any) -> None:
    """Letterhead lines typed with the body style: each short, each at the first-line indent."""
    for line in ("Калужская область", "Медынский район", "Сельское поселение", "«Деревня Михеево»"):
        s.body(line)
    s.centred("П О С Т А Н О В Л Е Н И Е")
    s.row("15.03.2017", "№ 7")
    s.body(LONG)
    s.body(f"1. {POINT_1}")
    s.body(f"2. {POINT_2}")


LETTERHEAD = [
    (None, "Калужская область"),
    (None, "Медынский район"),
    (None, "Сельское поселение"),
    (None, "«Деревня Михеево»"),
    (None, "П О С Т А Н О В Л Е Н И Е"),
    (None, "15.03.2017\t№ 7"),
    (None, LONG),
    ("1.", POINT_1),
    ("2.", POINT_2),
]


def signature_after_a_full_line(s: Any) -> None:
    """The last point happens to reach the right margin; the signature row follows at once."""
    s.body(LONG)
    s.body(f"3. {LAST_POINT}", full=True)
    s.row("Глава администрации", "С.В. Яковлева")


SIGNATURE = [(None, LONG), ("3.", LAST_POINT), (None, "Глава администрации\tС.В. Яковлева")]

CONTROL = (
    "Контроль за исполнением настоящего распоряжения возложить на заместителя главы администрации "
    "сельского поселения по вопросам благоустройства."
)


def signature_after_a_full_sentence(s: Any) -> None:
    """A last line of many words ends a sentence at the margin; the signature row follows."""
    s.body(f"4. {CONTROL}", full=True)
    s.row("Глава района", "И.И. Иванов")


SIGNATURE_LONG = [("4.", CONTROL), (None, "Глава района\tИ.И. Иванов")]


def attachment_heading(s: Any) -> None:
    """ "Приложение 2" over a title line, both at the indent; a body paragraph after them."""
    s.body("Приложение 2")
    s.body("Система программных мероприятий")
    s.body(LONG)


ATTACHMENT = [(None, "Приложение 2"), (None, "Система программных мероприятий"), (None, LONG)]


def title_lines_at_the_indent(s: Any) -> None:
    """A title typed as two body paragraphs: the second wraps, so no break looks forced."""
    s.body("О КОМПЛЕКСНОЙ ПРОГРАММЕ ПРОФИЛАКТИКИ")
    s.body("ПРАВОНАРУШЕНИЙ В Г. САРАТОВЕ НА 2006 - 2008 ГГ. И О МЕРАХ ПО ЕЁ РЕАЛИЗАЦИИ В РАЙОНАХ")
    s.body(LONG)


TITLE_LINES = [
    (None, "О КОМПЛЕКСНОЙ ПРОГРАММЕ ПРОФИЛАКТИКИ"),
    (None, "ПРАВОНАРУШЕНИЙ В Г. САРАТОВЕ НА 2006 - 2008 ГГ. И О МЕРАХ ПО ЕЁ РЕАЛИЗАЦИИ В РАЙОНАХ"),
    (None, LONG),
]


def table_like_lines(s: Any) -> None:
    """Cells of a table pasted as text: one short line each, all at the indent."""
    s.body(LONG)
    for line in ("N п/п", "|", "Мероприятие", "|", "Срок исполнения", "|", "1.", "|", "Создание комиссий"):
        s.body(line)


TABLE_LINES = [
    (None, LONG),
    (None, "N п/п"),
    (None, "|"),
    (None, "Мероприятие"),
    (None, "|"),
    (None, "Срок исполнения"),
    (None, "|"),
    (None, "1."),
    (None, "|"),
    (None, "Создание комиссий"),
]

STAMP = "Утверждена постановлением администрации Кирсановского муниципального округа от 28.12.2024 N 1378"


def approval_stamp(s: Any) -> None:
    """A stamp indented as a whole at the right wraps like any paragraph: it stays one."""
    s.ragged(STAMP, left=s.left + 9 * pm.CM)
    s.space()
    s.centred("ПАСПОРТ муниципальной программы")
    s.body(LONG)


STAMP_CASE = [(None, STAMP), (None, "ПАСПОРТ муниципальной программы"), (None, LONG)]


def wide_bold_title(s: Any) -> None:
    """A centred bold title almost as wide as the measure, then the body at the indent."""
    s.centred("АДМИНИСТРАЦИЯ ГОРОДА РОСТОВА-НА-ДОНУ")
    s.body("ПОСТАНОВЛЕНИЕ")
    s.body(LONG)


WIDE_TITLE = [
    (None, "АДМИНИСТРАЦИЯ ГОРОДА РОСТОВА-НА-ДОНУ"),
    (None, "ПОСТАНОВЛЕНИЕ"),
    (None, LONG),
]


def sparse_justified_line(s: Any) -> None:
    """Three words stretched over a whole line: wide but equal gaps are spaces, not tabs."""
    s.body("3. Руководителям муниципальных профессионально-образовательных учреждений:")
    s.body("- в связи с проведением торжественных мероприятий издать организационные приказы;")


SPARSE = [
    ("3.", "Руководителям муниципальных профессионально-образовательных учреждений:"),
    ("-", "в связи с проведением торжественных мероприятий издать организационные приказы;"),
]


def table_overhanging_the_margins(s: Any) -> None:
    """Ruled tables wider than the text (cell padding) on this page and the next: a full
    line of the paragraph above them is no centred line."""
    s.body(LONG)
    columns = [s.left - 6, s.left + 150, s.right + 6]
    cells = [pm.CellSpec(0, 0, ["1."]), pm.CellSpec(0, 1, ["Мероприятие"])]
    s.maker.table(columns, [s.top + 10, s.top + 40], cells)
    s.maker.page()
    s.maker.table(columns, [60, 90], [pm.CellSpec(0, 0, ["2."]), pm.CellSpec(0, 1, ["Мероприятие"])])


def running_text(s: Any) -> None:
    """Ordinary paragraphs with a red line: nothing to split, nothing to join."""
    s.body(LONG)
    s.body(POINT_2)
    s.body(LAST_POINT)


RUNNING = [(None, LONG), (None, POINT_2), (None, LAST_POINT)]


def date_line_over_the_grounds(s: Any) -> None:
    """ "От 15 марта 2017 года № 7" typed at the margin, the grounds under it: a date line ends
    no sentence, though the next word would have fitted on it."""
    s.centred("Р А С П О Р Я Ж Е Н И Е")
    s.body("От 15 марта 2017 года № 7", indent=0)
    s.body(LONG, indent=0)


DATE_LINE = [(None, "Р А С П О Р Я Ж Е Н И Е"), (None, "От 15 марта 2017 года № 7"), (None, LONG)]


CASES: list[tuple[Callable[[Any], None], list[tuple[str | None, str]]]] = [
    (letterhead_in_body_style, LETTERHEAD),
    (signature_after_a_full_line, SIGNATURE),
    (signature_after_a_full_sentence, SIGNATURE_LONG),
    (attachment_heading, ATTACHMENT),
    (title_lines_at_the_indent, TITLE_LINES),
    (table_like_lines, TABLE_LINES),
    (approval_stamp, STAMP_CASE),
    (wide_bold_title, WIDE_TITLE),
    (sparse_justified_line, SPARSE),
    (table_overhanging_the_margins, [(None, LONG)]),
    (running_text, RUNNING),
    (date_line_over_the_grounds, DATE_LINE),
]


@pytest.mark.parametrize(("build", "expected"), CASES, ids=[build.__name__ for build, _ in CASES])
def test_act_reads_into_its_paragraphs(build: Callable[[Any], None], expected: list[Any]) -> None:
    s = sheet()
    build(s)
    assert paragraphs(read(s.pdf())) == [(marker, text.replace("\t", " ")) for marker, text in expected]


def test_signature_row_keeps_its_tab() -> None:
    s = sheet()
    signature_after_a_full_line(s)
    assert read(s.pdf()).paragraphs()[-1].text == "Глава администрации\tС.В. Яковлева"


def test_wrapped_title_ending_in_a_number_keeps_it() -> None:
    """A lone number as the second line of a title at the top of the page is no page number."""
    s = sheet()
    for line in ("ПОСТАНОВЛЕНИЕ Мэра г. Саратова от 01.06.2006 №", "203"):
        s.maker.centered(s._next(), line, s.left, s.right, size=s.size, bold=True)
    s.body(LONG)
    assert paragraphs(read(s.pdf()))[0] == (None, "ПОСТАНОВЛЕНИЕ Мэра г. Саратова от 01.06.2006 № 203")


@pytest.mark.parametrize(
    ("gap", "gaps", "tab"),
    [
        (83.0, [83.0, 83.4], False),  # three words of a justified line
        (90.0, [3.5, 90.0], True),  # a tab after a word
        (40.0, [40.0, 12.0], False),  # not wide enough with so few gaps
    ],
)
def test_two_gaps_alike_are_spaces(gap: float, gaps: list[float], tab: bool) -> None:
    assert is_tab_gap(gap, gaps, 14) is tab
