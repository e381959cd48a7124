"""The public surface: ``__all__`` is complete and every name resolves."""

import subprocess
import sys

import resparse


def test_all_names_resolve() -> None:
    for name in resparse.__all__:
        assert getattr(resparse, name) is not None


def test_all_is_complete() -> None:
    public = {name for name in resparse._EXPORTS} | {"__version__"}
    assert set(resparse.__all__) == public


def test_unknown_name_raises() -> None:
    try:
        resparse.nonexistent  # noqa: B018
    except AttributeError as error:
        assert "nonexistent" in str(error)
    else:
        raise AssertionError("expected AttributeError")


def test_cli_import_does_not_load_heavy_modules() -> None:
    code = "import sys, resparse.cli; print(sorted(m for m in ('pydantic', 'pdfplumber', 'docx', 'pymorphy3') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_extract_from_library(tmp_path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("РЕКОМЕНДАЦИИ\n\nКомитету по культуре:\n1. Провести фестиваль.\n", encoding="utf-8")
    document = resparse.parse(path)
    assert isinstance(document, resparse.Document)
    assert document.recommendations[0].addressee.name == "Комитет по культуре"
