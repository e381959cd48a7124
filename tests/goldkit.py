"""Gold documents written as Python, shared by the hand-written sets' ``write_gold.py`` scripts.

Each script calls :func:`doc` once a document with the builders below (P party, D deadline, I
item, B block, F findings section, R roadmap row, S signatory, A abbreviation) and ends with
:func:`write`, which writes ``gold/<stem>.json`` beside it.
"""

import json
from collections.abc import Iterable
from pathlib import Path

DEC, ORD, PROT = ["decision", "resolution"], ["decision", "other"], ["other", "decision"]
REC, RT = ["recommendations", "resolution"], ["resolution", "recommendations"]


def P(text, name):
    return {"text": text, "name": name}


def D(text, start=None, end=None, rec=None):
    return {"text": text, "start": start, "end": end, "recurrence": rec}


def I(number, text, addr=None, dl=None, items=()):  # noqa: E743 (I = item, as B = block)
    return {"number": number, "text": text, "addressee": addr, "deadline": dl, "items": list(items)}


def B(number, addr, *items):
    return {"number": number, "addressee": addr, "items": list(items)}


def F(title, *items):
    return {"title": title, "items": list(items)}


def R(number, section, action, result, dl, *executors):
    sec = {"number": section[0], "title": section[1]} if section else None
    ex = [
        {"name": e[0], "role": e[1]} if isinstance(e, tuple) else {"name": e, "role": "responsible"}
        for e in executors
    ]
    return {
        "number": number,
        "section": sec,
        "action": action,
        "result": result,
        "deadline": dl,
        "executors": ex,
    }


def S(position, name):
    return {"position": position, "name": name}


def A(short, full):
    return {"short": short, "full": full}


GOLD: dict = {}


def doc(stem, kind, title, date, recs=(), findings=(), roadmap=(), sigs=(), abbr=()):
    GOLD[stem] = {
        "schema_version": "1",
        "kind": kind,
        "title": title,
        "date": date,
        "findings": list(findings),
        "recommendations": list(recs),
        "roadmap": list(roadmap),
        "signatories": list(sigs),
        "abbreviations": list(abbr),
        "_source_text": f"../inputs/{stem}.txt",
    }


def write(here: Path) -> None:
    """Write every document given to :func:`doc` as ``here/gold/<stem>.json``."""
    (here / "gold").mkdir(exist_ok=True)
    for stem, gold in GOLD.items():
        (here / "gold" / f"{stem}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    print(f"wrote {len(GOLD)} gold files")


def opening(texts: Iterable[str], stem: str, *starts: str) -> str:
    """The texts (a set's paragraphs, numbers taken off) beginning with ``starts``, each found
    exactly once, joined by spaces: how a gold script names a point by its first words."""
    texts = list(texts)
    found = []
    for start in starts:
        hits = [text for text in texts if text.replace("\u00a0", " ").startswith(start)]
        if len(hits) != 1:
            raise LookupError(f"{stem}: {len(hits)} paragraphs begin {start!r}")
        found.append(hits[0])
    return " ".join(found)


def row_cell(rows: Iterable[list[str]], stem: str, number: str, column: int) -> str:
    """Column ``column`` of the plan row numbered ``number`` ("1.1." or "1")."""
    for row in rows:
        if len(row) > 1 and row[0].rstrip(".") == number.rstrip("."):
            return row[column]
    raise LookupError(f"{stem}: no row {number}")
