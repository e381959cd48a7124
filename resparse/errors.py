"""Exceptions raised by resparse.

Every error a user can cause by handing resparse a bad file is an :class:`InputError`;
its message is the plain-words reason printed as ``resparse: FILE: reason``::

    ResparseError
    ├── InputError                 the file cannot be read as a document
    │   ├── EmptyFileError         zero bytes, or no text at all
    │   ├── UnsupportedFormatError not a format resparse reads ("looks like PNG")
    │   ├── CorruptFileError       truncated or damaged DOCX/PDF/archive
    │   ├── EncryptedFileError     password-protected PDF or DOCX
    │   ├── LimitExceededError     a size, page, nesting or time limit was hit
    │   ├── ToolMissingError       an external converter (LibreOffice, Tesseract) is absent
    │   └── NeedsOcrError          a PDF (page) without a readable text layer: a scan
    └── GrammarError               a rule file in grammars/ is malformed
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class ResparseError(Exception):
    """Base of everything resparse raises on purpose."""


class InputError(ResparseError):
    """The input cannot be read as a document; the message says why, in plain words."""


class EmptyFileError(InputError):
    pass


class UnsupportedFormatError(InputError):
    pass


class CorruptFileError(InputError):
    pass


class EncryptedFileError(InputError):
    pass


class LimitExceededError(InputError):
    pass


class ToolMissingError(InputError):
    pass


class NeedsOcrError(InputError):
    """A PDF page (or every page) has no readable text layer: only OCR can read it.

    The PDF reader raises it per page and decides there, in one place, whether to OCR;
    it reaches the user only when OCR is off ("never") and no page had text.
    """


class GrammarError(ResparseError):
    pass


def printable(name: str) -> str:
    """A name or reason for a message, every non-printable character escaped (``\\x1b``):
    a hostile file name cannot drive the terminal or break the line."""
    if name.isprintable():
        return name
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in name)


def terminal_text(text: str) -> str:
    """Document text for a terminal view: control characters (ESC, BEL, C1) and bidirectional
    overrides escaped; tabs, line breaks, no-break spaces and the rest kept."""
    return _CONTROLS.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)
