"""Badge data in, PDF bytes out: the public entry points of the badge renderer.

Large batches are cut into chunks of whole pages. Each chunk is one WeasyPrint document (one
very large document lays out more slowly per page, see badges.document); with two workers, a
second process takes chunks from the end while this one takes them from the start, and pypdf
joins the results in order.
"""

from __future__ import annotations

import io
import multiprocessing
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from badges.document import DOCUMENT_TITLE, document_html, render_chunk, role_labels
from badges.fit import fit_text
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

#: Badges per WeasyPrint document; a multiple of 4 so that 4-up sheets stay full.
CHUNK_SIZE = 100
#: Below this many badges a second process costs more (its start-up) than it saves.
PARALLEL_MIN_BADGES = 240
#: 64 bytes make a version-5 code (37 modules): 0.6 mm modules on a card, still easy to scan.
MAX_TOKEN_BYTES = 64


def check_glyphs(
    badges: Iterable[Badge], meeting: Meeting | None = None, palette: Palette = DEFAULT_PALETTE
) -> list[MissingGlyph]:
    """Every character of these badges (and the meeting) that no installed font can draw.

    An empty list means every badge prints correctly; `render_badges` raises
    `MissingGlyphsError` with this list otherwise.
    """
    labelled = [(b, *role_labels(b, palette)) for b in badges]
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
    _validate(badges, meeting, spec, palette)
    missing = check_glyphs(badges, meeting, palette)
    if missing:
        raise MissingGlyphsError(missing)
    size = -(-max(1, chunk_size) // spec.per_page) * spec.per_page
    chunks = [badges[i : i + size] for i in range(0, len(badges), size)]
    if workers is None:
        workers = 2 if len(badges) >= PARALLEL_MIN_BADGES and (os.cpu_count() or 1) >= 2 else 1
    if workers <= 1 or len(chunks) == 1:
        parts = [render_chunk(chunk, meeting, spec.name, palette) for chunk in chunks]
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
    layout_spec(layout)
    return document_html(badges, meeting, layout, palette)


def _validate(
    badges: Sequence[Badge], meeting: Meeting, spec: LayoutSpec, palette: Palette
) -> None:
    """Input that would print wrong (overflow, unscannable code) fails before any rendering."""
    if fit_text(meeting.full_name, spec.meeting).lines > spec.meeting.max_lines:
        raise ValueError(f"the meeting's name is too long for the {spec.name} layout")
    for badge in badges:
        palette.style(badge.category)
        if len(badge.room_lines) > spec.max_room_lines:
            raise ValueError(
                f"badge {badge.number}: at most {spec.max_room_lines} room lines fit "
                f"the {spec.name} layout, got {len(badge.room_lines)}"
            )
        for line in badge.room_lines:
            if fit_text(line, spec.room).lines > 1:
                raise ValueError(
                    f"badge {badge.number}: room line too long for the {spec.name} layout: {line}"
                )
        if not badge.token:
            raise ValueError(f"badge {badge.number}: no check-in token")
        if len(badge.token.encode()) > MAX_TOKEN_BYTES:
            raise ValueError(
                f"badge {badge.number}: check-in token longer than {MAX_TOKEN_BYTES} bytes"
            )


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
            futures[i] = pool.submit(render_chunk, chunks[i], meeting, layout, palette)
        parts[0] = render_chunk(chunks[0], meeting, layout, palette)
        for i in range(1, len(chunks)):
            if not futures[i].cancel():
                break  # the pool has this chunk, and so every later one
            parts[i] = render_chunk(chunks[i], meeting, layout, palette)
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
