"""Issue 12's hostile corpus as one batch, with good documents among it: every case ends in one
line naming its real reason (or converts), the good documents are converted, nothing outside the
input is read, and the whole process tree stays under 1 GB while it runs."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest
from hostile_corpus import CASES, write_corpus
from hostile_files import sample
from test_hostile import RESPARSE, error_lines

from resparse.batch.procs import descendants

pytestmark = pytest.mark.slow  # a developer may skip it: pytest -m "not slow"

TREE_LIMIT = 1024 * 1024 * 1024
"""Peak resident memory of resparse and every process it starts, together."""
CAP_MB, TIMEOUT_S = 800, 5
"""The batch's limits: the worker's address space cap and CPU seconds per document."""
_PAGE = os.sysconf("SC_PAGE_SIZE")
Run = tuple[Path, "subprocess.CompletedProcess[str]", int]
"""The batch's folder, its result, and the peak memory of its process tree."""


def _resident(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as stream:
            return int(stream.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


class TreeWatch(threading.Thread):
    """Samples the resident memory of a process and its descendants until it exits."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        super().__init__(daemon=True)
        self.process, self.peak = process, 0

    def run(self) -> None:
        while self.process.poll() is None:
            pids = [self.process.pid, *descendants(self.process.pid)]
            self.peak = max(self.peak, sum(_resident(pid) for pid in pids))
            time.sleep(0.02)


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("hostile-corpus")
    folder = root / "in"
    write_corpus(folder)
    for good in (sample(".docx"), sample(".pdf", 4)):
        (folder / good.name).write_bytes(good.read_bytes())
    (root / "secret.txt").write_bytes("РЕКОМЕНДАЦИИ\n\n1. Тайное поручение.\n".encode())
    (folder / "link.txt").symlink_to(root / "secret.txt")
    command = [str(RESPARSE), "batch", "in", "-o", "out.jsonl", "-j", "1"]
    command += ["--timeout", str(TIMEOUT_S), "--max-memory-mb", str(CAP_MB)]
    process = subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    watch = TreeWatch(process)
    watch.start()
    out, err = process.communicate(timeout=240)
    watch.join()
    result = subprocess.CompletedProcess(command, process.returncode, out.decode(), err.decode())
    return root, result, watch.peak


def test_every_hostile_case_ends_in_one_line_naming_its_reason(outcome: Run) -> None:
    _, result, _ = outcome
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = {line.split(": ", 2)[1]: line.split(": ", 2)[2] for line in error_lines(result.stderr)}
    for name, (_, reasons) in CASES.items():
        key = f"in/{name}"
        if reasons:
            assert key in lines and any(reason in lines[key] for reason in reasons), (name, lines.get(key))
        else:
            assert key not in lines, (name, lines[key])


def test_good_documents_among_them_are_converted(outcome: Run) -> None:
    root, _, _ = outcome
    sources = [json.loads(line)["source"]["path"] for line in (root / "out.jsonl").read_text().splitlines()]
    converted = {Path(path).name for path in sources}
    assert {sample(".docx").name, sample(".pdf", 4).name} <= converted
    assert {name for name, (_, reasons) in CASES.items() if not reasons} <= converted


def test_nothing_outside_the_input_is_read(outcome: Run) -> None:
    root, result, _ = outcome
    assert "Тайное" not in (root / "out.jsonl").read_text(encoding="utf-8")
    assert any("link.txt" in line and "outside the folder" in line for line in result.stderr.splitlines())


def test_the_whole_process_tree_stays_under_one_gigabyte(outcome: Run) -> None:
    _, _, peak = outcome
    print(f"peak of the process tree: {peak / 2**20:.0f} MB")
    assert 0 < peak < TREE_LIMIT, f"{peak / 2**20:.0f} MB"
