"""Manual changes to panels, checked by validate.py: add, remove, replace a judge, set the 组长.

Each returns the edited panels when no rule breaks that held before, else None and the broken
rules in Chinese (the refusals to show); rules already broken before the change are not blamed
on it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from scheduling.panels.model import PanelInstance, Panels, PanelViolation, Seat
from scheduling.panels.validate import validate


@dataclass(frozen=True)
class PanelEdit:
    """The edited panels when no rule breaks, else None and the broken rules."""

    panels: Panels | None
    violations: tuple[PanelViolation, ...] = ()


def check_change(
    inst: PanelInstance, before: Panels, seats: tuple[Seat, ...]
) -> list[PanelViolation]:
    """The rules that replacing `before`'s seats by `seats` would break (new ones only)."""
    old = {(v.rule, v.message) for v in validate(inst, before)}
    after = replace(before, seats=seats)
    return [v for v in validate(inst, after) if (v.rule, v.message) not in old]


def _result(inst: PanelInstance, before: Panels, seats: list[Seat]) -> PanelEdit:
    broken = check_change(inst, before, tuple(seats))
    if broken:
        return PanelEdit(None, tuple(broken))
    return PanelEdit(replace(before, seats=tuple(seats), explanation=()))


def _missing(inst: PanelInstance, judge: str, session: str) -> PanelEdit | None:
    if inst.has_judge(judge) and inst.has_session(session):
        return None
    text = f"不存在的评委或场次：{judge} {session}"
    return PanelEdit(None, (PanelViolation("unknown_ref", text, session, judge),))


def _not_member(inst: PanelInstance, panels: Panels, judge: str, session: str) -> PanelEdit | None:
    if (err := _missing(inst, judge, session)) is not None:
        return err
    if any((s.judge, s.session) == (judge, session) for s in panels.seats):
        return None
    who, where = inst.judge(judge).label, inst.session(session).label
    text = f"{who} 不在 {where} 的评委组中"
    return PanelEdit(None, (PanelViolation("not_member", text, session, judge),))


def add_judge(
    inst: PanelInstance, panels: Panels, judge: str, session: str, leader: bool = False
) -> PanelEdit:
    """Seat one more judge on a session's panel (as its 组长, replacing the old one, if asked)."""
    if (err := _missing(inst, judge, session)) is not None:
        return err
    seats = [
        replace(s, leader=False) if leader and s.session == session else s for s in panels.seats
    ]
    return _result(inst, panels, [*seats, Seat(session, judge, leader)])


def remove_judge(inst: PanelInstance, panels: Panels, judge: str, session: str) -> PanelEdit:
    """Take a judge off a session's panel."""
    if (err := _not_member(inst, panels, judge, session)) is not None:
        return err
    seats = [s for s in panels.seats if (s.judge, s.session) != (judge, session)]
    return _result(inst, panels, seats)


def replace_judge(
    inst: PanelInstance, panels: Panels, session: str, old: str, new: str
) -> PanelEdit:
    """Put `new` in `old`'s seat on a session's panel (the seat keeps its 组长 role)."""
    if (err := _not_member(inst, panels, old, session) or _missing(inst, new, session)) is not None:
        return err
    seats = [
        replace(s, judge=new) if (s.judge, s.session) == (old, session) else s for s in panels.seats
    ]
    return _result(inst, panels, seats)


def set_leader(inst: PanelInstance, panels: Panels, session: str, judge: str) -> PanelEdit:
    """Make a member of a session's panel its 组长 (the old 组长 stays as a member)."""
    if (err := _not_member(inst, panels, judge, session)) is not None:
        return err
    seats = [
        replace(s, leader=s.judge == judge) if s.session == session else s for s in panels.seats
    ]
    return _result(inst, panels, seats)
