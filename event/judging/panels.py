"""Panels of judges for the sessions of the latest published programme: assign (CP-SAT, in a
worker thread), store, read back, change by hand (checked by scheduling.panels.edit), export.

Judge ids in the solver's instance are the roster ids as text; session ids are "room:block".
Assigning again replaces the stored panels of sessions that have no score sheet yet.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import anyio.to_thread

from event import audit
from event.db import write_transaction
from event.errors import Conflict, NotFound
from event.judging import roster, sessions
from event.judging.sessions import Programme, SessionInfo
from event.tables import JudgePanel, PanelSeat, ScoreSheet
from scheduling.panels import PanelConfig, PanelInstance, PanelPin, Panels, Seat, assign, edit
from scheduling.panels.model import Judge


@dataclass(frozen=True)
class World:
    """What panels are judged against: the roster, the published sessions, the stored seats."""

    programme: Programme
    judges: tuple[roster.JudgeView, ...]
    instance: PanelInstance
    panels: Panels
    panel_ids: dict[str, int]  # session id → JudgePanel id

    def judge(self, judge_id: int) -> roster.JudgeView | None:
        return next((j for j in self.judges if j.id == judge_id), None)


def _instance(judges: list[roster.JudgeView], programme: Programme) -> PanelInstance:
    people = tuple(
        Judge(str(j.id), j.name, j.unit, j.province, j.kinds, j.may_lead) for j in judges
    )
    return PanelInstance(people, tuple(s.model() for s in programme.sessions))


async def world(event_id: int, timezone: str = "Asia/Shanghai") -> World:
    """The roster, the latest published sessions and the stored panels for them."""
    programme = await sessions.published(event_id, timezone)
    judges = await roster.judges(event_id)
    rows = await JudgePanel.select(JudgePanel.id, JudgePanel.room, JudgePanel.block).where(
        JudgePanel.event == event_id
    )
    ids = {f"{r['room']}:{r['block']}": r["id"] for r in rows}
    live = {s.id for s in programme.sessions}
    ids = {k: v for k, v in ids.items() if k in live}
    by_panel = {v: k for k, v in ids.items()}
    seats = await PanelSeat.select(PanelSeat.panel, PanelSeat.judge, PanelSeat.leader).where(
        PanelSeat.panel.is_in(list(by_panel) or [0])
    ).order_by(PanelSeat.id)  # fmt: skip
    stored = tuple(Seat(by_panel[s["panel"]], str(s["judge"]), s["leader"]) for s in seats)
    return World(programme, tuple(judges), _instance(judges, programme), Panels(stored), ids)


async def solve(event_id: int, seed: int = 1, time_limit: float = 10.0,
                timezone: str = "Asia/Shanghai") -> tuple[World, Panels]:  # fmt: skip
    """Assign panels to every session (solver in a worker thread) and store them; sessions
    already scored keep their panels. Returns the world before and the solver's answer."""
    before = await world(event_id, timezone)
    if not before.judges:
        raise NotFound("评委名单为空，请先添加评委")
    config = PanelConfig(time_limit=time_limit, seed=seed)
    scored = await _scored_sessions(before)
    # Sessions already scored keep their panels: pinned, so nobody is seated twice at once.
    pins = tuple(
        PanelPin(s.judge, s.session, s.leader) for s in before.panels.seats if s.session in scored
    )
    answer = await anyio.to_thread.run_sync(assign, replace(before.instance, pins=pins), config)
    seats = [s for s in answer.seats if s.session not in scored]
    seats += [s for s in before.panels.seats if s.session in scored]
    await store(event_id, before, seats, "panel.assign", _summary(answer, before))
    return before, answer


def _summary(answer: Panels, before: World) -> str:
    full = len({s.session for s in answer.seats})
    text = f"为{len(before.programme.sessions)}个场次分配评委组（第{before.programme.version}版日程），{full}个已满员"
    return text if answer.complete else text + "；部分场次无法安排"


async def _scored_sessions(w: World) -> set[str]:
    rows = await ScoreSheet.select(ScoreSheet.panel).where(
        ScoreSheet.panel.is_in(list(w.panel_ids.values()) or [0])
    )
    by_panel = {v: k for k, v in w.panel_ids.items()}
    return {by_panel[r["panel"]] for r in rows}


async def store(event_id: int, w: World, seats: list[Seat], action: str, summary: str) -> None:
    """Replace the stored seats of every session of `w` by `seats`, in one transaction."""
    async with write_transaction(JudgePanel._meta.db):
        for info in w.programme.sessions:
            panel_id = w.panel_ids.get(info.id) or await _new_panel(event_id, info, w.programme)
            mine = [s for s in seats if s.session == info.id]
            await PanelSeat.delete().where(PanelSeat.panel == panel_id)
            if mine:
                await PanelSeat.insert(*[
                    PanelSeat(panel=panel_id, judge=int(s.judge), leader=s.leader,
                              key=f"{panel_id}:{s.judge}") for s in mine
                ])  # fmt: skip
        detail = {"seats": [[s.session, int(s.judge), s.leader] for s in seats]}
        await audit.record(event_id, action, "panel", "", summary, detail)


async def _new_panel(event_id: int, info: SessionInfo, programme: Programme) -> int:
    rows = await JudgePanel.insert(JudgePanel(
        event=event_id, room=info.room_id, block=info.block, kind=info.kind,
        version=programme.version, key=f"{event_id}:{info.room_id}:{info.block}",
    )).returning(JudgePanel.id)  # fmt: skip
    return rows[0]["id"]


CHANGES = ("add", "remove", "replace", "leader")


async def change(event_id: int, session: str, what: str, judge: int, other: int | None = None,
                 timezone: str = "Asia/Shanghai") -> str:  # fmt: skip
    """A manual change of one session's panel: add (as member), remove, replace `judge` by
    `other`, make `judge` the 组长. Conflict with the broken rules in Chinese when refused."""
    w = await world(event_id, timezone)
    info = w.programme.session(session)
    if info is None or what not in CHANGES:
        raise NotFound("没有这个场次")
    if w.judge(judge) is None or (what == "replace" and w.judge(other or 0) is None):
        raise Conflict("panel_rule", "请选择名单中的评委")  # never an internal id in the message
    j, o = str(judge), str(other or "")
    result = {
        "add": lambda: edit.add_judge(w.instance, w.panels, j, session),
        "remove": lambda: edit.remove_judge(w.instance, w.panels, j, session),
        "replace": lambda: edit.replace_judge(w.instance, w.panels, session, j, o),
        "leader": lambda: edit.set_leader(w.instance, w.panels, session, j),
    }[what]()
    if result.panels is None:
        raise Conflict("panel_rule", "；".join(v.message for v in result.violations))
    text = _change_text(w, info, what, judge, other)
    await store(event_id, w, list(result.panels.seats), "panel.edit", text)
    return text


def _change_text(w: World, info: SessionInfo, what: str, judge: int, other: int | None) -> str:
    who = w.judge(judge)
    name = who.name if who else str(judge)
    if what == "replace":
        new = w.judge(other or 0)
        return f"{info.label}：{new.name if new else other} 替换 {name}"
    verb = {"add": "加入", "remove": "移出", "leader": "任组长"}[what]
    return f"{info.label}：{name} {verb}"


def export(w: World) -> dict[str, list[dict[str, Any]]]:
    """The stored panels as `qcconf judges export` writes them, one entry per session."""
    by_session = w.panels.by_session()
    out = []
    for info in w.programme.sessions:
        seats = by_session.get(info.id, [])
        judges = [(w.judge(int(s.judge)), s.leader) for s in seats]
        out.append({
            "room": info.room, "day": f"{info.day:%Y-%m-%d}", "start": info.start, "end": info.end,
            "judges": [{"name": j.name, "unit": j.unit, "leader": lead} for j, lead in judges if j],
            "presentations": [{"code": t.code, "unit": t.unit} for t in info.talks],
        })  # fmt: skip
    return {"panels": out}
