"""The whole pipeline in one call: file → layout → document."""

from __future__ import annotations

from pathlib import Path

from resparse.extract import OcrMode, read_layout
from resparse.limits import DEFAULT_LIMITS, Limits
from resparse.models import Document


def extract(
    source: str | Path | bytes,
    *,
    name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    ocr: OcrMode = "auto",
) -> Document:
    """Read a file (a path, or bytes with a ``name``) and return its validated :class:`Document`.

    ``ocr`` ("auto", "always", "never") says when a PDF is read by OCR; see :func:`read_layout`.
    """
    from resparse.structure import build_document

    return build_document(read_layout(source, name=name, limits=limits, ocr=ocr))
