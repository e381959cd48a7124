"""Reading and writing for the ``resparse`` commands: one line ``resparse: FILE: reason`` for a
bad file, a bug or an output that cannot be written, never a traceback without ``--debug``."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

if TYPE_CHECKING:
    from resparse.batch.tasks import Task
    from resparse.layout import Layout
    from resparse.limits import Limits

T = TypeVar("T")


def say(name: str, reason: str) -> None:
    """Print ``resparse: NAME: reason`` on stderr, one line, control characters escaped."""
    from resparse.errors import printable

    typer.echo(f"resparse: {printable(name)}: {printable(' '.join(reason.split()))}", err=True)


def guarded(name: str, debug: bool, work: Callable[[], T]) -> T | None:
    """Run ``work``; a bad file or a bug is one line ``resparse: NAME: reason`` and None."""
    from resparse.errors import InputError

    try:
        return work()
    except InputError as error:
        if debug:
            raise
        say(name, str(error))
    except Exception as error:  # a bug, not the user's fault: say so, briefly
        if debug:
            raise
        say(name, f"internal error ({type(error).__name__}: {error})")
    return None


def read_each(
    paths: list[str], limits: Limits, debug: bool, job: Callable[..., T], page_seconds: float = 0.0
) -> list[T | None]:
    """``job(source, name=…, limits=…)`` on each file (``-``: standard input), in order, each in a
    supervised worker under the memory and CPU-time limits; a failure is one line and None."""
    from resparse.batch.worker import run_each

    tasks = [_task(path, limits) for path in paths]
    results: list[T | None] = []
    ready = [t for t in tasks if t is not None]
    with contextlib.closing(run_each(ready, job, limits, debug, page_seconds)) as outcomes:
        for task in tasks:
            outcome = next(outcomes) if task is not None else None
            if outcome is not None and outcome.reason is not None:
                if outcome.trace:
                    sys.stderr.write(outcome.trace)
                say(outcome.source, outcome.reason)
            results.append(outcome.value if outcome is not None and outcome.reason is None else None)
    return results


def _task(path: str, limits: Limits) -> Task | None:
    """A file as a worker's task; standard input is read here, in chunks up to the file limit."""
    from resparse.batch.tasks import Task
    from resparse.errors import InputError
    from resparse.limits import read_stream

    if path != "-":
        return Task(path, path=path, keep=True)
    try:
        return Task(path, data=read_stream(sys.stdin.buffer, limits.max_file_bytes), keep=True)
    except InputError as error:
        say(path, str(error))
        return None


def extract_job(source: bytes | Path, *, name: str, limits: Limits, ocr: str = "auto") -> object:
    """What ``extract`` runs in its worker: the document, named as the command line names it."""
    from resparse.pipeline import extract

    return extract(source, name=stdin_name(source), limits=limits, ocr=ocr)  # type: ignore[arg-type]


def layout_job(source: bytes | Path, *, name: str, limits: Limits, fmt: str, explain: bool) -> str:
    """What ``layout`` runs in its worker: the layout as text or JSON, with the rules if asked."""
    from resparse.extract import read_layout

    result = read_layout(source, name=stdin_name(source), limits=limits)
    rules = explanation(result) if explain else []
    if fmt == "json":
        if not explain:
            return result.model_dump_json(indent=2) + "\n"
        import json

        data = {**result.model_dump(mode="json"), "rules": [{"rule": r, "text": t} for r, t in rules]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    from resparse.errors import terminal_text
    from resparse.view import layout_lines

    lines = layout_lines(result)
    if explain:
        lines.append("\n# rules")
        # the rules' texts are cut to a line; a roadmap row is shown whole, field by field
        lines.extend(
            terminal_text(f"{rule:>18}  {text if rule.startswith('roadmap') else text[:110]}")
            for rule, text in rules
        )
    return "".join(line + "\n" for line in lines)


def explanation(layout: Layout) -> list[tuple[str, str]]:
    """Which rule claimed each text, then a roadmap's table row by row."""
    from resparse.structure import build_document
    from resparse.structure import explain as explain_rules
    from resparse.view import roadmap_explanation

    return explain_rules(layout) + roadmap_explanation(build_document(layout))


def stdin_name(data: bytes | Path) -> str | None:
    return "-" if isinstance(data, bytes) else None


def write(text: str, output: Path | None) -> bool:
    """Write to ``output`` or stdout; a folder, a missing folder or a full disk is one line."""
    try:
        if output is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            with open(output, "w", encoding="utf-8") as stream:
                stream.write(text)
        return True
    except OSError as error:
        if output is None:  # nothing more can reach stdout, not even Python's flush at exit
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        say(str(output or "standard output"), f"cannot write the output ({error.strerror or error})")
        return False
