"""Badge data in, PDF bytes out: the public entry points of the badge renderer.

Large batches are cut into chunks of whole pages, each laid out as one WeasyPrint document;
each process then writes all the pages it laid out as one PDF (one subset of each font). With
two workers, a second process takes chunks from the end while this one takes them from the
start (the chunks shrinking where they meet, see `_Pages`), and pypdf joins the two PDFs.
"""

from __future__ import annotations

import contextlib
import gc
import io
import multiprocessing
import os
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from badges.document import (
    DOCUMENT_TITLE,
    LaidOut,
    cyclic_gc_paused,
    lay_out,
    prepare,
    render_chunk,
    role_labels,
    worker_lay_out,
    worker_write,
    write_pdf,
)
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
#: The smallest chunk handed out where this process and the workers meet (see `_Pages`).
MIN_CHUNK = 20
#: Below this many badges a second process costs more (its start-up) than it saves.
PARALLEL_MIN_BADGES = 240
#: Writing a laid-out page (drawing it, its QR code, its share of the PDF) costs about 0.8 of
#: laying it out (WeasyPrint 70: 1.9 ms and 2.4 ms for an A6 badge, the same ratio per sheet).
WRITE_PER_LAYOUT = 0.8
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
    A6 badges at 13/15 on A4, with gutters, bleed and cut marks). `workers` is the number of
    processes (default: `default_workers`); `chunk_size` the badges per WeasyPrint
    document, rounded up to whole pages. Extra workers are forked when the calling thread is
    the program's only one, else spawned, so the calling program's main module must be
    importable without side effects (the usual `if __name__ == "__main__":` guard).
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
    if workers is None:
        workers = default_workers(len(badges))
    # Laid-out chunks are millions of objects freed by reference counting; a cyclic
    # collection between two chunks would walk them all (~0.5 s per 650 badges).
    with cyclic_gc_paused():
        return _render(badges, meeting, spec, palette, workers, size)


def _render(
    badges: tuple[Badge, ...],
    meeting: Meeting,
    spec: LayoutSpec,
    palette: Palette,
    workers: int,
    size: int,
) -> bytes:
    if workers > 1 and len(badges) > size:
        parts = _render_parallel(badges, meeting, spec, palette, workers, size)
        return parts[0] if len(parts) == 1 else _merge(parts)
    if len(badges) <= size:
        return render_chunk(badges, meeting, spec.name, palette)
    chunks = [badges[i : i + size] for i in range(0, len(badges), size)]
    return write_pdf([lay_out(chunk, meeting, spec.name, palette) for chunk in chunks], spec.name)


def default_workers(badges: int) -> int:
    """2 processes for a large batch when a second core is free, else 1.

    A second process costs CPU to start (~0.7 s spawned, little forked, see `_worker_context`)
    and its PDF must be merged: it pays when it runs beside this one, not when other programs
    already keep every core busy (`busy_cores() >= cores - 1`). With a load of 6 on 2 cores,
    650 A6 badges took 1.5-2.2x as long in two processes as in one, and the extra CPU slowed
    the others too.
    """
    cores = os.cpu_count() or 1
    if badges < PARALLEL_MIN_BADGES or cores < 2 or busy_cores() >= cores - 1:
        return 1
    return 2


def busy_cores() -> float:
    """How many cores other programs keep busy: the 1-minute load average, or the processes
    runnable now if fewer.

    The load average lags: a minute after this program's own last batch it still counts most
    of it (a benchmark running layout after layout saw a load of 1 on an otherwise idle
    machine, and chose one process). The runnable count (/proc/loadavg, the largest of three
    samples 5 ms apart, less this thread) answers for now only, so both must say busy.
    """
    load = os.getloadavg()[0]
    samples = []
    for i in range(3):
        if i:
            time.sleep(0.005)
        try:
            running = Path("/proc/loadavg").read_text().split()[3].split("/")[0]
            samples.append(int(running) - 1)
        except (OSError, ValueError, IndexError):
            return load
    return min(load, max(samples))


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
    """The HTML WeasyPrint lays out, for debugging a layout in a browser: one badge per title
    with only the parts every badge of that title repeats, then each badge's own parts (the PDF
    draws the first onto the second, and adds the QR codes)."""
    layout_spec(layout)
    return prepare(badges, meeting, layout, palette).html


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


class _Pages:
    """The pages not handed out yet, as a range: this process takes them from the front, the
    workers from the back.

    A chunk is a quarter of what is left per party, at most `max_pages` and at least
    `min_pages`: large while much is left, small where the two ends meet, so that nobody waits
    long for the last one. Small chunks cost little: laying out a chunk costs ~10 ms on top of
    its pages, and the costly part of a document (writing it, with its font subsets) is done
    once per process, not once per chunk.

    Each process writes the pages it laid out at the end, so this process, which starts laying
    out before the workers are ready, must stop early enough to write its larger share while
    they finish theirs: `join` fixes where it stops.
    """

    def __init__(self, pages: int, max_pages: int, min_pages: int, parties: int) -> None:
        self._front, self._back, self._stop = 0, pages, pages
        self._total = pages
        self._max, self._min = max_pages, min(min_pages, max_pages)
        self._parties = parties
        self._joined = False
        self._lock = threading.Lock()
        self.failed = False

    def take(self, from_back: bool) -> range | None:
        """The next chunk of page numbers, or None when every page is handed out (or, for
        this process, when it has reached where it stops)."""
        with self._lock:
            left = self._back - self._front
            if left <= 0:
                return None
            size = min(left, max(self._min, min(self._max, -(-left // (4 * self._parties)))))
            if from_back:
                self._back -= size
                return range(self._back, self._back + size)
            size = min(size, self._stop - self._front)
            if size <= 0:
                return None
            self._front += size
            return range(self._front - size, self._front)

    def join(self) -> None:
        """The workers are ready. With f pages laid out here already and W/L the cost of writing
        a page over laying it out, this process finishes with the workers if it lays out
        a = (n + (parties - 1) f / (1 + W/L)) / parties of the n pages (setting its remaining
        layout and all its writing against a worker's layout and writing of n - a pages)."""
        with self._lock:
            if self._joined:
                return
            self._joined = True
            done, parties = self._front, self._parties
            share = (self._total + (parties - 1) * done / (1 + WRITE_PER_LAYOUT)) / parties
            self._stop = max(done, min(self._back, round(share)))

    def fail(self) -> None:
        """Hands out nothing more: a chunk has failed."""
        with self._lock:
            self._back = self._front
            self.failed = True


def _render_parallel(
    badges: tuple[Badge, ...],
    meeting: Meeting,
    spec: LayoutSpec,
    palette: Palette,
    workers: int,
    chunk_size: int,
) -> list[bytes]:
    """This process lays out chunks from the start, the workers from the end, until they meet;
    then each writes its pages as one PDF.

    Each worker is a process of its own fed by a thread of this one, one chunk (as ready HTML)
    at a time once it has warmed up, so that no chunk waits in a queue while this process could
    have taken it.
    """
    per_page = spec.per_page
    pages = -(-len(badges) // per_page)
    warm_up = prepare(badges[:per_page], meeting, spec.name, palette)
    work = _Pages(
        pages, max(1, chunk_size // per_page), max(1, MIN_CHUNK // per_page), parties=workers
    )

    def chunk(numbers: range) -> tuple[Badge, ...]:
        return badges[numbers.start * per_page : numbers.stop * per_page]

    def feed(pool: ProcessPoolExecutor, ready: Future[None]) -> list[tuple[int, bytes]]:
        try:
            # No chunk is claimed before the worker is ready (a spawned one imports WeasyPrint
            # and loads fonts: ~1 s, several on a loaded machine): this process lays out from
            # the start meanwhile, and may finish alone, with nothing to merge.
            ready.result()
            work.join()
            while (numbers := work.take(from_back=True)) is not None:
                prepared = prepare(chunk(numbers), meeting, spec.name, palette)
                pool.submit(worker_lay_out, numbers, prepared, spec.name).result()
            return [] if work.failed else pool.submit(worker_write, spec.name).result()
        except BaseException:
            work.fail()
            raise

    context = _worker_context()
    if context.get_start_method() == "fork":
        worker_lay_out(None, warm_up, spec.name)  # fonts loaded before the workers are forked
    with contextlib.ExitStack() as stack:
        pools = [
            stack.enter_context(
                ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=gc.disable)
            )
            for _ in range(workers - 1)
        ]
        # Submitted from this thread, before any other starts: a forked worker starts here.
        ready = [pool.submit(worker_lay_out, None, warm_up, spec.name) for pool in pools]
        feeders = stack.enter_context(ThreadPoolExecutor(max_workers=workers - 1))
        fed = [feeders.submit(feed, *worker) for worker in zip(pools, ready, strict=True)]
        mine: list[LaidOut] = []
        try:
            while (numbers := work.take(from_back=False)) is not None:
                mine.append(lay_out(chunk(numbers), meeting, spec.name, palette))
        except BaseException:
            work.fail()
            raise
        parts = [(0, write_pdf(mine, spec.name))] if mine else []
        import pypdf  # noqa: F401 - for `_merge`, imported while the workers write (~0.2 s)

        for feeder in fed:
            parts.extend(feeder.result())
    return [pdf for _, pdf in sorted(parts)]


def _worker_context() -> multiprocessing.context.BaseContext:
    """fork when this is the only thread (the `qcconf badges` command, a script): the worker
    starts with WeasyPrint imported and the fonts loaded, ~1 s of CPU less than a spawned one.
    spawn otherwise (a web server): a process forked beside other threads may inherit a lock
    one of them holds, and never get it."""
    return multiprocessing.get_context("fork" if threading.active_count() == 1 else "spawn")


def _merge(parts: list[bytes]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    # Cloning the first and adding the others' pages copies less than `append` (no outlines,
    # names or forms to carry over): 0.19 s against 0.26 s for 650 A6 badges.
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(parts[0])))
    for part in parts[1:]:
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    writer.add_metadata({"/Title": DOCUMENT_TITLE, "/Producer": "qcconf badges (WeasyPrint)"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
