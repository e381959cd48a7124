"""How a person is written in official documents: initials and surname, in either order.

"В.В. Иванову", "Балакину В.В.", "С.В.Яковлева", and in signatures also in capitals
("А.А.ЖИЛКИН", "Ю. ЕВДОКИМОВ"). One copy of the patterns for every rule that looks for persons.
"""

from __future__ import annotations

INITIALS = r"[А-ЯЁA-Z]\.\s?(?:[А-ЯЁA-Z]\.)?"
SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
SURNAME_IN_CAPITALS = r"[А-ЯЁ]{2,}(?:-[А-ЯЁ]{2,})?"
ANY_SURNAME = rf"(?:{SURNAME}|{SURNAME_IN_CAPITALS})"
GIVEN_NAME = r"[А-ЯЁ][а-яё]+"
PATRONYMIC = r"[А-ЯЁ][а-яё]+(?:вич|вн|ич|ичн|инич)[а-яё]{0,3}"
FULL_NAME = rf"{SURNAME}\s+{GIVEN_NAME}\s+{PATRONYMIC}(?![а-яё])"
"""Surname, given name and patronymic in full: "Сизова Артема Викторовича"."""
PERSON = rf"(?:{FULL_NAME}|{SURNAME}\s+{INITIALS}|{INITIALS}\s?{SURNAME})"
"""A person in running text: the surname in ordinary letter case."""
SIGNED_PERSON = rf"(?:{FULL_NAME}|{ANY_SURNAME}\s+{INITIALS}|{INITIALS}\s?{ANY_SURNAME})"
"""A person under a signature, where surnames are often set in capitals."""
