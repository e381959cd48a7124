"""Gold vs output: per-field precision, recall and F1, micro-averaged over documents.

What ``resparse evaluate`` prints. A document is reduced to *facts* per field (an item is
``(addressee, text)``, a roadmap executor ``(row number, name, role)``, …); gold and predicted
facts are matched one to one, texts fuzzily (a ratio of 0.9 after normalising case, ё, quotes,
dashes, spaces and list markers), everything else exactly. The definitions are those of the
reference scorer ``tools/score.py`` (GROBID's evaluation style), so both give the same figures.

Inputs are matched to ``GOLD/<stem>.json`` by the part of their name before the first dot
(``C001.txt``, ``C001.docx`` and ``C001.scan.pdf`` all score against ``C001.json``) and read
in-process through :func:`resparse.pipeline.extract` under the usual :class:`Limits`.
"""

from __future__ import annotations

import difflib
import fnmatch
import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, computed_field

from resparse.limits import DEFAULT_LIMITS, Limits

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


# ----------------------------------------------------------------------------- a run


class DocumentScore(BaseModel):
    name: str
    path: str
    format: str
    """The input's name after the stem: ``txt``, ``docx``, ``scan.pdf``."""
    failed: str | None = None
    """Why the input could not be read; it is then scored as an empty output."""
    seconds: float = 0.0
    fields: dict[str, Score] = Field(default_factory=dict)


class Failure(BaseModel):
    path: str
    reason: str


class Report(BaseModel):
    """Totals per field and per input format, each document, and what failed."""

    fields: dict[str, Score] = Field(default_factory=dict)
    formats: dict[str, dict[str, Score]] = Field(default_factory=dict)
    documents: list[DocumentScore] = Field(default_factory=list)
    failures: list[Failure] = Field(default_factory=list)
    unmatched: list[str] = Field(default_factory=list)
    """Inputs found in folders with no gold of their stem (not scored)."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def summary(self) -> dict[str, float]:
        """Micro-averaged F1 per field (for coverage: the share of source words kept)."""
        return {key: round(self.fields[key].f1, 4) for key in ordered(self.fields)}

    def add(self, document: DocumentScore) -> None:
        self.documents.append(document)
        per_format = self.formats.setdefault(document.format, {})
        for key, score in document.fields.items():
            self.fields.setdefault(key, Score()).add(score)
            per_format.setdefault(key, Score()).add(score)


def ordered(keys: Iterable[str]) -> list[str]:
    return sorted(keys, key=lambda k: (FIELDS.index(k) if k in FIELDS else len(FIELDS), k))


def stem_and_format(name: str) -> tuple[str, str]:
    """``C001.scan.pdf`` → ``("C001", "scan.pdf")``: the part before the first dot is the stem."""
    stem, _, fmt = name.partition(".")
    return stem, fmt


def _wanted(name: str, only: Sequence[str], skip: Sequence[str]) -> bool:
    if name.endswith((".json", ".md")):
        return False
    if only and not any(fnmatch.fnmatch(name, p) for p in only):
        return False
    return not any(fnmatch.fnmatch(name, p) for p in skip)


def find_inputs(
    gold_dir: Path, inputs: Sequence[Path], only: Sequence[str] = (), skip: Sequence[str] = ()
) -> tuple[list[tuple[Path, Path]], list[Failure], list[str]]:
    """(input, gold) pairs, inputs that cannot be scored, and folder files with no gold.

    ``only``/``skip`` are name patterns (``*.pdf``); gold files and ``.md`` notes are never inputs.
    A file named on the command line with no gold is a failure; one found in a folder is listed.
    """
    from resparse.archives import Broken, InputFile, iter_input_files

    pairs: list[tuple[Path, Path]] = []
    failures: list[Failure] = []
    unmatched: list[str] = []
    named = {p.resolve() for p in inputs if p.is_file()}
    for found in iter_input_files(inputs):
        if isinstance(found, Broken):
            failures.append(Failure(path=found.source, reason=found.reason))
        if not isinstance(found, InputFile) or not _wanted(found.path.name, only, skip):
            continue
        gold = gold_dir / f"{stem_and_format(found.path.name)[0]}.json"
        if gold.is_file():
            pairs.append((found.path, gold))
        elif found.path.resolve() in named:
            failures.append(Failure(path=found.source, reason=f"no gold file {gold}"))
        else:
            unmatched.append(found.source)
    return pairs, failures, unmatched


def _source_text(path: Path, gold_path: Path, gold: dict[str, Any]) -> str | None:
    """The plain text coverage is measured on: ``<stem>.txt`` beside the input, else the gold's."""
    candidates = [path.parent / f"{stem_and_format(path.name)[0]}.txt"]
    if gold.get("_source_text"):
        candidates.append(gold_path.parent / gold["_source_text"])
    for candidate in candidates:
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8", errors="replace")
    return None


def _predict(path: Path, limits: Limits, ocr: str, debug: bool) -> tuple[dict[str, Any], str | None]:
    """The output of one input as JSON data, or ``{}`` and the one-line reason it failed."""
    from resparse.emit import to_data
    from resparse.errors import InputError
    from resparse.limits import time_limit
    from resparse.pipeline import extract

    try:
        with time_limit(limits.seconds_per_document):
            return to_data(extract(path, limits=limits, ocr=ocr)), None  # type: ignore[arg-type]
    except Exception as error:
        if debug:
            raise
        if isinstance(error, InputError):
            return {}, str(error)
        return {}, f"internal error ({type(error).__name__}: {error})"  # a bug: say so, briefly


def evaluate_one(
    path: Path, gold_path: Path, *, limits: Limits = DEFAULT_LIMITS, ocr: str = "auto", debug: bool = False
) -> DocumentScore:
    """Read one input in-process and score it against its gold (a failed read scores as empty)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    started = time.perf_counter()
    pred, failed = _predict(path, limits, ocr, debug)
    seconds = time.perf_counter() - started
    fields = score_document(gold, pred, _source_text(path, gold_path, gold))
    fmt = stem_and_format(path.name)[1]
    return DocumentScore(
        name=path.name, path=str(path), format=fmt, failed=failed, seconds=seconds, fields=fields
    )


def evaluate(
    gold_dir: Path,
    inputs: Sequence[Path],
    *,
    limits: Limits = DEFAULT_LIMITS,
    ocr: str = "auto",
    only: Sequence[str] = (),
    skip: Sequence[str] = (),
    fields: Sequence[str] = (),
    on_failure: Callable[[Failure], None] | None = None,
    debug: bool = False,
) -> Report:
    """Score every input that has a gold in ``gold_dir``; ``fields`` keeps only those fields.

    ``on_failure`` hears each failure as it happens (the CLI prints it); the report lists them all.
    """
    pairs, failures, unmatched = find_inputs(gold_dir, inputs, only, skip)
    report = Report(unmatched=unmatched)

    def fail(failure: Failure) -> None:
        report.failures.append(failure)
        if on_failure:
            on_failure(failure)

    for failure in failures:
        fail(failure)
    for path, gold_path in pairs:
        try:
            document = evaluate_one(path, gold_path, limits=limits, ocr=ocr, debug=debug)
        except (OSError, ValueError) as error:  # the gold itself is unreadable
            fail(Failure(path=str(gold_path), reason=f"bad gold file ({error})"))
            continue
        if document.failed:
            fail(Failure(path=str(path), reason=document.failed))
        if fields:
            document.fields = {k: v for k, v in document.fields.items() if k in fields}
        report.add(document)
    return report


# ----------------------------------------------------------------------------- printing


def below(report: Report, minimums: dict[str, float]) -> list[str]:
    """``field=actual<minimum`` for each field under its minimum (a field not measured counts as 0)."""
    summary = report.summary
    return [
        f"{key}={summary.get(key, 0.0):.3f}<{minimum:g}"
        for key, minimum in minimums.items()
        if summary.get(key, 0.0) < minimum
    ]
