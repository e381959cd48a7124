"""The ASGI wrapper around the routes: the token, one log line per request, no traceback out.

It sits outside the application, so that it sees every request — unknown routes and the
documentation included — and catches whatever escapes the routes: the client gets ``500`` and
one line, the log gets the request's line with the reason.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from resparse.batch.names import one_line
from resparse.serve.auth import OPEN_PATHS, authorised

log = logging.getLogger("resparse.serve")

REASON_KEY = "resparse_reason"
"""Where a route leaves the reason of a failure for the log line (``request.state``)."""

Scope = dict[str, Any]


class Service:
    def __init__(self, app: Any, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        state = scope.setdefault("state", {})
        seen: dict[str, int] = {"status": 0, "out": 0, "in": 0}

        async def counting_receive() -> Any:
            message = await receive()
            seen["in"] += len(message.get("body", b""))
            return message

        async def counting_send(message: Any) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            elif message["type"] == "http.response.body":
                seen["out"] += len(message.get("body", b""))
            await send(message)

        try:
            if self.token is not None and scope["path"] not in OPEN_PATHS and not self._allowed(scope):
                state[REASON_KEY] = "missing or wrong bearer token"
                await answer(counting_send, 401, "missing or wrong token", {"www-authenticate": "Bearer"})
            else:
                await self.app(scope, counting_receive, counting_send)
        except Exception as error:  # a bug: the client gets one line, the log the reason
            state[REASON_KEY] = f"internal error ({type(error).__name__}: {one_line(str(error), 200)})"
            if seen["status"] == 0:
                await answer(counting_send, 500, "internal error")
        finally:
            _log(scope, seen, time.monotonic() - started, state.get(REASON_KEY))

    def _allowed(self, scope: Scope) -> bool:
        header = next((value for key, value in scope["headers"] if key == b"authorization"), None)
        return authorised(header, self.token or "")


async def answer(send: Any, status: int, reason: str, headers: dict[str, str] | None = None) -> None:
    """A JSON error answer, ``{"error": reason}``, sent straight to the ASGI server."""
    body = json.dumps({"error": reason}, ensure_ascii=False).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def _log(scope: Scope, seen: dict[str, int], seconds: float, reason: str | None) -> None:
    """``POST /v1/extract 200 in=23456 out=12001 0.812s`` and, for a failure, its reason."""
    status = seen["status"] or 499  # the client left before an answer
    path = one_line(scope["path"], 200)
    line = f"{scope['method']} {path} {status} in={seen['in']} out={seen['out']} {seconds:.3f}s"
    if reason is not None:
        line += f" — {reason}"
    elif status >= 400:
        line += " — " + _status_reason(status)
    log.info(line)


def _status_reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase.lower()
    except ValueError:
        return "failed"
