"""Reading the registry: obligations with their document, organisation, status and links.

Every reader (``list``, the exports, the report) takes its rows from :func:`select`, so they
show the same columns (:data:`COLUMNS`) with the same meaning.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from resparse.registry.status import DUE_SOON_DAYS, status_sql
from resparse.registry.store import Store

COLUMNS = (
    "document", "sha256", "kind", "title", "document_number", "document_date",
    "origin", "number", "parent", "parts", "section",
    "addressee", "addressee_nominative", "organisation", "organisation_id",
    "text", "result", "deadline", "deadline_start", "deadline_end", "recurrence", "status",
    "executors", "co_assignees", "supervisor", "issued_by", "signatory",
    "page", "paragraph", "line", "table", "row", "cell",
    "followed_up_by", "follows_up", "copies",
)  # fmt: skip
"""The columns of an obligation row, in the order exports write them."""

_SELECT = """
SELECT d.path, d.sha256, d.kind, d.title, d.number, d.date,
       o.origin, o.number, p.number, o.parts, o.section,
       o.addressee_text, o.addressee_name, g.name, o.organisation_id,
       o.text, o.result, o.deadline_text, o.deadline_start, o.deadline_end, o.recurrence, {status},
       o.executors, o.co_assignees, d.supervisor, d.issued_by, d.signatory,
       o.page, o.paragraph, o.line, o.tbl, o.row, o.cell,
       (SELECT group_concat(f.path, '; ') FROM citations c JOIN documents f ON f.id = c.document_id
         WHERE c.date = d.date AND c.number_key = d.number_key AND f.copy_of IS NULL),
       (SELECT group_concat(t.path, '; ') FROM citations c JOIN documents t
         ON t.date = c.date AND t.number_key = c.number_key
         WHERE c.document_id = d.id AND t.copy_of IS NULL),
       (SELECT group_concat(path, '; ') FROM (SELECT k.path FROM documents k
         WHERE (k.copy_of = coalesce(d.copy_of, d.id) OR k.id = d.copy_of) AND k.id != d.id ORDER BY k.id))
FROM obligations o
JOIN documents d ON d.id = o.document_id
LEFT JOIN organisations g ON g.id = o.organisation_id
LEFT JOIN obligations p ON p.document_id = o.document_id AND p.seq = o.parent_seq
"""


@dataclass(frozen=True)
class Filter:
    """What ``registry list`` narrows the rows to; every field optional."""

    addressee: str | None = None
    """An organisation by any of its spellings: all obligations it is assignee or co-assignee of."""
    status: tuple[str, ...] = ()
    document: str | None = None
    """A path (or part of one) or a sha256."""
    search: str | None = None
    """Words of the task text (SQLite FTS5 syntax)."""
    as_of: dt.date | None = None
    soon: int = DUE_SOON_DAYS
    limit: int | None = None
    offset: int = 0
    """Rows skipped before the first one returned (with ``limit``, a page)."""
    copies: bool = False
    """Also the rows of copies of an act (another format of a document already listed); a
    ``document`` filter shows a copy's rows whatever this says."""


def organisation_ids(store: Store, name: str) -> list[int]:
    """The organisation ``name`` means, by the same rules that built the registry (or none)."""
    key = store.orgs.canon(name).key
    found = store.db.execute("SELECT id FROM organisations WHERE key = ?", (key,)).fetchall()
    if not found:
        found = store.db.execute("SELECT organisation_id FROM aliases WHERE name = ?", (name,)).fetchall()
    return [row[0] for row in found]


def select(store: Store, where: Filter = Filter()) -> list[dict[str, Any]]:
    """Obligation rows as dictionaries keyed by :data:`COLUMNS`, in document and reading order."""
    as_of = where.as_of or dt.date.today()
    status, params = status_sql(as_of, where.soon)
    clauses: list[str] = []
    args: list[Any] = list(params)
    if where.addressee is not None:
        ids = organisation_ids(store, where.addressee) or [-1]
        marks = ", ".join("?" * len(ids))
        clauses.append(f"o.id IN (SELECT obligation_id FROM involved WHERE organisation_id IN ({marks}))")
        args += ids
    if where.status:
        clauses.append(f"{status} IN ({', '.join('?' * len(where.status))})")
        args += params + list(where.status)
    if where.document:
        clauses.append("(d.sha256 = ? OR d.path LIKE ?)")
        args += [where.document, f"%{where.document}%"]
    elif not where.copies:
        clauses.append("d.copy_of IS NULL")
    if where.search:
        clauses.append("o.id IN (SELECT rowid FROM obligations_fts WHERE obligations_fts MATCH ?)")
        args.append(where.search)
    sql = _SELECT.format(status=status)
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY d.path, o.seq"
    if where.limit is not None or where.offset:
        sql += f" LIMIT {-1 if where.limit is None else int(where.limit)} OFFSET {int(where.offset)}"
    try:
        rows = store.db.execute(sql, args).fetchall()
    except sqlite3.OperationalError as error:  # an FTS query that does not parse
        raise ValueError(f"cannot search for {where.search!r} ({error})") from error
    return [_row(values) for values in rows]


def _row(values: tuple[Any, ...]) -> dict[str, Any]:
    row = dict(zip(COLUMNS, values, strict=True))
    row["executors"] = "; ".join(
        f"{e['name']} ({e['role']})" if e["role"] != "responsible" else e["name"]
        for e in json.loads(row["executors"] or "[]")
    )
    row["co_assignees"] = "; ".join(json.loads(row["co_assignees"] or "[]"))
    return row


def position_text(row: dict[str, Any]) -> str:
    """Where the obligation stands, for people: "p. 2, ¶ 4", "table 1, row 3, cell 2", "line 27"."""
    parts = []
    if row.get("page"):
        parts.append(f"p. {row['page']}")
    if row.get("table"):
        parts.append(f"table {row['table']}, row {row['row']}, cell {row['cell']}")
    elif row.get("paragraph"):
        parts.append(f"¶ {row['paragraph']}")
    if row.get("line") and not row.get("page"):
        parts.append(f"line {row['line']}")
    return ", ".join(parts)


def summary(store: Store, as_of: dt.date, soon: int = DUE_SOON_DAYS) -> dict[str, int]:
    """Counts for the end of a build: documents (each act once), copies of them in other files,
    and the acts' obligations, organisations and overdue obligations."""
    status, params = status_sql(as_of, soon)
    acts = "JOIN documents d ON d.id = o.document_id AND d.copy_of IS NULL"

    def count(sql: str, args: list[str] | None = None) -> int:
        return int(store.db.execute(sql, args or []).fetchone()[0])

    return {
        "documents": count("SELECT count(*) FROM documents WHERE copy_of IS NULL"),
        "copies": count("SELECT count(*) FROM documents WHERE copy_of IS NOT NULL"),
        "obligations": count(f"SELECT count(*) FROM obligations o {acts}"),
        "organisations": count(
            "SELECT count(DISTINCT i.organisation_id) FROM involved i "
            f"JOIN obligations o ON o.id = i.obligation_id {acts}"
        ),
        "overdue": count(f"SELECT count(*) FROM obligations o {acts} WHERE {status} = 'overdue'", params),
    }


def organisations(store: Store) -> list[dict[str, Any]]:
    """Every organisation with its spellings and the rule that merged each."""
    rows = store.db.execute(
        "SELECT g.id, g.name, a.name, a.rule, a.seen FROM organisations g "
        "JOIN aliases a ON a.organisation_id = g.id ORDER BY g.name, a.seen DESC"
    ).fetchall()
    found: dict[int, dict[str, Any]] = {}
    for org_id, name, alias, rule, seen in rows:
        entry = found.setdefault(org_id, {"id": org_id, "name": name, "aliases": []})
        entry["aliases"].append({"name": alias, "rule": rule, "seen": seen})
    return list(found.values())
