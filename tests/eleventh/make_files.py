"""The eleventh set's Word originals and portal pages: :mod:`portalkit` with this site's page."""

from __future__ import annotations

from portalkit import docx_of
from portalkit import html_of as _page

__all__ = ["docx_of", "html_of"]

PAGE = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>{title}</title></head>
<body>
<div class="top-menu"><ul><li><a href="/">Главная</a></li><li><a href="/about/">О палате</a></li>
<li><a href="/news/">Новости</a></li><li><a href="/docs/">Документы</a></li><li><a href="/contacts/">Контакты</a></li></ul></div>
<div class="breadcrumbs"><a href="/">Главная</a> » <a href="/docs/">Документы</a> » <span>{crumb}</span></div>
<div class="content">
{body}
</div>
<div class="sidebar"><h3>Последние новости</h3><ul><li><a href="/news/1/">Приём граждан членами палаты</a></li>
<li><a href="/news/2/">Итоги конкурса социальных проектов</a></li></ul></div>
<div class="footer">© {site}, 2029. При использовании материалов ссылка на сайт обязательна.</div>
</body></html>
"""


def html_of(title: str, site: str, elements: list[tuple], style: str) -> bytes:
    return _page(title, site, elements, style, PAGE)
