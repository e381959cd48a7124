"""Canonical organisations: the same body under other spellings is one; different bodies stay
apart. The names are drawn from the samples' and the corpus's outputs (and the issue)."""

from __future__ import annotations

import pytest
import yaml

from resparse.registry.orgs import Organisations, rule_between
from resparse.registry.store import Store

SAME = [
    # case, abbreviation "г.", word forms, and "муниципального образования" before a kind of place
    ("Администрации г. Белогорск", "администрация муниципального образования город Белогорск"),
    ("Администрация города Белогорска", "администрация муниципального образования город Белогорск"),
    ("Главы администраций муниципальных районов/городского округа Ленинградской области",
     "главы администраций муниципальных районов/городского округа Ленинградской области"),
    ("Комитету общественных коммуникаций Ленинградской области",
     "Комитет общественных коммуникаций Ленинградской области"),
    ("НКО", "некоммерческие организации"),
    ("Союзу «Ленинградская областная торгово-промышленная палата»",
     "Союз \"Ленинградская областная торгово-промышленная палата\""),
]  # fmt: skip

APART = [
    ("администрация города", "администрация муниципального образования город Белогорск"),
    ("Администрация города Горно-Алтайска", "администрация муниципального образования город Белогорск"),
    ("Комитет по печати Ленинградской области", "Комитет правового обеспечения Ленинградской области"),
    ("Инвентаризационные комиссии", "Инвентаризационные комиссии ТФОИВ, ОИВ"),
    ("Общественная палата Ленинградской области", "общественные палаты муниципальных образований"),
    ("Руководители муниципальных общеобразовательных учреждений",
     "руководители муниципальных образовательных учреждений"),
    ("Союз «Ленинградская областная торгово-промышленная палата»", "Союз «Ленинградская областная палата»"),
]  # fmt: skip


@pytest.mark.parametrize(("one", "other"), SAME)
def test_the_same_body_is_one_organisation(one, other):
    orgs = Organisations()
    assert orgs.canon(one).key == orgs.canon(other).key


@pytest.mark.parametrize(("one", "other"), APART)
def test_different_bodies_stay_apart(one, other):
    orgs = Organisations()
    assert orgs.canon(one).key != orgs.canon(other).key


@pytest.mark.parametrize(
    ("one", "other", "rules"),
    [
        ("Комитет печати", "Комитет печати", "written"),
        ("КОМИТЕТ  печати", "Комитет печати", "case-quotes"),
        ("Администрации г. Белогорск", "Администрация город Белогорск", "case-quotes, abbreviations, word-forms"),
        ("администрация муниципального образования город Белогорск", "Администрация города Белогорск",
         "case-quotes, word-forms, municipal"),
    ],
)  # fmt: skip
def test_the_registry_names_the_rules_that_merged_two_spellings(one, other, rules):
    orgs = Organisations()
    assert rule_between(orgs.canon(one), orgs.canon(other)) == rules


def test_the_alias_file_merges_what_rules_cannot_and_keeps_apart_what_it_lists(tmp_path, monkeypatch):
    extra = {
        "aliases": {"Администрация города Белогорск": ["Мэрия Белогорска"]},
        "separate": ["Комитет печати"],
    }
    path = tmp_path / "orgs.yaml"
    path.write_text(yaml.safe_dump(extra, allow_unicode=True), encoding="utf-8")
    plain, aliased = Organisations(), Organisations.with_file(path)
    assert plain.canon("мэрия Белогорска").key != plain.canon("Администрации г. Белогорск").key
    assert aliased.canon("мэрия Белогорска").key == aliased.canon("Администрации г. Белогорск").key
    assert rule_between(
        aliased.canon("Мэрия Белогорска"), aliased.canon("Администрация города Белогорск")
    ) == ("alias-file")
    assert aliased.canon("Комитета печати").key != aliased.canon("Комитет печати").key
    monkeypatch.setenv("RESPARSE_GRAMMARS", str(tmp_path))  # the grammar's own way of extending it
    from resparse.rules import load

    load.cache_clear()
    try:
        assert (
            Organisations().canon("Мэрия Белогорска").key
            == aliased.canon("Администрация города Белогорск").key
        )
    finally:
        load.cache_clear()


def test_the_store_records_each_spelling_with_its_organisation_and_rule(tmp_path):
    with Store(tmp_path / "r.sqlite") as store:
        ids = [store.organisation(name) for name in ("Администрация города Белогорска", *SAME[0])]
        store.settle_names()
        aliases = store.db.execute("SELECT name, rule FROM aliases ORDER BY rowid").fetchall()
    assert len(set(ids)) == 1
    assert aliases[0] == ("Администрация города Белогорска", "written")
    assert aliases[2][1].endswith("municipal")
