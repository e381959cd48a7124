"""Tar archives (plain, or inside gzip/bzip2/xz) for :mod:`resparse.batch.inputs`: one pass, in memory.

Special members (links, devices, FIFOs) are skipped with a note, never followed; a long-name or
extended header past :data:`MAX_TAR_HEADER_BYTES` stops the archive before tarfile reads it whole.
"""

from __future__ import annotations

import tarfile
from collections.abc import Iterator
from typing import BinaryIO

from resparse.batch.items import (
    Broken,
    Budget,
    Item,
    Skipped,
    WalkOptions,
    is_junk_name,
    read_capped,
    readable,
    size_words,
    too_big,
)
from resparse.errors import LimitExceededError, printable

MAX_TAR_HEADER_BYTES = 1024 * 1024
"""Largest GNU long name or pax extended header read from a tar. tarfile reads such a header
whole into memory before it yields the member, so a few bytes of tar could declare a name of
gigabytes; real ones are a few hundred bytes (PATH_MAX is 4,096)."""
_LONG_HEADERS = frozenset(
    {
        tarfile.GNUTYPE_LONGNAME,
        tarfile.GNUTYPE_LONGLINK,
        tarfile.XHDTYPE,
        tarfile.XGLTYPE,
        tarfile.SOLARIS_XHDTYPE,
    }
)


_TAR_SPECIAL = {
    tarfile.SYMTYPE: "a symbolic link",
    tarfile.LNKTYPE: "a hard link",
    tarfile.CHRTYPE: "a character device",
    tarfile.BLKTYPE: "a block device",
    tarfile.FIFOTYPE: "a FIFO",
}


def tar_members(
    stream: BinaryIO, kind: str, source: str, options: WalkOptions, budget: Budget | None = None
) -> Iterator[tuple[str, bytes] | Item]:
    """Stream mode (``r|``): one pass, no seeking, so it also works inside gzip/bzip2/xz streams."""
    cap = options.limits.max_part_bytes
    with tarfile.open(fileobj=stream, mode="r|", tarinfo=_CappedTarInfo) as archive:
        for info in archive:
            name = _tar_name(info.name)
            shown = f"{source}!{printable(name)}"
            if info.isdir() or is_junk_name(name):
                continue
            if not info.isreg():
                what = _TAR_SPECIAL.get(info.type, "a special file")
                yield Skipped(shown, f"skipped {what} (not followed)")
                continue
            if info.size > cap:
                yield Broken(shown, too_big(cap))
                continue
            member = archive.extractfile(info)
            if member is None:
                continue
            with member:
                yield name, read_capped(member, cap)  # type: ignore[arg-type]


class _CappedTarInfo(tarfile.TarInfo):
    """A tar header that refuses a long-name or extended header past :data:`MAX_TAR_HEADER_BYTES`."""

    def _proc_member(self, tarfile: tarfile.TarFile) -> tarfile.TarInfo:  # type: ignore[override]
        if self.type in _LONG_HEADERS and self.size > MAX_TAR_HEADER_BYTES:
            raise LimitExceededError(
                f"tar has a {size_words(self.size)} long-name or extended header, more than the "
                f"{size_words(MAX_TAR_HEADER_BYTES)} limit (not read)"
            )
        return super()._proc_member(tarfile)  # type: ignore[misc]


def _tar_name(name: str) -> str:
    return readable(name)
