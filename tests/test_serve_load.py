"""A bounded load on loopback: every answer right, hostile files refused, ``/health`` answering,
the process tree within memory. ``bench/serve.py`` runs the full round (400 requests, 16 at a time)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from bench.serve import Running, load, running, serve_command, workload

pytestmark = pytest.mark.slow  # a developer may skip it: pytest -m "not slow"

REQUESTS, CONCURRENCY = 60, 8
PEAK_MEMORY = 1536 * 2**20
"""What the server's process tree (server, workers, converters) may hold at its peak."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running(serve_command(["-j", "2"]), tmp_path_factory.mktemp("serve")) as started:
        yield started


def test_a_bounded_load_loses_nothing(server: Running) -> None:
    jobs = workload(REQUESTS, hostile_every=10, suffixes=(".txt", ".docx", ".pdf"))
    report = load(server, jobs, CONCURRENCY)
    assert [(a.job.name, a.status) for a in report.wrong] == []
    assert len(report.answers) == REQUESTS
    assert sum(job.status != 200 for job in jobs) == 6  # every one of them refused, as checked above
    assert report.health_checks > 0 and report.health_failures == 0
    assert 0 < report.peak_memory < PEAK_MEMORY
