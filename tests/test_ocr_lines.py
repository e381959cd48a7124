"""Tesseract's lines kept together: a slanted line's words share one band, junk lines do not."""

from __future__ import annotations

from resparse.extract.pdf.ocr_lines import snap_to_lines
from resparse.extract.pdf.ocr_tool import OcrWord
from resparse.extract.pdf.words import group_lines


def _word(text: str, x0: float, top: float, line: tuple[int, int, int], conf: float = 90.0) -> OcrWord:
    return OcrWord(text, x0, top, x0 + 40, top + 10, conf, line=line)


def _as_dicts(words: list[OcrWord]) -> list[dict[str, object]]:
    return [
        {
            "text": w.text,
            "x0": w.x0,
            "x1": w.x1,
            "top": w.top,
            "bottom": w.bottom,
            "fontname": "OCR",
            "size": 12.0,
        }
        for w in words
    ]


def test_a_rising_line_stays_one_line_and_apart_from_the_next() -> None:
    # each line rises 1.5 pt a word: its right end reaches into the next line's band
    first = [_word(f"a{i}", 50 * i, 100 - 1.5 * i, (1, 1, 1)) for i in range(8)]
    second = [_word(f"b{i}", 50 * i, 112 - 1.5 * i, (1, 1, 2)) for i in range(8)]
    assert len(group_lines(_as_dicts(first + second))) != 2  # by boxes alone they interleave
    lines = group_lines(_as_dicts(snap_to_lines(first + second)))
    assert [line.text for line in lines] == [
        " ".join(f"a{i}" for i in range(8)),
        " ".join(f"b{i}" for i in range(8)),
    ]


def test_a_line_that_swallowed_a_word_of_another_is_left_to_the_boxes() -> None:
    words = [_word("a", 0, 100, (1, 1, 1)), _word("b", 50, 100, (1, 1, 1)), _word("c", 100, 130, (1, 1, 1))]
    assert snap_to_lines(words) == words


def test_a_stamps_marks_are_left_to_the_boxes() -> None:
    words = [_word("me", 0, 100, (2, 1, 1), conf=12), _word("fon", 50, 104, (2, 1, 1), conf=21)]
    assert snap_to_lines(words) == words
