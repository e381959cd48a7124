"""Small questions every reader asks of the blocks it made, answered once."""

from __future__ import annotations

from resparse.layout import Block, Paragraph

__all__ = ["flatten", "has_text"]


def has_text(block: Block) -> bool:
    """Whether a paragraph (its text or marker) or any cell of a table says something."""
    if isinstance(block, Paragraph):
        return bool(block.text or block.marker)
    return any(cell.text for row in block.rows for cell in row.cells)


def flatten(block: Block) -> str:
    """A paragraph (with its marker) or a nested table as text: cells by tabs, rows by lines."""
    if isinstance(block, Paragraph):
        return f"{block.marker} {block.text}" if block.marker else block.text
    return "\n".join("\t".join(cell.text for cell in row.cells) for row in block.rows)
