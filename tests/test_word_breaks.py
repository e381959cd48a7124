"""Words a PDF broke without a hyphen inside a narrow cell are whole again in the plan's rows."""

from __future__ import annotations

import pytest

from resparse.structure.word_breaks import rejoin_broken_words


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Отдел по спорту администраци и округа", "Отдел по спорту администрации округа"),
        ("утверждение муниципальн ой программы", "утверждение муниципальной программы"),
        ("Наименован ие мероприятия", "Наименование мероприятия"),
        ("Источник финансирова ния", "Источник финансирования"),
        ("обеспеченнос ти населения", "обеспеченности населения"),
        ("общеобразова тельные организации", "общеобразовательные организации"),
        # a short ending the dictionary knows only as a letter or an abbreviation
        ("Экзаменационны е комиссии", "Экзаменационные комиссии"),
        ("администрация городско го округа", "администрация городского округа"),
        ("Исполните ли мероприятия", "Исполнители мероприятия"),
        # a name the dictionary does not know, broken before its ending; a quote left apart
        ("администрация Лесноозёрск ого района", "администрация Лесноозёрского района"),
        ("МБУ «Центр досуга Лесноозёрья »", "МБУ «Центр досуга Лесноозёрья»"),
        # two words stay two words: the second may be a conjunction or a preposition
        ("спортивными сооружениям и площадками", "спортивными сооружениям и площадками"),
        ("в сёлах Заозерье и Кременки", "в сёлах Заозерье и Кременки"),
        ("по плану и в срок", "по плану и в срок"),
        ("по этому вопросу", "по этому вопросу"),  # a short head: two words
        ("Отдел ЖКХ и благоустройства", "Отдел ЖКХ и благоустройства"),
    ],
)
def test_rejoin_broken_words(cell: str, expected: str) -> None:
    assert rejoin_broken_words(cell) == expected


def test_the_readers_and_the_rules_share_one_dictionary() -> None:
    """A worker holds the dictionaries once: the PDF/text readers' hyphen check and the rules
    ask the same analyser."""
    from resparse import dictionary
    from resparse.extract.joining import join_pair
    from resparse.structure import morph

    assert join_pair("органи-", "заций") == "организаций"
    assert join_pair("научно-", "практической") == "научно-практической"
    assert morph.analyzer() is dictionary.analyzer()
    assert dictionary.analyzer.cache_info().currsize == 1
