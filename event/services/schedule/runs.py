"""Solving the event in the database: off the event loop, with progress, one run per event.

The CP-SAT search runs in a worker thread (anyio.to_thread): it releases the GIL, so the
server keeps answering while it works. SolveRuns lives in the application's state.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import anyio.to_thread
from msgspec import Struct

from event.errors import Conflict, InvalidInput
from event.services.events import EventInfo
from event.services.schedule.drafts import store_draft
from event.services.schedule.instance import instance_dict
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
    """The solves of this server process, at most one running per event."""

    def __init__(self) -> None:
        self._runs: dict[int, SolveRun] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def status(self, event_id: int) -> SolveRun | None:
        return self._runs.get(event_id)

    def start(self, event: EventInfo, *, seed: int, time_limit: float) -> SolveRun:
        """Start a solve in the background; Conflict when one is running for the event."""
        current = self._runs.get(event.id)
        if current is not None and current.running:
            raise Conflict("solve_running", "正在排程，请等待本次排程完成后再试。")
        run = SolveRun(running=True, phase="queued", phase_label=PHASE_LABELS["queued"], seed=seed,
                       started_at=datetime.now(UTC))  # fmt: skip
        self._runs[event.id] = run
        task = asyncio.create_task(self._solve(event, run, time_limit))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return run

    async def _solve(self, event: EventInfo, run: SolveRun, time_limit: float) -> None:
        def progress(data: dict[str, Any]) -> None:  # called from the worker thread
            run.phase = data["phase"]
            run.phase_label = PHASE_LABELS.get(data["phase"], data["phase"])
            run.objective, run.bound, run.seconds = (
                data["objective"],
                data["bound"],
                data["seconds"],
            )

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
            if run.error:
                run.phase, run.phase_label = "failed", PHASE_LABELS["failed"]
            run.running, run.finished_at = False, datetime.now(UTC)

    async def wait(self) -> None:
        """Until every running solve of this process has finished (for shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
