"""Start-up costs (issue 13): ``resparse --help`` does not load what only other commands need,
and the patterns made lazily still give what they gave."""

from __future__ import annotations

import subprocess
import sys

from resparse.structure import item_terms, parties


def _modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nsys.stderr.write(' '.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(done.stderr.split())


def test_help_does_not_load_markdown_or_the_pipeline() -> None:
    loaded = _modules_after(
        "from resparse.cli import app\ntry:\n    app(['--help'])\nexcept SystemExit:\n    pass"
    )
    assert "typer.rich_utils" in loaded  # the help was rendered by Rich
    assert "markdown_it" not in loaded
    assert not {"pymorphy3", "yaml", "resparse.models", "resparse.structure"} & loaded


def test_markdown_stand_in_hands_over_to_the_real_module() -> None:
    loaded = _modules_after(
        "from resparse.cli import app\n"
        "from rich.markdown import Markdown\n"
        "from rich.console import Console\n"
        "console = Console(record=True, width=40)\n"
        "console.print(Markdown('**bold** text'))\n"
        "assert 'bold text' in console.export_text(), console.export_text()\n"
        "import rich.markdown\n"
        "assert rich.markdown.Markdown.__module__ == 'rich.markdown'\n"
        "assert hasattr(rich.markdown, 'Heading')"
    )
    assert "markdown_it" in loaded


def test_recurring_follow_up_extends_the_term() -> None:
    text = "до 15.12.2024, далее – ежеквартально"
    assert item_terms._then_recurring(text, len("до 15.12.2024")) == len(text)
    assert item_terms._then_recurring("до 15.12.2024 года", len("до 15.12.2024")) == len("до 15.12.2024")


def test_a_point_without_digits_still_finds_a_recurring_term() -> None:
    deadline = item_terms.find_item_deadline("Обеспечить информирование населения ежеквартально.")
    assert deadline is not None and deadline.recurrence == "quarterly"
    assert item_terms.find_item_deadline("Обеспечить информирование населения.") is None


def test_nominative_is_remembered_and_unchanged() -> None:
    phrase = "Комитету общественных коммуникаций Ленинградской области"
    first = parties.to_nominative(phrase, "datv")
    assert first == "Комитет общественных коммуникаций Ленинградской области"
    assert parties.to_nominative(phrase, "datv") == first
    assert parties.to_nominative.cache_info().hits >= 1
