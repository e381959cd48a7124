"""The emit stage writes one document's JSON through pydantic: the very text json.dumps writes
(indent 2, Cyrillic unescaped), for real documents and for awkward strings."""

from __future__ import annotations

import json

import pytest

from resparse.emit import dumps
from resparse.models import Block, Document, Item, Source
from resparse.pipeline import extract
from support import SAMPLES


def _reference(document: Document) -> str:
    return json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize(
    "name", ["000_858972ccd0d0de21.docx", "004_493f23bf5003ad19.pdf", "003_2845198f4ac59122.txt"]
)
def test_a_documents_json_is_what_json_dumps_writes(name: str) -> None:
    document = extract(SAMPLES / name)
    assert dumps([document]) == _reference(document)


def test_awkward_strings_are_escaped_as_json_dumps_escapes_them() -> None:
    text = 'кавычки " и \\ обратная, \t табуляция, \x07 звонок, \u2028 разделитель, «ёлка» 🎄'
    source = Source(path="x.txt", format="txt", sha256="0" * 64)
    document = Document(source=source, title=text, recommendations=[Block(items=[Item(text=text)])])
    assert dumps([document]) == _reference(document)
    assert json.loads(dumps([document]))["title"] == text


def test_lists_and_json_lines_are_unchanged() -> None:
    source = Source(path="x.txt", format="txt", sha256="0" * 64)
    documents = [Document(source=source, title="А"), Document(source=source, title="Б")]
    assert json.loads(dumps(documents))[1]["title"] == "Б"
    assert dumps(documents, "jsonl").count("\n") == 2
