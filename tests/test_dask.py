"""``batch --engine dask`` on a local cluster of two worker processes (one for the whole module).

The Dask path must write what the local pool writes, byte for byte — documents, failures
(a document that times out, one over the memory limit, a damaged member) and notes — and
``--resume`` must carry on from either engine's output. A Dask worker that is killed under a
document fails that document only, and it is tried once more; the documents the worker held
besides it are read again, not reported.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tarfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile_files import (
    HANG_MARK,
    MEMORY_MARK,
    SLOW_MARK,
    hostile_extract,
    sample,
    tar_bytes,
    tar_special,
    zip_bytes,
)

from resparse.batch import BatchReport, run_batch
from resparse.limits import MB, Limits

distributed = pytest.importorskip("distributed")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)"),
]

TEXT = "РЕКОМЕНДАЦИИ\n\n1. Комитету по печати обеспечить публикацию материалов.\n".encode()
MEMORY_MB = 400
LIMITS = Limits(seconds_per_document=1, max_memory_bytes=MEMORY_MB * MB)
KILL_MARK = b"@@KILL-DASK-WORKER@@"
"""Followed by a file name: kill the Dask worker reading this (once if the file exists after)."""
KILL_AFTER_SECONDS = 0.3
"""How long a marked document is read before its worker is killed: a worker is lost while it
reads, after it said it started (a worker lost within milliseconds of that is another case)."""


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    from resparse.batch.dask_engine import local_cluster

    cluster = local_cluster(2)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()
        _stop_dask_threads()


def _stop_dask_threads() -> None:
    """Leave the test process with one thread, as it came: ``extract`` and ``layout`` fork a
    single-threaded command (and other tests rely on that); Dask keeps two pools for good."""
    from concurrent.futures import ThreadPoolExecutor

    import distributed.utils
    from distributed.client import Future

    distributed.utils._offload_executor.shutdown(wait=True)
    distributed.utils._offload_executor = ThreadPoolExecutor(1, thread_name_prefix="Dask-Offload")
    if Future._cb_executor is not None:
        Future._cb_executor.shutdown(wait=True)
        Future._cb_executor = None
    deadline = time.monotonic() + 10
    while threading.active_count() > 1 and time.monotonic() < deadline:
        time.sleep(0.1)


def batch(inputs: list[Path], out: Path, engine: str, scheduler: str, **options: Any) -> BatchReport:
    settings: dict[str, Any] = {"quiet": True, "limits": LIMITS, "_extract": hostile_extract, "jobs": 2}
    if engine == "dask":
        settings["scheduler"] = scheduler
    settings.update(options)
    return run_batch(inputs, out, engine=engine, **settings)


def files_in(path: Path) -> dict[str, bytes]:
    if path.is_file():
        return {path.name: path.read_bytes()}
    return {child.name: child.read_bytes() for child in sorted(path.iterdir())}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Samples (text, Word, PDF) and a mixed archive: nested tar, damaged member, a symlink,
    a document that hangs and one that takes more memory than allowed."""
    folder = tmp_path_factory.mktemp("inputs")
    nested = tar_bytes([("inner/b.txt", TEXT + b"b\n"), tar_special("link", tarfile.SYMTYPE, "/etc/passwd")])
    archive = folder / "mixed.zip"
    archive.write_bytes(
        zip_bytes(
            [
                ("a.txt", TEXT + b"a\n"),
                ("docs/решение.docx", sample(".docx", 2).read_bytes()),
                ("nested.tar", nested),
                ("hang.txt", TEXT + HANG_MARK),
                ("hoard.txt", TEXT + MEMORY_MARK + b" 600\n"),
                ("damaged.docx", b"PK\x03\x04 not really"),
            ]
        )
    )
    return [sample(".txt"), sample(".docx", 3), sample(".pdf", 2), archive]


@pytest.mark.parametrize("output", ["out", "out.jsonl"])
def test_dask_writes_what_the_local_pool_writes(
    tmp_path: Path, scheduler: str, inputs: list[Path], output: str
) -> None:
    local = batch(inputs, tmp_path / "local" / output, "local", scheduler)
    dask = batch(inputs, tmp_path / "dask" / output, "dask", scheduler)
    assert (dask.documents, dask.ok, dask.failed) == (local.documents, local.ok, local.failed) == (9, 6, 3)
    assert sorted(steady(dask.failures)) == sorted(steady(local.failures))
    reasons = {reason for _, reason in dask.failures}
    assert any(reason.startswith("took longer than") for reason in reasons)
    assert f"exceeds the {MEMORY_MB} MB memory limit (--max-memory-mb)" in reasons
    assert files_in(tmp_path / "dask" / output) == files_in(tmp_path / "local" / output)
    failures = f"{output.removesuffix('.jsonl')}.failures.jsonl"
    listed = [steady(failures_in(tmp_path / engine / failures)) for engine in ("dask", "local")]
    assert sorted(listed[0]) == sorted(listed[1])


def failures_in(path: Path) -> list[tuple[str, str]]:
    return [(line["source"], line["reason"]) for line in map(json.loads, path.read_text().splitlines())]


def steady(failures: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Failures with the time limit's reason as one: whether a spinning document is stopped for its
    CPU time or, on a machine too busy to give it that, for its wall-clock time depends on the load,
    whichever engine runs it."""
    return [
        (source, "time" if reason.startswith("took longer than") else reason) for source, reason in failures
    ]


@pytest.mark.parametrize(
    ("first", "then", "output"), [("local", "dask", "out.jsonl"), ("dask", "local", "out")]
)
def test_resume_carries_on_across_engines(
    tmp_path: Path, scheduler: str, first: str, then: str, output: str
) -> None:
    names = ["a.txt", "b.txt", "c.txt"]
    for name in names:
        (tmp_path / name).write_bytes(TEXT + name.encode() + b"\n")
    paths = [tmp_path / name for name in names]
    batch(paths[:2], tmp_path / "resumed" / output, first, scheduler)
    report = batch(paths, tmp_path / "resumed" / output, then, scheduler, resume=True)
    assert (report.skipped, report.documents, report.ok) == (2, 1, 1)
    batch(paths, tmp_path / "whole" / output, "local", scheduler)
    assert files_in(tmp_path / "resumed" / output) == files_in(tmp_path / "whole" / output)


def kill_dask_worker(source: bytes | Path, *, name: str, limits: Any) -> Any:
    """``extract`` that kills the Dask worker it runs under (the forkserver's parent) when marked."""
    data = source if isinstance(source, bytes) else source.read_bytes()
    if KILL_MARK in data:
        marker = Path(data.split(KILL_MARK, 1)[1].split()[0].decode())
        if not marker.exists() or marker.name.startswith("always"):
            marker.touch()
            worker = _parent_of(os.getppid())
            if b"spawn_main" in Path(f"/proc/{worker}/cmdline").read_bytes():  # never the test itself
                time.sleep(KILL_AFTER_SECONDS)
                os.kill(worker, signal.SIGKILL)
                time.sleep(60)  # ends with the worker
    return hostile_extract(source, name=name, limits=limits)


def _parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def test_a_lost_worker_fails_only_its_document_after_one_retry(
    tmp_path: Path, scheduler: str, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One document a task: the one a lost worker was reading is named at once (chunks of several
    are sent again one by one first: tests below)."""
    monkeypatch.setattr("resparse.batch.dask_engine.CHUNK_DOCUMENTS", 1)
    (tmp_path / "a_once.txt").write_bytes(TEXT + KILL_MARK + f" {tmp_path / 'once'}\n".encode())
    (tmp_path / "b_always.txt").write_bytes(TEXT + KILL_MARK + f" {tmp_path / 'always'}\n".encode())
    (tmp_path / "c_good.txt").write_bytes(TEXT)
    report = batch(
        [tmp_path],
        tmp_path / "out",
        "dask",
        scheduler,
        quiet=False,
        limits=Limits(),
        _extract=kill_dask_worker,
    )
    assert report.failures == [(str(tmp_path / "b_always.txt"), "Dask worker lost while reading it, 2 times")]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a_once.txt.json", "c_good.txt.json"]
    stderr = capfd.readouterr().err
    assert f"resparse: {tmp_path / 'a_once.txt'}: its Dask worker was lost; trying once more" in stderr
    assert "resparse: Dask dashboard at http://127.0.0.1:" in stderr


@pytest.mark.parametrize("chunk", [1, 4])
def test_a_lost_worker_sends_its_waiting_neighbours_again_uncounted(
    tmp_path: Path,
    scheduler: str,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    chunk: int,
) -> None:
    """Two documents (or chunks of four) per worker: the killer's worker also holds documents
    read before it (in its chunk) or waiting behind it. They are converted all the same and
    never fail; the killer is retried once, then failed."""
    from resparse.batch.dask_engine import DaskEngine

    _wait_for_both_workers(scheduler)  # the earlier tests' killed workers are back
    monkeypatch.setattr("resparse.batch.dask_engine.CHUNK_DOCUMENTS", chunk)
    sent: list[tuple[str, int, int]] = []
    send = DaskEngine._send

    def recording(engine: DaskEngine, flights: list[Any]) -> None:
        sent.extend((Path(f.task.source).name, f.attempts, f.waited) for f in flights)
        send(engine, flights)

    monkeypatch.setattr(DaskEngine, "_send", recording)
    folder = tmp_path / "in"
    folder.mkdir()
    good = [f"{letter}_good.txt" for letter in "abdefghi"]
    for name in good:  # slow enough that both workers are full: the killer's holds a neighbour
        (folder / name).write_bytes(TEXT + name.encode() + b"\n" + SLOW_MARK + b" 1.0\n")
    (folder / "c_kills.txt").write_bytes(TEXT + KILL_MARK + f" {tmp_path / 'always'}\n".encode())
    report = batch(
        [folder], tmp_path / "out", "dask", scheduler, quiet=False, limits=Limits(), _extract=kill_dask_worker
    )
    assert report.failures == [(str(folder / "c_kills.txt"), "Dask worker lost while reading it, 2 times")]
    assert report.ok == len(good)
    batch([folder / name for name in good], tmp_path / "local", "local", scheduler, limits=Limits())
    assert files_in(tmp_path / "out") == files_in(tmp_path / "local")
    stderr = capfd.readouterr().err
    retried = re.findall(r"resparse: (\S+): its Dask worker was lost; trying once more", stderr)
    assert retried.count(str(folder / "c_kills.txt")) == 1, (stderr, sent)
    # a neighbour whose worker died under it may be reported once (its word of finishing can be
    # lost with the worker too), but never twice, and it converts all the same
    assert len(retried) == len(set(retried)), (stderr, sent)
    killer = [s for s in sent if s[0] == "c_kills.txt"]
    # alone in its task it is named at once; in a chunk it first goes again alone, uncounted
    assert killer[-2:] == [("c_kills.txt", 1, killer[-2][2]), ("c_kills.txt", 2, killer[-2][2])]
    assert len(killer) >= (2 if chunk == 1 else 3)  # more only if its worker died before saying so
    neighbours = {name for name, attempts, waited in sent if waited > 0 and name != "c_kills.txt"}
    assert neighbours and neighbours <= set(good), sent  # held by the lost worker, sent again
    assert all(attempts <= 2 for name, attempts, _ in sent if name in good)


def _wait_for_both_workers(scheduler: str) -> None:
    with distributed.Client(scheduler) as client:
        client.wait_for_workers(2, timeout=60)


def test_big_documents_are_scattered_once(
    tmp_path: Path, scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("resparse.batch.dask_engine.SCATTER_BYTES", 100)
    paths = [sample(".txt"), sample(".docx")]
    batch(paths, tmp_path / "local.jsonl", "local", scheduler)
    batch(paths, tmp_path / "dask.jsonl", "dask", scheduler)
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def test_the_command_starts_a_local_cluster_without_a_scheduler(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT)
    resparse = Path(sys.executable).with_name("resparse")
    command = [str(resparse), "batch", "a.txt", "-j", "2"]
    dask = subprocess.run([*command, "-o", "dask", "--engine", "dask"], cwd=tmp_path, capture_output=True)
    assert dask.returncode == 0, dask.stderr
    assert b"resparse: Dask dashboard at http://127.0.0.1:" in dask.stderr
    assert b"1 document: 1 ok" in dask.stderr
    subprocess.run([*command, "-o", "local"], cwd=tmp_path, check=True, capture_output=True)
    assert files_in(tmp_path / "dask") == files_in(tmp_path / "local")


def test_scheduler_goes_with_the_dask_engine(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from resparse.cli import app

    (tmp_path / "a.txt").write_bytes(TEXT)
    result = CliRunner().invoke(
        app,
        ["batch", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:1"],
    )
    assert result.exit_code == 2
    assert "--scheduler" in result.output and "goes with --engine dask" in result.output


def test_convert_on_dask_yields_what_it_yields_locally(
    tmp_path: Path, scheduler: str, inputs: list[Path]
) -> None:
    from resparse.batch import convert

    known = {"skip-nothing"}
    runs = {
        engine: list(
            convert(
                inputs,
                limits=LIMITS,
                jobs=2,
                engine=engine,
                scheduler=scheduler if engine == "dask" else None,
                skip=known.__contains__,
                say=lambda line: None,
                _extract=hostile_extract,
            )
        )
        for engine in ("local", "dask")
    }
    local, dask = runs["local"], runs["dask"]
    assert [(c.source, c.sha256, c.json, c.note) for c in dask] == [
        (c.source, c.sha256, c.json, c.note) for c in local
    ]
    assert [c.failed for c in dask] == [c.failed for c in local]
    assert sum(c.json is not None for c in dask) == 6
