"""Shared test helpers: the bundled samples and their gold (texts are compared as resparse.evaluate does)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from resparse.evaluate import norm, strings, words

__all__ = ["GOLD", "ROOT", "SAMPLES", "gold", "missing_words", "norm"]

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLD = Path(__file__).resolve().parent / "gold"


def gold(stem: str) -> dict[str, Any]:
    return json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))


def missing_words(source_text: str, output: dict[str, Any], *, counts: bool = True) -> Counter[str]:
    """Words of 4+ Cyrillic letters in the source that the output does not hold (as often)."""
    want, have = words([source_text]), words(strings(output))
    if not counts:
        want = Counter(set(want))
    return Counter({w: n - have[w] for w, n in want.items() if have[w] < n})
