"""pdfium entry points called without ctypes' per-argument conversion.

pypdfium2's bindings declare every argument type, so each call converts each argument
(about half the cost of a cheap call). Where the reader calls pdfium once per character,
word or page object, :func:`bare` gives the same function without declared arguments:
then pointers go in as the ctypes objects pypdfium2 hands out (or ``c_void_p``/``byref``),
indices as Python ints (C ``int``), any other type as its ctypes object.
"""

from __future__ import annotations

import ctypes
from typing import Any

__all__ = ["bare"]


def bare(function: Any, restype: Any) -> Any:
    """``function`` (a ``pypdfium2.raw`` entry point) without argument conversion."""
    call = ctypes.CFUNCTYPE(restype)(ctypes.cast(function, ctypes.c_void_p).value)
    call.argtypes = None
    return call
