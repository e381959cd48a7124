"""What makes reading fast must not change what is read: the styles kept between documents of one
template, the per-style and per-word memos, the capitals check and a unit's remembered clean text."""

from __future__ import annotations

import dataclasses

import pytest
from test_extract_docx import p, package, read

from resparse import markers
from resparse.extract.docx import styles as docx_styles
from resparse.extract.docx.package import Package
from resparse.extract.sniff import sniff
from resparse.layout import Paragraph
from resparse.limits import Limits
from resparse.markers import marker_depth
from resparse.structure import morph, units

CENTRED = '<w:style w:type="paragraph" w:styleId="T"><w:name w:val="Title"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>'
LEFT = '<w:style w:type="paragraph" w:styleId="T"><w:name w:val="Title"/><w:pPr><w:jc w:val="left"/></w:pPr></w:style>'


def _styles_of(data: bytes) -> docx_styles.Styles:
    return docx_styles.read_styles(Package(data, Limits()), "word/styles.xml")


def test_documents_of_one_template_share_one_parse_of_their_styles() -> None:
    first, second = package(p("А", style="T"), styles=CENTRED), package(p("Б", style="T"), styles=CENTRED)
    assert _styles_of(first) is _styles_of(second)


def test_documents_whose_styles_differ_are_never_mixed_up() -> None:
    centred, left = (
        package(p("Заголовок", style="T"), styles=CENTRED),
        package(p("Заголовок", style="T"), styles=LEFT),
    )
    for _ in range(2):  # both orders, both from the cache the second time
        assert read(centred).paragraphs()[0].centered is True
        assert read(left).paragraphs()[0].centered is False


def test_the_styles_kept_are_bounded() -> None:
    for index in range(docx_styles.STYLES_CACHE + 3):
        extra = f'<w:style w:type="paragraph" w:styleId="S{index}"><w:name w:val="S{index}"/></w:style>'
        _styles_of(package(p("А"), styles=CENTRED + extra))
    assert len(docx_styles._PARSED) == docx_styles.STYLES_CACHE


def test_a_part_past_the_limit_is_refused_before_the_styles_cache_sees_it() -> None:
    data = package(p("А", style="T"), styles=CENTRED + " " * 5000)
    from resparse.errors import LimitExceededError

    with pytest.raises(LimitExceededError, match=r"word/styles\.xml expands beyond the 4000 bytes limit"):
        read(data, Limits(max_part_bytes=4000))


@pytest.mark.parametrize(
    ("text", "capitals"),
    [
        ("ПОСТАНОВЛЕНИЕ", True),
        ("О МЕРАХ 2024 г.", False),
        ("Постановление", False),
        ("2024 — 15", False),
        ("", False),
        ("ПЛАН-ГРАФИК «ДОРОЖНАЯ КАРТА»", True),
        ("ПЛАН ⓐ", True),  # a circled letter is no letter (str.isalpha), as before
    ],
)
def test_capitals_as_before(text: str, capitals: bool) -> None:
    letters = [ch for ch in text if ch.isalpha()]
    assert markers.capitals(text) is capitals is (bool(letters) and all(ch.isupper() for ch in letters))


def test_a_unit_recomputes_its_clean_text_after_its_text_changes() -> None:
    unit = units.Unit(text="Рекомендовать\tорганам")
    assert unit.clean == "Рекомендовать органам"
    unit.text = f"{unit.text}\n местного  самоуправления"
    assert unit.clean == "Рекомендовать органам местного самоуправления"
    copy = dataclasses.replace(unit, text="иное")
    assert copy.clean == "иное"
    assert copy == units.Unit(text="иное")  # the memo takes no part in equality


@pytest.mark.parametrize(
    "word", ["обеспечить", "Обеспечить", "и", "на", "стали", "рекомендовано", "ГБУ", "СОВЕТ", "заведующим"]
)
def test_morphology_memos_answer_as_the_analyser(word: str) -> None:
    found = morph.parses(word.lower())
    top = found[0] if found else None
    assert morph.best_pos(word) == (top.tag.POS if top else None)
    assert morph.is_infinitive(word) == (top is not None and top.tag.POS == "INFN")
    assert morph.is_function_word(word) == (top is not None and top.tag.POS in {"PREP", "CONJ", "PRCL"})
    predicate = top is not None and top.tag.POS in {"VERB", "ADJS", "PRTS", "PRED"} and top.score >= 0.3
    assert morph.is_predicate(word) == predicate
    assert morph.is_substantive(word, "ablt") == any("Subx" in x.tag and x.tag.case == "ablt" for x in found)


def test_binary_sniffing_counts_control_bytes_as_before() -> None:
    text = ("Текст документа\r\n\t" * 50).encode()
    assert sniff(text, "a.txt") == "txt"
    from resparse.errors import UnsupportedFormatError

    with pytest.raises(UnsupportedFormatError, match="binary"):
        sniff(b"\x01\x02\x03abc" * 300, "a.txt")


def test_typed_and_automatic_markers_come_out_as_before() -> None:
    layout = read(package(p("1.2. Обеспечить") + p("Текст")))
    first, second = layout.paragraphs()
    assert (first.marker, first.marker_source, first.level, first.text) == (
        "1.2.",
        "typed",
        marker_depth("1.2."),
        "Обеспечить",
    )
    assert first.model_fields_set >= {"marker", "marker_source", "level", "text"}
    assert isinstance(second, Paragraph) and second.marker is None and "marker" not in second.model_fields_set
