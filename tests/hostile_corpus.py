"""The hostile-file corpus of issue 12, generated (no large file is committed).

    python tests/hostile_corpus.py FOLDER     # write every case into FOLDER

Each case is a few hundred KB at most and would, read naively, cost gigabytes or hours: list
numbers past a billion, amplifying merged cells, overlapping or over-declared ZIP members,
an image bomb for OCR, glyph and content-stream bombs, thirty million empty paragraphs,
points nested 300 deep, a tar name of megabytes, and text whose encodings disagree.
:data:`CASES` names each file and the fragments one of which its one line must hold (none:
it must convert).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from hostile_files import (
    declared_bomb_zip,
    deep_docx,
    deep_text,
    docx_bytes,
    glyph_bomb_pdf,
    image_bomb_pdf,
    numbered_docx,
    overlapping_zip,
    rowspan_html,
    tar_bytes,
    vmerge_docx,
)

TEXT = "РЕКОМЕНДАЦИИ\n\n1. Комитету по печати обеспечить публикацию материалов.\n".encode()


def _mixed_encodings() -> bytes:
    return TEXT + "2. Министерству культуры провести смотр до 1 мая 2025 г.\n".encode("cp1251")


def _long_tar_name() -> bytes:
    return tar_bytes([("x" * 3_000_000 + ".txt", TEXT)], "w:gz")


TIME_OR_MEMORY = (
    "of CPU time (stopped; --timeout)",
    "of wall-clock time, 4 × --timeout (stopped)",  # on a machine too busy to give it the CPU
    "memory limit (--max-memory-mb)",
)

CASES: dict[str, tuple[Callable[[], bytes], tuple[str, ...]]] = {
    "roman-billion.docx": (lambda: numbered_docx(10**9), ()),
    "roman-overflow.docx": (lambda: numbered_docx("1" + "0" * 4000), ()),
    "vmerge.docx": (lambda: vmerge_docx(), ("merged across rows would repeat more than",)),
    "rowspan.html": (lambda: rowspan_html(), ()),
    "overlapping.zip": (lambda: overlapping_zip(2_000, TEXT * 50), ("members that overlap",)),
    "declared.zip": (lambda: declared_bomb_zip(20, 2**31), ("total limit",)),
    "image-bomb.pdf": (lambda: image_bomb_pdf(40_000), ("pixel limit",)),
    "glyphs.pdf": (lambda: glyph_bomb_pdf(500, 200_000), TIME_OR_MEMORY),
    "stream.pdf": (lambda: glyph_bomb_pdf(1, 30_000_000, compress=True), TIME_OR_MEMORY),
    "empty-paragraphs.docx": (lambda: docx_bytes("<w:p/>" * 30_000_000), TIME_OR_MEMORY),
    "deep.docx": (lambda: deep_docx(300), ()),
    "deep.txt": (lambda: deep_text(300), ()),
    "long-name.tar.gz": (_long_tar_name, ("long-name or extended header",)),
    "mixed-encodings.txt": (_mixed_encodings, ()),
}


def write_corpus(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (make, _) in CASES.items():
        (folder / name).write_bytes(make())
        written.append(folder / name)
    return written


if __name__ == "__main__":
    for path in write_corpus(Path(sys.argv[1])):
        print(path)
