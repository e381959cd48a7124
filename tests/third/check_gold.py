#!/usr/bin/env python3
"""Check the third set's gold: every verbatim string in gold/TNNN.json occurs in inputs/TNNN.txt.

Adapted from tests/fresh/check_gold.py. An executor named after "с привлечением" is given in
the nominative (the contract's rule), so it is checked in the form the source prints, listed in
AS_PRINTED. Also checks the shape: every
gold has the scored keys, deadlines hold valid ISO dates with start <= end, and recurrence is one of
null / annual / quarterly / monthly.

Both sides are whitespace-collapsed before comparison. Checked: item texts (nested too), block and
item addressee `text`, findings titles, roadmap action / result / deadline text / section title /
executor names, signatory positions and names, abbreviation short and full forms.
Party `name` (the nominative form) is not checked: it is a normalised form, not a quotation.
Exit status 1 when anything is missing.
"""

import json
import re
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent


def ws(s):
    return re.sub(r"\s+", " ", s).strip()


def strings(doc):
    def items(its, where):
        for it in its or []:
            yield where + " item", it["text"]
            if it.get("addressee"):
                yield where + " item addressee", it["addressee"]["text"]
            if it.get("deadline"):
                yield where + " item deadline", it["deadline"]["text"]
            yield from items(it.get("items"), where)

    for s in doc.get("findings") or []:
        yield "findings title", s["title"]
        yield from items(s.get("items"), "findings")
    for b in doc.get("recommendations") or []:
        if b.get("addressee"):
            yield "block addressee", b["addressee"]["text"]
        yield from items(b.get("items"), "block")
    for r in doc.get("roadmap") or []:
        yield "roadmap action", r["action"]
        if r.get("result"):
            yield "roadmap result", r["result"]
        if r.get("deadline"):
            yield "roadmap deadline", r["deadline"]["text"]
        if r.get("section"):
            yield "roadmap section", r["section"]["title"]
        for e in r.get("executors") or []:
            yield "executor", e["name"]
    for s in doc.get("signatories") or []:
        if s.get("position"):
            yield "signatory position", s["position"]
        yield "signatory name", s["name"]
    for a in doc.get("abbreviations") or []:
        yield "abbreviation short", a["short"]
        yield "abbreviation full", a["full"]


KEYS = (
    "schema_version",
    "kind",
    "title",
    "findings",
    "recommendations",
    "roadmap",
    "signatories",
    "abbreviations",
)
RECURRENCE = (None, "annual", "quarterly", "monthly")

AS_PRINTED = {
    "волонтерские объединения": "волонтерских объединений",
    "Совет ветеранов Заозерского района": "Совета ветеранов Заозерского района",
}
"""Nominative executor name -> the oblique form the source prints after "с привлечением"."""

COLUMNS = {"T002"}
"""Two signatures side by side: each position is split over two lines of two columns, so its
words are checked one by one."""


def deadlines(doc):
    def items(its):
        for it in its or []:
            if it.get("deadline"):
                yield it["deadline"]
            yield from items(it.get("items"))

    for b in (doc.get("recommendations") or []) + (doc.get("findings") or []):
        yield from items(b.get("items"))
    for r in doc.get("roadmap") or []:
        if r.get("deadline"):
            yield r["deadline"]


def shape(doc):
    for k in KEYS:
        if k not in doc:
            yield f"missing key {k}"
    if doc.get("date"):
        try:
            date.fromisoformat(doc["date"])
        except ValueError:
            yield f"bad date {doc['date']!r}"
    for dl in deadlines(doc):
        days = []
        for k in ("start", "end"):
            if dl.get(k) is not None:
                try:
                    days.append(date.fromisoformat(dl[k]))
                except ValueError:
                    yield f"bad deadline {k} {dl[k]!r}"
        if len(days) == 2 and days[0] > days[1]:
            yield f"deadline start after end: {dl}"
        if dl.get("recurrence") not in RECURRENCE:
            yield f"bad recurrence {dl.get('recurrence')!r}"


def main():
    bad = 0
    n = 0
    for g in sorted((HERE / "gold").glob("*.json")):
        doc = json.loads(g.read_text(encoding="utf-8"))
        for problem in shape(doc):
            bad += 1
            print(f"{g.stem}: {problem}")
        src = ws((HERE / "inputs" / (g.stem + ".txt")).read_text(encoding="utf-8"))
        for what, s in strings(doc):
            n += 1
            if what == "executor":
                s = AS_PRINTED.get(s, s)
            columns = what == "signatory position" and g.stem in COLUMNS
            if columns and all(w in src.split() for w in ws(s).split()):
                continue
            if ws(s) not in src:
                bad += 1
                print(f"{g.stem}: {what} not in input: {s[:90]!r}")
    print(f"checked {n} strings in {len(list((HERE / 'gold').glob('*.json')))} gold files: {bad} missing")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
