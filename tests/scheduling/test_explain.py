"""Infeasible instances built on purpose: the explanation names the rule that blocks."""

from __future__ import annotations

from scheduling.io import schedule_to_dict
from scheduling.model import SolveConfig
from scheduling.solver import solve
from scheduling.validate import validate
from tests.scheduling.builders import AM, PM, instance, item, items, room

FAST = SolveConfig(time_limit=2)


def test_explain_category_capacity_names_sessions_needed():
    inst = instance([room("R1"), room("R2")], [AM, PM], items("Q", 50))
    schedule = solve(inst, FAST)
    assert [c.rule for c in schedule.explanation] == ["category_capacity"]
    assert schedule.explanation[0].message == (
        "现场型 需要 5 个 210 分钟的场次，但只有 4 个「分会场×时段」接收现场型"
    )
    assert len(schedule.unscheduled) == 6
    assert len(schedule.assignments) == 44
    assert validate(inst, schedule) == []


def test_explain_category_capacity_in_json():
    inst = instance([room("R1")], [AM], items("Q", 12))
    out = schedule_to_dict(solve(inst, FAST))
    assert out["explanation"]["conflicts"][0]["rule"] == "category_capacity"
    assert out["explanation"]["conflicts"][0]["category"] == "现场型"
    assert out["unscheduled"][0]["reason"].startswith("无法安排：现场型 需要 2 个")


def test_explain_pins_clash_names_both_items():
    inst = instance(
        [room("R1")],
        [AM, PM],
        [item("A", "现场型", pinned=("R1", "D1-AM")), item("B", "攻关型", pinned=("R1", "D1-AM"))],
    )
    schedule = solve(inst, FAST)
    assert [(c.rule, c.presentation) for c in schedule.explanation] == [("pin_clash", "B")]
    assert schedule.unscheduled[0].reason == "与 A 固定在同一场次（R1 D1-AM），但类别不同"


def test_explain_room_kind_no_room_takes_stories():
    inst = instance(
        [room("R1", kinds=("qc",))], [AM], [item("S", "品牌文化", kind="story", minutes=10)]
    )
    schedule = solve(inst, FAST)
    assert [c.rule for c in schedule.explanation] == ["room_kind"]
    assert schedule.unscheduled[0].reason == "没有分会场接收「品牌故事」类发表"


def test_explain_room_kind_too_few_rooms_for_two_themes():
    inst = instance(
        [room("R1", kinds=("story",)), room("R2", kinds=("qc",))],
        [AM],
        items("Q", 3, category="现场型") + items("G", 3, category="攻关型"),
    )
    schedule = solve(inst, FAST)
    assert {c.rule for c in schedule.explanation} == {"category_capacity", "room_kind"}
    assert len(schedule.unscheduled) == 3


def test_explain_room_capacity_single_item_too_big():
    inst = instance([room("R1", 100)], [AM], [item("A", audience=300)])
    schedule = solve(inst, FAST)
    assert [c.rule for c in schedule.explanation] == ["room_capacity"]
    assert schedule.unscheduled[0].reason == (
        "预计听众 300 人，超过接收「QC小组」的最大分会场容量 100 人"
    )


def test_explain_room_capacity_big_hall_too_few_sessions():
    inst = instance(
        [room("R1", 300), room("R2", 50), room("R3", 50)],
        [AM],
        items("Q", 3, category="现场型", audience=200)
        + items("G", 3, category="攻关型", audience=200),
    )
    schedule = solve(inst, FAST)
    assert {c.rule for c in schedule.explanation} == {"room_capacity"}
    assert len(schedule.unscheduled) == 3


def test_explain_presenter_blocks_three_themes_two_blocks():
    inst = instance(
        [room("R1"), room("R2"), room("R3")],
        [AM, PM],
        [
            item("A", "现场型", presenters=("P-1",)),
            item("B", "攻关型", presenters=("P-1",)),
            item("C", "管理型", presenters=("P-1",)),
        ],
    )
    schedule = solve(inst, FAST)
    assert [(c.rule, c.person) for c in schedule.explanation] == [("presenter", "P-1")]
    assert len(schedule.unscheduled) == 1
    assert "须在不同时段；但可用时段只有 2 个" in schedule.unscheduled[0].reason
    assert validate(inst, schedule) == []


def test_explain_feasible_instance_has_no_explanation():
    schedule = solve(instance([room("R1")], [AM], items("Q", 3)), FAST)
    assert schedule.explanation == ()
    assert schedule_to_dict(schedule)["explanation"] is None
