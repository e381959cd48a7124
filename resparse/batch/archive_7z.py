"""7z archives for :mod:`resparse.batch.inputs`: members read into memory under the size cap."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from resparse.batch.items import Broken, Item, Skipped, WalkOptions, describe, is_junk_name, too_big, too_many
from resparse.errors import printable

__all__ = ["members"]


def members(
    stream: BinaryIO, source: str, options: WalkOptions, declared: Callable[[list[int], str], Item | None]
) -> Iterator[tuple[str, bytes] | Item]:
    """7z via py7zr, into memory. Members are extracted in groups of at most ``max_part_bytes``
    (declared) so that a solid archive is not decompressed once per member, yet memory stays bounded."""
    import py7zr
    from py7zr.helpers import get_sanitized_output_path

    cap = options.limits.max_part_bytes
    try:
        archive = py7zr.SevenZipFile(stream, mode="r")
    except py7zr.PasswordRequired:
        yield Broken(source, "archive is password-protected")
        return
    except (py7zr.Bad7zFile, py7zr.exceptions.ArchiveError) as error:
        yield Broken(source, f"damaged 7z archive ({describe(error)})")
        return
    with archive:
        if archive.needs_password():
            yield Broken(source, "archive is password-protected")
            return
        refused = too_many(len(archive.files), source, options)
        if refused is not None:
            yield refused
            return
        wanted: list[tuple[str, str, int]] = []  # (name, key the factory will see, declared size)
        names_seen: set[str] = set()
        for entry in archive.files:
            name: str = entry.filename
            shown = f"{source}!{printable(name)}"
            if entry.is_directory or is_junk_name(name):
                continue
            if entry.is_symlink or entry.is_junction or entry.is_socket:
                yield Skipped(shown, "skipped a symbolic link or special file (not followed)")
                continue
            if name in names_seen:
                yield Skipped(shown, "another member has the same name (skipped)")
                continue
            names_seen.add(name)
            size = int(entry.uncompressed or 0)
            if size > cap:
                yield Broken(shown, too_big(cap))
                continue
            try:
                key = get_sanitized_output_path(name, None).as_posix()
            except (py7zr.Bad7zFile, ValueError):
                yield Broken(shown, "archive member has an unsafe name (not read)")
                continue
            wanted.append((name, key, size))
        refused = declared([size for _, _, size in wanted], source)
        if refused is not None:
            yield refused
            return
        for group in _groups(wanted, cap):
            factory = _CappedFactory(cap)
            archive.reset()
            archive.extract(targets=[name for name, _, _ in group], factory=factory)
            for name, key, _ in group:
                shown = f"{source}!{printable(name)}"
                product = factory.products.get(key)
                if product is None:
                    yield name, b""  # an empty member: py7zr opens no writer for it
                elif product.overflow:
                    yield Broken(shown, too_big(cap))
                else:
                    yield name, product.getvalue()


def _groups(wanted: Iterable[tuple[str, str, int]], budget: int) -> Iterator[list[tuple[str, str, int]]]:
    """Consecutive runs whose declared sizes add up to at most ``budget`` (at least one each)."""
    group: list[tuple[str, str, int]] = []
    total = 0
    for item in wanted:
        if group and total + item[2] > budget:
            yield group
            group, total = [], 0
        group.append(item)
        total += item[2]
    if group:
        yield group


class _CappedWriter:
    """A py7zr writer keeping at most ``cap`` bytes; past that it only notes the overflow."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.overflow = False
        self._buffer = io.BytesIO()

    def write(self, data: bytes | bytearray) -> int:
        if self.overflow:
            return len(data)
        if self._buffer.tell() + len(data) > self.cap:
            self.overflow = True
            self._buffer = io.BytesIO()  # drop what was kept: the member is refused anyway
            return len(data)
        return self._buffer.write(data)

    def read(self, size: int | None = None) -> bytes:
        return b""

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._buffer.tell()

    def flush(self) -> None:
        pass

    def size(self) -> int:
        return self._buffer.tell()

    def close(self) -> None:
        pass

    def seekable(self) -> bool:
        return False

    def getvalue(self) -> bytes:
        return self._buffer.getvalue()


class _CappedFactory:
    """py7zr ``WriterFactory`` (duck-typed) that keeps members in memory under a cap."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.products: dict[str, _CappedWriter] = {}

    def create(self, filename: str) -> _CappedWriter:
        writer = _CappedWriter(self.cap)
        self.products[filename] = writer
        return writer
