"""A warm LibreOffice for ``.doc/.rtf/.odt`` in batch workers: same layout as the one-shot path,
restarted when it dies, stopped past the time limit, and nothing left behind."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from resparse.errors import LimitExceededError
from resparse.extract import convert, office, read_layout, scratch
from resparse.layout import SourceInfo
from resparse.limits import DEFAULT_LIMITS
from support import SAMPLES

pytestmark = pytest.mark.skipif(
    not office.available(), reason="LibreOffice with its UNO bindings (python3-uno) is not installed"
)
DOC = SAMPLES / "000_858972ccd0d0de21.doc"


@pytest.fixture
def warm() -> office.Office:
    started = office.Office()
    yield started
    started.stop()


def _convert(started: office.Office, path: Path, seconds: float = 60) -> bytes:
    return started.convert(path.read_bytes(), path.suffix[1:], seconds, "Word 97 .doc", 10**9)


@pytest.mark.parametrize(
    "name", ["004_493f23bf5003ad19.doc", "004_493f23bf5003ad19.rtf", "000_858972ccd0d0de21.odt"]
)
def test_warm_conversion_reads_as_the_one_shot_one(name: str, warm: office.Office) -> None:
    path = SAMPLES / name
    fmt = path.suffix[1:]
    source = SourceInfo(path=name, format=fmt, sha256="0")
    one_shot = convert.read(path.read_bytes(), source, DEFAULT_LIMITS)
    from resparse.extract import docx

    warm_layout = docx.read(_convert(warm, path), source, DEFAULT_LIMITS)
    assert warm_layout.model_dump() == one_shot.model_dump()


def test_a_dead_office_is_restarted_for_the_next_file(warm: office.Office) -> None:
    first = _convert(warm, DOC)
    assert warm.alive()
    warm._process.kill()  # a document crashed it
    warm._process.wait()
    assert not warm.alive()
    assert _convert(warm, DOC)[:2] == first[:2] == b"PK"
    assert warm.alive()


def test_past_the_time_limit_the_office_is_killed_and_the_file_refused(warm: office.Office) -> None:
    _convert(warm, DOC)
    with pytest.raises(LimitExceededError, match="LibreOffice took longer than"):
        _convert(warm, SAMPLES / "004_493f23bf5003ad19.rtf", seconds=0.001)
    assert not warm.alive()
    assert _convert(warm, DOC).startswith(b"PK")  # and the next file gets a fresh one


def test_stop_leaves_no_process_and_no_profile(warm: office.Office) -> None:
    _convert(warm, DOC)
    process, folder = warm._process, warm._folder
    assert folder is not None and folder.is_dir()
    warm.stop()
    assert process.poll() is not None
    assert not folder.exists()


def test_one_extract_keeps_the_one_shot_path() -> None:
    assert convert._WARM is False
    assert read_layout(DOC).source.format == "doc"


def test_a_batch_of_doc_files_shares_one_office_per_worker_and_leaves_none(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for copy in range(3):
        shutil.copy(DOC, inputs / f"{copy}.doc")
    output = tmp_path / "out.jsonl"
    resparse = Path(sys.executable).with_name("resparse")
    before = set(Path("/tmp").glob("resparse-office-*"))
    subprocess.run([str(resparse), "batch", str(inputs), "-o", str(output), "-j", "1", "-q"], check=True)
    documents = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert len(documents) == 3
    assert len({json.dumps({**d, "source": None}, sort_keys=True) for d in documents}) == 1
    assert set(Path("/tmp").glob("resparse-office-*")) <= before
    assert not any("resparse-office-" in _command_line(pid) for pid in os.listdir("/proc") if pid.isdigit())


def _command_line(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def test_an_office_that_cannot_start_leaves_the_one_shot_path(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def convert(self, *args: object) -> bytes:
            raise office.StartError("LibreOffice did not start")

    monkeypatch.setattr(convert, "_WARM", True)
    monkeypatch.setattr(office, "office", Broken)
    source = SourceInfo(path=DOC.name, format="doc", sha256="0")
    layout = convert.read(DOC.read_bytes(), source, DEFAULT_LIMITS)
    assert layout.paragraphs() and convert._WARM is False  # and later files go one-shot at once


def test_the_profile_of_a_killed_worker_is_swept_by_the_next_office(warm: office.Office) -> None:
    """A worker killed with SIGKILL runs no clean-up: the next office removes what it left."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    left = Path(tempfile.gettempdir()) / f"resparse-office-{child.pid}-x1"
    (left / "profile").mkdir(parents=True)
    mine = scratch.make("office")  # a living process's folder stays
    try:
        child.kill()
        child.wait()
        warm.stop()
        _convert(warm, DOC)
        assert not left.exists()
        assert mine.is_dir() and warm._folder is not None and warm._folder.is_dir()
    finally:
        shutil.rmtree(mine, ignore_errors=True)
        shutil.rmtree(left, ignore_errors=True)
