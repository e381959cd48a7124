"""Shared test helpers: the bundled samples, their expected results, text normalisation."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLD = Path(__file__).resolve().parent / "gold"

QUOTES = str.maketrans({c: '"' for c in "«»“”„‟\"'’‘`"})
DASHES = str.maketrans({c: "-" for c in "–—‑−‒"})
WORD = re.compile(r"[а-яёА-ЯЁ]{4,}")


def norm(text: str | None) -> str:
    """Compare texts with whitespace, quote and dash style, ё/е and end punctuation normalised."""
    if not text:
        return ""
    text = text.replace("ё", "е").replace("Ё", "Е").translate(QUOTES).translate(DASHES)
    text = re.sub(r"\s+", " ", text).strip().casefold()
    text = re.sub(r'\s*"\s*', '"', text)
    return text.strip(" .;:,")


def gold(stem: str) -> dict[str, Any]:
    return json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))


def strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() if k != "source" for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


def missing_words(source_text: str, output: dict[str, Any], *, counts: bool = True) -> Counter[str]:
    """Words of 4+ Cyrillic letters in the source that the output does not hold (as often)."""
    want = Counter(w.casefold().replace("ё", "е") for w in WORD.findall(source_text))
    have = Counter(w.casefold().replace("ё", "е") for s in strings(output) for w in WORD.findall(s))
    if not counts:
        want = Counter(set(want))
    return Counter({w: n - have[w] for w, n in want.items() if have[w] < n})
