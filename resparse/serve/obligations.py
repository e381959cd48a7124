"""``GET /v1/obligations``: the registry, read-only — the rows ``resparse registry list`` shows.

Filtered as ``registry list`` filters (``addressee``, ``status``/``overdue``, ``document``,
``search`` words of the task, ``as_of``, ``soon``) and paginated: ``limit`` rows from ``offset``, ``next``
the offset of the following page (null on the last). The database is opened read-only
(``mode=ro``), one connection per request, in a thread: the event loop never waits on SQLite.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any, Optional

import anyio
from fastapi import FastAPI, Query
from pydantic import BaseModel

from resparse.registry.status import DUE_SOON_DAYS, STATUSES
from resparse.serve.errors import ServeError

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
"""Most rows one page holds."""
STATUS_HELP = f"Any of {', '.join(STATUSES)} (repeat or comma-separate)."
MAX_OFFSET = 1_000_000
"""Furthest a page may start."""


class ObligationsPage(BaseModel):
    as_of: dt.date
    offset: int
    limit: int
    next: Optional[int]
    """The ``offset`` of the next page; null on the last one."""
    items: list[dict[str, Any]]
    """Obligation rows, keyed by the columns of ``resparse registry export``."""


class ReadOnlyStore:
    """What :func:`resparse.registry.query.select` reads of a store: a read-only connection
    and the organisation rules (a :class:`~resparse.registry.store.Store` would create tables)."""

    def __init__(self, path: Path, orgs: Any) -> None:
        self.path, self.orgs = path, orgs
        self.db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)

    def close(self) -> None:
        self.db.close()


def check_database(path: Path) -> None:
    """Refuse a database that is not there or not a registry, before the server starts (ValueError)."""
    try:
        store = ReadOnlyStore(path, None)
        try:
            store.db.execute("SELECT 1 FROM obligations LIMIT 1").fetchall()
        finally:
            store.close()
    except sqlite3.Error as error:
        raise ValueError(f"{path}: not a registry database ({error})") from None


def add_obligations_route(app: FastAPI, db: Path) -> None:
    from resparse.registry.orgs import Organisations

    check_database(db)
    orgs = Organisations()

    @app.get("/v1/obligations", response_model=ObligationsPage)
    async def obligations(
        addressee: Optional[str] = None,
        overdue: bool = False,
        status: list[str] = Query([], description=STATUS_HELP),
        document: Optional[str] = None,
        search: Optional[str] = Query(None, description="Words of the task text (SQLite FTS5 syntax)."),
        as_of: Optional[dt.date] = None,
        soon: int = Query(DUE_SOON_DAYS, ge=0, le=3660, description="Days ahead that count as due soon."),
        limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> ObligationsPage:
        """Obligations of the registry (``--db``), as ``resparse registry list`` shows them; read-only."""
        from resparse.registry.query import Filter

        given = [part.strip() for value in status for part in value.split(",") if part.strip()]
        wanted = tuple(dict.fromkeys([*given, *(["overdue"] if overdue else [])]))
        unknown = [value for value in wanted if value not in STATUSES]
        if unknown:
            raise ServeError(400, f"status {unknown[0]!r}: use {', '.join(STATUSES)}")
        day = as_of or dt.date.today()
        where = Filter(addressee, wanted, document, search, day, soon, limit=limit + 1, offset=offset)
        rows = await anyio.to_thread.run_sync(_select, db, orgs, where)
        more = len(rows) > limit
        page = rows[:limit]
        following = offset + limit if more else None
        return ObligationsPage(as_of=day, offset=offset, limit=limit, next=following, items=page)


def _select(db: Path, orgs: Any, where: Any) -> list[dict[str, Any]]:
    from resparse.registry.query import select

    store = ReadOnlyStore(db, orgs)
    try:
        return select(store, where)  # type: ignore[arg-type]
    except ValueError as error:  # an FTS query that does not parse
        raise ServeError(400, str(error)) from None
    except sqlite3.Error as error:
        raise ServeError(503, f"the registry cannot be read now ({error})") from None
    finally:
        store.close()
