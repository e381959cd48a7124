"""Page chrome: the site around the document, which the HTML reader drops.

* ``nav`` anywhere, and elements whose ARIA ``role`` names navigation, a banner or a footer;
* page-level ``header``/``footer`` (not those inside an ``article`` or ``main``, where a header
  holds the document's own title) and ``aside`` outside an ``article`` (a sidebar);
* elements a site's own class or id names as chrome — ``top-menu``, ``sidebar``,
  ``breadcrumbs``, ``footer``, ``share`` (CMS templates mark their menus so, not with ``nav``);
* a list whose every item is one link: a menu or a list of news, never a document's points.

The last two are judged by the page's author, not by the tag, so they are taken only for a
small part of the page: a wrapper named ``page-with-sidebar`` around the document stays.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

__all__ = ["is_chrome"]

CHROME_TAGS = frozenset({"nav"})
PAGE_CHROME_TAGS = {"header": ("article", "main"), "footer": ("article", "main"), "aside": ("article",)}
"""Site chrome unless inside one of these: a document's own header, a sidebar beside it."""
CHROME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar"}
)
CHROME_NAMES = frozenset(
    {
        "menu", "submenu", "topmenu", "mainmenu", "nav", "navbar", "navigation", "sidebar",
        "breadcrumb", "breadcrumbs", "crumbs", "footer", "share", "social", "socials", "banner",
    }
)  # fmt: skip
"""Words of a class or an id ("top-menu", "left_sidebar", "b-share") that name site chrome."""
CHROME_SHARE = 0.3
"""A named or link-only element holding more than this share of the page's text is no chrome:
it holds the document."""
LINK_LIST_ITEMS = 2
"""A list of at least this many items, each one link and nothing else, is a menu."""
_NAME_WORDS = re.compile(r"[^a-z]+")


def is_chrome(element: etree._Element, tag: str) -> bool:
    """Site navigation, banners, sidebars and footers around the document (see the module)."""
    if tag in CHROME_TAGS or (element.get("role") or "").lower() in CHROME_ROLES:
        return True
    if tag in PAGE_CHROME_TAGS:
        return not any(True for _ in element.iterancestors(*PAGE_CHROME_TAGS[tag]))
    if not (_named_chrome(element) or (tag in ("ul", "ol", "menu") and _link_list(element))):
        return False
    return _text_length(element) <= CHROME_SHARE * _page_length(element.getroottree().getroot())


def _named_chrome(element: etree._Element) -> bool:
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return any(word in CHROME_NAMES for word in _NAME_WORDS.split(names))


def _link_list(element: etree._Element) -> bool:
    items = [child for child in element if isinstance(child.tag, str) and child.tag.lower() == "li"]
    if len(items) < LINK_LIST_ITEMS:
        return False
    for item in items:
        links = "".join("".join(a.itertext()) for a in item.iter("a"))
        if not links.strip() or " ".join(links.split()) != " ".join("".join(item.itertext()).split()):
            return False
    return True


@lru_cache(maxsize=4)
def _page_length(root: etree._Element) -> int:
    """The page's text length, counted once a page, however many candidates ask."""
    return _text_length(root)


def _text_length(element: etree._Element) -> int:
    return sum(len(text.strip()) for text in element.itertext())
