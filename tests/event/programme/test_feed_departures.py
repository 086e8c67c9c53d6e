"""Every room and category feed keeps what left it (CANCELLED at its old time, one SEQUENCE
higher) and dates its Last-Modified by the last change of what it holds; read back by khal,
importing each version into one calendar as a merging client does, and by icalendar."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx
from httpx import AsyncClient

from event.app import create_app
from event.current import EventInfo, update_event
from event.enums import Role
from event.programme import agenda_items
from event.settings import Settings
from event.tables import AgendaItem, AuditEntry, Event, Presentation, Room, Schedule
from tests.event.programme.khal import Khal, need_khal
from tests.event.programme.programme_data import FIRST, SECOND, World, apart, at
from tests.event.programme.test_feeds import _events, _item_uid, _published, _uid
from tests.event.programme.test_feeds_interop import _age_versions, _fresh, _publish
from tests.factories import login, plenary

FIELD = "/programme/categories/qc/现场型/calendar.ics"
MANAGED = "/programme/categories/qc/管理型/calendar.ics"


async def _recategorise(world: World, code: str, category: str) -> None:
    await Presentation.update({Presentation.category: category}).where(
        Presentation.id == world.talks[code]
    )


async def _age_plenary(minutes: int) -> None:
    for row in await AgendaItem.select(AgendaItem.id, AgendaItem.updated_at):
        moment = row["updated_at"] - timedelta(minutes=minutes)
        await AgendaItem.update({AgendaItem.updated_at: moment}).where(AgendaItem.id == row["id"])


async def test_khal_keeps_no_stale_talk_of_a_category_it_left(
    client: AsyncClient, event: EventInfo, tmp_path: Path
) -> None:
    need_khal()
    world = await _published(event, FIRST)
    khal = Khal(tmp_path)
    khal.import_feed((await client.get(FIELD)).content, "v1.ics")
    await _recategorise(world, "QC-0002", "管理型")
    await _publish(world, SECOND, client)  # QC-0002 stays at 10:03, now 管理型
    khal.import_feed((await client.get(FIELD)).content, "v2.ics")
    assert khal.files() == 3  # updated in place, nothing added
    assert khal.list_day("2021-08-18") == [  # QC-0001 moved, QC-0002 left, QC-0003 withdrawn
        "10:00 CONFIRMED 主会场", "10:03 CANCELLED 第一分会场", "10:21 CANCELLED 第一分会场",
    ]  # fmt: skip


async def test_talk_recategorised_stays_in_the_old_category_cancelled_one_sequence_higher(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, apart("QC-0002"))
    await _recategorise(world, "QC-0002", "管理型")
    await _publish(world, apart("QC-0002"), client)  # same place: only the category changed
    uid = await _uid(client, event, "QC-0002")
    left, joined = _events((await client.get(FIELD)).content), _events((await client.get(MANAGED)).content)  # fmt: skip
    assert (str(left[uid]["STATUS"]), int(left[uid]["SEQUENCE"])) == ("CANCELLED", 1)
    assert left[uid]["CATEGORIES"].cats == ["QC小组·现场型"]
    assert left[uid].decoded("DTSTART") == at(10, 3)
    assert (str(joined[uid]["STATUS"]), int(joined[uid]["SEQUENCE"])) == ("CONFIRMED", 1)
    assert joined[uid]["CATEGORIES"].cats == ["QC小组·管理型"]


async def test_category_left_by_its_only_talk_still_answers_with_it_cancelled(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, apart("QC-0002"))
    await _recategorise(world, "QC-0002", "管理型")
    await _publish(world, apart("QC-0002"), client)
    await _recategorise(world, "QC-0002", "现场型")
    await _publish(world, apart("QC-0002"), client)  # 管理型 now holds nothing placed
    response = await client.get(MANAGED)
    assert response.status_code == 200
    gone = _events(response.content)[await _uid(client, event, "QC-0002")]
    assert (str(gone["STATUS"]), int(gone["SEQUENCE"])) == ("CANCELLED", 2)


async def test_category_feed_is_not_modified_by_a_version_that_leaves_it_as_it_was(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, apart("QC-0003"))
    await _recategorise(world, "QC-0003", "管理型")
    await _publish(world, apart("QC-0003"), client)
    await _age_versions(10)
    _fresh(client)
    first = await client.get(FIELD)
    moved = apart("QC-0003") | {"QC-0003": ("主会场", at(10, 40))}  # only the 管理型 talk moves
    await _publish(world, moved, client)
    again = await client.get(FIELD, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert (again.status_code, again.headers["etag"]) == (304, first.headers["etag"])
    changed = await client.get(MANAGED, headers={"If-Modified-Since": first.headers["last-modified"]})  # fmt: skip
    assert changed.status_code == 200


async def test_category_feed_that_only_lost_a_talk_is_modified_since(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, apart("QC-0001"))
    await _age_versions(10)
    _fresh(client)
    first = await client.get(FIELD)
    await _recategorise(world, "QC-0001", "管理型")
    await _publish(world, apart("QC-0001"), client)
    since = await client.get(FIELD, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 200
    assert since.headers["last-modified"] != first.headers["last-modified"]


async def _opening(world: World, room: str) -> agenda_items.PlenaryItem:
    form = {"title": "开幕式", "day": "2021-08-18", "start": "08:30", "end": "09:30",
            "room": str(world.rooms[room])}  # fmt: skip
    return await agenda_items.add(world.event.id, plenary(form))


async def test_khal_keeps_no_stale_plenary_item_of_a_room_it_left(
    client: AsyncClient, event: EventInfo, tmp_path: Path
) -> None:
    need_khal()
    world = await _published(event, FIRST)
    item = await _opening(world, "主会场")
    path = f"/programme/rooms/{world.rooms['主会场']}/calendar.ics"
    khal = Khal(tmp_path)
    khal.import_feed((await client.get(path)).content, "v1.ics")
    assert khal.list_day("2021-08-18") == ["08:30 CONFIRMED 主会场"]
    form = {"title": "开幕式", "day": "2021-08-18", "start": "09:00", "end": "09:30",
            "room": str(world.rooms["第一分会场"])}  # fmt: skip
    await agenda_items.change(event.id, item.id, plenary(form))
    _fresh(client)
    khal.import_feed((await client.get(path)).content, "v2.ics")
    assert (khal.files(), khal.list_day("2021-08-18")) == (1, ["08:30 CANCELLED 主会场"])
    uid = await _item_uid(client, event, item.uid)
    there = _events((await client.get(f"/programme/rooms/{world.rooms['第一分会场']}/calendar.ics")).content)  # fmt: skip
    left = _events((await client.get(path)).content)
    assert (str(there[uid]["STATUS"]), int(there[uid]["SEQUENCE"])) == ("CONFIRMED", 1)
    assert int(left[uid]["SEQUENCE"]) == 1


async def test_plenary_item_came_back_to_its_room_is_there_as_it_is(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, FIRST)
    item = await _opening(world, "主会场")
    form = {"title": "开幕式", "day": "2021-08-18", "start": "08:30", "end": "09:30"}
    await agenda_items.change(event.id, item.id, plenary(form | {"location": "宾馆门前"}))
    await agenda_items.change(
        event.id, item.id, plenary(form | {"room": str(world.rooms["主会场"])})
    )
    hall = _events((await client.get(f"/programme/rooms/{world.rooms['主会场']}/calendar.ics")).content)  # fmt: skip
    found = hall[await _item_uid(client, event, item.uid)]
    assert (str(found["STATUS"]), int(found["SEQUENCE"])) == ("CONFIRMED", 2)


async def test_renamed_room_keeps_its_plenary_item_under_the_new_name(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, FIRST)
    item = await _opening(world, "主会场")
    await Room.update({Room.name: "大礼堂"}).where(Room.id == world.rooms["主会场"])
    hall = _events((await client.get(f"/programme/rooms/{world.rooms['主会场']}/calendar.ics")).content)  # fmt: skip
    found = hall[await _item_uid(client, event, item.uid)]
    assert (str(found["LOCATION"]), str(found["STATUS"])) == ("大礼堂", "CONFIRMED")
    assert "大礼堂" in (await client.get("/programme/")).text


async def test_room_feed_is_not_modified_by_a_plenary_item_elsewhere(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, FIRST)
    form = {"title": "午餐", "day": "2021-08-18", "start": "12:00", "end": "13:30",
            "location": "酒店餐厅"}  # fmt: skip
    lunch = await agenda_items.add(event.id, plenary(form))
    await _age_versions(10)
    await _age_plenary(10)
    _fresh(client)
    path = f"/programme/rooms/{world.rooms['第一分会场']}/calendar.ics"
    first = await client.get(path)
    await agenda_items.change(event.id, lunch.id, plenary(form | {"start": "12:15"}))
    _fresh(client)
    again = await client.get(path, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert (again.status_code, again.headers["etag"]) == (304, first.headers["etag"])


async def test_cancelled_registration_is_cancelled_in_khal(
    client: AsyncClient, event: EventInfo, tmp_path: Path
) -> None:
    need_khal()
    world = await _published(event, FIRST)
    page = (await client.get(f"/r/{world.tokens['李娜']}")).text
    path = re.search(r"webcal://testserver(/c/[^/]+/schedule\.ics)", page).group(1)  # type: ignore[union-attr]
    khal = Khal(tmp_path)
    khal.import_feed((await client.get(path)).content, "v1.ics")
    await client.post(f"/api/registrations/{world.tokens['李娜']}/cancel")
    _fresh(client)
    khal.import_feed((await client.get(path)).content, "v2.ics")
    assert (khal.files(), khal.list_day("2021-08-18")) == (1, ["10:03 CANCELLED 第一分会场"])


async def test_khal_keeps_the_events_of_another_installation_and_of_next_year(
    client: AsyncClient, event: EventInfo, db_url: str, tmp_path: Path
) -> None:
    need_khal()
    await _published(event, FIRST)
    khal = Khal(tmp_path / "khal")
    khal.import_feed((await client.get("/programme/calendar.ics")).content, "here.ics")
    other = create_app(Settings(database_url=db_url, data_dir=tmp_path / "other"))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=other), base_url="http://x"
    ) as c:
        khal.import_feed((await c.get("/programme/calendar.ics")).content, "there.ics")
    await Event.update({Event.uid_key: uuid.uuid4()}).where(Event.id == event.id)  # a new database
    _fresh(client)
    khal.import_feed((await client.get("/programme/calendar.ics")).content, "next.ics")
    assert khal.files() == 9  # 3 talks × 3 sources, none overwritten


async def test_feed_last_modified_is_the_latest_change_it_holds(
    client: AsyncClient, event: EventInfo
) -> None:
    await _published(event, FIRST)
    moment = datetime(2021, 8, 1, 8, 0, tzinfo=UTC)
    await Schedule.update({Schedule.published_at: moment}).where(Schedule.id > 0)
    _fresh(client)
    response = await client.get(FIELD)
    assert response.headers["last-modified"] == "Sun, 01 Aug 2021 08:00:00 GMT"


async def test_feed_is_modified_since_the_venue_changed(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, FIRST)
    await _age_versions(10)
    _fresh(client)
    path = f"/programme/rooms/{world.rooms['第一分会场']}/calendar.ics"
    first = await client.get(path)
    await update_event(event.id, venue="北京友谊宾馆")
    _fresh(client)
    since = await client.get(path, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 200
    assert str(_events(since.content)[await _uid(client, event, "QC-0002")]["LOCATION"]) == (
        "北京友谊宾馆 第一分会场"
    )


async def test_feed_is_modified_since_a_room_it_shows_was_renamed(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, FIRST)
    await _age_versions(10)
    await login(client, "zhang", Role.organiser)
    _fresh(client)
    room_id = world.rooms["第一分会场"]
    paths = (f"/programme/rooms/{room_id}/calendar.ics", FIELD)
    first = {path: await client.get(path) for path in paths}
    form = {"name": "第一分会场（A厅）", "capacity": "80", "kinds": ["qc"]}
    assert (await client.post(f"/admin/rooms/{room_id}", data=form)).status_code == 303
    _fresh(client)
    for path in paths:
        since = {"If-Modified-Since": first[path].headers["last-modified"]}
        again = await client.get(path, headers=since)
        assert again.status_code == 200
        assert parsedate_to_datetime(again.headers["last-modified"]) > parsedate_to_datetime(
            first[path].headers["last-modified"]
        )
        location = _events(again.content)[await _uid(client, event, "QC-0002")]["LOCATION"]
        assert str(location).endswith("第一分会场（A厅）")
    entries = await AuditEntry.select(AuditEntry.entity, AuditEntry.entity_id, AuditEntry.detail)\
        .where(AuditEntry.action == "venue.update").output(load_json=True)  # fmt: skip
    assert entries == [{"entity": "room", "entity_id": str(room_id), "detail": {
        "change": "update", "changes": {"name": ["第一分会场", "第一分会场（A厅）"]}}}]  # fmt: skip
