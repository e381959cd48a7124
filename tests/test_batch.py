"""Batch conversion: naming, archive walking and the worker pool, tested without the CLI.

The pure parts (output names, ZIP name decoding, archive recognition, walking bytes) are
tested directly; :func:`resparse.batch.run_batch` is tested with real worker processes,
and with :func:`hostile_files.hostile_extract` standing in for ``extract`` to simulate a
document that hangs, crashes its worker, or trips over a bug.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import tarfile
import time
import zipfile
from pathlib import Path

import pytest
import typer
from hostile_files import (
    BOOM_MARK,
    CRASH_MARK,
    HANG_MARK,
    SLOW_MARK,
    SPAWN_MARK,
    hostile_extract,
    process_is_gone,
    sample,
    sevenzip_bytes,
    tar_bytes,
    tar_special,
    zip_bytes,
    zip_with_raw_name,
)

from resparse.batch import BatchReport, NameAllocator, one_line, output_name, run_batch
from resparse.batch.inputs import (
    Broken,
    Found,
    Skipped,
    WalkOptions,
    archive_kind,
    decode_zip_name,
    is_junk_name,
    iter_input_files,
    member_parts,
    printable,
    read_capped,
    walk_bytes,
    walk_inputs,
)
from resparse.errors import LimitExceededError
from resparse.limits import MB, Limits
from support import SAMPLES

TEXT = "РЕКОМЕНДАЦИИ\n\n1. Комитету по печати обеспечить публикацию материалов.\n".encode()
OPTIONS = WalkOptions(limits=Limits())


def walk(data: bytes, name: str = "a.zip", options: WalkOptions = OPTIONS) -> list:
    return list(walk_bytes(data, name, (name,), options))


def sources(items: list) -> list[str]:
    return [item.source for item in items if isinstance(item, Found)]


# ----------------------------------------------------------------------------- output names


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("archive.zip", "docs", "решение.docx"), "archive.zip__docs__решение.docx.json"),
        (("решение.docx",), "решение.docx.json"),
        (("a.zip", "..", "..", "evil.txt"), "a.zip__evil.txt.json"),
        (("a.zip", "/", "etc", "evil.docx"), "a.zip__etc__evil.docx.json"),
        (("a.tar", "x\\..\\y.txt"), "a.tar__x__y.txt.json"),
        (("a.zip", "bad\x1b[31m:name?.txt"), "a.zip__bad_[31m_name_.txt.json"),
        (("..",), "document.json"),
        ((), "document.json"),
        (("README",), "README.json"),
        ((".hidden.txt",), "hidden.txt.json"),
        (("CON.txt",), "_CON.txt.json"),
        (("report.tar.gz",), "report.tar.gz.json"),
    ],
)
def test_output_name_is_one_safe_file_name(parts: tuple[str, ...], expected: str) -> None:
    assert output_name(parts) == expected


def test_output_name_bounds_length_and_stays_unique() -> None:
    long_a = output_name(("я" * 300 + "a.docx",))
    long_b = output_name(("я" * 300 + "b.docx",))
    assert len(long_a.encode()) <= 200
    assert long_a != long_b
    assert long_a.endswith(".json")


def test_output_name_never_contains_a_separator() -> None:
    for parts in [("../../../etc/passwd",), ("a/b", "c\\d"), ("\x00", "..."), ("a.zip", "x/../../y")]:
        name = output_name(parts)
        assert "/" not in name and "\\" not in name and "\x00" not in name
        assert name not in (".json", "..json") and not name.startswith(".")


def test_name_allocator_numbers_collisions_case_insensitively() -> None:
    names = NameAllocator()
    assert [names.allocate(n) for n in ["a.json", "a.json", "A.json", "a-2.json", "b.json"]] == [
        "a.json",
        "a-2.json",
        "A-3.json",
        "a-2-2.json",
        "b.json",
    ]


def test_one_line_collapses_and_bounds() -> None:
    assert one_line("a\n  b\tc") == "a b c"
    assert len(one_line("x" * 1000)) == 300


# ----------------------------------------------------------------------------- ZIP names


def test_zip_name_with_utf8_flag_is_kept() -> None:
    assert decode_zip_name("решение.docx", 0x800) == "решение.docx"


def test_zip_name_without_flag_is_cp866() -> None:
    as_zipfile_reads_it = "решение.docx".encode("cp866").decode("cp437")
    assert decode_zip_name(as_zipfile_reads_it, 0) == "решение.docx"


def test_zip_name_encoding_can_be_overridden() -> None:
    as_zipfile_reads_it = "решение.docx".encode("cp1251").decode("cp437")
    assert decode_zip_name(as_zipfile_reads_it, 0, "cp1251") == "решение.docx"


def test_zip_name_utf8_without_flag_is_recognised() -> None:
    as_zipfile_reads_it = "Протокол №5.docx".encode().decode("cp437")
    assert decode_zip_name(as_zipfile_reads_it, 0) == "Протокол №5.docx"


def test_zip_name_ascii_untouched() -> None:
    assert decode_zip_name("docs/a.txt", 0) == "docs/a.txt"


def test_cp866_member_gets_a_cyrillic_source_path() -> None:
    archive = zip_with_raw_name("Документы/решение.txt".encode("cp866"), TEXT)
    assert sources(walk(archive)) == ["a.zip!Документы/решение.txt"]


# ----------------------------------------------------------------------------- small pure helpers


def test_member_parts_drop_traversal_and_root() -> None:
    assert member_parts("../../evil.txt") == ("evil.txt",)
    assert member_parts("/etc/evil.docx") == ("etc", "evil.docx")
    assert member_parts("a\\..\\b.txt") == ("a", "b.txt")


@pytest.mark.parametrize(
    ("name", "junk"),
    [
        ("~$решение.docx", True),
        ("docs/~$x.docx", True),
        (".DS_Store", True),
        ("__MACOSX/._a.docx", True),
        ("Thumbs.db", True),
        (".hidden.txt", False),
        ("a~$b.docx", False),
    ],
)
def test_junk_names(name: str, junk: bool) -> None:
    assert is_junk_name(name) is junk


def test_printable_escapes_control_characters() -> None:
    assert printable("a\x1b[2Jb\n") == "a\\x1b[2Jb\\n"
    assert printable("решение.docx") == "решение.docx"


def test_read_capped_refuses_past_the_cap() -> None:
    assert read_capped(io.BytesIO(b"x" * 10), 10) == b"x" * 10
    with pytest.raises(LimitExceededError, match="expands beyond the 10 bytes limit"):
        read_capped(io.BytesIO(b"x" * 11), 10)


def test_archive_kind_from_bytes() -> None:
    assert archive_kind(zip_bytes([("a.txt", TEXT)])) == "zip"
    assert archive_kind(tar_bytes([("a.txt", TEXT)])) == "tar"
    assert archive_kind(tar_bytes([("a.txt", TEXT)], "w:gz")) == "gzip"
    assert archive_kind(tar_bytes([("a.txt", TEXT)], "w:bz2")) == "bzip2"
    assert archive_kind(tar_bytes([("a.txt", TEXT)], "w:xz")) == "xz"
    assert archive_kind(sevenzip_bytes([("a.txt", TEXT)])) == "7z"
    assert archive_kind(TEXT) is None
    assert archive_kind(b"BZh is how this text starts") is None
    assert archive_kind(sample(".pdf").read_bytes()) is None


# ----------------------------------------------------------------------------- walking archives


def test_docx_is_a_document_not_an_archive() -> None:
    data = sample(".docx").read_bytes()
    items = walk(data, "x.docx")
    assert len(items) == 1 and isinstance(items[0], Found) and items[0].data == data


def test_every_archive_format_is_walked_in_memory_and_from_disk(tmp_path: Path) -> None:
    members = [("docs/a.txt", TEXT), ("b.txt", TEXT)]
    archives = {
        "a.zip": zip_bytes(members),
        "a.7z": sevenzip_bytes(members),
        "a.tar": tar_bytes(members),
        "a.tgz": tar_bytes(members, "w:gz"),
        "a.tar.bz2": tar_bytes(members, "w:bz2"),
        "a.tar.xz": tar_bytes(members, "w:xz"),
    }
    for name, data in archives.items():
        assert sources(walk(data, name)) == [f"{name}!docs/a.txt", f"{name}!b.txt"]
        (tmp_path / name).write_bytes(data)
        on_disk = list(walk_inputs([tmp_path / name], OPTIONS))
        assert sources(on_disk) == [f"{tmp_path / name}!docs/a.txt", f"{tmp_path / name}!b.txt"], name


def test_single_compressed_document() -> None:
    for compress, suffix in [(gzip.compress, ".gz"), (bz2.compress, ".bz2"), (lzma.compress, ".xz")]:
        items = walk(compress(TEXT), f"note.txt{suffix}")
        assert [(i.source, i.parts, i.data) for i in items] == [
            (f"note.txt{suffix}!note.txt", (f"note.txt{suffix}", "note.txt"), TEXT)
        ]


def test_nested_archives_up_to_the_depth_limit() -> None:
    inner = zip_bytes([("deep.txt", TEXT)])
    middle = tar_bytes([("inner.zip", inner)], "w:gz")
    outer = zip_bytes([("middle.tar.gz", middle), ("top.txt", TEXT)])
    assert sources(walk(outer, "outer.zip")) == [
        "outer.zip!middle.tar.gz!inner.zip!deep.txt",
        "outer.zip!top.txt",
    ]
    found = walk(outer, "outer.zip")[0]
    assert found.parts == ("outer.zip", "middle.tar.gz", "inner.zip", "deep.txt")

    shallow = WalkOptions(limits=Limits(max_archive_depth=2))
    items = walk(outer, "outer.zip", shallow)
    assert sources(items) == ["outer.zip!top.txt"]
    assert [(i.source, i.reason) for i in items if isinstance(i, Broken)] == [
        ("outer.zip!middle.tar.gz!inner.zip", "archive nested more than 2 levels deep (not opened)")
    ]


def test_member_limit_covers_nested_archives_too() -> None:
    inner = zip_bytes([(f"{i}.txt", TEXT) for i in range(3)])  # each archive is under the limit
    outer = zip_bytes([("inner.zip", inner), ("x.txt", TEXT), ("y.txt", TEXT)])
    items = walk(outer, "outer.zip", WalkOptions(limits=Limits(max_archive_members=4)))
    assert len(sources(items)) == 3
    assert items[-1] == Broken("outer.zip", "archive has more than 4 members (the rest were not read)")


def test_an_archive_listing_too_many_members_is_refused_whole() -> None:
    items = walk(
        zip_bytes([(f"{i}.txt", TEXT) for i in range(5)]),
        "a.zip",
        WalkOptions(limits=Limits(max_archive_members=4)),
    )
    assert items == [Broken("a.zip", "archive has 5 members, more than the 4 limit (not read)")]


def test_zip_bomb_member_is_refused_and_neighbours_survive() -> None:
    bomb = zip_bytes([("bomb.txt", b"\0" * (3 * MB)), ("good.txt", TEXT)])
    assert len(bomb) < 100_000
    items = walk(bomb, options=WalkOptions(limits=Limits(max_part_bytes=1 * MB)))
    assert [(i.source, i.reason) for i in items if isinstance(i, Broken)] == [
        ("a.zip!bomb.txt", "archive member expands beyond the 1 MB limit")
    ]
    assert sources(items) == ["a.zip!good.txt"]


def test_lying_declared_size_is_still_capped() -> None:
    """A gzip stream declares nothing; the stream cap alone must stop it."""
    items = walk(gzip.compress(b"\0" * (2 * MB)), "z.txt.gz", WalkOptions(limits=Limits(max_part_bytes=MB)))
    assert items == [Broken("z.txt.gz!z.txt", "archive member expands beyond the 1 MB limit")]


def test_7z_oversized_member_is_refused() -> None:
    archive = sevenzip_bytes([("big.txt", b"\0" * (2 * MB)), ("ok.txt", TEXT)])
    items = walk(archive, "a.7z", WalkOptions(limits=Limits(max_part_bytes=MB)))
    assert sources(items) == ["a.7z!ok.txt"]
    assert Broken("a.7z!big.txt", "archive member expands beyond the 1 MB limit") in items


def test_lying_zip_size_is_caught_not_trusted() -> None:
    """A member declaring 10 bytes but holding 2 MB: zipfile stops at 10 and the CRC gives it away."""
    archive = bytearray(zip_bytes([("liar.txt", b"\0" * (2 * MB))]))
    central = archive.rfind(b"PK\x01\x02")
    archive[22:26] = (10).to_bytes(4, "little")  # local header: uncompressed size
    archive[central + 24 : central + 28] = (10).to_bytes(4, "little")  # central directory
    items = walk(bytes(archive))
    assert len(items) == 1 and isinstance(items[0], Broken)
    assert items[0].reason.startswith("damaged archive member (Bad CRC-32")


def test_7z_password_and_damage_are_one_failure_each() -> None:
    import py7zr

    buffer = io.BytesIO()
    with py7zr.SevenZipFile(buffer, "w", password="secret") as archive:
        archive.writestr(TEXT, "a.txt")
    assert walk(buffer.getvalue(), "x.7z") == [Broken("x.7z", "archive is password-protected")]
    good = sevenzip_bytes([("a.txt", TEXT), ("empty.txt", b"")])
    assert sources(walk(good, "y.7z")) == ["y.7z!a.txt", "y.7z!empty.txt"]
    cut = walk(good[: len(good) // 2], "cut.7z")
    assert len(cut) == 1 and cut[0].reason.startswith("damaged 7z archive")


def test_zip_encoding_option_applies_to_unflagged_names() -> None:
    archive = zip_with_raw_name("решение.txt".encode("cp1251"), TEXT)
    assert sources(walk(archive, options=WalkOptions(limits=Limits(), zip_encoding="cp1251"))) == [
        "a.zip!решение.txt"
    ]


def test_tar_links_and_devices_are_skipped_never_followed() -> None:
    archive = tar_bytes(
        [
            tar_special("link.txt", tarfile.SYMTYPE, "/etc/passwd"),
            tar_special("hard.txt", tarfile.LNKTYPE, "../../outside"),
            tar_special("dev", tarfile.CHRTYPE),
            ("/abs/evil.txt", TEXT),
            ("../../up.txt", TEXT),
        ]
    )
    items = walk(archive, "t.tar")
    assert [(i.source, i.reason) for i in items if isinstance(i, Skipped)] == [
        ("t.tar!link.txt", "skipped a symbolic link (not followed)"),
        ("t.tar!hard.txt", "skipped a hard link (not followed)"),
        ("t.tar!dev", "skipped a character device (not followed)"),
    ]
    found = [i for i in items if isinstance(i, Found)]
    assert [(f.source, f.parts) for f in found] == [
        ("t.tar!/abs/evil.txt", ("t.tar", "abs", "evil.txt")),
        ("t.tar!../../up.txt", ("t.tar", "up.txt")),
    ]


def test_damaged_archives_are_one_failure() -> None:
    good = tar_bytes([("a.txt", TEXT * 2000)], "w:gz")
    items = walk(good[: len(good) // 2], "cut.tgz")
    assert len(items) == 1 and isinstance(items[0], Broken)
    assert items[0].reason.startswith("damaged ")
    truncated_zip = zip_bytes([("a.txt", TEXT)])[:30]
    assert walk(truncated_zip, "cut.zip")[0].reason.startswith("damaged ZIP archive")


def test_truncated_docx_goes_to_the_reader() -> None:
    data = sample(".docx").read_bytes()
    items = walk(data[: len(data) // 2], "cut.docx")
    assert isinstance(items[0], Found)


def test_encrypted_zip_member_is_reported() -> None:
    archive = bytearray(zip_bytes([("secret.txt", TEXT)], compression=zipfile.ZIP_STORED))
    archive[6] |= 1  # general-purpose flag, local header
    central = archive.rfind(b"PK\x01\x02")
    archive[central + 8] |= 1  # and in the central directory
    assert walk(bytes(archive)) == [Broken("a.zip!secret.txt", "archive member is password-protected")]


def test_folder_walk_skips_lock_files_and_special_files(tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "b.txt").write_bytes(TEXT)
    (tmp_path / "in" / "a.txt").write_bytes(TEXT)
    (tmp_path / "in" / "~$a.docx").write_bytes(b"lock")
    (tmp_path / "in" / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (tmp_path / "in" / "loop").symlink_to(tmp_path / "in")
    import os

    os.mkfifo(tmp_path / "in" / "pipe")
    items = list(walk_inputs([tmp_path / "in", tmp_path / "nosuch.txt"], OPTIONS))
    assert [(i.source, i.parts) for i in items if isinstance(i, Found)] == [
        (str(tmp_path / "in" / "a.txt"), ("a.txt",)),
        (str(tmp_path / "in" / "sub" / "b.txt"), ("sub", "b.txt")),
    ]
    assert Skipped(str(tmp_path / "in" / "pipe"), "not a regular file (skipped)") in items
    assert Broken(str(tmp_path / "nosuch.txt"), "no such file") in items


def test_names_that_are_not_utf8_are_read_as_cp1251(tmp_path: Path) -> None:
    """A cp1251 file name on disk (or in a tar) must not crash JSON writing with surrogates."""
    import os

    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(os.path.join(folder, "решение\n.txt".encode("cp1251")), "wb") as stream:
        stream.write(TEXT)
    (tmp_path / "t.tar").write_bytes(tar_bytes([(os.fsdecode("протокол.txt".encode("cp1251")), TEXT)]))
    report = batch([tmp_path / "in", tmp_path / "t.tar"], tmp_path / "out.jsonl")
    assert report.failures == []
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["source"]["path"] for r in records) == [
        f"{tmp_path}/in/решение\\n.txt",
        f"{tmp_path}/t.tar!протокол.txt",
    ]


def test_same_file_given_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT)
    entries = list(iter_input_files([tmp_path / "a.txt", tmp_path, tmp_path / "a.txt"]))
    assert len(entries) == 1


# ----------------------------------------------------------------------------- run_batch


def batch(inputs: list[Path], out: Path, **options: object) -> BatchReport:
    settings: dict[str, object] = {
        "jobs": 1,
        "resume": False,
        "zip_encoding": None,
        "limits": Limits(),
        "quiet": True,
        "debug": False,
    }
    settings.update(options)
    return run_batch(inputs, out, **settings)  # type: ignore[arg-type]


def test_folder_output_one_json_per_document(tmp_path: Path) -> None:
    archive = tmp_path / "archive.zip"
    archive.write_bytes(zip_bytes([("docs/решение.txt", sample(".txt").read_bytes())]))
    report = batch([archive, sample(".txt")], tmp_path / "out")
    assert (report.documents, report.ok, report.failed) == (2, 2, 0)
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "001_6d517112406bb0e7.txt.json",
        "archive.zip__docs__решение.txt.json",
    ]
    data = json.loads((out / "archive.zip__docs__решение.txt.json").read_text(encoding="utf-8"))
    assert data["source"]["path"] == f"{archive}!docs/решение.txt"


def test_timeout_kills_a_stuck_worker_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a_hang.txt").write_bytes(TEXT + HANG_MARK)
    (tmp_path / "in" / "b_good.txt").write_bytes(TEXT)
    (tmp_path / "in" / "c_good.txt").write_bytes(TEXT)
    started = time.monotonic()
    report = batch(
        [tmp_path / "in"], tmp_path / "out", limits=Limits(seconds_per_document=2), _extract=hostile_extract
    )
    assert time.monotonic() - started < 30
    assert report.failures == [
        (str(tmp_path / "in" / "a_hang.txt"), "took longer than 2 s of CPU time (stopped; --timeout)")
    ]
    assert report.ok == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "b_good.txt.json",
        "c_good.txt.json",
    ]
    assert (tmp_path / "out.failures.jsonl").is_file()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_timeout_also_stops_what_the_worker_started(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    (tmp_path / "a.txt").write_bytes(TEXT + SPAWN_MARK + str(pid_file).encode())
    report = batch(
        [tmp_path / "a.txt"],
        tmp_path / "out",
        limits=Limits(seconds_per_document=2),
        _extract=hostile_extract,
    )
    assert report.failures == [
        (str(tmp_path / "a.txt"), "took longer than 2 s of CPU time (stopped; --timeout)")
    ]
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while not process_is_gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process_is_gone(pid)


def test_a_crashing_worker_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT + CRASH_MARK)
    (tmp_path / "b.txt").write_bytes(TEXT)
    report = batch([tmp_path / "a.txt", tmp_path / "b.txt"], tmp_path / "out", _extract=hostile_extract)
    assert report.ok == 1
    assert report.failures == [(str(tmp_path / "a.txt"), "worker process died while reading it (SIGKILL)")]


def test_internal_errors_are_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT + BOOM_MARK)
    (tmp_path / "b.txt").write_bytes(TEXT)
    report = batch([tmp_path], tmp_path / "out.jsonl", jobs=2, _extract=hostile_extract)
    assert report.failures == [(str(tmp_path / "a.txt"), "internal error (RuntimeError: kaboom second line)")]
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == [str(tmp_path / "b.txt")]
    failures = (tmp_path / "out.failures.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in failures] == [
        {"source": str(tmp_path / "a.txt"), "reason": "internal error (RuntimeError: kaboom second line)"}
    ]


def test_jsonl_lines_keep_input_order_whatever_finishes_first(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    delays = {"a.txt": 1.5, "b.txt": 0.0, "c.txt": 0.8, "d.txt": 0.0}
    for name, delay in delays.items():
        (folder / name).write_bytes(TEXT + SLOW_MARK + f" {delay}\n".encode())
    (folder / "b2.txt").write_bytes(TEXT + BOOM_MARK)  # a failure in the middle leaves no line
    report = batch([folder], tmp_path / "out.jsonl", jobs=3, _extract=hostile_extract)
    assert report.ok == 4 and report.failed == 1
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [Path(json.loads(line)["source"]["path"]).name for line in lines] == [
        "a.txt",
        "b.txt",
        "c.txt",
        "d.txt",
    ]


def test_debug_prints_the_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT + BOOM_MARK)
    batch([tmp_path / "a.txt"], tmp_path / "out", _extract=hostile_extract, debug=True)
    assert "Traceback" in capsys.readouterr().err


def test_jsonl_resume_appends_and_repairs_a_torn_line(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_bytes(TEXT)
    out = tmp_path / "out.jsonl"
    assert batch([tmp_path / "in"], out).ok == 2
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text(lines[0] + lines[1][:40], encoding="utf-8")  # b's record torn by a crash
    report = batch([tmp_path / "in"], out, resume=True)
    assert (report.skipped, report.ok) == (1, 1)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["source"]["path"] for r in records) == [
        str(tmp_path / "in" / n) for n in ("a.txt", "b.txt")
    ]


def test_folder_resume_skips_existing_outputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT)
    (tmp_path / "b.txt").write_bytes(TEXT)
    out = tmp_path / "out"
    batch([tmp_path / "a.txt", tmp_path / "b.txt"], out)
    (out / "b.txt.json").unlink()
    before = (out / "a.txt.json").stat().st_mtime_ns
    report = batch([tmp_path / "a.txt", tmp_path / "b.txt"], out, resume=True)
    assert (report.skipped, report.ok) == (1, 1)
    assert (out / "a.txt.json").stat().st_mtime_ns == before
    assert (out / "b.txt.json").is_file()


def test_output_folder_inside_the_input_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT)
    batch([tmp_path], tmp_path / "out")
    report = batch([tmp_path], tmp_path / "out")
    assert report.documents == 1


def test_stale_failure_list_is_removed(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    bad = tmp_path / "in" / "bad.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    batch([tmp_path / "in"], out)
    assert (tmp_path / "out.failures.jsonl").is_file()
    bad.write_bytes(TEXT)
    batch([tmp_path / "in"], out)
    assert not (tmp_path / "out.failures.jsonl").exists()


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT + HANG_MARK)
    out = tmp_path / "out"
    batch([tmp_path / "a.txt"], out, limits=Limits(seconds_per_document=1), _extract=hostile_extract)
    assert [p.name for p in out.iterdir()] == []


@pytest.mark.parametrize(
    ("options", "hint"),
    [({"jobs": 0}, "--jobs"), ({"zip_encoding": "no-such-codec"}, "--zip-encoding")],
)
def test_usage_errors(tmp_path: Path, options: dict[str, object], hint: str) -> None:
    with pytest.raises(typer.BadParameter) as caught:
        batch([tmp_path], tmp_path / "out", **options)
    assert caught.value.param_hint == hint


def test_output_that_is_a_plain_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "out.json").write_text("{}")
    with pytest.raises(typer.BadParameter):
        batch([tmp_path], tmp_path / "out.json")


# ----------------------------------------------------------------------------- a PDF's time budget


def spin_then_extract(source: bytes | Path, *, name: str, limits: Limits) -> object:
    """Burn 2 s of CPU time (a slow OCR) before reading the document."""
    from resparse.pipeline import extract

    started = time.process_time()
    while time.process_time() - started < 2.0:
        pass
    return extract(source, name=name, limits=limits)


def test_each_pdf_page_adds_to_the_default_time_budget(tmp_path: Path) -> None:
    pdf = SAMPLES / "004_493f23bf5003ad19.pdf"  # 6 pages
    limits = Limits(seconds_per_document=1)
    report = batch([pdf], tmp_path / "out", limits=limits, page_seconds=1.0, _extract=spin_then_extract)
    assert (report.ok, report.failures) == (1, [])
    report = batch([pdf], tmp_path / "out2", limits=limits, page_seconds=0.1, _extract=spin_then_extract)
    assert report.failures == [
        (
            str(pdf),
            "took longer than 1.6 s of CPU time (1 s + 0.1 s for each of its 6 pages; stopped; see --timeout)",
        )
    ]


def test_a_text_file_gets_the_plain_timeout(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT)
    report = batch(
        [tmp_path / "a.txt"],
        tmp_path / "out",
        limits=Limits(seconds_per_document=1),
        page_seconds=10.0,
        _extract=spin_then_extract,
    )
    assert report.failures == [
        (str(tmp_path / "a.txt"), "took longer than 1 s of CPU time (stopped; --timeout)")
    ]


def test_the_ocr_deadline_names_the_flag() -> None:
    from resparse.batch.worker import _reason

    reason = _reason(LimitExceededError("OCR took longer than 60 s"), Limits())
    assert reason == "OCR took longer than 60 s (stopped; see --timeout)"
