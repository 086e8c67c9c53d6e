"""The conference handbook (会议手册) as HTML and as PDF, from a plain Programme.

WeasyPrint may read only this package's own template and static folders: every other URL
(http, https, ftp, data, file: outside those folders) is refused by ``LocalOnlyFetcher``.

``HandbookHTML`` replaces WeasyPrint's default (HTML5) stylesheet with static/agenda/default.css,
the few rules the handbook's elements need: the cascade matches every rule against each of
the ~4,000 elements (same pages, about 7 % less CPU). It overrides ``HTML._ua_stylesheets``,
which is not public API: WeasyPrint is pinned (pyproject.toml), badges/slices.py does the
same, and the tests read the pages back.
"""

from __future__ import annotations

import gc
import html as html_text
import logging
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from badges.glyphs import installed_coverage, missing_in
from event.programme.render.booklet import impose_saddle_stitch
from event.programme.render.model import Programme
from event.programme.render.view import handbook

PACKAGE = Path(__file__).resolve().parent.parent  # event/programme/
TEMPLATES = PACKAGE / "templates"
STATIC = PACKAGE / "static" / "agenda"
ALLOWED_ROOTS = (TEMPLATES / "agenda", STATIC)
FONTS = ("Noto Sans CJK SC", "Noto Serif CJK SC")  # Debian fonts-noto-cjk
LOG = logging.getLogger(__name__)
Layout = Literal["a4", "a5-booklet"]


def missing_fonts() -> list[str]:
    """The handbook fonts fontconfig does not know; without them Chinese prints as boxes."""
    if shutil.which("fc-list") is None:
        return list(FONTS)
    listed = subprocess.run(
        ["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True, check=False
    ).stdout
    families = {name.strip() for line in listed.splitlines() for name in line.split(",")}
    return [font for font in FONTS if font not in families]


# U+3013 GETA MARK: the typesetter's sign for "this character is missing"; Noto CJK has it.
PLACEHOLDER = "\u3013"


def substitute_missing(html: str) -> tuple[str, list[str]]:
    """The handbook with every character no installed font has replaced by PLACEHOLDER (Pango
    would print an empty box), and those characters, distinct, in order. The rest renders as
    it is, with per-glyph fallback fonts; organisers see the records to correct elsewhere."""
    missing = missing_in("".join(dict.fromkeys(html_text.unescape(html))), installed_coverage())
    for char in missing:
        html = html.replace(char, PLACEHOLDER)
    return html, missing


class LocalOnlyFetcher(URLFetcher):
    """Serve file: URLs inside ALLOWED_ROOTS; refuse everything else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"refused non-local URL: {url}")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in ALLOWED_ROOTS) or not path.is_file():
            raise ValueError(f"refused file outside the agenda package folders: {url}")
        return URLFetcherResponse(path.as_uri(), path.read_bytes())


class HandbookHTML(HTML):  # type: ignore[misc]  # WeasyPrint has no type hints
    """WeasyPrint's HTML with the handbook's own default stylesheet (see the module's doc)."""

    default_css = CSS(filename=STATIC / "default.css")

    def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
        return [self.default_css]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for one render.

    WeasyPrint builds hundreds of thousands of long-lived box objects; with the collector on,
    repeated full collections cost about a third of the render time (measured: 3.6 s -> 2.5 s
    for the full event). Reference counting still frees everything; cycles wait until after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class ProgrammeRenderer:
    """Holds what is costly to build once: the Jinja environment, the CSS, the fonts.

    PDF renders through one renderer run one at a time (the FontConfiguration is shared and the
    work is CPU-bound anyway); use a process pool for parallel renders.
    """

    def __init__(self) -> None:
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.css = (STATIC / "programme.css").read_text(encoding="utf-8")
        self.a5_css = (STATIC / "a5.css").read_text(encoding="utf-8")
        if missing := missing_fonts():
            LOG.warning("CJK fonts missing (install fonts-noto-cjk): %s", ", ".join(missing))
        self.font_config = FontConfiguration()
        self.fetcher = LocalOnlyFetcher()
        self._lock = threading.Lock()

    def html(self, programme: Programme, layout: Layout = "a4") -> str:
        """The handbook as one standalone HTML document (CSS inlined)."""
        template = self.env.get_template("agenda/programme.html")
        css = self.css + (self.a5_css if layout == "a5-booklet" else "")
        return template.render(hb=handbook(programme), css=Markup(css))

    def pdf(self, programme: Programme, layout: Layout = "a4") -> bytes:
        """The handbook as a tagged PDF (structure tree: copying a table row or a screen reader
        keeps the reading order) with the Noto CJK fonts embedded (subset); A5 pages imposed
        two to an A4 sheet for saddle stitching with ``layout="a5-booklet"`` (for the print
        shop: the imposed sheets carry no structure tree, so the A5 pages are drawn without
        one). A character no font has prints as PLACEHOLDER (logged), never as an empty box
        nor as a refusal."""
        html, missing = substitute_missing(self.html(programme, layout))
        if missing:
            LOG.warning("handbook: no font has %s", ", ".join(f"U+{ord(c):04X}" for c in missing))
        booklet = layout == "a5-booklet"
        with self._lock, _gc_paused():
            # No name keeps the parsed document: it is garbage before the collector is back
            # on, so the one collection after the render frees it with the rest instead of
            # moving it to an older generation to be walked again later.
            pdf = HandbookHTML(
                string=html, base_url=STATIC.as_uri() + "/", url_fetcher=self.fetcher
            ).write_pdf(font_config=self.font_config, pdf_tags=not booklet)
        assert pdf is not None
        return impose_saddle_stitch(pdf) if booklet else pdf


@cache
def default_renderer() -> ProgrammeRenderer:
    """One renderer per process, so the FontConfiguration is shared."""
    return ProgrammeRenderer()


def render_programme_html(programme: Programme) -> str:
    """The handbook as HTML, for `qcconf agenda --out FILE.html`."""
    return default_renderer().html(programme)


def render_programme_pdf(programme: Programme, layout: Layout = "a4") -> bytes:
    """The handbook as PDF: cover, contents, 日程, 发表顺序表 per room, 代表名单, 会议须知."""
    return default_renderer().pdf(programme, layout)
