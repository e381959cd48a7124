"""A plan of measures written as points with labelled lines, read as roadmap rows.

    1. Подготовка и проведение районной акции «Письмо солдату»
    Срок: январь – апрель 2025 г.
    Ответственные: Покровский сельский дом культуры, Никольский сельский клуб

In a document that is a plan ("ПЛАН мероприятий …"), a point whose text carries a labelled
executors line ("Ответственный:", "Исполнители:") is a row: the words before the first label are
the measure, "Срок:" gives the deadline, "Результат:" the result. The labels are in
``grammars/roadmap.yaml`` (``row_labels``).
"""

from __future__ import annotations

import re
from functools import cache

from resparse.models import Block, Item, RoadmapRow, RoadmapSection
from resparse.rules import load
from resparse.structure.executors import split_executors
from resparse.structure.roadmap import cell_deadline

FIELDS = ("deadline", "executors", "result")
_SENTENCE_STOP = re.compile(r"(?<=[а-яёa-z]{3})\.$")
"""A full stop ending the value, not the dot of "г." or of an initial."""


@cache
def _labels() -> re.Pattern[str]:
    labels = load("roadmap")["row_labels"]
    named = "|".join(f"(?P<{field}>{'|'.join(labels[field])})" for field in FIELDS)
    return re.compile(rf"(?:^|\s)(?:{named})\s*[:–—-]\s*", re.I)


def rows_from_points(blocks: list[Block]) -> list[RoadmapRow] | None:
    """The rows the points of a plan make, or None when a point lacks an executors label (then
    the points stay points)."""
    rows: list[RoadmapRow] = []
    for block in blocks:
        section = RoadmapSection(number=block.number, title=block.addressee.text) if block.addressee else None
        for item in block.items:
            row = _row(item, section)
            if row is None:
                return None
            rows.append(row)
    return rows or None


def _row(item: Item, section: RoadmapSection | None) -> RoadmapRow | None:
    parts = list(_labels().finditer(item.text))
    if not any(match.lastgroup == "executors" for match in parts):
        return None
    values: dict[str, str] = {}
    labels: dict[str, str] = {}
    for match, following in zip(parts, [*parts[1:], None], strict=True):
        end = following.start() if following else len(item.text)
        field = match.lastgroup or ""
        values[field] = _SENTENCE_STOP.sub("", item.text[match.end() : end].strip(" ;"))
        labels[field] = match.group().strip()
    deadline = cell_deadline(values.get("deadline", ""))
    if deadline is not None:  # the label stays with the words it labels: nothing is dropped
        deadline = deadline.model_copy(update={"text": f"{labels['deadline']} {deadline.text}"})
    executors = split_executors(values.get("executors", ""))
    if executors:
        executors[0] = executors[0].model_copy(update={"text": f"{labels['executors']} {executors[0].text}"})
    return RoadmapRow(
        number=item.number,
        section=section,
        action=item.text[: parts[0].start()].strip(),
        result=values.get("result") or None,
        deadline=deadline,
        executors=executors,
        extra={labels["result"]: values["result"]} if "result" in values else {},
    )
