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
import os
import sys
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


def _grammars_beside_the_package() -> None:
    """Run from a source tree (not installed), the rule data is ``grammars/`` beside the package
    rather than ``resparse/grammars/`` inside it: register it as ``resparse.grammars``."""
    here = os.path.dirname(os.path.abspath(__file__))
    beside = os.path.join(os.path.dirname(here), "grammars")
    if "resparse.grammars" in sys.modules or os.path.isdir(os.path.join(here, "grammars")):
        return
    if not os.path.isfile(os.path.join(beside, "__init__.py")):
        return
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "resparse.grammars", os.path.join(beside, "__init__.py"), submodule_search_locations=[beside]
    )
    if spec is not None and spec.loader is not None:
        module = importlib.util.module_from_spec(spec)
        sys.modules["resparse.grammars"] = module
        spec.loader.exec_module(module)


_grammars_beside_the_package()


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module, attribute = _EXPORTS[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'resparse' has no attribute {name!r}")
