"""Agenda renderers on a synthetic full-size event (9 rooms, 3 days, 365 presentations, 650 people).

`run()` gives one row per measurement: {what, seconds, bytes}. The first PDF render of a process
also loads the fonts, so it is reported apart from a warm render.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from event.programme.render.ics import render_calendar
from event.programme.render.pdf import ProgrammeRenderer
from event.programme.render.sample import synthetic_programme


def _timed(what: str, make: Callable[[], bytes | str]) -> dict[str, object]:
    start = time.perf_counter()
    out = make()
    seconds = time.perf_counter() - start
    size = len(out.encode("utf-8") if isinstance(out, str) else out)
    return {"what": what, "seconds": round(seconds, 3), "bytes": size}


def run() -> list[dict[str, object]]:
    """Render the full event's handbook and calendar and time each."""
    programme = synthetic_programme()
    renderer = ProgrammeRenderer()
    people = len(programme.delegates)
    talks = sum(item.is_presentation for item in programme.items)
    label = f"{talks} presentations, {len(programme.rooms)} rooms, {people} delegates"
    return [
        _timed(f"programme PDF, first in process ({label})", lambda: renderer.pdf(programme)),
        _timed(f"programme PDF, warm ({label})", lambda: renderer.pdf(programme)),
        _timed(f"programme HTML ({label})", lambda: renderer.html(programme)),
        _timed(
            f"whole-event ICS ({len(programme.items)} VEVENTs)",
            lambda: render_calendar(
                programme.name, programme.items, prodid="-//qcconf//agenda//ZH"
            ),
        ),
    ]


if __name__ == "__main__":
    print("| what | seconds | bytes |\n|---|---:|---:|")
    for row in run():
        print(f"| {row['what']} | {row['seconds']:.3f} | {row['bytes']:,} |")
