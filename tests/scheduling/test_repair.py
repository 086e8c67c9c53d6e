"""Complete whenever a complete schedule exists; otherwise the best partial one, pins first,
each unplaced item with its own reason; the same behaviour for any number of workers."""

from __future__ import annotations

from pathlib import Path

from benchmarks.scheduling_instances import generate
from scheduling.io import instance_from_dict
from scheduling.model import SolveConfig
from scheduling.solver import solve
from scheduling.validate import validate
from tests.scheduling.builders import AM, PM, check, instance, item, items, room

CONFIG = SolveConfig(time_limit=5)


def test_repair_heavy_overlap_instance_comes_out_complete(tmp_path: Path):
    # A third of the items share a presenter: the plan relaxation cannot see that.
    inst = instance_from_dict(generate(150, 2, "overlap"))
    schedule = solve(inst, CONFIG)
    assert schedule.unscheduled == ()
    assert validate(inst, schedule) == []
    assert check(inst, schedule, tmp_path)["ok"] is True


def test_repair_person_with_two_items_in_one_block_is_complete():
    # One room, one block: P-7's two items must share the session (one item per person and
    # block, the fast placement's stricter rule, cannot hold).
    inst = instance(
        [room("R1")],
        [AM],
        [*items("Q", 8), item("A", presenters=("P-7",)), item("B", presenters=("P-7",))],
    )
    schedule = solve(inst, CONFIG)
    assert (len(schedule.assignments), schedule.unscheduled) == (10, ())


def test_repair_one_and_two_workers_both_complete():
    inst = instance_from_dict(generate(150, 1, "stories3x3"))
    one = solve(inst, SolveConfig(time_limit=5, workers=1))
    two = solve(inst, SolveConfig(time_limit=5, workers=2))
    assert (one.unscheduled, two.unscheduled) == ((), ())
    assert (one.stats.workers, two.stats.workers) == (1, 2)


def _overfull():
    """Two slots; 现场型 needs two sessions and 攻关型 one; a 现场型 item pinned to PM."""
    presentations = items("Q", 15) + items("G", 5, category="攻关型")
    presentations[14] = item("Q-015", pinned=("R1", "D1-PM"))
    return instance([room("R1")], [AM, PM], presentations)


def test_repair_partial_schedule_places_most_items_and_keeps_the_pin(tmp_path: Path):
    # Best partial: 攻关型 in AM and 11 现场型 (the pin among them) in PM: 16 placed, 4 out.
    # (现场型 in both blocks would place only 15.)
    inst = _overfull()
    schedule = solve(inst, CONFIG)
    where = schedule.by_presentation()
    assert (len(schedule.assignments), len(schedule.unscheduled)) == (16, 4)
    assert (where["Q-015"].room, where["Q-015"].block) == ("R1", "D1-PM")
    assert validate(inst, schedule) == []


def test_repair_unplaced_reason_names_its_own_category_and_no_time_advice():
    schedule = solve(_overfull(), CONFIG)
    reasons = [u.reason for u in schedule.unscheduled]
    assert all("现场型" in r for r in reasons)
    assert not any("延长时间限制" in r for r in reasons)
    assert not any("延长时间限制" in c.message for c in schedule.explanation)


def test_repair_unplaced_reason_never_points_to_an_unrelated_pin():
    # 攻关型 is pinned to R2; 现场型 has 23 items for the one room that takes QC groups.
    rooms = [room("R1", kinds=("qc",)), room("R2", kinds=("team",))]
    presentations = [*items("Q", 23), item("T-1", "生产型", kind="team", pinned=("R2", "D1-AM"))]
    schedule = solve(instance(rooms, [AM], presentations), CONFIG)
    assert len(schedule.unscheduled) == 12
    assert not any("T-1" in u.reason for u in schedule.unscheduled)


def test_repair_stats_report_placed_and_pins_unplaced():
    stats = solve(_overfull(), CONFIG).stats
    assert (stats.placed, stats.pins_unplaced) == (16, 0)


def test_repair_one_and_two_workers_leave_the_same_items_out():
    one = solve(_overfull(), SolveConfig(time_limit=5, workers=1))
    two = solve(_overfull(), SolveConfig(time_limit=5, workers=2))
    assert [u.presentation for u in one.unscheduled] == [u.presentation for u in two.unscheduled]
