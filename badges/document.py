"""WeasyPrint documents of badges: plain data to HTML to PDF, in the calling process.

A chunk of badges is one HTML document (`prepare`), laid out on its own (`lay_out`) as one tall
page that `badges.slices` cuts into a page per badge; what every badge of a title repeats is
laid out once per chunk, not once per badge. The chunks a process has laid out are written as
one PDF (`write_pdf`): layout costs a few ms a chunk beyond its badges, but every PDF written
carries its own subset of each CJK font (compact ones, `badges.subset`: ~5 ms per weight).
A worker process gets a prepared chunk (`worker_lay_out`) and writes its pages at the end
(`worker_write`).

Expensive state lives once per process (`_engine()`): the FontConfiguration, the Jinja
environment and the parsed CSS. WeasyPrint draws text and role bands; `badges.impose` draws
the shared parts, the QR codes (vector paths, several times cheaper than laying out an SVG per
badge) and the 4-up sheets in a finisher.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from badges.fetcher import PACKAGE_DIR, PackageFetcher
from badges.fit import balance_lines, centre_offset_pt, fit_name, fit_text
from badges.impose import finisher
from badges.layouts import LayoutSpec, layout_spec
from badges.model import Badge, Meeting, Palette
from badges.slices import BadgeHTML, slice_pages
from badges.subset import compact_subsets

DOCUMENT_TITLE = "代表证"


def render_chunk(badges: Sequence[Badge], meeting: Meeting, layout: str, palette: Palette) -> bytes:
    """One PDF of these badges (already validated), in this process."""
    return write_pdf([lay_out(badges, meeting, layout, palette)], layout)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A chunk of badges as the HTML WeasyPrint lays out (sizes already chosen), with each
    badge's check-in token and title, and the titles of the shared badges it begins with."""

    html: str
    tokens: tuple[str, ...]
    titles: tuple[str, ...]
    shared: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LaidOut:
    """A chunk laid out but not written yet: its WeasyPrint `Document` and one page per shared
    badge, then one per badge (see `badges.slices`)."""

    document: Any
    pages: list[Any]
    chunk: Prepared


def prepare(badges: Sequence[Badge], meeting: Meeting, layout: str, palette: Palette) -> Prepared:
    """These badges as one document to lay out."""
    return _engine().prepare(badges, meeting, layout_spec(layout), palette)


def lay_out(badges: Sequence[Badge], meeting: Meeting, layout: str, palette: Palette) -> LaidOut:
    """These badges laid out, in this process."""
    return lay_out_prepared(prepare(badges, meeting, layout, palette), layout)


def lay_out_prepared(chunk: Prepared, layout: str) -> LaidOut:
    """A prepared chunk laid out; a worker process that gets one never loads the font metrics
    of `badges.fit`."""
    return _engine().lay_out(chunk, layout_spec(layout))


def write_pdf(chunks: Sequence[LaidOut], layout: str) -> bytes:
    """One PDF of consecutive chunks, with their QR codes.

    Written as one document, the chunks share one subset of each font: written one PDF each and
    joined, every chunk would carry its own copy of the glyphs they share, and cost a PDF's
    fixed work (fonts, metadata, the merge) more.
    """
    return _engine().write(chunks, layout_spec(layout))


# A worker process's chunks, laid out and waiting to be written: first page -> (end, chunk).
# A worker serves one `render_badges` call (its pool is made for that call).
_WAITING: dict[int, tuple[int, LaidOut]] = {}


def worker_lay_out(pages: range | None, chunk: Prepared, layout: str) -> None:
    """In a worker process: lays out the chunk of pages `pages` and keeps it for `worker_write`
    (with no pages: only to warm up the engine and its fonts)."""
    laid = lay_out_prepared(chunk, layout)
    if pages is not None:
        _WAITING[pages.start] = (pages.stop, laid)


def worker_write(layout: str) -> list[tuple[int, bytes]]:
    """In a worker process: one PDF of each run of consecutive pages it has laid out, as
    (first page, PDF); forgets them."""
    runs: list[tuple[int, int, list[LaidOut]]] = []
    for start in sorted(_WAITING):
        stop, chunk = _WAITING[start]
        if runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], stop, [*runs[-1][2], chunk])
        else:
            runs.append((start, stop, [chunk]))
    _WAITING.clear()
    return [(start, write_pdf(chunks, layout)) for start, _, chunks in runs]


def role_labels(badge: Badge, palette: Palette) -> tuple[str, str]:
    """The role band's text and the badge's title for a badge."""
    style = palette.style(badge.category)
    return badge.role_label or style.label, style.title


@dataclass(frozen=True, slots=True)
class _BadgeView:
    """What the template prints for one badge; the `*_class` names carry the chosen sizes."""

    number: str
    name: str
    unit: str
    role_label: str
    title: str
    room_lines: tuple[str, ...]
    band_class: str
    name_class: str
    unit_class: str
    room_class: str
    role_class: str


class _StyleRules:
    """Collects declarations and hands out one class name per distinct declaration block."""

    def __init__(self) -> None:
        self._classes: dict[str, str] = {}

    def add(self, declarations: str) -> str:
        return self._classes.setdefault(declarations, f"s{len(self._classes)}")

    def css(self) -> Markup:
        # Two classes of specificity so that these win over the package's one-class rules.
        rules = (f".badge .{name} {{ {decl} }}" for decl, name in self._classes.items())
        return Markup("\n".join(rules))


class _Engine:
    """Per-process state that is expensive to build: fonts, templates, parsed CSS."""

    def __init__(self) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self.font_config = FontConfiguration()
        self.fetcher = PackageFetcher()
        self.env = Environment(
            loader=FileSystemLoader(PACKAGE_DIR / "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=False,
        )
        self.template = self.env.get_template("badges.html.j2")
        self.base_url = (PACKAGE_DIR / "static").as_uri() + "/"
        # One document at a time per process: the shared FontConfiguration is not documented
        # as thread-safe, and a web server may call from several threads.
        self.lock = threading.Lock()

    @functools.cache  # noqa: B019 - one engine per process, never collected
    def stylesheets(self, layout: str) -> list[object]:
        from weasyprint import CSS

        names = ["badge.css", f"{layout}.css"]
        return [
            CSS(
                filename=str(PACKAGE_DIR / "static" / name),
                url_fetcher=self.fetcher,
                font_config=self.font_config,
            )
            for name in names
            if (PACKAGE_DIR / "static" / name).exists()
        ]

    def prepare(
        self, badges: Sequence[Badge], meeting: Meeting, spec: LayoutSpec, palette: Palette
    ) -> Prepared:
        rules = _StyleRules()
        meeting_fit = fit_text(meeting.full_name, spec.meeting)
        views = [_view(b, spec, palette, rules) for b in badges]
        shared = tuple(dict.fromkeys(view.title for view in views))
        html = self.template.render(
            layout=spec.name,
            document_title=DOCUMENT_TITLE,
            meeting=meeting,
            meeting_name=balance_lines(meeting.full_name, spec.meeting, meeting_fit),
            meeting_class=rules.add(f"font-size: {meeting_fit.size_pt}pt"),
            titles=shared,
            badges=views,
            style_rules=rules.css(),
        )
        tokens = tuple(b.token for b in badges)
        return Prepared(html, tokens, tuple(view.title for view in views), shared)

    def lay_out(self, chunk: Prepared, spec: LayoutSpec) -> LaidOut:
        document = BadgeHTML(string=chunk.html, base_url=self.base_url, url_fetcher=self.fetcher)
        with self.lock, cyclic_gc_paused():
            document = document.render(
                stylesheets=self.stylesheets(spec.name), font_config=self.font_config
            )
            bleed = spec.bleed_mm
            frame = (spec.badge_mm[0] + 2 * bleed, spec.badge_mm[1] + 2 * bleed)
            pages = slice_pages(document, frame, bleed)
        if len(pages) != len(chunk.shared) + len(chunk.tokens):
            raise RuntimeError(f"{len(chunk.tokens)} badges laid out as {len(pages)} pages")
        return LaidOut(document, pages, chunk)

    def write(self, chunks: Sequence[LaidOut], spec: LayoutSpec) -> bytes:
        # Each title's shared page once (the first chunk's with that title), then the badges.
        shared: dict[str, Any] = {}
        for laid in chunks:
            for title, page in zip(laid.chunk.shared, laid.pages, strict=False):
                shared.setdefault(title, page)
        index = {title: i for i, title in enumerate(shared)}
        pages = [*shared.values()]
        badges = []
        for laid in chunks:
            pages += laid.pages[len(laid.chunk.shared) :]
            named = zip(laid.chunk.titles, laid.chunk.tokens, strict=True)
            badges += [(index[title], token) for title, token in named]
        document = chunks[0].document.copy(pages)
        finish = finisher(spec, len(shared), badges)
        with self.lock, cyclic_gc_paused(), compact_subsets() as compacted:

            def fix_and_finish(document: Any, pdf: Any) -> None:
                compacted.fix(pdf)
                finish(document, pdf)

            pdf: bytes = document.write_pdf(finisher=fix_and_finish)
        return pdf


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """WeasyPrint allocates many small objects and frees them by reference counting; pausing
    the cyclic collector for a document saves 10-20 % of its CPU time (measured on 100 A6
    badges: 9.3-10.9 ms per badge with it, 8.2-8.7 ms without). Cycles left over are
    collected as soon as it is enabled again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@functools.cache
def _engine() -> _Engine:
    return _Engine()


def _view(badge: Badge, spec: LayoutSpec, palette: Palette, rules: _StyleRules) -> _BadgeView:
    role_label, title = role_labels(badge, palette)
    name_fit = fit_name(badge.name, spec.name_box)
    unit_fit = fit_text(badge.unit, spec.unit)
    role_fit = fit_text(role_label, spec.role, spec.role_letter_spacing_em)
    room_size = min(
        (fit_text(line, spec.room).size_pt for line in badge.room_lines),
        default=spec.room.sizes_pt[0],
    )
    name_spacing = name_fit.letter_spacing_em
    role_spacing = spec.role_letter_spacing_em
    # text-indent balances the spacing letter-spacing leaves after the last character.
    return _BadgeView(
        number=badge.number,
        name=badge.name,
        unit=badge.unit,
        role_label=role_label,
        title=title,
        room_lines=badge.room_lines,
        band_class=rules.add(f"background-color: {palette.style(badge.category).colour}"),
        name_class=rules.add(
            f"font-size: {name_fit.size_pt}pt; padding-top: "
            f"{centre_offset_pt(spec.name_box, name_fit)}pt; "
            f"letter-spacing: {name_spacing}em; text-indent: {name_spacing}em"
        ),
        unit_class=rules.add(
            f"font-size: {unit_fit.size_pt}pt; padding-top: {centre_offset_pt(spec.unit, unit_fit)}pt"
        ),
        room_class=rules.add(f"font-size: {room_size}pt"),
        role_class=rules.add(
            f"font-size: {role_fit.size_pt}pt; letter-spacing: {role_spacing}em; "
            f"text-indent: {role_spacing}em"
        ),
    )
