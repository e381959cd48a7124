"""The service wrapper in-process (no workers started): what escapes a route, unknown routes,
bad parameters — each a JSON line with its status, and one log line with the reason."""

from __future__ import annotations

import asyncio
import logging

import pytest

pytest.importorskip("fastapi")
httpx = pytest.importorskip("httpx")

from resparse.serve.app import create_app  # noqa: E402
from resparse.serve.service import Service  # noqa: E402
from resparse.serve.settings import Settings  # noqa: E402


def ask(method: str, route: str, token: str | None = None, **headers: str) -> httpx.Response:
    app = create_app(Settings())

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("kaboom\nsecond line")

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=Service(app, token))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.request(method, route, headers=headers)

    return asyncio.run(send())


def test_a_bug_is_500_with_one_line_and_its_reason_goes_to_the_log(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="resparse.serve"):
        response = ask("GET", "/boom")
    assert response.status_code == 500
    assert response.json() == {"error": "internal error"}
    [line] = [r.getMessage() for r in caplog.records if r.name == "resparse.serve"]
    assert line.startswith("GET /boom 500 in=0 out=")
    assert line.endswith("internal error (RuntimeError: kaboom second line)")


@pytest.mark.parametrize(
    ("method", "route", "status"),
    [("GET", "/nowhere", 404), ("POST", "/v1/extract?format=xml", 400), ("GET", "/v1/extract", 405)],
)
def test_a_bad_request_is_json_with_its_status(method: str, route: str, status: int) -> None:
    response = ask(method, route)
    assert response.status_code == status
    assert list(response.json()) == ["error"]


def test_the_token_is_checked_before_the_route() -> None:
    assert ask("GET", "/boom", token="t").status_code == 401
    assert ask("GET", "/boom", token="t", Authorization="Bearer t").status_code == 500
    assert ask("GET", "/boom", token="t", Authorization="bearer  t").status_code == 500
    assert ask("GET", "/boom", token="t", Authorization="Basic t").status_code == 401
