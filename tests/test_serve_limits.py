"""``resparse serve`` at its limits: a full queue (503), the time budget (504), SIGTERM.

The server runs one worker, no queue and a 1 s budget; its workers read through
``hostile_files.hostile_extract``, which sleeps on ``@@SLOW@@ N`` and reads anything else as
``resparse extract`` does — the scan that runs out of time is a real file.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi")
httpx = pytest.importorskip("httpx")

from hostile_files import SLOW_MARK  # noqa: E402

from bench.serve import Running, running  # noqa: E402
from support import ROOT, SAMPLES  # noqa: E402

pytestmark = pytest.mark.slow  # a developer may skip it: pytest -m "not slow"

SERVER = """
import sys
from resparse.limits import Limits
from resparse.serve.server import run
from resparse.serve.settings import Settings

port = int(sys.argv[sys.argv.index("--port") + 1])
limits = Limits(seconds_per_document=1.0)
run(Settings(port=port, jobs=1, queue=0, limits=limits, grace_seconds=30, job="hostile_files:hostile_extract"))
"""

TEXT = (SAMPLES / "001_6d517112406bb0e7.txt").read_bytes()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tests")}
    with running([sys.executable, "-c", SERVER], tmp_path_factory.mktemp("serve"), env) as started:
        yield started


def slow(seconds: float) -> bytes:
    return SLOW_MARK + f" {seconds}\n".encode() + TEXT


def in_background(server: Running, data: bytes) -> tuple[threading.Thread, list[httpx.Response]]:
    """POST ``data`` from a thread; returns once a worker is reading it."""
    answers: list[httpx.Response] = []

    def send() -> None:
        answers.append(httpx.post(server.url + "/v1/extract", files={"file": ("a.txt", data)}, timeout=60))

    thread = threading.Thread(target=send)
    thread.start()
    deadline = time.monotonic() + 30
    while httpx.get(server.url + "/health").json()["reading"] < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    return thread, answers


def test_a_full_queue_is_503_with_retry_after(server: Running) -> None:
    thread, answers = in_background(server, slow(2))
    refused = httpx.post(server.url + "/v1/extract", files={"file": ("b.txt", TEXT)}, timeout=60)
    assert refused.status_code == 503
    assert int(refused.headers["retry-after"]) > 0
    assert "busy" in refused.json()["error"]
    thread.join(timeout=60)
    assert answers[0].status_code == 200
    assert answers[0].json()["source"]["path"] == "a.txt"


def test_a_document_past_its_time_budget_is_504(server: Running) -> None:
    scan = SAMPLES / "000_858972ccd0d0de21.scan.pdf"
    response = httpx.post(
        server.url + "/v1/extract", files={"file": (scan.name, scan.read_bytes())}, timeout=60
    )
    assert response.status_code == 504
    assert "took longer than" in response.json()["error"]
    assert httpx.get(server.url + "/health").json()["workers"] == 1  # and the server reads on


def test_sigterm_lets_the_request_in_flight_finish_then_exits_0(server: Running) -> None:
    thread, answers = in_background(server, slow(2))
    server.process.send_signal(signal.SIGTERM)
    thread.join(timeout=60)
    assert answers[0].status_code == 200
    assert server.process.wait(timeout=30) == 0
    with pytest.raises(httpx.ConnectError):
        httpx.get(server.url + "/health", timeout=5)
