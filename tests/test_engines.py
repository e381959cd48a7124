"""The public execution API, :func:`resparse.batch.convert`, on the local engine.

What ``registry build`` relies on: one :class:`Converted` per thing found, in input order
whatever order the workers finish in, the sha256 of each document's bytes, ``skip`` by sha256,
failures as one line, notes for what is not a document.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
from hostile_files import (
    BOOM_MARK,
    HANG_MARK,
    SLOW_MARK,
    hostile_extract,
    process_is_gone,
    tar_bytes,
    tar_special,
    zip_bytes,
)

import resparse.batch
from resparse.batch import Converted, convert
from resparse.batch.procs import descendants
from resparse.limits import Limits

TEXT = "РЕКОМЕНДАЦИИ\n\n1. Комитету по печати обеспечить публикацию материалов.\n".encode()


def test_convert_yields_every_document_in_input_order(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_slow.txt").write_bytes(TEXT + SLOW_MARK + b" 1.5\n")
    (folder / "b.txt").write_bytes(TEXT + b"b\n")
    (folder / "c_boom.txt").write_bytes(TEXT + BOOM_MARK)
    (folder / "d.zip").write_bytes(
        zip_bytes([("inner/e.txt", TEXT + b"e\n"), ("f.txt", b"PK\x03\x04broken")])
    )
    results = list(convert([folder], limits=Limits(), jobs=3, _extract=hostile_extract))
    assert [r.source for r in results] == [
        str(folder / "a_slow.txt"),
        str(folder / "b.txt"),
        str(folder / "c_boom.txt"),
        f"{folder / 'd.zip'}!inner/e.txt",
        f"{folder / 'd.zip'}!f.txt",
    ]
    slow, plain, boom, member, _ = results
    assert slow.reason is None and json.loads(slow.json or "")["source"]["path"] == slow.source
    assert plain.sha256 == hashlib.sha256((folder / "b.txt").read_bytes()).hexdigest()
    assert plain.parts == ("b.txt",) and member.parts == ("d.zip", "inner", "e.txt")
    assert member.sha256 == hashlib.sha256(TEXT + b"e\n").hexdigest()
    assert (plain.json or "").count("\n") == 1 and plain.json.endswith("\n")  # type: ignore[union-attr]
    assert boom.failed and boom.json is None
    assert boom.reason == "internal error (RuntimeError: kaboom second line)"


def test_skip_by_sha256_is_not_converted(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(TEXT + name.encode())
    known = hashlib.sha256(TEXT + b"a.txt").hexdigest()
    asked: list[str] = []

    def skip(sha: str) -> bool:
        asked.append(sha)
        return sha == known

    results = list(convert([tmp_path / "a.txt", tmp_path / "b.txt"], limits=Limits(), jobs=1, skip=skip))
    assert len(asked) == 2
    first, second = results
    assert first == Converted(str(tmp_path / "a.txt"), ("a.txt",), known, skipped=True)
    assert second.json is not None and not second.skipped


def test_notes_and_unreadable_inputs(tmp_path: Path) -> None:
    archive = tmp_path / "a.tar"
    archive.write_bytes(tar_bytes([tar_special("link", tarfile.SYMTYPE, "/etc/passwd"), ("x.txt", TEXT)]))
    results = list(convert([tmp_path / "missing.txt", archive], limits=Limits(), jobs=1))
    assert [(r.note, r.failed, r.json is not None) for r in results] == [
        ("unread", False, False),
        ("ignored", False, False),
        (None, False, True),
    ]
    assert results[0].reason == "no such file"


def test_pretty_json_is_what_a_folder_holds(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT)
    (result,) = convert([tmp_path / "a.txt"], limits=Limits(), jobs=1, pretty=True)
    assert result.json is not None and result.json.startswith("{\n  ")
    resparse.batch.run_batch([tmp_path / "a.txt"], tmp_path / "out", quiet=True)
    assert (tmp_path / "out" / "a.txt.json").read_text(encoding="utf-8") == result.json


def test_closing_the_generator_stops_the_workers(tmp_path: Path) -> None:
    (tmp_path / "0.txt").write_bytes(TEXT + SLOW_MARK + b" 0.1\n")
    for index in range(1, 4):
        (tmp_path / f"{index}.txt").write_bytes(TEXT + SLOW_MARK + b" 60\n")
    started = time.monotonic()
    results = convert([tmp_path], limits=Limits(), jobs=2, _extract=hostile_extract)
    assert next(results).source == str(tmp_path / "0.txt")
    results.close()
    assert time.monotonic() - started < 20


def test_unknown_engine_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT)
    with pytest.raises(ValueError, match="engine must be one of local, dask"):
        list(convert([tmp_path / "a.txt"], limits=Limits(), engine="spark"))


def test_all_is_complete_and_every_name_loads() -> None:
    """The package's names load on first use (``__getattr__``): each one named is there."""
    assert set(resparse.batch.__all__) == {name for name in resparse.batch._LAZY if not name.startswith("_")}
    for name in resparse.batch.__all__:
        assert getattr(resparse.batch, name) is not None
    with pytest.raises(AttributeError):
        resparse.batch.no_such_name  # noqa: B018


def test_the_dask_engine_without_dask_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer

    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    (tmp_path / "a.txt").write_bytes(TEXT)
    with pytest.raises(typer.BadParameter, match=r"pip install 'resparse\[dask\]'"):
        list(convert([tmp_path / "a.txt"], limits=Limits(), engine="dask"))


HANG_SCRIPT = """
import sys
from pathlib import Path
from hostile_files import hostile_extract
from resparse.batch import run_batch
run_batch([Path(sys.argv[1])], Path(sys.argv[2]), jobs=1, quiet=True, _extract=hostile_extract)
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_batch_killed_outright_leaves_no_worker_reading_on(tmp_path: Path) -> None:
    """Nobody polices a worker whose batch was killed (SIGKILL: no ``finally``): it ends itself."""
    (tmp_path / "hang.txt").write_bytes(TEXT + HANG_MARK)
    tests = Path(__file__).parent
    command = [sys.executable, "-c", HANG_SCRIPT, str(tmp_path / "hang.txt"), str(tmp_path / "out")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tests), str(tests.parent)])}
    batch = subprocess.Popen(command, env=env)
    try:
        deadline = time.monotonic() + 60
        spinning: list[int] = []
        while not spinning and time.monotonic() < deadline:
            time.sleep(0.5)
            spinning = [pid for pid in descendants(batch.pid) if _cpu_seconds(pid) > 0.5]
        assert spinning, "the worker never started"
    finally:
        batch.kill()
        batch.wait()
    deadline = time.monotonic() + 10
    while not all(process_is_gone(pid) for pid in spinning) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert all(process_is_gone(pid) for pid in spinning)


def _cpu_seconds(pid: int) -> float:
    from resparse.batch.procs import usage

    measured = usage(pid)
    return measured[0] if measured else 0.0
