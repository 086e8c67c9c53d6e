"""1,800 score sheets submitted by 45 concurrent judges through the real server (issue 16
target: 0 errors, p99 < 200 ms), on SQLite and PostgreSQL.

The event: one block, nine rooms of 40 QC results each (units that no judge belongs to), 45
judges seated by `judges assign` on panels of five, so each judge sends 40 sheets: every judge
opens one sheet first (its CSRF cookie and field), then the 45 post their sheets at once, each
one after the other, as judges in nine rooms would. A sheet is a form POST to /j/{token}/p/{code}
answered by 303; latency is measured per POST (the redirect is not followed).

Three rounds per backend: back to back (each judge waits only for its answer); one sheet a
second each, the 45 starting together and so arriving in bursts of 45 every second; and each
judge pausing a random 0.5–1.5 s (seeded) between sheets, so that arrivals spread out. Beside
latency: the server's CPU time per sheet (its process's user + system time over the round,
from /proc) and the load generator's own (this process), both on the same cores, and the
1-minute load average at the end of the round (other work on the machine shows there).

    .venv/bin/python -m benchmarks.bench_judging
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

import httpx

from benchmarks.harness import environment, migrate_with_event, on_both_backends, qcconf, served

ROOMS, PER_ROOM, JUDGES = 9, 40, 45
DAY = date(2026, 7, 20)
COLUMNS = (
    "backend",
    "judges",
    "sheets",
    "stored",
    "errors",
    "seconds",
    "rate",
    "p50_ms",
    "p99_ms",
    "max_ms",
    "server_cpu_ms",
    "client_cpu_ms",
    "load",
)


async def _seed(url: str) -> None:
    """The event above, published, with the roster (panels come from `qcconf judges assign`)."""
    from event.current import current_event
    from event.judging import roster
    from event.programme.publication import publish
    from event.session import database
    from event.tables import (
        Assignment,
        Block,
        Organization,
        Presentation,
        Room,
        Schedule,
        Submission,
    )
    from event.tokens import new_token, token_columns

    async with database(url):
        event = await current_event()
        now = datetime.now(UTC)
        await Block.insert(Block(event=event.id, code="D1-AM", day=DAY, start=clock(8, 0), end=clock(20, 0),
                                 label="第一天", key=f"{event.id}:D1-AM"))  # fmt: skip
        sid = (
            await Schedule.insert(Schedule(event=event.id, created_at=now)).returning(Schedule.id)
        )[0]["id"]
        start0 = datetime.combine(DAY, clock(8, 0), tzinfo=UTC) - timedelta(hours=8)
        for r in range(ROOMS):
            room = (await Room.insert(Room(event=event.id, name=f"第{r + 1}分会场", capacity=100, kinds=["qc"]))
                    .returning(Room.id))[0]["id"]  # fmt: skip
            for n in range(PER_ROOM):
                code = f"QC-{r * PER_ROOM + n + 1:04d}"
                org = (await Organization.insert(Organization(name=f"压测企业{code}有限公司", created_at=now))
                       .returning(Organization.id))[0]["id"]  # fmt: skip
                sub = (await Submission.insert(Submission(
                    event=event.id, kind="qc", organization=org, title=f"成果{code}", category="现场型",
                    presented=True, status="received", **token_columns(new_token()), data={},
                    submitted_at=now, updated_at=now)).returning(Submission.id))[0]["id"]  # fmt: skip
                pid = (await Presentation.insert(Presentation(
                    event=event.id, submission=sub, code=code, kind="qc", title=f"成果{code}",
                    category="现场型", organization=org, minutes=18)).returning(Presentation.id))[0]["id"]  # fmt: skip
                at = start0 + timedelta(minutes=18 * n)
                await Assignment.insert(Assignment(schedule=sid, presentation=pid, room=room, block="D1-AM",
                                                   position=n, starts_at=at, ends_at=at + timedelta(minutes=18)))  # fmt: skip
        await publish(event.id)
        people = [roster.JudgeIn(f"评委{n:02d}", f"压测省{n // 2}机械工业质量管理协会", f"1370000{n:04d}",
                                 f"省{n % 9}", "诊断师", ("qc",), n % 5 == 0) for n in range(JUDGES)]  # fmt: skip
        await roster.add_judges(event.id, [roster.checked(p) for p in people])


async def _work(url: str) -> list[tuple[str, list[str]]]:
    from event.current import current_event
    from event.judging import panels
    from event.session import database

    async with database(url):
        event = await current_event()
        w = await panels.world(event.id)
    by_session = w.panels.by_session()
    out = []
    for j in w.judges:
        codes = [t.code for s in w.programme.sessions for t in s.talks
                 if str(j.id) in {seat.judge for seat in by_session.get(s.id, [])}]  # fmt: skip
        out.append((j.token, codes))
    return out


def _form(csrf: str) -> dict[str, str]:
    from event.judging.rubrics import default_rubric

    return {"_csrf_token": csrf} | {item.code: "4" for _, item in default_rubric("qc").items()}


async def _judge(
    base: str,
    token: str,
    codes: list[str],
    times: list[float],
    pause: tuple[float, float],
    seed: int,
) -> int:
    """One judge's sheets, one after the other (a pause drawn from `pause` seconds between
    them); the errors."""
    errors = 0
    draw = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        page = await client.get(f"/j/{token}/p/{codes[0]}")
        csrf = re.search(r'name="_csrf_token" value="([^"]+)"', page.text)
        assert csrf, page.text[:500]
        for code in codes:
            started = time.perf_counter()
            try:
                r = await client.post(f"/j/{token}/p/{code}", data=_form(csrf.group(1)))
                errors += r.status_code != 303
            except httpx.HTTPError:
                errors += 1
            times.append(time.perf_counter() - started)
            await asyncio.sleep(draw.uniform(*pause))
    return errors


async def _burst(
    base: str, work: list[tuple[str, list[str]]], pause: tuple[float, float]
) -> tuple[int, list[float], float]:
    times: list[float] = []
    started = time.perf_counter()
    errors = await asyncio.gather(
        *(_judge(base, t, c, times, pause, n) for n, (t, c) in enumerate(work))
    )
    return sum(errors), times, time.perf_counter() - started


def _server_pid(port: int) -> int:
    """The uvicorn process `served` started for `port` (a child of this process)."""
    for entry in os.listdir("/proc"):
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            line = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
        except (OSError, IndexError):
            continue
        if int(stat[1]) == os.getpid() and str(port).encode() in line:
            return int(entry)
    raise RuntimeError(f"no server process for port {port}")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")


async def _stored(url: str, clear: bool = False) -> int:
    """The sheets stored (then deleted, when `clear`, for the next round)."""
    from event.session import database
    from event.tables import ScoreSheet

    async with database(url):
        count = await ScoreSheet.count()
        if clear:
            await ScoreSheet.delete(force=True)
        return count


def _row(backend: str, how: str, errors: int, times: list[float], seconds: float, stored: int,
         server_cpu: float, client_cpu: float) -> dict:  # fmt: skip
    ms = sorted(t * 1000 for t in times)
    return {"backend": backend, "judges": how, "sheets": len(ms), "stored": stored, "errors": errors,
            "seconds": round(seconds, 1), "rate": round(len(ms) / seconds), "p50_ms": round(statistics.median(ms), 1),
            "p99_ms": round(ms[int(len(ms) * 0.99) - 1], 1), "max_ms": round(ms[-1], 1),
            "server_cpu_ms": round(server_cpu * 1000 / len(ms), 2),
            "client_cpu_ms": round(client_cpu * 1000 / len(ms), 2),
            "load": round(os.getloadavg()[0], 1)}  # fmt: skip


ROUNDS = (
    (f"{JUDGES}, back to back", (0.0, 0.0)),
    (f"{JUDGES}, one sheet a second each", (1.0, 1.0)),
    (f"{JUDGES}, 0.5–1.5 s (random) between sheets", (0.5, 1.5)),
)


def _measure(backend: str, url: str) -> list[dict]:
    """The rounds on one event, the sheets cleared between them."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(url, tmp, QCCONF_RATE_LIMIT="0", QCCONF_MESSAGES="off")
        migrate_with_event(env, {})
        asyncio.run(_seed(url))
        qcconf(env, "judges", "assign", "--time-limit", "20")
        work = asyncio.run(_work(url))
        for how, pause in ROUNDS:
            with served(env, Path(tmp) / "server.log") as port:
                pid = _server_pid(port)
                server, client = _cpu_seconds(pid), time.process_time()
                errors, times, seconds = asyncio.run(
                    _burst(f"http://127.0.0.1:{port}", work, pause)
                )
                server, client = _cpu_seconds(pid) - server, time.process_time() - client
            stored = asyncio.run(_stored(url, clear=True))
            rows.append(_row(backend, how, errors, times, seconds, stored, server, client))
    return rows


def run() -> list[dict]:
    return on_both_backends(_measure, "judging")


if __name__ == "__main__":
    from benchmarks.table import markdown

    print(markdown(run(), COLUMNS))
