"""Each constraint family: one feasible and one infeasible case on a tiny model."""

from __future__ import annotations

from typing import Any

from scheduling.bounds import plan_keys
from scheduling.constraints import (
    add_one_item_per_person_block,
    add_one_theme_per_session,
    add_pins,
    add_placed_once,
    add_presenter_blocks,
    add_room_kinds,
    add_session_capacity,
    add_stays,
    add_unavailability,
    new_vars,
)
from scheduling.cpsat import cp_model
from scheduling.model import Assignment
from scheduling.prepare import prepare
from tests.scheduling.builders import AM, PM, instance, item, items, room

QC = ("qc", "现场型")
GG = ("qc", "攻关型")


def _setup(inst: Any, blocks_for: Any = None, y_keys: Any = None, stays: Any = None):
    prep = prepare(inst)
    model = cp_model().CpModel()
    blocks = (
        blocks_for
        if blocks_for is not None
        else {p: tuple(b.id for b in inst.blocks) for items_ in prep.items.values() for p in items_}
    )
    v = new_vars(model, prep, blocks, y_keys if y_keys is not None else plan_keys(prep), stays)
    return prep, model, v


def _status(model: Any, fixed: dict[Any, int]) -> str:
    for var, value in fixed.items():
        model.add(var == value)
    solver = cp_model().CpSolver()
    solver.parameters.num_workers = 1
    return solver.status_name(solver.solve(model))


def _two_themes():
    return instance([room("R1"), room("R2")], [AM, PM], [item("A", "现场型"), item("B", "攻关型")])


def test_one_theme_per_session_two_themes_in_one_room_infeasible():
    _, model, v = _setup(_two_themes())
    add_one_theme_per_session(model, v)
    assert _status(model, {v.y[QC, "R1", "D1-AM"]: 1, v.y[GG, "R1", "D1-AM"]: 1}) == "INFEASIBLE"


def test_one_theme_per_session_two_rooms_feasible():
    _, model, v = _setup(_two_themes())
    add_one_theme_per_session(model, v)
    assert _status(model, {v.y[QC, "R1", "D1-AM"]: 1, v.y[GG, "R2", "D1-AM"]: 1}) == "OPTIMAL"


def test_placed_once_two_blocks_infeasible():
    _, model, v = _setup(_two_themes())
    add_placed_once(model, v)
    assert _status(model, {v.x["A", "D1-AM"]: 1, v.x["A", "D1-PM"]: 1}) == "INFEASIBLE"


def test_placed_once_must_place_nowhere_infeasible():
    _, model, v = _setup(_two_themes())
    add_placed_once(model, v, must_place=True)
    assert _status(model, {v.x["A", "D1-AM"]: 0, v.x["A", "D1-PM"]: 0}) == "INFEASIBLE"


def test_placed_once_one_block_feasible():
    _, model, v = _setup(_two_themes())
    add_placed_once(model, v, must_place=True)
    assert _status(model, {v.x["A", "D1-AM"]: 1}) == "OPTIMAL"


def _crowd(count: int, audience: int = 50):
    inst = instance([room("R1", 100), room("R2", 200)], [AM], items("Q", count, audience=audience))
    prep, model, v = _setup(inst)
    add_session_capacity(model, v, prep)
    return model, v


def test_session_capacity_twelve_items_one_session_infeasible():
    model, v = _crowd(12)
    fixed = {var: 1 for var in v.x.values()} | {
        v.y[QC, "R1", "D1-AM"]: 1,
        v.y[QC, "R2", "D1-AM"]: 0,
    }
    assert _status(model, fixed) == "INFEASIBLE"


def test_session_capacity_eleven_items_one_session_feasible():
    model, v = _crowd(11)
    fixed = {var: 1 for var in v.x.values()} | {
        v.y[QC, "R1", "D1-AM"]: 1,
        v.y[QC, "R2", "D1-AM"]: 0,
    }
    assert _status(model, fixed) == "OPTIMAL"


def test_session_capacity_big_audience_small_room_infeasible():
    model, v = _crowd(1, audience=150)
    fixed = {v.x["Q-001", "D1-AM"]: 1, v.y[QC, "R1", "D1-AM"]: 1, v.y[QC, "R2", "D1-AM"]: 0}
    assert _status(model, fixed) == "INFEASIBLE"


def test_session_capacity_big_audience_big_room_feasible():
    model, v = _crowd(1, audience=150)
    fixed = {v.x["Q-001", "D1-AM"]: 1, v.y[QC, "R1", "D1-AM"]: 0, v.y[QC, "R2", "D1-AM"]: 1}
    assert _status(model, fixed) == "OPTIMAL"


def _presenter():
    inst = instance(
        [room("R1"), room("R2")],
        [AM, PM],
        [item("A", "现场型", presenters=("P-1",)), item("B", "攻关型", presenters=("P-1",))],
    )
    prep, model, v = _setup(inst)
    add_presenter_blocks(model, v, prep)
    return model, v


def test_presenter_blocks_two_themes_same_block_infeasible():
    model, v = _presenter()
    assert _status(model, {v.x["A", "D1-AM"]: 1, v.x["B", "D1-AM"]: 1}) == "INFEASIBLE"


def test_presenter_blocks_two_themes_two_blocks_feasible():
    model, v = _presenter()
    assert _status(model, {v.x["A", "D1-AM"]: 1, v.x["B", "D1-PM"]: 1}) == "OPTIMAL"


def _unavailable():
    inst = instance([room("R1")], [AM, PM], [item("A", unavailable=("D1-AM",))])
    prep = prepare(inst)
    _, model, v = _setup(inst, blocks_for={"A": ("D1-AM", "D1-PM")})
    add_unavailability(model, v, prep)
    return model, v


def test_unavailability_in_unavailable_block_infeasible():
    model, v = _unavailable()
    assert _status(model, {v.x["A", "D1-AM"]: 1}) == "INFEASIBLE"


def test_unavailability_in_other_block_feasible():
    model, v = _unavailable()
    assert _status(model, {v.x["A", "D1-PM"]: 1}) == "OPTIMAL"


def _pinned():
    inst = instance([room("R1"), room("R2")], [AM, PM], [item("A", pinned=("R2", "D1-PM"))])
    prep, model, v = _setup(inst, blocks_for={"A": ("D1-AM", "D1-PM")})
    add_placed_once(model, v, must_place=True)
    add_pins(model, v, prep)
    return model, v


def test_pins_pinned_room_closed_infeasible():
    model, v = _pinned()
    assert _status(model, {v.y[QC, "R2", "D1-PM"]: 0}) == "INFEASIBLE"


def test_pins_pinned_block_other_infeasible():
    model, v = _pinned()
    assert _status(model, {v.x["A", "D1-AM"]: 1}) == "INFEASIBLE"


def test_pins_at_pin_feasible():
    model, v = _pinned()
    assert _status(model, {v.x["A", "D1-PM"]: 1, v.y[QC, "R2", "D1-PM"]: 1}) == "OPTIMAL"


def _kinds():
    inst = instance(
        [room("R1", kinds=("qc",)), room("R2", kinds=("story",))],
        [AM],
        [item("S", "品牌文化", kind="story", minutes=10)],
    )
    story = ("story", "品牌文化")
    keys = [(story, "R1", "D1-AM"), (story, "R2", "D1-AM")]
    prep, model, v = _setup(inst, y_keys=keys)
    add_room_kinds(model, v, prep)
    return model, v, story


def test_room_kinds_story_in_qc_room_infeasible():
    model, v, story = _kinds()
    assert _status(model, {v.y[story, "R1", "D1-AM"]: 1}) == "INFEASIBLE"


def test_room_kinds_story_in_story_room_feasible():
    model, v, story = _kinds()
    assert _status(model, {v.y[story, "R2", "D1-AM"]: 1}) == "OPTIMAL"


def _stay():
    inst = instance(
        [room("R1"), room("R2")], [AM, PM], [item("A")], previous=(Assignment("A", "R2", "D1-PM"),)
    )
    prep, model, v = _setup(inst, stays={"A": ("R2", "D1-PM")})
    add_stays(model, v, prep)
    return model, v


def test_stays_kept_but_block_changed_infeasible():
    model, v = _stay()
    assert _status(model, {v.stay["A"]: 1, v.x["A", "D1-PM"]: 0}) == "INFEASIBLE"


def test_stays_kept_in_previous_room_feasible():
    model, v = _stay()
    fixed = {v.stay["A"]: 1, v.x["A", "D1-PM"]: 1, v.y[QC, "R2", "D1-PM"]: 1}
    assert _status(model, fixed) == "OPTIMAL"


def _same_person():
    inst = instance(
        [room("R1"), room("R2")],
        [AM, PM],
        [item("A", presenters=("P-1",)), item("B", presenters=("P-1",))],
    )
    prep, model, v = _setup(inst)
    add_one_item_per_person_block(model, v, prep)
    return model, v


def test_one_item_per_person_block_two_items_same_block_infeasible():
    model, v = _same_person()
    assert _status(model, {v.x["A", "D1-AM"]: 1, v.x["B", "D1-AM"]: 1}) == "INFEASIBLE"


def test_one_item_per_person_block_two_blocks_feasible():
    model, v = _same_person()
    assert _status(model, {v.x["A", "D1-AM"]: 1, v.x["B", "D1-PM"]: 1}) == "OPTIMAL"
