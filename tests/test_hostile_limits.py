"""Hard limits (issue 12): every command reads each document in a supervised worker, under an
address-space limit (``--max-memory-mb``) and a CPU-time limit enforced from outside (``--timeout``,
with a wall-clock backstop), so a document that would exceed them ends in one line and exit 1.

The files are generated here in ``tmp_path``: a long text whose rules cost seconds of CPU, and a
big one whose reading takes more memory than the limit given.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_files import (
    MEMORY_MARK,
    SLEEP_MARK,
    declared_bomb_zip,
    hostile_extract,
    image_bomb_pdf,
    overlapping_zip,
    tar_bytes,
)
from test_hostile import RESPARSE, TEXT, error_lines, run

from resparse.batch import run_batch
from resparse.batch.inputs import Broken, WalkOptions, walk_bytes
from resparse.errors import LimitExceededError
from resparse.limits import WALL_CLOCK_FACTOR, Limits

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")

POINT = "1. Комитету по делам молодёжи Ленинградской области обеспечить проведение мероприятия до 1 декабря 2024 года.\n"
MEMORY_MB = 400
CPU_REASON = "took longer than 1 s of CPU time (stopped; --timeout)"
MEMORY_REASON = f"exceeds the {MEMORY_MB} MB memory limit (--max-memory-mb)"


def long_text(points: int) -> bytes:
    """A recommendation of ``points`` points: a few hundred KB whose rules cost seconds of CPU."""
    return ("РЕКОМЕНДАЦИИ\n\n" + POINT * points).encode()


_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[2:]).returncode\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(code)\n"
)


def run_measured(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float, int]:
    """Run resparse; its result, wall seconds and the peak RSS of the largest process it ran, in MB."""
    peak_file = cwd / f"peak-{time.monotonic_ns()}"
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(peak_file), str(RESPARSE), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    seconds = time.monotonic() - started
    assert "Traceback" not in result.stderr, result.stderr
    return result, seconds, int(peak_file.read_text()) // 1024


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("limits")
    (folder / "good.txt").write_bytes(TEXT)
    (folder / "slow.txt").write_bytes(long_text(3000))
    (folder / "big.txt").write_bytes(long_text(40 * 2**20 // len(POINT.encode())))
    return folder


def _command(command: str, name: str) -> list[str]:
    if command == "extract":
        return ["extract", name, "good.txt", "-f", "json"]
    if command == "layout":
        return ["layout", name, "--explain"]
    return ["batch", name, "good.txt", "-o", f"out-{name}.jsonl", "-q", "-j", "1"]


@pytest.mark.parametrize("command", ["extract", "layout", "batch"])
def test_timeout_counts_cpu_time_and_holds(files: Path, command: str) -> None:
    result, seconds, _ = run_measured(*_command(command, "slow.txt"), "--timeout", "1", cwd=files)
    assert result.returncode == 1
    assert error_lines(result.stderr) == [f"resparse: slow.txt: {CPU_REASON}"]
    assert seconds < 1 + 4
    _good_one_converted(files, command, result.stdout, "slow.txt")


@pytest.mark.parametrize("command", ["extract", "layout", "batch"])
def test_memory_limit_holds(files: Path, command: str) -> None:
    args = [*_command(command, "big.txt"), "--max-memory-mb", str(MEMORY_MB), "--timeout", "30"]
    result, seconds, peak = run_measured(*args, cwd=files)
    assert result.returncode == 1
    assert error_lines(result.stderr) == [f"resparse: big.txt: {MEMORY_REASON}"]
    assert seconds < 10
    assert peak < MEMORY_MB + 50
    _good_one_converted(files, command, result.stdout, "big.txt")


def _good_one_converted(files: Path, command: str, stdout: str, name: str) -> None:
    if command == "extract":
        assert json.loads(stdout)[0]["source"]["path"] == "good.txt"
    elif command == "batch":
        lines = (files / f"out-{name}.jsonl").read_text().splitlines()
        assert [json.loads(line)["source"]["path"] for line in lines] == ["good.txt"]


def test_good_documents_read_under_the_default_limits(files: Path) -> None:
    result, _, peak = run_measured("extract", "good.txt", "-f", "json", cwd=files)
    assert result.returncode == 0, result.stderr
    assert peak < 1024


def test_a_worker_that_sleeps_is_stopped_by_the_wall_clock(tmp_path: Path) -> None:
    (tmp_path / "a_sleep.txt").write_bytes(TEXT + SLEEP_MARK)
    (tmp_path / "b_good.txt").write_bytes(TEXT)
    started = time.monotonic()
    report = run_batch(
        [tmp_path / "a_sleep.txt", tmp_path / "b_good.txt"],
        tmp_path / "out.jsonl",
        jobs=1,
        quiet=True,
        limits=Limits(seconds_per_document=0.5),
        _extract=hostile_extract,
    )
    assert 0.5 * WALL_CLOCK_FACTOR <= time.monotonic() - started < 0.5 * WALL_CLOCK_FACTOR + 5
    reason = f"took longer than {0.5 * WALL_CLOCK_FACTOR:g} s of wall-clock time, {WALL_CLOCK_FACTOR} × --timeout (stopped)"
    assert report.failures == [(str(tmp_path / "a_sleep.txt"), reason)]
    assert report.ok == 1


def test_a_memory_error_retires_the_worker_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a_hoard.txt").write_bytes(TEXT + MEMORY_MARK + b" 600\n")
    (tmp_path / "b_good.txt").write_bytes(TEXT)
    (tmp_path / "c_small.txt").write_bytes(TEXT + MEMORY_MARK + b" 20\n")
    report = run_batch(
        [tmp_path / "a_hoard.txt", tmp_path / "b_good.txt", tmp_path / "c_small.txt"],
        tmp_path / "out.jsonl",
        jobs=1,
        quiet=True,
        limits=Limits(max_memory_bytes=MEMORY_MB * 2**20),
        _extract=hostile_extract,
    )
    assert report.failures == [(str(tmp_path / "a_hoard.txt"), MEMORY_REASON)]
    assert report.ok == 2


@pytest.mark.parametrize("command", ["extract", "layout", "batch"])
def test_limits_must_be_positive(tmp_path: Path, command: str) -> None:
    (tmp_path / "good.txt").write_bytes(TEXT)
    result = subprocess.run(
        [str(RESPARSE), *_command(command, "good.txt"), "--max-memory-mb", "0"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "--max-memory-mb" in result.stderr


# ----------------------------------------------------------------------------- archive expansion


def test_a_zip_of_overlapping_members_is_refused_whole(files: Path) -> None:
    (files / "overlap.zip").write_bytes(overlapping_zip(2000, long_text(3000)))
    result, seconds, peak = run_measured(
        "batch", "overlap.zip", "good.txt", "-o", "out-overlap", "-q", cwd=files
    )
    assert result.returncode == 1
    assert error_lines(result.stderr) == [
        "resparse: overlap.zip: ZIP archive has members that overlap (a zip bomb? not read)"
    ]
    assert sorted(p.name for p in (files / "out-overlap").iterdir()) == ["good.txt.json"]
    assert seconds < 10 and peak < 1024


def test_a_zip_declaring_too_much_is_refused_whole(files: Path) -> None:
    (files / "declared.zip").write_bytes(declared_bomb_zip(10, 150 * 2**20))
    result = run("batch", "declared.zip", "good.txt", "-o", "out-declared", "-q", cwd=files)
    assert result.returncode == 1
    assert error_lines(result.stderr) == [
        "resparse: declared.zip: archive members declare 1500 MB, more than the 1024 MB total limit "
        "(a zip bomb? not read)"
    ]


def test_what_an_archive_really_expands_to_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("resparse.batch.inputs.archive_expansion_limit", lambda size: 10 * 2**20)
    members = [(f"d{i}.txt", TEXT + b" " * (3 * 2**20)) for i in range(5)]
    items = list(
        walk_bytes(tar_bytes(members, "w:gz"), "bomb.tar.gz", ("bomb.tar.gz",), WalkOptions(Limits()))
    )
    assert [type(item).__name__ for item in items] == ["Found"] * 3 + ["Broken"]
    assert items[-1] == Broken(
        "bomb.tar.gz", "archive expands beyond the 10 MB total limit (a zip bomb? the rest were not read)"
    )


# ----------------------------------------------------------------------------- image bombs


def test_an_image_bomb_is_refused_before_it_is_rendered() -> None:
    from resparse.extract.pdf.ocr_source import render as _render
    from resparse.extract.pdf.text_layer import open_pdf

    data = image_bomb_pdf(40_000)
    assert len(data) < 1_000_000
    pdf = open_pdf(data)
    started = time.monotonic()
    with pytest.raises(LimitExceededError, match=r"page 1 holds an image of 40,000 × 39,936 pixels"):
        _render(pdf, 0)
    assert time.monotonic() - started < 1
    pdf.close()
    small = open_pdf(image_bomb_pdf(2_000))  # a sane scan renders as before
    image, _, _ = _render(small, 0)
    assert image.width > 1000
    small.close()


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs Tesseract")
def test_an_image_bomb_is_one_line_from_the_command_line(files: Path) -> None:
    (files / "bomb.pdf").write_bytes(image_bomb_pdf(40_000))
    result, seconds, peak = run_measured("extract", "bomb.pdf", cwd=files)
    assert result.returncode == 1
    assert error_lines(result.stderr)[0].startswith("resparse: bomb.pdf: page 1 holds an image of 40,000")
    assert seconds < 10 and peak < 1024
