"""validate.py finds each broken rule without any solver."""

from __future__ import annotations

from scheduling.model import Assignment, Schedule, Unscheduled
from scheduling.validate import validate
from tests.scheduling.builders import AM, PM, instance, item, room


def _inst():
    return instance(
        [room("R1", 100, ("qc",)), room("R2", 50, ("qc", "story"))],
        [AM, PM],
        [
            item("A", presenters=("P-1",)),
            item("B", "攻关型", presenters=("P-1",)),
            item("C", audience=80, unavailable=("D1-PM",)),
            item("S", "品牌文化", kind="story", minutes=10, pinned=("R2", "D1-AM")),
        ],
    )


def _rules(assignments, unscheduled=()):
    return sorted(v.rule for v in validate(_inst(), Schedule(tuple(assignments), unscheduled)))


GOOD = [
    Assignment("A", "R1", "D1-AM", "08:30", "08:48", 1),
    Assignment("C", "R1", "D1-AM", "08:48", "09:06", 2),
    Assignment("B", "R1", "D1-PM", "13:30", "13:48", 1),
    Assignment("S", "R2", "D1-AM", "08:30", "08:40", 1),
]


def test_validate_good_schedule_is_empty():
    assert _rules(GOOD) == []


def test_validate_missing_item_without_reason():
    assert _rules(GOOD[:3]) == ["unscheduled"]


def test_validate_missing_item_with_reason_is_fine():
    assert _rules(GOOD[:3], (Unscheduled("S", "原因"),)) == []


def test_validate_presenter_in_two_rooms():
    moved = [*GOOD[:2], Assignment("B", "R2", "D1-AM", "08:40", "08:58", 2), GOOD[3]]
    assert _rules(moved) == ["mixed_category_sessions", "presenter_double_booking"]


def test_validate_capacity_kind_unavailable_pin():
    bad = [
        GOOD[0],
        Assignment("C", "R2", "D1-PM", "13:30", "13:48", 1),
        GOOD[2],
        Assignment("S", "R1", "D1-AM", "08:48", "08:58", 2),
    ]
    assert _rules(bad) == [
        "capacity_mismatch",
        "kind_mismatch",
        "mixed_category_sessions",
        "pinned_moved",
        "unavailable_block",
    ]


def test_validate_overlap_and_window():
    bad = [
        Assignment("A", "R1", "D1-AM", "08:30", "08:48", 1),
        Assignment("C", "R1", "D1-AM", "08:40", "08:58", 2),
        GOOD[2],
        Assignment("S", "R2", "D1-AM", "11:55", "12:05", 1),
    ]
    assert _rules(bad) == ["outside_block_window", "time_overlap_in_session"]


def test_validate_over_length_and_duplicate():
    long_inst = instance([room("R1")], [AM], [item(f"Q{i}") for i in range(12)])
    over = [Assignment(f"Q{i}", "R1", "D1-AM") for i in range(12)]
    rules = [v.rule for v in validate(long_inst, Schedule((*over, over[0])))]
    assert rules == ["duplicate", "over_length_sessions"]
