"""Checks panels against an instance with no solver code: every hard rule of the panels.

Rule codes: unknown_ref, duplicate_seat, own_unit, unqualified, double_booked, panel_size,
leader_count, leader_not_allowed, pin_broken. Messages in Chinese, naming people and sessions.
"""

from __future__ import annotations

from collections import defaultdict

from scheduling.panels.model import (
    KIND_LABELS,
    PanelInstance,
    Panels,
    PanelViolation,
    Seat,
)


def _known(inst: PanelInstance, seats: tuple[Seat, ...]) -> tuple[list[PanelViolation], list[Seat]]:
    out, kept, seen = [], [], set()
    for seat in seats:
        if not (inst.has_judge(seat.judge) and inst.has_session(seat.session)):
            text = f"评委安排引用了不存在的评委或场次：{seat.judge} {seat.session}"
            out.append(PanelViolation("unknown_ref", text, seat.session, seat.judge))
        elif (seat.judge, seat.session) in seen:
            judge, session = inst.judge(seat.judge), inst.session(seat.session)
            text = f"{judge.label} 在 {session.label} 被安排了不止一次"
            out.append(PanelViolation("duplicate_seat", text, seat.session, seat.judge))
        else:
            seen.add((seat.judge, seat.session))
            kept.append(seat)
    return out, kept


def _seat_rules(inst: PanelInstance, seats: list[Seat]) -> list[PanelViolation]:
    out = []
    for seat in seats:
        judge, session = inst.judge(seat.judge), inst.session(seat.session)
        where = (seat.session, seat.judge)
        if judge.unit in session.units:
            text = f"{judge.label} 不能评审 {session.label}：本场有其本单位的成果发表"
            out.append(PanelViolation("own_unit", text, *where))
        if session.kind not in judge.kinds:
            kind = KIND_LABELS.get(session.kind, session.kind)
            text = f"{judge.label} 未获「{kind}」类评审资格，不能评审 {session.label}"
            out.append(PanelViolation("unqualified", text, *where))
        if seat.leader and not judge.may_lead:
            text = f"{judge.label} 不能担任组长（{session.label}）"
            out.append(PanelViolation("leader_not_allowed", text, *where))
    return out


def _double_booked(inst: PanelInstance, seats: list[Seat]) -> list[PanelViolation]:
    by_judge: dict[str, list[str]] = defaultdict(list)
    for seat in seats:
        by_judge[seat.judge].append(seat.session)
    out = []
    for jid, sids in by_judge.items():
        sessions = [inst.session(s) for s in sids]
        for i, a in enumerate(sessions):
            for b in sessions[i + 1 :]:
                if a.overlaps(b):
                    text = f"{inst.judge(jid).label} 同时被安排在 {a.label} 和 {b.label}"
                    out.append(PanelViolation("double_booked", text, b.id, jid))
    return out


def _panel_rules(inst: PanelInstance, seats: list[Seat]) -> list[PanelViolation]:
    by_session: dict[str, list[Seat]] = defaultdict(list)
    for seat in seats:
        by_session[seat.session].append(seat)
    rules, out = inst.rules, []
    for session in inst.sessions:
        panel = by_session[session.id]
        if len(panel) not in rules.sizes():
            odd = "且为奇数" if rules.odd else ""
            text = (
                f"{session.label} 的评委组有 {len(panel)} 名评委，"
                f"应为 {rules.min_judges}–{rules.max_judges} 名{odd}"
            )
            out.append(PanelViolation("panel_size", text, session.id))
        leaders = sum(s.leader for s in panel)
        if leaders != 1:
            text = f"{session.label} 的评委组有 {leaders} 名组长，应恰好一名"
            out.append(PanelViolation("leader_count", text, session.id))
    return out


def _pins(inst: PanelInstance, seats: list[Seat]) -> list[PanelViolation]:
    held = {(s.judge, s.session): s.leader for s in seats}
    out = []
    for pin in inst.pins:
        key = (pin.judge, pin.session)
        if key in held and (held[key] or not pin.leader):
            continue
        judge = inst.judge(pin.judge).label if inst.has_judge(pin.judge) else pin.judge
        session = inst.session(pin.session).label if inst.has_session(pin.session) else pin.session
        role = "组长" if pin.leader else "评委"
        text = f"{judge} 被固定为 {session} 的{role}，但安排中没有"
        out.append(PanelViolation("pin_broken", text, pin.session, pin.judge))
    return out


def validate(inst: PanelInstance, panels: Panels) -> list[PanelViolation]:
    """Every broken hard rule of `panels` for `inst` (empty list: the panels are valid)."""
    out, seats = _known(inst, panels.seats)
    out += _seat_rules(inst, seats)
    out += _double_booked(inst, seats)
    out += _panel_rules(inst, seats)
    out += _pins(inst, seats)
    return out
