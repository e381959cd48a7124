"""Every document, one or many, goes through here: inputs in, supervised workers, outputs out.

``batch`` reads many; ``extract`` and ``layout`` read each file as a batch of one
(:func:`resparse.batch.worker.run_each`), under the same memory and CPU-time limits.
:func:`convert` is the public way in: documents in, a :class:`Converted` for each, in order.

    names.py        output names and one-line reasons, derived from the source, never trusted
    worker.py       one document in a child process under limits set and enforced from outside
    procs.py        what /proc tells about a worker: CPU time, address space, descendants
    engines.py      where workers run: the local pool, or a Dask cluster (dask_engine.py,
                    dask_worker.py)
    execution.py    the one loop: inputs walked lazily, documents to an engine, results back
    run.py          the ``batch`` command: outputs written, --resume, the summary
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from resparse.batch.execution import Converted, convert
    from resparse.batch.names import NameAllocator, one_line, output_name
    from resparse.batch.report import BatchReport
    from resparse.batch.run import run_batch

__all__ = ["BatchReport", "Converted", "NameAllocator", "convert", "one_line", "output_name", "run_batch"]

_LAZY = {
    "Converted": "execution",
    "convert": "execution",
    "NameAllocator": "names",
    "one_line": "names",
    "output_name": "names",
    "BatchReport": "report",
    "run_batch": "run",
    "_descendants": "procs",  # the name tests use
}
"""Names loaded on first use: ``extract`` needs the worker alone, not the engines behind batch."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'resparse.batch' has no attribute {name!r}")
    found = importlib.import_module(f"resparse.batch.{module}")
    return getattr(found, "descendants" if name == "_descendants" else name)
