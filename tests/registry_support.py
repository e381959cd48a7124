"""A registry built once from the samples and the corpus, shared by the registry tests."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS = ROOT / "tests" / "corpus" / "inputs"
AS_OF = "2024-06-01"


def quick_samples() -> list[Path]:
    """The samples every machine reads quickly: DOCX, text-layer PDF and text (the .doc/.rtf/.odt
    and scanned copies are the same documents through LibreOffice and OCR, tested elsewhere)."""
    return sorted(
        p for p in SAMPLES.iterdir() if p.suffix in {".docx", ".pdf", ".txt"} and ".scan." not in p.name
    )


def copy_inputs(folder: Path) -> Path:
    """The quick samples and the corpus inputs, copied into ``folder`` (samples/, corpus/)."""
    (folder / "samples").mkdir(parents=True)
    for path in quick_samples():
        shutil.copy(path, folder / "samples" / path.name)
    shutil.copytree(CORPUS, folder / "corpus")
    return folder
