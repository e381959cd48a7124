"""Rule data: shipped in the package, extendable by users without touching code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from resparse import rules
from resparse.errors import GrammarError


def test_every_grammar_file_loads() -> None:
    for name in ("cues", "dates", "kinds", "places", "roadmap"):
        assert rules.load(name)


def test_merge_appends_lists_and_updates_mappings() -> None:
    merged = rules.merge({"a": [1, 2], "b": {"x": 1}, "c": 1}, {"a": [2, 3], "b": {"y": 2}, "c": 5})
    assert merged == {"a": [1, 2, 3], "b": {"x": 1, "y": 2}, "c": 5}


def test_user_grammars_extend_the_shipped_ones(tmp_path: Path) -> None:
    (tmp_path / "kinds.yaml").write_text(
        "kinds:\n  - {pattern: 'заключени', kind: decision}\n", encoding="utf-8"
    )
    code = (
        "from resparse.pipeline import extract;"
        "d = extract('ЗАКЛЮЧЕНИЕ\\n\\n1. Одобрить проект.\\n'.encode(), name='x.txt');"
        "print(d.kind)"
    )
    env = {"RESPARSE_GRAMMARS": str(tmp_path), "PATH": ""}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "decision"


def test_malformed_user_grammar_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "places.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    monkeypatch.setenv(rules.ENV_VAR, str(tmp_path))
    rules.load.cache_clear()
    try:
        with pytest.raises(GrammarError, match="expected a mapping"):
            rules.load("places")
    finally:
        rules.load.cache_clear()


def test_morphology_needs_no_pkg_resources() -> None:
    """natasha's pymorphy2 breaks where setuptools no longer ships pkg_resources; pymorphy3 does not."""
    code = (
        "import sys; sys.modules['pkg_resources'] = None;"
        "from resparse.structure.parties import to_nominative;"
        "print(to_nominative('Комитету по печати', 'datv'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "Комитет по печати"
