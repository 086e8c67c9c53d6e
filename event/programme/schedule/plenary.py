"""Plenary items (开幕式, 颁奖…) held in a room that sessions also use: the solver leaves their time
free (the instance's "plenary" list), and publishing refuses a session that overlaps one.

A plenary item holds a room when the organiser chose one (AgendaItem.room, by id: renaming the
room keeps it there); a place given only as text is not a room.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from msgspec import Struct

from event.programme.render.dates import zone
from event.programme.schedule.venues import BlockInfo, RoomInfo
from event.tables import AgendaItem


class HeldRoom(Struct, frozen=True, kw_only=True):
    title: str
    room_id: int
    room_name: str
    starts_at: datetime
    ends_at: datetime


async def held_rooms(event_id: int, rooms: list[RoomInfo]) -> list[HeldRoom]:
    """The event's plenary items (not cancelled) that take place in one of its rooms."""
    by_id = {room.id: room for room in rooms}
    rows = await AgendaItem.select(
        AgendaItem.title, AgendaItem.starts_at, AgendaItem.ends_at, AgendaItem.room
    ).where((AgendaItem.event == event_id) & AgendaItem.cancelled.eq(False))
    held = []
    for row in rows:
        if (room := by_id.get(row["room"])) is not None:
            held.append(HeldRoom(title=row["title"], room_id=room.id, room_name=room.name,
                                 starts_at=row["starts_at"], ends_at=row["ends_at"]))  # fmt: skip
    return held


def instance_items(
    held: list[HeldRoom], rooms: list[RoomInfo], blocks: list[BlockInfo], timezone: str
) -> list[dict[str, Any]]:
    """The instance's "plenary" list: each held room clipped to the blocks it falls into."""
    tz, refs = zone(timezone), {r.id: r.ref for r in rooms}
    out = []
    for item in held:
        start, end = item.starts_at.astimezone(tz), item.ends_at.astimezone(tz)
        for block in blocks:
            if block.day != start.date():
                continue
            lo, hi = max(f"{start:%H:%M}", block.start), min(f"{end:%H:%M}", block.end)
            if lo < hi:
                out.append({"title": item.title, "room": refs[item.room_id], "block": block.code,
                            "start": lo, "end": hi})  # fmt: skip
    return out


def clashes(
    held: list[HeldRoom], placed: list[tuple[str, int, datetime, datetime]], timezone: str
) -> list[str]:
    """Why a schedule cannot be published: each (title, room id, start, end) of `placed` that
    overlaps a plenary item in the same room, in Chinese."""
    tz = zone(timezone)
    found = []
    for title, room_id, starts, ends in placed:
        for item in held:
            if item.room_id == room_id and starts < item.ends_at and item.starts_at < ends:
                when = f"{item.starts_at.astimezone(tz):%m月%d日 %H:%M}–{item.ends_at.astimezone(tz):%H:%M}"
                found.append(f"《{title}》与{item.room_name}的“{item.title}”（{when}）时间重叠")
    return found
