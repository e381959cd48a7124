"""Builders for hostile inputs, and stand-ins for ``extract`` that misbehave on purpose.

Tests build every bad file themselves in ``tmp_path`` so that nothing dangerous is stored
in the repository. The stand-ins are module-level functions because batch workers are
separate processes: whatever replaces ``extract`` there must be importable and picklable.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import tarfile
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docxmaker import p, package

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"

HANG_MARK = b"@@HANG@@"
"""Spin on the CPU for an hour, as a reader stuck in a native loop does."""
SLEEP_MARK = b"@@SLEEP@@"
"""Sleep for an hour, as a reader blocked on something does (no CPU time)."""
MEMORY_MARK = b"@@MEMORY@@"
"""Followed by MB: allocate that much, 1 MB at a time, then convert as usual."""
CRASH_MARK = b"@@CRASH@@"
BOOM_MARK = b"@@BOOM@@"
SLOW_MARK = b"@@SLOW@@"
"""Followed by seconds: sleep that long, then convert as usual."""
SPAWN_MARK = b"@@SPAWN@@"
"""Followed by a file name: start ``sleep`` in its own session, write its pid there, then hang."""


def sample(suffix: str, index: int = 1) -> Path:
    """A sample document by extension: ``sample(".txt")`` → ``samples/001_….txt``."""
    found = sorted(p for p in SAMPLES.glob(f"{index:03d}_*{suffix}") if p.name.count(".") == 1)
    if not found:
        raise FileNotFoundError(f"no sample {index:03d}_*{suffix}")
    return found[0]


def zip_bytes(members: Iterable[tuple[str, bytes]], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A ZIP holding ``members`` with their names exactly as given (``../x``, ``/etc/x`` included)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members:
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data, compress_type=compression
            )
    return buffer.getvalue()


def zip_with_raw_name(raw_name: bytes, data: bytes) -> bytes:
    """A ZIP whose one member's name is the raw bytes given, UTF-8 flag clear (as Windows writes).

    zipfile cannot write such a name, so an ASCII placeholder of the same length is patched
    in the local header and the central directory; the CRC covers data only.
    """
    placeholder = ("Q" * len(raw_name)).encode("ascii")
    archive = zip_bytes([(placeholder.decode("ascii"), data)])
    assert archive.count(placeholder) == 2
    return archive.replace(placeholder, raw_name)


def tar_bytes(members: Iterable[tarfile.TarInfo | tuple[str, bytes]], mode: str = "w") -> bytes:
    """A tar (``mode`` "w", "w:gz", "w:bz2", "w:xz") of regular files and ready-made special members."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode, format=tarfile.GNU_FORMAT) as archive:  # type: ignore[call-overload]
        for member in members:
            if isinstance(member, tarfile.TarInfo):
                archive.addfile(member)
            else:
                name, data = member
                info = tarfile.TarInfo(name)
                info.size = len(data)
                info.mtime = 1_700_000_000
                archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def tar_special(name: str, kind: bytes, linkname: str = "") -> tarfile.TarInfo:
    """A symlink (``tarfile.SYMTYPE``), hard link or device member."""
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    return info


def sevenzip_bytes(members: Iterable[tuple[str, bytes]]) -> bytes:
    import py7zr

    buffer = io.BytesIO()
    with py7zr.SevenZipFile(buffer, "w") as archive:
        for name, data in members:
            archive.writestr(data, name)
    return buffer.getvalue()


def hostile_extract(source: bytes | Path, *, name: str, limits: Any) -> Any:
    """``extract`` that hangs, dies or raises a non-InputError when the bytes carry a mark."""
    data = source.read_bytes() if isinstance(source, Path) else source
    if SPAWN_MARK in data:
        pid_file = data.split(SPAWN_MARK, 1)[1].decode("utf-8").strip()
        child = subprocess.Popen(["sleep", "3600"], start_new_session=True)
        Path(pid_file).write_text(str(child.pid))
        _spin(3600)
    if HANG_MARK in data:
        _spin(3600)
    if SLEEP_MARK in data:
        time.sleep(3600)
    if MEMORY_MARK in data:
        hoard = [bytearray(1 << 20) for _ in range(int(data.split(MEMORY_MARK, 1)[1].split()[0]))]
        del hoard
    if SLOW_MARK in data:
        time.sleep(float(data.split(SLOW_MARK, 1)[1].split()[0]))
    if CRASH_MARK in data:
        os.kill(os.getpid(), signal.SIGKILL)
    if BOOM_MARK in data:
        raise RuntimeError("kaboom\nsecond line")
    from resparse.pipeline import extract

    return extract(source, name=name, limits=limits)


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def process_is_gone(pid: int) -> bool:
    """True when ``pid`` no longer runs (a zombie left for a non-reaping init counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


# ----------------------------------------------------------------------------- amplifying documents


def docx_bytes(body: str, numbering: str | None = None) -> bytes:
    """A minimal DOCX: ``body`` is the inside of ``w:body``, ``numbering`` of ``w:numbering``."""
    return package(body, numbering=numbering)


def numbered_docx(start: int | str, fmt: str = "upperRoman", paragraphs: int = 200) -> bytes:
    """A list whose numbering starts at ``start`` in ``fmt``: 10**9 in Roman is a million "M"s a marker."""
    numbering = (
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    body = p("РЕКОМЕНДАЦИИ") + "".join(
        p(f"Комитету обеспечить пункт {i}.", num=(1, 0)) for i in range(paragraphs)
    )
    return docx_bytes(body, numbering)


def deep_docx(depth: int) -> bytes:
    """Points typed "1.", "1.1.", "1.1.1." … ``depth`` levels deep, one paragraph each."""
    body = p("РЕКОМЕНДАЦИИ") + "".join(
        p(".".join(["1"] * level) + f". Комитету обеспечить пункт уровня {level}.")
        for level in range(1, depth + 1)
    )
    return docx_bytes(body)


def deep_text(depth: int) -> bytes:
    lines = ["РЕКОМЕНДАЦИИ", ""] + [
        ".".join(["1"] * level) + f". Комитету обеспечить пункт уровня {level}."
        for level in range(1, depth + 1)
    ]
    return ("\n".join(lines) + "\n").encode()


def vmerge_docx(text_bytes: int = 1_000_000, rows: int = 2_000) -> bytes:
    """A table whose first cell (``text_bytes`` of text) is vertically merged over ``rows`` rows:
    each continuation is a few bytes of XML, each repeats the whole text."""

    def cell(content: str, merge: str | None) -> str:
        props = f'<w:tcPr><w:vMerge w:val="{merge}"/></w:tcPr>' if merge == "restart" else ""
        props = props or ("<w:tcPr><w:vMerge/></w:tcPr>" if merge else "")
        return f"<w:tc>{props}<w:p><w:r><w:t>{content}</w:t></w:r></w:p></w:tc>"

    big = ("Текст " * (text_bytes // 11 + 1))[: text_bytes // 2]
    table = "<w:tbl>" + f"<w:tr>{cell(big, 'restart')}{cell('а', None)}</w:tr>"
    table += f"<w:tr>{cell('', 'continue')}{cell('б', None)}</w:tr>" * rows
    table += "</w:tbl>"
    return docx_bytes(p("ПЛАН МЕРОПРИЯТИЙ") + table)


def rowspan_html(rowspan: int = 65534, colspan: int = 1, text_bytes: int = 1000, rows: int = 200) -> bytes:
    """An HTML table whose first cell (``text_bytes`` of text) spans ``rowspan`` rows over ``rows``."""
    big = ("Текст " * (text_bytes // 11 + 1))[: text_bytes // 2]
    body = "".join(f"<tr><td>{i}</td></tr>" for i in range(rows))
    return (
        "<html><head><meta charset='utf-8'></head><body><p>ПЛАН МЕРОПРИЯТИЙ</p><table border=1>"
        f"<tr><td rowspan={rowspan} colspan={colspan}>{big}</td><td>а</td></tr>{body}</table></body></html>"
    ).encode()


# ----------------------------------------------------------------------------- archive bombs


def overlapping_zip(copies: int, data: bytes) -> bytes:
    """A ZIP bomb of overlapping members: one compressed member that the central directory lists
    ``copies`` times, every entry pointing at the same local header and compressed bytes."""
    archive = zip_bytes([("d.txt", data)])
    central = archive.index(b"PK\x01\x02")
    end = archive.index(b"PK\x05\x06")
    entry = archive[central:end]
    directory = entry * copies
    tail = archive[end : end + 22]
    record = (
        tail[:8]
        + copies.to_bytes(2, "little") * 2
        + len(directory).to_bytes(4, "little")
        + central.to_bytes(4, "little")
        + tail[20:]
    )
    return archive[:central] + directory + record


def declared_bomb_zip(members: int, declared: int) -> bytes:
    """A ZIP of ``members`` small text members whose central directory declares ``declared``
    uncompressed bytes each (a bomb's directory, without the bytes to back it)."""
    archive = bytearray(zip_bytes([(f"d{i}.txt", b"x") for i in range(members)]))
    position = archive.index(b"PK\x01\x02")
    while position != -1:
        archive[position + 24 : position + 28] = declared.to_bytes(4, "little")
        position = archive.find(b"PK\x01\x02", position + 4)
    return bytes(archive)


def image_bomb_pdf(side: int) -> bytes:
    """A one-page PDF holding a ``side`` × ``side`` one-bit image of a few KB (all white)."""
    import zlib

    row = (side + 7) // 8
    compressor = zlib.compressobj(9)
    white = b"\xff" * row * 256
    pixels = b"".join(compressor.compress(white) for _ in range(side // 256)) + compressor.flush()
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 1 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (side, side // 256 * 256, len(pixels), pixels),
    ]
    return pdf_bytes(objects)


def glyph_bomb_pdf(pages: int, glyphs: int, *, compress: bool = False) -> bytes:
    """``pages`` pages that all draw one content stream of ``glyphs`` characters: a few hundred
    KB of file (or, compressed, a few KB) that is hours of work for a per-character reader."""
    import zlib

    line = b"(" + b"x" * 100 + b") Tj 0 -2 Td "
    content = b"BT /F1 2 Tf 10 790 Td " + line * (glyphs // 100) + b"ET"
    stream = zlib.compress(content, 9) if compress else content
    kids = b" ".join(b"%d 0 R" % (5 + page) for page in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d %s>>\nstream\n%s\nendstream"
        % (len(stream), b"/Filter /FlateDecode " if compress else b"", stream),
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 3 0 R >> >> "
    objects += [page + b"/Contents 4 0 R >>"] * pages
    return pdf_bytes(objects)


def pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (numbered from 1; the first is the catalog) with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
