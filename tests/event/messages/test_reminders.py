"""The reminder before the meeting: 报到 and one's own presentations, once a day at most."""

from __future__ import annotations

from datetime import UTC, datetime

from event.current import EventInfo
from event.messages.config import MessageConfig
from event.messages.reminders import remind
from event.programme import publication
from event.tables import AgendaItem, Message, MessageOptOut, Room
from tests.event.messages.conftest import PUBLIC_URL
from tests.event.programme.programme_data import FIRST, at, build, store_draft

CONFIG = MessageConfig(public_url=PUBLIC_URL)


async def published(event: EventInfo):
    world = await build(event)
    await store_draft(world, FIRST)
    await publication.publish(event.id)
    await Message.delete(force=True)
    await AgendaItem.insert(AgendaItem(
        event=event.id, title="报到", kind="checkin", starts_at=at(8, 0), ends_at=at(9, 30),
        location="宾馆大堂", uid="item-checkin", updated_at=datetime.now(UTC),
    ))  # fmt: skip
    return world


async def sms_of(name: str) -> str:
    row = await Message.select(Message.text).where(
        (Message.recipient_name == name) & (Message.channel == "sms")).first()  # fmt: skip
    return row["text"]


async def test_presenter_is_reminded_of_checkin_and_own_presentation(event: EventInfo) -> None:
    world = await published(event)
    await remind(event.id, CONFIG)
    link = f"{PUBLIC_URL}/r/{world.tokens['张伟']}"
    assert (
        await sms_of("张伟")
        == f"张伟您好，报到：2021年8月18日 08:00–09:30 宾馆大堂。您有1项发表，日程与报到码：{link}"
    )


async def test_observer_is_reminded_of_checkin_only(event: EventInfo) -> None:
    world = await published(event)
    await remind(event.id, CONFIG)
    link = f"{PUBLIC_URL}/r/{world.tokens['赵敏']}"
    assert (
        await sms_of("赵敏")
        == f"赵敏您好，报到：2021年8月18日 08:00–09:30 宾馆大堂。日程与报到码：{link}"
    )


async def test_second_run_the_same_day_queues_nothing(event: EventInfo) -> None:
    await published(event)
    first = await remind(event.id, CONFIG)
    assert (first, await remind(event.id, CONFIG)) == (4, 0)


async def test_person_who_declined_is_not_reminded(event: EventInfo) -> None:
    world = await published(event)
    await MessageOptOut.insert(MessageOptOut(person=world.persons["赵敏"], at=datetime.now(UTC)))
    await remind(event.id, CONFIG)
    assert sorted({m["recipient_name"] for m in await Message.select(Message.recipient_name)}) == [
        "张伟",
        "李娜",
        "王芳",
    ]


async def test_checkin_held_in_a_room_is_given_under_the_rooms_name_now(
    event: EventInfo,
) -> None:
    world = await published(event)
    await AgendaItem.update({AgendaItem.room: world.rooms["主会场"], AgendaItem.location: "主会场"})\
        .where(AgendaItem.uid == "item-checkin")  # fmt: skip
    await Room.update({Room.name: "报到大厅"}).where(
        Room.id == world.rooms["主会场"]
    )  # renamed since
    await remind(event.id, CONFIG)
    link = f"{PUBLIC_URL}/r/{world.tokens['赵敏']}"
    assert (
        await sms_of("赵敏")
        == f"赵敏您好，报到：2021年8月18日 08:00–09:30 报到大厅。日程与报到码：{link}"
    )
