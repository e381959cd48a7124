"""``resparse serve``: an HTTP service on the supervised execution path of ``batch``.

settings.py   every bound, named: address, workers, queue, grace period, limits
spool.py      uploads streamed to a spool file, refused past --max-file-mb (413)
dispatch.py   the bounded queue in front of the batch workers (503 when full)
jobs.py       what the workers run; the format check made before queueing (415)
errors.py     a failure as a status and one line of reason
auth.py       the bearer token, compared in constant time
service.py    ASGI wrapper: the token, one log line per request, no traceback out
app.py        the routes: /v1/extract, /v1/schema, /health (batch.py: /v1/batch)
server.py     uvicorn, logging, SIGTERM
"""

from resparse.serve.settings import Settings

__all__ = ["Settings"]
