"""A solve's state lives in the database: every server process shows the same run, only one
runs per event across processes, and a run whose process died stops blocking the next."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from event.current import EventInfo
from event.errors import Conflict
from event.programme.schedule import drafts
from event.programme.schedule.runs import SolveRuns
from event.tables import ScheduleRun
from tests.event.programme.schedule_data import busy_event, small_event


async def finished(runs: SolveRuns, event_id: int) -> None:
    for _ in range(600):
        run = await runs.status(event_id)
        if run is not None and not run.running:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the solve did not finish")


async def test_two_processes_share_one_run(event: EventInfo) -> None:
    await busy_event(event)
    worker_a, worker_b = SolveRuns(), SolveRuns()  # the state of two server processes
    await worker_a.start(event, seed=3, time_limit=5)
    with pytest.raises(Conflict) as refused:
        await worker_b.start(event, seed=4, time_limit=5)
    assert refused.value.code == "solve_running"
    seen_by_b = await worker_b.status(event.id)
    assert (seen_by_b.running, seen_by_b.seed) == (True, 3)
    await finished(worker_b, event.id)
    done = await worker_b.status(event.id)
    assert (done.phase, done.error, done.placed + done.unscheduled) == ("done", None, 60)
    assert (await drafts.draft_row(event.id))["seed"] == 3
    await worker_b.start(event, seed=5, time_limit=5)  # once finished, any process may solve
    await finished(worker_a, event.id)
    assert (await worker_a.status(event.id)).seed == 5


async def test_run_of_a_dead_process_shows_failed_and_is_taken_over(event: EventInfo) -> None:
    await small_event(event)
    long_ago = datetime.now(UTC) - timedelta(minutes=5)
    await ScheduleRun.insert(ScheduleRun(event=event.id, running=True, phase="placement", seed=9,
                                         started_at=long_ago, heartbeat_at=long_ago))  # fmt: skip
    runs = SolveRuns()
    dead = await runs.status(event.id)
    assert (dead.running, dead.phase) == (False, "failed")
    assert "中断" in dead.error
    await runs.start(event, seed=2, time_limit=5)
    await finished(runs, event.id)
    run = await runs.status(event.id)
    assert (run.phase, run.seed, run.error) == ("done", 2, None)
    assert await ScheduleRun.count() == 1


async def test_shutdown_hands_back_the_run_to_another_server(event: EventInfo) -> None:
    await busy_event(event)
    stopping, other = SolveRuns(), SolveRuns()
    await stopping.start(event, seed=3, time_limit=30)
    await stopping.hand_back()  # what on_shutdown does when the server gets SIGTERM
    seen = await other.status(event.id)
    assert (seen.running, seen.phase, seen.error) == (
        False, "failed", "服务器重启，本次排程已中断，请重新排程",
    )  # fmt: skip
    await other.start(event, seed=4, time_limit=5)  # no wait for a stale heartbeat
    await finished(other, event.id)
    assert (await other.status(event.id)).phase == "done"
