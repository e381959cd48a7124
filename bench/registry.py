"""Benchmark ``resparse registry``: build speed next to plain ``batch``, and query time.

    python bench/registry.py                      # 1,000 documents, 100,000 obligations
    python bench/registry.py --documents 200 --obligations 20000 -j 2

1. Makes ``--documents`` distinct documents from the samples (DOCX, text-layer PDF, text; each
   copy made unique so that the registry's sha256 check does not skip it), then converts them
   with ``batch`` to JSON Lines and builds a registry from them, in the same run with the same
   workers, in turns (ABBA): documents per second for each, and the registry's overhead.
2. Fills a registry with ``--obligations`` synthetic obligations across 1,000 organisations and
   times ``list --addressee`` (the query behind it) for organisations written in another case.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from resparse.batch import run_batch  # noqa: E402
from resparse.models import Block, Deadline, Document, Item, Party, Source  # noqa: E402
from resparse.registry.build import Engine, build  # noqa: E402
from resparse.registry.query import Filter, select  # noqa: E402
from resparse.registry.store import Store  # noqa: E402

ORGANISATIONS = 1000
ITEMS_PER_DOCUMENT = 50
QUERIES = 20


def unique_copy(source: Path, number: int) -> bytes:
    """The file's bytes made distinct without changing what resparse reads from them."""
    data = source.read_bytes()
    if source.suffix == ".pdf":
        return data + f"\n%bench {number}\n".encode()
    if source.suffix == ".txt":
        return data + b" " * (number + 1) + b"\n"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, old.read(info))
        new.writestr("bench/copy.txt", str(number))
    return out.getvalue()


def make_documents(folder: Path, count: int) -> None:
    samples = sorted(
        p
        for p in (ROOT / "samples").iterdir()
        if p.suffix in {".docx", ".pdf", ".txt"} and ".scan." not in p.name
    )
    for number in range(count):
        source = samples[number % len(samples)]
        (folder / f"{number:05d}_{source.name}").write_bytes(unique_copy(source, number))


def _batch(folder: Path, jobs: int, run: int) -> tuple[int, float]:
    started = time.perf_counter()
    report = run_batch([folder], folder.parent / f"batch{run}.jsonl", jobs=jobs, quiet=True)
    return report.documents, time.perf_counter() - started


def _registry(folder: Path, jobs: int, run: int) -> tuple[int, float]:
    started = time.perf_counter()
    with Store(folder.parent / f"registry{run}.sqlite") as store:
        built = build([folder], store, Engine(jobs=jobs))
    return built.added, time.perf_counter() - started


def bench_build(folder: Path, jobs: int, rounds: int) -> None:
    """Batch and registry in turns, ABBA (batch, registry, registry, batch, …), so that a machine
    that gets busier or quieter during the run weighs on both alike."""
    totals = {"batch": [0, 0.0], "registry": [0, 0.0]}
    for run in range(rounds):
        order = [("batch", _batch), ("registry", _registry)]
        for name, step in order if run % 2 == 0 else reversed(order):
            documents, seconds = step(folder, jobs, run)
            totals[name][0] += documents
            totals[name][1] += seconds
            print(f"  round {run + 1}: {name:8} {documents} documents in {seconds:6.1f} s")
    (batch_n, batch_s), (registry_n, registry_s) = totals["batch"], totals["registry"]
    print(f"batch     {batch_n / batch_s:6.1f} docs/s  (-j {jobs}, {rounds} rounds)")
    print(
        f"registry  {registry_n / registry_s:6.1f} docs/s  "
        f"({(registry_s / batch_s - 1) * 100:+.1f} % time vs batch for the same documents)"
    )


def _organisation(number: int) -> str:
    return f"Комитету по вопросам направления {number} Энской области"


def fill(store: Store, obligations: int) -> None:
    today = dt.date(2024, 6, 1)
    for doc in range(obligations // ITEMS_PER_DOCUMENT):
        items = [
            Item(
                text=f"Провести мероприятие {doc}-{n}",
                addressee=Party(
                    text=_organisation(k := (doc * 7 + n) % ORGANISATIONS), name=_organisation(k)
                ),
                deadline=Deadline(text="срок", end=today + dt.timedelta(days=(doc + n) % 400 - 200)),
            )
            for n in range(ITEMS_PER_DOCUMENT)
        ]
        source = Source(path=f"doc{doc}.txt", format="txt", sha256=f"{doc:064x}")
        store.add(Document(source=source, recommendations=[Block(items=items)]))
    store.settle_names()


def bench_query(folder: Path, obligations: int) -> None:
    with Store(folder / "big.sqlite") as store:
        started = time.perf_counter()
        fill(store, obligations)
        filled_s = time.perf_counter() - started
        total = store.db.execute("SELECT count(*) FROM obligations").fetchone()[0]
        times, found = [], 0
        for number in range(QUERIES):
            name = f"Комитет по вопросам направления {number * 37 % ORGANISATIONS} Энской области"
            started = time.perf_counter()
            found += len(
                select(store, Filter(addressee=name, status=("overdue",), as_of=dt.date(2024, 6, 1)))
            )
            times.append(time.perf_counter() - started)
    print(f"store     {total} obligations stored in {filled_s:.1f} s ({total / filled_s:.0f}/s)")
    median_ms, max_ms = statistics.median(times) * 1000, max(times) * 1000
    print(
        f"query     --addressee --overdue on {total} obligations: median {median_ms:.1f} ms, "
        f"max {max_ms:.1f} ms ({found / QUERIES:.0f} rows a query)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--obligations", type=int, default=100_000)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2, help="turns of batch and registry (ABBA)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "docs"
        folder.mkdir()
        make_documents(folder, args.documents)
        bench_build(folder, args.jobs, args.rounds)
        bench_query(Path(temp), args.obligations)


if __name__ == "__main__":
    main()
