"""Canonical organisations: one body under its many spellings, cases and abbreviations.

A name is brought to a key in stages, each a named rule; two names are one organisation when
their final keys agree, and the first stage at which they agree is the rule that merged them:

    written         the same words, as written
    case-quotes     case, «quotes», ё, dashes and spaces set aside
    abbreviations   "г." = "город", "МО" = "муниципальное образование" (``grammars/orgs.yaml``)
    word-forms      every word in its dictionary form: "города Белогорска" = "город Белогорск"
    municipal       "администрация муниципального образования город …" = "администрация города …"
    alias-file      the user's ``aliases`` (``RESPARSE_GRAMMARS``/orgs.yaml or ``--aliases``)

Quoted names ("«Ресурсный центр»") are compared as written, never put in dictionary form.
Names listed under ``separate`` are merged only by the first two stages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from resparse.errors import GrammarError
from resparse.rules import load, merge

STAGES = ("written", "case-quotes", "abbreviations", "word-forms", "municipal")
"""The rules in the order they are tried; ``alias-file`` is applied on top of the last."""
ALIAS_RULE = "alias-file"
NAME_CACHE = 65536
"""How many distinct names keep their stage keys in memory during a build."""

_QUOTED = re.compile(r"[«\"“„](.*?)[»\"”“]")
_TOKEN = re.compile(r"«[^»]*»|\w+(?:-\w+)*\.?|№")
_DASHES = str.maketrans({"–": "-", "—": "-", "ё": "е", "Ё": "Е", "\u00a0": " "})


@dataclass(frozen=True)
class Canon:
    """Where a name belongs: the organisation's key, and the stage keys of the name itself."""

    key: str
    stages: tuple[str, ...]
    aliased: bool = False


def rule_between(a: Canon, b: Canon) -> str:
    """The rules that make ``a`` and ``b`` one organisation: those that changed either name up to
    the first stage where they agree ("case-quotes, abbreviations, word-forms"); "written" when
    they are spelled alike."""
    pairs = enumerate(zip(a.stages, b.stages, strict=True))
    agreed = next((i for i, (one, other) in pairs if one == other), None)
    if agreed is None:
        return ALIAS_RULE if a.aliased or b.aliased else STAGES[-1]
    used = [
        STAGES[i]
        for i in range(1, agreed + 1)
        if a.stages[i] != a.stages[i - 1] or b.stages[i] != b.stages[i - 1]
    ]
    return ", ".join(used) or STAGES[0]


class Organisations:
    """Brings names to canonical keys with the rules of ``grammars/orgs.yaml`` and the user's aliases."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        data = data if data is not None else load("orgs")
        self.abbreviations = {k.lower(): v.lower() for k, v in (data.get("abbreviations") or {}).items()}
        self.fillers = [tuple(run) for run in data.get("municipal_fillers") or []]
        self.place_kinds = {_fold(word) for word in data.get("place_kinds") or []}
        self.separate = {_stage_case(name) for name in data.get("separate") or []}
        self.aliases: dict[str, str] = {}
        for canonical, variants in (data.get("aliases") or {}).items():
            target = self._stages(str(canonical))[-1]
            for variant in [canonical, *(variants or [])]:
                self.aliases[self._stages(str(variant))[-1]] = target
        self.canon = lru_cache(maxsize=NAME_CACHE)(self._canon)

    @classmethod
    def with_file(cls, path: Path | None) -> Organisations:
        """The grammar's data with ``path`` (a YAML file of the same shape) merged on top."""
        data = load("orgs")
        if path is not None:
            try:
                extra = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as error:
                raise GrammarError(f"{path}: cannot read the alias file ({error})") from error
            if not isinstance(extra, dict):
                raise GrammarError(f"{path}: expected a mapping at the top level")
            data = merge(data, extra)
        return cls(data)

    def _canon(self, name: str) -> Canon:
        stages = self._stages(name)
        if stages[1] in self.separate:
            return Canon("=" + stages[1], stages)
        final = self.aliases.get(stages[-1])
        return Canon(final or stages[-1], stages, aliased=final is not None and final != stages[-1])

    def _stages(self, name: str) -> tuple[str, ...]:
        written = " ".join(name.split())
        folded = _stage_case(written)
        expanded = " ".join(self.abbreviations.get(token, token) for token in folded.split())
        lemmas = [_lemma(token) for token in _TOKEN.findall(expanded)]
        municipal = self._drop_fillers(lemmas)
        return (written, folded, expanded, " ".join(lemmas), " ".join(municipal))

    def _drop_fillers(self, lemmas: list[str]) -> list[str]:
        for filler in self.fillers:
            size = len(filler)
            for start in range(len(lemmas) - size):
                if tuple(lemmas[start : start + size]) == filler and lemmas[start + size] in self.place_kinds:
                    return lemmas[:start] + lemmas[start + size :]
        return lemmas


def _fold(text: str) -> str:
    return text.translate(_DASHES).lower()


def _stage_case(text: str) -> str:
    """Case, quotes, ё, dashes and spaces set aside; a quoted name keeps its words in «»."""
    text = _QUOTED.sub(lambda m: "«" + " ".join(m.group(1).split()) + "»", " ".join(text.split()))
    text = _fold(text).replace(" - ", "-").strip(" .,;:")
    return re.sub(r"\s*№\s*", " № ", text).strip()


@lru_cache(maxsize=NAME_CACHE)
def _lemma(token: str) -> str:
    """A word's dictionary form (ё as е); quoted names and numbers as they are."""
    if token.startswith("«") or not token[:1].isalpha():
        return token
    from resparse.structure import morph

    found = morph.parses(token.rstrip("."))
    return _fold(found[0].normal_form) if found else token
