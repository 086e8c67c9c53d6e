"""Lower bounds: the count bound and the plan relaxation beat the naive minutes bound."""

from __future__ import annotations

import time

from scheduling.bounds import count_bound, linked_items, naive_bound, plan_sessions
from scheduling.cpsat import Clock
from scheduling.model import SolveConfig
from scheduling.prepare import prepare
from scheduling.solver import solve
from tests.scheduling.builders import AM, EV, PM, check, instance, item, items, room


def _plan(inst, linked=False):
    prep = prepare(inst)
    clock = Clock(time.perf_counter())
    return plan_sessions(prep, SolveConfig(), clock, 2.0, linked_items(prep) if linked else None)


def test_bounds_count_beats_naive_for_equal_lengths():
    prep = prepare(instance([room("R1"), room("R2")], [AM, PM], items("Q", 23)))
    assert (naive_bound(prep), count_bound(prep)) == (2, 3)


def test_bounds_plan_counts_pins_in_two_sessions():
    inst = instance(
        [room("R1"), room("R2")],
        [AM, PM],
        [item("A", pinned=("R1", "D1-AM")), item("B", pinned=("R2", "D1-PM"))],
    )
    plan = _plan(inst)
    assert (count_bound(prepare(inst)), plan.lower_bound, plan.optimal) == (1, 2, True)


def test_bounds_plan_short_block_too_small_returns_none():
    # The 210-minute block is taken by a pinned story; the 120-minute evening holds only 6 of
    # the 12 items although their 216 minutes would fit one long block.
    inst = instance(
        [room("R1")],
        [AM, EV],
        [*items("Q", 12), item("S", "品牌文化", kind="story", minutes=10, pinned=("R1", "D1-AM"))],
    )
    plan = _plan(inst)
    assert plan is None


def test_bounds_plan_big_audience_needs_big_room_sessions():
    inst = instance([room("R1", 300), room("R2", 50)], [AM, PM], items("Q", 13, audience=200))
    plan = _plan(inst)
    assert (plan.lower_bound, sorted(r for _, r, _ in plan.sessions)) == (2, ["R1", "R1"])


def _shared_person_case():
    # P-X presents A-001 (morning only) and B-001: B-001 must go to the afternoon, although
    # the other ten B items (morning only) and B-001 would fill one morning session by count.
    a = [item("A-001", presenters=("P-X",), unavailable=("D1-PM",)), *items("A", 5)[1:]]
    b = [item("B-001", "攻关型", presenters=("P-X",))]
    b += [item(f"B-{i:03d}", "攻关型", unavailable=("D1-PM",)) for i in range(2, 12)]
    return instance([room("R1"), room("R2")], [AM, PM], a + b)


def test_bounds_plan_places_the_items_of_people_in_two_themes_when_linked():
    by_count, linked = _plan(_shared_person_case()), _plan(_shared_person_case(), linked=True)
    blocks_of_b = sorted(b for t, _, b in linked.sessions if t[1] == "攻关型")
    assert (by_count.lower_bound, linked.lower_bound, linked.optimal) == (2, 3, True)
    assert blocks_of_b == ["D1-AM", "D1-PM"]


def test_bounds_solve_plans_again_when_the_plan_by_counts_cannot_be_filled(tmp_path):
    phases = []
    config = SolveConfig(time_limit=10, progress=lambda p: phases.append(p["phase"]))
    schedule = solve(_shared_person_case(), config)
    # the plan by counts, the placement into it failing, then the plan with P-X's items
    assert "plan" in phases[phases.index("placement") :]
    assert schedule.stats is not None and not schedule.unscheduled
    assert (schedule.stats.sessions_used, schedule.stats.lower_bound) == (3, 3)
    assert check(_shared_person_case(), schedule, tmp_path)["total"] == 0


def test_bounds_linked_plan_without_a_complete_schedule_is_none():
    # P-X in three themes, two blocks: no complete schedule (the plan by counts stays)
    three = [
        item("A-001", presenters=("P-X",)),
        item("B-001", "攻关型", presenters=("P-X",)),
        item("C-001", "管理型", presenters=("P-X",)),
    ]
    inst = instance([room("R1"), room("R2")], [AM, PM], three)
    assert (_plan(inst).lower_bound, _plan(inst, linked=True)) == (3, None)
