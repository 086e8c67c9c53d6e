"""A judge's own pages by their private link /j/{token}: today's running order of their room(s)
and one score sheet per presentation (submitting locks it). Works without JavaScript; a small
script keeps a running total."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, URLEncodedBody
from litestar.response import Redirect, Template

from event.current import EventInfo
from event.errors import Conflict, InvalidInput, NotFound
from event.judging import board, roster, scoring
from event.judging.rubrics import from_stored
from event.judging.sessions import SessionInfo, Talk
from event.programme.render.dates import zone
from event.tables import Assignment
from event.web.forms import errors_of

Form = URLEncodedBody[dict[str, Any]]


async def _judge(token: str) -> roster.JudgeView:
    judge = await roster.by_token(token)
    if judge is None:
        raise NotFound("链接无效")
    return judge


# The one session a sheet page shows, read for that presentation only (the judge's home page and
# the desk read every session through board.boards; a sheet is opened after every submit).
SHEET_PLACE_SQL = (
    "SELECT a.presentation, p.title, p.kind, o.name AS unit, a.starts_at, a.ends_at, a.room, "
    "a.block, r.name AS room_name, jp.id AS panel, jp.closed, er.items AS rubric "
    "FROM assignment a JOIN schedule s ON s.id = a.schedule "
    "JOIN presentation p ON p.id = a.presentation JOIN organization o ON o.id = p.organization "
    "JOIN room r ON r.id = a.room "
    "JOIN judge_panel jp ON jp.event = s.event AND jp.room = a.room AND jp.block = a.block "
    "JOIN panel_seat me ON me.panel = jp.id AND me.judge = {} "
    "LEFT JOIN event_rubric er ON er.event = s.event AND er.kind = p.kind "
    "WHERE p.code = {} AND s.event = {} AND a.cancelled = {} AND s.version = "
    "(SELECT MAX(version) FROM schedule WHERE event = {} AND version IS NOT NULL)"
)
PANEL_SHEETS_SQL = (
    "SELECT ps.judge, j.name, j.unit, ps.leader, ss.id AS sheet, ss.marks, ss.total, "
    "ss.entered_by FROM panel_seat ps JOIN judge j ON j.id = ps.judge "
    "LEFT JOIN score_sheet ss ON ss.panel = ps.panel AND ss.judge = ps.judge "
    "AND ss.presentation = {} WHERE ps.panel = {} ORDER BY ps.id"
)


async def _sheet_board(event: EventInfo, judge_id: int, code: str) -> board.SessionBoard | None:
    """The board of the session where `code` is heard, holding that presentation, the panel and
    their sheets of it, when the judge sits on its panel (None else). Two statements, where
    board.boards reads every session of the programme."""
    rows = await Assignment.raw(SHEET_PLACE_SQL, judge_id, code, event.id, False, event.id)
    if not rows:
        return None
    r, tz = rows[0], zone(event.timezone)
    talk = Talk(r["presentation"], code, r["kind"], r["title"], r["unit"],
                _when(r["starts_at"]).astimezone(tz), _when(r["ends_at"]).astimezone(tz))  # fmt: skip
    info = SessionInfo(r["room"], r["room_name"], r["block"], talk.start.date(),
                       f"{talk.start:%H:%M}", f"{talk.end:%H:%M}", talk.kind, (talk,))  # fmt: skip
    seats = await Assignment.raw(PANEL_SHEETS_SQL, talk.presentation, r["panel"])
    members = tuple(
        board.Member(s["judge"], s["name"], s["unit"], bool(s["leader"])) for s in seats
    )
    sheets = {
        (s["judge"], talk.presentation): scoring.SheetView(
            s["judge"], s["name"], talk.presentation, scoring.marks_of(s["marks"]), s["total"],
            s["entered_by"])
        for s in seats if s["sheet"] is not None
    }  # fmt: skip
    rubric = from_stored(talk.kind, r["rubric"])
    return board.SessionBoard(info, r["panel"], bool(r["closed"]), members, sheets,
                              {talk.kind: rubric})  # fmt: skip


def _when(value: Any) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


async def _page(
    event: EventInfo, judge: roster.JudgeView, token: str, code: str,
    form: dict[str, Any] | None = None, errors: dict[str, str] | None = None,
    status_code: int = 200, message: str = "",
) -> Template:  # fmt: skip
    one = await _sheet_board(event, judge.id, code)
    found = board.sheet_page(one, code, judge.id) if one else None
    if found is None:
        await scoring.place(event.id, code, None)  # NotFound (404) when nobody hears it
        return Template("judging/not_yours.html", status_code=403,
                        context={"event": event, "judge": judge, "token": token, "code": code})  # fmt: skip
    context = {"event": event, "judge": judge, "token": token, "page": found, "errors": errors or {},
               "values": board.values(found, form), "message": message}  # fmt: skip
    return Template("judging/sheet.html", context=context, status_code=status_code)


class JudgePages(Controller):
    path = "/j/{token:str}"
    include_in_schema = False

    @get("/")
    async def home(self, event: NamedDependency[EventInfo], token: FromPath[str]) -> Template:
        """The judge's sessions, today's first, each with its running order and progress."""
        judge = await _judge(token)
        today = datetime.now(zone(event.timezone)).date()
        mine = board.today_first(await board.boards(event.id, event.timezone, judge.id), today)
        return Template("judging/judge.html", context={
            "event": event, "judge": judge, "token": token, "boards": mine, "today": today})  # fmt: skip

    @get("/p/{code:str}")
    async def sheet(
        self, event: NamedDependency[EventInfo], token: FromPath[str], code: FromPath[str]
    ) -> Template:
        return await _page(event, await _judge(token), token, code)

    @post("/p/{code:str}")
    async def submit(
        self, request: Request, event: NamedDependency[EventInfo], token: FromPath[str],
        code: FromPath[str], data: Form,
    ) -> Template | Redirect:  # fmt: skip
        """Store and lock the sheet; refusals (not theirs, locked, closed, a wrong mark) shown
        on the sheet with what was typed."""
        try:  # the judge is found by the statement that finds the seat (404 for a bad link)
            await scoring.submit_by_link(event.id, token, code, data)
        except scoring.NotYours:
            return await _page(event, await _judge(token), token, code)
        except InvalidInput as exc:
            return await _page(event, await _judge(token), token, code, data, errors_of(exc), 400)
        except Conflict as exc:
            return await _page(event, await _judge(token), token, code, None, {}, 409, exc.message)
        return Redirect(f"/j/{token}/p/{code}", status_code=303)
