"""1,800 score sheets submitted by 45 concurrent judges through the real server (issue 16
target: 0 errors, p99 < 200 ms), on SQLite and PostgreSQL.

The event: one block, nine rooms of 40 QC results each (units that no judge belongs to), 45
judges seated by `judges assign` on panels of five, so each judge sends 40 sheets: every judge
opens one sheet first (its CSRF cookie and field), then the 45 post their sheets at once, each
one after the other, as judges in nine rooms would. A sheet is a form POST to /j/{token}/p/{code}
answered by 303; latency is measured per POST (the redirect is not followed).

    .venv/bin/python -m benchmarks.bench_judging
"""

from __future__ import annotations

import asyncio
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


async def _judge(base: str, token: str, codes: list[str], times: list[float], pause: float) -> int:
    """One judge's sheets, one after the other (`pause` seconds between them); the errors."""
    errors = 0
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
            await asyncio.sleep(pause)
    return errors


async def _burst(
    base: str, work: list[tuple[str, list[str]]], pause: float
) -> tuple[int, list[float], float]:
    times: list[float] = []
    started = time.perf_counter()
    errors = await asyncio.gather(*(_judge(base, t, c, times, pause) for t, c in work))
    return sum(errors), times, time.perf_counter() - started


async def _stored(url: str, clear: bool = False) -> int:
    """The sheets stored (then deleted, when `clear`, for the next round)."""
    from event.session import database
    from event.tables import ScoreSheet

    async with database(url):
        count = await ScoreSheet.count()
        if clear:
            await ScoreSheet.delete(force=True)
        return count


def _row(
    backend: str, how: str, work: list, errors: int, times: list[float], seconds: float, stored: int
) -> dict:
    ms = sorted(t * 1000 for t in times)
    return {"backend": backend, "judges": how, "sheets": len(ms), "stored": stored, "errors": errors,
            "seconds": round(seconds, 1), "rate": round(len(ms) / seconds), "p50_ms": round(statistics.median(ms), 1),
            "p99_ms": round(ms[int(len(ms) * 0.99) - 1], 1), "max_ms": round(ms[-1], 1)}  # fmt: skip


def _measure(backend: str, url: str) -> list[dict]:
    """Twice on one event: 45 judges sending back to back (each waits only for its answer),
    then, after clearing the sheets, 45 judges each sending one sheet a second."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(url, tmp, QCCONF_RATE_LIMIT="0", QCCONF_MESSAGES="off")
        migrate_with_event(env, {})
        asyncio.run(_seed(url))
        qcconf(env, "judges", "assign", "--time-limit", "20")
        work = asyncio.run(_work(url))
        for how, pause in (
            (f"{JUDGES}, back to back", 0.0),
            (f"{JUDGES}, one sheet a second each", 1.0),
        ):
            with served(env, Path(tmp) / "server.log") as port:
                errors, times, seconds = asyncio.run(
                    _burst(f"http://127.0.0.1:{port}", work, pause)
                )
            rows.append(
                _row(
                    backend,
                    how,
                    work,
                    errors,
                    times,
                    seconds,
                    asyncio.run(_stored(url, clear=True)),
                )
            )
    return rows


def run() -> list[dict]:
    return on_both_backends(_measure, "judging")


if __name__ == "__main__":
    from benchmarks.table import markdown

    print(markdown(run(), COLUMNS))
