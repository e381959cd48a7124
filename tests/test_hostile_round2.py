"""Hostile files, round two (issue 12): reading outside the input, tracebacks, amplification.

Like :mod:`test_hostile`, every case builds its few-KB file in ``tmp_path`` and runs the real
command line, checking the exit code and that a failure is one line ``resparse: FILE: reason``
with no traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_files import (
    SLOW_MARK,
    deep_docx,
    deep_text,
    docx_bytes,
    glyph_bomb_pdf,
    numbered_docx,
    process_is_gone,
    rowspan_html,
    sample,
    sevenzip_bytes,
    tar_bytes,
    vmerge_docx,
    zip_bytes,
)
from rich.console import Console
from test_hostile import RESPARSE, TEXT, error_lines, run
from typer.testing import CliRunner

from resparse.batch import _descendants
from resparse.batch.archive_tar import MAX_TAR_HEADER_BYTES
from resparse.cli import app
from resparse.limits import MAX_ITEM_DEPTH, MAX_MERGED_TEXT
from resparse.pipeline import extract
from resparse.view import document_view

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
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["doc.txt.json", "sub__inner.txt.json"]
    # a file named on the command line is what the user asked for, link or not
    result = run("batch", "in/secret.txt", "-o", "out2.jsonl", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "out2.jsonl").read_text())["source"]["path"] == "in/secret.txt"


# ----------------------------------------------------------------------------- one line, never a traceback


def _depth(items: list[dict]) -> int:
    return 1 + max(map(_depth, (item["items"] for item in items)), default=0) if items else 0


@pytest.mark.parametrize(("name", "build"), [("deep.txt", deep_text), ("deep.docx", deep_docx)])
def test_points_nested_300_deep_are_brought_up_to_the_depth_limit(
    tmp_path: Path, name: str, build: Callable[[int], bytes]
) -> None:
    (tmp_path / name).write_bytes(build(300))
    for fmt in ("json", "yaml"):
        result = run("extract", name, "-f", fmt, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    document = json.loads(run("extract", name, "-f", "json", cwd=tmp_path).stdout)
    assert [_depth(block["items"]) for block in document["recommendations"]] == [MAX_ITEM_DEPTH]
    assert f"nested more than {MAX_ITEM_DEPTH} levels deep" in " ".join(document["warnings"])
    words = json.dumps(document, ensure_ascii=False)
    assert all(f"уровня {level}." in words for level in (1, 32, 33, 300))  # nothing dropped


def test_extract_output_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_bytes(TEXT)
    (tmp_path / "folder").mkdir()
    cases = {"folder": "Is a directory", "missing/x.json": "No such file or directory"}
    if Path("/dev/full").exists():
        cases["/dev/full"] = "No space left on device"
    for output, reason in cases.items():
        result = run("extract", "in.txt", "-o", output, cwd=tmp_path)
        assert result.returncode == 1
        assert result.stderr.splitlines() == [f"resparse: {output}: cannot write the output ({reason})"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", ["extract", "layout"])
def test_stdout_on_a_full_disk_is_one_line(tmp_path: Path, command: str) -> None:
    (tmp_path / "in.txt").write_bytes(TEXT)
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [str(RESPARSE), command, "in.txt"], cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "resparse: standard output: cannot write the output (No space left on device)"
    ]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_batch_jsonl_on_a_full_disk_stops_with_one_line(tmp_path: Path) -> None:
    for index in range(3):
        (tmp_path / f"in{index}.txt").write_bytes(TEXT)
    (tmp_path / "out.jsonl").symlink_to("/dev/full")
    result = run("batch", "in0.txt", "in1.txt", "in2.txt", "-o", "out.jsonl", "-j", "1", cwd=tmp_path)
    assert result.returncode == 1
    assert error_lines(result.stderr) == [
        "resparse: out.jsonl: cannot write the output (No space left on device)"
    ]
    assert result.stderr.splitlines()[-1].endswith("stopped: the output could not be written")


def test_layout_has_the_same_error_wrapper_as_extract(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OverflowError("cannot fit 'int' into an index-sized integer")

    monkeypatch.setattr("resparse.extract.read_layout", broken)
    # the worker must be a fork of this process to inherit the patch; a thread left by another
    # test (a Dask client's) would make the command pick a forkserver
    monkeypatch.setattr("resparse.batch.contexts.threading.active_count", lambda: 1)
    result = CliRunner().invoke(app, ["layout", str(sample(".txt"))])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"resparse: {sample('.txt')}: internal error (OverflowError: cannot fit 'int' into an index-sized integer)"
    ]


# ----------------------------------------------------------------------------- amplification caps


@pytest.mark.parametrize(
    ("start", "fmt", "first"),
    [
        (10**9, "upperRoman", "1000000000."),
        (2 * 10**10, "lowerLetter", "a."),  # past a 32-bit number: invalid, Word's default 1
        ("1" + "0" * 4000, "upperRoman", "I."),
        (3999, "upperRoman", "MMMCMXCIX."),
        (4000, "lowerLetter", "4000."),
    ],
)
def test_a_list_starting_at_a_huge_number_is_shown_in_decimal(
    tmp_path: Path, start: int | str, fmt: str, first: str
) -> None:
    (tmp_path / "list.docx").write_bytes(numbered_docx(start, fmt))
    result = run("layout", "list.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"*{first} Комитету обеспечить пункт 0." in result.stdout
    assert len(result.stdout) < 50_000


def test_an_html_list_starting_at_a_huge_roman_number_is_decimal(tmp_path: Path) -> None:
    items = "<li>Комитету обеспечить пункт.</li>" * 200
    (tmp_path / "list.html").write_text(
        f"<html><body><p>РЕКОМЕНДАЦИИ</p><ol type=I start=1000000000>{items}</ol></body></html>"
    )
    result = run("layout", "list.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1000000199." in result.stdout and len(result.stdout) < 50_000


def test_merged_cells_that_amplify_are_refused(tmp_path: Path) -> None:
    (tmp_path / "vmerge.docx").write_bytes(vmerge_docx(text_bytes=2_000_000, rows=5000))
    (tmp_path / "rowspan.html").write_bytes(rowspan_html(rowspan=65534, text_bytes=2_000_000, rows=5000))
    columns = "".join(f"<td rowspan=65534>к{i}</td>" for i in range(100))
    (tmp_path / "cells.html").write_text(
        f"<html><body><table border=1><tr>{columns}</tr>{'<tr></tr>' * 20_000}</table></body></html>"
    )
    result = run("extract", "vmerge.docx", "rowspan.html", "cells.html", cwd=tmp_path)
    assert result.returncode == 1
    text = f"table cells merged across rows would repeat more than {MAX_MERGED_TEXT:,} characters (refused)"
    assert result.stderr.splitlines() == [
        f"resparse: vmerge.docx: {text}",
        f"resparse: rowspan.html: {text}",
        "resparse: cells.html: table cells merged across rows would add more than 101,000 cells "
        "to the 100 in the file (refused)",
    ]
    # merges of a sane size are read as before
    (tmp_path / "small.docx").write_bytes(vmerge_docx(text_bytes=2000, rows=50))
    assert run("extract", "small.docx", "-f", "json", cwd=tmp_path).returncode == 0


def test_a_huge_column_span_is_clamped(tmp_path: Path) -> None:
    (tmp_path / "span.docx").write_bytes(docx_bytes(_span_table(10**9)))
    result = run("extract", "span.docx", "-f", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Провести совещание" in result.stdout


def _span_table(span: int) -> str:
    def cell(text: str, span: int | None = None) -> str:
        props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span else ""
        return f"<w:tc>{props}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    head = "".join(cell(t) for t in ("№ п/п", "Наименование мероприятия", "Срок исполнения", "Исполнитель"))
    rows = "".join(
        f"<w:tr>{cell(str(i))}{cell('Провести совещание', span)}{cell('2024 год')}{cell('Комитет')}</w:tr>"
        for i in range(1, 10)
    )
    return f"<w:p><w:r><w:t>ПЛАН МЕРОПРИЯТИЙ</w:t></w:r></w:p><w:tbl><w:tr>{head}</w:tr>{rows}</w:tbl>"


@pytest.mark.parametrize("command", ["extract", "layout"])
def test_standard_input_is_read_up_to_the_file_limit(command: str, tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run(
            [str(RESPARSE), command, "-", "--max-file-mb", "10"],
            stdin=zero,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["resparse: -: file is larger than the 10 MB limit"]


# ----------------------------------------------------------------------------- wrong messages


@pytest.mark.parametrize("charset", ["hex", "rot13", "base64", "idna", "unicode_escape", "nosuch"])
def test_a_meta_charset_that_is_no_text_encoding_falls_back_to_detection(
    tmp_path: Path, charset: str
) -> None:
    page = f"<html><head><meta charset='{charset}'></head><body><p>РЕКОМЕНДАЦИИ</p><p>1. Комитету обеспечить.</p>"
    (tmp_path / "page.html").write_bytes(page.encode("cp1251"))
    result = run("extract", "page.html", "-f", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "РЕКОМЕНДАЦИИ"


def test_control_characters_reach_the_terminal_escaped(tmp_path: Path) -> None:
    (tmp_path / "bell.txt").write_bytes(
        "РЕКОМЕНДАЦИИ\n\n1. Комитету \x1b]0;pwned\x07 обеспечить\u202e.\n".encode()
    )
    result = run("layout", "bell.txt", "--explain", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout
    assert "Комитету \\x1b]0;pwned\\x07 обеспечить\\u202e." in result.stdout
    result = run("extract", "no\x1b[2Jsuch.txt", cwd=tmp_path)
    assert result.stderr.splitlines() == ["resparse: no\\x1b[2Jsuch.txt: no such file"]
    console = Console(record=True, width=200, color_system=None, force_terminal=True)
    console.print(document_view(extract(tmp_path / "bell.txt")))
    assert "\x1b]0;pwned" not in console.export_text(styles=False)


def test_an_archive_over_the_member_limit_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "many.zip").write_bytes(zip_bytes([(f"d{i}.txt", b"") for i in range(50)]))
    (tmp_path / "many.7z").write_bytes(sevenzip_bytes([(f"d{i}.txt", b"x") for i in range(50)]))
    result = run("batch", "many.zip", "many.7z", "-o", "out", "--max-members", "10", cwd=tmp_path)
    assert result.returncode == 1
    assert error_lines(result.stderr) == [
        f"resparse: many.{kind}: archive has 50 members, more than the 10 limit (not read)"
        for kind in ("zip", "7z")
    ]


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("glyphs.pdf", lambda: glyph_bomb_pdf(500, 200_000)),  # 100 M characters in 300 KB
        ("stream.pdf", lambda: glyph_bomb_pdf(1, 30_000_000, compress=True)),  # 400 MB content stream
    ],
)
def test_a_pdf_that_is_hours_of_native_work_stops_at_the_time_limit(
    tmp_path: Path, name: str, make: Callable[[], bytes]
) -> None:
    """The time goes inside pdfium, where no Python signal can interrupt it: the worker is
    stopped from outside once its CPU time passes --timeout, whatever it is doing."""
    (tmp_path / name).write_bytes(make())
    started = time.monotonic()
    result = run("extract", name, "-f", "json", "--timeout", "3", cwd=tmp_path)
    assert result.returncode == 1
    assert error_lines(result.stderr) == [
        f"resparse: {name}: took longer than 3 s of CPU time (stopped; --timeout)"
    ] or error_lines(result.stderr) == [
        f"resparse: {name}: exceeds the 2048 MB memory limit (--max-memory-mb)"
    ]
    assert time.monotonic() - started < 60


def test_thirty_million_empty_paragraphs_stop_at_the_memory_cap(tmp_path: Path) -> None:
    """260 KB of DOCX that parses into 30 million elements: the worker's address space cap ends
    it in one line, the machine unharmed."""
    (tmp_path / "empty.docx").write_bytes(docx_bytes("<w:p/>" * 30_000_000))
    result = run("extract", "empty.docx", "-f", "json", "--max-memory-mb", "700", cwd=tmp_path)
    assert result.returncode == 1
    assert error_lines(result.stderr) == [
        "resparse: empty.docx: exceeds the 700 MB memory limit (--max-memory-mb)"
    ]


@pytest.mark.parametrize("mode", ["w", "w:gz"])
def test_a_tar_name_of_megabytes_is_refused_before_it_is_read(tmp_path: Path, mode: str) -> None:
    """tarfile reads a GNU long name whole before yielding its member: a 300 MB name in a few KB
    of gzip would pass into memory. Past the cap the archive stops there, in one line; members
    before it, with long names of real length, are converted."""
    long_name = "п" * 200 + ".txt"
    huge_name = "x" * (MAX_TAR_HEADER_BYTES + 1) + ".txt"
    suffix = ".tar.gz" if mode == "w:gz" else ".tar"
    (tmp_path / f"names{suffix}").write_bytes(tar_bytes([(long_name, TEXT), (huge_name, TEXT)], mode))
    result = run("batch", f"names{suffix}", "-o", "out", cwd=tmp_path)
    assert result.returncode == 1
    [line] = error_lines(result.stderr)
    assert line.startswith(f"resparse: names{suffix}: tar has a ") and "long-name or extended header" in line
    assert len(list((tmp_path / "out").glob("*.json"))) == 1


def test_workers_left_behind_by_a_killed_batch_exit_quietly(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "slow.txt").write_bytes(TEXT + SLOW_MARK + b" 3\n")
    (tmp_path / "go.py").write_text(
        "import sys\nfrom pathlib import Path\nfrom hostile_files import hostile_extract\n"
        "from resparse.batch import run_batch\n"
        "if __name__ == '__main__':\n"
        "    run_batch([Path('in')], Path('out.jsonl'), jobs=1, quiet=True, _extract=hostile_extract)\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    batch = subprocess.Popen(
        [sys.executable, "go.py"], cwd=tmp_path, stderr=subprocess.PIPE, text=True, env=environment
    )
    deadline = time.monotonic() + 30
    while len(_descendants(batch.pid)) < 2 and time.monotonic() < deadline:  # forkserver and worker
        time.sleep(0.1)
    children = _descendants(batch.pid)
    assert len(children) >= 2
    time.sleep(0.5)
    batch.kill()
    _, stderr = batch.communicate(timeout=30)  # the orphans hold stderr open until they end
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
    deadline = time.monotonic() + 15  # the worker finishes its document, cannot report it, and ends
    while not all(process_is_gone(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(process_is_gone(pid) for pid in children)


def test_a_utf8_text_with_one_cp1251_line_is_decoded_line_by_line() -> None:
    from resparse.extract.text import decode

    data = (
        "РЕКОМЕНДАЦИИ по итогам заседания\n".encode()
        + "Провести семинар для учителей школ района\n".encode("cp1251")
        + "Обеспечить участие представителей\n".encode()
    )
    assert decode(data).splitlines() == [
        "РЕКОМЕНДАЦИИ по итогам заседания",
        "Провести семинар для учителей школ района",
        "Обеспечить участие представителей",
    ]


def test_a_declared_charset_that_reads_as_no_russian_falls_back_to_detection() -> None:
    from resparse.extract.html import decode

    page = "<html><head><meta charset=koi8-r><title>Решение совета депутатов</title></head><body><p>Провести заседание комиссии</p></body></html>"
    text, warnings = decode(page.encode("cp1251"))
    assert "Решение совета депутатов" in text
    assert warnings
