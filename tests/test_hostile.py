"""Hostile and broken files through the real command line.

Every case builds its files in ``tmp_path`` and runs the installed ``resparse`` in a
subprocess, checking what a user sees: one line ``resparse: FILE: reason``, the exit code
(1 for failed documents, 2 for usage errors), no traceback, bounded time, and — for archives —
that nothing is written outside OUT whatever the members are called.
"""

from __future__ import annotations

import contextlib
import json
import random
import re
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
from hostile_files import (
    PNG_HEAD,
    sample,
    tar_bytes,
    tar_special,
    zip_bytes,
    zip_with_raw_name,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resparse.emit import to_data
from resparse.errors import InputError, LimitExceededError
from resparse.limits import MB, time_limit
from resparse.pipeline import extract

RESPARSE = Path(sys.executable).parent / "resparse"
TIME_LIMIT = 120.0
TEXT = "РЕКОМЕНДАЦИИ\n\n1. Комитету по печати обеспечить публикацию материалов.\n".encode()


def run(*args: str | Path, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real CLI; fail the test if it takes too long or prints a traceback."""
    started = time.monotonic()
    result = subprocess.run(
        [str(RESPARSE), *map(str, args)],
        cwd=cwd,
        input=stdin.decode("utf-8") if stdin is not None else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIME_LIMIT,
        check=False,
    )
    assert time.monotonic() - started < TIME_LIMIT
    assert "Traceback" not in result.stderr, result.stderr
    return result


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("resparse: ")]


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file() or p.is_symlink()}


# ----------------------------------------------------------------------------- extract: broken files


def _cut(path: Path) -> bytes:
    data = path.read_bytes()
    return data[: len(data) // 2]


HOSTILE_FILES = {
    "empty.txt": (lambda: b"", "file is empty"),
    "random.bin": (lambda: random.Random(7).randbytes(4096), "not a document (looks like binary data)"),
    "picture.pdf": (lambda: PNG_HEAD + bytes(200), "not a document (looks like PNG image)"),
    "truncated.docx": (lambda: _cut(sample(".docx")), "damaged DOCX"),
    "truncated.pdf": (lambda: _cut(sample(".pdf")), "damaged PDF"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_extract_refuses_a_hostile_file_in_one_line(tmp_path: Path, name: str) -> None:
    build, reason = HOSTILE_FILES[name]
    (tmp_path / name).write_bytes(build())
    result = run("extract", name, "-f", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"resparse: {name}: {reason}"), lines[0]


def test_a_pdf_named_docx_is_read_as_pdf(tmp_path: Path) -> None:
    (tmp_path / "actually-a.docx").write_bytes(sample(".pdf").read_bytes())
    result = run("extract", "actually-a.docx", "-f", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"]["format"] == "pdf"


# ----------------------------------------------------------------------------- extract: the command


def test_extract_reads_stdin(tmp_path: Path) -> None:
    result = run("extract", "-", "-f", "json", cwd=tmp_path, stdin=sample(".txt").read_bytes())
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"]["path"] == "-" and data["kind"] == "recommendations"


def test_extract_several_files_make_a_list(tmp_path: Path) -> None:
    result = run("extract", sample(".txt"), sample(".txt", 2), "-f", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 2


def test_extract_jsonl_is_one_object_per_line(tmp_path: Path) -> None:
    result = run("extract", sample(".txt"), sample(".txt", 2), "-f", "jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["source"]["path"] for line in lines] == [
        str(sample(".txt")),
        str(sample(".txt", 2)),
    ]


def test_extract_stops_a_document_past_its_time_limit(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_bytes(TEXT)
    (tmp_path / "roadmap.pdf").write_bytes(sample(".pdf", index=4).read_bytes())
    result = run("extract", "roadmap.pdf", "good.txt", "-f", "json", "--timeout", "0.001", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        error_lines(result.stderr)[0]
        == "resparse: roadmap.pdf: took longer than 0.001 s of CPU time (stopped; --timeout)"
    )


def test_time_limit_interrupts_and_then_disarms() -> None:
    started = time.monotonic()
    with pytest.raises(LimitExceededError, match=r"took longer than 0\.2 s"), time_limit(0.2):
        time.sleep(5)
    assert time.monotonic() - started < 2
    with time_limit(0.2):
        pass
    time.sleep(0.3)  # the alarm was cancelled: nothing fires here


def test_extract_missing_file(tmp_path: Path) -> None:
    result = run("extract", "nosuch.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["resparse: nosuch.txt: no such file"]


def test_extract_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = run("extract", sample(".txt"), "--format", "xml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""


def test_extract_good_and_bad_files_together(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("extract", sample(".txt"), "empty.txt", "-f", "jsonl", cwd=tmp_path)
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr.splitlines() == ["resparse: empty.txt: file is empty"]


# ----------------------------------------------------------------------------- batch: archives


def test_batch_zip_traversal_names_stay_inside_out(tmp_path: Path) -> None:
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "evil.zip").write_bytes(
        zip_bytes([("../../evil.txt", TEXT), ("/etc/evil.docx", TEXT), ("..\\..\\win.txt", TEXT)])
    )
    before = files_under(tmp_path)
    result = run("batch", "evil.zip", "-o", "out", "-q", cwd=tmp_path / "work")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "work" / "out"
    assert files_under(tmp_path) - before == set(out.iterdir())
    assert sorted(p.name for p in out.iterdir()) == [
        "evil.zip__etc__evil.docx.json",
        "evil.zip__evil.txt.json",
        "evil.zip__win.txt.json",
    ]
    paths = {json.loads(p.read_text(encoding="utf-8"))["source"]["path"] for p in out.iterdir()}
    assert paths == {"evil.zip!../../evil.txt", "evil.zip!/etc/evil.docx", "evil.zip!..\\..\\win.txt"}


def test_batch_tar_symlink_and_absolute_member(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(TEXT)
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "t.tar").write_bytes(
        tar_bytes(
            [
                tar_special("link.txt", tarfile.SYMTYPE, str(outside)),
                tar_special("up.txt", tarfile.SYMTYPE, "../../outside.txt"),
                ("/tmp/abs-evil.txt", TEXT),
            ]
        )
    )
    before = files_under(tmp_path)
    result = run("batch", "t.tar", "-o", "out", cwd=tmp_path / "work")
    assert result.returncode == 0, result.stderr
    assert error_lines(result.stderr) == [
        "resparse: t.tar!link.txt: skipped a symbolic link (not followed)",
        "resparse: t.tar!up.txt: skipped a symbolic link (not followed)",
    ]
    out = tmp_path / "work" / "out"
    assert files_under(tmp_path) - before == set(out.iterdir())
    assert [p.name for p in out.iterdir()] == ["t.tar__tmp__abs-evil.txt.json"]
    assert not Path("/tmp/abs-evil.txt").exists()


def test_batch_nested_archives_and_depth_limit(tmp_path: Path) -> None:
    inner = zip_bytes([("deep.txt", TEXT)])
    middle = tar_bytes([("inner.zip", inner)], "w:gz")
    (tmp_path / "outer.zip").write_bytes(zip_bytes([("middle.tar.gz", middle)]))
    result = run("batch", "outer.zip", "-o", "out", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    record = json.loads((tmp_path / "out" / "outer.zip__middle.tar.gz__inner.zip__deep.txt.json").read_text())
    assert record["source"]["path"] == "outer.zip!middle.tar.gz!inner.zip!deep.txt"

    result = run("batch", "outer.zip", "-o", "out2", "-q", "--max-depth", "2", cwd=tmp_path)
    assert result.returncode == 1
    assert error_lines(result.stderr) == [
        "resparse: outer.zip!middle.tar.gz!inner.zip: archive nested more than 2 levels deep (not opened)"
    ]


def test_batch_cp866_member_name(tmp_path: Path) -> None:
    (tmp_path / "win.zip").write_bytes(zip_with_raw_name("Решения/решение №1.txt".encode("cp866"), TEXT))
    result = run("batch", "win.zip", "-o", "out.jsonl", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    record = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert record["source"]["path"] == "win.zip!Решения/решение №1.txt"


def test_batch_zip_bomb_member_is_refused_good_neighbours_converted(tmp_path: Path) -> None:
    bomb = zip_bytes(
        [("bomb.txt", b"\0" * (4 * MB)), ("good.txt", TEXT), ("good.docx", sample(".docx").read_bytes())]
    )
    assert len(bomb) < 200_000
    (tmp_path / "bomb.zip").write_bytes(bomb)
    result = run("batch", "bomb.zip", "-o", "out", "--max-part-mb", "1", cwd=tmp_path)
    assert result.returncode == 1
    assert error_lines(result.stderr) == [
        "resparse: bomb.zip!bomb.txt: archive member expands beyond the 1 MB limit"
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "bomb.zip__good.docx.json",
        "bomb.zip__good.txt.json",
    ]
    failures = [json.loads(line) for line in (tmp_path / "out.failures.jsonl").read_text().splitlines()]
    assert failures == [
        {"source": "bomb.zip!bomb.txt", "reason": "archive member expands beyond the 1 MB limit"}
    ]


# ----------------------------------------------------------------------------- batch: the command


def test_batch_resume_skips_converted_documents(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for index in (1, 2):
        (tmp_path / "in" / f"{index}.txt").write_bytes(sample(".txt", index).read_bytes())
    assert run("batch", "in", "-o", "out", "-q", cwd=tmp_path).returncode == 0
    (tmp_path / "out" / "2.txt.json").unlink()
    result = run("batch", "in", "-o", "out", "--resume", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 document: 1 ok" in result.stderr and "1 skipped" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["1.txt.json", "2.txt.json"]

    assert run("batch", "in", "-o", "all.jsonl", "-q", cwd=tmp_path).returncode == 0
    result = run("batch", "in", "-o", "all.jsonl", "--resume", cwd=tmp_path)
    assert "0 documents" in result.stderr and "2 skipped" in result.stderr
    assert len((tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_batch_mixed_good_and_bad_with_two_workers(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for suffix in (".txt", ".docx", ".pdf"):
        (folder / f"good{suffix}").write_bytes(sample(suffix).read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "picture.pdf").write_bytes(PNG_HEAD + bytes(100))
    (folder / "half.docx").write_bytes(_cut(sample(".docx")))
    (folder / "~$good.docx").write_bytes(b"\0lock")
    (folder / "docs.zip").write_bytes(zip_bytes([("a.txt", TEXT), ("b.txt", b"")]))
    result = run("batch", "in", "-o", "out", "-j", "2", cwd=tmp_path)
    assert result.returncode == 1
    failed = sorted(error_lines(result.stderr))
    assert failed == [
        "resparse: in/docs.zip!b.txt: file is empty",
        "resparse: in/empty.txt: file is empty",
        "resparse: in/half.docx: damaged DOCX (not a complete ZIP package)",
        "resparse: in/picture.pdf: not a document (looks like PNG image)",
    ]
    assert re.search(r"8 documents: 4 ok \(\d+ with warnings\), 4 failed", result.stderr), result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["docs.zip__a.txt.json", "good.docx.json", "good.pdf.json", "good.txt.json"]
    formats = {json.loads((tmp_path / "out" / n).read_text())["source"]["format"] for n in names}
    assert formats == {"txt", "docx", "pdf"}
    assert len((tmp_path / "out.failures.jsonl").read_text().splitlines()) == 4


def test_batch_output_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "out.json").write_text("{}")
    result = run("batch", sample(".txt"), "-o", "out.json", cwd=tmp_path)
    assert result.returncode == 2


def test_batch_missing_input(tmp_path: Path) -> None:
    result = run("batch", "nosuch", "-o", "out", "-q", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["resparse: nosuch: no such file"]


# ----------------------------------------------------------------------------- properties

_HEADS = [
    b"",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"<html>",
    b"\x89PNG",
]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    head=st.sampled_from(_HEADS),
    body=st.binary(max_size=3000),
    name=st.sampled_from(["x.bin", "x.docx", "x.pdf"]),
)
def test_random_bytes_raise_only_input_errors(head: bytes, body: bytes, name: str) -> None:
    data = head + body
    with contextlib.suppress(InputError):  # anything else escaping is the bug this test hunts
        extract(data, name=name)


@pytest.mark.parametrize("data", [b"\xff\xfe\x00\x00\x00", b"\xff\xfeA\x00\x00\xd8"])
def test_invalid_utf16_after_a_bom_is_read_or_refused_cleanly(data: bytes) -> None:
    """Odd length, or a lone surrogate at the end: a document or an InputError, nothing else."""
    with contextlib.suppress(InputError):
        document = extract(data, name="x.txt")
        assert document.source.format == "txt"


_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_WORD = st.text(alphabet=_LOWER + _LOWER.upper(), min_size=1, max_size=12)
_MARKER = st.sampled_from(["", "", "1. ", "2.1. ", "3) ", "а) ", "- ", "• "])
_LINE = st.builds(
    lambda marker, words, end: marker + " ".join(words) + end,
    _MARKER,
    st.lists(_WORD, min_size=1, max_size=12),
    st.sampled_from(["", ".", ";", ":", ","]),
)
_HEADER = st.sampled_from(["", "РЕКОМЕНДАЦИИ\n", "РЕЗОЛЮЦИЯ\n", "ПЛАН МЕРОПРИЯТИЙ\n", "РЕШЕНИЕ\n"])
_DOCUMENT = st.builds(
    lambda header, lines: header + "\n".join(lines), _HEADER, st.lists(_LINE, min_size=1, max_size=25)
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_DOCUMENT)
def test_every_russian_word_reaches_the_output(text: str) -> None:
    try:
        document = extract(text.encode("utf-8"), name="x.txt")
    except InputError:
        return
    output = json.dumps(to_data(document), ensure_ascii=False)
    missing = [w for w in re.findall(r"[А-ЯЁа-яё]{4,}", text) if w not in output]
    assert not missing, missing
