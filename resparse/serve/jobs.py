"""What the workers run for the server, and the checks made before a document is queued."""

from __future__ import annotations

import importlib
import signal
from pathlib import Path
from typing import Any

from resparse.batch.archives import archive_kind, zip_is_archive
from resparse.batch.worker import default_extract
from resparse.errors import EmptyFileError, UnsupportedFormatError
from resparse.extract.sniff import sniff
from resparse.limits import Limits
from resparse.serve.errors import ServeError

HEAD_BYTES = 2048
"""What the server reads of an upload itself to refuse an unknown format before queueing it
(what :func:`~resparse.extract.sniff.sniff` looks at first); the rest is the worker's to read."""

_OPAQUE_HEADS = (b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0")
"""ZIP and OLE files: what they are depends on more than their head; the worker decides."""


def serve_job(
    source: bytes | Path, *, name: str, limits: Limits, ocr: str = "auto", inner: Any = None
) -> Any:
    """The pipeline (or ``inner``, a test's stand-in) in a worker that leaves ``SIGTERM`` to the
    server: a signal sent to the whole process group must not cut a document short."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if inner is not None:
        return inner(source, name=name, limits=limits)
    return default_extract(source, name=name, limits=limits, ocr=ocr)


def load_function(spec: str) -> Any:
    """``module:function`` → the function (the ``job`` setting)."""
    module, _, function = spec.partition(":")
    return getattr(importlib.import_module(module), function)


def refuse_early(path: Path, name: str) -> None:
    """``415`` for an archive sent to ``/v1/extract`` or bytes that are plainly not a document."""
    with path.open("rb") as stream:
        head = stream.read(HEAD_BYTES)
        kind = archive_kind(head)
        if kind is not None and (kind != "zip" or zip_is_archive(stream, name)):
            raise ServeError(415, f"an archive ({kind}): send it to /v1/batch")
    if head.startswith(_OPAQUE_HEADS):
        return
    try:
        sniff(head, name)
    except UnsupportedFormatError as error:
        raise ServeError(415, str(error)) from None
    except EmptyFileError as error:
        if len(head) < HEAD_BYTES:  # else only its head is blank: the worker reads the rest
            raise ServeError(422, str(error)) from None
