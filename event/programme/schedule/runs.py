"""Solving the event in the database: off the event loop, with progress, one run per event.

The CP-SAT search runs in a worker thread (anyio.to_thread): it releases the GIL, so the
server keeps answering while it works. SolveRuns lives in the application's state; the run's
progress lives in the database (ScheduleRun), so every server process sees the same one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import anyio.to_thread
from msgspec import Struct

from event.current import EventInfo
from event.db import by_name
from event.errors import Conflict, InvalidInput
from event.programme.schedule.drafts import store_draft
from event.programme.schedule.instance import instance_dict
from event.tables import ScheduleRun
from scheduling.io import InstanceError, instance_from_dict
from scheduling.model import Instance, Schedule, SolveConfig

PHASE_LABELS = {
    "queued": "准备数据", "plan": "场次规划", "placement": "分配时段", "repair": "修复",
    "rooms": "分配会场", "explain": "分析原因", "done": "完成", "failed": "失败",
}  # fmt: skip


async def event_instance(event: EventInfo) -> Instance:
    """The event's instance, checked by the solver library (InvalidInput when it is not valid)."""
    try:
        return instance_from_dict(await instance_dict(event))
    except InstanceError as exc:
        raise InvalidInput.one(exc.field, str(exc)) from exc


async def solve_and_store(
    event: EventInfo,
    *,
    seed: int = 1,
    time_limit: float = 30.0,
    workers: int = 1,
    progress: Callable[[dict[str, Any]], None] | None = None,
) -> tuple[int, Schedule]:
    """Solve the event in a worker thread and store the result as the draft."""
    from scheduling.solver import solve  # loads ortools

    instance = await event_instance(event)
    config = SolveConfig(
        time_limit=time_limit, seed=seed, workers=max(1, workers), progress=progress
    )
    schedule = await anyio.to_thread.run_sync(solve, instance, config)
    return await store_draft(event.id, instance, schedule), schedule


class SolveRun(Struct, kw_only=True):
    """What the organisers' page shows of a solve (running or finished)."""

    running: bool
    phase: str
    phase_label: str
    objective: float | None = None
    bound: float | None = None
    seconds: float = 0.0
    seed: int
    started_at: datetime
    finished_at: datetime | None = None
    error: str | None = None
    placed: int | None = None
    unscheduled: int | None = None


class SolveRuns:
    """Solves started by this server process. Their state lives in ScheduleRun, so every process
    shows the same run, and one runs per event across all of them."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()
        self._live: dict[int, SolveRun] = {}  # event → the run this process is solving

    async def status(self, event_id: int) -> SolveRun | None:
        """The event's latest run: live from this process when it is solving it, else as the
        solving process last wrote it."""
        if event_id in self._live:
            return self._live[event_id]
        row = await ScheduleRun.select(*_FIELDS).where(ScheduleRun.event == event_id).first()
        if row is None:
            return None
        heartbeat = row.pop("heartbeat_at")
        phase: str = row["phase"]
        run = SolveRun(**row, phase_label=PHASE_LABELS.get(phase, "排程中"))
        if run.running and datetime.now(UTC) - heartbeat > STALE:
            run.running, run.phase, run.phase_label = False, "failed", PHASE_LABELS["failed"]
            run.error = "排程所在的服务进程已中断，请重新排程。"
        return run

    async def start(self, event: EventInfo, *, seed: int, time_limit: float) -> SolveRun:
        """Start a solve in the background; Conflict when one is running for the event (in any
        process). The claim is one statement: insert the event's row, or take it over unless
        it is running with a fresh heartbeat."""
        now = datetime.now(UTC)
        run = SolveRun(running=True, phase="queued", phase_label=PHASE_LABELS["queued"], seed=seed,
                       started_at=now)  # fmt: skip
        taken = (ScheduleRun.running == False) | (ScheduleRun.heartbeat_at < now - STALE)  # noqa: E712
        claimed = await (
            ScheduleRun.insert(ScheduleRun(event=event.id, **_values(run, now)))
            .on_conflict(target=ScheduleRun.event, action="DO UPDATE", values=_FIELDS, where=taken)
            .returning(ScheduleRun.id)
        )
        if not claimed:
            raise Conflict("solve_running", "正在排程，请等待本次排程完成后再试。")
        self._live[event.id] = run
        task = asyncio.create_task(self._solve(event, run, time_limit))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return run

    async def hand_back(self) -> None:
        """On shutdown (SIGTERM, a rolling restart): every run this process is solving is written
        as stopped, so the organiser may start it again on another server at once instead of
        waiting for its heartbeat to go stale. The solver thread ends with the process."""
        for event_id, run in list(self._live.items()):
            run.running, run.finished_at = False, datetime.now(UTC)
            run.phase, run.phase_label = "failed", PHASE_LABELS["failed"]
            run.error = "服务器重启，本次排程已中断，请重新排程"
            await _save(event_id, run)
        self._live.clear()
        for task in list(self._tasks):
            task.cancel()

    async def _solve(self, event: EventInfo, run: SolveRun, time_limit: float) -> None:
        def progress(data: dict[str, Any]) -> None:  # called from the worker thread
            run.phase = data["phase"]
            run.phase_label = PHASE_LABELS.get(data["phase"], "排程中")
            run.objective, run.bound, run.seconds = (
                data["objective"],
                data["bound"],
                data["seconds"],
            )

        async def heartbeat() -> None:
            while True:
                await asyncio.sleep(HEARTBEAT.total_seconds())
                await _save(event.id, run)

        beating = asyncio.create_task(heartbeat())
        try:
            _, schedule = await solve_and_store(
                event, seed=run.seed, time_limit=time_limit, progress=progress
            )
            run.placed, run.unscheduled = len(schedule.assignments), len(schedule.unscheduled)
            run.phase, run.phase_label = "done", PHASE_LABELS["done"]
        except InvalidInput as exc:
            run.error = f"数据不完整，无法排程：{exc.message}"
        except Exception as exc:  # a bug: the page must say the run failed, not spin forever
            run.error = f"排程失败：{exc!r}"
        finally:
            beating.cancel()
            if run.error:
                run.phase, run.phase_label = "failed", PHASE_LABELS["failed"]
            run.running, run.finished_at = False, datetime.now(UTC)
            await _save(event.id, run)
            self._live.pop(event.id, None)


HEARTBEAT = timedelta(seconds=1)  # how often the solving process writes its progress
STALE = timedelta(seconds=30)  # no heartbeat for this long: the process died with its run
_FIELDS = (
    ScheduleRun.running, ScheduleRun.phase, ScheduleRun.objective, ScheduleRun.bound,
    ScheduleRun.seconds, ScheduleRun.seed, ScheduleRun.started_at, ScheduleRun.finished_at,
    ScheduleRun.error, ScheduleRun.placed, ScheduleRun.unscheduled, ScheduleRun.heartbeat_at,
)  # fmt: skip


def _values(run: SolveRun, heartbeat_at: datetime) -> dict[str, Any]:
    """Every column of _FIELDS (a new claim overwrites all of the previous run's)."""
    values = {c._meta.name: getattr(run, c._meta.name, None) for c in _FIELDS}
    return values | {"heartbeat_at": heartbeat_at}


async def _save(event_id: int, run: SolveRun) -> None:
    values = by_name(_values(run, datetime.now(UTC)))
    await ScheduleRun.update(values).where(ScheduleRun.event == event_id)
