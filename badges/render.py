"""Badge data in, PDF bytes out: the only place that calls WeasyPrint for badges.

Large batches are cut into chunks of whole pages. Each chunk is one WeasyPrint document (one
very large document lays out more slowly per page); with two workers, a second process takes
chunks from the end while this one takes them from the start, and pypdf joins the results in
order. Each process keeps one FontConfiguration, one Jinja environment and the parsed CSS.
"""

from __future__ import annotations

import functools
import io
import multiprocessing
import os
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from badges.fetcher import PACKAGE_DIR, PackageFetcher
from badges.fit import balance_lines, centre_offset_pt, fit_name, fit_text
from badges.glyphs import find_missing, installed_coverage
from badges.layouts import LayoutSpec, layout_spec
from badges.model import (
    DEFAULT_PALETTE,
    Badge,
    Meeting,
    MissingGlyph,
    MissingGlyphsError,
    Palette,
)
from badges.qr import stamp_qr_codes

#: Badges per WeasyPrint document; a multiple of 4 so that 4-up sheets stay full.
CHUNK_SIZE = 100
#: Below this many badges a second process costs more (its start-up) than it saves.
PARALLEL_MIN_BADGES = 240
DOCUMENT_TITLE = "代表证"
#: 64 bytes make a version-5 code (37 modules): 0.6 mm modules on a card, still easy to scan.
MAX_TOKEN_BYTES = 64


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


def check_glyphs(
    badges: Iterable[Badge], meeting: Meeting | None = None, palette: Palette = DEFAULT_PALETTE
) -> list[MissingGlyph]:
    """Every character of these badges (and the meeting) that no installed font can draw.

    An empty list means every badge prints correctly; `render_badges` raises
    `MissingGlyphsError` with this list otherwise.
    """
    labelled = [(b, *_labels(b, palette)) for b in badges]
    return find_missing(labelled, meeting or Meeting(""), installed_coverage())


def render_badges(
    badges: Sequence[Badge],
    meeting: Meeting,
    layout: str = "a6",
    palette: Palette = DEFAULT_PALETTE,
    *,
    workers: int | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> bytes:
    """One PDF with every badge, in the order given (the caller selects and sorts).

    `layout` is "a6" (one A6 insert a page), "card" (one CR80 card a page) or "a4-4up" (four
    A6 badges on A4 with cut marks). `workers` is the number of processes (default: 2 for large
    batches on a machine with 2 or more cores, else 1); `chunk_size` the badges per WeasyPrint
    document, rounded up to whole pages. Extra workers are spawned processes, so the calling
    program's main module must be importable without side effects (the usual
    `if __name__ == "__main__":` guard).
    Raises `MissingGlyphsError` if a character has no font, ValueError for bad input.
    """
    spec = layout_spec(layout)
    badges = tuple(badges)
    if not badges:
        raise ValueError("no badges to render")
    _validate(badges, spec, palette)
    missing = check_glyphs(badges, meeting, palette)
    if missing:
        raise MissingGlyphsError(missing)
    size = -(-max(1, chunk_size) // spec.per_page) * spec.per_page
    chunks = [badges[i : i + size] for i in range(0, len(badges), size)]
    if workers is None:
        workers = 2 if len(badges) >= PARALLEL_MIN_BADGES and (os.cpu_count() or 1) >= 2 else 1
    if workers <= 1 or len(chunks) == 1:
        parts = [_render_chunk(chunk, meeting, spec.name, palette) for chunk in chunks]
    else:
        parts = _render_parallel(chunks, meeting, spec.name, palette, workers)
    return parts[0] if len(parts) == 1 else _merge(parts)


def render_badge(
    badge: Badge, meeting: Meeting, layout: str = "a6", palette: Palette = DEFAULT_PALETTE
) -> bytes:
    """One badge on demand (a reprint at the desk), as a one-page PDF."""
    return render_badges([badge], meeting, layout, palette, workers=1)


def render_html(
    badges: Sequence[Badge],
    meeting: Meeting,
    layout: str = "a6",
    palette: Palette = DEFAULT_PALETTE,
) -> str:
    """The HTML WeasyPrint lays out, for debugging a layout in a browser (no QR codes: those
    are drawn into the PDF afterwards)."""
    return _engine().html(badges, meeting, layout_spec(layout), palette)


def _labels(badge: Badge, palette: Palette) -> tuple[str, str]:
    style = palette.style(badge.category)
    return badge.role_label or style.label, style.title


def _validate(badges: Sequence[Badge], spec: LayoutSpec, palette: Palette) -> None:
    for badge in badges:
        palette.style(badge.category)
        if len(badge.room_lines) > spec.max_room_lines:
            raise ValueError(
                f"badge {badge.number}: at most {spec.max_room_lines} room lines fit "
                f"the {spec.name} layout, got {len(badge.room_lines)}"
            )
        if not badge.token:
            raise ValueError(f"badge {badge.number}: no check-in token")
        if len(badge.token.encode()) > MAX_TOKEN_BYTES:
            raise ValueError(
                f"badge {badge.number}: check-in token longer than {MAX_TOKEN_BYTES} bytes"
            )


def _render_chunk(
    badges: Sequence[Badge], meeting: Meeting, layout: str, palette: Palette
) -> bytes:
    return _engine().pdf(badges, meeting, layout_spec(layout), palette)


def _render_parallel(
    chunks: list[tuple[Badge, ...]],
    meeting: Meeting,
    layout: str,
    palette: Palette,
    workers: int,
) -> list[bytes]:
    """This process renders chunks from the start, the pool from the end, until they meet."""
    parts: list[bytes | None] = [None] * len(chunks)
    # spawn, not fork: the caller may be a threaded web server.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) as pool:
        futures: dict[int, Future[bytes]] = {}
        for i in reversed(range(1, len(chunks))):
            futures[i] = pool.submit(_render_chunk, chunks[i], meeting, layout, palette)
        parts[0] = _render_chunk(chunks[0], meeting, layout, palette)
        for i in range(1, len(chunks)):
            if not futures[i].cancel():
                break  # the pool has this chunk, and so every later one
            parts[i] = _render_chunk(chunks[i], meeting, layout, palette)
        for i, future in futures.items():
            if parts[i] is None:
                parts[i] = future.result()
    return [part for part in parts if part is not None]


def _merge(parts: list[bytes]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    writer.add_metadata({"/Title": DOCUMENT_TITLE, "/Producer": "qcconf badges (WeasyPrint)"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


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

        return [
            CSS(
                filename=str(PACKAGE_DIR / "static" / name),
                url_fetcher=self.fetcher,
                font_config=self.font_config,
            )
            for name in ("badge.css", f"{layout}.css")
        ]

    def html(
        self, badges: Sequence[Badge], meeting: Meeting, spec: LayoutSpec, palette: Palette
    ) -> str:
        rules = _StyleRules()
        meeting_fit = fit_text(meeting.full_name, spec.meeting)
        views = [_view(b, spec, palette, rules) for b in badges]
        return self.template.render(
            layout=spec.name,
            per_page=spec.per_page,
            document_title=DOCUMENT_TITLE,
            meeting=meeting,
            meeting_name=balance_lines(meeting.full_name, spec.meeting, meeting_fit),
            meeting_class=rules.add(f"font-size: {meeting_fit.size_pt}pt"),
            badges=views,
            style_rules=rules.css(),
        )

    def pdf(
        self, badges: Sequence[Badge], meeting: Meeting, spec: LayoutSpec, palette: Palette
    ) -> bytes:
        from weasyprint import HTML

        document = HTML(
            string=self.html(badges, meeting, spec, palette),
            base_url=self.base_url,
            url_fetcher=self.fetcher,
        )
        tokens = [b.token for b in badges]
        with self.lock:
            return document.write_pdf(
                stylesheets=self.stylesheets(spec.name),
                font_config=self.font_config,
                finisher=lambda _document, pdf: stamp_qr_codes(
                    pdf, tokens, spec.per_page, spec.qr_boxes_mm, spec.qr_size_mm
                ),
            )


@functools.cache
def _engine() -> _Engine:
    return _Engine()


def _view(badge: Badge, spec: LayoutSpec, palette: Palette, rules: _StyleRules) -> _BadgeView:
    role_label, title = _labels(badge, palette)
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
