"""The routes: a document in, its JSON out — read by the supervised workers of ``batch``.

POST /v1/extract     one document (multipart field ``file``) → the Document (JSON or YAML)
POST /v1/batch       an archive → JSON Lines, streamed, the same lines as ``resparse batch``
GET  /v1/schema      the JSON Schema of the output (``resparse schema``)
GET  /health         the workers and the queue; open without a token
GET  /docs           the OpenAPI document, generated from the same models
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Literal

import anyio
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from resparse.batch.contexts import batch_context
from resparse.batch.worker import Task
from resparse.models import Document
from resparse.serve.dispatch import Dispatcher, QueueFull, log, start_pool
from resparse.serve.errors import ServeError, failed
from resparse.serve.jobs import load_function, refuse_early, serve_job
from resparse.serve.service import REASON_KEY
from resparse.serve.settings import RETRY_AFTER_SECONDS, Settings
from resparse.serve.spool import Upload, receive

WARM_UP = "ПЛАН МЕРОПРИЯТИЙ\n1. Провести заседание до 1 марта 2024 г.\n".encode()
"""A tiny document each worker reads at start, so that the first request does not pay for it."""

MEDIA_TYPES = {"json": "application/json", "yaml": "application/yaml", "jsonl": "application/x-ndjson"}


class ErrorBody(BaseModel):
    error: str
    """One line: why the request failed."""


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    workers: int
    reading: int
    waiting: int


UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in {
        401: "Missing or wrong bearer token",
        413: "Larger than --max-file-mb",
        415: "Not a format resparse reads",
        422: "The readers refuse it: encrypted, damaged, a bomb",
        503: "The queue is full (see Retry-After)",
        504: "Took longer than its time budget",
    }.items()
}


class Server:
    """What the routes share: the settings, the dispatcher, the spool folder."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.dispatcher: Dispatcher | None = None
        self.spool: Path | None = None
        """This server's own folder for uploads in flight, removed when it stops."""
        self.batches = 0
        """``/v1/batch`` responses streaming."""
        self.receiving = 0
        """Request bodies being written to the spool."""

    async def start(self) -> None:
        settings = self.settings
        self.spool = Path(tempfile.mkdtemp(prefix="resparse-serve-", dir=settings.spool))
        inner = load_function(settings.job) if settings.job else None
        job = functools.partial(serve_job, ocr=settings.ocr, inner=inner)
        pool = await anyio.to_thread.run_sync(start_pool, batch_context, job, settings)
        self.dispatcher = Dispatcher(pool, settings.queue)
        self.dispatcher.start()
        tasks = [Task("warm-up", order, data=WARM_UP) for order in range(settings.jobs)]
        warm = [self.dispatcher.submit(task, bounded=False) for task in tasks]
        for future in warm:
            outcome = await future
            if outcome.reason is not None:
                log.warning("a worker could not read the warm-up document: %s", outcome.reason)

    def stop(self) -> None:
        if self.dispatcher is not None:
            self.dispatcher.stop()
        if self.spool is not None:
            shutil.rmtree(self.spool, ignore_errors=True)

    def submit(self, task: Task, *, bounded: bool = True) -> asyncio.Future:
        """Where the outcome of ``task`` will arrive; ``503`` when the queue is full."""
        assert self.dispatcher is not None
        try:
            return self.dispatcher.submit(task, bounded=bounded)
        except QueueFull as error:
            raise busy(str(error)) from None

    async def upload(self, request: Request) -> Upload:
        """The request's document in the spool; ``503`` when as many are being received as the
        queue could take, so that slow uploads cannot fill the disk either."""
        assert self.spool is not None
        settings = self.settings
        if self.receiving >= settings.jobs + settings.queue + settings.max_batches:
            raise busy(f"{self.receiving} uploads are being received already")
        self.receiving += 1
        try:
            return await receive(request, self.spool, settings.limits.max_file_bytes)
        finally:
            self.receiving -= 1


def busy(reason: str) -> ServeError:
    return ServeError(503, f"busy: {reason}; retry later", {"Retry-After": str(RETRY_AFTER_SECONDS)})


def create_app(settings: Settings) -> FastAPI:
    server = Server(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await server.start()
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(server.stop)

    from resparse import __version__

    app = FastAPI(title="resparse", version=__version__, lifespan=lifespan, summary=__doc__.split("\n")[0])
    app.state.server = server
    _handlers(app)
    _routes(app, server)
    from resparse.serve.batch import add_batch_route

    add_batch_route(app, server)
    if settings.db is not None:
        from resparse.serve.obligations import add_obligations_route

        add_obligations_route(app, settings.db)
    return app


def _routes(app: FastAPI, server: Server) -> None:
    @app.get("/health", response_model=Health, responses={503: {"model": ErrorBody}})
    async def health() -> Health:
        """The workers and the queue; answers without a token (``503`` once the server stops)."""
        if server.dispatcher is None or not server.dispatcher.alive():
            raise ServeError(503, "not reading documents")
        return Health(**server.dispatcher.stats())

    @app.get("/v1/schema", responses=ERRORS)
    async def schema() -> JSONResponse:
        """JSON Schema of the output, as ``resparse schema`` prints it."""
        from resparse.emit import schema as output_schema

        return JSONResponse(output_schema())

    @app.post(
        "/v1/extract",
        openapi_extra=UPLOAD_BODY,
        responses={200: {"model": Document, "content": {"application/yaml": {}}}, **ERRORS},
    )
    async def extract(request: Request, format: Literal["json", "yaml", "jsonl"] = Query("json")) -> Response:
        """One document in, its JSON (or YAML) out: what ``resparse extract`` prints."""
        upload = await server.upload(request)
        try:
            await anyio.to_thread.run_sync(refuse_early, upload.path, upload.name)
            # the worker lays the document out as ``resparse extract -f FORMAT`` prints it
            task = Task(upload.name, path=str(upload.path), form=format)
            outcome = await server.submit(task)
        finally:
            upload.remove()
        if outcome.reason is not None:
            raise failed(outcome)
        return Response(outcome.line, media_type=MEDIA_TYPES[format])


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(ServeError)
    async def serve_error(request: Request, error: ServeError) -> JSONResponse:
        setattr(request.state, REASON_KEY, error.detail)
        return JSONResponse({"error": error.reason}, error.status, headers=error.headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        reason = str(error.detail).lower() if error.detail else "failed"
        return JSONResponse({"error": reason}, error.status_code, headers=error.headers)

    @app.exception_handler(Exception)
    async def bug(request: Request, error: Exception) -> JSONResponse:  # the log says which (service.py)
        return JSONResponse({"error": "internal error"}, 500)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [f"{'.'.join(map(str, e.get('loc', ())))}: {e.get('msg', '')}" for e in error.errors()]
        reason = "; ".join(problems)[:300] or "invalid request"
        setattr(request.state, REASON_KEY, reason)
        return JSONResponse({"error": reason}, 400)
