"""Plenary items hold part of a room's block: sessions use what they leave, never overlap."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from scheduling.io import InstanceError, instance_from_dict, instance_to_dict
from scheduling.model import Assignment, Plenary, Schedule, SolveConfig
from scheduling.solver import solve
from scheduling.validate import validate
from tests.scheduling.builders import AM, check, instance, items, room

CONFIG = SolveConfig(time_limit=5)
OPENING = Plenary("开幕式", "R1", "D1-AM", "08:30", "09:30")
BREAK = Plenary("茶歇", "R1", "D1-AM", "10:00", "10:20")


def _with(plenary, count):
    return replace(instance([room("R1")], [AM], items("Q", count)), plenary=tuple(plenary))


def test_plenary_sessions_start_after_the_opening(tmp_path: Path):
    inst = _with([OPENING], 8)  # 150 minutes left: 8 items of 18
    schedule = solve(inst, CONFIG)
    assert schedule.unscheduled == ()
    assert min(a.start for a in schedule.assignments) == "09:30"
    assert validate(inst, schedule) == []
    assert check(inst, schedule, tmp_path)["ok"] is True


def test_plenary_leaves_no_room_for_a_ninth_item():
    schedule = solve(_with([OPENING], 9), CONFIG)
    assert (len(schedule.assignments), len(schedule.unscheduled)) == (8, 1)


def test_plenary_break_in_the_middle_is_skipped():
    # 08:30–10:00 holds 5, 10:20–12:00 holds 5: ten items, none across the break.
    inst = _with([BREAK], 10)
    schedule = solve(inst, CONFIG)
    assert schedule.unscheduled == ()
    assert [a.start for a in schedule.assignments][4:6] == ["09:42", "10:20"]
    assert validate(inst, schedule) == []


def test_plenary_break_in_the_middle_costs_the_eleventh_item():
    schedule = solve(_with([BREAK], 11), CONFIG)
    assert len(schedule.unscheduled) == 1


def test_plenary_validate_refuses_an_overlap():
    inst = _with([OPENING], 1)
    schedule = Schedule((Assignment("Q-001", "R1", "D1-AM", "09:00", "09:18", 1),))
    assert [v.rule for v in validate(inst, schedule)] == ["plenary_overlap"]


def test_plenary_in_another_room_takes_nothing():
    inst = replace(
        instance([room("R1"), room("R2")], [AM], items("Q", 11)),
        plenary=(replace(OPENING, room="R2"),),
    )
    schedule = solve(inst, CONFIG)
    assert {a.room for a in schedule.assignments} == {"R1"}
    assert schedule.unscheduled == ()


def test_plenary_round_trips_through_json():
    inst = _with([OPENING], 2)
    assert instance_from_dict(instance_to_dict(inst)).plenary == (OPENING,)


def test_plenary_unknown_room_names_the_field():
    data = instance_to_dict(_with([OPENING], 2))
    data["plenary"][0]["room"] = "R9"
    with pytest.raises(InstanceError) as caught:
        instance_from_dict(data)
    assert caught.value.field == "plenary[0].room"


def test_plenary_outside_its_block_names_the_field():
    data = instance_to_dict(_with([OPENING], 2))
    data["plenary"][0]["end"] = "12:30"
    with pytest.raises(InstanceError) as caught:
        instance_from_dict(data)
    assert caught.value.field == "plenary[0].end"
