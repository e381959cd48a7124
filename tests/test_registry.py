"""The registry: every point and roadmap row of the documents, with document, organisation,
deadline and provenance; incremental builds; statuses; follow-up links."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from registry_support import AS_OF, SAMPLES, copy_inputs

from resparse.models import Block, Document, Item, Source
from resparse.pipeline import extract
from resparse.registry.build import Engine, build
from resparse.registry.query import Filter, select
from resparse.registry.status import status
from resparse.registry.store import SCHEMA_VERSION, RegistryError, Store

ENGINE = Engine(jobs=2)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("registry")
    inputs = copy_inputs(root / "in")
    db = root / "registry.sqlite"
    with Store(db) as store:
        report = build([inputs], store, ENGINE, as_of=dt.date.fromisoformat(AS_OF), say=lambda _: None)
    assert not report.failed
    return inputs, db


def _walk(items: list[Item]) -> list[Item]:
    return [found for item in items for found in (item, *_walk(item.items))]


def test_every_point_and_roadmap_row_is_listed_with_its_document_and_provenance(built):
    inputs, db = built
    with Store(db) as store:
        rows = select(store, Filter(as_of=dt.date.fromisoformat(AS_OF), copies=True))
    by_document: dict[str, list[dict]] = {}
    for row in rows:
        by_document.setdefault(row["document"], []).append(row)
    files = sorted(p for p in inputs.rglob("*") if p.is_file())
    assert len(by_document) == len([f for f in files if _obligations(extract(f))])
    for path in files:
        document = extract(path)
        expected = _obligations(document)
        listed = by_document.get(str(path), [])
        assert [r["text"] for r in listed] == [text for text, *_ in expected], path.name
        for row, (_, party, deadline) in zip(listed, expected, strict=True):
            assert row["sha256"] == document.source.sha256 and row["kind"] == document.kind
            assert row["page"] or row["paragraph"] or row["table"], (path.name, row["text"])
            assert (row["organisation"] is not None) == (party is not None), (path.name, row["text"])
            assert row["deadline"] == (deadline.text if deadline else None)
            assert row["deadline_end"] == (deadline.end.isoformat() if deadline and deadline.end else None)


def _obligations(document: Document) -> list[tuple]:
    """(text, assignee, deadline) for every point (an inherited addressee counts) and row."""
    found = []
    for block in document.recommendations:
        found += _points(block.items, block.addressee)
    for row in document.roadmap:
        responsible = next((e for e in row.executors if e.role == "responsible"), None)
        found.append((row.action, responsible, row.deadline))
    return found


def _points(items: list[Item], inherited) -> list[tuple]:
    found = []
    for item in items:
        party = item.addressee or inherited
        found.append((item.text, party, item.deadline))
        found += _points(item.items, party)
    return found


def test_points_and_rows_carry_their_position_in_the_json_too():
    roadmap = extract(Path("samples/004_493f23bf5003ad19.pdf"))
    first = roadmap.roadmap[0].position
    assert (first.page, first.table, first.row, first.cell) == (1, 1, 3, 2)
    text = extract(Path("samples/000_858972ccd0d0de21.txt"))
    point = text.recommendations[0].items[0].position
    assert point.line == 27 and point.paragraph is not None


def test_a_second_build_reads_only_new_or_changed_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(_ORDER.format(number=55, date="12.03.2024", term="30 апреля 2024 года"))
    db = tmp_path / "r.sqlite"
    with Store(db) as store:
        assert build([folder], store, ENGINE, say=print).added == 1
        assert build([folder], store, ENGINE, say=print).skipped == 1
        (folder / "a.txt").write_text(_ORDER.format(number=56, date="12.03.2024", term="1 июля 2024 года"))
        again = build([folder], store, ENGINE, say=print)
        assert (again.added, again.totals["documents"]) == (1, 1)
        (row,) = [r for r in select(store) if r["text"].startswith("Комитету")]
        assert row["deadline_end"] == "2024-07-01" and row["document_number"] == "№ 56"


def test_an_interrupted_build_keeps_every_document_it_finished(tmp_path, monkeypatch):
    import resparse.registry.store as store_module

    folder = tmp_path / "in"
    folder.mkdir()
    for number in (1, 2, 3):
        (folder / f"{number}.txt").write_text(
            _ORDER.format(number=number, date="12.03.2024", term="мая 2024")
        )
    real = store_module.citations

    def failing(document):
        if document.number == "№ 3":
            raise KeyboardInterrupt
        return real(document)

    monkeypatch.setattr(store_module, "citations", failing)
    with Store(tmp_path / "r.sqlite") as store, pytest.raises(KeyboardInterrupt):
        build([folder], store, Engine(jobs=1), say=print)  # one worker: documents finish in order
    with Store(tmp_path / "r.sqlite") as store:
        numbers = sorted(r[0] for r in store.db.execute("SELECT number FROM documents"))
        assert numbers == ["№ 1", "№ 2"]
        assert store.db.execute("SELECT count(*) FROM obligations").fetchone()[0] == 4


def test_a_registry_of_another_schema_version_is_refused(tmp_path):
    with Store(tmp_path / "r.sqlite") as store:
        store.db.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(RegistryError, match=f"schema 0, this resparse writes {SCHEMA_VERSION}"):
        Store(tmp_path / "r.sqlite")
    (tmp_path / "junk.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(RegistryError, match="not a registry"):
        Store(tmp_path / "junk.sqlite")


@pytest.mark.parametrize(
    ("end", "recurrence", "expected"),
    [
        ("2024-05-31", None, "overdue"),
        ("2024-06-01", None, "due-soon"),
        ("2024-06-15", None, "due-soon"),
        ("2024-06-16", None, "open"),
        (None, None, "open-ended"),
        ("2024-01-01", "annual", "recurring"),
    ],
)
def test_status_as_of_a_date(end, recurrence, expected):
    assert status(end, recurrence, dt.date(2024, 6, 1), soon=14) == expected


def test_list_filters_by_status_with_the_same_rule(built):
    _, db = built
    as_of = dt.date.fromisoformat(AS_OF)
    with Store(db) as store:
        every = select(store, Filter(as_of=as_of))
        overdue = select(store, Filter(status=("overdue",), as_of=as_of))
    assert overdue and all(r["status"] == "overdue" for r in overdue)
    assert len(overdue) == sum(status(r["deadline_end"], r["recurrence"], as_of) == "overdue" for r in every)


_ORDER = """АДМИНИСТРАЦИЯ ГОРОДА ЭНСК
ПОСТАНОВЛЕНИЕ
от {date} № {number}
О проведении месячника по благоустройству
В целях благоустройства постановляю:
1. Комитету по благоустройству провести месячник в срок до {term}.
2. Контроль за исполнением настоящего постановления возложить на заместителя главы администрации Петрова П.П.
Глава администрации\tИ.И. Иванов
"""


def test_supervisor_and_issuer_come_from_the_document(tmp_path):
    path = tmp_path / "order.txt"
    path.write_text(_ORDER.format(number=55, date="12.03.2024", term="30 апреля 2024 года"))
    with Store(tmp_path / "r.sqlite") as store:
        store.add(extract(path))
        row = select(store)[0]
    assert row["supervisor"] == "заместитель главы администрации Петров П.П."
    assert (
        row["issued_by"] == "АДМИНИСТРАЦИЯ ГОРОДА ЭНСК"
        and row["signatory"] == "Глава администрации И.И. Иванов"
    )


def _document(sha: str, title: str, number: str, date: dt.date) -> Document:
    source = Source(path=f"{sha}.txt", format="txt", sha256=sha)
    blocks = [Block(items=[Item(text=f"Провести работу по документу {sha}")])]
    return Document(source=source, title=title, number=number, date=date, recommendations=blocks)


def test_a_follow_up_is_linked_to_the_document_it_cites_by_date_and_number(tmp_path):
    with Store(tmp_path / "r.sqlite") as store:
        store.add(_document("a", "О благоустройстве", "№ 55", dt.date(2024, 3, 12)))
        store.add(
            _document("b", "О ходе выполнения постановления от 12.03.2024 № 55", "№ 80", dt.date(2024, 5, 20))
        )
        store.add(
            _document("c", "О ходе выполнения постановления от 12.03.2024 № 57", "№ 81", dt.date(2024, 5, 21))
        )
        store.add(_document("d", "О благоустройстве от 12.03.2024 № 55", "№ 82", dt.date(2024, 5, 22)))
        cited = store.db.execute(
            "SELECT d.path, c.number_key FROM citations c JOIN documents d ON d.id = c.document_id ORDER BY d.path"
        ).fetchall()
        links = {r["document"]: (r["followed_up_by"], r["follows_up"]) for r in select(store)}
    assert cited == [("b.txt", "55"), ("c.txt", "57")]  # "d" has no follow-up cue: not a follow-up
    assert links == {
        "a.txt": ("b.txt", None),
        "b.txt": (None, "a.txt"),
        "c.txt": (None, None),
        "d.txt": (None, None),
    }


SLOW_TOOLS = shutil.which("soffice") and shutil.which("tesseract")


@pytest.mark.skipif(
    not SLOW_TOOLS, reason="needs LibreOffice and Tesseract (the .doc/.rtf/.odt and scanned samples)"
)
def test_the_samples_in_every_format_give_the_same_rows_as_their_twins(tmp_path):
    """.doc/.rtf/.odt (LibreOffice) list the rows of their .docx; a scanned PDF (OCR) those of its PDF
    (one document's formats: each conversion costs seconds)."""
    twins = {".doc": ".docx", ".rtf": ".docx", ".odt": ".docx", ".scan.pdf": ".pdf"}
    slow = [p for p in sorted(SAMPLES.glob("000_*")) if any(p.name.endswith(s) for s in twins)]
    with Store(tmp_path / "r.sqlite") as store:
        assert not build([*slow, *{_twin(p, twins) for p in slow}], store, ENGINE, say=print).failed
        rows = select(store, Filter(copies=True))
    listed: dict[str, list[dict]] = {}
    for row in rows:
        listed.setdefault(Path(row["document"]).name, []).append(row)
    for path in slow:
        mine, theirs = listed[path.name], listed[_twin(path, twins).name]
        assert len(mine) == len(theirs) > 0, path.name
        assert [r["organisation"] for r in mine] == [r["organisation"] for r in theirs], path.name
        assert [r["deadline_end"] for r in mine] == [r["deadline_end"] for r in theirs], path.name
        assert all(r["paragraph"] or r["table"] for r in mine), path.name


def _twin(path: Path, twins: dict[str, str]) -> Path:
    suffix = next(s for s in twins if path.name.endswith(s))
    return path.with_name(path.name[: -len(suffix)] + twins[suffix])
