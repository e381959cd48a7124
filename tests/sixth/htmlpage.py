"""A sixth-set document as a government portal publishes it: site chrome around the act, which
stands in ``<p>`` paragraphs with ``&nbsp;`` (in a ``div.content``, in ``<pre>``, with ``<ol>``
lists or with a ``<table>`` for a plan)."""

from __future__ import annotations

import textwrap
from html import escape

from markup import NB, Para, plain, to_text

SITES = {
    "portal": ("Администрация Верхнеборской области", "Документы", "ул. Советская, д. 1, г. Светлоозёрск"),
    "plain": (
        "Соколиногорский муниципальный округ",
        "Публичные слушания",
        "пл. Ленина, д. 3, г. Соколиногорск",
    ),
    "parliament": (
        "Законодательное Собрание Верхнеборской области",
        "Парламентские слушания",
        "пр. Мира, д. 12",
    ),
    "news": ("Молодежь Верхнеборья", "Новости", "ул. Студенческая, д. 4, г. Светлоозёрск"),
    "village": ("Озерецкое сельское поселение", "Распоряжения", "с. Озерецкое, ул. Центральная, д. 21"),
}


def _inline(text: str) -> str:
    return escape(plain(text)).replace(NB, "&nbsp;").replace("¶", "<br>\n")


def _table(rows: list[Para]) -> str:
    width = len(rows[0].cells)
    out = ['<table border="1" cellspacing="0" cellpadding="4" style="width:100%">', "<tbody>"]
    for i, row in enumerate(rows):
        if row.tag == "TS":
            out.append(f'<tr><td colspan="{width}"><p><strong>{_inline(row.text)}</strong></p></td></tr>')
            continue
        cells = []
        for c, value in enumerate(row.cells):
            if value == "^":
                continue
            span = 1
            while i + span < len(rows) and rows[i + span].cells[c : c + 1] == ["^"]:
                span += 1
            attr = f' rowspan="{span}"' if span > 1 else ""
            tag = "th" if row.tag == "TH" else "td"
            cells.append(f"<{tag}{attr}><p>{_inline(value)}</p></{tag}>")
        out.append(f"<tr>{''.join(cells)}</tr>")
    return "\n".join([*out, "</tbody>", "</table>"])


def _para(para: Para, ol: bool) -> str:
    pad = "&nbsp;" * 24
    if para.tag in ("C", "H"):
        return f'<p style="text-align: center;"><strong>{_inline(para.text)}</strong></p>'
    if para.tag in ("DN", "SG"):
        left, right = (_inline(c) for c in para.cells)
        return f"<p>{left}{pad}{right}</p>"
    if para.tag == "ST":
        return f'<p style="text-align: right;">{_inline(para.text)}</p>'
    if para.tag == "N" and not ol:
        return f'<p style="text-align: justify;">&nbsp;&nbsp;&nbsp;&nbsp;{escape(para.label)} {_inline(para.text)}</p>'
    if para.tag == "N":
        return f"<li>{_inline(para.text)}</li>"
    if para.tag == "B":
        return f'<p style="text-align: justify;">&nbsp;&nbsp;&nbsp;&nbsp;–&nbsp;{_inline(para.text)}</p>'
    return f'<p style="text-align: justify;">&nbsp;&nbsp;&nbsp;&nbsp;{_inline(para.text)}</p>'


def act(paras: list[Para], opts: dict) -> str:
    """The act's own HTML."""
    if opts.get("pre"):
        lines = []
        for line in to_text(paras).splitlines():
            lines += textwrap.wrap(line, 88) or [""]
        return "<pre>\n" + escape("\n".join(lines)) + "\n</pre>"
    out: list[str] = []
    rows: list[Para] = []
    in_ol = False
    for para in [*paras, Para("END")]:
        if para.tag in ("TH", "TR", "TS"):
            rows.append(para)
            continue
        if rows:
            out.append(_table(rows))
            rows = []
        is_li = opts.get("ol") and para.tag == "N"
        if in_ol and not is_li:
            out.append("</ol>")
        if is_li and not in_ol:
            out.append("<ol>")
        in_ol = bool(is_li)
        if para.tag not in ("END", "SECT"):
            out.append(_para(para, bool(opts.get("ol"))))
    return "\n".join(out)


def page(paras: list[Para], opts: dict, published: str, heading: str) -> bytes:
    site, section, address = SITES[opts["chrome"]]
    charset = opts.get("charset", "utf-8")
    content = act(paras, opts)
    if opts.get("content_div"):
        content = f'<div class="content">\n{content}\n</div>'
    html = f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="{charset}">
<title>{escape(heading)} | {escape(site)}</title>
<link rel="stylesheet" href="/static/css/main.css">
</head>
<body>
<header class="site-header">
<div class="top-line"><a href="/special/" class="eye">Версия для слабовидящих</a> <a href="/search/">Поиск</a></div>
<div class="logo"><a href="/">{escape(site)}</a></div>
<nav class="main-menu"><ul><li><a href="/about/">О нас</a></li><li><a href="/news/">Новости</a></li>
<li><a href="/docs/">{escape(section)}</a></li><li><a href="/contacts/">Контакты</a></li></ul></nav>
</header>
<div class="breadcrumbs"><a href="/">Главная</a> / <a href="/docs/">{escape(section)}</a> / <span>{escape(heading)}</span></div>
<main>
<h1 class="page-title">{escape(heading)}</h1>
<div class="date-publ">Дата публикации: {published}</div>
{content}
<div class="share">Поделиться: <a href="#">ВКонтакте</a> <a href="#">Одноклассники</a> <a href="#">Telegram</a></div>
<a href="?print=Y" class="print">Версия для печати</a>
</main>
<footer>
<p>{escape(site)}</p>
<p>Адрес: {escape(address)}. Телефон: (4012) 55-{len(heading) % 90 + 10:02d}-17</p>
<p>© 2027. Все права защищены.</p>
</footer>
</body>
</html>
"""
    return html.encode(charset)
