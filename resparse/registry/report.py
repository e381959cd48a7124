"""One static HTML page of the registry: the template (``report.html``) with the data inlined.

No server and no network at view time: the rows, documents and aliases are a JSON island in
the page, rendered by its own script — obligations by organisation, a timeline of deadlines
(months × organisations) with the overdue ones marked, a filter and a search. The filter
state lives in the address (``report.html#status=overdue&q=семинар``) so a view can be shared.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path
from typing import Any

from resparse.registry.query import Filter, organisations, select, summary
from resparse.registry.store import Store

MONTHS_BEFORE = 12
"""Months before the as-of date the timeline shows one by one; older deadlines share "раньше"."""
MONTHS_AFTER = 24
"""Months after it shown one by one; later deadlines share "позже"."""
_REPORT_FIELDS = (
    "document", "sha256", "title", "number", "parent", "organisation", "addressee", "text",
    "deadline", "deadline_end", "status", "executors", "page", "paragraph", "line", "table", "row", "cell",
)  # fmt: skip
"""The columns the page needs (the rest stay in the exports)."""


def report_data(store: Store, as_of: dt.date, soon: int) -> dict[str, Any]:
    """What the page shows, as one JSON-ready mapping."""
    rows = select(store, Filter(as_of=as_of, soon=soon))
    documents = store.db.execute(
        "SELECT d.path, d.sha256, d.kind, d.title, d.number, d.date, "
        "(SELECT group_concat(c.text, '; ') FROM citations c WHERE c.document_id = d.id), "
        "(SELECT p.path FROM documents p WHERE p.id = d.copy_of) "
        "FROM documents d ORDER BY d.path"
    ).fetchall()
    keys = ("path", "sha256", "kind", "title", "number", "date", "links", "copy_of")
    return {
        "as_of": as_of.isoformat(),
        "months_before": MONTHS_BEFORE,
        "months_after": MONTHS_AFTER,
        "summary": summary(store, as_of, soon),
        "rows": [{k: row[k] for k in _REPORT_FIELDS} for row in rows],
        "documents": [dict(zip(keys, values, strict=True)) for values in documents],
        "aliases": {org["name"]: org["aliases"] for org in organisations(store)},
    }


def render(data: dict[str, Any]) -> str:
    """The page: the template with ``data`` inlined (``</`` escaped so no text can end the script)."""
    template = resources.files("resparse.registry").joinpath("report.html").read_text(encoding="utf-8")
    inline = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return template.replace("__DATA__", inline)


def write_report(store: Store, path: Path, as_of: dt.date, soon: int) -> int:
    """Write the page to ``path``; the number of obligations it holds."""
    data = report_data(store, as_of, soon)
    path.write_text(render(data), encoding="utf-8")
    return len(data["rows"])
