"""Extraction stage: file → :class:`~resparse.layout.Layout`.

One reader per format, each a module with ``read(data, source, limits) -> Layout``. The
format comes from the bytes (:mod:`.sniff`); readers are imported lazily so that reading a
DOCX never pays for the PDF engine.
"""

from __future__ import annotations

import hashlib
import importlib
import stat
from pathlib import Path
from typing import Literal

from resparse.errors import InputError, LimitExceededError, UnsupportedFormatError
from resparse.extract.sniff import sniff
from resparse.layout import Layout, SourceInfo
from resparse.limits import DEFAULT_LIMITS, Limits

__all__ = ["OCR_MODES", "READERS", "OcrMode", "read_layout", "sniff"]

OcrMode = Literal["auto", "always", "never"]
OCR_MODES: tuple[str, ...] = ("auto", "always", "never")

READERS: dict[str, str] = {
    "docx": "resparse.extract.docx",
    "pdf": "resparse.extract.pdf",
    "txt": "resparse.extract.text",
    "md": "resparse.extract.text",
    "html": "resparse.extract.html",
    "doc": "resparse.extract.convert",
    "rtf": "resparse.extract.convert",
    "odt": "resparse.extract.convert",
}


def read_layout(
    source: str | Path | bytes,
    *,
    name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    ocr: OcrMode = "auto",
) -> Layout:
    """Read a file (a path, or its bytes with a ``name`` for messages) into a layout.

    ``ocr`` applies to PDFs: "auto" reads the text layer and falls back to OCR when there is
    none (a scan) — for the whole file or for the scanned pages among text pages —, "always"
    OCRs every page, "never" refuses a scan with the reason.
    """
    if ocr not in OCR_MODES:
        raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)}, not {ocr!r}")
    if isinstance(source, bytes):
        data, path = source, name or "-"
    else:
        path = name or str(source)
        data = _read_file(Path(source), limits)
    if len(data) > limits.max_file_bytes:
        raise LimitExceededError(f"file is larger than the {limits.max_file_bytes // 2**20} MB limit")
    fmt = sniff(data, path)
    module_name = READERS.get(fmt)
    if module_name is None:
        raise UnsupportedFormatError(f"no reader for {fmt}")
    try:
        reader = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        raise UnsupportedFormatError(f"{fmt.upper()} files are not supported yet") from error
    info = SourceInfo(path=path, format=fmt, sha256=hashlib.sha256(data).hexdigest())
    if fmt == "pdf":  # the PDF reader decides per page whether OCR reads it
        return reader.read(data, info, limits, ocr=ocr)
    return reader.read(data, info, limits)


def _read_file(path: Path, limits: Limits) -> bytes:
    """Read a regular file, never more than the limit (a FIFO or /dev/zero must not hang us)."""
    try:
        if path.is_dir():
            raise InputError("is a folder (use `resparse batch` for folders)")
        if not stat.S_ISREG(path.stat().st_mode):
            raise InputError("not a regular file")
        with path.open("rb") as stream:
            data = stream.read(limits.max_file_bytes + 1)
        if len(data) > limits.max_file_bytes:
            raise LimitExceededError(f"file is larger than the {limits.max_file_bytes // 2**20} MB limit")
        return data
    except FileNotFoundError as error:
        raise InputError("no such file") from error
    except PermissionError as error:
        raise InputError("permission denied") from error
    except IsADirectoryError as error:
        raise InputError("is a folder") from error
