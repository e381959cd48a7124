"""One LibreOffice kept running for a batch worker's life, driven over UNO.

A one-shot ``soffice --convert-to`` starts LibreOffice for each file: over a second before it
reads anything. A batch worker instead starts ``soffice.bin`` once, listening on a private
pipe (``--accept=pipe,…;urp;``), and hands it each ``.doc/.rtf/.odt`` through UNO — Debian's
``python3-uno`` bindings, loaded from where LibreOffice installed them, since they are not on
the virtual environment's path. Each conversion then costs a few tenths of a second.

The office gets its own temporary profile (LibreOffice locks a shared one), loads documents
hidden, read-only, with macros never run and links never updated, and is

* restarted when it has died (a document crashed it; the next one gets a fresh office);
* killed past ``limits.seconds_per_document`` by a watchdog, the conversion then refused;
* killed with its worker: on exit (``atexit`` and multiprocessing's finalizers) and, should
  the worker itself be killed, by the kernel (``PR_SET_PDEATHSIG``).

:func:`available` says whether the bindings load; when they do not, :mod:`.convert` keeps its
one-shot path.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import itertools
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from functools import cache
from pathlib import Path
from typing import Any

from resparse.errors import CorruptFileError, LimitExceededError
from resparse.extract import scratch

__all__ = ["Office", "StartError", "available", "office"]


class StartError(OSError):
    """LibreOffice did not start (or answer on its pipe): the caller converts one-shot instead."""


START_SECONDS = 60.0
"""How long a starting office may take to answer on its pipe before the start counts as failed."""
RESTART_CODE = 81
"""What ``soffice.bin`` exits with after creating a fresh profile: it wants to be started again."""
UNO_PLACES = ("/usr/lib/python3/dist-packages", "/usr/lib/libreoffice/program")
"""Where Debian's ``python3-uno`` puts ``uno.py``; ``pyuno.so`` lives beside ``soffice.bin``."""
_FILTER = "MS Word 2007 XML"


def _program_folder() -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    folder = Path(os.path.realpath(soffice)).parent
    return folder if (folder / "soffice.bin").is_file() else None


@cache
def _uno() -> Any:
    """The ``uno`` module: importable already, or loaded from LibreOffice's own folders."""
    with contextlib.suppress(ImportError):
        import uno

        return uno
    program = _program_folder()
    places = [*UNO_PLACES, *([str(program)] if program else [])]
    script = next((Path(place, "uno.py") for place in places if Path(place, "uno.py").is_file()), None)
    if script is None or program is None:
        raise ImportError("no python3-uno")
    if str(program) not in sys.path:
        sys.path.append(str(program))  # for pyuno.so
    spec = importlib.util.spec_from_file_location("uno", script)
    if spec is None or spec.loader is None:
        raise ImportError("no python3-uno")
    module = importlib.util.module_from_spec(spec)
    sys.modules["uno"] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:
        sys.modules.pop("uno", None)
        raise ImportError(f"python3-uno does not load: {error}") from error
    return module


def available() -> bool:
    """Whether a warm office can be driven here: LibreOffice and its UNO bindings both load."""
    try:
        _uno()
    except ImportError:
        return False
    return _program_folder() is not None


def _die_with_parent() -> None:
    """In the office's process, before exec: the kernel kills it when the worker dies."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class Office:
    """A LibreOffice process and the UNO desktop that drives it; started on first use."""

    def __init__(self) -> None:
        self._folder: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._desktop: Any = None
        self._names = itertools.count()

    # ------------------------------------------------------------------ life

    def _start(self) -> None:
        uno = _uno()
        program = _program_folder()
        if program is None:
            raise StartError("no LibreOffice")
        self._folder = scratch.make("office")
        pipe = f"resparse-{os.getpid()}-{self._folder.name}"
        command = [
            str(program / "soffice.bin"),
            f"-env:UserInstallation={(self._folder / 'profile').as_uri()}",
            *("--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck", "--nodefault"),
            f"--accept=pipe,name={pipe};urp;",
        ]
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + START_SECONDS
        self._process = self._launch(command)
        while True:
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if time.monotonic() > deadline:
                    self.stop()
                    raise StartError("LibreOffice did not start") from None
                if self._process.poll() is not None:  # 81 after making the profile: start again
                    if self._process.returncode != RESTART_CODE:
                        self.stop()
                        raise StartError("LibreOffice did not start") from None
                    self._process = self._launch(command)
                time.sleep(0.05)
        self._desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )

    def _launch(self, command: list[str]) -> subprocess.Popen[bytes]:
        folder = str(self._folder)
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=folder,
            env={**os.environ, "HOME": folder, "TMPDIR": folder},
            preexec_fn=_die_with_parent,  # the worker runs no threads of its own
        )

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None and self._desktop is not None

    def _expire(self, expired: threading.Event) -> None:
        """The watchdog: past the time limit, kill the office; the waiting UNO call then fails."""
        expired.set()
        process = self._process
        if process is not None:
            with contextlib.suppress(OSError):
                process.kill()

    def stop(self) -> None:
        """Kill the office (if running) and remove its profile and files."""
        process, self._process, self._desktop = self._process, None, None
        if process is not None:
            with contextlib.suppress(OSError):
                process.kill()
            with contextlib.suppress(Exception):
                process.wait(timeout=10)
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    # ------------------------------------------------------------------ work

    def convert(self, data: bytes, fmt: str, seconds: float, what: str, max_bytes: int) -> bytes:
        """The DOCX bytes of ``data``; refused past ``seconds`` or when LibreOffice fails on it."""
        if not self.alive():
            self.stop()
            self._start()
        assert self._folder is not None
        number = next(self._names)
        source, target = self._folder / f"in-{number}.{fmt}", self._folder / f"out-{number}.docx"
        source.write_bytes(data)
        expired = threading.Event()
        watchdog = threading.Timer(seconds, self._expire, (expired,)) if seconds > 0 else None
        try:
            if watchdog is not None:
                watchdog.start()
            self._store(source, target)
            if target.stat().st_size > max_bytes:
                raise LimitExceededError("the converted document is larger than the file size limit")
            return target.read_bytes()
        except LimitExceededError:
            raise
        except Exception as error:
            self.stop()  # whatever failed, the next document gets a fresh office
            if expired.is_set():
                raise LimitExceededError(
                    f"LibreOffice took longer than {seconds:g} s to convert the file"
                ) from error
            raise CorruptFileError(f"damaged {what} file (LibreOffice could not convert it)") from error
        finally:
            if watchdog is not None:
                watchdog.cancel()
            for path in (source, target):
                with contextlib.suppress(OSError):
                    path.unlink()

    def _store(self, source: Path, target: Path) -> None:
        uno = _uno()
        hidden = _properties(uno, Hidden=True, ReadOnly=True, MacroExecutionMode=0, UpdateDocMode=0)
        document = self._desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(str(source)), "_blank", 0, hidden
        )
        if document is None:
            raise CorruptFileError("not loaded")
        try:
            options = _properties(uno, FilterName=_FILTER, Overwrite=True)
            document.storeToURL(uno.systemPathToFileUrl(str(target)), options)
        finally:
            with contextlib.suppress(Exception):
                document.close(True)


def _properties(uno: Any, **values: Any) -> tuple[Any, ...]:
    properties = []
    for name, value in values.items():
        prop = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
        prop.Name, prop.Value = name, value
        properties.append(prop)
    return tuple(properties)


@cache
def office() -> Office:
    """This process's office, stopped when the process exits."""
    started = Office()
    atexit.register(started.stop)
    with contextlib.suppress(Exception):
        from multiprocessing import util

        util.Finalize(started, started.stop, exitpriority=100)  # workers leave through os._exit
    return started
