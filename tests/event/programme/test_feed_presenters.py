"""A presenter replaced by another (an Excel replace naming someone else) keeps the talk in
their personal feed as CANCELLED, one SEQUENCE higher, once a version publishes the change;
read back with icalendar and vobject, and by khal importing each version as a merging client."""

from __future__ import annotations

from email.utils import parsedate_to_datetime
from pathlib import Path

import vobject
from httpx import AsyncClient

from event.current import EventInfo
from event.enums import Role
from event.tables import Schedule
from tests.event.programme.khal import Khal, need_khal
from tests.event.programme.presenter_data import (
    NEW,
    NEW_PRESENTER,
    OLD,
    SLOT,
    draft,
    personal_token,
    publish,
    replace_by_excel,
    sent_and_published,
)
from tests.event.programme.programme_data import at
from tests.event.programme.test_feeds import _events, _uid
from tests.event.programme.test_feeds_interop import _age_versions
from tests.factories import login


async def _feed(client: AsyncClient, name: str, **headers: str):
    return await client.get(f"/r/{await personal_token(name)}/schedule.ics", headers=headers)


async def test_replaced_presenter_keeps_the_talk_cancelled_one_sequence_higher(
    client: AsyncClient, event: EventInfo
) -> None:
    talk = await sent_and_published(client, event)
    before = await _feed(client, OLD)
    uid = await _uid(client, event, talk.code)
    assert str(_events(before.content)[uid]["STATUS"]) == "CONFIRMED"
    assert (await replace_by_excel(client, talk, **NEW_PRESENTER)).status_code == 200
    await publish(client, talk)  # the same place: only the presenter changed
    after = await _feed(client, OLD, **{"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
    gone = _events(after.content)[uid]
    assert (str(gone["STATUS"]), int(gone["SEQUENCE"])) == ("CANCELLED", 1)
    assert gone.decoded("DTSTART") == SLOT
    (card,) = [c for c in vobject.readOne(after.text).vevent_list if c.uid.value == uid]
    assert (card.status.value, card.sequence.value) == ("CANCELLED", "1")


async def test_new_presenter_feed_has_the_talk_confirmed(
    client: AsyncClient, event: EventInfo
) -> None:
    talk = await sent_and_published(client, event)
    await replace_by_excel(client, talk, **NEW_PRESENTER)
    await publish(client, talk)
    uid = await _uid(client, event, talk.code)
    joined = _events((await _feed(client, NEW)).content)[uid]
    assert (str(joined["STATUS"]), int(joined["SEQUENCE"])) == ("CONFIRMED", 1)
    assert "发表人：赵新人" in str(joined["DESCRIPTION"])


async def test_replaced_presenter_feed_follows_the_published_version_until_the_next(
    client: AsyncClient, event: EventInfo
) -> None:
    talk = await sent_and_published(client, event)
    before = await _feed(client, OLD)
    await replace_by_excel(client, talk, **NEW_PRESENTER)
    client._transport.app.state.programme_cache.clear()  # type: ignore[attr-defined]
    again = await _feed(client, OLD, **{"If-None-Match": before.headers["etag"]})
    assert again.status_code == 304  # version 1 still names 王发表
    assert await _uid(client, event, talk.code) not in _events((await _feed(client, NEW)).content)


async def test_replaced_presenter_feed_is_modified_since_the_version_that_took_it(
    client: AsyncClient, event: EventInfo
) -> None:
    talk = await sent_and_published(client, event)
    await _age_versions(10)
    client._transport.app.state.programme_cache.clear()  # type: ignore[attr-defined]
    before = await _feed(client, OLD)
    await replace_by_excel(client, talk, **NEW_PRESENTER)
    await publish(client, talk)
    since = await _feed(client, OLD, **{"If-Modified-Since": before.headers["last-modified"]})
    assert since.status_code == 200
    published = await Schedule.select(Schedule.published_at).where(Schedule.version == 2).first()
    assert parsedate_to_datetime(since.headers["last-modified"]) == published[
        "published_at"
    ].replace(microsecond=0)


async def test_talk_moved_while_its_presenter_changed_stays_at_the_old_time_for_the_old_one(
    client: AsyncClient, event: EventInfo
) -> None:
    talk = await sent_and_published(client, event)
    await replace_by_excel(client, talk, **NEW_PRESENTER)
    await publish(client, talk, at(10, 30))
    uid = await _uid(client, event, talk.code)
    gone = _events((await _feed(client, OLD)).content)[uid]
    joined = _events((await _feed(client, NEW)).content)[uid]
    assert (gone.decoded("DTSTART"), str(gone["STATUS"])) == (SLOT, "CANCELLED")
    assert (joined.decoded("DTSTART"), str(joined["STATUS"])) == (at(10, 30), "CONFIRMED")
    assert int(gone["SEQUENCE"]) == int(joined["SEQUENCE"]) == 1


async def test_presenter_named_again_gets_the_talk_back_confirmed_one_sequence_higher(
    client: AsyncClient, event: EventInfo
) -> None:
    talk = await sent_and_published(client, event)
    await replace_by_excel(client, talk, **NEW_PRESENTER)
    await publish(client, talk)
    await replace_by_excel(client, talk)  # 王发表 again
    await publish(client, talk)
    uid = await _uid(client, event, talk.code)
    back = _events((await _feed(client, OLD)).content)
    assert [(str(e["STATUS"]), int(e["SEQUENCE"])) for e in back.values() if str(e["UID"]) == uid] == [
        ("CONFIRMED", 2)
    ]  # fmt: skip
    assert str(_events((await _feed(client, NEW)).content)[uid]["STATUS"]) == "CANCELLED"


async def test_khal_drops_the_talk_of_a_replaced_presenter(
    client: AsyncClient, event: EventInfo, tmp_path: Path
) -> None:
    need_khal()
    talk = await sent_and_published(client, event)
    khal = Khal(tmp_path)
    khal.import_feed((await _feed(client, OLD)).content, "v1.ics")
    await replace_by_excel(client, talk, **NEW_PRESENTER)
    await publish(client, talk)
    khal.import_feed((await _feed(client, OLD)).content, "v2.ics")
    assert khal.list_day("2021-08-18") == ["09:45 CANCELLED 第一分会场"]


async def test_publication_page_shows_a_change_of_presenter_to_publish(
    client: AsyncClient, event: EventInfo
) -> None:
    talk = await sent_and_published(client, event)
    await replace_by_excel(client, talk, **NEW_PRESENTER)
    await draft(talk)
    await login(client, "organiser", Role.organiser)
    page = (await client.get("/admin/publication/")).text
    assert "（发表人：王发表）" in page and "（发表人：赵新人）" in page
    assert "王发表（洛阳华锐重型机械股份有限公司）：本人发表安排变动" in page
    assert f"（不再担任{talk.code}的发表人）" in page
    assert 'id="publish" disabled' not in page
