"""What walking the inputs yields, and the pure helpers for the names it shows.

* :class:`Found` — a document to convert (bytes in memory, or a path on disk for top-level
  files so that the worker reads them itself);
* :class:`Broken` — something that cannot be read (a damaged archive, a member over a
  limit); it counts as a failed document;
* :class:`Skipped` — something deliberately not read (a symlink in a tar); a warning line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from resparse.errors import printable
from resparse.limits import Limits, size_words
from resparse.limits import read_capped as limits_read_capped

_JUNK_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


_JUNK_FOLDERS = frozenset({"__MACOSX"})


@dataclass(frozen=True)
class Found:
    """A document to convert: ``source`` names it for people and for ``source.path``."""

    source: str
    parts: tuple[str, ...]
    """Path segments relative to the input (folders, archive, member folders, name) for naming the output."""
    data: bytes | None = field(default=None, repr=False)
    path: Path | None = None
    """Set instead of ``data`` for a plain file on disk: the worker reads it, not the walker."""


@dataclass(frozen=True)
class Broken:
    """Something that should have been a document but cannot be read; ``reason`` is one line."""

    source: str
    reason: str


@dataclass(frozen=True)
class Skipped:
    """Something deliberately left alone (a symlink, a device); reported as a warning."""

    source: str
    reason: str


@dataclass(frozen=True)
class InputFile:
    """A regular file found on disk among the inputs, not yet opened."""

    path: Path
    source: str
    parts: tuple[str, ...]


Item = Found | Broken | Skipped


@dataclass(frozen=True)
class WalkOptions:
    limits: Limits
    zip_encoding: str | None = None
    """Encoding of ZIP names without the UTF-8 flag; None means cp866 (or UTF-8 when it plainly is)."""


def readable(name: str) -> str:
    """A name that can be printed on one line and written as UTF-8 JSON.

    File systems and tar headers hold bytes; names that are not UTF-8 reach Python with lone
    surrogates (``surrogateescape``), which cannot be encoded. Such bytes are almost always a
    Windows Russian name, so they are read as cp1251.
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        name = name.encode("utf-8", "surrogateescape").decode("cp1251", errors="replace")
    return printable(normalise(name))


def is_junk_name(name: str) -> bool:
    """Word lock files, Finder/Explorer litter and macOS resource forks: never documents."""
    segments = name.replace("\\", "/").split("/")
    base = segments[-1]
    return base.startswith("~$") or base in _JUNK_NAMES or any(s in _JUNK_FOLDERS for s in segments[:-1])


def member_parts(name: str) -> tuple[str, ...]:
    """Split a member name into safe segments: no empty, ``.`` or ``..`` parts, no root."""
    return tuple(s for s in name.replace("\\", "/").split("/") if s.strip() not in ("", ".", ".."))


def one_line(text: str) -> str:
    return " ".join(str(text).split()) or "no details"


def normalise(name: str) -> str:
    """NFC, so that names zipped on macOS (decomposed й, ё) compare and print like the rest."""
    return unicodedata.normalize("NFC", name)


def describe(error: BaseException) -> str:
    text = one_line(str(error)) if str(error) else type(error).__name__
    return text[:200]


class OverBudget(Exception):
    """Raised through nested walks when one input's archives together exceed a total limit;
    the message is the reason."""


@dataclass
class Budget:
    """Members and bytes read so far from one top-level input, across all its nested archives."""

    limit: int
    bytes_limit: int = 2**62
    used: int = 0
    expanded: int = 0

    def take(self) -> None:
        self.used += 1
        if self.used > self.limit:
            raise OverBudget(f"archive has more than {self.limit} members (the rest were not read)")

    def expand(self, size: int) -> None:
        """Bytes really read from a member."""
        self.expanded += size
        if self.expanded > self.bytes_limit:
            raise OverBudget(
                f"archive expands beyond the {size_words(self.bytes_limit)} total limit "
                "(a zip bomb? the rest were not read)"
            )

    def declared(self, sizes: Collection[int], source: str) -> Broken | None:
        """An archive whose members declare more than the total limit is refused whole."""
        total = self.expanded + sum(sizes)
        if total <= self.bytes_limit:
            return None
        return Broken(
            source,
            f"archive members declare {size_words(total)}, more than the {size_words(self.bytes_limit)} "
            "total limit (a zip bomb? not read)",
        )


def read_capped(stream: BinaryIO, cap: int) -> bytes:
    """An archive member read to its end, refused (not truncated) past ``cap`` bytes."""
    return limits_read_capped(stream, cap, too_big(cap))


def too_many(members: int, source: str, options: WalkOptions) -> Broken | None:
    """An archive whose directory lists more members than the limit is refused whole, in one line."""
    limit = options.limits.max_archive_members
    if members <= limit:
        return None
    return Broken(source, f"archive has {members:,} members, more than the {limit:,} limit (not read)")


def too_big(cap: int) -> str:
    return f"archive member expands beyond the {size_words(cap)} limit"
