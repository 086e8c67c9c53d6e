"""arrange.py: the finished sessions into the cells with the fewest of one theme in parallel,
and the proven least that the rooms, pins and presenters leave (parallel_forced)."""

from __future__ import annotations

from scheduling.arrange import arrange, parallel_of
from scheduling.cpsat import Clock
from scheduling.model import Assignment, Schedule, SolveConfig
from scheduling.prepare import prepare
from scheduling.solver import solve
from scheduling.validate import validate
from tests.scheduling.builders import AM, EV, PM, instance, item, items, room

ROOMS = [room("R1"), room("R2")]
NEVER = float("inf")


def _as_schedule(sessions: dict[tuple[str, str], list[str]]) -> Schedule:
    return Schedule(tuple(Assignment(p, r, b) for (r, b), ps in sessions.items() for p in ps))


def _arrange(inst, sessions, floor=0):
    clock = Clock(0.0)
    return arrange(prepare(inst), sessions, SolveConfig(), clock, 10.0, NEVER, floor)


def _ids(prefix: str, first: int, last: int) -> list[str]:
    return [f"{prefix}-{i:03d}" for i in range(first, last + 1)]


def _crowded() -> dict[tuple[str, str], list[str]]:
    return {
        ("R1", "D1-AM"): _ids("Q", 1, 11),
        ("R2", "D1-AM"): _ids("Q", 12, 22),
        ("R1", "D1-PM"): _ids("G", 1, 11),
        ("R2", "D1-PM"): _ids("G", 12, 22),
    }


def test_arrange_gives_each_theme_one_session_per_block():
    inst = instance(ROOMS, [AM, PM], items("Q", 22) + items("G", 22, category="攻关型"))
    out = _arrange(inst, _crowded())
    assert (out.parallel, out.bound) == (0, 0)
    assert parallel_of(prepare(inst), out.sessions) == 0
    assert sorted(map(sorted, out.sessions.values())) == sorted(map(sorted, _crowded().values()))
    assert validate(inst, _as_schedule(out.sessions)) == []


def test_arrange_keeps_a_presenter_in_one_room_per_block():
    # P-X gives Q-001 and G-001: after the rearrangement they are in different blocks
    presentations = [item("Q-001", presenters=("P-X",)), *items("Q", 22)[1:]]
    presentations += [item("G-001", category="攻关型", presenters=("P-X",))]
    presentations += items("G", 22, category="攻关型")[1:]
    inst = instance(ROOMS, [AM, PM], presentations)
    out = _arrange(inst, _crowded())
    assert out.parallel == 0
    where = {p: b for (_, b), ps in out.sessions.items() for p in ps}
    assert where["Q-001"] != where["G-001"]
    assert validate(inst, _as_schedule(out.sessions)) == []


def _blocked() -> tuple:
    """现场型 twice in the morning (R2's pinned, R1's presenter P-X also gives G-001 in the
    afternoon), 攻关型 once in the afternoon (not available in the morning), R2 free then."""
    presentations = [item("Q-001", presenters=("P-X",)), *items("Q", 22)[1:]]
    presentations[11] = item("Q-012", pinned=("R2", "D1-AM"))
    presentations += [item("G-001", category="攻关型", presenters=("P-X",), unavailable=("D1-AM",))]
    presentations += items("G", 11, category="攻关型", unavailable=("D1-AM",))[1:]
    sessions = {
        ("R1", "D1-AM"): _ids("Q", 1, 11),
        ("R2", "D1-AM"): _ids("Q", 12, 22),
        ("R1", "D1-PM"): _ids("G", 1, 11),
    }
    return instance(ROOMS, [AM, PM], presentations), sessions


def test_arrange_proves_the_parallel_session_a_pin_and_a_presenter_force():
    inst, sessions = _blocked()
    out = _arrange(inst, sessions)
    assert out.sessions == sessions
    assert (out.parallel, out.bound) == (1, 1)


def _full_long_blocks():
    """Two rooms, morning, afternoon and evening: four 现场型 sessions of 11 items (198
    minutes) fill every morning and afternoon room, so both 攻关型 sessions of 6 items must
    share the evening, although by their lengths alone they could spread over three blocks."""
    return instance(ROOMS, [AM, PM, EV], items("Q", 44) + items("G", 12, category="攻关型"))


def test_solve_reports_the_parallel_sessions_the_rooms_force():
    stats = solve(_full_long_blocks(), SolveConfig(time_limit=10)).stats
    assert stats is not None
    # 现场型: 4 sessions in 2 long blocks (2 forced by their lengths); 攻关型: 1 more by the rooms
    assert (stats.sessions_used, stats.parallel, stats.parallel_forced) == (6, 3, 3)


def test_arrange_bound_above_what_the_lengths_force():
    inst = _full_long_blocks()
    sessions = {
        ("R1", "D1-AM"): _ids("Q", 1, 11),
        ("R2", "D1-AM"): _ids("Q", 12, 22),
        ("R1", "D1-PM"): _ids("Q", 23, 33),
        ("R2", "D1-PM"): _ids("Q", 34, 44),
        ("R1", "D1-EV"): _ids("G", 1, 6),
        ("R2", "D1-EV"): _ids("G", 7, 12),
    }
    out = _arrange(inst, sessions, floor=2)
    assert (out.parallel, out.bound) == (3, 3)
    assert out.sessions == sessions
