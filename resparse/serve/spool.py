"""Uploads streamed to a spool file, chunk by chunk, never whole in memory, refused past a cap.

A request body is either ``multipart/form-data`` with the document in a field named ``file``
(what ``curl -F file=@decree.docx`` sends) or the document itself (any other content type;
``?name=decree.docx`` names it). The name a client gives is a label only — its last segment,
made printable — and never a path: the file lands in the server's spool folder under a name
of the server's choosing and is removed when the request ends.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from python_multipart import MultipartParser
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import parse_options_header
from starlette.requests import ClientDisconnect, Request

from resparse.batch.items import readable, size_words
from resparse.serve.errors import ServeError

FIELD = "file"
"""The form field holding the document."""

FRAMING_BYTES = 1 << 16
"""What a multipart body may hold beyond the document: boundaries, headers, small fields."""

DRAIN_BYTES = 32 << 20
"""Past the cap, this much more of the body is read and dropped before ``413`` is answered,
so that a client that does not wait for ``100 Continue`` reads the answer rather than a reset."""

DEFAULT_NAME = "upload"


@dataclass
class Upload:
    path: Path
    name: str
    """The client's file name, a label for ``source.path`` and messages, never opened."""
    size: int

    def remove(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink()


def label(name: str | None) -> str:
    """A client's file name as a label: its last segment, printable; ``upload`` when none is left."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return readable(base) if base not in ("", ".", "..") else DEFAULT_NAME


def too_large(cap: int) -> ServeError:
    return ServeError(413, f"file is larger than the {size_words(cap)} limit (--max-file-mb)")


async def receive(request: Request, folder: Path, cap: int) -> Upload:
    """The request's document in a spool file under ``folder``; ``413`` past ``cap`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap + FRAMING_BYTES + DRAIN_BYTES:
        raise too_large(cap)
    kind, options = parse_options_header(request.headers.get("content-type"))
    handle, name = tempfile.mkstemp(dir=folder, prefix="upload-")
    upload = Upload(Path(name), DEFAULT_NAME, 0)
    try:
        with os.fdopen(handle, "wb") as stream:
            if kind == b"multipart/form-data":
                boundary = options.get(b"boundary")
                if not boundary:
                    raise ServeError(400, "multipart body without a boundary")
                upload.name = await _multipart(request.stream(), boundary, stream, cap)
            else:
                upload.name = label(request.query_params.get("name"))
                await _raw(request.stream(), stream, cap)
            upload.size = stream.tell()
    except ClientDisconnect:
        upload.remove()
        raise ServeError(400, "the client went away before sending the whole body") from None
    except MultipartParseError as error:
        upload.remove()
        raise ServeError(400, f"malformed multipart body ({error})") from None
    except BaseException:
        upload.remove()
        raise
    if upload.size == 0:
        upload.remove()
        raise ServeError(422, "file is empty")
    return upload


async def _raw(chunks: AsyncIterator[bytes], stream: BinaryIO, cap: int) -> None:
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > cap:
            await _drain(chunks, size - cap)
            raise too_large(cap)
        stream.write(chunk)


async def _drain(chunks: AsyncIterator[bytes], already: int) -> None:
    """Read and drop the rest of an oversized body, up to :data:`DRAIN_BYTES`."""
    async for chunk in chunks:
        already += len(chunk)
        if already > DRAIN_BYTES:
            return


async def _multipart(chunks: AsyncIterator[bytes], boundary: bytes, stream: BinaryIO, cap: int) -> str:
    """Write the ``file`` field of a multipart body to ``stream``; its file name."""
    part = _FilePart(stream, cap)
    parser = MultipartParser(boundary, part.callbacks())
    total = 0
    async for chunk in chunks:
        total += len(chunk)
        if total > cap + FRAMING_BYTES or part.size > cap:
            await _drain(chunks, total - cap)
            raise too_large(cap)
        parser.write(chunk)
    parser.finalize()
    if part.size > cap:
        raise too_large(cap)
    if not part.found:
        raise ServeError(400, f"no {FIELD!r} field in the form (curl -F {FIELD}=@decree.docx)")
    return part.name


class _FilePart:
    """Callbacks of the multipart parser: the first ``file`` field's bytes go to ``stream``."""

    def __init__(self, stream: BinaryIO, cap: int) -> None:
        self.stream, self.cap = stream, cap
        self.found = self.current = False
        self.name = DEFAULT_NAME
        self.size = 0
        self._header: list[bytes] = []
        self._value: list[bytes] = []
        self._headers: dict[bytes, bytes] = {}

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self._begin,
            "on_header_field": lambda data, start, end: self._header.append(data[start:end]),
            "on_header_value": lambda data, start, end: self._value.append(data[start:end]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._data,
        }

    def _begin(self) -> None:
        self._headers = {}
        self.current = False

    def _header_end(self) -> None:
        if len(self._headers) < 16:
            self._headers[b"".join(self._header).lower()] = b"".join(self._value)
        self._header, self._value = [], []

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        if self.found or options.get(b"name") != FIELD.encode():
            return
        self.found = self.current = True
        filename = options.get(b"filename")
        self.name = label(filename.decode("utf-8", "replace") if filename is not None else None)

    def _data(self, data: bytes, start: int, end: int) -> None:
        if not self.current:
            return
        self.size += end - start
        if self.size <= self.cap:
            self.stream.write(data[start:end])
