"""Manual changes to panels: accepted when every rule holds, else Chinese refusals."""

from __future__ import annotations

from scheduling.panels import (
    Judge,
    PanelInstance,
    PanelPin,
    PanelRules,
    Panels,
    Seat,
    Session,
    add_judge,
    check_change,
    remove_judge,
    replace_judge,
    set_leader,
    validate,
)

DAY = "2026-07-20"
JUDGES = (
    Judge("A", "张三", "甲厂", "", ("qc",), True),
    Judge("B", "李四", "协会", "", ("qc",), False),
    Judge("C", "王五", "协会", "", ("qc",), True),
    Judge("D", "赵六", "协会", "", ("qc",), False),
)
SESSIONS = (
    Session("S1", "第一分会场", DAY, "08:30", "12:00", "qc", ("乙厂",)),
    Session("S2", "第二分会场", DAY, "08:30", "12:00", "qc", ("甲厂",)),
)
INST = PanelInstance(JUDGES, SESSIONS, PanelRules(min_judges=1, max_judges=3))
PANELS = Panels((Seat("S1", "A", True), Seat("S2", "C", True)))
S1 = "第一分会场 2026-07-20 08:30–12:00"


def rules(edit):
    return [v.rule for v in edit.violations]


def test_starting_panels_are_valid():
    assert validate(INST, PANELS) == []


def test_replace_by_a_judge_of_the_presenting_unit_in_another_room_refused():
    edit = replace_judge(INST, PANELS, "S2", "C", "A")
    assert edit.panels is None
    assert rules(edit) == ["own_unit", "double_booked"]


def test_replace_by_a_judge_sitting_elsewhere_at_that_time_refused():
    assert rules(replace_judge(INST, PANELS, "S1", "A", "C")) == ["double_booked"]


def test_replace_by_a_free_judge_accepted():
    edit = replace_judge(INST, Panels((Seat("S1", "A", True), Seat("S2", "B"))), "S2", "B", "C")
    assert edit.panels is not None and edit.panels.seats[1] == Seat("S2", "C", False)


def test_add_one_member_makes_an_even_panel_refused():
    edit = add_judge(INST, PANELS, "B", "S1")
    assert [(v.rule, v.message) for v in edit.violations] == [
        ("panel_size", f"{S1} 的评委组有 2 名评委，应为 1–3 名且为奇数")
    ]


def test_two_members_more_accepted():
    seats = (*PANELS.seats, Seat("S1", "B"), Seat("S1", "D"))
    assert check_change(INST, PANELS, seats) == []


def test_add_as_leader_who_may_not_lead_refused():
    edit = add_judge(INST, PANELS, "B", "S1", leader=True)
    assert rules(edit) == ["leader_not_allowed", "panel_size"]


def test_set_leader_who_may_not_lead_refused():
    panels = Panels(
        (Seat("S1", "A", True), Seat("S1", "B"), Seat("S1", "D"), Seat("S2", "C", True))
    )
    edit = set_leader(INST, panels, "S1", "D")
    assert [(v.rule, v.message) for v in edit.violations] == [
        ("leader_not_allowed", f"赵六（协会） 不能担任组长（{S1}）")
    ]


def test_set_leader_of_a_non_member_refused():
    edit = set_leader(INST, PANELS, "S1", "C")
    assert [(v.rule, v.message) for v in edit.violations] == [
        ("not_member", f"王五（协会） 不在 {S1} 的评委组中")
    ]


def test_set_leader_to_a_member_who_may_lead_accepted():
    panels = Panels(
        (Seat("S1", "A", True), Seat("S1", "B"), Seat("S1", "C"), Seat("S2", "D", True))
    )
    edit = set_leader(INST, panels, "S1", "C")  # D leading S2 was wrong before: not blamed
    assert edit.panels is not None
    assert [s for s in edit.panels.seats if s.leader and s.session == "S1"] == [
        Seat("S1", "C", True)
    ]


def test_remove_the_only_member_refused():
    assert rules(remove_judge(INST, PANELS, "A", "S1")) == ["panel_size", "leader_count"]


def test_remove_a_pinned_judge_refused():
    inst = PanelInstance(JUDGES, SESSIONS, INST.rules, (PanelPin("B", "S1"),))
    panels = Panels(
        (Seat("S1", "A", True), Seat("S1", "B"), Seat("S1", "D"), Seat("S2", "C", True))
    )
    assert rules(remove_judge(inst, panels, "B", "S1")) == ["panel_size", "pin_broken"]


def test_unknown_judge_refused():
    assert rules(add_judge(INST, PANELS, "Z", "S1")) == ["unknown_ref"]
