"""The notices of a version that names another presenter (an Excel replace): the one replaced is
told the talk is withdrawn for them (METHOD:CANCEL, the feed's UID and SEQUENCE), the new one
that it is added (METHOD:REQUEST); sent through the loopback SMTP server."""

from __future__ import annotations

import pytest
from httpx import AsyncClient
from icalendar import Calendar

from event.current import EventInfo
from event.messages.config import MessageConfig
from event.messages.delivery import Courier
from event.programme import publication
from event.tables import Message, Person
from tests.event.messages.conftest import PUBLIC_URL
from tests.event.messages.test_notices import event_of
from tests.event.programme.presenter_data import (
    NEW,
    NEW_PRESENTER,
    OLD,
    Talk,
    personal_token,
    publish,
    replace_by_excel,
    sent_and_published,
)


@pytest.fixture
async def talk(client: AsyncClient, event: EventInfo) -> Talk:
    """Version 1 published (its notices sent and cleared), then 赵新人 named by Excel; both
    presenters have e-mail addresses."""
    sent = await sent_and_published(client, event)
    await Courier(MessageConfig(public_url=PUBLIC_URL)).drain()
    await Message.delete(force=True)
    assert (await replace_by_excel(client, sent, **NEW_PRESENTER)).status_code == 200
    for name, address in ((OLD, "old@example.cn"), (NEW, "new@example.cn")):
        await Person.update({Person.email: address}).where(Person.name == name)
    return sent


async def _mail(sink, name: str):
    (received,) = [m for m in sink.received if m["To"].addresses[0].display_name == name]
    return received


async def _feed_event(client: AsyncClient, name: str, code: str):
    body = (await client.get(f"/r/{await personal_token(name)}/schedule.ics")).content
    return next(e for e in Calendar.from_ical(body).walk("VEVENT") if code.lower() in str(e["UID"]))


async def test_replaced_presenter_is_sent_a_cancel_of_the_feeds_event(
    client: AsyncClient, talk: Talk, mail_config, smtp_sink
) -> None:
    sink, _ = smtp_sink
    await publish(client, talk)
    await Courier(mail_config).drain()
    calendar, event = event_of(await _mail(sink, OLD), talk.code)
    feed = await _feed_event(client, OLD, talk.code)
    assert (str(calendar["METHOD"]), str(event["STATUS"]), str(event["UID"])) == (
        "CANCEL", "CANCELLED", str(feed["UID"]),
    )  # fmt: skip
    assert event["SEQUENCE"] == feed["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == feed.decoded("DTSTART")


async def test_replaced_presenter_is_told_the_talk_is_no_longer_theirs(
    client: AsyncClient, talk: Talk, mail_config, smtp_sink
) -> None:
    sink, _ = smtp_sink
    await publish(client, talk)
    await Courier(mail_config).drain()
    text = (await _mail(sink, OLD)).get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert (
        f"1. 【取消】{talk.code}《降低齿轮箱渗漏率》\n"
        "   原定：2021年8月18日 09:45–10:03 第一分会场（您已不再担任发表人，已从您的日程中取消）\n"
    ) in text


async def test_new_presenter_is_sent_a_request_of_the_feeds_event(
    client: AsyncClient, talk: Talk, mail_config, smtp_sink
) -> None:
    sink, _ = smtp_sink
    await publish(client, talk)
    await Courier(mail_config).drain()
    received = await _mail(sink, NEW)
    calendar, event = event_of(received, talk.code)
    feed = await _feed_event(client, NEW, talk.code)
    assert (str(calendar["METHOD"]), str(event["STATUS"]), str(event["UID"])) == (
        "REQUEST", "CONFIRMED", str(feed["UID"]),
    )  # fmt: skip
    assert event["SEQUENCE"] == feed["SEQUENCE"] == 1
    text = received.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert "【新增】" in text and "时间地点：2021年8月18日 09:45–10:03 第一分会场" in text


async def test_publication_preview_names_both_presenters(talk: Talk) -> None:
    preview = await publication.preview(talk.event.id)
    (change,) = preview.changes
    assert (change.action, change.old.presenters, change.new.presenters) == (
        "moved", [OLD], [NEW],
    )  # fmt: skip
    assert sorted((a.name, a.left, a.joined) for a in preview.affected) == [
        (OLD, [talk.code], []), (NEW, [], [talk.code]),
    ]  # fmt: skip
