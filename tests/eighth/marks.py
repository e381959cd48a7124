"""Each element's text as typed, automatic numbers and bullets written out (as tests/fifth's
``txt_of`` numbers them: "1.", "1.1.", "а)"; bullets "– ")."""

from __future__ import annotations

LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"


def typed(elements: list[tuple]) -> list[str]:
    """One string per element: its text with its number or dash typed in ("" for tables)."""
    out, counters = [], [0, 0, 0]
    for el in elements:
        kind = el[0]
        if kind == "n":
            level = el[1]
            counters[level] += 1
            counters[level + 1 :] = [0] * (2 - level)
            mark = [f"{counters[0]}.", f"{counters[0]}.{counters[1]}.", f"{LETTERS[counters[2] - 1]})"][level]
            out.append(f"{mark} {el[2]}")
        elif kind == "b":
            out.append("– " + el[1])
        elif kind in ("c", "p", "h"):
            out.append(el[1])
        elif kind == "dn":
            out.append(f"{el[1]}\t{el[2]}")
        elif kind == "stamp":
            out.append("\n".join(el[1]))
        elif kind == "sig":
            out.append("\n".join(f"{p}\t{n}" for p, n in el[1]))
        else:
            out.append("")
    return out
