"""Closing a room's day at once: every open session of one room on one day ends its scoring
(each through scoring.close, audited room.close), so the desk need not close block by block
before the judges may see each other's sheets."""

from __future__ import annotations

from datetime import date

from litestar import Controller, Request, post
from litestar.di import NamedDependency
from litestar.params import URLEncodedBody
from litestar.response import Redirect, Template

from event.current import EventInfo
from event.errors import InvalidInput
from event.judging import board, scoring
from event.web.guards import current_user, desk_staff


async def close_day(event_id: int, timezone: str, room_id: int, day: date, by: str) -> list[str]:
    """Close every open session of the room on the day; the labels of those closed (empty when
    none was open). InvalidInput (field room) when the room has no session with a panel then."""
    mine = [b for b in await board.boards(event_id, timezone)
            if b.info.room_id == room_id and b.info.day == day]  # fmt: skip
    if not mine:
        raise InvalidInput.one("room", "这个会场当天没有安排评委组的场次")
    for b in mine:
        if not b.closed:
            await scoring.close(event_id, b.panel_id, by, b.info.label)
    return [b.info.label for b in mine if not b.closed]


class RoomDayClose(Controller):
    path = "/admin/judging/rooms/close-day"
    include_in_schema = False
    guards = [desk_staff]

    @post("/")
    async def close(
        self, request: Request, event: NamedDependency[EventInfo],
        data: URLEncodedBody[dict[str, str]],
    ) -> Template | Redirect:  # fmt: skip
        """End scoring of all of one room's sessions of one day (the rooms list's button)."""
        try:
            day = date.fromisoformat(str(data.get("day", "")))
            room = int(str(data.get("room", "")))
        except ValueError:
            return await _rooms(event, 400, "请选择会场和日期")
        by = str((current_user(request) or {}).get("name", ""))[:50]
        try:
            closed = await close_day(event.id, event.timezone, room, day, by)
        except InvalidInput as exc:
            return await _rooms(event, 400, exc.message)
        done = f"已结束 {len(closed)} 个场次的评分" if closed else "这些场次的评分都已结束"
        return await _rooms(event, 200, "", done)


async def _rooms(event: EventInfo, status_code: int, error: str, done: str = "") -> Template:
    boards = await board.boards(event.id, event.timezone)
    return Template("judging/rooms.html", status_code=status_code,
                    context={"event": event, "boards": boards, "error": error, "done": done})  # fmt: skip
