"""What ``--engine dask`` costs over the local pool, on the same documents and the same cores.

    python bench/dask_overhead.py                 # 500 documents, -j 2, one round each
    python bench/dask_overhead.py --documents 200 --jobs 2 --rounds 3

Makes DOCUMENTS inputs from the bundled samples (DOCX, text-layer PDF and TXT, copied under
numbered names; no LibreOffice or OCR, whose seconds would hide the engine), then runs
``resparse batch`` on them with ``--engine local -j JOBS``, with ``--engine dask -j JOBS`` (a
local cluster of JOBS worker processes started by the command: its start-up is counted) and with
``--engine dask --scheduler`` a local cluster of JOBS workers already running (as a real
cluster is), alternately (each round's times printed as it ends), and prints the best and the
median wall time of each, documents per second, and the overhead of each Dask path over the
local one (best over best; median over median). On a shared machine run several rounds. All
must write the same JSON Lines, byte for byte.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PATTERNS = ("*.docx", "*.pdf", "*.txt")
SKIP = (".scan.", ".typed.")
TARGET_OVERHEAD = 0.15
"""The issue's bar: the Dask path at most 15 % slower than the local pool."""


def make_inputs(folder: Path, count: int) -> None:
    found = (path for pattern in PATTERNS for path in SAMPLES.glob(pattern))
    samples = sorted(path for path in found if not any(skip in path.name for skip in SKIP))
    for index, sample in zip(range(count), itertools.cycle(samples)):
        shutil.copyfile(sample, folder / f"{index:04d}_{sample.name}")


def run(command: list[str], output: Path) -> float:
    output.unlink(missing_ok=True)
    started = time.perf_counter()
    result = subprocess.run([*command, "-o", str(output), "-q"], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    resparse = Path(sys.executable).with_name("resparse")
    sys.path.insert(0, str(ROOT))
    from resparse.batch.dask_engine import local_cluster

    cluster = local_cluster(args.jobs)
    with tempfile.TemporaryDirectory(prefix="resparse-bench-") as temporary:
        work = Path(temporary)
        inputs = work / "in"
        inputs.mkdir()
        make_inputs(inputs, args.documents)
        base = [str(resparse), "batch", str(inputs), "-j", str(args.jobs)]
        engines = {
            "local": [*base, "--engine", "local"],
            "dask, cluster started by the command": [*base, "--engine", "dask"],
            "dask, cluster running": [*base, "--engine", "dask", "--scheduler", cluster.scheduler_address],
        }
        times: dict[str, list[float]] = {name: [] for name in engines}
        for _ in range(args.rounds):
            for number, (name, command) in enumerate(engines.items()):
                times[name].append(run(command, work / f"{number}.jsonl"))
            print("round:", ", ".join(f"{name} {seconds[-1]:.2f} s" for name, seconds in times.items()))
        outputs = {(work / f"{number}.jsonl").read_bytes() for number in range(len(engines))}
    cluster.close()
    report(times, args.documents, args.jobs)
    print(f"bar: {TARGET_OVERHEAD:.0%}; outputs identical: {len(outputs) == 1}")


def report(times: dict[str, list[float]], documents: int, jobs: int) -> None:
    """Best and median wall time of each engine, and their overhead over the local pool's."""
    rounds = len(times["local"])
    print(f"{documents} documents, -j {jobs}, {rounds} rounds (best; median):")
    print("| engine | wall s | docs/s | over local |")
    print("| --- | --- | --- | --- |")
    local = (min(times["local"]), statistics.median(times["local"]))
    for name, seconds in times.items():
        best, median = min(seconds), statistics.median(seconds)
        over = (best / local[0] - 1, median / local[1] - 1)
        note = "" if name == "local" else f"{over[0]:+.1%}; {over[1]:+.1%}"
        if name != "local" and over[0] > TARGET_OVERHEAD:
            note += " (over the bar)"
        print(f"| {name} | {best:.1f}; {median:.1f} | {documents / best:.1f} | {note} |")


if __name__ == "__main__":
    main()
