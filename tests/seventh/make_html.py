"""The seventh set's web pages, in three shapes sites export.

* ``cls`` — a legal database page: every paragraph a ``<p class="s_N">`` with its words in
  ``<span class="s_M">`` runs, headings centred by class, the signature a two-cell table;
* ``layout`` — a municipal site laid out with tables: menu column, breadcrumb, the act in a
  ``<td>`` of ``<div>`` paragraphs, a footer with view counts;
* ``br`` — a news page whose act is one ``<div>`` with ``<br>`` line breaks;
* a ruled plan (``tab``) becomes a ``<table border="1">`` with ``colspan`` section rows and
  ``rowspan`` cells for a value continued from the row above.
"""

from __future__ import annotations

import html

from texts_b import NB

HEAD = '<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8"><title>{title}</title>{style}</head>\n'
STYLE = (
    "<style>.s_1{text-align:justify;text-indent:1.25cm}.s_3{text-align:center;font-weight:bold}"
    ".s_16{text-align:right}.s_10{font-family:'Times New Roman'}</style>"
)


def _esc(text: str) -> str:
    return html.escape(text, quote=False).replace(NB, "&nbsp;")


def _lines(text: str) -> str:
    return "<br>".join(_esc(line) for line in text.split("\n"))


def _rowspans(rows: list) -> dict[tuple[int, int], int]:
    spans: dict[tuple[int, int], int] = {}
    for r, row in enumerate(rows):
        if isinstance(row, str):
            continue
        for c, cell in enumerate(row):
            if cell is None:
                top = r - 1
                while rows[top][c] is None:
                    top -= 1
                spans[(top, c)] = spans.get((top, c), 1) + 1
    return spans


def table_html(header: list[str], rows: list) -> str:
    out = ['<table border="1" cellspacing="0" cellpadding="4">', "<thead><tr>"]
    out += [f"<th>{_esc(h)}</th>" for h in header] + ["</tr></thead><tbody>"]
    spans = _rowspans(rows)
    for r, row in enumerate(rows):
        if isinstance(row, str):
            out.append(f'<tr><td colspan="{len(header)}"><b>{_esc(row)}</b></td></tr>')
            continue
        cells = []
        for c, cell in enumerate(row):
            if cell is None:
                continue
            span = spans.get((r, c))
            attr = f' rowspan="{span}"' if span else ""
            cells.append(f"<td{attr}>{_esc(cell)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join([*out, "</tbody></table>"])


def _cls(el: tuple) -> str:
    kind = el[0]
    if kind == "c":
        return f'<p class="s_3"><span class="s_10">{_lines(el[1])}</span></p>'
    if kind in ("p", "b"):
        text = el[1] if kind == "p" else "– " + el[1]
        return f'<p class="s_1"><span class="s_10">{_lines(text)}</span></p>'
    if kind == "dn":
        return f'<p class="s_1"><span class="s_10">{_esc(el[1])}</span> <span>{_esc(el[2])}</span></p>'
    if kind == "stamp":
        return f'<p class="s_16">{_lines(chr(10).join(el[1]))}</p>'
    if kind == "sig":
        rows = "".join(f'<tr><td>{_lines(p)}</td><td class="s_16">{_esc(n)}</td></tr>' for p, n in el[1])
        return f'<table class="sig" width="100%">{rows}</table>'
    if kind == "tab":
        return table_html(el[2], el[3])
    raise ValueError(kind)


def _plain(el: tuple, tag: str = "div") -> str:
    kind = el[0]
    if kind == "c":
        return f'<{tag} align="center"><strong>{_lines(el[1])}</strong></{tag}>'
    if kind == "dn":
        return f"<{tag}>{_esc(el[1])}&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;{_esc(el[2])}</{tag}>"
    if kind == "sig":
        return "".join(f"<{tag}>{_lines(p)}&nbsp;&nbsp;&nbsp;{_esc(n)}</{tag}>" for p, n in el[1])
    if kind == "tab":
        return table_html(el[2], el[3])
    if kind == "stamp":
        return f'<{tag} align="right">{_lines(chr(10).join(el[1]))}</{tag}>'
    return f"<{tag}>{_lines(el[1].replace(chr(9), '   '))}</{tag}>"


def page(style: str, title: str, elements: list[tuple]) -> str:
    head = HEAD.format(title=_esc(title), style=STYLE if style == "cls" else "")
    if style == "cls":
        body = "\n".join(_cls(el) for el in elements)
        return head + f'<body><div class="doc">\n{body}\n</div></body></html>\n'
    if style == "layout":
        body = "\n".join(_plain(el) for el in elements)
        return head + (
            '<body><table width="100%"><tr><td width="200" valign="top">'
            '<a href="/">Главная</a><br><a href="/docs">Документы</a><br><a href="/news">Новости</a></td>'
            '<td valign="top"><div class="path"><a href="/">Главная</a> / <a href="/docs">Документы</a></div>'
            f"\n{body}\n"
            '<div class="footer">Дата размещения: 07.04.2027 Просмотров: 41</div></td></tr></table>'
            "</body></html>\n"
        )
    parts = [_plain(el, "span") if el[0] == "tab" else _lines(_text_of(el)) for el in elements]
    body = "<br>\n<br>\n".join(parts)
    return head + f'<body><h1>{_esc(title)}</h1>\n<div class="news-text">\n{body}\n</div></body></html>\n'


def _text_of(el: tuple) -> str:
    if el[0] == "dn":
        return f"{el[1]}\t{el[2]}"
    if el[0] == "sig":
        return "\n".join(f"{p}\t{n}" for p, n in el[1])
    if el[0] == "stamp":
        return "\n".join(el[1])
    return el[1]
