"""What the pages show of panels and sheets, as plain data: a judge's sessions with their
running orders and own sheets, a session's desk (every judge × presentation), one sheet."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from event.errors import NotFound
from event.judging import panels, rubrics, scoring
from event.judging.rubrics import Rubric, default_rubric
from event.judging.sessions import SessionInfo, Talk
from event.tables import JudgePanel


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    unit: str
    leader: bool


@dataclass(frozen=True)
class SessionBoard:
    info: SessionInfo
    panel_id: int
    closed: bool
    members: tuple[Member, ...]
    sheets: dict[tuple[int, int], scoring.SheetView] = field(default_factory=dict)  # (judge, pres)
    rubrics: Mapping[str, Rubric] = field(default_factory=dict)  # the event's, per kind

    def rubric(self, kind: str) -> Rubric:
        """The event's rubric of a kind (rubrics.for_event), the default if not loaded."""
        return self.rubrics.get(kind) or default_rubric(kind)

    def sheet(self, judge: int, talk: Talk) -> scoring.SheetView | None:
        return self.sheets.get((judge, talk.presentation))

    def done(self, talk: Talk) -> int:
        return sum((m.id, talk.presentation) in self.sheets for m in self.members)


async def boards(event_id: int, timezone: str, judge: int | None = None) -> list[SessionBoard]:
    """Each session that has a panel (only the judge's own, when given), with its sheets and
    the event's rubrics."""
    try:
        w = await panels.world(event_id, timezone)
    except NotFound:  # nothing published yet: no session to judge
        return []
    closed = {
        r["id"]: r["closed"]
        for r in await JudgePanel.select(JudgePanel.id, JudgePanel.closed).where(
            JudgePanel.event == event_id
        )
    }
    by_session = w.panels.by_session()
    in_force = await rubrics.for_event(event_id)
    out = []
    for info in w.programme.sessions:
        seats = by_session.get(info.id, [])
        if info.id not in w.panel_ids or (
            judge is not None and str(judge) not in {s.judge for s in seats}
        ):
            continue
        members = tuple(
            Member(j.id, j.name, j.unit, s.leader) for s in seats if (j := w.judge(int(s.judge)))
        )
        pid = w.panel_ids[info.id]
        out.append(SessionBoard(info, pid, closed.get(pid, False), members, rubrics=in_force))
    found = await scoring.sheets([b.panel_id for b in out])
    for b in out:
        b.sheets.update(
            {(s.judge, s.presentation): s for s in found if s.judge in {m.id for m in b.members}}
        )
    return out


def today_first(boards_: list[SessionBoard], today: date) -> list[SessionBoard]:
    """Today's sessions first (a judge opens the page in the room), then the others in order."""
    return sorted(boards_, key=lambda b: (b.info.day != today, b.info.day, b.info.start))


@dataclass(frozen=True)
class SheetPage:
    board: SessionBoard
    talk: Talk
    rubric: Rubric
    mine: scoring.SheetView | None
    others: list[tuple[Member, scoring.SheetView | None]]  # empty until the session is closed


def sheet_page(board: SessionBoard, code: str, judge: int) -> SheetPage | None:
    """One presentation's sheet for a judge of the board; None when the code is not heard there."""
    talk = next((t for t in board.info.talks if t.code == code), None)
    if talk is None:
        return None
    others = (
        [(m, board.sheet(m.id, talk)) for m in board.members if m.id != judge]
        if board.closed
        else []
    )
    return SheetPage(board, talk, board.rubric(talk.kind), board.sheet(judge, talk), others)


def values(page: SheetPage, form: dict[str, Any] | None) -> dict[str, str]:
    """What the sheet's fields show: the typed form after an error, else the stored marks."""
    if form is not None:
        return {k: str(v) for k, v in form.items()}
    return dict(page.mine.marks) if page.mine else {}
