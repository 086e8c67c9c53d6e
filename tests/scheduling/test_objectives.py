"""The goals after the session count, solved one after the other and reported in stats."""

from __future__ import annotations

from scheduling.io import schedule_to_dict
from scheduling.model import SolveConfig
from scheduling.solver import solve
from tests.scheduling.builders import AM, EV, PM, instance, item, items, room

CONFIG = SolveConfig(time_limit=5)


def _sessions(schedule) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for a in schedule.assignments:
        out.setdefault((a.room, a.block), []).append(a.presentation)
    return out


def _two_themes(blocks):
    presentations = items("Q", 22) + items("G", 22, category="攻关型")
    return instance([room("R1"), room("R2")], blocks, presentations)


def test_objectives_one_category_not_in_parallel_when_blocks_allow():
    schedule = solve(_two_themes([AM, PM]), CONFIG)
    per_block = {
        b: sorted(pids[0][0] for (_, bb), pids in _sessions(schedule).items() if bb == b)
        for b in ("D1-AM", "D1-PM")
    }
    assert per_block == {"D1-AM": ["G", "Q"], "D1-PM": ["G", "Q"]}
    assert (schedule.stats.parallel, schedule.stats.parallel_forced) == (0, 0)


def test_objectives_parallel_forced_when_one_block_only():
    inst = instance([room("R1"), room("R2")], [AM], items("Q", 22))
    stats = solve(inst, CONFIG).stats
    assert (stats.sessions_used, stats.parallel, stats.parallel_forced) == (2, 1, 1)


def test_objectives_a_category_keeps_one_room():
    # Two 现场型 sessions in two blocks and a 攻关型 one: 现场型 stays in one room.
    presentations = items("Q", 22) + items("G", 11, category="攻关型")
    inst = instance([room("R1"), room("R2"), room("R3")], [AM, PM], presentations)
    schedule = solve(inst, CONFIG)
    rooms = {r for (r, _), pids in _sessions(schedule).items() if pids[0].startswith("Q")}
    assert len(rooms) == 1
    assert schedule.stats.rooms_per_category == 2


def test_objectives_small_session_goes_to_the_small_room():
    inst = instance([room("R1", 400), room("R2", 100)], [AM], items("S", 2, audience=50))
    schedule = solve(inst, CONFIG)
    assert {a.room for a in schedule.assignments} == {"R2"}
    assert schedule.stats.empty_seats == 50


def test_objectives_big_audience_still_gets_the_big_room():
    inst = instance([room("R1", 400), room("R2", 100)], [AM], items("S", 2, audience=150))
    schedule = solve(inst, CONFIG)
    assert {a.room for a in schedule.assignments} == {"R1"}
    assert schedule.stats.empty_seats == 250


def test_objectives_sessions_come_before_spreading():
    # 12 items fit one long block only if split; the evening holds 6: two sessions, and the
    # spread never buys a third.
    inst = instance([room("R1"), room("R2")], [AM, EV], items("Q", 12))
    assert solve(inst, CONFIG).stats.sessions_used == 2


def test_objectives_every_term_is_in_the_stats_json():
    stats = schedule_to_dict(solve(_two_themes([AM, PM]), CONFIG))["stats"]
    terms = ("placed", "pins_unplaced", "sessions_used", "changes_vs_previous", "parallel")
    terms += ("parallel_forced", "parallel_bound", "rooms_per_category", "empty_seats")
    terms += ("near_empty", "unit_splits")
    assert set(terms) <= set(stats)


def test_objectives_unit_items_in_one_block_share_a_room():
    # Two rooms, one block, two 现场型 sessions: ORG-1's two results sit in one of them.
    presentations = [
        *items("Q", 18),
        item("A", organization="ORG-1"),
        item("B", organization="ORG-1"),
    ]
    schedule = solve(instance([room("R1"), room("R2")], [AM], presentations), CONFIG)
    where = schedule.by_presentation()
    assert where["A"].room == where["B"].room
    assert schedule.stats.unit_splits == 0
