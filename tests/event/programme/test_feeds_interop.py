"""Feeds as calendar programs read them: khal importing each version, icalendar and vobject."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta
from pathlib import Path

import vobject
from httpx import AsyncClient

from event.current import EventInfo
from event.programme import agenda_items, publication
from event.tables import Event, Judge, Room, Schedule
from tests.event.programme.khal import Khal, need_khal
from tests.event.programme.programme_data import FIRST, SECOND, World, build, store_draft
from tests.event.programme.test_feeds import _events, _item_uid, _published, _uid
from tests.factories import plenary


def _fresh(client: AsyncClient) -> None:
    client._transport.app.state.programme_cache.clear()  # type: ignore[attr-defined]


async def _publish(world: World, placements: dict, client: AsyncClient) -> None:
    await store_draft(world, placements)
    await publication.publish(world.event.id)
    _fresh(client)


async def _age_versions(minutes: int) -> None:
    """Move every published version `minutes` into the past (If-Modified-Since has seconds)."""
    for row in await Schedule.select(Schedule.id, Schedule.published_at):
        if row["published_at"]:
            moment = row["published_at"] - timedelta(minutes=minutes)
            await Schedule.update({Schedule.published_at: moment}).where(Schedule.id == row["id"])


async def test_cancelled_registration_feed_cancels_every_event_one_sequence_higher(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, FIRST)
    path = f"/r/{world.tokens['张伟']}/schedule.ics"
    before = await client.get(path)
    assert (
        await client.post(f"/api/registrations/{world.tokens['张伟']}/cancel")
    ).status_code == 200
    _fresh(client)
    after = await client.get(path, headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
    old, new = _events(before.content), _events(after.content)
    assert sorted(new) == sorted(old) == [await _uid(client, event)]
    assert [(str(e["STATUS"]), int(e["SEQUENCE"])) for e in new.values()] == [("CANCELLED", 1)]
    (card,) = vobject.readOne(after.text).vevent_list
    assert (card.status.value, card.sequence.value) == ("CANCELLED", "1")


async def test_cancelled_registration_page_offers_no_subscription(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, FIRST)
    token = world.tokens["赵敏"]
    assert "订阅到手机日历" in (await client.get(f"/r/{token}")).text
    await client.post(f"/api/registrations/{token}/cancel")
    page = (await client.get(f"/r/{token}")).text
    assert "订阅到手机日历" not in page and f"/r/{token}/schedule.ics" not in page
    assert "登记已取消，不再提供日历订阅" in page


async def test_talk_moved_out_of_a_room_stays_there_cancelled_at_its_old_time(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, FIRST)
    await _publish(world, SECOND, client)  # QC-0001: 第一分会场 09:45 → 主会场 10:00
    uid = await _uid(client, event)
    left = _events((await client.get(f"/programme/rooms/{world.rooms['第一分会场']}/calendar.ics")).content)  # fmt: skip
    joined = _events((await client.get(f"/programme/rooms/{world.rooms['主会场']}/calendar.ics")).content)  # fmt: skip
    ghost, there = left[uid], joined[uid]
    assert (str(ghost["STATUS"]), int(ghost["SEQUENCE"]), str(ghost["LOCATION"])) == (
        "CANCELLED", 1, "第一分会场",
    )  # fmt: skip
    assert ghost.decoded("DTSTART") == datetime(2021, 8, 18, 1, 45, tzinfo=UTC)
    assert (str(there["STATUS"]), int(there["SEQUENCE"])) == ("CONFIRMED", 1)


async def test_khal_importing_each_room_feed_version_keeps_no_stale_talk(
    client: AsyncClient, event: EventInfo, tmp_path: Path
) -> None:
    need_khal()
    world = await _published(event, FIRST)
    path = f"/programme/rooms/{world.rooms['第一分会场']}/calendar.ics"
    khal = Khal(tmp_path)
    khal.import_feed((await client.get(path)).content, "v1.ics")
    assert khal.list_day("2021-08-18") == [
        "09:45 CONFIRMED 第一分会场", "10:03 CONFIRMED 第一分会场", "10:21 CONFIRMED 第一分会场",
    ]  # fmt: skip
    await _publish(world, SECOND, client)
    khal.import_feed((await client.get(path)).content, "v2.ics")
    assert khal.files() == 3  # updated in place, nothing added
    assert khal.list_day("2021-08-18") == [  # QC-0001 moved away, QC-0003 withdrawn
        "09:45 CANCELLED 第一分会场", "10:03 CONFIRMED 第一分会场", "10:21 CANCELLED 第一分会场",
    ]  # fmt: skip


async def test_room_feed_that_only_lost_a_talk_is_modified_since_the_last_version(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, FIRST)
    await _age_versions(10)
    _fresh(client)
    path = f"/programme/rooms/{world.rooms['第一分会场']}/calendar.ics"
    first = await client.get(path)
    await _publish(world, {"QC-0002": FIRST["QC-0002"], "QC-0003": FIRST["QC-0003"],
                           "QC-0001": ("主会场", FIRST["QC-0001"][1])}, client)  # fmt: skip
    since = await client.get(path, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 200
    assert since.headers["last-modified"] != first.headers["last-modified"]


async def test_uids_name_the_public_host_and_the_event(
    client: AsyncClient, event: EventInfo
) -> None:
    await _published(event, FIRST)
    uid = await _uid(client, event)
    key = (await Event.select(Event.uid_key).first())["uid_key"].hex[:12]
    domain = client._transport.app.state.programme_cache.naming.domain  # type: ignore[attr-defined]
    assert uid == f"qc-0001.{key}@{domain}"
    assert domain.endswith(".qcconf.invalid")  # no QCCONF_PUBLIC_URL: the installation id
    assert uid in _events((await client.get("/programme/calendar.ics")).content)


async def test_vevent_has_url_organizer_and_location_with_the_venue(
    client: AsyncClient, event: EventInfo
) -> None:
    await Event.update({Event.venue: "北京友谊宾馆"}).where(Event.id == event.id)
    await _published(event, FIRST)
    body = (await client.get("/programme/calendar.ics")).text
    card = next(v for v in vobject.readOne(body).vevent_list if v.uid.value.startswith("qc-0002"))
    assert card.url.value == "http://testserver/programme/p/QC-0002"
    assert card.location.value == "北京友谊宾馆 第一分会场"
    assert card.organizer.params["CN"] == ["中国机械工业质量管理协会"]
    assert card.organizer.value.startswith("mailto:noreply@")


async def test_feed_is_gzipped_when_accepted_and_answers_head(
    client: AsyncClient, event: EventInfo
) -> None:
    await _published(event, FIRST)
    plain = await client.get("/programme/calendar.ics", headers={"Accept-Encoding": "identity"})
    packed = await client.get("/programme/calendar.ics", headers={"Accept-Encoding": "gzip"})
    head = await client.head("/programme/calendar.ics", headers={"Accept-Encoding": "gzip"})
    assert (packed.headers["content-encoding"], packed.content) == ("gzip", plain.content)
    assert "content-encoding" not in plain.headers and packed.headers["vary"] == "Accept-Encoding"
    assert (head.status_code, head.content, head.headers["etag"]) == (
        200, b"", packed.headers["etag"],
    )  # fmt: skip
    assert int(head.headers["content-length"]) == len(gzip.compress(plain.content, mtime=0))
    again = await client.get("/programme/calendar.ics", headers={
        "Accept-Encoding": "gzip", "If-None-Match": packed.headers["etag"]})  # fmt: skip
    assert again.status_code == 304


async def test_handbook_answers_head_and_is_gzipped_when_accepted(
    client: AsyncClient, event: EventInfo
) -> None:
    await _published(event, FIRST)
    head = await client.head("/programme/handbook.pdf", headers={"Accept-Encoding": "identity"})
    got = await client.get("/programme/handbook.pdf", headers={"Accept-Encoding": "identity"})
    assert (head.status_code, head.content, head.headers["content-type"]) == (
        200, b"", "application/pdf",
    )  # fmt: skip
    assert int(head.headers["content-length"]) == len(got.content)
    assert got.content.startswith(b"%PDF-")
    packed = await client.get("/programme/handbook.pdf", headers={"Accept-Encoding": "gzip"})
    assert (packed.headers["content-encoding"], packed.content) == ("gzip", got.content)


async def test_plenary_item_reaches_only_its_audience(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, FIRST)
    form = {"day": "2021-08-17", "start": "19:00", "end": "20:00", "location": "会议室"}
    judges = await agenda_items.add(event.id, plenary(
        form | {"title": "评委预备会及各分会场抽签", "audience": "judges"}))  # fmt: skip
    presenters = await agenda_items.add(event.id, plenary(
        form | {"title": "发表人说明会", "audience": "presenters"}))  # fmt: skip
    _fresh(client)
    judges_uid = await _item_uid(client, event, judges.uid)
    presenters_uid = await _item_uid(client, event, presenters.uid)
    observer = _events((await client.get(f"/r/{world.tokens['赵敏']}/schedule.ics")).content)
    presenter = _events((await client.get(f"/r/{world.tokens['李娜']}/schedule.ics")).content)
    whole = _events((await client.get("/programme/calendar.ics")).content)
    assert (judges_uid in observer, presenters_uid in observer) == (False, False)
    assert (judges_uid in presenter, presenters_uid in presenter) == (False, True)
    assert {judges_uid, presenters_uid} <= set(whole)


async def test_plenary_item_narrowed_to_judges_leaves_personal_feeds_cancelled(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await build(event)
    form = {"title": "评委预备会", "day": "2021-08-17", "start": "19:00", "end": "20:00"}
    item = await agenda_items.add(event.id, plenary(form))
    await agenda_items.change(event.id, item.id, plenary(form | {"audience": "judges"}))
    observer = _events((await client.get(f"/r/{world.tokens['赵敏']}/schedule.ics")).content)
    gone = observer[await _item_uid(client, event, item.uid)]
    assert (str(gone["STATUS"]), int(gone["SEQUENCE"])) == ("CANCELLED", 1)


async def test_feeds_use_the_event_time_zone(client: AsyncClient, event: EventInfo) -> None:
    await Event.update({Event.timezone: "Asia/Tokyo"}).where(Event.id == event.id)
    await _published(event, FIRST)
    body = (await client.get("/programme/calendar.ics")).content
    assert b"DTSTART;TZID=Asia/Tokyo:20210818T104500\r\n" in body  # 09:45 in Beijing
    assert b"X-WR-TIMEZONE:Asia/Tokyo\r\n" in body


async def test_two_rooms_of_one_name_keep_their_own_feeds(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, FIRST)
    await _publish(world, SECOND, client)
    await Room.update({Room.name: "第一分会场"}).where(Room.id == world.rooms["主会场"])
    _fresh(client)
    hall = _events((await client.get(f"/programme/rooms/{world.rooms['主会场']}/calendar.ics")).content)  # fmt: skip
    assert [str(e["STATUS"]) for e in hall.values()] == ["CONFIRMED"]  # QC-0001 only


async def test_plenary_item_for_judges_reaches_a_delegate_on_the_judge_roster(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await build(event)
    await Judge.insert(Judge(
        event=event.id, name="赵敏", unit="某某重型机械股份有限公司", mobile="13800000009",
        kinds=["qc"], token="t", token_key="k" * 64, key=f"{event.id}:13800000009",
        created_at=datetime.now(UTC),
    ))  # fmt: skip
    form = {"title": "评委预备会及各分会场抽签", "day": "2021-08-17", "start": "19:30",
            "end": "20:30", "audience": "judges"}  # fmt: skip
    item = await agenda_items.add(event.id, plenary(form))
    uid = await _item_uid(client, event, item.uid)
    judge = _events((await client.get(f"/r/{world.tokens['赵敏']}/schedule.ics")).content)
    presenter = _events((await client.get(f"/r/{world.tokens['张伟']}/schedule.ics")).content)
    assert (uid in judge, uid in presenter) == (True, False)
    assert str(judge[uid]["SUMMARY"]) == "评委预备会及各分会场抽签"
