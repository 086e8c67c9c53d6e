"""The published programme of the full demo event (SQLite): the handbook PDF, the calendar feeds
and the pages, in process and through the real server.

Setup: `qcconf demo --size full`, `qcconf schedule run`, publish version 1, solve again with
another draw and publish version 2 (so feeds carry moved and cancelled items).
Rows: what was measured, seconds (one run) or p50/p99 in ms (many), req/s, bytes.
"""

from __future__ import annotations

import asyncio
import logging
import os
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from benchmarks.bench_agenda import beside_plain
from benchmarks.harness import CONNECTIONS, environment, qcconf, served, wrk

COLUMNS = ("what", "seconds", "cpu_seconds", "p50_ms", "p99_ms", "rate", "bytes", "pages", "of_plain",
           "cpu_of_plain", "non_2xx")  # fmt: skip

LUA = r"""
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", PATHS[(counter % #PATHS) + 1], HEADERS)
end
"""


def _prepare(env: dict[str, str], tmp: Path) -> list[dict[str, Any]]:
    qcconf(env, "demo", "--size", "full")
    qcconf(env, "schedule", "run", "--time-limit", "10")
    qcconf(env, "schedule", "publish")
    qcconf(env, "schedule", "run", "--time-limit", "10", "--seed", "2")
    rows = [{"what": "qcconf schedule publish (version 2, whole command)",
             "seconds": qcconf(env, "schedule", "publish")}]  # fmt: skip
    out = tmp / "programme.pdf"
    seconds = qcconf(env, "agenda", "--out", str(out))
    rows.append({"what": "qcconf agenda --out programme.pdf (whole command)", "seconds": seconds,
                 "bytes": out.stat().st_size})  # fmt: skip
    return rows


async def _in_process(url: str) -> tuple[list[dict[str, Any]], list[str], dict[str, str]]:
    """Renderer timings, page server times through the ASGI app, and paths for wrk."""
    from litestar.testing import AsyncTestClient

    from event.app import create_app
    from event.current import current_event
    from event.programme.render.pdf import ProgrammeRenderer
    from event.programme.service import delegates, load, programme
    from event.settings import Settings
    from event.tables import Registration

    app = create_app(Settings(database_url=url, data_dir=Path(tempfile.mkdtemp())))
    rows: list[dict[str, Any]] = []
    async with AsyncTestClient(app) as client:
        event = await current_event()
        start = time.perf_counter()
        snap = await load(event)
        rows.append(
            {"what": "database → programme snapshot", "seconds": time.perf_counter() - start}
        )
        model = programme(snap, await delegates(event.id))
        renderer = ProgrammeRenderer()
        start = time.perf_counter()
        pdf = renderer.pdf(model)
        rows.append({"what": "programme PDF render, first in process",
                     "seconds": time.perf_counter() - start, "bytes": len(pdf)})  # fmt: skip
        # Issue 17: the full demo's handbook beside a plain render of as many pages (≤ 1.5×).
        rows.extend(beside_plain("programme PDF render, warm", lambda: renderer.pdf(model)))
        presenter = next(iter(snap.by_person))
        regs = await Registration.select(Registration.person, Registration.token).where(
            Registration.event == event.id
        )
        token = next(r["token"] for r in regs if r["person"] == presenter)
        room = snap.rooms[1][0]
        kind, name, _ = snap.categories()[0]
        paths = {
            "page: programme by day": "/programme/",
            "page: room running order": f"/programme/rooms/{room}",
            "page: category": f"/programme/categories/{kind}/{name}",
            "page: presentation": f"/programme/p/{next(iter(snap.talks))}",
            "page: /r/{token} with 我的日程": f"/r/{token}",
            "feed: personal (presenter)": f"/r/{token}/schedule.ics",
            "feed: whole event": "/programme/calendar.ics",
        }
        for label, path in paths.items():
            first = time.perf_counter()
            response = await client.get(path)
            cold = time.perf_counter() - first
            assert response.status_code == 200, (path, response.status_code)
            times = []
            for _ in range(30):
                start = time.perf_counter()
                await client.get(path)
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            rows.append({"what": f"{label} (in process, first {cold * 1000:.0f} ms)",
                         "p50_ms": statistics.median(times), "p99_ms": times[-1],
                         "bytes": len(response.content)})  # fmt: skip
        tokens = [r["token"] for r in regs]
        return rows, tokens, {"whole": "/programme/calendar.ics", "etag": response.headers["etag"]}


def _wrk(port: int, paths: list[str], script: Path, headers: str = "{}") -> dict[str, Any]:
    lua = "PATHS = {" + ",".join(f'"{p}"' for p in paths) + "}\nHEADERS = " + headers + "\n" + LUA
    return wrk(port, script, lua)


def _served(env: dict[str, str], tmp: Path, tokens: list[str], whole: dict[str, str]) -> list[dict]:
    with served(env, tmp / "server.log") as port:
        feeds = [f"/r/{t}/schedule.ics" for t in tokens]
        for path in feeds:  # every personal feed rendered once, as after the first polls
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}").read()
        label = f"{CONNECTIONS} connections, uvicorn 1 worker, {len(feeds)} tokens"
        rows = [{"what": f"served: personal feed ({label})", **_wrk(port, feeds, tmp / "p.lua")}]
        conditional = '{["If-None-Match"] = \'' + whole["etag"] + "'}"
        rows.append({"what": f"served: whole-event feed ({CONNECTIONS} connections)",
                     **_wrk(port, [whole["whole"]], tmp / "w.lua")})  # fmt: skip
        rows.append({"what": f"served: whole-event feed, If-None-Match → 304 ({CONNECTIONS} conn.)",
                     **_wrk(port, [whole["whole"]], tmp / "c.lua", conditional)})  # fmt: skip
        return rows


def run() -> list[dict[str, Any]]:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        url = f"sqlite:///{tmp}/bench.sqlite3"
        env = environment(url, tmp / "data")
        rows = _prepare(env, tmp)
        os.environ["QCCONF_DATABASE_URL"] = url

        async def measure() -> Any:
            from event.session import database

            async with database(url):
                return await _in_process(url)

        more, tokens, whole = asyncio.run(measure())
        rows += more
        rows += _served(env, tmp, tokens, whole)
    return rows


if __name__ == "__main__":
    from benchmarks.table import markdown

    print(markdown(run(), COLUMNS))
