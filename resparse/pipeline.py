"""The whole pipeline in one call: file → layout → document."""

from __future__ import annotations

from pathlib import Path

from resparse.extract import OcrMode, read_layout
from resparse.limits import DEFAULT_LIMITS, MAX_ITEM_DEPTH, Limits
from resparse.models import Document, Item


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

    return limit_depth(build_document(read_layout(source, name=name, limits=limits, ocr=ocr)))


def limit_depth(document: Document, depth: int = MAX_ITEM_DEPTH) -> Document:
    """Bring items nested deeper than ``depth`` up to that level, in reading order, with a warning."""
    lists = [block.items for block in document.recommendations] + [s.items for s in document.findings]
    flattened = 0
    for items, level in _lists_at(lists, depth):
        if level < depth:
            continue
        for index in range(len(items) - 1, -1, -1):
            if items[index].items:
                below = _descendants(items[index])
                flattened += len(below)
                items[index : index + 1] = [items[index], *below]
    if flattened:
        document.warnings.append(
            f"{flattened} items nested more than {depth} levels deep were brought up to level {depth}"
        )
    return document


def _lists_at(lists: list[list[Item]], depth: int) -> list[tuple[list[Item], int]]:
    """Every item list down to level ``depth`` (1 = the top), with its level; no recursion."""
    found, queue = [], [(items, 1) for items in lists]
    while queue:
        items, level = queue.pop()
        found.append((items, level))
        if level < depth:
            queue.extend((item.items, level + 1) for item in items)
    return found


def _descendants(item: Item) -> list[Item]:
    """All items below ``item`` in reading order, each detached from its children."""
    found, stack = [], list(reversed(item.items))
    item.items = []
    while stack:
        child = stack.pop()
        stack.extend(reversed(child.items))
        child.items = []
        found.append(child)
    return found
