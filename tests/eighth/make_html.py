"""The eighth set's web pages, in four shapes sites show acts in.

* ``cls`` — a legal-reference site: ``<p class="…">`` paragraphs whose words sit in inline
  ``<span style="…">`` runs, headings centred by class, plans as ``<table>`` with ``rowspan``;
* ``h2`` — a ministry site: the page's own ``<h1>``, the act's title in ``<h2>``, addressee
  headings in ``<h2>``, dash lists as ``<ul><li>``;
* ``cp1251`` — an old municipal site saved in windows-1251 with only ``<meta http-equiv>``,
  ``<p align="justify"><font>`` paragraphs;
* ``layout`` — the act inside a ``<table>``: letterhead cells, date | number cells, the body in a
  cell spanning both columns, the signature as two cells.
"""

from __future__ import annotations

import html

from marks import typed

NB = "\u00a0"
SPAN = "<span style=\"font-family:'Times New Roman',serif;font-size:14.0pt\">"


def _esc(text: str) -> str:
    return html.escape(text, quote=False).replace(NB, "&nbsp;")


def _lines(text: str) -> str:
    return "<br>".join(_esc(line) for line in text.split("\n"))


def _spans(rows: list) -> dict[tuple[int, int], int]:
    spans: dict[tuple[int, int], int] = {}
    for r, row in enumerate(rows):
        for c, cell in enumerate([] if isinstance(row, str) else row):
            if cell is None:
                top = r - 1
                while rows[top][c] is None:
                    top -= 1
                spans[(top, c)] = spans.get((top, c), 1) + 1
    return spans


def table_html(header: list[str], rows: list) -> str:
    out = ['<table border="1" cellspacing="0" cellpadding="5" style="border-collapse:collapse">', "<tr>"]
    out += [f'<td align="center"><b>{_esc(h)}</b></td>' for h in header] + ["</tr>"]
    spans = _spans(rows)
    for r, row in enumerate(rows):
        if isinstance(row, str):
            out.append(f'<tr><td colspan="{len(header)}" align="center"><b>{_esc(row)}</b></td></tr>')
            continue
        cells = []
        for c, cell in enumerate(row):
            if cell is not None:
                span = spans.get((r, c))
                cells.append(f"<td{f' rowspan={chr(34)}{span}{chr(34)}' if span else ''}>{_lines(cell)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join([*out, "</table>"])


def _cls(el: tuple, text: str) -> str:
    kind = el[0]
    if kind == "tab":
        return table_html(el[2], el[3])
    if kind == "sig":
        rows = "".join(
            f'<tr><td width="60%">{_lines(p)}</td><td align="right">{_esc(n)}</td></tr>' for p, n in el[1]
        )
        return f'<table width="100%" class="sign">{rows}</table>'
    cls = {"c": "s_3", "h": "s_9", "stamp": "s_16", "dn": "s_1"}.get(kind, "s_1")
    body = _lines(text).replace("\t", "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;")
    return f'<p class="{cls}">{SPAN}{body}</span></p>'


def _h2(elements: list[tuple], texts: list[str]) -> str:
    out, in_list = [], False
    for el, text in zip(elements, texts, strict=True):
        if el[0] == "b":
            out.append("<ul>" if not in_list else "")
            out.append(f"<li>{_esc(el[1])}</li>")
            in_list = True
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        if el[0] in ("c", "h"):
            out.append(f"<h2>{_lines(text)}</h2>")
        elif el[0] == "tab":
            out.append(table_html(el[2], el[3]))
        elif el[0] == "sig":
            out += [f"<p><b>{_lines(p)}</b><br>{_esc(n)}</p>" for p, n in el[1]]
        else:
            out.append(f"<p>{_lines(text).replace(chr(9), ' ')}</p>")
    return "\n".join(o for o in out if o) + ("\n</ul>" if in_list else "")


def _old(el: tuple, text: str) -> str:
    if el[0] == "tab":
        return table_html(el[2], el[3])
    if el[0] == "c":
        return f'<p align="center"><font size="3"><b>{_lines(text)}</b></font></p>'
    if el[0] == "sig":
        return "".join(f"<p>{_lines(p)}&nbsp;&nbsp;&nbsp;&nbsp;{_esc(n)}</p>" for p, n in el[1])
    return f'<p align="justify"><font size="3">{_lines(text).replace(chr(9), " &nbsp; &nbsp; ")}</font></p>'


def _layout(elements: list[tuple], texts: list[str]) -> str:
    out = ['<table width="700" border="0" cellpadding="3" align="center">']
    for el, text in zip(elements, texts, strict=True):
        if el[0] == "lh":
            out.append(f"<tr><td><b>{'<br>'.join(el[1])}</b></td><td><b>{'<br>'.join(el[2])}</b></td></tr>")
        elif el[0] == "dn":
            out.append(f'<tr><td>{_esc(el[1])}</td><td align="right">{_esc(el[2])}</td></tr>')
        elif el[0] == "sig":
            out += [f'<tr><td>{_lines(p)}</td><td align="right">{_esc(n)}</td></tr>' for p, n in el[1]]
        elif el[0] == "c":
            out.append(f'<tr><td colspan="2" align="center"><b>{_lines(text)}</b></td></tr>')
        else:
            out.append(f'<tr><td colspan="2" style="text-align:justify">{_lines(text)}</td></tr>')
    return "\n".join([*out, "</table>"])


def page(style: str, title: str, elements: list[tuple]) -> bytes:
    texts = typed(elements)
    if style == "cp1251":
        head = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        body = "\n".join(_old(el, t) for el, t in zip(elements, texts, strict=True))
        doc = f'{head}<title>{_esc(title)}</title></head>\n<body bgcolor="#FFFFFF">\n{body}\n</body></html>\n'
        return doc.replace("\u00a0", "&nbsp;").encode("cp1251")
    head = (
        f'<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8"><title>{_esc(title)}</title></head>\n'
    )
    if style == "cls":
        body = "\n".join(_cls(el, t) for el, t in zip(elements, texts, strict=True))
        body = f'<div class="doc-text">\n{body}\n</div>'
    elif style == "h2":
        body = f'<h1>Документы</h1>\n<div class="news-detail">\n{_h2(elements, texts)}\n</div>'
    else:
        body = f'<div id="content">\n{_layout(elements, texts)}\n</div>'
    return (head + f"<body>\n{body}\n</body></html>\n").encode("utf-8")
