"""A web page's encoding: BOM, then UTF-8, the declared charset (when it reads as Russian), cp1251."""

from __future__ import annotations

import codecs
import re

from resparse.extract.text import RUSSIAN_SCORE_MIN, SINGLE_BYTE, best_single_byte, russian_score

_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_PYTHON_CODECS = frozenset({"idna", "punycode", "raw-unicode-escape", "unicode-escape", "undefined"})
"""Codecs Python has for text that no web page is written in: a ``<meta charset>`` naming them is ignored."""


def decode(data: bytes) -> tuple[str, list[str]]:
    """The page's text and any warning: BOM, then UTF-8, the declared charset, cp1251."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), []
    if data.startswith(codecs.BOM_UTF16_BE):
        return data[2:].decode("utf-16-be", errors="replace"), []
    # Valid UTF-8 with non-ASCII bytes is UTF-8 whatever the page claims: Cyrillic in a
    # single-byte code page practically never forms valid UTF-8 sequences.
    declared = declared_charset(data)
    if declared in SINGLE_BYTE and russian_score(_text_of(data, declared)) < RUSSIAN_SCORE_MIN:
        declared = None  # "<meta charset=koi8-r>" over cp1251 bytes: the page is read by detection
        if (detected := best_single_byte(data)) is not None:
            return detected, ["the declared charset does not read as Russian; the encoding was detected"]
    candidates = [c for c in ("utf-8", declared, "cp1251") if c]
    for encoding in dict.fromkeys(candidates):
        try:
            return data.decode(encoding), []
        except (UnicodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace"), ["page encoding unclear; some characters were replaced"]


def _text_of(data: bytes, encoding: str) -> str:
    """The page's words without its markup, to judge how Russian they read."""
    return re.sub(r"<[^>]*>", " ", data.decode(encoding, errors="replace"))


def declared_charset(data: bytes) -> str | None:
    """The Python codec for the charset a ``<meta>`` tag declares, if Python knows it."""
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
        b"x".decode(name, "replace")  # "hex", "rot13", "base64": codecs Python has, not for text
    except (LookupError, UnicodeError, ValueError):
        return None
    if name in _PYTHON_CODECS:
        return None
    # A page saved as UTF-16 cannot declare itself in ASCII bytes; trust the bytes instead.
    return None if name.startswith("utf-16") or name.startswith("utf-32") else name
