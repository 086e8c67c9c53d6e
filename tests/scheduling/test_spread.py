"""spread.py: whole sessions moved between blocks so that one theme runs less in parallel;
and quality.parallel_bound, the lower bound on parallel sessions the stats report."""

from __future__ import annotations

from collections import Counter

from scheduling.model import Assignment, Schedule
from scheduling.prepare import prepare
from scheduling.quality import parallel_bound
from scheduling.spread import spread
from scheduling.validate import validate
from tests.scheduling.builders import AM, EV, PM, instance, item, items, room

ROOMS = [room("R1"), room("R2")]
NEVER = float("inf")  # a deadline never reached (not import time + 60 s: the suite runs longer)


def _as_schedule(sessions: dict[tuple[str, str], list[str]]) -> Schedule:
    return Schedule(tuple(Assignment(p, r, b) for (r, b), ps in sessions.items() for p in ps))


def _per_block(sessions: dict[tuple[str, str], list[str]]) -> Counter[tuple[str, str]]:
    return Counter((ps[0][0], b) for (_, b), ps in sessions.items())


def _crowded() -> dict[tuple[str, str], list[str]]:
    """Both 现场型 sessions in the morning, both 攻关型 sessions in the afternoon."""
    q, g = [f"Q-{i:03d}" for i in range(1, 23)], [f"G-{i:03d}" for i in range(1, 23)]
    return {
        ("R1", "D1-AM"): q[:11],
        ("R2", "D1-AM"): q[11:],
        ("R1", "D1-PM"): g[:11],
        ("R2", "D1-PM"): g[11:],
    }


def _two_themes(**q_kwargs):
    presentations = items("Q", 22, **q_kwargs) + items("G", 22, category="攻关型")
    return instance(ROOMS, [AM, PM], presentations)


def test_spread_exchanges_sessions_so_each_theme_has_one_per_block():
    inst = _two_themes()
    out = spread(prepare(inst), _crowded(), NEVER)
    assert set(_per_block(out).values()) == {1}
    assert sorted(map(sorted, out.values())) == sorted(map(sorted, _crowded().values()))
    assert validate(inst, _as_schedule(out)) == []


def test_spread_moves_into_a_free_room():
    inst = instance([*ROOMS, room("R3")], [AM, PM], items("Q", 22))
    sessions = {("R1", "D1-AM"): [f"Q-{i:03d}" for i in range(1, 12)]}
    sessions["R2", "D1-AM"] = [f"Q-{i:03d}" for i in range(12, 23)]
    out = spread(prepare(inst), sessions, NEVER)
    assert sorted(b for _, b in out) == ["D1-AM", "D1-PM"]


def _blocked(presenter: str) -> tuple:
    """现场型 twice in the morning (R2's pinned), 攻关型 once in R1 in the afternoon (not
    available in the morning), R2 free in the afternoon; Q-001 and G-001 by `presenter`."""
    presentations = [item("Q-001", presenters=(presenter,)), *items("Q", 22)[1:]]
    presentations[11] = item("Q-012", pinned=("R2", "D1-AM"))
    presentations += [item("G-001", category="攻关型", presenters=("P-X",), unavailable=("D1-AM",))]
    presentations += items("G", 11, category="攻关型", unavailable=("D1-AM",))[1:]
    sessions = {
        ("R1", "D1-AM"): [f"Q-{i:03d}" for i in range(1, 12)],
        ("R2", "D1-AM"): [f"Q-{i:03d}" for i in range(12, 23)],
        ("R1", "D1-PM"): [f"G-{i:03d}" for i in range(1, 12)],
    }
    return instance(ROOMS, [AM, PM], presentations), sessions


def test_spread_never_moves_a_pinned_session_nor_splits_a_presenter():
    inst, sessions = _blocked("P-X")  # P-X presents in R1 in the afternoon already
    assert spread(prepare(inst), sessions, NEVER) == sessions
    inst, sessions = _blocked("P-Q")
    out = spread(prepare(inst), sessions, NEVER)
    assert ("R2", "D1-PM") in out and out["R2", "D1-AM"] == sessions["R2", "D1-AM"]
    assert validate(inst, _as_schedule(out)) == []


def test_spread_respects_unavailable_blocks():
    inst = _two_themes(unavailable=("D1-PM",))
    assert spread(prepare(inst), _crowded(), NEVER) == _crowded()


def test_parallel_bound_counts_the_blocks_a_theme_can_spread_over():
    # 22 items of 18 minutes: two sessions; one morning block only, so one is in parallel.
    one_block = instance(ROOMS, [AM], items("Q", 22))
    assert parallel_bound(one_block, {("qc", "现场型"): 22}, 2) == 1
    two_blocks = instance(ROOMS, [AM, PM], items("Q", 22))
    assert parallel_bound(two_blocks, {("qc", "现场型"): 22}, 2) == 0
    # 20 items, morning and evening: 11 + 6 < 20, so two sessions must share the morning.
    evening = instance(ROOMS, [AM, EV], items("Q", 20))
    assert parallel_bound(evening, {("qc", "现场型"): 20}, 2) == 1
    # with a third session allowed, 11 + 6 + 11 holds them, still one block short
    assert parallel_bound(evening, {("qc", "现场型"): 20}, 3) == 1
