"""Whole solves, checked by validate.py and by the independent tools/check_schedule.py."""

from __future__ import annotations

import itertools
from pathlib import Path

from scheduling.io import schedule_to_dict
from scheduling.model import SolveConfig
from scheduling.solver import solve
from scheduling.validate import validate
from tests.scheduling.builders import AM, EV, PM, check, instance, item, items, room


def _mixed():
    """40 presentations of 4 themes, a shared presenter, a pin, an unavailable block."""
    presentations = (
        items("Q", 20, category="现场型")
        + items("G", 12, category="攻关型", audience=150)
        + items("T", 5, category="生产型", kind="team")
        + items("S", 3, category="品牌文化", kind="story", minutes=10)
    )
    presentations[0] = item("Q-001", presenters=("P-9",), unavailable=("D1-AM",))
    presentations[-1] = item("S-003", "品牌文化", kind="story", minutes=10, presenters=("P-9",))
    presentations[1] = item("Q-002", pinned=("R3", "D1-EV"))
    rooms = [room("R1", 400), room("R2", 200, ("qc", "team")), room("R3", 100, ("qc",))]
    return instance(rooms, [AM, PM, EV], presentations)


def test_solve_mixed_instance_passes_both_checkers(tmp_path: Path):
    inst = _mixed()
    schedule = solve(inst, SolveConfig(time_limit=5))
    assert validate(inst, schedule) == []
    verdict = check(inst, schedule, tmp_path)
    assert verdict["ok"] is True
    assert verdict["sessions_used"] == schedule.stats.sessions_used


def test_solve_mixed_instance_is_proven_optimal():
    schedule = solve(_mixed(), SolveConfig(time_limit=5))
    assert (schedule.stats.sessions_used, schedule.stats.lower_bound) == (7, 7)
    assert schedule.stats.proven_optimal is True
    assert schedule.unscheduled == ()


def test_solve_pinned_item_stays_at_pin():
    schedule = solve(_mixed(), SolveConfig(time_limit=5))
    pinned = schedule.by_presentation()["Q-002"]
    assert (pinned.room, pinned.block) == ("R3", "D1-EV")


def test_solve_same_seed_gives_identical_schedule():
    first = schedule_to_dict(solve(_mixed(), SolveConfig(time_limit=5, seed=7)))
    second = schedule_to_dict(solve(_mixed(), SolveConfig(time_limit=5, seed=7)))
    first["stats"].pop("seconds")
    second["stats"].pop("seconds")
    assert first == second


def test_solve_other_seed_draws_other_order():
    first = solve(_mixed(), SolveConfig(time_limit=5, seed=1)).assignments
    second = solve(_mixed(), SolveConfig(time_limit=5, seed=2)).assignments
    assert {(a.presentation, a.room, a.block) for a in first} == {
        (a.presentation, a.room, a.block) for a in second
    }
    assert [a.presentation for a in first] != [a.presentation for a in second]


def test_solve_times_are_back_to_back_from_block_start():
    schedule = solve(instance([room("R1")], [AM], items("Q", 3)), SolveConfig(time_limit=5))
    times = [(a.order, a.start, a.end) for a in schedule.assignments]
    assert times == [(1, "08:30", "08:48"), (2, "08:48", "09:06"), (3, "09:06", "09:24")]


def test_solve_count_bound_beats_minutes():
    # 23 items of 18 minutes = 414 minutes: two 210-minute blocks by minutes, but a session
    # holds only 11 of them, so three sessions are needed and proven.
    inst = instance([room("R1"), room("R2")], [AM, PM], items("Q", 23))
    schedule = solve(inst, SolveConfig(time_limit=5))
    assert (schedule.stats.sessions_used, schedule.stats.lower_bound) == (3, 3)
    assert schedule.stats.proven_optimal is True


def test_solve_progress_reports_plain_data():
    seen = []
    solve(_mixed(), SolveConfig(time_limit=5, progress=seen.append))
    assert seen[-1]["phase"] == "done"
    assert set(seen[-1]) == {"phase", "objective", "bound", "seconds"}
    assert (seen[-1]["objective"], seen[-1]["bound"]) == (7, 7)


def test_solve_same_organization_not_back_to_back():
    presentations = [item(f"Q-{i}", organization=f"ORG-{i % 2}") for i in range(8)]
    schedule = solve(instance([room("R1")], [AM], presentations), SolveConfig(time_limit=5))
    orgs = [schedule_org(a.presentation) for a in schedule.assignments]
    assert all(a != b for a, b in itertools.pairwise(orgs))


def schedule_org(pid: str) -> str:
    return f"ORG-{int(pid.split('-')[1]) % 2}"


def test_solve_balances_sessions_of_one_theme():
    inst = instance([room("R1"), room("R2")], [AM], items("Q", 12))
    schedule = solve(inst, SolveConfig(time_limit=5))
    sizes = sorted(sum(1 for a in schedule.assignments if a.room == r) for r in ("R1", "R2"))
    assert sizes == [6, 6]


def test_solve_same_person_two_items_one_block_share_room(tmp_path: Path):
    inst = instance(
        [room("R1"), room("R2")],
        [AM],
        [*items("Q", 12), item("A", presenters=("P-7",)), item("B", presenters=("P-7",))],
    )
    schedule = solve(inst, SolveConfig(time_limit=3))
    where = schedule.by_presentation()
    assert where["A"].room == where["B"].room
    assert schedule.unscheduled == ()
    assert check(inst, schedule, tmp_path)["ok"] is True
