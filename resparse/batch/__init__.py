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

from resparse.batch.execution import Converted, convert
from resparse.batch.names import NameAllocator, one_line, output_name
from resparse.batch.procs import descendants as _descendants  # noqa: F401 (the name tests use)
from resparse.batch.report import BatchReport
from resparse.batch.run import run_batch

__all__ = ["BatchReport", "Converted", "NameAllocator", "convert", "one_line", "output_name", "run_batch"]
