"""The word lists of ``grammars/`` that several rules share, loaded once.

- :func:`organisation_heads`: nouns that head a body's name ("комитет", "управление", "мэрия");
- :func:`conjunct_bodies`: bodies that after "и" begin a new addressee ("и отделу культуры");
- :func:`position_heads`: nouns that head a post ("председатель", "заместитель", "директор");
- :func:`remarks`: remarks that are no part of a name ("(по согласованию)").
"""

from __future__ import annotations

import re
from functools import cache

from resparse.rules import load
from resparse.structure import morph


@cache
def organisation_heads() -> frozenset[str]:
    return frozenset(load("roadmap").get("organisation_heads", []))


@cache
def conjunct_bodies() -> frozenset[str]:
    return frozenset(load("parties").get("conjunct_bodies", []))


@cache
def position_heads() -> frozenset[str]:
    return frozenset(load("parties")["position_heads"])


@cache
def remarks() -> re.Pattern[str]:
    return re.compile("|".join(load("roadmap").get("executor_remarks", []) or [r"(?!)"]), re.I)


def noun_lemmas(word: str) -> set[str]:
    """The dictionary forms ``word`` has as a noun."""
    return {p.normal_form for p in morph.parses(word.lower()) if p.tag.POS == "NOUN"}


def is_organisation(word: str) -> bool:
    """A noun that heads a body's name ("Отделу", "комиссии")."""
    return bool(noun_lemmas(word) & organisation_heads())


def is_post(word: str) -> bool:
    """A noun that heads a post ("заместителя", "Директору")."""
    return bool(noun_lemmas(word) & position_heads())
