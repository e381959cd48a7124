"""Walk batch inputs — files, folders, archives and archives inside archives — in memory.

A batch input is untrusted: an archive may hold a zip bomb, names like ``../../evil``,
symlinks pointing anywhere, or archives nested a hundred deep. So nothing here is ever
unpacked to disk; members are stream-read into memory under :class:`~resparse.limits.Limits`
(decompressed size, member count, nesting depth), and a member's name is only ever *shown*
(``archive.zip!docs/решение.docx``) or turned into an output name by the caller — it is
never used as a path.

Archives are recognised by their bytes, not their names. A DOCX or ODT is a ZIP too, but
a ZIP with ``[Content_Types].xml`` or ``mimetype`` is an office document and is handed on
whole. The walk yields three kinds of items, in a deterministic order:

* :class:`Found` — a document to convert (bytes in memory, or a path on disk for top-level
  files so that the worker reads them itself);
* :class:`Broken` — something that cannot be read (a damaged archive, a member over a
  limit); it counts as a failed document;
* :class:`Skipped` — something deliberately not read (a symlink in a tar); a warning line.
"""

from __future__ import annotations

import bz2
import gzip
import io
import itertools
import lzma
import os
import stat
import tarfile
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from resparse.errors import LimitExceededError, printable
from resparse.limits import MB, Limits, archive_expansion_limit

__all__ = [
    "Broken",
    "Found",
    "InputFile",
    "Item",
    "Skipped",
    "WalkOptions",
    "archive_kind",
    "decode_zip_name",
    "is_junk_name",
    "iter_input_files",
    "member_parts",
    "printable",
    "read_capped",
    "readable",
    "size_words",
    "walk_bytes",
    "walk_file",
    "walk_inputs",
]

UTF8_FLAG = 0x800
"""ZIP general-purpose flag bit 11: the entry's name is UTF-8."""
ENCRYPTED_FLAG = 0x1
DEFAULT_ZIP_ENCODING = "cp866"
"""What Windows' built-in zipper (and most Russian-locale tools) write for names without the flag."""

_JUNK_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
_JUNK_FOLDERS = frozenset({"__MACOSX"})
_CHUNK = 1024 * 1024


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


class _OverBudget(Exception):
    """Raised through nested walks when one input's archives together exceed a total limit;
    the message is the reason."""


@dataclass
class _Budget:
    """Members and bytes read so far from one top-level input, across all its nested archives."""

    limit: int
    bytes_limit: int = 2**62
    used: int = 0
    expanded: int = 0

    def take(self) -> None:
        self.used += 1
        if self.used > self.limit:
            raise _OverBudget(f"archive has more than {self.limit} members (the rest were not read)")

    def expand(self, size: int) -> None:
        """Bytes really read from a member."""
        self.expanded += size
        if self.expanded > self.bytes_limit:
            raise _OverBudget(
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


# ----------------------------------------------------------------------------- pure helpers


def size_words(limit: int) -> str:
    """A byte limit in words ("200 MB"), matching the DOCX reader's messages."""
    if limit >= MB:
        return f"{limit // MB} MB" if limit % MB == 0 else f"{limit / MB:.1f} MB"
    return f"{limit} bytes"


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
    return printable(_normalise(name))


def is_junk_name(name: str) -> bool:
    """Word lock files, Finder/Explorer litter and macOS resource forks: never documents."""
    segments = name.replace("\\", "/").split("/")
    base = segments[-1]
    return base.startswith("~$") or base in _JUNK_NAMES or any(s in _JUNK_FOLDERS for s in segments[:-1])


def member_parts(name: str) -> tuple[str, ...]:
    """Split a member name into safe segments: no empty, ``.`` or ``..`` parts, no root."""
    return tuple(s for s in name.replace("\\", "/").split("/") if s.strip() not in ("", ".", ".."))


def _plausible_utf8(text: str) -> bool:
    """True when every non-ASCII character is Cyrillic or common typography, as in real names."""
    return all(ord(ch) < 128 or "\u0400" <= ch <= "\u04ff" or ch in "№«»—–’“”…" for ch in text)


def decode_zip_name(filename: str, flag_bits: int, encoding: str | None = None) -> str:
    """The real name of a ZIP entry.

    :mod:`zipfile` decodes names without the UTF-8 flag as cp437, which turns Russian names
    written by Windows into box-drawing garbage; re-encoding as cp437 gets the raw bytes back.
    Without an explicit ``encoding``, raw bytes that are valid UTF-8 *and* read as Cyrillic are
    taken as UTF-8 (Linux and macOS zippers often omit the flag), everything else as cp866.
    """
    if flag_bits & UTF8_FLAG:
        return _normalise(filename)
    raw = filename.encode("cp437")
    if encoding:
        return _normalise(raw.decode(encoding, errors="replace"))
    if raw.isascii():
        return filename
    try:
        as_utf8 = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _plausible_utf8(as_utf8):
            return _normalise(as_utf8)
    return raw.decode(DEFAULT_ZIP_ENCODING, errors="replace")


def _is_tar_header(block: bytes) -> bool:
    """A 512-byte block is a tar header if it has the ustar magic or a valid checksum."""
    if len(block) < 512:
        return False
    if block[257:262] == b"ustar":
        return True
    try:
        tarfile.TarInfo.frombuf(block[:512], "utf-8", "surrogateescape")
    except (tarfile.HeaderError, ValueError):
        return False
    return True


def archive_kind(head: bytes) -> str | None:
    """ "zip", "7z", "gzip", "bzip2", "xz", "tar" or None, from the first 512+ bytes."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head.startswith(b"\x1f\x8b\x08"):
        return "gzip"
    if head.startswith(b"BZh") and head[3:4].isdigit() and head[4:10] in (b"1AY&SY", b"\x17rE8P\x90"):
        return "bzip2"
    if head.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    if _is_tar_header(head[:512]):
        return "tar"
    return None


def _is_office_package(names: Collection[str]) -> bool:
    """DOCX/XLSX/PPTX (OPC) and ODF packages are documents, not archives of documents."""
    return "[Content_Types].xml" in names or "mimetype" in names or "word/document.xml" in names


def read_capped(stream: BinaryIO, cap: int) -> bytes:
    """Read a decompressing stream to the end, refusing (not truncating) past ``cap`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(_CHUNK, cap + 1 - size))
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > cap:
            raise LimitExceededError(f"archive member expands beyond the {size_words(cap)} limit")
        chunks.append(chunk)


def _too_many(members: int, source: str, options: WalkOptions) -> Broken | None:
    """An archive whose directory lists more members than the limit is refused whole, in one line."""
    limit = options.limits.max_archive_members
    if members <= limit:
        return None
    return Broken(source, f"archive has {members:,} members, more than the {limit:,} limit (not read)")


def _too_big(cap: int) -> str:
    return f"archive member expands beyond the {size_words(cap)} limit"


def _inner_name(name: str, kind: str) -> str:
    """The name of the one file inside ``report.docx.gz``: the name without the compression suffix."""
    suffixes = {"gzip": (".gz", ".gzip"), "bzip2": (".bz2", ".bzip2"), "xz": (".xz",)}[kind]
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    for suffix in suffixes:
        if base.lower().endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)]
    return base or "data"


def _one_line(text: str) -> str:
    return " ".join(str(text).split()) or "no details"


# ----------------------------------------------------------------------------- the file system


def iter_input_files(
    inputs: Sequence[Path], exclude: Collection[Path] = ()
) -> Iterator[InputFile | Broken | Skipped]:
    """Regular files among ``inputs``, folders walked recursively in sorted order.

    Directory symlinks are not followed (no loops); a file symlink in a folder is read like
    the file it points to only when that file is inside the folder, else skipped with a note:
    nothing outside what was given is read. The same file given twice is read once.
    ``exclude`` (resolved paths) keeps the batch's own output out of its input.
    """
    excluded = {_resolved(p) for p in exclude}
    seen: set[tuple[int, int]] = set()
    for given in inputs:
        source = readable(str(given))
        try:
            info = given.stat()
        except FileNotFoundError:
            yield Broken(source, "no such file")
            continue
        except OSError as error:
            yield Broken(source, _os_reason(error))
            continue
        if stat.S_ISDIR(info.st_mode):
            if _resolved(given) in excluded:
                continue
            yield from _walk_folder(given, excluded, seen)
        elif stat.S_ISREG(info.st_mode):
            if _resolved(given) in excluded or not _first_time(info, seen):
                continue
            yield InputFile(given, source, (readable(given.name),))
        else:
            yield Broken(source, "not a regular file")


def _walk_folder(
    folder: Path, excluded: set[Path], seen: set[tuple[int, int]]
) -> Iterator[InputFile | Broken | Skipped]:
    errors: list[OSError] = []
    inside = _resolved(folder)
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        while errors:
            error = errors.pop()
            yield Broken(readable(str(getattr(error, "filename", root))), _os_reason(error))
        base = Path(root)
        dirs[:] = sorted(d for d in dirs if _resolved(base / d) not in excluded)
        for name in sorted(files):
            path = base / name
            relative = path.relative_to(folder)
            if is_junk_name(relative.as_posix()):
                continue
            shown = readable(str(path))
            try:
                info = path.stat()
            except FileNotFoundError:
                yield Skipped(shown, "broken link (skipped)")
                continue
            except OSError as error:
                yield Broken(shown, _os_reason(error))
                continue
            if not stat.S_ISREG(info.st_mode):
                yield Skipped(shown, "not a regular file (skipped)")
                continue
            if path.is_symlink() and not _resolved(path).is_relative_to(inside):
                yield Skipped(shown, "skipped a symbolic link to a file outside the folder (not followed)")
                continue
            if _resolved(path) in excluded or not _first_time(info, seen):
                continue
            yield InputFile(path, shown, tuple(readable(part) for part in relative.parts))
    while errors:
        error = errors.pop()
        yield Broken(readable(str(getattr(error, "filename", folder))), _os_reason(error))


def _first_time(info: os.stat_result, seen: set[tuple[int, int]]) -> bool:
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "no such file"
    return _one_line(error.strerror or str(error))


# ----------------------------------------------------------------------------- walking


def walk_inputs(
    inputs: Sequence[Path], options: WalkOptions, exclude: Collection[Path] = ()
) -> Iterator[Item]:
    """Everything to convert among ``inputs``: :func:`iter_input_files` then :func:`walk_file`."""
    for entry in iter_input_files(inputs, exclude):
        if isinstance(entry, InputFile):
            yield from walk_file(entry, options)
        else:
            yield entry


def walk_file(file: InputFile, options: WalkOptions) -> Iterator[Item]:
    """One file on disk: a document (left for the worker to read) or an archive walked in memory."""
    try:
        with file.path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            budget = _Budget(options.limits.max_archive_members, archive_expansion_limit(size))
            kind = archive_kind(stream.read(512))
            if kind is None or (kind == "zip" and not _zip_is_archive(stream, file.source)):
                yield Found(file.source, file.parts, path=file.path)
                return
            stream.seek(0)
            walk = _walk_archive(stream, kind, file.source, file.parts, options, 1, budget)
            yield from _budgeted(walk, file.source, budget)
    except OSError as error:
        yield Broken(file.source, _os_reason(error))


def walk_bytes(
    data: bytes, source: str, parts: tuple[str, ...], options: WalkOptions, depth: int = 0
) -> Iterator[Item]:
    """Bytes of a document or an archive; ``depth`` is how many archives they are already inside."""
    budget = _Budget(options.limits.max_archive_members, archive_expansion_limit(len(data)))
    yield from _budgeted(_walk_member(data, source, parts, options, depth, budget), source, budget)


def _budgeted(items: Iterator[Item], source: str, budget: _Budget) -> Iterator[Item]:
    """One member budget for a top-level archive and everything nested inside it."""
    try:
        yield from items
    except _OverBudget as error:
        yield Broken(source, str(error))


def _zip_is_archive(stream: BinaryIO, source: str) -> bool:
    """A ZIP that is not an office package; a damaged ZIP counts as an archive only if named so."""
    try:
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            return not _is_office_package(set(archive.namelist()))
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        return source.lower().endswith(".zip")
    finally:
        stream.seek(0)


_ARCHIVE_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    tarfile.TarError,
    EOFError,
    zlib.error,
    lzma.LZMAError,
    OSError,
    ValueError,
    NotImplementedError,
)
_LABELS = {"zip": "ZIP", "7z": "7z", "gzip": "gzip", "bzip2": "bzip2", "xz": "xz", "tar": "tar"}


def _walk_archive(
    stream: BinaryIO,
    kind: str,
    source: str,
    parts: tuple[str, ...],
    options: WalkOptions,
    depth: int,
    budget: _Budget,
) -> Iterator[Item]:
    """Members of an archive at nesting ``depth`` (1 = not inside another archive)."""
    if depth > options.limits.max_archive_depth:
        yield Broken(
            source, f"archive nested more than {options.limits.max_archive_depth} levels deep (not opened)"
        )
        return
    readers: dict[str, Callable[..., Iterator[tuple[str, bytes] | Item]]] = {
        "zip": _zip_members,
        "tar": _tar_members,
        "7z": _7z_members,
        "gzip": _compressed_members,
        "bzip2": _compressed_members,
        "xz": _compressed_members,
    }
    label = _LABELS[kind]
    found_any = False
    try:
        for member in readers[kind](stream, kind, source, options, budget):
            found_any = True
            budget.take()
            if isinstance(member, (Found, Broken, Skipped)):
                yield member
                continue
            name, data = member
            budget.expand(len(data))
            shown = f"{source}!{printable(name)}"
            yield from _walk_member(data, shown, (*parts, *member_parts(name)), options, depth, budget)
    except _OverBudget:
        raise
    except LimitExceededError as error:
        yield Broken(source, str(error))
    except _ARCHIVE_ERRORS as error:
        yield Broken(source, f"damaged {label} archive ({_describe(error)})")
    except Exception as error:  # a library bug on a weird file must not stop the batch
        yield Broken(source, f"internal error ({type(error).__name__}: {_one_line(str(error))})")
    else:
        if not found_any:
            yield Skipped(source, f"{label} archive has no documents")


def _walk_member(
    data: bytes, source: str, parts: tuple[str, ...], options: WalkOptions, depth: int, budget: _Budget
) -> Iterator[Item]:
    stream = io.BytesIO(data)
    kind = archive_kind(data[:512])
    if kind is None or (kind == "zip" and not _zip_is_archive(stream, source)):
        yield Found(source, parts, data=data)
        return
    yield from _walk_archive(stream, kind, source, parts, options, depth + 1, budget)


def _describe(error: BaseException) -> str:
    text = _one_line(str(error)) if str(error) else type(error).__name__
    return text[:200]


# ----------------------------------------------------------------------------- one reader per format


def _zip_members(
    stream: BinaryIO, kind: str, source: str, options: WalkOptions, budget: _Budget
) -> Iterator[tuple[str, bytes] | Item]:
    cap = options.limits.max_part_bytes
    with zipfile.ZipFile(stream) as archive:
        infos = archive.infolist()
        refused = (
            _too_many(len(infos), source, options)
            or _overlapping(infos, source)
            or budget.declared([min(info.file_size, cap) for info in infos], source)
        )
        if refused is not None:
            yield refused
            return
        for info in archive.infolist():
            name = decode_zip_name(info.filename, info.flag_bits, options.zip_encoding)
            shown = f"{source}!{printable(name)}"
            if info.is_dir() or is_junk_name(name):
                continue
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                yield Skipped(shown, "skipped a symbolic link (not followed)")
                continue
            if info.flag_bits & ENCRYPTED_FLAG:
                yield Broken(shown, "archive member is password-protected")
                continue
            if info.file_size > cap:
                yield Broken(shown, _too_big(cap))
                continue
            try:
                with archive.open(info) as member:
                    data = read_capped(member, cap)  # type: ignore[arg-type]
            except LimitExceededError as error:
                yield Broken(shown, str(error))
                continue
            except NotImplementedError as error:
                yield Broken(shown, f"archive member uses an unsupported compression ({_describe(error)})")
                continue
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, lzma.LZMAError) as error:
                yield Broken(shown, f"damaged archive member ({_describe(error)})")
                continue
            yield name, data


_TAR_SPECIAL = {
    tarfile.SYMTYPE: "a symbolic link",
    tarfile.LNKTYPE: "a hard link",
    tarfile.CHRTYPE: "a character device",
    tarfile.BLKTYPE: "a block device",
    tarfile.FIFOTYPE: "a FIFO",
}


def _tar_members(
    stream: BinaryIO, kind: str, source: str, options: WalkOptions, budget: _Budget | None = None
) -> Iterator[tuple[str, bytes] | Item]:
    """Stream mode (``r|``): one pass, no seeking, so it also works inside gzip/bzip2/xz streams."""
    cap = options.limits.max_part_bytes
    with tarfile.open(fileobj=stream, mode="r|") as archive:
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
                yield Broken(shown, _too_big(cap))
                continue
            member = archive.extractfile(info)
            if member is None:
                continue
            with member:
                yield name, read_capped(member, cap)  # type: ignore[arg-type]


def _tar_name(name: str) -> str:
    return readable(name)


def _decompressor(kind: str, stream: BinaryIO) -> BinaryIO:
    """A reading file object that decompresses ``stream`` (gzip, bzip2 or xz)."""
    if kind == "gzip":
        return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
    if kind == "bzip2":
        return bz2.BZ2File(stream, mode="rb")  # type: ignore[return-value]
    return lzma.LZMAFile(stream, mode="rb")  # type: ignore[return-value]


def _compressed_members(
    stream: BinaryIO, kind: str, source: str, options: WalkOptions, budget: _Budget
) -> Iterator[tuple[str, bytes] | Item]:
    """A gzip/bzip2/xz stream: a compressed tar (walked as tar), or one compressed file."""
    cap = options.limits.max_part_bytes
    opened = _decompressor(kind, stream)
    with opened:
        head = opened.read(512)
    stream.seek(0)
    if _is_tar_header(head):
        with _decompressor(kind, stream) as decompressed:
            yield from _tar_members(decompressed, "tar", source, options)
        return
    name = _inner_name(source.rsplit("!", 1)[-1], kind)
    with _decompressor(kind, stream) as decompressed:
        try:
            data = read_capped(decompressed, cap)
        except LimitExceededError as error:
            yield Broken(f"{source}!{printable(name)}", str(error))
            return
    yield name, data


def _7z_members(
    stream: BinaryIO, kind: str, source: str, options: WalkOptions, budget: _Budget
) -> Iterator[tuple[str, bytes] | Item]:
    from resparse.archives_7z import members  # py7zr is imported only for a 7z

    return members(stream, source, options, budget.declared)


def _overlapping(infos: Sequence[zipfile.ZipInfo], source: str) -> Broken | None:
    """A ZIP whose members share compressed bytes (an overlapping zip bomb) is refused whole.

    A member takes at least its local header (30 bytes and the name) and its compressed data
    from ``header_offset`` on; the next member must start at or after that.
    """
    spans = sorted(
        (info.header_offset, info.header_offset + 30 + len(_raw_name(info)) + info.compress_size)
        for info in infos
    )
    for (_, end), (start, _) in itertools.pairwise(spans):
        if start < end:
            return Broken(source, "ZIP archive has members that overlap (a zip bomb? not read)")
    return None


def _raw_name(info: zipfile.ZipInfo) -> bytes:
    encoding = "utf-8" if info.flag_bits & UTF8_FLAG else "cp437"
    try:
        return info.orig_filename.encode(encoding)
    except UnicodeEncodeError:
        return info.orig_filename.encode("utf-8", errors="replace")


def _normalise(name: str) -> str:
    """NFC, so that names zipped on macOS (decomposed й, ё) compare and print like the rest."""
    return unicodedata.normalize("NFC", name)
