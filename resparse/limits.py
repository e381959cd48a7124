"""Resource limits applied while reading untrusted files.

One frozen object travels from the CLI through the readers so that every stage refuses
work beyond the same bounds; each limit has a flag of the same name on the command line.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 200 * MB
    """Largest input file (or archive member) read at all."""
    max_part_bytes: int = 200 * MB
    """Largest decompressed part of a DOCX/ODT package or archive member."""
    max_pages: int = 500
    """Most PDF pages read from one document."""
    seconds_per_document: float = 60.0
    """Wall time one document may take in a batch before it is stopped and reported."""
    max_archive_depth: int = 3
    """How deep archives inside archives are opened."""
    max_archive_members: int = 10_000
    """Most members read from one archive."""


DEFAULT_LIMITS = Limits()
