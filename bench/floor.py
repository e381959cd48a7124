"""resparse next to its floor: how far reading documents costs more than merely opening them.

    python bench/floor.py                # everything, about two minutes on two cores
    python bench/floor.py --rounds 5 --copies 4 --skip-office

One run prints, for the bundled samples (DOCX, text-layer PDF, TXT; scans and the hand-typed
twins left out):

* **warm, in one process** — documents per CPU-second of resparse (read → rules → JSON) and of
  the floor, which only reads the plain text (python-docx paragraphs and cells, pypdfium2's
  text page, ``bytes.decode``), per format and mixed, with the ratio;
* **batch** — ``resparse batch -j 2`` over copies of the mixed set: documents per CPU-second
  of the whole process tree (command, forkserver, workers), and each worker's memory: USS
  (its own pages), PSS, and RSS from ``/proc/PID/smaps_rollup``, sampled while it works;
* **office** — ``.doc/.rtf/.odt`` copies through ``resparse batch -j 1`` (LibreOffice kept warm
  in the worker; the marginal wall seconds per document, start-up apart) against a one-shot
  ``resparse extract``;
* **cold start** — CPU seconds of ``resparse --help`` and of one ``resparse extract``.

CPU time, not wall time, so other work on the machine does not blur the figures.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FORMATS = ("docx", "pdf", "txt")
OFFICE = ("doc", "rtf", "odt")
CLOCK = os.sysconf("SC_CLK_TCK")


def samples(formats: tuple[str, ...]) -> list[Path]:
    return [
        path
        for fmt in formats
        for path in sorted(SAMPLES.glob(f"*.{fmt}"))
        if ".scan." not in path.name and ".typed." not in path.name
    ]


# ----------------------------------------------------------------------------- warm, in process


def floor_read(name: str, data: bytes) -> str:
    """Plain text and nothing else: what any reader of the file must pay at least."""
    if name.endswith(".docx"):
        import docx

        document = docx.Document(io.BytesIO(data))
        parts = [paragraph.text for paragraph in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join(parts)
    if name.endswith(".pdf"):
        import pypdfium2

        pdf = pypdfium2.PdfDocument(data)
        try:
            return "\n".join(page.get_textpage().get_text_range() for page in pdf)
        finally:
            pdf.close()
    return data.decode("utf-8", "replace")


def resparse_read(name: str, data: bytes) -> str:
    from resparse.emit import dumps
    from resparse.pipeline import extract

    return dumps([extract(data, name=name)], "json")


def rate(job: Callable[[str, bytes], str], files: list[tuple[str, bytes]], rounds: int) -> float:
    """Documents per CPU-second, after one warm-up round."""
    for name, data in files:
        job(name, data)
    start = time.process_time()
    for _ in range(rounds):
        for name, data in files:
            job(name, data)
    return rounds * len(files) / (time.process_time() - start)


def warm_table(rounds: int) -> None:
    print("## warm, one process (documents per CPU-second)\n")
    print("| set | docs | resparse | floor | ratio |")
    print("| --- | --- | --- | --- | --- |")
    for label, formats in [*((fmt.upper(), (fmt,)) for fmt in FORMATS), ("mixed", FORMATS)]:
        files = [(path.name, path.read_bytes()) for path in samples(formats)]
        ours, floor = rate(resparse_read, files, rounds), rate(floor_read, files, rounds)
        print(f"| {label} | {len(files)} | {ours:.1f} | {floor:.1f} | {floor / ours:.1f}× |")


# ----------------------------------------------------------------------------- process trees


def _tree(root: int) -> list[tuple[int, int]]:
    """(process, its parent) for ``root`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stream:
                    parent = int(stream.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, stack = [], [(root, 0)]
    while stack:
        pid, parent = stack.pop()
        found.append((pid, parent))
        stack.extend((child, pid) for child in children.get(pid, []))
    return found


def _cpu(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat") as stream:
            fields = stream.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK
    except (OSError, IndexError, ValueError):
        return None


def _memory(pid: int) -> dict[str, int]:
    """USS (private pages), PSS and RSS of one process in KiB, from smaps_rollup."""
    values: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as stream:
            for line in stream:
                key, _, rest = line.partition(":")
                if key in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
                    values[key] = int(rest.split()[0])
    except (OSError, ValueError):
        return {}
    return {
        "rss": values["Rss"],
        "pss": values["Pss"],
        "uss": values["Private_Clean"] + values["Private_Dirty"],
    }


def _name(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as stream:
            return stream.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


class Watch:
    """Samples a command's process tree: last CPU time seen per process, peak memory per worker."""

    def __init__(self, pid: int) -> None:
        self.pid, self.cpu, self.memory = pid, {}, {}
        self.names: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid, parent in _tree(self.pid):
                cpu = _cpu(pid)
                if cpu is not None:
                    self.cpu[pid] = cpu
                self.names.setdefault(pid, _role(_name(pid), parent == self.pid, pid == self.pid))
                memory = _memory(pid)
                peak = self.memory.setdefault(pid, {"rss": 0, "pss": 0, "uss": 0})
                for key, value in memory.items():
                    peak[key] = max(peak[key], value)
            time.sleep(0.05)

    def stop(self, own_cpu: float) -> float:
        self._stop.set()
        self._thread.join()
        return own_cpu + sum(cpu for pid, cpu in self.cpu.items() if pid != self.pid)


def run_batch(exe: str, files: list[Path], copies: int, jobs: int) -> tuple[int, float, float, Watch]:
    """Run ``resparse batch`` over ``copies`` of ``files``; return (docs, CPU s, wall s, watch)."""
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder, "in")
        inputs.mkdir()
        for copy in range(copies):
            for path in files:
                shutil.copy(path, inputs / f"{copy}-{path.name}")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        command = [exe, "batch", str(inputs), "-o", str(Path(folder, "out.jsonl")), "-j", str(jobs), "-q"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        watch = Watch(process.pid)
        _, errors = process.communicate()
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        own = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        cpu = watch.stop(own)
        if process.returncode not in (0, 1):
            print(errors.decode(errors="replace")[-2000:], file=sys.stderr)
        return copies * len(files), cpu, wall, watch


def batch_table(exe: str, copies: int) -> None:
    files = samples(FORMATS)
    count, cpu, wall, watch = run_batch(exe, files, copies, 2)
    print(f"\n## `resparse batch -j 2`, {count} mixed documents\n")
    print(
        f"{count / cpu:.1f} documents per CPU-second of the whole tree ({cpu:.1f} s CPU, {wall:.1f} s wall)\n"
    )
    print("| process | peak RSS MiB | peak PSS MiB | peak USS MiB |")
    print("| --- | --- | --- | --- |")
    for pid, peak in sorted(watch.memory.items()):
        name = watch.names.get(pid, "?")
        if peak["rss"]:
            print(
                f"| {name} | {peak['rss'] / 1024:.0f} | {peak['pss'] / 1024:.0f} | {peak['uss'] / 1024:.0f} |"
            )


def _role(command: str, child: bool, root: bool) -> str:
    if root:
        return "command"
    if "soffice" in command:
        return "LibreOffice"
    if "resource_tracker" in command:
        return "resource tracker"
    if "forkserver" in command:
        return "forkserver" if child else "worker"
    return command[:40]


def office_table(exe: str, copies: int) -> None:
    """Marginal seconds per document (wall, and CPU of the whole tree, LibreOffice included): two
    batches of different sizes, the difference divided by the extra documents, so LibreOffice's
    start-up (once per worker) drops out."""
    if not shutil.which("soffice"):
        print("\n(no LibreOffice: office formats skipped)")
        return
    print("\n## office formats (wall seconds per document)\n")
    print("| format | warm in `batch -j 1`: wall, CPU | batch start-up: wall | one-shot `extract`: wall |")
    print("| --- | --- | --- | --- |")
    for fmt in OFFICE:
        files = samples((fmt,))
        small, small_cpu, small_wall, _ = run_batch(exe, files, copies, 1)
        large, large_cpu, large_wall, _ = run_batch(exe, files, 4 * copies, 1)
        marginal = (large_wall - small_wall) / (large - small)
        cpu = (large_cpu - small_cpu) / (large - small)
        start = small_wall - small * marginal
        times = []
        for _ in range(3):
            begin = time.perf_counter()
            subprocess.run([exe, "extract", str(files[0])], capture_output=True, check=False)
            times.append(time.perf_counter() - begin)
        print(f"| {fmt} | {marginal:.2f}, {cpu:.2f} | {start:.1f} | {statistics.median(times):.2f} |")


# ----------------------------------------------------------------------------- cold start


def cold_cpu(command: list[str], repeat: int = 5) -> float:
    """Median CPU seconds (user + system, children included) of one run of ``command``."""
    values = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, capture_output=True, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        values.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(values)


def cold_table(exe: str) -> None:
    import compileall

    # As installed: with bytecode, even where PYTHONDONTWRITEBYTECODE keeps a source tree without it.
    for folder in ("resparse", "grammars"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    print("\n## cold start (CPU seconds, median of 5)\n")
    print(f"`resparse --help`: {cold_cpu([exe, '--help']):.2f} s")
    docx = samples(("docx",))[0]
    print(f"`resparse extract {docx.name}`: {cold_cpu([exe, 'extract', str(docx)]):.2f} s")
    floor = [
        sys.executable,
        "-c",
        f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import floor; "
        f"print(floor.floor_read({docx.name!r}, open({str(docx)!r}, 'rb').read())[:1])",
    ]
    print(f"floor (python-docx, cold): {cold_cpu(floor):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=10, help="warm rounds over the samples")
    parser.add_argument("--copies", type=int, default=8, help="copies of the samples in the batch")
    parser.add_argument("--skip-office", action="store_true", help="leave .doc/.rtf/.odt out")
    parser.add_argument("--only", choices=("warm", "batch", "office", "cold"), help="one table only")
    args = parser.parse_args()
    exe = shutil.which("resparse") or str(Path(sys.executable).with_name("resparse"))
    if args.only in (None, "warm"):
        warm_table(args.rounds)
    if args.only in (None, "batch"):
        batch_table(exe, args.copies)
    if args.only in (None, "office") and not args.skip_office:
        office_table(exe, max(1, args.copies // 4))
    if args.only in (None, "cold"):
        cold_table(exe)


if __name__ == "__main__":
    main()
