"""One act in several files counts once: copies are grouped by requisites or by content, the
primary's rows are listed, the copies named; a registry of schema 1 is migrated in place."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from registry_support import SAMPLES

from resparse.models import Block, Document, Item, Source
from resparse.registry.build import Engine, build
from resparse.registry.query import Filter, select, summary
from resparse.registry.store import SCHEMA_VERSION, Store

ACT = "001_6d517112406bb0e7"
FORMATS = (".txt", ".pdf", ".docx")  # stored in this order: the .docx comes last, yet is the primary
AS_OF = dt.date(2024, 6, 1)


def _act_in_three_files(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for suffix in FORMATS:
        paths.append(folder / f"{ACT}{suffix}")
        shutil.copy(SAMPLES / f"{ACT}{suffix}", paths[-1])
    return paths


def _build_one_by_one(store: Store, paths: list[Path]) -> None:
    for path in paths:
        assert not build([path], store, Engine(jobs=1), as_of=AS_OF, say=print).failed


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    root = tmp_path_factory.mktemp("copies")
    paths = _act_in_three_files(root / "in")
    db = root / "r.sqlite"
    with Store(db) as store:
        _build_one_by_one(store, paths)
    return db, paths


def test_an_act_saved_in_three_formats_is_listed_once_from_its_most_original_file(three):
    db, (txt, pdf, docx) = three
    with Store(db) as store:
        listed = select(store, Filter(as_of=AS_OF))
        everything = select(store, Filter(as_of=AS_OF, copies=True))
        counts = summary(store, AS_OF)
    assert listed and {row["document"] for row in listed} == {str(docx)}
    assert {row["copies"] for row in listed} == {f"{txt}; {pdf}"}
    assert len(everything) == 3 * len(listed)
    assert counts["documents"] == 1 and counts["copies"] == 2
    assert counts["obligations"] == len(listed)


def test_a_copy_is_shown_when_asked_for_by_name(three):
    db, (txt, pdf, docx) = three
    with Store(db) as store:
        rows = select(store, Filter(as_of=AS_OF, document=txt.name))
    assert rows and {row["document"] for row in rows} == {str(txt)}
    assert {row["copies"] for row in rows} == {f"{pdf}; {docx}"}


def test_when_the_primary_changes_its_copies_elect_another(tmp_path):
    txt, pdf, docx = _act_in_three_files(tmp_path / "in")
    with Store(tmp_path / "r.sqlite") as store:
        _build_one_by_one(store, [txt, pdf, docx])
        shutil.copy(SAMPLES / "003_2845198f4ac59122.docx", docx)  # another act under the same name
        _build_one_by_one(store, [docx])
        primaries = {row["document"] for row in select(store, Filter(as_of=AS_OF))}
    assert primaries == {str(docx), str(pdf)}  # the PDF outranks the text copy


def _act(sha: str, *, number: str | None, date: dt.date | None, issuer: str | None, task: str) -> Document:
    source = Source(path=f"{sha}.txt", format="txt", sha256=sha)
    blocks = [Block(items=[Item(text=task)])]
    return Document(
        source=source,
        kind="decision",
        title="О мерах",
        number=number,
        date=date,
        issuer=issuer,
        recommendations=blocks,
    )


def _acts(documents: list[Document], folder: Path) -> list[str]:
    folder.mkdir(exist_ok=True)
    with Store(folder / "r.sqlite") as store:
        for document in documents:
            store.add(document)
        return sorted({row["document"] for row in select(store)})


def test_requisites_group_copies_whose_texts_were_read_differently(tmp_path):
    day = dt.date(2027, 3, 1)
    a = _act("a", number="№ 12-п", date=day, issuer="Администрация города Энска", task="Провести смотр")
    b = _act("b", number="12-П", date=day, issuer=None, task="Провести cмотр")  # OCR read a Latin "c"
    assert _acts([a, b], tmp_path) == ["a.txt"]


def test_the_same_number_and_date_from_two_issuers_are_two_acts(tmp_path):
    day = dt.date(2027, 3, 1)
    a = _act("a", number="№ 5", date=day, issuer="Администрация города Энска", task="Провести смотр")
    b = _act("b", number="№ 5", date=day, issuer="Совет депутатов Приморского района", task="Утвердить план")
    assert _acts([a, b], tmp_path) == ["a.txt", "b.txt"]


def test_the_same_tasks_on_two_dates_are_two_acts_and_without_dates_one(tmp_path):
    task = "Органам местного самоуправления провести «круглый стол» до 1 июля"
    dated = [
        _act(s, number=None, date=dt.date(2027, m, 1), issuer=None, task=task)
        for s, m in (("a", 3), ("b", 4))
    ]
    assert _acts(dated, tmp_path / "dated") == ["a.txt", "b.txt"]
    undated = [
        _act(s, number=None, date=None, issuer=None, task=t) for s, t in (("c", task), ("d", task.upper()))
    ]
    assert _acts(undated, tmp_path / "undated") == ["c.txt"]


def test_a_registry_of_schema_1_is_migrated_in_place(three, tmp_path):
    db = tmp_path / "old.sqlite"
    shutil.copy(three[0], db)
    with sqlite3.connect(db) as old:  # what schema 1 had: no copy columns
        for index in ("documents_act", "documents_content", "documents_copy"):
            old.execute(f"DROP INDEX {index}")
        for column in ("act_key", "content_key", "issuer_key", "obligations", "copy_of"):
            old.execute(f"ALTER TABLE documents DROP COLUMN {column}")
        old.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    old.close()
    with Store(db) as store:
        version = store.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        listed = {row["document"] for row in select(store, Filter(as_of=AS_OF))}
    assert version == SCHEMA_VERSION
    assert listed == {str(three[1][2])}


def test_the_command_line_lists_an_act_once_and_its_copies_when_asked(three):
    from typer.testing import CliRunner

    from resparse.cli import app

    db, (txt, pdf, docx) = three

    def documents(*extra: str) -> list[str]:
        result = CliRunner().invoke(app, ["registry", "list", "--db", str(db), "-f", "jsonl", *extra])
        assert result.exit_code == 0, result.stderr
        return sorted({json.loads(line)["document"] for line in result.stdout.splitlines()})

    assert documents() == [str(docx)]
    assert documents("--copies") == sorted(map(str, (txt, pdf, docx)))
