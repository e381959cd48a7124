"""Archives read in memory: ZIP, tar (plain or compressed), 7z, single gzip/bzip2/xz files.

Members are stream-read under :class:`~resparse.limits.Limits` (member count, decompressed
size, nesting depth) and a :class:`Budget` shared by everything nested in one top-level
input; a member's name is only ever shown or turned into an output name by the caller, never
used as a path. A ZIP with ``[Content_Types].xml`` or ``mimetype`` is an office document
and is handed on whole.
"""

from __future__ import annotations

import bz2
import gzip
import io
import itertools
import lzma
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import BinaryIO

from resparse.batch.archive_tar import tar_members
from resparse.batch.items import (
    Broken,
    Budget,
    Found,
    Item,
    OverBudget,
    Skipped,
    WalkOptions,
    describe,
    is_junk_name,
    member_parts,
    normalise,
    one_line,
    read_capped,
    too_big,
    too_many,
)
from resparse.errors import LimitExceededError, printable

UTF8_FLAG = 0x800
"""ZIP general-purpose flag bit 11: the entry's name is UTF-8."""


ENCRYPTED_FLAG = 0x1


DEFAULT_ZIP_ENCODING = "cp866"
"""What Windows' built-in zipper (and most Russian-locale tools) write for names without the flag."""


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
        return normalise(filename)
    raw = filename.encode("cp437")
    if encoding:
        return normalise(raw.decode(encoding, errors="replace"))
    if raw.isascii():
        return filename
    try:
        as_utf8 = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _plausible_utf8(as_utf8):
            return normalise(as_utf8)
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


def _inner_name(name: str, kind: str) -> str:
    """The name of the one file inside ``report.docx.gz``: the name without the compression suffix."""
    suffixes = {"gzip": (".gz", ".gzip"), "bzip2": (".bz2", ".bzip2"), "xz": (".xz",)}[kind]
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    for suffix in suffixes:
        if base.lower().endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)]
    return base or "data"


def zip_is_archive(stream: BinaryIO, source: str) -> bool:
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


def walk_archive(
    stream: BinaryIO,
    kind: str,
    source: str,
    parts: tuple[str, ...],
    options: WalkOptions,
    depth: int,
    budget: Budget,
) -> Iterator[Item]:
    """Members of an archive at nesting ``depth`` (1 = not inside another archive)."""
    if depth > options.limits.max_archive_depth:
        yield Broken(
            source, f"archive nested more than {options.limits.max_archive_depth} levels deep (not opened)"
        )
        return
    readers: dict[str, Callable[..., Iterator[tuple[str, bytes] | Item]]] = {
        "zip": _zip_members,
        "tar": tar_members,
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
            yield from walk_member(data, shown, (*parts, *member_parts(name)), options, depth, budget)
    except OverBudget:
        raise
    except LimitExceededError as error:
        yield Broken(source, str(error))
    except _ARCHIVE_ERRORS as error:
        yield Broken(source, f"damaged {label} archive ({describe(error)})")
    except Exception as error:  # a library bug on a weird file must not stop the batch
        yield Broken(source, f"internal error ({type(error).__name__}: {one_line(str(error))})")
    else:
        if not found_any:
            yield Skipped(source, f"{label} archive has no documents")


def walk_member(
    data: bytes, source: str, parts: tuple[str, ...], options: WalkOptions, depth: int, budget: Budget
) -> Iterator[Item]:
    stream = io.BytesIO(data)
    kind = archive_kind(data[:512])
    if kind is None or (kind == "zip" and not zip_is_archive(stream, source)):
        yield Found(source, parts, data=data)
        return
    yield from walk_archive(stream, kind, source, parts, options, depth + 1, budget)


def _zip_members(
    stream: BinaryIO, kind: str, source: str, options: WalkOptions, budget: Budget
) -> Iterator[tuple[str, bytes] | Item]:
    cap = options.limits.max_part_bytes
    with zipfile.ZipFile(stream) as archive:
        infos = archive.infolist()
        refused = (
            too_many(len(infos), source, options)
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
                yield Broken(shown, too_big(cap))
                continue
            try:
                with archive.open(info) as member:
                    data = read_capped(member, cap)  # type: ignore[arg-type]
            except LimitExceededError as error:
                yield Broken(shown, str(error))
                continue
            except NotImplementedError as error:
                yield Broken(shown, f"archive member uses an unsupported compression ({describe(error)})")
                continue
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, lzma.LZMAError) as error:
                yield Broken(shown, f"damaged archive member ({describe(error)})")
                continue
            yield name, data


def _decompressor(kind: str, stream: BinaryIO) -> BinaryIO:
    """A reading file object that decompresses ``stream`` (gzip, bzip2 or xz)."""
    if kind == "gzip":
        return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
    if kind == "bzip2":
        return bz2.BZ2File(stream, mode="rb")  # type: ignore[return-value]
    return lzma.LZMAFile(stream, mode="rb")  # type: ignore[return-value]


def _compressed_members(
    stream: BinaryIO, kind: str, source: str, options: WalkOptions, budget: Budget
) -> Iterator[tuple[str, bytes] | Item]:
    """A gzip/bzip2/xz stream: a compressed tar (walked as tar), or one compressed file."""
    cap = options.limits.max_part_bytes
    opened = _decompressor(kind, stream)
    with opened:
        head = opened.read(512)
    stream.seek(0)
    if _is_tar_header(head):
        with _decompressor(kind, stream) as decompressed:
            yield from tar_members(decompressed, "tar", source, options)
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
    stream: BinaryIO, kind: str, source: str, options: WalkOptions, budget: Budget
) -> Iterator[tuple[str, bytes] | Item]:
    from resparse.batch.archive_7z import members  # py7zr is imported only for a 7z

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
