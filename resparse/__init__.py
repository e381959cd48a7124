"""resparse: Russian resolution documents → structured data.

The pipeline is three stages, each a module with a small public surface::

    extract   (file   → Layout)              resparse.extract.read_layout
    structure (Layout → Document)            resparse.structure.build_document
    emit      (Document → JSON/YAML/JSONL)  resparse.emit.dumps

``resparse.parse(path)`` runs all of it and returns a :class:`Document`. Names are
imported on first use, so that ``resparse --help`` does not pay for pydantic or the readers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {  # public name → (module, attribute)
    "Document": ("resparse.models", "Document"),
    "InputError": ("resparse.errors", "InputError"),
    "Layout": ("resparse.layout", "Layout"),
    "Limits": ("resparse.limits", "Limits"),
    "ResparseError": ("resparse.errors", "ResparseError"),
    "build_document": ("resparse.structure", "build_document"),
    "dumps": ("resparse.emit", "dumps"),
    "parse": ("resparse.pipeline", "extract"),
    "read_layout": ("resparse.extract", "read_layout"),
}

__all__ = ["__version__", *sorted(_EXPORTS)]

if TYPE_CHECKING:
    from resparse.emit import dumps
    from resparse.errors import InputError, ResparseError
    from resparse.extract import read_layout
    from resparse.layout import Layout
    from resparse.limits import Limits
    from resparse.models import Document
    from resparse.pipeline import extract as parse
    from resparse.structure import build_document


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module, attribute = _EXPORTS[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'resparse' has no attribute {name!r}")
