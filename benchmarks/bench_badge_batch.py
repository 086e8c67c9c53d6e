"""Badges of the full demo event, from the database through event.desk.badges.

`run()` builds the full demo (650 delegates) in a temporary SQLite file and publishes a simple
schedule so that presenters' badges carry room lines. Then:

* each layout as one PDF, in a fresh process warmed with one badge as a server would be
  (the time includes reading, sorting and numbering the registrations and starting the second
  render process): seconds, pages per second, peak RSS;
* one badge on demand, warm (median of 20 different delegates);
* `qcconf badges --layout X` as a user runs it (a new process: the time includes starting
  Python, reading the database and the second render process), beside the plain one-process
  WeasyPrint render of as many simple pages that `bench_badges` uses as its baseline, measured
  just before it: `ratio` is the command's time over the baseline's (issue 17: <= 0.75),
  `cpu_ratio` its CPU time (both processes, and starting Python) over the baseline render's;
  and beside the same plain render as a program of its own timed from outside as the command
  is (Python's start, WeasyPrint's import and the fonts included): `of_plain_program`;
* the same through the running server (`qcconf serve`): the organiser's batch download and the
  desk's reprint, which also shows that the second render process starts inside uvicorn.

Targets: the whole event as one PDF in under 8 s, one badge on demand under 150 ms warm.

    .venv/bin/python -m benchmarks.bench_badge_batch
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import environment, in_fresh_process, peak_rss_mb, qcconf

COLUMNS = ("what", "badges", "seconds", "baseline_seconds", "ratio", "cpu_seconds", "cpu_ratio",
           "plain_program_seconds", "of_plain_program", "pages_per_second", "peak_rss_mb",
           "ms")  # fmt: skip
LAYOUTS = ("a6", "card", "a4-4up")


def _build(url: str, data_dir: Path) -> None:
    qcconf(environment(url, data_dir), "demo", "--size", "full")
    asyncio.run(_publish(url))


async def _publish(url: str) -> None:
    """A published version 1 that places every presentation round-robin over rooms and blocks
    (enough for room lines on the badges; the real schedule comes from the solver)."""
    from datetime import UTC, datetime, timedelta

    from event.current import current_event
    from event.session import database
    from event.tables import Assignment, Block, Presentation, Room, Schedule

    async with database(url):
        event = await current_event()
        rooms = await Room.select(Room.id)
        blocks = await Block.select(Block.code, Block.day, Block.start)
        talks = await Presentation.select(Presentation.id, Presentation.minutes)
        now = datetime.now(UTC)
        schedule = await Schedule.insert(
            Schedule(event=event.id, version=1, created_at=now, published_at=now)
        ).returning(Schedule.id)
        rows = []
        for i, talk in enumerate(talks):
            room = rooms[i % len(rooms)]
            block = blocks[(i // len(rooms)) % len(blocks)]
            position = i // (len(rooms) * len(blocks))
            start = datetime.combine(block["day"], block["start"]) - timedelta(hours=8)
            start = start.replace(tzinfo=UTC) + timedelta(minutes=talk["minutes"] * position)
            rows.append(Assignment(
                schedule=schedule[0]["id"], presentation=talk["id"], room=room["id"],
                block=block["code"], position=position, starts_at=start,
                ends_at=start + timedelta(minutes=talk["minutes"]),
            ))  # fmt: skip
        await Assignment.insert(*rows)


def _child(url: str, what: str) -> dict:
    """Runs in a fresh process: warm up with one badge, then the batch or the singles."""
    import io

    from pypdf import PdfReader

    from event.current import current_event
    from event.desk import badges
    from event.session import database

    async def measure() -> dict:
        async with database(url):
            event = await current_event()
            ids = [r.registration_id for r in await badges.rows(event.id)][:21]
            await badges.single_pdf(event, ids[0], "a6")
            if what == "single":
                times = []
                for rid in ids[1:]:
                    start = time.perf_counter()
                    await badges.single_pdf(event, rid, "a6")
                    times.append(time.perf_counter() - start)
                return {"seconds": statistics.median(times), "pages": 1, "badges": 1}
            start = time.perf_counter()
            pdf, count = await badges.batch_pdf(event, layout=what)
            seconds = time.perf_counter() - start
            return {"seconds": seconds, "pages": len(PdfReader(io.BytesIO(pdf)).pages),
                    "badges": count}  # fmt: skip

    out = asyncio.run(measure())
    return {
        "what": f"{what}, from the database" if what != "single" else "a6, one badge (warm)",
        "badges": out["badges"],
        "seconds": round(out["seconds"], 3),
        "pages_per_second": round(out["pages"] / out["seconds"], 1),
        "peak_rss_mb": peak_rss_mb(),
        "ms": round(out["seconds"] * 1000) if what == "single" else None,
    }


async def _active_ids(url: str, count: int) -> list[int]:
    from event.current import current_event
    from event.desk import badges
    from event.session import database

    async with database(url):
        return [r.registration_id for r in await badges.rows((await current_event()).id)][:count]


def _through_server(url: str, data_dir: Path) -> list[dict]:
    """The organiser's download of every badge and the desk's reprint from `qcconf serve`."""
    import io

    import httpx
    from pypdf import PdfReader

    from tests.event.live import live_server

    password = next(
        line.split("\t")[1]
        for line in (data_dir / "demo-accounts.txt").read_text().splitlines()
        if line.startswith("organiser\t")
    )
    rows = []
    with live_server(url, data_dir) as base, httpx.Client(base_url=base, timeout=120) as http:
        http.get("/login")  # sets the CSRF cookie the login form must echo
        token = http.cookies.get("csrftoken", "")
        http.post("/login", data={"username": "organiser", "password": password, "next": "/", "_csrf_token": token},
                  headers={"x-csrftoken": token})  # fmt: skip
        http.get("/desk")  # warms the renderer in the background, as the desk's first visit does
        time.sleep(3)
        start = time.perf_counter()
        batch = http.get("/admin/badges.pdf", params={"layout": "a4-4up"})
        seconds = time.perf_counter() - start
        batch.raise_for_status()
        pages = len(PdfReader(io.BytesIO(batch.content)).pages)
        rows.append({"what": "a4-4up, GET /admin/badges.pdf from the server",
                     "badges": len(asyncio.run(_active_ids(url, 10_000))), "seconds": round(seconds, 3),
                     "pages_per_second": round(pages / seconds, 1)})  # fmt: skip
        times = []
        for rid in asyncio.run(_active_ids(url, 20)):
            start = time.perf_counter()
            http.get(f"/desk/p/{rid}/badge.pdf").raise_for_status()
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        rows.append({"what": "a6, GET /desk/p/{id}/badge.pdf (warm)", "badges": 1,
                     "seconds": round(median, 3), "ms": round(median * 1000)})  # fmt: skip
    return rows


# The baseline as a program of its own, from a cold start: Python, WeasyPrint's import, the
# fonts, the render and the file, timed from outside as `qcconf badges` is.
PLAIN_PROGRAM = "import sys; from weasyprint import HTML; HTML(sys.argv[1]).write_pdf(sys.argv[2])"


def _command(url: str, data_dir: Path) -> list[dict]:
    """`qcconf badges` per layout, each right after its two baselines (see `bench_badges`)."""
    from benchmarks.bench_badges import plain_html, synthetic_badges

    count = len(asyncio.run(_active_ids(url, 10_000)))
    rows = []
    for layout in LAYOUTS:
        base = in_fresh_process("bench_badges", "_baseline_child", layout, count)
        page = data_dir / f"plain-{layout}.html"
        page.write_text(plain_html(layout, synthetic_badges(count)), encoding="utf-8")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", PLAIN_PROGRAM, str(page), str(data_dir / "plain.pdf")],
                       check=True, capture_output=True, timeout=600)  # fmt: skip
        cold = time.perf_counter() - start
        out = data_dir / f"badges-{layout}.pdf"
        cpu_before = _children_cpu()
        seconds = qcconf(
            environment(url, data_dir), "badges", "--layout", layout, "--out", str(out)
        )
        cpu = _children_cpu() - cpu_before
        rows.append({"what": f"{layout}, qcconf badges", "badges": count, "seconds": round(seconds, 3),
                     "baseline_seconds": round(base["seconds"], 3),
                     "ratio": round(seconds / base["seconds"], 2), "cpu_seconds": round(cpu, 2),
                     "cpu_ratio": round(cpu / base["cpu_seconds"], 2),
                     "plain_program_seconds": round(cold, 3),
                     "of_plain_program": round(seconds / cold, 2)})  # fmt: skip
    return rows


def _children_cpu() -> float:
    """CPU time of this process's finished children (the command and its second process)."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def run() -> list[dict]:
    """One row per layout, one for a badge on demand, the command per layout, two through the
    server."""
    with tempfile.TemporaryDirectory(prefix="qcconf-badges-") as tmp:
        data_dir = Path(tmp)
        url = f"sqlite:///{data_dir / 'demo.sqlite3'}"
        _build(url, data_dir)
        rows = [
            in_fresh_process("bench_badge_batch", "_child", url, what)
            for what in (*LAYOUTS, "single")
        ]
        rows += _command(url, data_dir)
        rows += _through_server(url, data_dir)
    return rows


if __name__ == "__main__":
    from benchmarks.table import markdown

    print(markdown(run(), COLUMNS))
