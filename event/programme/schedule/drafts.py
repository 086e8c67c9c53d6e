"""The stored draft schedule (Schedule.version null): store a solver result, read it back.

There is at most one draft per event; storing a new one replaces it (its assignments and hand
edits go with it). Times are stored as Beijing timestamps built from the block's day.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any

from event import audit
from event.db import write_transaction
from event.programme.render.dates import BEIJING, zone
from event.programme.schedule.venues import room_id_of, room_ref
from event.tables import Assignment, Event, Presentation, ScheduleEdit
from event.tables import Schedule as ScheduleRow
from scheduling.model import Assignment as Placed
from scheduling.model import Instance, Schedule, Stats, Unscheduled


def decoded(value: Any) -> Any:
    """A JSON column's value (Piccolo may hand it back as text)."""
    return json.loads(value) if isinstance(value, str) else value


async def event_zone(event_id: int) -> tzinfo:
    """The event's time zone (Event.timezone): blocks' wall-clock times are read in it."""
    row = await Event.select(Event.timezone).where(Event.id == event_id).first()
    return zone(row["timezone"] if row else None)


def _moment(day: str, hhmm: str, tz: tzinfo = BEIJING) -> datetime:
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(hhmm), tzinfo=tz)


async def _presentation_ids(event_id: int) -> dict[str, int]:
    rows = await Presentation.select(Presentation.id, Presentation.code).where(
        Presentation.event == event_id
    )
    return {r["code"]: r["id"] for r in rows}


def _rows(
    schedule_id: int, instance: Instance, schedule: Schedule, ids: dict[str, int], tz: tzinfo
) -> list:
    return [
        Assignment(
            schedule=schedule_id, presentation=ids[a.presentation], room=room_id_of(a.room),
            block=a.block, position=a.order,
            starts_at=_moment(instance.block(a.block).day, a.start, tz),
            ends_at=_moment(instance.block(a.block).day, a.end, tz),
        )
        for a in schedule.assignments
    ]  # fmt: skip


def _explanation(schedule: Schedule) -> list[dict[str, Any]]:
    return [{k: v for k, v in asdict(c).items() if v is not None} for c in schedule.explanation]


async def store_draft(event_id: int, instance: Instance, schedule: Schedule) -> int:
    """Replace the event's draft with this solver result; returns the new Schedule id."""
    stats = asdict(schedule.stats) if schedule.stats else {}
    ids = await _presentation_ids(event_id)
    async with write_transaction(ScheduleRow._meta.db):
        await ScheduleRow.delete().where(
            (ScheduleRow.event == event_id) & ScheduleRow.version.is_null()
        )
        row = ScheduleRow(
            event=event_id, version=None, seed=stats.get("seed", 1), stats=stats,
            explanation=_explanation(schedule), unscheduled=[asdict(u) for u in schedule.unscheduled],
            created_at=datetime.now(UTC),
        )  # fmt: skip
        schedule_id = (await ScheduleRow.insert(row).returning(ScheduleRow.id))[0]["id"]
        if schedule.assignments:
            tz = await event_zone(event_id)
            await Assignment.insert(*_rows(schedule_id, instance, schedule, ids, tz))
        await audit.record(event_id, "schedule.draft", "schedule", schedule_id,
                           f"排入{len(schedule.assignments)}项，未排{len(schedule.unscheduled)}项，"
                           f"用{stats.get('sessions_used', '?')}个场次，抽签种子{stats.get('seed', 1)}")  # fmt: skip
    return schedule_id


async def draft_row(event_id: int) -> dict[str, Any] | None:
    """The draft's Schedule row with its JSON decoded, or None."""
    row = (
        await ScheduleRow.select()
        .where((ScheduleRow.event == event_id) & ScheduleRow.version.is_null())
        .first()
    )
    if row is not None:
        for key in ("stats", "explanation", "unscheduled", "changelog"):
            row[key] = decoded(row[key])
    return row


async def assignment_rows(schedule_id: int) -> list[dict[str, Any]]:
    """The schedule's assignments with the presentation's code, by start and room; times in
    the event's zone."""
    rows = await Assignment.select(
        *Assignment.all_columns(), Assignment.presentation._.code.as_alias("code"),
        Assignment.schedule._.event._.timezone.as_alias("_tz"),
    ).where(Assignment.schedule == schedule_id)  # fmt: skip
    for r in rows:
        tz = zone(r.pop("_tz"))
        for key in ("starts_at", "ends_at"):
            moment = r[key] if r[key].tzinfo else r[key].replace(tzinfo=UTC)
            r[key] = moment.astimezone(tz)
    return sorted(rows, key=lambda r: (r["starts_at"], r["room"], r["position"]))


def _hhmm(moment: datetime) -> str:
    return moment.strftime("%H:%M")  # assignment_rows gives it in the event's zone


def as_schedule(row: dict[str, Any], assignments: list[dict[str, Any]]) -> Schedule:
    """The stored draft as the solver library's Schedule."""
    placed = tuple(
        Placed(a["code"], room_ref(a["room"]), a["block"], _hhmm(a["starts_at"]),
               _hhmm(a["ends_at"]), a["position"])
        for a in assignments
    )  # fmt: skip
    stats = Stats(**row["stats"]) if row["stats"] else None
    unscheduled = tuple(Unscheduled(u["presentation"], u["reason"]) for u in row["unscheduled"])
    return Schedule(placed, unscheduled, stats)


async def replace_assignments(
    event_id: int, schedule_id: int, instance: Instance, schedule: Schedule
) -> None:
    """Store an edited schedule's places, stats and unscheduled list (inside a transaction)."""
    ids = await _presentation_ids(event_id)
    await Assignment.delete().where(Assignment.schedule == schedule_id)
    if schedule.assignments:
        tz = await event_zone(event_id)
        await Assignment.insert(*_rows(schedule_id, instance, schedule, ids, tz))
    await ScheduleRow.update({
        ScheduleRow.stats: asdict(schedule.stats) if schedule.stats else {},
        ScheduleRow.unscheduled: [asdict(u) for u in schedule.unscheduled],
    }).where(ScheduleRow.id == schedule_id)  # fmt: skip


async def record_edit(schedule_id: int, action: str, detail: dict[str, Any], author: str) -> None:
    await ScheduleEdit.insert(
        ScheduleEdit(schedule=schedule_id, action=action, detail=detail, author=author,
                     created_at=datetime.now(UTC))
    )  # fmt: skip


async def edit_rows(schedule_id: int) -> list[dict[str, Any]]:
    """The draft's hand edits, newest first, with detail decoded."""
    rows = (
        await ScheduleEdit.select()
        .where(ScheduleEdit.schedule == schedule_id)
        .order_by(ScheduleEdit.id, ascending=False)
    )
    return [dict(r, detail=decoded(r["detail"])) for r in rows]
