"""One act in several files: the same decree saved as .doc and .pdf, a web page of the same resolution.

An archive holds such copies often; counted twice, every obligation of the act would be twice
in the registry, and twice overdue. Two stored documents are **copies of one act** when

- *by their requisites*: the same kind, date and registration number (compared as
  :func:`~resparse.registry.status.number_key`), and not two different issuers; or
- *by their content*: the same kind and the same obligations, word for word once case, spaces
  and punctuation are set aside, deadlines included — how acts without a number
  (recommendations, resolutions, plans) are told apart — and not two different dates.

Copies form a group; one of them, the **primary**, speaks for the act: the reading with the fewest
warnings, then the most obligations, then the most original format (:data:`FORMAT_RANK`), then
the first stored. The others point at it (``documents.copy_of``); the readers show the primary's
rows, and name the copies.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

FORMAT_RANK = ("docx", "odt", "doc", "rtf", "html", "pdf", "txt")
"""Formats from the most original to the least: what a clerk saves before what is printed or copied out."""

_WORDS = re.compile(r"[^\W_]+")


def act_key(kind: str | None, date: str | None, number: str | None) -> str | None:
    """The requisites that name one act: kind, date and number key, all three known (or None)."""
    if not (kind and date and number):
        return None
    return f"{kind}|{date}|{number}"


def content_key(kind: str | None, obligations: Iterable[tuple[str, str | None]]) -> str | None:
    """A digest of the obligations' words and deadlines (``(text, deadline)`` pairs), or None
    when there are none to compare."""
    lines = [" ".join(_WORDS.findall(text.lower())) + f"|{deadline or ''}" for text, deadline in obligations]
    if not any(line.strip("|") for line in lines):
        return None
    return hashlib.sha256("\n".join([kind or "", *lines]).encode()).hexdigest()


@dataclass(frozen=True)
class Stored:
    """What grouping reads of one stored document."""

    id: int
    act_key: str | None
    content_key: str | None
    date: str | None
    issuer: str | None
    """The issuer's canonical organisation key, when the document names one (its letterhead)."""
    warnings: int
    obligations: int
    format: str | None

    def rank(self) -> tuple[int, int, int, int]:
        """Sort key of the primary: fewest warnings, most obligations, most original format, first stored."""
        fmt = FORMAT_RANK.index(self.format) if self.format in FORMAT_RANK else len(FORMAT_RANK)
        return (self.warnings, -self.obligations, fmt, self.id)

    def same_act(self, other: Stored) -> bool:
        if self.act_key and self.act_key == other.act_key:
            return not (self.issuer and other.issuer and self.issuer != other.issuer)
        if self.content_key and self.content_key == other.content_key:
            return not (self.date and other.date and self.date != other.date)
        return False


_COLUMNS = "id, act_key, content_key, date, issuer_key, warnings, obligations, format"


def regroup(db: sqlite3.Connection, seeds: Iterable[int]) -> None:
    """Group the documents ``seeds`` with their copies anew and mark each group's primary
    (inside the caller's transaction)."""
    done: set[int] = set()
    for seed in seeds:
        if seed in done:
            continue
        group = _group(db, seed)
        done.update(member.id for member in group)
        primary = min(group, key=Stored.rank)
        db.executemany(
            "UPDATE documents SET copy_of = ? WHERE id = ?",
            [(None if m.id == primary.id else primary.id, m.id) for m in group],
        )


def _group(db: sqlite3.Connection, seed: int) -> list[Stored]:
    """``seed`` and every stored document reachable from it by :meth:`Stored.same_act`."""
    first = _stored(db, "id = ?", (seed,))
    group = {s.id: s for s in first}
    todo = list(first)
    while todo:
        member = todo.pop()
        near = _stored(
            db,
            "(act_key = ? OR content_key = ?) AND id != ?",
            (member.act_key, member.content_key, member.id),
        )
        for other in near:
            if other.id not in group and member.same_act(other):
                group[other.id] = other
                todo.append(other)
    return list(group.values())


def _stored(db: sqlite3.Connection, where: str, args: tuple[object, ...]) -> list[Stored]:
    rows = db.execute(f"SELECT {_COLUMNS} FROM documents WHERE {where}", args).fetchall()
    return [Stored(*row) for row in rows]
