"""Benchmark ``resparse serve`` under load, next to ``resparse batch`` on the same files.

    python bench/serve.py                          # 400 requests, 16 at a time, -j 2
    python bench/serve.py --requests 60 --concurrency 8 --skip-batch

Starts the real server (a subprocess on a free loopback port), sends the samples (scans left
out: OCR would set the pace) mixed with a few hostile files, and checks every answer: each
sample's JSON against ``resparse extract``'s, each hostile file refused with its status. Meanwhile
``/health`` is polled and the memory of the server's process tree (the server, its workers,
their converters) is sampled. Prints requests/s, p50/p95 latency, peak memory and ``batch``'s
documents/s on the same files. ``tests/test_serve_load.py`` runs a smaller round of the same.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TESTS = ROOT / "tests"
for folder in (ROOT, TESTS):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import httpx  # noqa: E402

from resparse.batch.procs import descendants  # noqa: E402

READY_SECONDS = 120.0
"""How long a server may take to answer ``/health`` after it is started."""
REQUEST_SECONDS = 300.0
"""Longest any one request may take (a client-side bound; the server's are tighter)."""
RETRIES = 5
"""Times a ``503`` is retried after its ``Retry-After`` before it counts as lost."""
RESPARSE = [sys.executable, "-m", "resparse"]
SAMPLE_SECONDS = 0.2
"""How often ``/health`` is polled and the process tree's memory sampled."""


# ----------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Running:
    url: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def serve_command(options: list[str]) -> list[str]:
    """``resparse serve`` with ``options`` (the port is added by :func:`running`)."""
    return [*RESPARSE, "serve", *options]


@contextlib.contextmanager
def running(command: list[str], log_folder: Path, env: dict[str, str] | None = None) -> Iterator[Running]:
    """Start ``command`` with ``--port`` a free port, wait for ``/health``, stop it at the end."""
    port = free_port()
    log_path = log_folder / f"serve-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*command, "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, env=env
        )
    server = Running(f"http://127.0.0.1:{port}", process, log_path)
    try:
        wait_ready(server)
        yield server
    finally:
        stop(process)


def wait_ready(server: Running) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server exited ({server.process.returncode}):\n{server.log()}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(server.url + "/health", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer in {READY_SECONDS:g} s:\n{server.log()}")


def stop(process: subprocess.Popen) -> int | None:
    """SIGTERM, then SIGKILL if it has not exited in 30 s; its exit code."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    return process.returncode


def tree_memory(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants."""
    total = 0
    for each in [pid, *descendants(pid)]:
        with contextlib.suppress(OSError, ValueError, IndexError):
            total += int(Path(f"/proc/{each}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    return total


# ----------------------------------------------------------------------------- the work


@dataclass(frozen=True)
class Job:
    name: str
    data: bytes = field(repr=False)
    status: int
    """What the server must answer."""
    expected: str | None = field(default=None, repr=False)
    """The JSON ``resparse extract`` prints (for status 200)."""


def load_samples(suffixes: tuple[str, ...] | None = None) -> list[Path]:
    """The samples but the scans, or those whose name ends with one of ``suffixes``."""
    found = sorted(p for p in SAMPLES.iterdir() if p.is_file() and ".scan." not in p.name)
    return [p for p in found if suffixes is None or p.name.endswith(suffixes)]


def reference(paths: list[Path]) -> dict[str, str]:
    """What ``resparse extract FILE -f json`` prints for each path, run in its folder (by name)."""
    result = subprocess.run(
        [*RESPARSE, "extract", *[p.name for p in paths], "-f", "json"],
        cwd=paths[0].parent,
        capture_output=True,
        check=True,
        timeout=600,
    )
    documents = json.loads(result.stdout)
    documents = documents if isinstance(documents, list) else [documents]
    pairs = zip(paths, documents, strict=True)
    return {path.name: json.dumps(document, ensure_ascii=False, indent=2) + "\n" for path, document in pairs}


def hostile_jobs() -> list[Job]:
    """Real files the readers must refuse: not a document, encrypted, damaged, an amplification bomb."""
    from hostile_files import PNG_HEAD, vmerge_docx
    from pdfmaker import encrypt

    pdf = next(SAMPLES.glob("001_*.pdf")).read_bytes()
    docx = next(SAMPLES.glob("001_*.docx")).read_bytes()
    return [
        Job("picture.png", PNG_HEAD + b"\x00" * 64, 415),
        Job("locked.pdf", encrypt(pdf, "secret"), 422),
        Job("broken.docx", docx[: len(docx) // 2], 422),
        Job("merged.docx", vmerge_docx(), 422),
    ]


def workload(requests: int, hostile_every: int = 25, suffixes: tuple[str, ...] | None = None) -> list[Job]:
    """``requests`` jobs: the samples in turn, one hostile file every ``hostile_every``."""
    paths = load_samples(suffixes)
    expected = reference(paths)
    documents = [Job(p.name, p.read_bytes(), 200, expected[p.name]) for p in paths]
    hostile = hostile_jobs()
    jobs = []
    for index in range(requests):
        if hostile_every and index % hostile_every == hostile_every - 1:
            jobs.append(hostile[(index // hostile_every) % len(hostile)])
        else:
            jobs.append(documents[index % len(documents)])
    return jobs


# ----------------------------------------------------------------------------- the load


@dataclass
class Answer:
    job: Job
    status: int
    seconds: float
    body: str = field(repr=False)
    retries: int = 0

    @property
    def right(self) -> bool:
        if self.status != self.job.status:
            return False
        if self.status == 200:
            return self.body == self.job.expected
        return set(json.loads(self.body)) == {"error"}


@dataclass
class LoadReport:
    answers: list[Answer]
    seconds: float
    peak_memory: int
    health_checks: int
    health_failures: int
    health_slowest: float

    @property
    def wrong(self) -> list[Answer]:
        return [answer for answer in self.answers if not answer.right]

    def latency(self, share: float) -> float:
        ordered = sorted(answer.seconds for answer in self.answers)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def lines(self) -> list[str]:
        refused = [a for a in self.answers if a.job.status != 200]
        return [
            f"{len(self.answers)} requests in {self.seconds:.1f} s: {len(self.answers) / self.seconds:.2f} "
            f"requests/s; latency p50 {self.latency(0.5):.2f} s, p95 {self.latency(0.95):.2f} s",
            f"wrong or lost: {len(self.wrong)}; hostile files refused as expected: "
            f"{sum(a.right for a in refused)}/{len(refused)}; "
            f"503 retries: {sum(a.retries for a in self.answers)}",
            f"/health: {self.health_checks} checks, {self.health_failures} failed, "
            f"slowest {self.health_slowest:.2f} s; peak memory of the process tree "
            f"{self.peak_memory / 2**20:.0f} MB",
        ]


def send(client: httpx.Client, url: str, job: Job) -> Answer:
    """POST ``job`` to ``/v1/extract``; a ``503`` is retried after its ``Retry-After``."""
    started = time.monotonic()
    for retries in range(RETRIES + 1):
        try:
            response = client.post(url + "/v1/extract", files={"file": (job.name, job.data)})
        except httpx.HTTPError as error:
            return Answer(job, 0, time.monotonic() - started, f"{type(error).__name__}: {error}", retries)
        if response.status_code != 503 or retries == RETRIES:
            break
        time.sleep(float(response.headers.get("retry-after", "1")))
    return Answer(job, response.status_code, time.monotonic() - started, response.text, retries)


class Watch(threading.Thread):
    """Polls ``/health`` and samples the memory of the server's process tree until stopped."""

    def __init__(self, server: Running, headers: dict[str, str]) -> None:
        super().__init__(daemon=True)
        self.server, self.headers = server, headers
        self.done = threading.Event()
        self.checks = self.failures = self.peak = 0
        self.slowest = 0.0

    def run(self) -> None:
        with httpx.Client(timeout=10) as client:
            while not self.done.wait(SAMPLE_SECONDS):
                self.peak = max(self.peak, tree_memory(self.server.process.pid))
                started = time.monotonic()
                try:
                    ok = client.get(self.server.url + "/health").status_code == 200
                except httpx.HTTPError:
                    ok = False
                self.checks += 1
                self.failures += not ok
                self.slowest = max(self.slowest, time.monotonic() - started)


def load(server: Running, jobs: list[Job], concurrency: int, token: str | None = None) -> LoadReport:
    """Send ``jobs``, ``concurrency`` at a time, each answer checked; ``/health`` watched throughout."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    watch = Watch(server, headers)
    watch.start()
    local = threading.local()

    def one(job: Job) -> Answer:
        if not hasattr(local, "client"):
            local.client = httpx.Client(timeout=REQUEST_SECONDS, headers=headers)
        return send(local.client, server.url, job)

    started = time.monotonic()
    try:
        with ThreadPoolExecutor(concurrency) as pool:
            answers = list(pool.map(one, jobs))
    finally:
        watch.done.set()
        watch.join(timeout=15)
    return LoadReport(
        answers, time.monotonic() - started, watch.peak, watch.checks, watch.failures, watch.slowest
    )


# ----------------------------------------------------------------------------- batch, the floor


def batch_rate(jobs: list[Job], workers: int) -> tuple[int, float]:
    """Documents and seconds ``resparse batch`` takes over the same files (hostile ones included)."""
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as folder:
        inputs = Path(folder) / "in"
        inputs.mkdir()
        for index, job in enumerate(jobs):
            (inputs / f"{index:04d}_{job.name}").write_bytes(job.data)
        started = time.monotonic()
        subprocess.run(
            [*RESPARSE, "batch", str(inputs), "-o", f"{folder}/out.jsonl", "-j", str(workers), "-q"],
            check=False,
            timeout=3600,
            stderr=subprocess.DEVNULL,  # the hostile files' one-line refusals
        )
        return len(jobs), time.monotonic() - started


def serve_round(folder: Path, jobs: list[Job], args: argparse.Namespace) -> LoadReport:
    with running(serve_command(["-j", str(args.jobs)]), folder) as server:
        return load(server, jobs, args.concurrency)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--jobs", "-j", type=int, default=2)
    parser.add_argument("--skip-batch", action="store_true", help="Do not time resparse batch.")
    args = parser.parse_args()
    jobs = workload(args.requests)
    # batch before and after serve, so that a machine shared with other work drifts for both alike
    before = None if args.skip_batch else batch_rate(jobs, args.jobs)
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as folder:
        report = serve_round(Path(folder), jobs, args)
    after = None if args.skip_batch else batch_rate(jobs, args.jobs)
    print(f"resparse serve -j {args.jobs}, {args.concurrency} clients:")
    print("\n".join("  " + line for line in report.lines()))
    if before is not None and after is not None:
        rates = [documents / seconds for documents, seconds in (before, after)]
        mean = sum(rates) / 2
        print(
            f"resparse batch -j {args.jobs}, the same {len(jobs)} files, before and after: "
            f"{rates[0]:.2f} and {rates[1]:.2f} documents/s "
            f"(serve: {len(jobs) / report.seconds / mean:.0%} of their mean)"
        )
    if report.wrong:
        for answer in report.wrong[:5]:
            print(f"  wrong: {answer.job.name} → {answer.status} {first_difference(answer)}")
        raise SystemExit(1)


def first_difference(answer: Answer) -> str:
    """The first line where a wrong answer parts from the expected one."""
    got, want = answer.body.splitlines(), (answer.job.expected or "").splitlines()
    for number, (line, expected) in enumerate(zip(got, want, strict=False), 1):
        if line != expected:
            return f"line {number}: {line.strip()[:120]!r}, expected {expected.strip()[:120]!r}"
    return f"{len(got)} lines, expected {len(want)}"


if __name__ == "__main__":
    main()
