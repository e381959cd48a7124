"""The PDF word reader's fast paths (resparse/extract/pdf/chars.py) give what the slow ones do.

The reader fetches a page's text once, splits it into runs with one ``re.split``, asks pdfium
about each run's two end characters in batches through argument-less prototypes, and decides
readability from the page's text in the same pass. Each short cut is checked here against the
plain way of doing the same thing.
"""

from __future__ import annotations

import ctypes
import re
import threading
from itertools import pairwise
from pathlib import Path
from typing import Any

import pypdfium2.raw as pdfium_c
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resparse.extract.pdf import chars
from resparse.extract.pdf.settings import SETTINGS
from resparse.extract.pdf.text_layer import open_pdf, read_page
from resparse.extract.pdf.text_source import text_is_readable, weigh_text
from support import SAMPLES

TEXT_PDFS = [path for path in sorted(SAMPLES.glob("*.pdf")) if ".scan." not in path.name]
_WORD = re.compile(r"[^\s\x01\x03-\x1f]+")


def textpages(path: Path) -> list[tuple[Any, Any, Any, tuple[float, float]]]:
    """(document, page, text page, origin) for every page of ``path``."""
    document = open_pdf(path.read_bytes())
    found = []
    for index in range(len(document)):
        page = document[index]
        left, _, _, top = page.get_cropbox()
        found.append((document, page, page.get_textpage(), (left, top)))
    return found


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aб1- \n\r\t\x00\x01\x02\x03\x1f\u00a0\u2028\x1c", max_size=16))
def test_runs_are_the_regex_words(text: str) -> None:
    starts, ends, runs = chars._runs(text)
    assert list(zip(starts, ends, runs, strict=True)) == [
        (m.start(), m.end(), m.group()) for m in _WORD.finditer(text)
    ]


def test_bare_calls_answer_as_pypdfium2_does() -> None:
    _, _, textpage, _ = textpages(SAMPLES / "004_493f23bf5003ad19.pdf")[0]
    raw = textpage.raw
    handle = ctypes.cast(raw, ctypes.c_void_p)
    box, bare_box = pdfium_c.FS_RECTF(), pdfium_c.FS_RECTF()
    count = pdfium_c.FPDFText_CountChars(raw)
    assert count > 1000
    for index in range(count):
        pdfium_c.FPDFText_GetLooseCharBox(raw, index, box)
        chars._loose_box(handle, index, ctypes.byref(bare_box))
        assert (bare_box.left, bare_box.top, bare_box.right, bare_box.bottom) == (
            box.left,
            box.top,
            box.right,
            box.bottom,
        )
        assert chars._map_error(handle, index) == pdfium_c.FPDFText_HasUnicodeMapError(raw, index)
        address = ctypes.cast(pdfium_c.FPDFText_GetTextObject(raw, index), ctypes.c_void_p).value or 0
        assert chars._text_object(handle, index) == address
        assert chars._unicode(handle, index) == pdfium_c.FPDFText_GetUnicode(raw, index)


@pytest.mark.parametrize("path", TEXT_PDFS, ids=lambda p: p.name)
def test_whole_runs_are_the_words_a_character_reading_gives(path: Path) -> None:
    """Taking a run whole is a short cut: read letter by letter, it splits into the same words."""
    for _, _, textpage, origin in textpages(path):
        fast = chars._Words(textpage.raw, origin)
        fast.read()
        slow = chars._Words(textpage.raw, origin)
        text = chars._page_text(slow.textpage, slow.handle)
        for match in _WORD.finditer(text):
            slow._by_char(match.start(), match.end(), match.group())
        assert [w["text"] for w in fast.words] == [w["text"] for w in slow.words]
        for quick, careful in zip(fast.words, slow.words, strict=True):
            # whole, a word's top is its first letter's (read letter by letter, the highest)
            assert quick["x0"] == careful["x0"] and quick["x1"] == pytest.approx(careful["x1"], abs=0.01)
            assert quick["top"] == pytest.approx(careful["top"], abs=SETTINGS.char_y_tolerance)
            assert (quick["fontname"], quick["size"]) == (careful["fontname"], careful["size"])


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Текст", "abc", " ", "\n", "(cid:12)", "\ue001", "\ufffd", "\x00", "Ðåê", "é", "1", "-"]
        ),
        max_size=12,
    ).map("".join)
)
def test_the_readability_short_cut_agrees_with_the_full_count(text: str) -> None:
    assert text_is_readable(text) == weigh_text(text)


@pytest.mark.parametrize("path", TEXT_PDFS, ids=lambda p: p.name)
def test_plain_pages_are_readable_with_nothing_to_clean(path: Path) -> None:
    """A page is plain unless it shows a code, junk or accented Latin (003: Symbol's bullet)."""
    document = open_pdf(path.read_bytes())
    for index in range(len(document)):
        content = read_page(document, index)
        joined = " ".join(word["text"] for word in content.words)
        assert content.plain == (not re.search("[\ue000-\uf8ff]", joined))
        if content.plain:
            assert weigh_text(joined) and "(cid:" not in joined


def test_accented_latin_is_weighed_not_waved_through() -> None:
    pm = pytest.importorskip("pdfmaker")
    maker = pm.PdfMaker()
    maker.text(72, 100, "Café déjà vu à Zürich", size=12)
    document = open_pdf(maker.pdf())
    content = read_page(document, 0)
    assert not content.plain
    assert [w["text"] for w in content.words] == ["Café", "déjà", "vu", "à", "Zürich"]
    assert text_is_readable(" ".join(w["text"] for w in content.words))


def test_box_buffer_grows_and_stays_per_thread() -> None:
    boxes, targets = chars._box_buffer(8)
    assert len(targets) >= 8 and len(boxes) >= 32
    again, _ = chars._box_buffer(4)
    assert again is boxes  # reused between pages
    bigger, more = chars._box_buffer(len(targets) + 1)
    assert len(more) > len(targets) and bigger is not boxes
    other: list[Any] = []
    thread = threading.Thread(target=lambda: other.append(chars._box_buffer(4)[0]))
    thread.start()
    thread.join()
    assert other[0] is not chars._box_buffer(4)[0]


def test_word_boxes_follow_on_within_a_line() -> None:
    """Words of one line come left to right with their boxes in points from the top left."""
    _, page, textpage, origin = textpages(SAMPLES / "001_6d517112406bb0e7.pdf")[0]
    words = chars.read_words(textpage.raw, origin).words
    height = page.get_height()
    assert all(0 <= w["x0"] <= w["x1"] and 0 <= w["top"] < w["bottom"] <= height for w in words)
    same_line = [(a, b) for a, b in pairwise(words) if a["top"] == b["top"]]
    assert same_line and all(b["x0"] >= a["x1"] - 0.5 for a, b in same_line)


def test_a_page_without_text_first_in_its_thread() -> None:
    """No characters to ask about, and no box buffer yet (a fresh thread, a fresh worker)."""
    pm = pytest.importorskip("pdfmaker")
    maker = pm.PdfMaker()
    maker.rect(72, 100, 300, 200)
    document = open_pdf(maker.pdf())
    found: list[Any] = []
    thread = threading.Thread(target=lambda: found.append(read_page(document, 0)))
    thread.start()
    thread.join()
    assert found and found[0].words == [] and found[0].edges
