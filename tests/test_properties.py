"""Property: any layout goes through the structure stage without raising, and every word of
its text reaches the output (nothing is silently dropped)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resparse.emit import to_data
from resparse.layout import Cell, Layout, Paragraph, Row, SourceInfo, Table
from resparse.structure import build_document
from support import missing_words

WORDS = [
    "Комитету",
    "общественных",
    "коммуникаций",
    "области",
    "Организовать",
    "семинары",
    "Рекомендовать",
    "администрации",
    "города",
    "разработать",
    "концепцию",
    "НКО",
    "необходимо",
    "следует",
    "Ежегодно",
    "проводить",
    "квартал",
    "2024",
    "года",
    "до",
    "1",
    "декабря",
    "Председатель",
    "В.П.",
    "Журавлёв",
    "(далее",
    "–",
    "СМИ)",
    "РЕКОМЕНДАЦИИ",
    "РЕЗОЛЮЦИЯ",
    "Выделили",
    "сильные",
    "стороны:",
    "с",
    "привлечением",
    "ресурсных",
    "центров",
    "Союзу",
    "«Ленинградская",
    "палата»",
    "Срок",
    "исполнения",
    "№",
    "Наименование",
    "мероприятия",
    "Исполнитель",
    "09.04.2024",
    "г.",
    ":",
    ";",
    ".",
    ",",
]
MARKERS = [None, None, "1.", "2.", "1.1.", "2)", "а)", "-", "·", "IV."]

text = st.lists(st.sampled_from(WORDS), min_size=0, max_size=10).map(" ".join)
paragraph = st.builds(
    Paragraph, text=text, marker=st.sampled_from(MARKERS), level=st.integers(0, 2), bold=st.booleans()
)
cell = st.builds(Cell, text=text, span=st.integers(1, 2))
row = st.builds(Row, cells=st.lists(cell, min_size=1, max_size=5), header=st.booleans())
table = st.builds(Table, rows=st.lists(row, min_size=1, max_size=6), borderless=st.booleans())
layouts = st.builds(
    Layout,
    source=st.just(SourceInfo(path="generated", format="txt", sha256="0" * 64)),
    blocks=st.lists(st.one_of(paragraph, paragraph, paragraph, table), max_size=15),
)


def _layout_text(layout: Layout) -> str:
    parts: list[str] = []
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            parts.append(block.text)
        else:
            parts.extend(c.text for r in block.rows for c in r.cells)
    return "\n".join(parts)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layouts)
def test_any_layout_gives_a_valid_document_that_keeps_every_word(layout: Layout) -> None:
    document = build_document(layout)
    # Word sets, not counts: a header row repeated in a table is collapsed, as the contract asks.
    assert not missing_words(_layout_text(layout), to_data(document), counts=False)
