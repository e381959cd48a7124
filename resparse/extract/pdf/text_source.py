"""The text-layer page source: a page's words (lines) and ruled tables, in points.

pdfium gives the words and ruling edges (:mod:`.text_layer`); the edges become table
pieces (:mod:`.tables`), the other words lines (:mod:`.words`). A page without a readable
text layer — only an image, glyphs without a Unicode mapping, private-use glyph soup,
cp1251-as-Latin-1 mojibake — raises :class:`~resparse.errors.NeedsOcrError`; the reader
decides in one place whether OCR reads it instead.
"""

from __future__ import annotations

import re
from typing import Any

from resparse.errors import NeedsOcrError
from resparse.extract.pdf.geometry import Page
from resparse.extract.pdf.grid import ruled_tables
from resparse.extract.pdf.settings import SETTINGS, Settings
from resparse.extract.pdf.tables import build_piece
from resparse.extract.pdf.text_layer import read_page
from resparse.extract.pdf.words import Line, Word, group_lines, make_line

__all__ = ["fix_cid_lines", "read_text_page", "text_is_readable"]

_CID = re.compile(r"\(cid:\d+\)")
_SPACE = re.compile(r"\s+")
_JUNK = re.compile("[\ue000-\uf8ff\ufffd\x00-\x1f]")
"""Private-use glyphs, the replacement character and control characters."""
_NOT_LETTERS = re.compile(r"[\W\d_]")
"""Anything but a letter: a text's letters are counted as the rest (few of these in a text)."""
_LATIN1_LETTERS = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]")
_JUNK_SHARE = 0.3
"""Text with more than this share of junk characters (codes, private-use glyphs) is glyph soup."""
_MOJIBAKE_SHARE = 0.5
"""Text whose letters are this much accented Latin (À–ÿ) is cp1251 read as Latin-1."""


def text_is_readable(text: str) -> bool:
    """Whether extracted text is real text rather than glyph soup.

    Unreadable: mostly ``(cid:NN)`` codes, private-use or replacement characters, control
    characters, or no letters at all next to such junk; also cp1251-as-Latin-1 mojibake
    ("Ðåêîìåíäàöèè"), where accented Latin letters make up most of the letters.
    """
    if "(cid:" not in text and not _JUNK.search(text) and not _LATIN1_LETTERS.search(text):
        return not _SPACE.fullmatch(text or " ")  # no junk, no accented Latin: any character will do
    return weigh_text(text)


def weigh_text(text: str) -> bool:
    """:func:`text_is_readable` counted out in full, without its short cut for clean text."""
    cids = sum(len(code) for code in _CID.findall(text))
    rest = "".join(_CID.sub("", text).split())  # str.split() and re's \s know the same spaces
    bad = cids + len(_JUNK.findall(rest))
    total = cids + len(rest)
    if total == 0:
        return False
    letters = len(rest) - len(_NOT_LETTERS.findall(rest))
    if not letters:
        return bad == 0
    if bad > _JUNK_SHARE * total:
        return False
    return len(_LATIN1_LETTERS.findall(rest)) < _MOJIBAKE_SHARE * letters


def has_letters(text: str) -> bool:
    """Whether readable text holds any letter once undecodable codes are left out."""
    return text_is_readable(text) and any(ch.isalpha() for ch in _CID.sub("", text))


def read_text_page(document: Any, index: int, warnings: list[str], settings: Settings = SETTINGS) -> Page:
    """Page ``index`` (0-based) from its text layer; :class:`NeedsOcrError` when it has none."""
    content = read_page(document, index)
    number = content.number
    result = Page(number=number, width=content.width, height=content.height)
    words = content.words
    if content.rotated_text:
        warnings.append(f"page {number}: vertical or rotated text left out")
    if not words:
        if content.images:
            raise NeedsOcrError("no text layer, only an image")
        return result
    undecoded = False
    if not content.plain:  # else the word reader found the text readable as it is
        if not text_is_readable(" ".join(w["text"] for w in words)):
            raise NeedsOcrError("text layer unreadable")
        words, undecoded = _clean_words(words)
    if undecoded:
        warnings.append(f"page {number}: some characters could not be decoded and were left out")
    table_words = [w for w in words if not _is_cid(w)] if undecoded else words
    for boxes, box in ruled_tables(content.edges):
        piece = build_piece(boxes, table_words, number, box, result.width * result.height, settings)
        if piece is not None:
            result.pieces.append(piece)
    free = words
    if result.pieces:
        taken = set().union(*(piece.taken for piece in result.pieces))  # what piece.holds() asks
        free = [w for w in words if id(w) not in taken]
    lines = group_lines(free, number, settings)
    result.lines = fix_cid_lines(lines) if undecoded else lines
    return result


def _clean_words(words: list[Word]) -> tuple[list[Word], bool]:
    """Strip ``(cid:NN)`` codes pdfium could not map; say whether there were any.

    A word that is nothing but such codes stays as ``(cid:NN)`` for :func:`fix_cid_lines`,
    which knows whether it starts a line (then it is a bullet glyph).
    """
    cleaned: list[Word] = []
    found = False
    for word in words:
        text = word["text"]
        if "(cid:" in text:
            found = True
            if not _CID.fullmatch(text):
                text = _CID.sub("", text)
                word = {**word, "text": text}
            if not text.strip():
                continue
        cleaned.append(word)
    return cleaned, found


def _is_cid(word: Word) -> bool:
    return bool(_CID.fullmatch(word["text"]))


def fix_cid_lines(lines: list[Line]) -> list[Line]:
    """An undecodable glyph opening a line is a bullet ("·"); anywhere else it is dropped."""
    fixed: list[Line] = []
    for line in lines:
        if not any(_is_cid(w) for w in line.words):
            fixed.append(line)
            continue
        head, rest = line.words[0], [w for w in line.words[1:] if not _is_cid(w)]
        if _is_cid(head):
            if not rest:
                continue
            head = {**head, "text": "·"}
        fixed.append(make_line([head, *rest], line.page))
    return fixed
