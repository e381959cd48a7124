"""The Russian dictionary, loaded once per process and shared by every stage.

The PDF and text readers ask it whether a hyphenated line end splits a word; the rules ask it
everything else (:mod:`resparse.structure.morph`). One pymorphy3 analyser serves both, so a
worker never holds the dictionaries twice. It loads lazily (~0.1 s), so commands that need no
morphology — ``resparse --help`` — never pay for it.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

KNOWN_CACHE = 16384
"""Words remembered by :func:`is_known` (line ends and broken cells repeat across a document)."""


@cache
def analyzer() -> Any:
    """The analyser over the Russian dictionary package, named directly: left to find it,
    pymorphy3 scans every installed distribution's entry points (a third of its load time)."""
    import pymorphy3

    try:
        import pymorphy3_dicts_ru

        return pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path(), lang="ru")
    except ImportError:
        return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=KNOWN_CACHE)
def is_known(word: str) -> bool:
    """Whether ``word`` (any letter case) is a word of the dictionary."""
    return bool(analyzer().word_is_known(word.lower()))
