"""resparse: Russian resolution documents → structured data.

The pipeline is three stages, each a module with a small public surface::

    extract   (file   → Layout)     resparse.extract.read_layout
    structure (Layout → Document)   resparse.structure.build_document
    emit      (Document → JSON/YAML/JSONL)   resparse.emit
"""

from resparse.errors import InputError, ResparseError
from resparse.extract import read_layout
from resparse.layout import Layout
from resparse.limits import Limits

__version__ = "0.1.0"

__all__ = [
    "InputError",
    "Layout",
    "Limits",
    "ResparseError",
    "__version__",
    "read_layout",
]
