"""The registry in SQLite: documents, obligations, organisations and their aliases.

- **Versioned.** ``meta.schema_version`` is :data:`SCHEMA_VERSION`; a registry of another
  version is refused with one line (rebuild it) rather than read wrongly.
- **Incremental by sha256.** A document already stored under its sha256 is not read again; a
  path whose content changed replaces its earlier version.
- **A transaction per document**, so an interrupted build keeps every document it finished.
- Indexes for organisation, deadline and document; FTS5 over the task texts.
- **Copies of one act** (the same decree as .doc and .pdf) are grouped as they are stored
  (:mod:`resparse.registry.copies`): each names its group's primary in ``copy_of``.
- A registry of schema 1 is brought to schema 2 (the copies) in place when opened.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

from resparse.errors import InputError
from resparse.models import Document
from resparse.registry.copies import act_key, content_key, regroup
from resparse.registry.orgs import Organisations, rule_between
from resparse.registry.rows import Obligation, issued, obligations
from resparse.registry.status import citations, number_key

SCHEMA_VERSION = "2"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, path TEXT NOT NULL, format TEXT,
    kind TEXT, title TEXT, number TEXT, number_key TEXT, date TEXT,
    issued_by TEXT, signatory TEXT, supervisor TEXT, warnings INTEGER NOT NULL DEFAULT 0,
    act_key TEXT, content_key TEXT, issuer_key TEXT, obligations INTEGER NOT NULL DEFAULT 0,
    copy_of INTEGER REFERENCES documents(id) ON DELETE SET NULL);
CREATE INDEX IF NOT EXISTS documents_path ON documents(path);
CREATE INDEX IF NOT EXISTS documents_act ON documents(act_key);
CREATE INDEX IF NOT EXISTS documents_content ON documents(content_key);
CREATE INDEX IF NOT EXISTS documents_copy ON documents(copy_of);
CREATE INDEX IF NOT EXISTS documents_cited ON documents(date, number_key);
CREATE TABLE IF NOT EXISTS organisations (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS aliases (
    name TEXT PRIMARY KEY, organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    rule TEXT NOT NULL, seen INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS aliases_organisation ON aliases(organisation_id);
CREATE TABLE IF NOT EXISTS obligations (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, parent_seq INTEGER, parts INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL, number TEXT, section TEXT,
    addressee_text TEXT, addressee_name TEXT, organisation_id INTEGER REFERENCES organisations(id),
    text TEXT NOT NULL, result TEXT,
    deadline_text TEXT, deadline_start TEXT, deadline_end TEXT, recurrence TEXT,
    executors TEXT NOT NULL DEFAULT '[]', co_assignees TEXT NOT NULL DEFAULT '[]',
    page INTEGER, paragraph INTEGER, line INTEGER, tbl INTEGER, row INTEGER, cell INTEGER);
CREATE INDEX IF NOT EXISTS obligations_organisation ON obligations(organisation_id, deadline_end);
CREATE INDEX IF NOT EXISTS obligations_deadline ON obligations(deadline_end);
CREATE INDEX IF NOT EXISTS obligations_document ON obligations(document_id, seq);
CREATE TABLE IF NOT EXISTS involved (
    obligation_id INTEGER NOT NULL REFERENCES obligations(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id), role TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS involved_organisation ON involved(organisation_id, role);
CREATE INDEX IF NOT EXISTS involved_obligation ON involved(obligation_id);
CREATE TABLE IF NOT EXISTS citations (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    date TEXT NOT NULL, number_key TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS citations_document ON citations(document_id);
CREATE VIRTUAL TABLE IF NOT EXISTS obligations_fts USING fts5(
    text, content='obligations', content_rowid='id', tokenize='unicode61');
CREATE TRIGGER IF NOT EXISTS obligations_fts_add AFTER INSERT ON obligations BEGIN
    INSERT INTO obligations_fts(rowid, text) VALUES (new.id, new.text); END;
CREATE TRIGGER IF NOT EXISTS obligations_fts_drop AFTER DELETE ON obligations BEGIN
    INSERT INTO obligations_fts(obligations_fts, rowid, text) VALUES ('delete', old.id, old.text); END;
"""

_OBLIGATION_COLUMNS = (
    "document_id, seq, parent_seq, parts, origin, number, section, addressee_text, addressee_name, "
    "organisation_id, text, result, deadline_text, deadline_start, deadline_end, recurrence, "
    "executors, co_assignees, page, paragraph, line, tbl, row, cell"
)


class RegistryError(InputError):
    """A registry file that cannot be used (another schema version, not SQLite)."""


class Store:
    """An open registry; use as a context manager or call :meth:`close`."""

    def __init__(self, path: Path, organisations: Organisations | None = None) -> None:
        self.path = path
        self.orgs = organisations or Organisations()
        try:
            self.db = sqlite3.connect(path, isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")  # WAL: a commit survives the process dying
            self._check_version()
        except sqlite3.DatabaseError as error:
            reason = "cannot open it" if isinstance(error, sqlite3.OperationalError) else "not a registry"
            raise RegistryError(f"{path}: {reason} ({error})") from error
        self._org_ids: dict[str, int] = {}
        """Organisation ids by spelling, as this connection has met them."""

    def _check_version(self) -> None:
        has_meta = self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
        if has_meta:
            found = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if found and found[0] == "1":
                self._migrate_from_1()
                found = (SCHEMA_VERSION,)
            if found and found[0] != SCHEMA_VERSION:
                raise RegistryError(
                    f"{self.path}: registry schema {found[0]}, this resparse writes {SCHEMA_VERSION}; "
                    "build it anew in another file"
                )
        self.db.executescript(SCHEMA)
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))

    def _migrate_from_1(self) -> None:
        """Schema 1 → 2: the copy columns, filled from what the registry already holds."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            columns = ("act_key", "content_key", "issuer_key", "obligations INTEGER NOT NULL DEFAULT 0")
            for column in columns:
                self.db.execute(f"ALTER TABLE documents ADD COLUMN {column}")
            self.db.execute(
                "ALTER TABLE documents ADD COLUMN copy_of INTEGER REFERENCES documents(id) ON DELETE SET NULL"
            )
            stored = self.db.execute("SELECT id, kind, date, number_key FROM documents").fetchall()
            for ident, kind, date, number in stored:
                rows = self.db.execute(
                    "SELECT text, deadline_text FROM obligations WHERE document_id = ? ORDER BY seq", (ident,)
                ).fetchall()
                self.db.execute(
                    "UPDATE documents SET act_key = ?, content_key = ?, obligations = ? WHERE id = ?",
                    (act_key(kind, date, number), content_key(kind, rows), len(rows), ident),
                )
            regroup(self.db, [ident for ident, *_ in stored])
            self.db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION,))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- writing

    def known(self, sha256: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def add(self, document: Document, path: str | None = None) -> int:
        """Store one document and its obligations in one transaction; the number of obligations."""
        rows = obligations(document)
        path = path or document.source.path
        self.db.execute("BEGIN IMMEDIATE")
        try:
            orphans = self._replace(path, document.source.sha256)
            document_id = self._document(document, rows, path)
            self._obligations(document_id, rows)
            regroup(self.db, [document_id, *orphans])
            self.db.executemany(
                "INSERT INTO citations VALUES (?, ?, ?, ?)",
                [(document_id, c.date, c.number, c.text) for c in citations(document)],
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            self._org_ids.clear()  # organisations added in the transaction are gone
            raise
        return len(rows)

    def _replace(self, path: str, sha256: str) -> list[int]:
        """Drop the earlier version of ``path`` (or the same content elsewhere); the copies
        it was the primary of, to be grouped anew."""
        gone = "SELECT id FROM documents WHERE path = ? OR sha256 = ?"
        orphans = self.db.execute(f"SELECT id FROM documents WHERE copy_of IN ({gone})", (path, sha256))
        found = [ident for (ident,) in orphans.fetchall()]
        self.db.execute("DELETE FROM documents WHERE path = ? OR sha256 = ?", (path, sha256))
        return found

    def _document(self, document: Document, rows: list[Obligation], path: str) -> int:
        by = issued(document)
        date = document.date.isoformat() if document.date else None
        key = number_key(document.number)
        deadlines = [(row.text, row.deadline.text if row.deadline else None) for row in rows]
        cursor = self.db.execute(
            "INSERT INTO documents (sha256, path, format, kind, title, number, number_key, date, "
            "issued_by, signatory, supervisor, warnings, act_key, content_key, issuer_key, obligations) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document.source.sha256,
                path,
                document.source.format,
                document.kind,
                document.title,
                document.number,
                key,
                date,
                by.issued_by,
                by.signatory,
                by.supervisor,
                len(document.warnings),
                act_key(document.kind, date, key),
                content_key(document.kind, deadlines),
                self.orgs.canon(document.issuer).key if document.issuer else None,
                len(rows),
            ),
        )
        return int(cursor.lastrowid or 0)

    def _obligations(self, document_id: int, rows: list[Obligation]) -> None:
        """The rows, their organisations and their spellings, a few statements for all of them."""
        first = self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM obligations").fetchone()[0]
        values, links, seen = [], [], Counter[str]()
        for ident, row in enumerate(rows, first):
            assignees = [self._org_id(name) for name in row.assignees if name]
            co = [self._org_id(name) for name in row.co_assignees if name]
            seen.update(name for name in (*row.assignees, *row.co_assignees) if name)
            values.append((ident, *_values(document_id, row, assignees[0] if assignees else None)))
            links += [(ident, org, "assignee") for org in assignees] + [
                (ident, org, "co-assignee") for org in co
            ]
        marks = ", ".join("?" * (len(_OBLIGATION_COLUMNS.split(",")) + 1))
        self.db.executemany(f"INSERT INTO obligations (id, {_OBLIGATION_COLUMNS}) VALUES ({marks})", values)
        self.db.executemany("INSERT INTO involved VALUES (?, ?, ?)", links)
        self._aliases(seen)

    def _aliases(self, seen: Counter[str]) -> None:
        self.db.executemany(
            "INSERT INTO aliases (name, organisation_id, rule, seen) VALUES (?, ?, 'written', ?) "
            "ON CONFLICT(name) DO UPDATE SET seen = seen + excluded.seen",
            [(name, self._org_id(name), count) for name, count in seen.items()],
        )

    def _org_id(self, name: str) -> int:
        """The id of the organisation ``name`` belongs to (made when new); names are remembered."""
        found = self._org_ids.get(name)
        if found is not None:
            return found
        key = self.orgs.canon(name).key
        row = self.db.execute("SELECT id FROM organisations WHERE key = ?", (key,)).fetchone()
        if row is None:
            row = (
                self.db.execute("INSERT INTO organisations (key, name) VALUES (?, ?)", (key, name)).lastrowid,
            )
        self._org_ids[name] = int(row[0])
        return int(row[0])

    def organisation(self, name: str) -> int:
        """The id of the organisation ``name`` belongs to, recording the name as its alias."""
        self._aliases(Counter([name]))
        return self._org_id(name)

    def settle_names(self) -> None:
        """Each organisation is named by its most frequent spelling (the first seen on a tie), and
        each spelling records the rules that tie it to that name."""
        self.db.execute("BEGIN")
        self.db.execute(
            "UPDATE organisations SET name = (SELECT a.name FROM aliases a WHERE a.organisation_id = "
            "organisations.id ORDER BY a.seen DESC, a.rowid LIMIT 1)"
        )
        pairs = self.db.execute(
            "SELECT a.name, g.name FROM aliases a JOIN organisations g ON g.id = a.organisation_id"
        ).fetchall()
        self.db.executemany(
            "UPDATE aliases SET rule = ? WHERE name = ?",
            [(rule_between(self.orgs.canon(alias), self.orgs.canon(name)), alias) for alias, name in pairs],
        )
        self.db.execute("COMMIT")


def _values(document_id: int, row: Obligation, organisation: int | None) -> tuple[object, ...]:
    """An obligation's columns, in :data:`_OBLIGATION_COLUMNS` order."""
    deadline, where = row.deadline, row.position
    return (
        document_id,
        row.seq,
        row.parent,
        row.parts,
        row.origin,
        row.number,
        row.section,
        row.addressee.text if row.addressee else None,
        row.addressee.name if row.addressee else None,
        organisation,
        row.text,
        row.result,
        deadline.text if deadline else None,
        deadline.start.isoformat() if deadline and deadline.start else None,
        deadline.end.isoformat() if deadline and deadline.end else None,
        deadline.recurrence if deadline else None,
        json.dumps(row.executors, ensure_ascii=False),
        json.dumps(row.co_assignees, ensure_ascii=False),
        *(
            (where.page, where.paragraph, where.line, where.table, where.row, where.cell)
            if where
            else (None,) * 6
        ),
    )
