"""Gold vs output: per-field precision, recall and F1, micro-averaged over documents.

What ``resparse evaluate`` prints. A document is reduced to *facts* per field (an item is
``(addressee, text)``, a roadmap executor ``(row number, name, role)``, …); gold and predicted
facts are matched one to one, texts fuzzily (a ratio of 0.9 after normalising case, ё, quotes,
dashes, spaces and list markers), everything else exactly. The definitions are those of the
reference scorer ``tools/score.py`` (GROBID's evaluation style), so both give the same figures.

Inputs are matched to ``GOLD/<stem>.json`` by the part of their name before the first dot
(``C001.txt``, ``C001.docx`` and ``C001.scan.pdf`` all score against ``C001.json``) and read
by the same supervised workers as ``extract`` and ``batch`` (:func:`predict_all`), under the
usual :class:`Limits`: a hostile input costs one failed document, whatever it does.
"""

from __future__ import annotations

import fnmatch
import functools
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field, computed_field

from resparse.limits import DEFAULT_LIMITS, Limits
from resparse.scoring import (  # noqa: F401 (the evaluation's public names, kept here)
    FIELDS,
    FUZZY,
    SIMILARITY,
    SUMMARY_FIELDS,
    WORD,
    Fact,
    Score,
    coverage,
    facts,
    item_norm,
    match,
    norm,
    score_document,
    similar,
    strings,
    words,
)

if TYPE_CHECKING:
    from resparse.batch.worker import Outcome

# ----------------------------------------------------------------------------- a run


class DocumentScore(BaseModel):
    name: str
    path: str
    format: str
    """The input's name after the stem: ``txt``, ``docx``, ``scan.pdf``."""
    failed: str | None = None
    """Why the input could not be read; it is then scored as an empty output."""
    seconds: float = 0.0
    fields: dict[str, Score] = Field(default_factory=dict)


class Failure(BaseModel):
    path: str
    reason: str


class Report(BaseModel):
    """Totals per field and per input format, each document, and what failed."""

    fields: dict[str, Score] = Field(default_factory=dict)
    formats: dict[str, dict[str, Score]] = Field(default_factory=dict)
    documents: list[DocumentScore] = Field(default_factory=list)
    failures: list[Failure] = Field(default_factory=list)
    unmatched: list[str] = Field(default_factory=list)
    """Inputs found in folders with no gold of their stem (not scored)."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def summary(self) -> dict[str, float]:
        """Micro-averaged F1 per field (for coverage: the share of source words kept)."""
        return {key: round(self.fields[key].f1, 4) for key in ordered(self.fields)}

    def add(self, document: DocumentScore) -> None:
        self.documents.append(document)
        per_format = self.formats.setdefault(document.format, {})
        for key, score in document.fields.items():
            self.fields.setdefault(key, Score()).add(score)
            per_format.setdefault(key, Score()).add(score)


def ordered(keys: Iterable[str]) -> list[str]:
    return sorted(keys, key=lambda k: (FIELDS.index(k) if k in FIELDS else len(FIELDS), k))


def stem_and_format(name: str) -> tuple[str, str]:
    """``C001.scan.pdf`` → ``("C001", "scan.pdf")``: the part before the first dot is the stem."""
    stem, _, fmt = name.partition(".")
    return stem, fmt


def _wanted(name: str, only: Sequence[str], skip: Sequence[str]) -> bool:
    if name.endswith((".json", ".md")):
        return False
    if only and not any(fnmatch.fnmatch(name, p) for p in only):
        return False
    return not any(fnmatch.fnmatch(name, p) for p in skip)


def find_inputs(
    gold_dir: Path, inputs: Sequence[Path], only: Sequence[str] = (), skip: Sequence[str] = ()
) -> tuple[list[tuple[Path, Path]], list[Failure], list[str]]:
    """(input, gold) pairs, inputs that cannot be scored, and folder files with no gold.

    ``only``/``skip`` are name patterns (``*.pdf``); gold files and ``.md`` notes are never inputs.
    A file named on the command line with no gold is a failure; one found in a folder is listed.
    """
    from resparse.batch.inputs import Broken, InputFile, iter_input_files

    pairs: list[tuple[Path, Path]] = []
    failures: list[Failure] = []
    unmatched: list[str] = []
    named = {p.resolve() for p in inputs if p.is_file()}
    for found in iter_input_files(inputs):
        if isinstance(found, Broken):
            failures.append(Failure(path=found.source, reason=found.reason))
        if not isinstance(found, InputFile) or not _wanted(found.path.name, only, skip):
            continue
        gold = gold_dir / f"{stem_and_format(found.path.name)[0]}.json"
        if gold.is_file():
            pairs.append((found.path, gold))
        elif found.path.resolve() in named:
            failures.append(Failure(path=found.source, reason=f"no gold file {gold}"))
        else:
            unmatched.append(found.source)
    return pairs, failures, unmatched


def _source_text(path: Path, gold_path: Path, gold: dict[str, Any]) -> str | None:
    """The plain text coverage is measured on: ``<stem>.txt`` beside the input, else the gold's."""
    candidates = [path.parent / f"{stem_and_format(path.name)[0]}.txt"]
    if gold.get("_source_text"):
        candidates.append(gold_path.parent / gold["_source_text"])
    for candidate in candidates:
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8", errors="replace")
    return None


def read_for_scoring(
    source: bytes | Path, *, name: str, limits: Limits, ocr: str = "auto"
) -> tuple[dict[str, Any], float]:
    """A worker's job: the output of one input as JSON data, and the seconds reading it took."""
    from resparse.emit import to_data
    from resparse.pipeline import extract

    started = time.perf_counter()
    data = to_data(extract(source, name=name, limits=limits, ocr=ocr))  # type: ignore[arg-type]
    return data, time.perf_counter() - started


Prediction = tuple[dict[str, Any], str | None, float]
"""An input's output as JSON data (``{}`` when it failed), the one-line reason, the seconds."""


def predict_all(
    paths: Sequence[Path], *, limits: Limits, ocr: str = "auto", debug: bool = False, jobs: int = 1
) -> Iterator[Prediction]:
    """Each input read by a supervised worker, as ``batch`` and ``extract`` read it (the memory
    cap and the CPU-time limit hold), ``jobs`` at a time; predictions come back in input order."""
    from resparse.batch.contexts import batch_context, single_context
    from resparse.batch.worker import Pool, Task

    job = functools.partial(read_for_scoring, ocr=ocr)
    pool = Pool(batch_context if jobs > 1 else single_context, job, limits, debug, jobs=jobs)
    done: dict[int, Prediction] = {}
    tasks = iter([Task(str(path), order, path=str(path), keep=True) for order, path in enumerate(paths)])
    following, exhausted = 0, False
    try:
        while following < len(paths):
            while not exhausted and pool.has_room():
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                elif (failed := pool.submit(task)) is not None:
                    done[task.order] = _prediction(failed)
            for task, outcome in pool.collect() if pool.busy() else []:
                done[task.order] = _prediction(outcome)
            while following in done:
                yield done.pop(following)
                following += 1
    finally:
        pool.shutdown()


def _prediction(outcome: Outcome) -> Prediction:
    if outcome.reason is not None:
        return {}, outcome.reason, 0.0
    data, seconds = outcome.value
    return data, None, seconds


def score_one(path: Path, gold_path: Path, prediction: Prediction) -> DocumentScore:
    """One input's prediction scored against its gold (a failed read scores as empty)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    pred, failed, seconds = prediction
    fields = score_document(gold, pred, _source_text(path, gold_path, gold))
    fmt = stem_and_format(path.name)[1]
    return DocumentScore(
        name=path.name, path=str(path), format=fmt, failed=failed, seconds=seconds, fields=fields
    )


def evaluate(
    gold_dir: Path,
    inputs: Sequence[Path],
    *,
    limits: Limits = DEFAULT_LIMITS,
    ocr: str = "auto",
    only: Sequence[str] = (),
    skip: Sequence[str] = (),
    fields: Sequence[str] = (),
    on_failure: Callable[[Failure], None] | None = None,
    debug: bool = False,
    jobs: int = 1,
) -> Report:
    """Score every input that has a gold in ``gold_dir``; ``fields`` keeps only those fields.

    ``on_failure`` hears each failure as it happens (the CLI prints it); the report lists them all.
    """
    pairs, failures, unmatched = find_inputs(gold_dir, inputs, only, skip)
    report = Report(unmatched=unmatched)

    def fail(failure: Failure) -> None:
        report.failures.append(failure)
        if on_failure:
            on_failure(failure)

    for failure in failures:
        fail(failure)
    predictions = predict_all([path for path, _ in pairs], limits=limits, ocr=ocr, debug=debug, jobs=jobs)
    for (path, gold_path), prediction in zip(pairs, predictions, strict=True):
        try:
            document = score_one(path, gold_path, prediction)
        except (OSError, ValueError) as error:  # the gold itself is unreadable
            fail(Failure(path=str(gold_path), reason=f"bad gold file ({error})"))
            continue
        if document.failed:
            fail(Failure(path=str(path), reason=document.failed))
        if fields:
            document.fields = {k: v for k, v in document.fields.items() if k in fields}
        report.add(document)
    return report


# ----------------------------------------------------------------------------- printing


def below(report: Report, minimums: dict[str, float]) -> list[str]:
    """``field=actual<minimum`` for each field under its minimum (a field not measured counts as 0)."""
    summary = report.summary
    return [
        f"{key}={summary.get(key, 0.0):.3f}<{minimum:g}"
        for key, minimum in minimums.items()
        if summary.get(key, 0.0) < minimum
    ]
