""".doc, .rtf and .odt reader: LibreOffice converts the file to DOCX, the DOCX reader reads it.

Why through DOCX: LibreOffice exports automatic numbering as real Word lists (``numPr`` into
``numbering.xml``), cell spans as ``gridSpan`` and vertical merges as ``vMerge``, so the
DOCX reader (:mod:`.docx`) restores list numbers and tables exactly as it does for Word's
own files, and every format shares one well-tested path. A pure-Python ODT reader would
have to recompute ODF list numbering (``text:list`` nesting, ``start-value``, continued
lists) and table spans a second time; the seeds show LibreOffice's round trip keeps all of
it, so it is not worth a second implementation. Word 97 ``.doc`` and RTF have no reader in
Python's reach at all.

Each call runs ``soffice --headless --convert-to docx`` in its own temporary folder with
its own user profile (``-env:UserInstallation``): LibreOffice locks a shared profile, so
parallel conversions would otherwise clash or hand the file to a running instance. The
folder, with the copy of the input and the converted file, is always removed. The
conversion gets ``limits.seconds_per_document``; the whole process group is killed past
it, since ``soffice`` starts ``soffice.bin`` as a child.

In a batch worker (:func:`keep_warm`, called by the batch's forkserver) one LibreOffice is
kept running for the worker's life instead (:mod:`.office`): a few tenths of a second per file
rather than LibreOffice's start-up for each. Where its UNO bindings do not load, the one-shot
path above serves.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import zipfile
from pathlib import Path

from resparse.errors import CorruptFileError, EncryptedFileError, LimitExceededError, ToolMissingError
from resparse.extract import docx, scratch
from resparse.layout import Layout, SourceInfo
from resparse.limits import Limits

__all__ = ["convert_to_docx", "find_soffice", "keep_warm", "read"]

_WARM = False

_NAMES = {"doc": "Word 97 .doc", "rtf": "RTF", "odt": "ODT"}
_MISSING = "reading .{fmt} needs LibreOffice: install the Debian package libreoffice-writer-nogui"


def read(data: bytes, source: SourceInfo, limits: Limits) -> Layout:
    """Convert to DOCX with LibreOffice and read that; the layout keeps the original format."""
    fmt = source.format
    if fmt == "odt" and _odt_encrypted(data):
        raise EncryptedFileError("document is password-protected")
    converted = convert_to_docx(data, fmt, limits)
    try:
        return docx.read(converted, source, limits)
    except CorruptFileError as error:
        raise CorruptFileError(
            f"damaged {_NAMES.get(fmt, fmt)} file (its conversion is unreadable)"
        ) from error


def keep_warm(enabled: bool = True) -> None:
    """Convert through one LibreOffice kept running in this process (and the workers forked
    from it, each its own), rather than one started per file."""
    global _WARM
    _WARM = enabled


def find_soffice(fmt: str = "doc") -> str:
    """Path of LibreOffice's ``soffice``; :class:`ToolMissingError` naming the package if absent."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise ToolMissingError(_MISSING.format(fmt=fmt))
    return found


def convert_to_docx(data: bytes, fmt: str, limits: Limits) -> bytes:
    """The DOCX bytes LibreOffice makes of ``data`` (a .doc, .rtf or .odt file)."""
    soffice = find_soffice(fmt)
    if _WARM:
        from resparse.extract import office

        if office.available():
            what, seconds = _NAMES.get(fmt, fmt), limits.seconds_per_document
            try:
                converted = office.office().convert(data, fmt, seconds, what, limits.max_file_bytes)
                return _checked(converted, fmt, limits)
            except office.StartError:
                keep_warm(False)  # this process converts one-shot from now on
    with scratch.folder("lo") as folder:
        source = folder / f"input.{fmt}"
        source.write_bytes(data)
        command = _command(soffice, source, folder)
        _run(command, folder, limits.seconds_per_document)
        target = folder / "out" / "input.docx"
        if not target.is_file():
            raise CorruptFileError(f"damaged {_NAMES.get(fmt, fmt)} file (LibreOffice could not convert it)")
        if target.stat().st_size > limits.max_file_bytes:
            raise LimitExceededError("the converted document is larger than the file size limit")
        return _checked(target.read_bytes(), fmt, limits)


def _checked(converted: bytes, fmt: str, limits: Limits) -> bytes:
    if not converted:
        raise CorruptFileError(f"damaged {_NAMES.get(fmt, fmt)} file (LibreOffice could not convert it)")
    if len(converted) > limits.max_file_bytes:
        raise LimitExceededError("the converted document is larger than the file size limit")
    return converted


def _command(soffice: str, source: Path, folder: Path) -> list[str]:
    """The conversion command, with a private profile so parallel calls never share one."""
    profile = (folder / "profile").as_uri()
    return [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(folder / "out"),
        str(source),
    ]


def _run(command: list[str], folder: Path, seconds: float) -> None:
    """Run LibreOffice in its own process group; kill the whole group past ``seconds``."""
    env = {**os.environ, "HOME": str(folder), "TMPDIR": str(folder)}
    with subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=folder,
        env=env,
        start_new_session=True,
    ) as process:
        try:
            process.communicate(timeout=seconds)
        except subprocess.TimeoutExpired as error:
            _kill_group(process)
            raise LimitExceededError(
                f"LibreOffice took longer than {seconds:g} s to convert the file"
            ) from error
        finally:
            if process.poll() is None:
                _kill_group(process)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill the process group we started (soffice and the soffice.bin it spawned)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.communicate()


def _odt_encrypted(data: bytes) -> bool:
    """An encrypted ODT lists ``encryption-data`` in its manifest; LibreOffice would only fail."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("META-INF/manifest.xml")
            if info.file_size > 10 * 2**20:
                return False
            return b"encryption-data" in archive.read(info)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return False
