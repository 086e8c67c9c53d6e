"""A plenary item held in a session room (开幕式 in 主会场) is part of the scheduling problem: the
solver leaves its time free, and publishing refuses a draft that overlaps it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from event.current import EventInfo
from event.errors import Conflict
from event.programme import agenda_items, publication
from event.programme.schedule.instance import instance_dict
from event.programme.schedule.runs import solve_and_store
from event.programme.schedule.venues import room_ref
from event.tables import Assignment, Room
from tests.event.programme.schedule_data import DAY, small_event
from tests.factories import plenary

OPENING = {
    "title": "开幕式",
    "day": DAY.isoformat(),
    "start": "08:30",
    "end": "09:00",
    "location": "主会场",
}


async def test_plenary_item_in_a_room_is_in_the_instance(event: EventInfo) -> None:
    seeded = await small_event(event)
    await agenda_items.add(event.id, plenary(OPENING), event.timezone)
    await agenda_items.add(event.id, plenary(OPENING | {"title": "合影", "location": "宾馆门前"}))
    data = await instance_dict(event)
    room = room_ref(seeded.rooms["主会场"])
    assert data["plenary"] == [
        {"title": "开幕式", "room": room, "block": "D1-AM", "start": "08:30", "end": "09:00"}
    ]


async def test_solved_sessions_leave_the_plenary_time_free(event: EventInfo) -> None:
    seeded = await small_event(event, qc=6, team=2)
    await agenda_items.add(event.id, plenary(OPENING), event.timezone)
    _, schedule = await solve_and_store(event, time_limit=5)
    assert schedule.unscheduled == ()
    opening_end = datetime(2021, 8, 18, 1, 0, tzinfo=UTC)  # 09:00 in Beijing
    rows = await Assignment.select(Assignment.starts_at).where(
        Assignment.room == seeded.rooms["主会场"]
    )
    assert rows and all(r["starts_at"] >= opening_end for r in rows)


async def test_publish_refuses_a_draft_over_a_plenary_item(event: EventInfo) -> None:
    seeded = await small_event(event, qc=2, team=0)
    await solve_and_store(event, time_limit=5)  # before the item existed
    await Assignment.update({Assignment.room: seeded.rooms["主会场"]}).where(Assignment.id > 0)
    await agenda_items.add(event.id, plenary(OPENING | {"end": "10:00"}), event.timezone)
    with pytest.raises(Conflict) as refused:
        await publication.publish(event.id)
    assert refused.value.code == "plenary_overlap"
    assert "主会场的“开幕式”（08月18日 08:30–10:00）时间重叠" in refused.value.message
    assert await Room.count() == 2
