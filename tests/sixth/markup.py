"""The sixth set's documents are written in a small line markup; this module parses it and gives
the plain text a person copying the document out gets (``inputs/*.txt``).

One line, one paragraph, ``TAG: text``:

* ``H`` letterhead line (a .docx may put it in the page header), ``C`` centred bold heading,
  ``DN`` date | number at the two margins, ``P`` paragraph, ``N`` numbered point whose label
  ("1.", "2.1.", "1)", "а)") Word may generate, ``B`` "–" bullet, ``ST`` approval stamp at the
  right, ``SG`` position | name, ``TH``/``TR`` table header/row (cells split on " | ", a cell
  "^" continues the cell above), ``TS`` section row merged across, ``SECT`` end of a portrait
  section (what follows is landscape).
* A leading ``@`` wraps the paragraph in a block content control.
* In the text: ``¶`` soft line break, ``~`` no-break space, ``{+…+}`` tracked insertion,
  ``{-…-}`` tracked deletion, ``[^…]`` footnote, ``<<text|url>>`` hyperlink,
  ``{{DATE|15.03.2027}}`` field with its shown result, ``((…))`` smart tag, ``[[…]]`` inline
  content control.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NB = "\u00a0"
SUP = "¹²³⁴⁵⁶⁷⁸⁹"
INLINE = re.compile(
    r"\{\+(?P<ins>.*?)\+\}|\{-(?P<dele>.*?)-\}|\[\^(?P<fn>.*?)\]|<<(?P<link>.*?)\|(?P<url>.*?)>>"
    r"|\{\{(?P<fld>\w+)\|(?P<res>.*?)\}\}|\(\((?P<smart>.*?)\)\)|\[\[(?P<sdt>.*?)\]\]"
)
LABEL = re.compile(r"^((?:\d+\.)+|\d+\)|[а-я]\))\s+")


@dataclass
class Para:
    tag: str
    text: str = ""
    cells: list[str] = field(default_factory=list)
    sdt: bool = False
    label: str = ""


def parse(source: str) -> list[Para]:
    out: list[Para] = []
    for raw in source.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        sdt = line.startswith("@")
        tag, _, rest = line.lstrip("@").partition(":")
        rest = rest.strip()
        para = Para(tag, rest, sdt=sdt)
        if tag in ("TH", "TR", "DN", "SG"):
            para.cells = [c.strip() for c in rest.split(" | ")]
        if tag == "N":
            match = LABEL.match(rest)
            assert match, rest
            para.label, para.text = match.group(1), rest[match.end() :]
        out.append(para)
    return out


def spans(text: str) -> list[tuple[str, str, str]]:
    """(kind, text, extra) runs: kind t, ins, dele, fn, link (extra url), fld (extra instr), smart, sdt."""
    out: list[tuple[str, str, str]] = []
    pos = 0
    for m in INLINE.finditer(text):
        if m.start() > pos:
            out.append(("t", text[pos : m.start()], ""))
        kind = next(k for k in ("ins", "dele", "fn", "link", "fld", "smart", "sdt") if m.group(k) is not None)
        if kind == "link":
            out.append(("link", m.group("link"), m.group("url")))
        elif kind == "fld":
            out.append(("fld", m.group("res"), m.group("fld")))
        else:
            out.append((kind, m.group(kind), ""))
        pos = m.end()
    if pos < len(text):
        out.append(("t", text[pos:], ""))
    return [(k, t.replace("~", NB), e) for k, t, e in out]


def plain(text: str) -> str:
    """What the reader sees with every change accepted: deletions and footnotes out."""
    return "".join(t for k, t, _ in spans(text) if k not in ("dele", "fn"))


def footnotes(paras: list[Para]) -> list[str]:
    return [t for p in paras for k, t, _ in spans(p.text + " ".join(p.cells)) if k == "fn"]


def _cells(para: Para) -> str:
    return "\t".join("" if c == "^" else plain(c).replace("¶", " ") for c in para.cells)


def to_text(paras: list[Para]) -> str:
    """The plain-text copy: typed numbers, a table row per line (cells by tabs), soft breaks as
    line breaks, a signature "position<tab>name", footnotes at the end."""
    chunks: list[str] = []
    in_table = False
    for para in paras:
        if para.tag in ("TH", "TR", "TS"):
            line = plain(para.text) if para.tag == "TS" else _cells(para)
            if in_table:
                chunks[-1] += "\n" + line
            else:
                chunks.append(line)
            in_table = True
            continue
        in_table = False
        if para.tag == "SECT":
            continue
        if para.tag in ("DN", "SG"):
            text = "\t".join(plain(c) for c in para.cells)
        elif para.tag == "N":
            text = f"{para.label} {plain(para.text)}"
        elif para.tag == "B":
            text = f"– {plain(para.text)}"
        else:
            text = plain(para.text)
        chunks.append(text.replace("¶", "\n"))
    notes = [f"{SUP[i]} {plain(n)}" for i, n in enumerate(footnotes(paras))]
    return "\n\n".join(chunks + notes) + "\n"
