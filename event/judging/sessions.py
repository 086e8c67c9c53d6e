"""The sessions judged: each room in each block of the latest published programme, with its
running order (the presentations heard there, their units and times)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from event.errors import NotFound
from event.programme.render.dates import zone
from event.tables import Assignment, Block, Room, Schedule
from scheduling.panels.model import Session


@dataclass(frozen=True)
class Talk:
    presentation: int
    code: str
    kind: str
    title: str
    unit: str
    start: datetime  # in the event's time zone
    end: datetime


@dataclass(frozen=True)
class SessionInfo:
    """One room in one block: the panel's session."""

    room_id: int
    room: str
    block: str  # Block.code
    day: date
    start: str  # HH:MM
    end: str
    kind: str
    talks: tuple[Talk, ...]

    @property
    def id(self) -> str:
        return f"{self.room_id}:{self.block}"

    @property
    def label(self) -> str:
        return f"{self.room} {self.day:%Y-%m-%d} {self.start}–{self.end}"

    def model(self) -> Session:
        """The solver's view of the session (units heard there by full name)."""
        units = tuple(sorted({t.unit for t in self.talks}))
        return Session(self.id, self.room, f"{self.day:%Y-%m-%d}", self.start, self.end,
                       self.kind, units)  # fmt: skip


@dataclass(frozen=True)
class Programme:
    version: int
    sessions: tuple[SessionInfo, ...]

    def session(self, session_id: str) -> SessionInfo | None:
        return next((s for s in self.sessions if s.id == session_id), None)


async def latest_version(event_id: int) -> dict[str, Any] | None:
    return await (
        Schedule.select(Schedule.id, Schedule.version)
        .where((Schedule.event == event_id) & Schedule.version.is_not_null())
        .order_by(Schedule.version, ascending=False)
        .first()
    )


async def published(event_id: int, timezone: str = "Asia/Shanghai") -> Programme:
    """The sessions of the latest published version in day, time and room order; NotFound
    when nothing is published yet."""
    latest = await latest_version(event_id)
    if latest is None:
        raise NotFound("尚未发布分会场日程，无法安排评委")
    A = Assignment
    rows = (
        await A.select(
            A.presentation,
            A.presentation.code.as_alias("code"),
            A.presentation.kind.as_alias("kind"),
            A.presentation.title.as_alias("title"),
            A.presentation.organization.name.as_alias("unit"),  # type: ignore[union-attr]
            A.room,
            A.block,
            A.starts_at,
            A.ends_at,
        )
        .where((A.schedule == latest["id"]) & (A.cancelled.eq(False)))
        .order_by(A.starts_at)
    )
    blocks = {b["code"]: b for b in await Block.select().where(Block.event == event_id)}
    rooms = {r["id"]: r["name"] for r in await Room.select(Room.id, Room.name).where(Room.event == event_id)}  # fmt: skip
    tz = zone(timezone)
    groups: dict[tuple[int, str], list[Talk]] = defaultdict(list)
    for r in rows:
        groups[(r["room"], r["block"])].append(Talk(
            r["presentation"], r["code"], r["kind"], r["title"], r["unit"],
            r["starts_at"].astimezone(tz), r["ends_at"].astimezone(tz),
        ))  # fmt: skip
    sessions = [_session(room, block, talks, blocks.get(block), rooms.get(room, ""))
                for (room, block), talks in groups.items()]  # fmt: skip
    order = list(rooms)
    sessions.sort(
        key=lambda s: (s.day, s.start, order.index(s.room_id) if s.room_id in order else 0)
    )
    return Programme(latest["version"], tuple(sessions))


def _session(room: int, block: str, talks: list[Talk], row: dict[str, Any] | None,
             name: str) -> SessionInfo:  # fmt: skip
    first, last = talks[0], talks[-1]
    day = row["day"] if row else first.start.date()
    start = row["start"].strftime("%H:%M") if row else f"{first.start:%H:%M}"
    end = row["end"].strftime("%H:%M") if row else f"{last.end:%H:%M}"
    return SessionInfo(room, name, block, day, start, end, first.kind, tuple(talks))
