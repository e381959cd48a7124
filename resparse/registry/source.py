"""Documents for the registry, from batch: the same walk, workers and limits as ``resparse batch``.

:func:`convert` has the signature of ``resparse.batch.convert``; until batch offers it, it is a
thin adapter over :class:`resparse.batch.worker.Pool` and :func:`resparse.batch.inputs.walk_inputs`
(the local engine only).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from resparse.batch.contexts import batch_context
from resparse.batch.inputs import Broken, Found, Skipped, WalkOptions, walk_inputs
from resparse.batch.worker import Pool, Task, default_extract
from resparse.limits import Limits


@dataclass(frozen=True)
class Converted:
    source: str
    parts: tuple[str, ...] = ()
    sha256: str | None = None
    json: str | None = None
    reason: str | None = None
    warnings: int = 0
    skipped: bool = False


def convert(
    inputs: Sequence[Path],
    *,
    limits: Limits,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    ocr: str = "auto",
    page_seconds: float = 0.0,
    zip_encoding: str | None = None,
    skip: Callable[[str], bool] | None = None,
) -> Iterator[Converted]:
    """Every document among ``inputs``, converted (``json``), failed (``reason``) or ``skipped``."""
    if engine != "local":
        raise ValueError(f"--engine {engine}: this resparse reads registry documents on this machine only")
    job = functools.partial(default_extract, ocr=ocr)
    pool = Pool(batch_context, job, limits, False, jobs or 1, page_seconds)
    found: dict[str, tuple[tuple[str, ...], str]] = {}
    try:
        for item in walk_inputs(inputs, WalkOptions(limits=limits, zip_encoding=zip_encoding)):
            if isinstance(item, Skipped):
                continue
            if isinstance(item, Broken):
                yield Converted(item.source, reason=item.reason)
                continue
            yield from _submit(pool, item, found, skip)
        while pool.busy():
            yield from _collected(pool, found)
    finally:
        pool.shutdown()


def _submit(
    pool: Pool, item: Found, found: dict[str, tuple[tuple[str, ...], str]], skip: Callable[[str], bool] | None
) -> Iterator[Converted]:
    data = item.data if item.data is not None else item.path.read_bytes() if item.path else b""
    sha = hashlib.sha256(data).hexdigest()
    if skip is not None and skip(sha):
        yield Converted(item.source, item.parts, sha, skipped=True)
        return
    while not pool.has_room():
        yield from _collected(pool, found)
    found[item.source] = (item.parts, sha)
    failed = pool.submit(Task(item.source, path=str(item.path) if item.path else None, data=item.data))
    if failed is not None:
        yield Converted(item.source, item.parts, sha, reason=failed.reason)


def _collected(pool: Pool, found: dict[str, tuple[tuple[str, ...], str]]) -> Iterator[Converted]:
    for task, outcome in pool.collect():
        parts, sha = found.pop(task.source, ((), None))
        yield Converted(task.source, parts, sha, outcome.line, outcome.reason, outcome.warnings)
