"""A session's scoring desk (staff and organisers): who has scored what, a paper sheet typed in
for a judge, closing the session; an organiser's correction of a sheet."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, URLEncodedBody
from litestar.response import Redirect, Template

from event.current import EventInfo
from event.errors import DomainError, NotFound
from event.judging import board, scoring
from event.web.forms import errors_of
from event.web.guards import current_user, desk_staff, organiser_only

Form = URLEncodedBody[dict[str, Any]]


async def _board(event: EventInfo, panel_id: int) -> board.SessionBoard:
    found = next((b for b in await board.boards(event.id, event.timezone) if b.panel_id == panel_id), None)  # fmt: skip
    if found is None:
        raise NotFound("没有这个场次的评委组")
    return found


async def _page(
    event: EventInfo, panel_id: int, status_code: int = 200, **context: Any
) -> Template:
    b = await _board(event, panel_id)
    rubrics = {t.kind: b.rubric(t.kind) for t in b.info.talks}
    return Template("judging/room.html", status_code=status_code, context={
        "event": event, "b": b, "rubrics": rubrics, "values": {}, "errors": {}, **context})  # fmt: skip


def _by(request: Request) -> str:
    return str((current_user(request) or {}).get("name", ""))[:50]


class RoomDeskList(Controller):
    path = "/admin/judging/rooms"
    include_in_schema = False
    guards = [desk_staff]

    @get("/")
    async def rooms(self, event: NamedDependency[EventInfo]) -> Template:
        """Every session with a panel: the desks where staff enter paper sheets."""
        boards = await board.boards(event.id, event.timezone)
        return Template("judging/rooms.html", context={"event": event, "boards": boards})


class RoomDeskPages(Controller):
    path = "/admin/judging/rooms/{panel_id:int}"
    include_in_schema = False
    guards = [desk_staff]

    @get("/")
    async def room(self, event: NamedDependency[EventInfo], panel_id: FromPath[int]) -> Template:
        return await _page(event, panel_id)

    @post("/sheets")
    async def enter(
        self, request: Request, event: NamedDependency[EventInfo], panel_id: FromPath[int],
        data: Form,
    ) -> Template | Redirect:  # fmt: skip
        """A paper sheet typed in by the desk for one judge of the panel (audited as theirs)."""
        b = await _board(event, panel_id)
        judge = next((m for m in b.members if str(m.id) == str(data.get("judge"))), None)
        if judge is None:
            return await _page(
                event, panel_id, 400, errors={"judge": "请选择本组的评委"}, values=data
            )
        fix = data.get("correct") == "1"
        try:
            if fix:
                await _organiser(request)
                await scoring.correct(
                    event.id, judge, str(data.get("code", "")), data, _by(request)
                )
            else:
                await scoring.submit(event.id, judge, str(data.get("code", "")), data, _by(request))
        except DomainError as exc:
            return await _page(event, panel_id, 409 if not hasattr(exc, "problems") else 400,
                               errors=errors_of(exc), values=data)  # fmt: skip
        return Redirect(f"/admin/judging/rooms/{panel_id}/", status_code=303)

    @post("/close")
    async def close(
        self, request: Request, event: NamedDependency[EventInfo], panel_id: FromPath[int]
    ) -> Template | Redirect:
        b = await _board(event, panel_id)
        try:
            await scoring.close(event.id, panel_id, _by(request), b.info.label)
        except DomainError as exc:
            return await _page(event, panel_id, 409, errors={"_form": exc.message})
        return Redirect(f"/admin/judging/rooms/{panel_id}/", status_code=303)


async def _organiser(request: Request) -> None:
    """Corrections are the organisers' (staff enter sheets, they do not change them)."""
    await organiser_only(request, None)  # type: ignore[arg-type]
