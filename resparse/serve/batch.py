"""``POST /v1/batch``: an archive in, JSON Lines out as its documents are read.

The archive is walked as ``resparse batch`` walks it (:func:`resparse.batch.inputs.walk_file`,
from the spool file, member by member), each document is read by the same workers, and the
lines come out in the archive's order: a document's line is the line ``batch`` writes to its
``.jsonl``, a failure's line the one it writes to ``.failures.jsonl`` (``{"source", "reason"}``).
At most :data:`~resparse.serve.settings.BATCH_WINDOW` members of one request are in memory
and :data:`~resparse.serve.settings.DEFAULT_MAX_BATCHES` requests stream at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import weakref
from collections import deque
from collections.abc import AsyncIterator, Iterator

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse

from resparse.batch.inputs import Broken, Found, InputFile, Item, WalkOptions, walk_file
from resparse.batch.worker import Outcome, Task
from resparse.serve.app import ERRORS, UPLOAD_BODY, Server, busy
from resparse.serve.settings import BATCH_AHEAD, BATCH_WINDOW
from resparse.serve.spool import Upload


def failure_line(source: str, reason: str) -> str:
    return json.dumps({"source": source, "reason": reason}, ensure_ascii=False) + "\n"


def add_batch_route(app: FastAPI, server: Server) -> None:
    @app.post(
        "/v1/batch",
        openapi_extra=UPLOAD_BODY,
        responses={200: {"content": {"application/x-ndjson": {}}}, **ERRORS},
    )
    async def batch(request: Request) -> StreamingResponse:
        """An archive (.zip, .tar.*, .7z) or one document in; one JSON line per document out, streamed."""
        if server.batches >= server.settings.max_batches:
            raise busy(f"{server.batches} batches are streaming already")
        upload = await server.upload(request)
        lines = _stream(server, upload)
        weakref.finalize(lines, upload.remove)  # a stream never started (the client left) too
        return StreamingResponse(lines, media_type="application/x-ndjson")


async def _stream(server: Server, upload: Upload) -> AsyncIterator[str]:
    options = WalkOptions(limits=server.settings.limits)
    walk = walk_file(InputFile(upload.path, upload.name, (upload.name,)), options)
    pending: deque[asyncio.Future | str] = deque()
    server.batches += 1
    try:
        order = 0
        while (item := await anyio.to_thread.run_sync(_next, walk)) is not None:
            if isinstance(item, (Found, Broken)):
                pending.append(_start(server, item, order))
                order += 1
            while pending and (_full(pending) or _ready(pending[0])):
                yield await _line(pending.popleft())
        while pending:
            yield await _line(pending.popleft())
    finally:
        server.batches -= 1
        for entry in pending:
            if isinstance(entry, asyncio.Future):
                entry.cancel()
        upload.remove()
        with contextlib.suppress(Exception):  # not running (awaited in turn): closes the spool file
            walk.close()


def _next(walk: Iterator[Item]) -> Item | None:
    return next(walk, None)


def _start(server: Server, item: Found | Broken, order: int) -> asyncio.Future | str:
    if isinstance(item, Broken):
        return failure_line(item.source, item.reason)
    path = str(item.path) if item.path is not None else None
    task = Task(item.source, order, path=path, data=item.data)
    return server.submit(task, bounded=False)


def _full(pending: deque[asyncio.Future | str]) -> bool:
    """Enough members are being read, or held back behind a slow one (lines go out in order)."""
    reading = sum(isinstance(entry, asyncio.Future) and not entry.done() for entry in pending)
    return reading >= BATCH_WINDOW or len(pending) >= BATCH_AHEAD


def _ready(entry: asyncio.Future | str) -> bool:
    return not isinstance(entry, asyncio.Future) or entry.done()


async def _line(entry: asyncio.Future | str) -> str:
    if isinstance(entry, str):
        return entry
    outcome: Outcome = await entry
    if outcome.reason is not None:
        return failure_line(outcome.source, outcome.reason)
    return outcome.line or ""
