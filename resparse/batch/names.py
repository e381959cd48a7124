"""Names for messages and output files: derived from the source, never trusted."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from resparse.errors import printable

_MAX_NAME_BYTES = 180
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
)
_UNSAFE_CHARS = frozenset('<>:"/\\|?*')


def one_line(text: str, limit: int = 300) -> str:
    """A reason for a ``resparse: FILE: reason`` line: whitespace collapsed, controls escaped, bounded."""
    flat = printable(" ".join(str(text).split()))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _safe_segment(segment: str) -> str:
    """One path segment with nothing a file system or a terminal could misread."""
    cleaned = "".join(
        "_" if (ch in _UNSAFE_CHARS or not ch.isprintable()) else ch
        for ch in unicodedata.normalize("NFC", segment)
    )
    return cleaned.strip().strip(".").strip()


def output_name(parts: Sequence[str]) -> str:
    """``("archive.zip", "docs", "решение.docx")`` → ``"archive.zip__docs__решение.docx.json"``.

    The source's extension stays, so ``001.docx`` and ``001.pdf`` give ``001.docx.json`` and
    ``001.pdf.json``; empty, ``.``, ``..`` and root segments are dropped, so the result is
    always one plain file name inside OUT.
    """
    pieces = (piece for part in parts for piece in part.replace("\\", "/").split("/"))
    base = "__".join(s for s in (_safe_segment(p) for p in pieces) if s) or "document"
    if base.split(".")[0].upper() in _WINDOWS_RESERVED:
        base = "_" + base
    encoded = base.encode("utf-8")
    if len(encoded) > _MAX_NAME_BYTES:
        import hashlib

        digest = hashlib.sha1(encoded).hexdigest()[:10]
        base = encoded[: _MAX_NAME_BYTES - 11].decode("utf-8", errors="ignore").rstrip(". ") + "-" + digest
    return base + ".json"


class NameAllocator:
    """Hands out unique output names in discovery order: ``a.docx.json``, ``a-2.docx.json``, …

    Only real collisions are numbered (two sources whose names differ only in case or in
    characters a file name cannot hold): case-insensitively, because OUT may live on a
    case-insensitive file system. The order of discovery is deterministic, so a ``--resume``
    run assigns the same names again.
    """

    def __init__(self, reserved: Sequence[str] = ()) -> None:
        self._taken: set[str] = {name.casefold() for name in reserved}

    def allocate(self, name: str) -> str:
        candidate, number = name, 1
        while candidate.casefold() in self._taken:
            number += 1
            candidate = _numbered(name, number)
        self._taken.add(candidate.casefold())
        return candidate


def _numbered(name: str, number: int) -> str:
    """``a.docx.json``, 2 → ``a-2.docx.json``; ``README.json``, 2 → ``README-2.json``."""
    base, _, suffix = name.rpartition(".")
    stem, dot, extension = base.rpartition(".")
    if dot and stem and "__" not in extension:
        return f"{stem}-{number}.{extension}.{suffix}"
    return f"{base}-{number}.{suffix}"
