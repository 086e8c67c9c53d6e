"""A plenary item held in a session room (开幕式 in 主会场, chosen by the room's id) is part of the
scheduling problem: the solver leaves its time free, and publishing refuses a draft that
overlaps it. Renaming the room keeps it there; a place typed as text is never a room."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from event.current import EventInfo
from event.errors import Conflict, InvalidInput
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
}


def held_in(room_id: int, **extra: str) -> dict[str, str]:
    return OPENING | {"room": str(room_id)} | extra


async def test_plenary_item_in_a_room_is_in_the_instance(event: EventInfo) -> None:
    seeded = await small_event(event)
    await agenda_items.add(event.id, plenary(held_in(seeded.rooms["主会场"])), event.timezone)
    await agenda_items.add(event.id, plenary(OPENING | {"title": "合影", "location": "宾馆门前"}))
    data = await instance_dict(event)
    room = room_ref(seeded.rooms["主会场"])
    assert data["plenary"] == [
        {"title": "开幕式", "room": room, "block": "D1-AM", "start": "08:30", "end": "09:00"}
    ]


async def test_solved_sessions_leave_the_plenary_time_free(event: EventInfo) -> None:
    seeded = await small_event(event, qc=6, team=2)
    await agenda_items.add(event.id, plenary(held_in(seeded.rooms["主会场"])), event.timezone)
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
    opening = held_in(seeded.rooms["主会场"], end="10:00")
    await agenda_items.add(event.id, plenary(opening), event.timezone)
    await Room.update({Room.name: "大礼堂"}).where(Room.id == seeded.rooms["主会场"])
    with pytest.raises(Conflict) as refused:
        await publication.publish(event.id)
    assert refused.value.code == "plenary_overlap"
    assert "大礼堂的“开幕式”（08月18日 08:30–10:00）时间重叠" in refused.value.message
    assert await Room.count() == 2


async def test_renamed_room_keeps_its_plenary_item_in_the_instance(event: EventInfo) -> None:
    seeded = await small_event(event)
    await agenda_items.add(event.id, plenary(held_in(seeded.rooms["主会场"])), event.timezone)
    await Room.update({Room.name: "大礼堂"}).where(Room.id == seeded.rooms["主会场"])
    assert [p["room"] for p in (await instance_dict(event))["plenary"]] == [
        room_ref(seeded.rooms["主会场"])
    ]


async def test_place_typed_as_a_room_name_holds_no_room(event: EventInfo) -> None:
    await small_event(event)
    await agenda_items.add(event.id, plenary(OPENING | {"location": "主会场"}), event.timezone)
    assert "plenary" not in await instance_dict(event)


async def test_room_of_another_event_is_refused_naming_the_field(event: EventInfo) -> None:
    seeded = await small_event(event)
    with pytest.raises(InvalidInput) as refused:
        await agenda_items.add(event.id, plenary(held_in(seeded.rooms["主会场"] + 99)))
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("room", "请从列表中选择会场")
    ]
    with pytest.raises(InvalidInput) as both:
        await agenda_items.add(
            event.id, plenary(held_in(seeded.rooms["主会场"], location="宾馆门前"))
        )
    assert both.value.problems[0].field == "location"
