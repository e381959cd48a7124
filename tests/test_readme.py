"""Every README example that runs on a bundled sample works (the part before any pipe)."""

from __future__ import annotations

import glob
import re
import shlex

import pytest
from typer.testing import CliRunner

from resparse.cli import app
from support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = [
    line.split("|")[0].split("#")[0].split(">")[0].strip()
    for block in re.findall(r"```bash\n(.*?)```", README, re.S)
    for line in block.splitlines()
    if re.match(r"^(?:\.venv/bin/)?resparse ", line.strip()) and "samples/" in line and " -o " not in line
]


def test_readme_has_examples_on_samples() -> None:
    assert len(COMMANDS) >= 3


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_example_runs(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    command, _, stdin_file = command.partition("<")
    args: list[str] = []
    for word in shlex.split(command)[1:]:
        args.extend(sorted(glob.glob(word)) if "*" in word else [word])
    stdin = (ROOT / stdin_file.strip()).read_bytes() if stdin_file else None
    result = CliRunner().invoke(app, args, input=stdin)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()


def test_readme_output_table_lists_every_field_of_the_json() -> None:
    """Every field ``resparse schema`` lists, top level and nested, is named in the Output section."""
    import json

    output = README.split("## Output", 1)[1].split("\n## ", 1)[0]
    schema = json.loads(CliRunner().invoke(app, ["schema"]).stdout)
    fields = set(schema["properties"])
    for definition in schema["$defs"].values():
        fields |= set(definition.get("properties", {}))
    missing = sorted(field for field in fields if not re.search(rf"[`{{ ]{field}\b", output))
    assert missing == []
