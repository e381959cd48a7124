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

import os
import stat
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path

from resparse.batch.archives import (
    DEFAULT_ZIP_ENCODING,
    archive_kind,
    decode_zip_name,
    walk_archive,
    walk_member,
    zip_is_archive,
)
from resparse.batch.items import (
    Broken,
    Budget,
    Found,
    InputFile,
    Item,
    OverBudget,
    Skipped,
    WalkOptions,
    is_junk_name,
    member_parts,
    one_line,
    read_capped,
    readable,
    size_words,
)
from resparse.errors import printable
from resparse.limits import archive_expansion_limit

__all__ = [
    "DEFAULT_ZIP_ENCODING",
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
    return one_line(error.strerror or str(error))


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
            budget = Budget(options.limits.max_archive_members, archive_expansion_limit(size))
            kind = archive_kind(stream.read(512))
            if kind is None or (kind == "zip" and not zip_is_archive(stream, file.source)):
                yield Found(file.source, file.parts, path=file.path)
                return
            stream.seek(0)
            walk = walk_archive(stream, kind, file.source, file.parts, options, 1, budget)
            yield from _budgeted(walk, file.source, budget)
    except OSError as error:
        yield Broken(file.source, _os_reason(error))


def walk_bytes(
    data: bytes, source: str, parts: tuple[str, ...], options: WalkOptions, depth: int = 0
) -> Iterator[Item]:
    """Bytes of a document or an archive; ``depth`` is how many archives they are already inside."""
    budget = Budget(options.limits.max_archive_members, archive_expansion_limit(len(data)))
    yield from _budgeted(walk_member(data, source, parts, options, depth, budget), source, budget)


def _budgeted(items: Iterator[Item], source: str, budget: Budget) -> Iterator[Item]:
    """One member budget for a top-level archive and everything nested inside it."""
    try:
        yield from items
    except OverBudget as error:
        yield Broken(source, str(error))
