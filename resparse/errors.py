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
    │   └── ToolMissingError       an external converter (LibreOffice, Tesseract) is absent
    └── GrammarError               a rule file in grammars/ is malformed
"""

from __future__ import annotations


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


class GrammarError(ResparseError):
    pass
