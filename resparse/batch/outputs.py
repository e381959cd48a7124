"""Where ``resparse batch`` writes: a folder of ``.json`` files or one JSON Lines file.

Files are written to a temporary name and renamed, so an interrupted batch never leaves a
half-written ``.json`` (which makes ``--resume`` safe); JSON Lines come out in input order.
A write error in the parent (a full disk) is an :class:`OutputError`: one line, the batch stops.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from resparse.batch.inputs import Found

__all__ = [
    "FolderOutput",
    "JsonlOutput",
    "Output",
    "OutputError",
    "open_output",
    "write_atomic",
]

FILE_SUFFIXES = (".json", ".yaml", ".yml")
"""Output names that look like one file but are not what ``batch`` writes: a usage error."""
_TEMP_PREFIX = ".resparse-"
_TEMP_SUFFIX = ".tmp"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file next to ``path`` and rename it into place."""
    descriptor, temporary = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


class OutputError(Exception):
    """The output cannot be written (a full disk); the message is ``FILE: reason``."""


def failures_path(output: Path) -> Path:
    """Beside the output, named after it: ``out/`` → ``out.failures.jsonl``, ``all.jsonl`` →
    ``all.failures.jsonl``; nothing but documents goes into an output folder (but ``.``)."""
    if output.name in ("", ".", ".."):  # the current folder: not outside it
        return output / "failures.jsonl"
    stem = output.name[: -len(output.suffix)] if output.suffix else output.name
    return output.with_name(stem + ".failures.jsonl")


class Output(Protocol):
    failures_path: Path
    replaced: int
    """Outputs of an earlier run written over (without ``--resume``)."""

    form: str
    """How each document's JSON is laid out: "json" (indented, a file's) or "jsonl" (one line)."""

    def exclude(self) -> list[Path]: ...
    def done(self, found: Found, name: str) -> bool: ...
    def accept(self, order: int, name: str | None, text: str | None) -> None:
        """Everything found is accepted once by its order (from 0); ``text`` is None but for a
        converted document, ``name`` None but for a document."""
        ...

    def close(self) -> None: ...


class FolderOutput:
    """One ``.json`` per document in a folder; the failure list beside the folder."""

    form = "json"

    def __init__(self, folder: Path, resume: bool) -> None:
        self.folder = folder
        self.resume = resume
        self.failures_path = failures_path(folder)
        self.replaced = 0

    def exclude(self) -> list[Path]:
        return [self.folder, self.failures_path]

    def done(self, found: Found, name: str) -> bool:
        return self.resume and (self.folder / name).is_file()

    def accept(self, order: int, name: str | None, text: str | None) -> None:
        """Write a converted document's file at once (whatever its order), atomically."""
        if text is None or name is None:
            return
        path = self.folder / name
        if path.parent != self.folder or name in ("", ".", "..") or "/" in name or os.sep in name:
            raise AssertionError(f"unsafe output name {name!r}")  # output_name() makes this impossible
        try:
            if path.exists():
                self.replaced += 1
            write_atomic(path, text)
        except OSError as error:
            raise OutputError(f"{path}: cannot write the output ({error.strerror or error})") from None

    def close(self) -> None:
        for leftover in self.folder.glob(f"{_TEMP_PREFIX}*{_TEMP_SUFFIX}"):
            leftover.unlink(missing_ok=True)  # from a batch killed mid-write


class JsonlOutput:
    """One JSON object per line in one file; with ``--resume``, append after the sources already there.

    Lines are written in the order the documents were found, whatever order the workers
    finish in: a finished document waits in memory until those before it are done (or
    failed, which leaves no line).
    """

    form = "jsonl"

    def __init__(self, path: Path, resume: bool) -> None:
        self.path = path
        self.failures_path = failures_path(path)
        self.sources: set[str] = set()
        self.waiting: dict[int, str | None] = {}
        self.next_order = 0
        self.replaced = 0
        if resume and path.is_file():
            self.sources = _sources_in(path)
            self.stream = path.open("a", encoding="utf-8")
        else:
            if path.is_file():
                with path.open("rb") as old:
                    self.replaced = sum(1 for line in old if line.strip())
            self.stream = path.open("w", encoding="utf-8")

    def exclude(self) -> list[Path]:
        return [self.path, self.failures_path]

    def done(self, found: Found, name: str) -> bool:
        return found.source in self.sources

    def accept(self, order: int, name: str | None, line: str | None) -> None:
        self.waiting[order] = line
        with self._writing():
            if self.stream.closed:  # an earlier write failed; the batch is stopping
                return
            while self.next_order in self.waiting:
                ready = self.waiting.pop(self.next_order)
                self.next_order += 1
                if ready is not None:
                    self.stream.write(ready)
            self.stream.flush()

    def close(self) -> None:
        with self._writing():
            if self.stream.closed:
                return
            for order in sorted(self.waiting):  # an interrupted run: keep what was converted
                line = self.waiting.pop(order)
                if line is not None:
                    self.stream.write(line)
            self.stream.close()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """A write error (a full disk) stops the batch with one line; nothing more is written."""
        try:
            yield
        except OSError as error:
            with contextlib.suppress(OSError):
                self.stream.close()  # what Python still buffers cannot be written either
            raise OutputError(f"{self.path}: cannot write the output ({error.strerror or error})") from None


def _sources_in(path: Path) -> set[str]:
    """``source.path`` of every complete record; a torn last line (a crash mid-write) is cut off."""
    sources: set[str] = set()
    good_end = 0
    with path.open("rb") as stream:
        for raw in stream:
            if not raw.endswith(b"\n"):
                break
            good_end += len(raw)
            try:
                record = json.loads(raw)
                sources.add(str(record["source"]["path"]))
            except (ValueError, KeyError, TypeError):
                continue
    if good_end != path.stat().st_size:
        with path.open("r+b") as stream:
            stream.truncate(good_end)
    return sources


def open_output(output: Path, resume: bool) -> Output:
    """Folder or ``.jsonl`` file; ``.json``, ``.yaml`` or a file that already exists is a usage error."""
    import typer

    if output.is_dir():
        return FolderOutput(output, resume)
    if output.suffix.lower() in FILE_SUFFIXES:
        raise typer.BadParameter(
            f"{output}: batch writes a folder (one .json per document, e.g. -o out/) "
            "or a JSON Lines file (one document a line, e.g. -o all.jsonl)",
            param_hint="--output",
        )
    if output.suffix.lower() == ".jsonl":
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            return JsonlOutput(output, resume)
        except OSError as error:
            raise typer.BadParameter(
                f"cannot write {output} ({error.strerror or error})", param_hint="--output"
            ) from None
    if output.exists():
        raise typer.BadParameter(f"{output} is a file; give a folder or a .jsonl file", param_hint="--output")
    try:
        output.mkdir(parents=True)
    except OSError as error:
        raise typer.BadParameter(
            f"cannot create {output} ({error.strerror or error})", param_hint="--output"
        ) from None
    return FolderOutput(output, resume)
