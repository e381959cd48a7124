"""Emit stage: documents → JSON, YAML or JSON Lines text.

Dates are ISO strings and Cyrillic stays readable (no ``\\u`` escapes) in every format.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel

Format = Literal["json", "yaml", "jsonl"]
FORMATS: tuple[str, ...] = ("json", "yaml", "jsonl")


def to_data(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


def dumps(models: Iterable[BaseModel], fmt: Format = "json", *, as_list: bool = False) -> str:
    """Serialise models; ``as_list`` makes JSON/YAML a list even for one document."""
    models = list(models)
    if fmt == "json" and len(models) == 1 and not as_list:
        # pydantic writes the same text as json.dumps(indent=2, ensure_ascii=False), five times faster
        return models[0].model_dump_json(indent=2) + "\n"
    data = [to_data(m) for m in models]
    if fmt == "jsonl":
        return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in data)
    payload: Any = data if as_list or len(data) != 1 else data[0]
    if fmt == "yaml":
        import yaml

        return yaml.safe_dump(payload, allow_unicode=True, sort_keys=False, width=100)
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def schema() -> dict[str, Any]:
    """JSON Schema of the output, generated from the pydantic models."""
    from resparse.models import Document

    return Document.model_json_schema()
