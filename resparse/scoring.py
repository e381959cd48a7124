"""Facts of a document and how gold and predicted facts are matched (what :mod:`.evaluate` counts).

A document is reduced to *facts* per field (an item is ``(addressee, text)``, a roadmap executor
``(row number, name, role)``, …); gold and predicted facts are matched one to one, texts fuzzily
(a ratio of 0.9 after normalising case, ё, quotes, dashes, spaces and list markers), everything
else exactly — the definitions of the reference scorer ``tools/score.py``.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from pydantic import BaseModel, computed_field

Fact = tuple[str, ...]

# Every field scored, in the order reports list them.
# fmt: off
FIELDS: tuple[str, ...] = (
    "addressees", "items", "children", "inline_addressees", "item_deadlines", "findings",
    "roadmap_rows", "roadmap_action", "roadmap_result", "roadmap_deadline", "roadmap_executors",
    "signatories", "abbreviations", "kind", "date", "coverage",
)
# fmt: on

FUZZY: dict[str, tuple[int, ...]] = {
    "items": (1,),
    "children": (0, 1),
    "inline_addressees": (0,),
    "item_deadlines": (0,),
    "findings": (0, 1),
    "roadmap_action": (1,),
    "roadmap_result": (1,),
}
"""Per field, the positions of a fact compared fuzzily; the others compare exactly."""

SIMILARITY = 0.9
SUMMARY_FIELDS = tuple(k for k in FIELDS if k not in ("roadmap_action", "roadmap_result", "abbreviations"))
"""The fields of the one-line summary, as the reference scorer prints it."""

_QUOTES = str.maketrans({c: '"' for c in "«»“”„‟\"'’‘`"})
_DASHES = str.maketrans({c: "-" for c in "–—‑−‒"})
_LEAD = re.compile(r"^\s*(?:[\-•·▪●◦*]+|\(?\d+(?:\.\d+)*[.)]?|[а-яa-z]\))\s*", re.I)
WORD = re.compile(r"[а-яёА-ЯЁ]{4,}")
"""A word for coverage: four or more Cyrillic letters."""


# ----------------------------------------------------------------------------- texts


def norm(text: str | None) -> str:
    """Compare texts with whitespace, quote and dash style, ё/е and end punctuation normalised."""
    if not text:
        return ""
    text = text.replace("ё", "е").replace("Ё", "Е").translate(_QUOTES).translate(_DASHES)
    text = re.sub(r"\s+", " ", text).strip().casefold()
    text = re.sub(r'\s*"\s*', '"', text)
    return text.strip(" .;:,")


def item_norm(text: str | None) -> str:
    """:func:`norm` without leading list numbers and bullets ("1.2.", "а)", "–")."""
    text = norm(text)
    previous = None
    while previous != text:
        previous, text = text, _LEAD.sub("", text)
    return text


def similar(a: str, b: str, cut: float = SIMILARITY) -> bool:
    if a == b:
        return True
    if not a or not b:
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= cut


def strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value, ``source`` metadata left out."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key != "source":
                yield from strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from strings(inner)
    elif isinstance(value, str):
        yield value


def words(texts: Iterable[str]) -> Counter[str]:
    """Coverage words (see :data:`WORD`), case-folded with ё as е, counted."""
    return Counter(w.casefold().replace("ё", "е") for text in texts for w in WORD.findall(text))


# ----------------------------------------------------------------------------- scores


class Score(BaseModel):
    """Counts of one field: matched facts, gold facts, predicted facts."""

    tp: int = 0
    gold: int = 0
    pred: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.gold += other.gold
        self.pred += other.pred

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else float(not self.gold)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else float(not self.pred)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        """F1; 1.0 when neither side has a fact (nothing to find, nothing invented)."""
        if not self.gold and not self.pred:
            return 1.0
        p, r = self.precision if self.pred else 0.0, self.recall if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def match(gold: Sequence[Fact], pred: Sequence[Fact], fuzzy: Sequence[int] = ()) -> Score:
    """Greedy one-to-one matching in gold order; positions in ``fuzzy`` compare by :func:`similar`."""
    used = [False] * len(pred)
    tp = 0
    for g in gold:
        for j, p in enumerate(pred):
            if used[j] or len(p) != len(g):
                continue
            if all(similar(g[i], p[i]) if i in fuzzy else g[i] == p[i] for i in range(len(g))):
                used[j] = True
                tp += 1
                break
    return Score(tp=tp, gold=len(gold), pred=len(pred))


# ----------------------------------------------------------------------------- facts


def _party(party: Any) -> str:
    if not party:
        return ""
    if isinstance(party, str):
        return norm(party)
    return norm(party.get("name") or party.get("text"))


def _walk_items(items: Any, parent: str | None = None) -> Iterator[tuple[dict[str, Any], str, str | None]]:
    for item in items or []:
        key = item_norm(item.get("text"))
        yield item, key, parent
        yield from _walk_items(item.get("items"), key)


def _term(deadline: dict[str, Any]) -> Fact:
    return tuple(str(deadline.get(k)) for k in ("start", "end", "recurrence"))


def _recommendation_facts(document: dict[str, Any], facts: dict[str, list[Fact]]) -> None:
    for block in document.get("recommendations") or []:
        addressee = _party(block.get("addressee"))
        if addressee:
            facts["addressees"].append((addressee,))
        for item in block.get("items") or []:
            facts["items"].append((addressee, item_norm(item.get("text"))))
        for item, key, parent in _walk_items(block.get("items")):
            if parent is not None:
                facts["children"].append((parent, key))
            inline = _party(item.get("addressee"))
            if inline:
                facts["inline_addressees"].append((key, inline))
            if item.get("deadline"):
                facts["item_deadlines"].append((key, *_term(item["deadline"])))


def _roadmap_facts(document: dict[str, Any], facts: dict[str, list[Fact]]) -> None:
    for row in document.get("roadmap") or []:
        number = norm(str(row.get("number") or ""))
        facts["roadmap_rows"].append((number,))
        facts["roadmap_action"].append((number, item_norm(row.get("action"))))
        facts["roadmap_result"].append((number, item_norm(row.get("result"))))
        facts["roadmap_deadline"].append((number, *_term(row.get("deadline") or {})))
        for executor in row.get("executors") or []:
            facts["roadmap_executors"].append(
                (number, norm(executor.get("name")), executor.get("role") or "")
            )


def facts(document: dict[str, Any]) -> dict[str, list[Fact]]:
    """The facts of a contract-shaped document (gold or output), by field; empty fields absent."""
    found: dict[str, list[Fact]] = defaultdict(list)
    _recommendation_facts(document, found)
    for section in document.get("findings") or []:
        title = item_norm(section.get("title"))
        found["findings"].extend((title, key) for _, key, _ in _walk_items(section.get("items")))
    _roadmap_facts(document, found)
    found["signatories"].extend(
        (norm(s["name"]),) for s in document.get("signatories") or [] if s.get("name")
    )
    found["abbreviations"].extend((norm(a.get("short")),) for a in document.get("abbreviations") or [])
    return {key: value for key, value in found.items() if value}


def _annotates_item_deadlines(gold: dict[str, Any]) -> bool:
    """Older gold leaves item deadlines out; they are scored only where the gold has the field."""
    blocks = (gold.get("recommendations") or []) + (gold.get("findings") or [])
    return any("deadline" in item for b in blocks for item, _, _ in _walk_items(b.get("items")))


def coverage(source_text: str, document: dict[str, Any]) -> Score:
    """Source words the output holds (as often), out of all source words."""
    want, have = words([source_text]), words(strings(document))
    total = sum(want.values())
    return Score(tp=sum(min(n, have[w]) for w, n in want.items()), gold=total, pred=total)


def score_document(
    gold: dict[str, Any], pred: dict[str, Any], source_text: str | None = None
) -> dict[str, Score]:
    """Per-field scores of one output against its gold; fields the gold does not annotate left out."""
    g, p = facts(gold), facts(pred)
    scores = {}
    for key in sorted(set(g) | set(p)):
        if key == "inline_addressees" and key not in g:
            continue
        if key == "item_deadlines" and not _annotates_item_deadlines(gold):
            continue
        scores[key] = match(g.get(key, []), p.get(key, []), FUZZY.get(key, ()))
    kinds = gold.get("kind")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    scores["kind"] = Score(tp=int(pred.get("kind") in kinds), gold=1, pred=1)
    if gold.get("date"):
        scores["date"] = Score(tp=int(str(pred.get("date")) == gold["date"]), gold=1, pred=1)
    if source_text:
        scores["coverage"] = coverage(source_text, pred)
    return scores
