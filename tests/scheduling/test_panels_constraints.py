"""Each constraint family of scheduling/panels: one feasible and one infeasible tiny model."""

from __future__ import annotations

from typing import Any

from scheduling.cpsat import cp_model
from scheduling.panels.constraints import (
    add_no_overlap,
    add_one_leader,
    add_own_unit,
    add_panel_size,
    add_pins,
    add_qualified,
    new_vars,
)
from scheduling.panels.model import Judge, PanelInstance, PanelPin, PanelRules, Session

DAY = "2026-07-20"
JUDGES = (
    Judge("A", "张三", "甲厂", "", ("qc",), True),
    Judge("B", "李四", "协会", "", ("qc", "story"), False),
)
SESSIONS = (
    Session("S1", "一", DAY, "08:30", "12:00", "qc", ("甲厂",)),
    Session("S2", "二", DAY, "09:00", "10:00", "story", ()),
    Session("S3", "一", DAY, "14:00", "17:30", "qc", ()),
)


ONE = PanelRules(min_judges=1, max_judges=1)


def setup(rules=ONE, pins=()):
    inst = PanelInstance(JUDGES, SESSIONS, rules, tuple(pins))
    model = cp_model().CpModel()
    pairs = [(j.id, s.id) for j in JUDGES for s in SESSIONS]
    return inst, model, new_vars(model, pairs)


def status(model: Any, fixed: dict[Any, int]) -> str:
    for var, value in fixed.items():
        model.add(var == value)
    solver = cp_model().CpSolver()
    solver.parameters.num_workers = 1
    return solver.status_name(solver.solve(model))


def test_variables_are_named():
    _, _, v = setup()
    assert v.x["A", "S1"].name == "x[j=A,s=S1]" and v.lead["B", "S2"].name == "lead[j=B,s=S2]"


def test_own_unit_judge_of_the_unit_infeasible():
    inst, model, v = setup()
    add_own_unit(model, v, inst)
    assert status(model, {v.x["A", "S1"]: 1}) == "INFEASIBLE"


def test_own_unit_other_judge_feasible():
    inst, model, v = setup()
    add_own_unit(model, v, inst)
    assert status(model, {v.x["B", "S1"]: 1, v.x["A", "S3"]: 1}) == "OPTIMAL"


def test_qualified_unqualified_infeasible():
    inst, model, v = setup()
    add_qualified(model, v, inst)
    assert status(model, {v.x["A", "S2"]: 1}) == "INFEASIBLE"


def test_qualified_qualified_feasible():
    inst, model, v = setup()
    add_qualified(model, v, inst)
    assert status(model, {v.x["B", "S2"]: 1}) == "OPTIMAL"


def test_no_overlap_two_rooms_at_once_infeasible():
    inst, model, v = setup()
    add_no_overlap(model, v, inst)
    assert status(model, {v.x["B", "S1"]: 1, v.x["B", "S2"]: 1}) == "INFEASIBLE"


def test_no_overlap_morning_and_afternoon_feasible():
    inst, model, v = setup()
    add_no_overlap(model, v, inst)
    assert status(model, {v.x["B", "S1"]: 1, v.x["B", "S3"]: 1}) == "OPTIMAL"


def test_panel_size_even_infeasible():
    inst, model, v = setup(PanelRules(min_judges=1, max_judges=3))
    add_panel_size(model, v, inst)
    assert status(model, {v.x["A", "S1"]: 1, v.x["B", "S1"]: 1}) == "INFEASIBLE"


def test_panel_size_empty_infeasible_and_one_feasible():
    inst, model, v = setup()
    add_panel_size(model, v, inst)
    assert status(model, {v.x["A", "S1"]: 0, v.x["B", "S1"]: 0}) == "INFEASIBLE"
    inst, model, v = setup()
    add_panel_size(model, v, inst)
    assert status(model, {v.x["A", "S1"]: 1, v.x["B", "S1"]: 0}) == "OPTIMAL"


def test_one_leader_who_may_not_lead_infeasible():
    inst, model, v = setup()
    add_one_leader(model, v, inst)
    assert status(model, {v.lead["A", "S2"]: 0}) == "INFEASIBLE"  # B cannot lead S2


def test_one_leader_leader_must_sit_on_the_panel():
    inst, model, v = setup()
    add_one_leader(model, v, inst)
    assert status(model, {v.lead["A", "S1"]: 1, v.x["A", "S1"]: 0}) == "INFEASIBLE"


def test_one_leader_feasible():
    inst, model, v = setup()
    add_one_leader(model, v, inst)
    assert status(model, {v.lead["A", "S1"]: 1}) == "OPTIMAL"


def test_pins_pinned_judge_off_infeasible():
    inst, model, v = setup(pins=[PanelPin("B", "S3")])
    add_pins(model, v, inst)
    assert status(model, {v.x["B", "S3"]: 0}) == "INFEASIBLE"


def test_pins_pinned_leader_feasible_and_forced():
    inst, model, v = setup(pins=[PanelPin("A", "S3", leader=True)])
    add_pins(model, v, inst)
    assert status(model, {v.x["A", "S3"]: 1}) == "OPTIMAL"
    inst, model, v = setup(pins=[PanelPin("A", "S3", leader=True)])
    add_pins(model, v, inst)
    assert status(model, {v.lead["A", "S3"]: 0}) == "INFEASIBLE"
