"""A stand-in for ``rich.markdown`` until someone really renders Markdown.

Typer's help renderer (``typer.rich_utils``) imports ``rich.markdown`` at its top, and with it
markdown-it and pygments' lexers — about 30 ms of the 150 ms that ``resparse --help`` costs —
although our help is written in Rich markup (``rich_markup_mode="rich"``) and never uses it.
:func:`install` puts this light module in its place; the first ``Markdown(...)`` made, or any
other name looked up on it, imports the real module and hands over to it.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

NAME = "rich.markdown"


def _real() -> types.ModuleType:
    """The real ``rich.markdown``, imported on first need in place of the stand-in."""
    current = sys.modules.get(NAME)
    if isinstance(current, _StandIn):
        del sys.modules[NAME]
    return importlib.import_module(NAME)


class Markdown:
    """Stands for :class:`rich.markdown.Markdown`: making one makes the real one."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        return _real().Markdown(*args, **kwargs)


class _StandIn(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system's probes ("__path__"): not a need
            raise AttributeError(name)
        return getattr(_real(), name)


def install() -> None:
    """Put the stand-in in ``sys.modules`` unless the real module is loaded already."""
    if NAME in sys.modules:
        return
    module = _StandIn(NAME, __doc__)
    module.Markdown = Markdown  # type: ignore[attr-defined]
    sys.modules[NAME] = module
