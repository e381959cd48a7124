"""What ``/proc`` (Linux) tells about a worker: its CPU time, address space and descendants."""

from __future__ import annotations

import contextlib
import os
import signal

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def usage(pid: int) -> tuple[float, int] | None:
    """CPU seconds (the children it waited for included) and address space of ``pid`` (Linux)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stream:
            fields = stream.read().rsplit(")", 1)[1].split()
        ticks = sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
        return ticks / _TICKS, int(fields[20])  # vsize
    except (OSError, IndexError, ValueError):
        return None


def descendants(pid: int) -> list[int]:
    """Children, grandchildren… of ``pid``, read from ``/proc`` (Linux); empty where there is none.

    Killing a stuck worker must also stop the converters it started, or they run on as orphans.
    """
    children: dict[int, list[int]] = {}
    try:
        entries = list(os.scandir("/proc"))
    except OSError:
        return []
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stream:
                fields = stream.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    found: list[int] = []
    queue = list(children.get(pid, []))
    while queue:
        child = queue.pop()
        if child not in found:
            found.append(child)
            queue.extend(children.get(child, []))
    return found


def peak_address_space() -> int | None:
    """This process's peak address space in bytes (``VmPeak``), None where unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            peak = next(line for line in status if line.startswith("VmPeak:"))
        return int(peak.split()[1]) * 1024
    except (OSError, StopIteration, ValueError, IndexError):
        return None


def cap_address_space(limit: int) -> None:
    """Limit this process's address space to ``limit`` bytes (never above a hard limit set outside)."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


CRASH_SIGNALS = frozenset(
    int(getattr(signal, name))
    for name in ("SIGABRT", "SIGSEGV", "SIGBUS", "SIGILL", "SIGTRAP")
    if hasattr(signal, name)
)
"""How native code dies when an allocation fails under the address-space cap (pdfium, Tesseract
and LibreOffice abort or trap rather than raise)."""
CRASH_NEAR_CAP = 0.5
"""A worker that dies by one of :data:`CRASH_SIGNALS` with its address space past this share of
the cap is reported as over the memory limit: such an allocation is often hundreds of MB at once,
between two of the parent's samples, so the last sample may be well below the cap."""


def crashed_near_the_cap(exit_code: int | None, peak: int, cap: int) -> bool:
    """Killed by a crash signal with its address space past :data:`CRASH_NEAR_CAP` of ``cap``."""
    crashed = exit_code is not None and -exit_code in CRASH_SIGNALS
    return crashed and peak >= CRASH_NEAR_CAP * cap


_M_ARENA_MAX = -8
"""glibc's ``mallopt`` parameter for the number of malloc arenas."""
WATCH_STACK_BYTES = 256 * 1024
"""The pipe watch's stack: it only waits."""


def end_with_the_pipe(descriptor: int) -> None:
    """End this process, whatever it is doing, when the other end of the pipe (a socket pair) at
    ``descriptor`` closes (Linux): whoever gave it a document (the command, a Dask worker) was
    killed, and nobody polices its limits now. A forkserver's child would read on otherwise:
    it keeps the server alive, so the kernel's parent-death signal never comes.

    The watch is a thread, so malloc is first kept to one arena: a second arena would add its
    own address space beside the capped one, and a reader running out of memory would go on
    allocating there rather than fail.
    """
    import select
    import threading

    if not hasattr(select, "POLLRDHUP"):
        return
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None).mallopt(_M_ARENA_MAX, 1)
    poller = select.poll()
    poller.register(descriptor, select.POLLRDHUP)

    def watch() -> None:
        poller.poll()
        os._exit(1)

    previous = threading.stack_size(WATCH_STACK_BYTES)
    try:
        threading.Thread(target=watch, name="resparse-pipe-watch", daemon=True).start()
    finally:
        threading.stack_size(previous)
