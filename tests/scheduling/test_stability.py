"""Re-solving with a previous schedule moves as few presentations as possible."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from scheduling.model import Assignment, Pin, SolveConfig
from scheduling.solver import solve
from scheduling.validate import validate
from tests.scheduling.builders import AM, PM, check, instance, item, items, room

CONFIG = SolveConfig(time_limit=4)


def _base():
    presentations = items("Q", 14, category="现场型") + items("G", 10, category="攻关型")
    presentations[3] = item("Q-004", pinned=("R2", "D1-PM"))
    return instance([room("R1"), room("R2"), room("R3")], [AM, PM], presentations)


def _previous(first):
    return tuple(Assignment(a.presentation, a.room, a.block) for a in first.assignments)


def _five_changes(inst, first):
    """Withdraw two, add two, pin Q-001 into the other 现场型 session."""
    where = first.by_presentation()
    other = next(
        a
        for a in first.assignments
        if a.presentation.startswith("Q")
        and (a.room, a.block) != (where["Q-001"].room, where["Q-001"].block)
    )
    keep = [p for p in inst.presentations if p.id not in ("Q-010", "G-003")]
    keep += [item("Q-NEW"), item("G-NEW", "攻关型")]
    keep = [replace(p, pinned=Pin(other.room, other.block)) if p.id == "Q-001" else p for p in keep]
    return replace(inst, presentations=tuple(keep), previous=_previous(first))


def test_stability_five_changes_move_one(tmp_path: Path):
    inst = _base()
    first = solve(inst, CONFIG)
    changed = _five_changes(inst, first)
    second = solve(changed, CONFIG)
    assert validate(changed, second) == []
    assert check(changed, second, tmp_path)["ok"] is True
    assert second.stats.changes_vs_previous == 1
    assert second.stats.sessions_used == first.stats.sessions_used


def test_stability_fewer_sessions_come_before_fewer_moves():
    # G-007 may no longer be in its block: rather than open a fourth session, the whole
    # 攻关型 session (10 items) moves to another block.
    inst = _base()
    first = solve(inst, CONFIG)
    block = first.by_presentation()["G-007"].block
    changed = replace(
        inst,
        previous=_previous(first),
        presentations=tuple(
            replace(p, unavailable_blocks=(block,)) if p.id == "G-007" else p
            for p in inst.presentations
        ),
    )
    second = solve(changed, CONFIG)
    assert (second.stats.sessions_used, second.stats.changes_vs_previous) == (3, 10)


def test_stability_pinned_item_never_moves():
    inst = _base()
    first = solve(inst, CONFIG)
    second = solve(_five_changes(inst, first), CONFIG)
    pinned = second.by_presentation()["Q-004"]
    assert (pinned.room, pinned.block) == ("R2", "D1-PM")


def test_stability_unchanged_instance_moves_nothing():
    inst = _base()
    first = solve(inst, CONFIG)
    previous = tuple(Assignment(a.presentation, a.room, a.block) for a in first.assignments)
    second = solve(replace(inst, previous=previous), CONFIG)
    assert second.stats.changes_vs_previous == 0


def _forced_three():
    """现场型 in two sessions (AM, PM), 攻关型 in one; then three items of one 现场型 session
    may no longer be in its block: exactly three moves are forced."""
    inst = instance(
        [room("R1"), room("R2")], [AM, PM], items("Q", 16) + items("G", 11, category="攻关型")
    )
    first = solve(inst, CONFIG)
    where = first.by_presentation()
    block = where["Q-001"].block
    mates = sorted(
        a.presentation
        for a in first.assignments
        if (a.room, a.block) == (where["Q-001"].room, block)
    )[:3]
    changed = replace(
        inst,
        previous=first.assignments,
        presentations=tuple(
            replace(p, unavailable_blocks=(block,)) if p.id in mates else p
            for p in inst.presentations
        ),
    )
    return first, changed


def test_stability_change_forcing_three_moves_moves_three(tmp_path: Path):
    _, changed = _forced_three()
    second = solve(changed, CONFIG)
    assert (second.stats.changes_vs_previous, second.stats.sessions_used) == (3, 3)
    assert check(changed, second, tmp_path)["ok"] is True


def test_stability_untouched_session_keeps_its_order_under_another_seed():
    first, changed = _forced_three()
    second = solve(changed, SolveConfig(time_limit=4, seed=2))

    def order(schedule, prefix):
        return [a.presentation for a in schedule.assignments if a.presentation.startswith(prefix)]

    assert order(second, "G") == order(first, "G")


def test_stability_full_sessions_trade_places_rather_than_open_one():
    # Both 现场型 sessions are full; three items may no longer be in theirs: three of the
    # other session change places with them (six moves), so no fourth session opens.
    inst = instance(
        [room("R1"), room("R2")], [AM, PM], items("Q", 22) + items("G", 11, category="攻关型")
    )
    first = solve(inst, CONFIG)
    where = first.by_presentation()
    spot = (where["Q-001"].room, where["Q-001"].block)
    mates = sorted(a.presentation for a in first.assignments if (a.room, a.block) == spot)[:3]
    changed = replace(
        inst,
        previous=first.assignments,
        presentations=tuple(
            replace(p, unavailable_blocks=(spot[1],)) if p.id in mates else p
            for p in inst.presentations
        ),
    )
    second = solve(changed, CONFIG)
    assert (second.stats.sessions_used, second.stats.changes_vs_previous) == (3, 6)
    assert validate(changed, second) == []
