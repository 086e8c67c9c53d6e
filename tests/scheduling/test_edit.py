"""Hand edits: swapping two items and checking a move, both through validate.py."""

from __future__ import annotations

from scheduling.edit import check_move, move, move_session, swap
from scheduling.lots import draw, separate, timed
from scheduling.model import Schedule, SolveConfig
from scheduling.solver import solve
from tests.scheduling.builders import AM, PM, instance, item, items, room


def _solved():
    inst = instance(
        [room("R1"), room("R2", 60, ("qc",))],
        [AM, PM],
        items("Q", 4)
        + items("G", 3, category="攻关型")
        + [item("B", audience=90, unavailable=("D1-PM",))],
    )
    return inst, solve(inst, SolveConfig(time_limit=3))


def test_swap_in_one_session_exchanges_order_and_times():
    inst, schedule = _solved()
    session = [a for a in schedule.assignments if a.presentation.startswith("G")]
    first, last = session[0], session[-1]
    result = swap(inst, schedule, first.presentation, last.presentation)
    where = result.schedule.by_presentation()
    assert result.violations == ()
    assert (where[last.presentation].order, where[last.presentation].start) == (1, first.start)
    assert where[first.presentation].order == len(session)


def test_swap_across_categories_reports_mixed_session():
    inst, schedule = _solved()
    result = swap(inst, schedule, "Q-001", "G-001")
    assert result.schedule is None
    assert {v.rule for v in result.violations} == {"mixed_category_sessions"}


def test_swap_unknown_item_reports_it():
    inst, schedule = _solved()
    result = swap(inst, schedule, "Q-001", "NOPE")
    assert [(v.rule, v.message) for v in result.violations] == [
        ("unknown_ref", "NOPE 不在当前日程中")
    ]


def test_check_move_to_small_room_names_capacity():
    inst, schedule = _solved()
    violations = check_move(inst, schedule, "B", "R2", "D1-AM")
    assert "capacity_mismatch" in {v.rule for v in violations}
    assert any(v.message == "B 预计听众 90 人，超过会场R2 的容量 60 人" for v in violations)


def test_check_move_to_unavailable_block_names_it():
    inst, schedule = _solved()
    rules = {v.rule for v in check_move(inst, schedule, "B", "R1", "D1-PM")}
    assert "unavailable_block" in rules


def test_move_to_free_room_of_same_theme_is_allowed():
    inst, schedule = _solved()
    taken = {(a.room, a.block) for a in schedule.assignments}
    free = next((r, b) for r in ("R1", "R2") for b in ("D1-AM", "D1-PM") if (r, b) not in taken)
    result = move(inst, schedule, "G-001", *free)
    assert result.violations == ()
    assert result.schedule.stats.sessions_used == schedule.stats.sessions_used + 1


def test_draw_same_seed_same_order():
    orgs = {f"Q-{i}": "" for i in range(10)}
    assert draw(list(orgs), orgs, 5, "R1", "D1-AM") == draw(list(orgs), orgs, 5, "R1", "D1-AM")


def test_draw_order_recorded_seed_reproduces_known_order():
    orgs = {f"Q-{i}": "" for i in range(5)}
    assert draw(list(orgs), orgs, 1, "R1", "D1-AM") == draw(
        ["Q-4", "Q-3", "Q-2", "Q-1", "Q-0"], orgs, 1, "R1", "D1-AM"
    )


def test_separate_repairs_adjacent_organizations():
    orgs = {"a": "X", "b": "X", "c": "Y", "d": "Z"}
    assert separate(["a", "b", "c", "d"], orgs) == ["a", "c", "b", "d"]


def test_separate_keeps_unavoidable_neighbours():
    orgs = {"a": "X", "b": "X", "c": "X"}
    assert separate(["a", "b", "c"], orgs) == ["a", "b", "c"]


def _two_rooms():
    """Two rooms in one block; presenter P-X gives two items, both in R1's session."""
    inst = instance(
        [room("R1"), room("R2")],
        [AM, PM],
        [*(item(f"A-{i}", presenters=("P-X",)) for i in (1, 2)), *items("B", 2), item("A-3")],
    )
    sessions = {("R1", "D1-AM"): ["A-1", "A-2", "A-3"], ("R2", "D1-AM"): ["B-001", "B-002"]}
    return inst, Schedule(tuple(timed(inst, sessions)), ())


def test_swap_across_rooms_splitting_a_presenter_is_refused():
    inst, schedule = _two_rooms()
    result = swap(inst, schedule, "A-1", "B-001")
    assert [(v.rule, v.message) for v in result.violations] == [
        ("presenter_double_booking", "发表人 P-X 在时段 D1-AM 同时出现在 R1、R2")
    ]


def test_swap_across_rooms_of_free_presenters_is_allowed():
    inst, schedule = _two_rooms()
    where = swap(inst, schedule, "A-3", "B-002").schedule.by_presentation()
    assert (where["A-3"].room, where["A-3"].start, where["B-002"].room, where["B-002"].start) == (
        "R2",
        "08:48",
        "R1",
        "09:06",
    )


def test_move_session_to_other_room_exchanges_the_sessions_in_order():
    inst, schedule = _two_rooms()
    result = move_session(inst, schedule, ("R1", "D1-AM"), ("R2", "D1-AM"))
    placed = [(a.presentation, a.room, a.order) for a in result.schedule.assignments]
    assert placed == [("B-001", "R1", 1), ("B-002", "R1", 2),
                      ("A-1", "R2", 1), ("A-2", "R2", 2), ("A-3", "R2", 3)]  # fmt: skip


def test_move_session_to_empty_cell_moves_it_there():
    inst, schedule = _two_rooms()
    result = move_session(inst, schedule, ("R2", "D1-AM"), ("R1", "D1-PM"))
    assert result.violations == ()
    where = result.schedule.by_presentation()
    assert (where["B-001"].block, where["B-001"].start, result.schedule.stats) == (
        "D1-PM",
        "13:30",
        None,
    )


def test_move_session_from_empty_cell_says_so():
    inst, schedule = _two_rooms()
    result = move_session(inst, schedule, ("R2", "D1-PM"), ("R1", "D1-AM"))
    assert [(v.rule, v.message) for v in result.violations] == [
        ("unknown_ref", "R2 D1-PM 没有安排发表")
    ]
