"""Hostile files, round two (issue 12): reading outside the input, tracebacks, amplification.

Like :mod:`test_hostile`, every case builds its few-KB file in ``tmp_path`` and runs the real
command line, checking the exit code and that a failure is one line ``resparse: FILE: reason``
with no traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

from test_hostile import TEXT, error_lines, run

# ----------------------------------------------------------------------------- reading outside the input


def test_batch_folder_link_pointing_outside_is_skipped(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(TEXT)
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "doc.txt").write_bytes(TEXT)
    (folder / "secret.txt").symlink_to(secret)
    (folder / "passwd").symlink_to("/etc/passwd")
    (folder / "sub" / "again.txt").symlink_to("../doc.txt")  # inside: fine (and read once)
    (folder / "sub" / "twin.txt").write_bytes(TEXT.replace(b"1.", b"2."))
    (folder / "sub" / "inner.txt").symlink_to("twin.txt")
    result = run("batch", "in", "-o", "out", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert error_lines(result.stderr) == [
        "resparse: in/passwd: skipped a symbolic link to a file outside the folder (not followed)",
        "resparse: in/secret.txt: skipped a symbolic link to a file outside the folder (not followed)",
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["doc.json", "sub__inner.json"]
    # a file named on the command line is what the user asked for, link or not
    result = run("batch", "in/secret.txt", "-o", "out2.jsonl", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "out2.jsonl").read_text())["source"]["path"] == "in/secret.txt"
