"""Imported once by the batch forkserver, so that every worker forked from it starts warm.

Workers would otherwise each load the morphology dictionaries, parse the grammars and compile
the rules' patterns for their first document — a few tenths of a second and tens of MiB apiece.
Done here once, before any worker is forked, it is shared copy-on-write by all of them;
:func:`gc.freeze` then keeps the collector from touching (and so copying) those pages. Workers
are also told to keep one LibreOffice running for their ``.doc/.rtf/.odt`` files
(:func:`resparse.extract.convert.keep_warm`); none is started here.

Nothing here may stop the server: a reader broken by an edit fails its own documents later,
in a worker, with a reason.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from typing import Any

READERS = (
    "resparse.extract.docx",
    "resparse.extract.html",
    "resparse.extract.text",
    "resparse.extract.convert",
    "resparse.extract.pdf",
)
"""Readers imported ahead, each on its own: one that fails to import is skipped. What a reader
imports only inside a function belongs here too: a library imported after the fork is loaded
(and its pages relocated) again in every worker."""

WARM_UP_TEXT = """ПРАВИТЕЛЬСТВО ОБЛАСТИ
ПОСТАНОВЛЕНИЕ
от 12 марта 2024 г. № 105-п
г. Энск

О мерах по подготовке к паводку

В целях обеспечения безопасности населения Правительство области постановляет:
1. Рекомендовать органам местного самоуправления муниципальных образований области:
1.1. в срок до 1 апреля 2024 года провести проверку готовности сил и средств;
1.2. ежеквартально, до 5 числа месяца, следующего за отчетным, информировать министерство.
2. Министерству природных ресурсов (Иванову И.И.) обеспечить контроль в течение 2024 года.
3. Контроль за исполнением постановления возложить на заместителя Председателя Правительства.

Губернатор области\t\t\tП.П. Петров
"""
"""A short resolution that sends every stage (header, points, deadlines, addressees,
signature) through its patterns once."""


def warm_up() -> None:
    for name in READERS:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    with contextlib.suppress(Exception):
        from resparse.extract.convert import keep_warm

        keep_warm()  # each worker starts its own LibreOffice on its first .doc and keeps it
    with contextlib.suppress(Exception):
        from resparse.emit import dumps
        from resparse.pipeline import extract

        dumps([extract(WARM_UP_TEXT.encode(), name="warm-up.txt")], "json")
    with contextlib.suppress(Exception):
        _build_cached_patterns()
    gc.collect()
    gc.freeze()


def _build_cached_patterns() -> None:
    """Call every argument-free cached builder of the rules (patterns, word lists) once."""
    import resparse.structure as structure

    for info in pkgutil.iter_modules(structure.__path__, f"{structure.__name__}."):
        with contextlib.suppress(Exception):
            module = importlib.import_module(info.name)
            for value in list(vars(module).values()):
                if _cached_builder(value, module.__name__):
                    with contextlib.suppress(Exception):
                        value()


def _cached_builder(value: Any, module: str) -> bool:
    """A ``functools.cache``-wrapped function of ``module`` that takes no argument."""
    if not (callable(value) and hasattr(value, "cache_info") and getattr(value, "__module__", "") == module):
        return False
    function: Callable[..., Any] = value.__wrapped__
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return False
    return all(parameter.default is not inspect.Parameter.empty for parameter in parameters)


warm_up()
