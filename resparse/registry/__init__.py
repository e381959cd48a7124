"""Many documents → one registry of obligations (``resparse registry``).

rows.py     a Document → its obligations: points (nested too) and roadmap rows, with
            assignee, co-assignees, supervisor, issuer, parts and position
orgs.py     canonical organisations: named rules, then the user's alias file
store.py    SQLite: versioned schema, indexes, FTS5, a transaction per document
status.py   overdue / due soon / open-ended / recurring as of a date; follow-up citations
query.py    the rows every reader shows (list, exports, report)
export.py   CSV (BOM), XLSX, JSON Lines
report.py   one static HTML page (report.html with the data inlined)
build.py    documents from batch (``resparse.batch.convert``) into the store, incrementally
"""
