"""The public surface: ``__all__`` is complete and every name resolves."""

import os
import shutil
import subprocess
import sys

import resparse
from support import ROOT, SAMPLES


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


def _without_editable_finder(code: str) -> str:
    """Python code run as if resparse were not installed in editable mode (no finder mapping
    ``resparse.grammars`` to ``grammars/``)."""
    return (
        "import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in getattr(f, '__module__', '')]; "
        + code
    )


def test_source_tree_finds_the_rule_data_beside_the_package(tmp_path) -> None:
    """Run from the project's folder, the package is ``resparse/`` and its data ``grammars/``."""
    shutil.copytree(ROOT / "resparse", tmp_path / "resparse")
    shutil.copytree(ROOT / "grammars", tmp_path / "grammars")
    (tmp_path / "r.txt").write_text(
        "РЕКОМЕНДАЦИИ\n\nКомитету по культуре:\n1. Провести фестиваль.\n", encoding="utf-8"
    )
    code = _without_editable_finder("import resparse; print(resparse.__file__, resparse.parse('r.txt').kind)")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(str(tmp_path / "resparse"))
    assert result.stdout.split()[-1] == "recommendations"


def test_batch_workers_import_the_package_the_command_runs(tmp_path) -> None:
    """Installed (``pip install .``) and run from a project folder holding another ``resparse/``
    (the source tree, laid out differently), the workers use the installed package too."""
    installed = tmp_path / "site"
    shutil.copytree(ROOT / "resparse", installed / "resparse")
    shutil.copytree(ROOT / "grammars", installed / "resparse" / "grammars")
    (installed / "run.py").write_text("from resparse.cli import main\nmain()\n", encoding="utf-8")
    project = tmp_path / "project"  # a source tree whose workers fail every document
    shutil.copytree(ROOT / "resparse", project / "resparse")
    with (project / "resparse" / "batch" / "worker.py").open("a", encoding="utf-8") as stream:
        stream.write(
            "\n\ndef default_extract(*args, **kwargs):\n    raise RuntimeError('the source tree ran')\n"
        )
    shutil.copy(SAMPLES / "000_858972ccd0d0de21.txt", project / "doc.txt")
    code = _without_editable_finder(
        f"sys.argv = ['resparse', *sys.argv[1:]]; sys.path.insert(0, {str(installed)!r}); exec(open({str(installed / 'run.py')!r}).read())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "batch", "doc.txt", "-o", "out", "-q"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": ""},
    )
    assert result.returncode == 0, result.stderr
    assert len(list((project / "out").glob("*.json"))) == 1


def test_names_have_ordinary_spaces() -> None:
    """A Word file's non-breaking space between initials and surname is no part of the name."""
    from resparse.models import Party, Signatory

    assert Signatory(position="Глава\u00a0округа", name="В.С.\u00a0Кудрявцев").name == "В.С. Кудрявцев"
    assert Party(text="Отделу  культуры", name="Отдел\u00a0 культуры").name == "Отдел культуры"
