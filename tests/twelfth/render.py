#!/usr/bin/env python3
"""Render the twelfth set (texts_a.py, texts_b.py): docx/ the Word files, inputs/ their visible
text as a portal gives it, pdf/ LibreOffice's "Save as PDF" of those in SOFFICE
(tests/seventh/convert.py's ``soffice``). Deterministic: the same files on every run.

Run from the project root: .venv/bin/python tests/twelfth/render.py [--no-soffice]
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent / "seventh")]
from texts_a import DOCS as DA  # noqa: E402
from texts_b import DOCS as DB  # noqa: E402

DOCS = {**DA, **DB}
SOFFICE = ["Y001", "Y002", "Y004", "Y005", "Y011"]


def fixed_times(data: bytes) -> bytes:
    """The package again with every member dated 1980-01-01, so that a rerun gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(
                zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), src.read(info), zipfile.ZIP_DEFLATED
            )
    return out.getvalue()


def main() -> None:
    for folder in ("inputs", "docx", "pdf"):
        (HERE / folder).mkdir(exist_ok=True)
    for stem, make in sorted(DOCS.items()):
        doc, data = make()
        (HERE / "docx" / f"{stem}.docx").write_bytes(fixed_times(data))
        (HERE / "inputs" / f"{stem}.txt").write_text(doc.text(), encoding="utf-8")
    if "--no-soffice" not in sys.argv:
        from convert import soffice  # tests/seventh/convert.py

        for stem in SOFFICE:
            soffice(HERE / "docx" / f"{stem}.docx", "pdf", HERE / "pdf")
    print(f"{len(DOCS)} docx and texts, {0 if '--no-soffice' in sys.argv else len(SOFFICE)} pdf")


if __name__ == "__main__":
    main()
