"""A text page's characters → words, asking pdfium as little as it can.

The page's text comes in one call; it splits at spaces (real ones and those pdfium
inferred) and line ends into *runs*. Only each run's first and last characters are then
asked about — whether they have a Unicode mapping, which text object holds them (its font,
size and angle, once per object), their loose boxes — in one batch per page through
prototypes that skip ctypes' per-argument conversion (:mod:`.calls`). A run is one word
when its ends share a style and a line and it is no wider than its characters can be: the
first character's box gives ``x0`` and ``top``, the last one's ``x1``. Otherwise (a change
of font inside, a jump, an undecodable glyph, pdfium's line-end hyphen mark) the run is read
character by character with pdfplumber's word rule (:func:`_begins_word`).

A hyphen pdfium marked as a line-end break comes back as "-"; a glyph without a Unicode
mapping becomes ``(cid:NN)``, like pdfminer writes it, so the reader's readability rules
apply. Boxes are in points from the page's top-left corner: ``x0``, ``x1`` from the glyph's
advance, ``top`` from the font's ascent, ``bottom = top + size``.
"""

from __future__ import annotations

import ctypes
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import add
from typing import Any, NamedTuple

import pypdfium2.raw as pdfium_c

from resparse.extract.pdf.calls import bare
from resparse.extract.pdf.settings import SETTINGS

__all__ = ["PageWords", "read_words"]

Word = dict[str, Any]

_FONT_NAME_BUFFER = 256
_HYPHEN_MARK = 0x02
"""pdfium's code for a hyphen it saw at a line end."""
_BOX_FLOATS = 4
"""An ``FS_RECTF`` is four floats: left, top, right, bottom."""
_BOX_BYTES = ctypes.sizeof(pdfium_c.FS_RECTF)


_loose_box = bare(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
_map_error = bare(pdfium_c.FPDFText_HasUnicodeMapError, ctypes.c_int)
_text_object = bare(pdfium_c.FPDFText_GetTextObject, ctypes.c_size_t)
"""Its result as a plain address (0 for none): a cheap dictionary key per text object."""
_unicode = bare(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint)
_angle = bare(pdfium_c.FPDFText_GetCharAngle, ctypes.c_float)
_font_size = bare(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_font_of = bare(pdfium_c.FPDFTextObj_GetFont, ctypes.c_void_p)
_font_weight = bare(pdfium_c.FPDFFont_GetWeight, ctypes.c_int)
_base_font_name = bare(pdfium_c.FPDFFont_GetBaseFontName, ctypes.c_size_t)

_GAP = re.compile(r"([\s\x01\x03-\x1f]+)")
"""What separates runs: spaces (real ones and those pdfium inferred) and line ends;
``\x00`` (a glyph without a code) and ``\x02`` (pdfium's line-end hyphen mark) stay in runs."""
_SURROGATE = re.compile("[\ud800-\udfff]")
_FFFE = re.compile("\ufffe")
_SUSPECT = re.compile("[\ue000-\uf8ff\ufffd\x00\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]")
"""What may make a page's words unreadable (see :func:`.text_source.text_is_readable`):
private-use glyphs, the replacement character, a glyph without a code, accented Latin. The
other control characters only ever separate words, and pdfium's \x02 hyphen becomes "-"."""

_Char = tuple[str, float, float, float, float]
"""text, x0, x1, top, bottom"""


class _Style(NamedTuple):
    font: str
    size: float
    upright: bool


@dataclass
class _Probe:
    """What pdfium says about some characters, in the order they were asked for."""

    errors: list[int]
    """Non-zero where a character has no Unicode mapping."""
    objects: list[int]
    """The address of the text object holding each character (0: none, pdfium made it up)."""
    boxes: list[float]
    """Loose boxes, four floats each: left, top, right, bottom in PDF space."""


@dataclass
class PageWords:
    words: list[Word]
    """In content-stream order."""
    rotated: bool
    """Some text was not upright (and is left out)."""
    plain: bool
    """No word holds a ``(cid:NN)`` code, junk (private-use or replacement characters) or an
    accented Latin letter: the text is readable as it is, with nothing to clean (the reader's
    readability check, asked of the page's text in the same pass)."""


def read_words(textpage: Any, origin: tuple[float, float]) -> PageWords:
    """The page's words, and what the reader needs to know about them."""
    return _Words(textpage, origin).read()


class _Words:
    """One text page being read into words (the styles and fonts it met are cached)."""

    def __init__(self, textpage: Any, origin: tuple[float, float]) -> None:
        self.textpage = textpage
        self.handle = ctypes.cast(textpage, ctypes.c_void_p)
        self.left, self.top_edge = origin
        self.styles: dict[int, _Style] = {}
        self.fonts: dict[int, str] = {}
        self.words: list[Word] = []
        self.rotated = False
        self.undecoded = False

    def read(self) -> PageWords:
        text = _page_text(self.textpage, self.handle)
        starts, ends, runs = _runs(text)
        # each run's first character, then the last one of each run longer than one
        longer = [end - 1 for start, end in zip(starts, ends, strict=True) if end - start > 1]
        probe = self.probe(starts + longer)
        last = len(runs)  # where the next longer run's last character sits in ``probe``
        for first, (start, end, run) in enumerate(zip(starts, ends, runs, strict=True)):
            if not self._whole(first, last, start, end, run, probe):
                self._by_char(start, end, run)
            last += end - start > 1
        plain = not self.undecoded and "(cid:" not in text and not _SUSPECT.search(text)
        return PageWords(words=self.words, rotated=self.rotated, plain=plain)

    def probe(self, indices: Sequence[int]) -> _Probe:
        """Ask pdfium about the characters at ``indices``, each question in one sweep."""
        count = len(indices)
        errors = list(map(_map_error, repeat(self.handle, count), indices))
        objects = list(map(_text_object, repeat(self.handle, count), indices))
        boxes, targets = _box_buffer(count)
        list(map(_loose_box, repeat(self.handle, count), indices, targets))
        return _Probe(errors=errors, objects=objects, boxes=boxes[: _BOX_FLOATS * count])

    def style(self, address: int, index: int) -> _Style:
        """The style of text object ``address``, read from character ``index`` the first time."""
        current = self.styles.get(address)
        if current is None:
            angle = _angle(self.handle, index)  # radians; -1 when unknown
            font = _font_of(ctypes.c_void_p(address)) if address else None
            current = self.styles[address] = _Style(
                font=_font_name(font, self.fonts) if font else "",
                size=round(_font_size(self.handle, index), 2),
                upright=not 0.01 < angle < 6.27,
            )
        return current

    def _whole(self, first: int, last: int, start: int, end: int, text: str, probe: _Probe) -> bool:
        """Add the run as one word when it plainly is one; False when it needs a closer look.

        ``first`` and ``last`` are where the run's end characters sit in ``probe`` (a run of
        one character has only ``first``). The common case runs for every word of every page,
        so it is spelt out flat.
        """
        if "\x00" in text or "\x02" in text or probe.errors[first]:
            return False
        styles, address = self.styles, probe.objects[first]
        style = styles.get(address) or self.style(address, start)
        single = end - 1 == start
        if not single:
            other = probe.objects[last]
            if other != address and (styles.get(other) or self.style(other, end - 1)) != style:
                return False
            if probe.errors[last]:
                return False
        if not style.upright:
            self.rotated = True
            return True
        boxes, b, left, top_edge = probe.boxes, _BOX_FLOATS * first, self.left, self.top_edge
        x0, x1, top = boxes[b] - left, boxes[b + 2] - left, top_edge - boxes[b + 1]
        if not single:
            b = _BOX_FLOATS * last
            last_x0, x1 = boxes[b] - left, boxes[b + 2] - left
            if (
                last_x0 < x0
                or abs(top_edge - boxes[b + 1] - top) > SETTINGS.char_y_tolerance
                or x1 - x0 > SETTINGS.word_run_em * style.size * len(text)
            ):
                return False
        size = style.size
        self.words.append(
            {
                "text": text,
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": top + size,
                "fontname": style.font,
                "size": size,
                "upright": True,
            }
        )
        return True

    def _by_char(self, start: int, end: int, text: str) -> None:
        probe = self.probe(range(start, end))
        chars: list[_Char] = []
        style: _Style | None = None
        for k, index in enumerate(range(start, end)):
            code = ord(text[k])
            if probe.errors[k] or code == 0:
                glyph = f"(cid:{code})"
                self.undecoded = True
            else:
                glyph = "-" if code == _HYPHEN_MARK else chr(code)
            current = self.style(probe.objects[k], index)
            if not current.upright:
                self.rotated = True
                self._flush(chars, style)
                continue
            b = _BOX_FLOATS * k
            x0, x1, top = (
                probe.boxes[b] - self.left,
                probe.boxes[b + 2] - self.left,
                self.top_edge - probe.boxes[b + 1],
            )
            char = (glyph, x0, x1, top, top + current.size)
            if chars and (current != style or _begins_word(chars[-1], char)):
                self._flush(chars, style)
            style = current
            chars.append(char)
        self._flush(chars, style)

    def _flush(self, chars: list[_Char], style: _Style | None) -> None:
        if chars and style is not None:
            text = "".join(c[0] for c in chars)
            x1, top, bottom = max(c[2] for c in chars), min(c[3] for c in chars), max(c[4] for c in chars)
            self.words.append(_word(text, chars[0][1], x1, top, bottom, style))
        chars.clear()


class _Buffer(threading.local):
    """Room for loose boxes, with a pointer to each, kept between pages (one per thread)."""

    def __init__(self) -> None:
        self.boxes: Any = None
        self.targets: list[Any] = []


_BUFFER = _Buffer()


def _box_buffer(count: int) -> tuple[Any, list[Any]]:
    """A float array for ``count`` boxes (or more) and pointers to its boxes."""
    if _BUFFER.boxes is None or len(_BUFFER.targets) < count:
        size = max(count, 2 * len(_BUFFER.targets))
        _BUFFER.boxes = (ctypes.c_float * (_BOX_FLOATS * size))()
        _BUFFER.targets = [ctypes.byref(_BUFFER.boxes, _BOX_BYTES * k) for k in range(size)]
    return _BUFFER.boxes, _BUFFER.targets


def _word(text: str, x0: float, x1: float, top: float, bottom: float, style: _Style) -> Word:
    return {
        "text": text,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "fontname": style.font,
        "size": style.size,
        "upright": True,
    }


def _runs(text: str) -> tuple[list[int], list[int], list[str]]:
    """Where each run between gaps starts and ends in ``text``, and its text, in order."""
    parts = _GAP.split(text)  # run, gap, run, …, run: the first and the last may be empty
    offsets = [0, *accumulate(map(len, parts))]
    starts, runs = offsets[0::2], parts[0::2]
    if not runs[-1]:
        del starts[-1], runs[-1]
    if runs and not runs[0]:
        del starts[0], runs[0]
    return starts, list(map(add, starts, map(len, runs))), runs


def _page_text(textpage: Any, handle: Any) -> str:
    """The page's text, one character per pdfium character index, fetched in one call where that lines up."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return ""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    text = ctypes.string_at(buffer, 2 * count).decode("utf-16-le", "surrogatepass")
    # pdfium writes surrogate pairs for astral characters: then one code is no longer one
    # character, so ask one by one.
    if written != count + 1 or len(text) != count or _SURROGATE.search(text):
        return "".join(map(chr, map(_unicode, repeat(handle, count), range(count))))
    if "\ufffe" in text:  # what it writes for its line-end hyphen mark: ask those alone
        text = _FFFE.sub(lambda found: chr(_unicode(handle, found.start())), text)
    return text


def _begins_word(previous: _Char, char: _Char) -> bool:
    """pdfplumber's test: the character goes back, jumps ahead, or sits on another line."""
    _, x0, _, top, _ = char
    _, previous_x0, previous_x1, previous_top, _ = previous
    return (
        x0 < previous_x0
        or x0 > previous_x1 + SETTINGS.char_x_tolerance
        or abs(top - previous_top) > SETTINGS.char_y_tolerance
    )


def _font_name(font: int, cache: dict[int, str]) -> str:
    name = cache.get(font)
    if name is None:
        handle = ctypes.c_void_p(font)
        buffer = ctypes.create_string_buffer(_FONT_NAME_BUFFER)
        length = _base_font_name(handle, buffer, ctypes.c_size_t(_FONT_NAME_BUFFER))
        name = buffer.raw[: max(0, min(length, _FONT_NAME_BUFFER) - 1)].decode("utf-8", "replace")
        if _font_weight(handle) >= 600 and "bold" not in name.lower():
            name += "-Bold"  # the weight is known even where the name does not say it
        cache[font] = name
    return name
