"""Cutting a laid-out document of badges, one under the other on a tall page, into one page each.

WeasyPrint spends ~2 ms on every page it makes (the page's and its 16 margin boxes' styles,
for a page type of its own), more than on a badge's text. So a chunk of badges is laid out as
one tall page (see static/badge.css), and each badge becomes a `Page` of its own afterwards: a
copy of the page box holding only that badge, drawn shifted so that the badge's frame (its box
and `bleed` around it) is the page. Nothing is laid out again.

`BadgeHTML` also replaces the browser's default stylesheet (HTML5's, ~250 rules matched against
every element) with the few rules a badge needs: 11 % of a badge's CPU time, same pixels.

This uses WeasyPrint's box tree (`Page._page_box`, `copy_with_children`) and
`HTML._ua_stylesheets` and what `HTML.__init__` sets, which are not public API: WeasyPrint is pinned (pyproject.toml), and
tests/badges check every layout's pages.
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

import cssselect2
from weasyprint import CSS, HTML
from weasyprint.document import Page
from weasyprint.draw import draw_page
from weasyprint.formatting_structure.boxes import BlockBox

PX_PER_MM = 96 / 25.4
# What the badge template uses of the default stylesheet; badge.css sets margins and fonts.
_DEFAULT_STYLE = CSS(
    string="html, body, article, div, p, h1 { display: block } head, title, meta, style "
    "{ display: none } h1 { font-weight: bold }"
)


class BadgeHTML(HTML):  # type: ignore[misc]  # WeasyPrint has no type hints
    """A badge document: WeasyPrint's HTML with `_DEFAULT_STYLE` as the default stylesheet,
    parsed by expat when it is well-formed XML, as the badge template writes it (tinyhtml5,
    WeasyPrint's HTML5 parser in Python, took 9 % of a chunk's CPU time); by WeasyPrint
    otherwise (a character XML does not allow)."""

    def __init__(self, string: str, base_url: str, url_fetcher: Any) -> None:
        try:
            root = ElementTree.fromstring(string)
        except ElementTree.ParseError:
            super().__init__(string=string, base_url=base_url, url_fetcher=url_fetcher)
            return
        # What HTML.__init__ sets from tinyhtml5's tree (without namespaces, as here); the
        # template has no <base>.
        self.base_url = base_url
        self.url_fetcher = url_fetcher
        self.media_type = "print"
        self.wrapper_element = cssselect2.ElementWrapper.from_html_root(root)
        self.etree_element = self.wrapper_element.etree_element

    def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
        return [_DEFAULT_STYLE]


class _Slice(Page):  # type: ignore[misc]  # WeasyPrint has no type hints
    """One badge of a tall page, as a page of the badge's frame."""

    def __init__(self, page_box: Any, left: float, top: float) -> None:
        # Page.__init__ without gather_anchors: the tall page's own Page has walked these
        # boxes already, and badges have no links, anchors, bookmarks or forms.
        self.width, self.height = page_box.margin_width(), page_box.margin_height()
        self.bleed = {side: 0 for side in ("top", "right", "bottom", "left")}
        self.bookmarks: list[Any] = []
        self.links: list[Any] = []
        self.anchors: dict[str, Any] = {}
        self.forms: dict[Any, list[Any]] = {None: []}
        self._page_box = page_box
        self._left, self._top = left, top

    def paint(self, stream: Any, scale: float = 1) -> None:
        with stream.stacked():
            stream.transform(a=scale, d=scale)
            stream.transform(e=-self._left, f=-self._top)
            draw_page(self._page_box, stream)


def slice_pages(document: Any, frame_mm: tuple[float, float], bleed_mm: float) -> list[Page]:
    """Every badge (an <article> child of <body>) of the document's pages, in order, as a page
    of `frame_mm` (the badge's size plus `bleed_mm` on each side)."""
    width, height = (size * PX_PER_MM for size in frame_mm)
    bleed = bleed_mm * PX_PER_MM
    pages = []
    for page in document.pages:
        page_box = page._page_box
        root = page_box.children[0]
        body = root.children[0]
        for badge in body.children:
            if not (isinstance(badge, BlockBox) and badge.element_tag == "article"):
                continue
            tree = root.copy_with_children([body.copy_with_children([badge])])
            box = page_box.copy_with_children([tree])
            box.width, box.height = width, height
            pages.append(_Slice(box, badge.position_x - bleed, badge.position_y - bleed))
    return pages
