"""The first page's header (a letterhead set there) above the body, footnotes after it, and the
headers that only number pages left out."""

from __future__ import annotations

from docxmaker import NS, REL, p, package

from resparse.extract import read_layout
from resparse.layout import Paragraph
from resparse.pipeline import extract

RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId7" Type="{REL}/header" Target="header1.xml"/>'
    f'<Relationship Id="rId8" Type="{REL}/header" Target="header2.xml"/>'
    f'<Relationship Id="rId9" Type="{REL}/footnotes" Target="footnotes.xml"/>'
    "</Relationships>"
)
LETTERHEAD = p("МИНИСТЕРСТВО ОБРАЗОВАНИЯ ЗАРЕЧНОЙ ОБЛАСТИ") + p("ПРИКАЗ")
PAGE_NUMBER = (
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
)
BODY = (
    p("12.03.2027 № 45")
    + p("Об итогах олимпиады")
    + '<w:p><w:r><w:t>В целях поддержки одарённых детей</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r>'
    "<w:r><w:t> приказываю:</w:t></w:r></w:p>"
    + p("1. Отделу общего образования подготовить отчёт до 01.04.2027.")
    + p("Министр ⇥ А.А. Сидоров".replace(" ⇥ ", "\t"))
)


def _docx(section: str) -> bytes:
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{BODY}<w:sectPr>{section}'
        "</w:sectPr></w:body></w:document>"
    )
    footnotes = (
        f'<?xml version="1.0"?><w:footnotes {NS}>'
        '<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="1"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        '</w:footnote><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>'
        "<w:r><w:t> Положение утверждено приказом от 01.02.2027 № 9.</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    parts = {
        "word/_rels/document.xml.rels": RELS,
        "word/header1.xml": f'<?xml version="1.0"?><w:hdr {NS}>{LETTERHEAD}</w:hdr>',
        "word/header2.xml": f'<?xml version="1.0"?><w:hdr {NS}>{PAGE_NUMBER}</w:hdr>',
        "word/footnotes.xml": footnotes,
    }
    return package("", document=document, parts=parts)


def _texts(data: bytes) -> list[str]:
    return [b.text for b in read_layout(data, name="act.docx").blocks if isinstance(b, Paragraph)]


def test_a_letterhead_in_the_first_page_header_reads_above_the_body() -> None:
    data = _docx(
        '<w:headerReference w:type="first" r:id="rId7"/><w:headerReference w:type="default" r:id="rId8"/>'
        "<w:titlePg/>"
    )
    texts = _texts(data)
    assert texts[:3] == ["МИНИСТЕРСТВО ОБРАЗОВАНИЯ ЗАРЕЧНОЙ ОБЛАСТИ", "ПРИКАЗ", "12.03.2027 № 45"]
    assert "2" not in texts  # the later pages' header only numbers them
    document = extract(data, name="act.docx")
    assert document.title and document.title.startswith("ПРИКАЗ")
    assert document.date is not None and document.date.isoformat() == "2027-03-12"


def test_without_a_distinct_first_page_the_default_header_is_read_unless_it_only_numbers_pages() -> None:
    assert _texts(_docx('<w:headerReference w:type="default" r:id="rId7"/>'))[:2] == [
        "МИНИСТЕРСТВО ОБРАЗОВАНИЯ ЗАРЕЧНОЙ ОБЛАСТИ",
        "ПРИКАЗ",
    ]
    assert _texts(_docx('<w:headerReference w:type="default" r:id="rId8"/>'))[0] == "12.03.2027 № 45"


def test_footnotes_are_read_after_the_body_with_their_numbers_and_nothing_is_lost() -> None:
    data = _docx("")
    assert _texts(data)[-1] == "1 Положение утверждено приказом от 01.02.2027 № 9."
    document = extract(data, name="act.docx")
    assert "1 Положение утверждено приказом от 01.02.2027 № 9." in document.unparsed
