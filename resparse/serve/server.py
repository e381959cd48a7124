"""Run the service: uvicorn on the settings' address, one log line per request, ``SIGTERM`` → 0.

On ``SIGTERM`` (or Ctrl-C) uvicorn stops listening, lets the requests in flight finish for up to
``grace_seconds``, then the workers are stopped and the process exits 0.
"""

from __future__ import annotations

import logging
import signal
import sys
from typing import Any

from resparse.serve.settings import Settings

LOG_FORMAT = "%(asctime)s %(name)s: %(message)s"

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def configure_logging() -> None:
    """Our lines and uvicorn's on stderr, one line each; uvicorn's access log is replaced by ours."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    for name in ("resparse.serve", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False


def application(settings: Settings) -> Any:
    from resparse.serve.app import create_app
    from resparse.serve.service import Service

    return Service(create_app(settings), settings.token)


def run(settings: Settings) -> None:
    """Serve until ``SIGTERM`` or Ctrl-C; returns (exit 0) once the requests in flight are done."""
    import uvicorn

    configure_logging()
    if settings.token is None and settings.host not in LOOPBACK:
        logging.getLogger("resparse.serve").warning(
            "listening on %s without --token-file: whoever reaches the port can use it", settings.host
        )
    config = uvicorn.Config(
        application(settings),
        host=settings.host,
        port=settings.port,
        access_log=False,
        log_config=None,
        timeout_graceful_shutdown=settings.grace_seconds,
        server_header=False,
    )
    # uvicorn shuts down gracefully, then raises the signal again: let that be a clean exit
    for each in (signal.SIGTERM, signal.SIGINT):
        signal.signal(each, _exit_cleanly)
    server = uvicorn.Server(config)
    server.run()
    if not server.started:
        raise SystemExit(1)


def _exit_cleanly(signum: int, frame: object) -> None:
    raise SystemExit(0)
