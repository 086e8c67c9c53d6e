"""Calendar feeds served by the app, parsed back with icalendar and with vobject."""

from __future__ import annotations

from datetime import datetime, timedelta

import icalendar
import vobject
from httpx import AsyncClient

from event.current import EventInfo
from event.programme import agenda_items, publication, uids
from event.programme.render.dates import BEIJING
from event.tables import Event
from tests.event.programme.programme_data import FIRST, NASTY, SECOND, World, at, build, store_draft
from tests.factories import plenary


async def _uid(client: AsyncClient, event: EventInfo, code: str = "QC-0001") -> str:
    """The UID the app gives `code`: the event's key and the installation's domain."""
    naming = client._transport.app.state.programme_cache.naming  # type: ignore[attr-defined]
    row = await Event.select(Event.uid_key).where(Event.id == event.id).first()
    return uids.presentation_uid(uids.event_key(row["uid_key"]), naming.domain, code)


async def _item_uid(client: AsyncClient, event: EventInfo, stored: str) -> str:
    naming = client._transport.app.state.programme_cache.naming  # type: ignore[attr-defined]
    row = await Event.select(Event.uid_key).where(Event.id == event.id).first()
    return uids.plenary_uid(stored, uids.event_key(row["uid_key"]), naming.domain)


async def _published(event: EventInfo, *versions: dict) -> World:
    world = await build(event)
    for placements in versions:
        await store_draft(world, placements)
        await publication.publish(event.id)
    return world


def _events(body: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(body)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def _fetch_fresh(client: AsyncClient):
    """The app caches its snapshot for a second; tests publishing again clear it."""
    return client._transport.app.state.programme_cache.clear  # type: ignore[attr-defined]


async def test_whole_feed_parses_the_same_with_icalendar_and_vobject(
    client: AsyncClient, event: EventInfo
) -> None:
    await _published(event, FIRST)
    response = await client.get("/programme/calendar.ics")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    ours = _events(response.content)
    theirs = {v.uid.value: v for v in vobject.readOne(response.text).vevent_list}
    assert sorted(ours) == sorted(theirs) == sorted([await _uid(client, event, f"QC-000{n}")
                                                     for n in (1, 2, 3)])  # fmt: skip
    for uid, ev in ours.items():
        other = theirs[uid]
        assert str(ev["SUMMARY"]) == other.summary.value
        assert str(ev["LOCATION"]) == other.location.value == "第一分会场"
        assert str(ev["DESCRIPTION"]) == other.description.value
        assert ev.decoded("DTSTART") == other.dtstart.value
        assert ev["DTSTART"].params["TZID"] == "Asia/Shanghai"
        assert int(ev["SEQUENCE"]) == int(other.sequence.value) == 0
    vtimezone = icalendar.Calendar.from_ical(response.content).walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in vtimezone] == ["Asia/Shanghai"]


async def test_second_version_moves_item_same_uid_higher_sequence(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, FIRST)
    token = world.tokens["张伟"]
    uid = await _uid(client, event)
    before = {
        path: _events((await client.get(path)).content)[uid]
        for path in ("/programme/calendar.ics", f"/r/{token}/schedule.ics",
                     "/programme/categories/qc/现场型/calendar.ics")
    }  # fmt: skip
    await store_draft(world, SECOND)
    await publication.publish(event.id)
    _fetch_fresh(client)()
    for path, old in before.items():
        new = _events((await client.get(path)).content)[uid]
        assert (int(old["SEQUENCE"]), int(new["SEQUENCE"])) == (0, 1), path
        assert (str(old["LOCATION"]), str(new["LOCATION"])) == ("第一分会场", "主会场"), path
        assert new.decoded("DTSTART") == at(10, 0), path
        assert new.decoded("LAST-MODIFIED") >= old.decoded("LAST-MODIFIED"), path  # same second
    main_hall = _events((await client.get(f"/programme/rooms/{world.rooms['主会场']}/calendar.ics")).content)  # fmt: skip
    assert list(main_hall) == [uid]


async def test_withdrawn_item_stays_in_feed_as_cancelled(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, FIRST, SECOND)
    uid = await _uid(client, event, "QC-0003")
    for path in ("/programme/calendar.ics", f"/r/{world.tokens['王芳']}/schedule.ics",
                 f"/programme/rooms/{world.rooms['第一分会场']}/calendar.ics"):  # fmt: skip
        cancelled = _events((await client.get(path)).content)[uid]
        assert (str(cancelled["STATUS"]), int(cancelled["SEQUENCE"])) == ("CANCELLED", 1), path
        assert str(cancelled["SUMMARY"]) == "【已取消】提高电机装配一次合格率"


async def test_nasty_title_is_escaped_and_round_trips(
    client: AsyncClient, event: EventInfo
) -> None:
    await _published(event, FIRST)
    body = (await client.get("/programme/calendar.ics")).content
    uid = await _uid(client, event)
    assert b'SUMMARY:\xe9\x99\x8d\xe4\xbd\x8e"\xe7\x84\x8a\xe6\x8e\xa5"' in body  # quotes stay
    assert b"\\;" in body and b"\\," in body and b"\\\\" in body and b"\\n" in body
    ev = _events(body)[uid]
    assert str(ev["SUMMARY"]) == NASTY
    assert vobject.readOne(body.decode()).vevent_list[0].summary.value == NASTY
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))  # folded, in octets


async def test_personal_feed_holds_plenary_items_and_own_presentation(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, FIRST)
    form = {"title": "开幕式", "day": "2021-08-18", "start": "08:30", "end": "09:30",
            "location": "主会场", "host": "协会领导"}  # fmt: skip
    opening = await agenda_items.add(event.id, plenary(form))
    _fetch_fresh(client)()
    presenter = _events((await client.get(f"/r/{world.tokens['李娜']}/schedule.ics")).content)
    observer = _events((await client.get(f"/r/{world.tokens['赵敏']}/schedule.ics")).content)
    opening_uid = await _item_uid(client, event, opening.uid)
    assert sorted(presenter) == sorted([opening_uid, await _uid(client, event, "QC-0002")])
    assert list(observer) == [opening_uid]
    assert observer[opening_uid].decoded("DTSTART") == datetime(2021, 8, 18, 8, 30, tzinfo=BEIJING)
    assert "主持人：协会领导" in str(observer[opening_uid]["DESCRIPTION"])


async def test_plenary_item_cancelled_stays_with_higher_sequence(
    client: AsyncClient, event: EventInfo
) -> None:
    form = {"title": "报到", "day": "2021-08-17", "start": "09:00", "end": "21:00",
            "location": "酒店大堂报到处", "host": "会务组"}  # fmt: skip
    item = await agenda_items.add(event.id, plenary(form))
    await agenda_items.cancel(event.id, item.id)
    body = (await client.get("/programme/calendar.ics")).content
    cancelled = _events(body)[await _item_uid(client, event, item.uid)]
    assert (str(cancelled["STATUS"]), int(cancelled["SEQUENCE"])) == ("CANCELLED", 1)


async def test_feed_answers_conditional_requests_with_304(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await _published(event, FIRST)
    path = f"/r/{world.tokens['张伟']}/schedule.ics"
    first = await client.get(path)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    by_tag = await client.get(path, headers={"If-None-Match": etag})
    by_date = await client.get(path, headers={"If-Modified-Since": modified})
    assert (by_tag.status_code, by_tag.content, by_date.status_code) == (304, b"", 304)
    older = (datetime.now(BEIJING) - timedelta(days=1)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    stale = await client.get(path, headers={"If-None-Match": '"other"', "If-Modified-Since": older})
    assert stale.status_code == 200
    await store_draft(world, SECOND)
    await publication.publish(event.id)
    _fetch_fresh(client)()
    changed = await client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


async def test_personal_feed_unknown_token_is_404(client: AsyncClient, event: EventInfo) -> None:
    response = await client.get("/r/no-such-token/schedule.ics")
    assert (response.status_code, response.json()["message"]) == (
        404, "未找到该登记，请检查个人链接是否完整",
    )  # fmt: skip


async def test_draft_is_not_public(client: AsyncClient, event: EventInfo) -> None:
    world = await build(event)
    await store_draft(world, FIRST)
    assert _events((await client.get("/programme/calendar.ics")).content) == {}
    page = await client.get("/programme/")
    assert "分会场发表顺序尚未发布" in page.text and "缩短齿轮加工周期" not in page.text
