"""Every document, one or many, goes through here: inputs in, supervised workers, outputs out.

``batch`` reads many; ``extract`` and ``layout`` read each file as a batch of one
(:func:`resparse.batch.worker.run_each`), under the same memory and CPU-time limits.

    names.py    output names and one-line reasons, derived from the source, never trusted
    worker.py   one document in a child process under limits set and enforced from outside
    procs.py    what /proc tells about a worker: CPU time, address space, descendants
    run.py      the ``batch`` loop: inputs walked lazily, workers kept busy, the summary
"""

from resparse.batch.names import NameAllocator, one_line, output_name
from resparse.batch.report import BatchReport
from resparse.batch.run import run_batch
from resparse.batch.worker import convert, descendants

_descendants = descendants  # the name tests and older callers use

__all__ = ["BatchReport", "NameAllocator", "convert", "one_line", "output_name", "run_batch"]
