"""Lower bounds: the count bound and the plan relaxation beat the naive minutes bound."""

from __future__ import annotations

import time

from scheduling.bounds import count_bound, naive_bound, plan_sessions
from scheduling.cpsat import Clock
from scheduling.model import SolveConfig
from scheduling.prepare import prepare
from tests.scheduling.builders import AM, EV, PM, instance, item, items, room


def _plan(inst):
    return plan_sessions(prepare(inst), SolveConfig(), Clock(time.perf_counter()), 2.0)


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
