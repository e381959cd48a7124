"""Loading the rule data in ``grammars/``.

Rule *data* (word lists, cue phrases, column names) is YAML shipped inside the package as
``resparse.grammars``; users extend it without touching code by pointing
``RESPARSE_GRAMMARS`` at a folder of files with the same names: lists are appended,
mappings updated.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from resparse.errors import GrammarError

ENV_VAR = "RESPARSE_GRAMMARS"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML was built with it: the same data, fifteen times faster."""


@cache
def load(name: str) -> dict[str, Any]:
    """Return the merged content of ``grammars/<name>.yaml`` and any user override."""
    text = resources.files("resparse.grammars").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = _parse(text, f"{name}.yaml")
    extra_dir = os.environ.get(ENV_VAR)
    if extra_dir:
        extra = Path(extra_dir) / f"{name}.yaml"
        if extra.is_file():
            data = merge(data, _parse(extra.read_text(encoding="utf-8"), str(extra)))
    return data


def merge(base: Any, extra: Any) -> Any:
    """Lists are appended, mappings merged key by key, scalars replaced."""
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return base + [value for value in extra if value not in base]
    return extra


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        raise GrammarError(f"{where}: not valid YAML ({error})") from error
    if not isinstance(data, dict):
        raise GrammarError(f"{where}: expected a mapping at the top level")
    return data
