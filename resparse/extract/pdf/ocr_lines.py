"""Tesseract's own lines kept together: each line's words given one band before grouping.

The one line assembler groups words into lines by the overlap of their boxes
(:func:`.words.group_lines`). On a scan whose skew was not quite undone, a long line's
right end rises into the next line's band and the two merge. Tesseract fits each line
along its slant and numbers it (block, paragraph, line in its TSV): the words of one of
its lines are given the line's median band (:func:`snap_to_lines`), so they overlap each
other fully and the next line not at all. A Tesseract line is trusted only where it
is read with confidence (not a stamp's marks) and smooth: no word jumps up or down from
its left neighbour by more than a share of
the line's height (:attr:`~.Settings.ocr_line_jump`): a line that swallowed a word of the
line above or below is left to the boxes.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from resparse.extract.pdf.ocr_tool import OcrWord
from resparse.extract.pdf.settings import SETTINGS

__all__ = ["snap_to_lines"]


def snap_to_lines(words: Sequence[OcrWord]) -> list[OcrWord]:
    """The words, each of a smooth Tesseract line moved onto its line's median band."""
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    snapped: list[OcrWord] = []
    for word in words:
        if word.line == (0, 0, 0):
            snapped.append(word)  # read without line numbers (a re-read cell)
        else:
            lines.setdefault(word.line, []).append(word)
    for line in lines.values():
        if len(line) < 2 or not _smooth(line):
            snapped.extend(line)
            continue
        top = statistics.median(w.top for w in line)
        bottom = statistics.median(w.bottom for w in line)
        snapped.extend(replace(w, top=top, bottom=bottom) for w in line)
    return snapped


def _smooth(line: Sequence[OcrWord]) -> bool:
    """Tesseract believes in the line, and no word's middle is far above or below its left neighbour's."""
    if statistics.mean(w.conf for w in line) < SETTINGS.ocr_noise_confidence:
        return False  # a stamp's or a pen's marks read as a line
    height = statistics.median(w.bottom - w.top for w in line)
    ordered = sorted(line, key=lambda w: w.x0)
    return all(abs(b.cy - a.cy) <= SETTINGS.ocr_line_jump * height for a, b in pairwise(ordered))
