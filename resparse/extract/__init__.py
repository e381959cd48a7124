"""Extraction stage: file → :class:`~resparse.layout.Layout`.

One reader per format, each a module with ``read(data, source, limits) -> Layout``. The
format comes from the bytes (:mod:`.sniff`); readers are imported lazily so that reading a
DOCX never pays for pdfplumber.
"""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from resparse.errors import InputError, LimitExceededError, UnsupportedFormatError
from resparse.extract.sniff import sniff
from resparse.layout import Layout, SourceInfo
from resparse.limits import DEFAULT_LIMITS, Limits

__all__ = ["READERS", "read_layout", "sniff"]

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
) -> Layout:
    """Read a file (a path, or its bytes with a ``name`` for messages) into a layout."""
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
    return reader.read(data, info, limits)


def _read_file(path: Path, limits: Limits) -> bytes:
    try:
        if path.is_dir():
            raise InputError("is a folder (use `resparse batch` for folders)")
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise LimitExceededError(f"file is larger than the {limits.max_file_bytes // 2**20} MB limit")
        return path.read_bytes()
    except FileNotFoundError as error:
        raise InputError("no such file") from error
    except PermissionError as error:
        raise InputError("permission denied") from error
    except IsADirectoryError as error:
        raise InputError("is a folder") from error
