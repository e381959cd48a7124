"""Benchmark resparse on the bundled samples: speed, startup and memory.

    python bench/bench.py            # all figures, as a Markdown table for the README
    python bench/bench.py --rounds 20

Measures, per format, pages (or documents) per second for each stage — reading the layout,
the structure rules (NLP), writing JSON — once warm; the cold wall time of ``resparse
--help`` and of one ``resparse extract``; and the peak memory of one process.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
sys.path.insert(0, str(ROOT))

from resparse.emit import dumps  # noqa: E402
from resparse.extract import read_layout  # noqa: E402
from resparse.layout import Layout  # noqa: E402
from resparse.structure import build_document  # noqa: E402


def _pages(path: Path, layout: Layout) -> int:
    """Printed pages: a DOCX's own count (docProps) is often stale, so use its PDF twin's."""
    twin = path.with_suffix(".pdf")
    if path.suffix == ".docx" and twin.exists():
        return read_layout(twin).source.pages or 1
    return layout.source.pages or 1


def bench_format(pattern: str, rounds: int) -> dict[str, float]:
    files = sorted(SAMPLES.glob(pattern))
    files = [f for f in files if ".scan." not in f.name and ".typed." not in f.name]
    if not files:
        return {}
    datas = [(f.name, f.read_bytes()) for f in files]
    page_counts = {f.name: _pages(f, read_layout(f)) for f in files}
    for name, data in datas:  # warm up: imports, morphology, grammar caches
        build_document(read_layout(data, name=name))
    read_s = nlp_s = write_s = 0.0
    pages = documents = 0
    for _ in range(rounds):
        for name, data in datas:
            t0 = time.perf_counter()
            layout = read_layout(data, name=name)
            t1 = time.perf_counter()
            document = build_document(layout)
            t2 = time.perf_counter()
            dumps([document], "json")
            t3 = time.perf_counter()
            read_s, nlp_s, write_s = read_s + t1 - t0, nlp_s + t2 - t1, write_s + t3 - t2
            pages += page_counts[name]
            documents += 1
    total = read_s + nlp_s + write_s
    return {
        "documents": documents,
        "pages": pages,
        "read_ms_per_doc": 1000 * read_s / documents,
        "nlp_ms_per_doc": 1000 * nlp_s / documents,
        "write_ms_per_doc": 1000 * write_s / documents,
        "pages_per_s_read": pages / read_s,
        "docs_per_s": documents / total,
    }


def cold(command: list[str], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def batch_throughput(exe: str, jobs: int, copies: int = 10) -> tuple[int, float]:
    """Wall time of ``resparse batch`` over ``copies`` × each DOCX and PDF sample (startup included)."""
    files = [
        f
        for f in sorted(SAMPLES.glob("*.docx")) + sorted(SAMPLES.glob("*.pdf"))
        if ".scan." not in f.name and ".typed." not in f.name
    ]
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder, "in")
        inputs.mkdir()
        for copy in range(copies):
            for f in files:
                shutil.copy(f, inputs / f"{copy}-{f.name}")
        t0 = time.perf_counter()
        subprocess.run(
            [exe, "batch", str(inputs), "-o", str(Path(folder, "out.jsonl")), "-j", str(jobs)],
            capture_output=True,
            check=True,
        )
        return copies * len(files), time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()

    print("| format | docs | ms/doc read | ms/doc NLP | ms/doc write | pages/s read | docs/s (1 core) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for label, pattern in (("DOCX", "*.docx"), ("PDF", "*.pdf"), ("TXT", "*.txt")):
        r = bench_format(pattern, args.rounds)
        if r:
            print(
                f"| {label} | {r['documents'] // args.rounds} | {r['read_ms_per_doc']:.1f}"
                f" | {r['nlp_ms_per_doc']:.1f} | {r['write_ms_per_doc']:.1f}"
                f" | {r['pages_per_s_read']:.0f} | {r['docs_per_s']:.1f} |"
            )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process after all rounds: {peak_mb:.0f} MB")

    exe = shutil.which("resparse") or str(Path(sys.executable).with_name("resparse"))
    print(f"cold `resparse --help`: {cold([exe, '--help']):.2f} s (median of 5)")
    sample = str(SAMPLES / "004_493f23bf5003ad19.pdf")
    print(
        f"cold `resparse extract` (6-page roadmap PDF): {cold([exe, 'extract', sample, '-f', 'json']):.2f} s"
    )
    sample = str(SAMPLES / "000_858972ccd0d0de21.docx")
    print(f"cold `resparse extract` (2-page DOCX): {cold([exe, 'extract', sample, '-f', 'json']):.2f} s")

    for jobs in sorted({1, min(2, os.cpu_count() or 1)}):
        count, seconds = batch_throughput(exe, jobs)
        rate = count / seconds
        print(f"`resparse batch -j {jobs}` over {count} DOCX + PDF: {rate:.1f} docs/s ({seconds:.1f} s)")
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of one batch worker: {child_mb:.0f} MB")


if __name__ == "__main__":
    main()
