"""Per-person notices of a published version: what changed for each, with iTIP calendars that
carry the feeds' UID and the new version's SEQUENCE."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from icalendar import Calendar

from event.app import create_app
from event.current import EventInfo
from event.messages import notices, outbox
from event.messages.config import MessageConfig
from event.messages.delivery import Courier
from event.messages.outbox import Outgoing
from event.programme import publication
from event.settings import Settings
from event.tables import Message, Person, Presentation
from tests.event.messages.conftest import PUBLIC_URL
from tests.event.programme.programme_data import FIRST, SECOND, World, build, store_draft


@pytest.fixture
async def world(event: EventInfo) -> World:
    """Version 1 published and its notices sent; 张伟 and 王芳 have e-mail addresses."""
    world = await build(event)
    for name, address in (("张伟", "zhangwei@example.cn"), ("王芳", "wangfang@example.cn")):
        await Person.update({Person.email: address}).where(Person.id == world.persons[name])
    await store_draft(world, FIRST)
    await publication.publish(event.id)
    await Courier(MessageConfig(public_url=PUBLIC_URL)).drain()
    await Message.delete(force=True)
    await store_draft(world, SECOND)
    return world


async def texts(channel: str) -> dict[str, str]:
    rows = await Message.select(Message.recipient_name, Message.text).where(
        Message.channel == channel
    )
    return {r["recipient_name"]: r["text"] for r in rows}


async def test_publish_queues_one_fanout_row_in_its_transaction(world: World) -> None:
    await publication.publish(world.event.id)
    rows = await Message.select(Message.channel, Message.status, Message.subject)
    assert rows == [{"channel": "fanout", "status": "queued", "subject": "第2版日程变动通知"}]


async def test_moved_presenter_is_told_old_and_new_time_and_room(world: World) -> None:
    await publication.publish(world.event.id)
    await Courier(MessageConfig(public_url=PUBLIC_URL)).drain()
    email = (await texts("email"))["张伟"]
    assert (
        "原：2021年8月18日 09:45–10:03 第一分会场\n   新：2021年8月18日 10:00–10:18 主会场" in email
    )


async def test_withdrawn_presenter_is_told_it_is_cancelled(world: World) -> None:
    await publication.publish(world.event.id)
    await Courier(MessageConfig(public_url=PUBLIC_URL)).drain()
    assert "原定：2021年8月18日 10:21–10:39 第一分会场（已取消）" in (await texts("email"))["王芳"]


async def test_neighbour_in_the_session_gets_an_sms_about_the_session(world: World) -> None:
    await publication.publish(world.event.id)
    await Courier(MessageConfig(public_url=PUBLIC_URL)).drain()
    sms = (await texts("sms"))["李娜"]
    assert (
        sms
        == f"李娜您好，会议日程已更新（第2版），您所在场次有调整，详见：{PUBLIC_URL}/r/{world.tokens['李娜']}"
    )


async def test_person_not_affected_gets_nothing(world: World) -> None:
    await publication.publish(world.event.id)
    await Courier(MessageConfig(public_url=PUBLIC_URL)).drain()
    assert sorted(await texts("sms")) == ["张伟", "李娜", "王芳"]


async def test_fanout_row_claimed_by_another_worker_is_not_expanded_twice(world: World) -> None:
    await publication.publish(world.event.id)
    (row,) = await outbox.claim(10, 60)
    await notices.expand(
        row | {"attempts": row["attempts"] - 1}, MessageConfig(public_url=PUBLIC_URL)
    )
    assert await Message.count() == 1


def event_of(message, code: str):
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            calendar = Calendar.from_ical(part.get_content())
            for event in calendar.walk("VEVENT"):
                if code.lower() in str(event["UID"]):
                    return calendar, event
    raise AssertionError(f"no calendar event for {code}")


async def feed_event(world: World, tmp_path: Path, name: str, code: str):
    settings = Settings(database_url="sqlite:///unused", data_dir=tmp_path, public_url=PUBLIC_URL)
    transport = httpx.ASGITransport(app=create_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url=PUBLIC_URL) as client:
        body = (await client.get(f"/r/{world.tokens[name]}/schedule.ics")).content
    return next(e for e in Calendar.from_ical(body).walk("VEVENT") if code.lower() in str(e["UID"]))


async def test_moved_talk_email_updates_the_feeds_event_in_place(
    world, mail_config, smtp_sink, tmp_path
) -> None:
    sink, _ = smtp_sink
    await publication.publish(world.event.id)
    await Courier(mail_config).drain()
    (received,) = [m for m in sink.received if m["To"].addresses[0].display_name == "张伟"]
    calendar, event = event_of(received, "QC-0001")
    feed = await feed_event(world, tmp_path, "张伟", "QC-0001")
    assert (str(calendar["METHOD"]), str(event["UID"]), event["SEQUENCE"]) == (
        "REQUEST",
        str(feed["UID"]),
        1,
    )
    assert (feed["SEQUENCE"], str(event["LOCATION"])) == (1, "主会场")
    assert (event.decoded("DTSTART"), event["DTSTART"].params["TZID"]) == (
        feed.decoded("DTSTART"),
        "Asia/Shanghai",
    )


async def test_withdrawn_talk_email_cancels_the_feeds_event(
    world, mail_config, smtp_sink, tmp_path
) -> None:
    sink, _ = smtp_sink
    await publication.publish(world.event.id)
    await Courier(mail_config).drain()
    (received,) = [m for m in sink.received if m["To"].addresses[0].display_name == "王芳"]
    calendar, event = event_of(received, "QC-0003")
    feed = await feed_event(world, tmp_path, "王芳", "QC-0003")
    assert (str(calendar["METHOD"]), str(event["STATUS"]), str(event["UID"])) == (
        "CANCEL",
        "CANCELLED",
        str(feed["UID"]),
    )
    assert event["SEQUENCE"] == feed["SEQUENCE"] == 1


async def test_fanout_that_cannot_be_expanded_is_retried_with_the_reason(db_url) -> None:
    await outbox.queue(
        None,
        [Outgoing(channel="fanout", recipient="schedule:x", text="", topic="schedule.publish")],
    )
    await Courier(MessageConfig(public_url=PUBLIC_URL)).drain()
    row = await Message.select(Message.status, Message.attempts, Message.last_error).first()
    assert (row["status"], row["attempts"], row["last_error"][:5]) == ("queued", 1, "生成失败：")


async def test_recategorised_presenter_is_told_the_category_changed_not_a_move(
    world, mail_config, smtp_sink
) -> None:
    sink, _ = smtp_sink
    await Presentation.update({Presentation.category: "管理型"}).where(
        Presentation.id == world.talks["QC-0003"]
    )
    # QC-0003 keeps its place of version 1, now alone there (a session holds one category)
    others = {code: ("主会场", FIRST[code][1]) for code in ("QC-0001", "QC-0002")}
    await store_draft(world, FIRST | others)
    await publication.publish(world.event.id)
    await Courier(mail_config).drain()
    (received,) = [m for m in sink.received if m["To"].addresses[0].display_name == "王芳"]
    text = received.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert (
        "1. 【调整】QC-0003《提高电机装配一次合格率》\n"
        "   时间地点不变：2021年8月18日 10:21–10:39 第一分会场\n"
        "   类别：QC小组·现场型 → QC小组·管理型\n"
    ) in text
    assert "原：" not in text
    html = received.get_body(("html",)).get_content()
    assert "类别：<s>QC小组·现场型</s> → <strong>QC小组·管理型</strong>" in html
