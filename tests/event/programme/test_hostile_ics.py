"""The hostile corpus in the calendar feeds, parsed back with icalendar and with vobject: the
SUMMARY, LOCATION and DESCRIPTION hold each value exactly (RFC 5545 escaping of , ; \\ and line
breaks, and line folding inside multi-byte characters, undone by both parsers)."""

from __future__ import annotations

import icalendar
import vobject
from httpx import AsyncClient

from event.current import EventInfo
from tests.event.hostile import LONG_UNIT, ROOM, SINGLE_LINE, presenter_token, store_world


def _parsed(body: bytes) -> list[tuple[str, str, str, str]]:
    """(uid, summary, location, description) of each VEVENT, the same from both parsers."""
    ours = sorted(
        (str(e["UID"]), str(e["SUMMARY"]), str(e["LOCATION"]), str(e["DESCRIPTION"]))
        for e in icalendar.Calendar.from_ical(body).walk("VEVENT")
    )
    theirs = sorted(
        (v.uid.value, v.summary.value, v.location.value, v.description.value)
        for v in vobject.readOne(body.decode("utf-8")).vevent_list
    )
    assert ours == theirs
    return ours


async def test_hostile_titles_and_room_come_back_from_the_whole_feed(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await store_world(client, event)
    response = await client.get("/programme/calendar.ics")
    assert response.status_code == 200
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))  # folded in octets
    events = _parsed(response.content)
    assert sorted(summary for _, summary, _, _ in events) == sorted(world.topics.values())
    assert {location for _, _, location, _ in events} == {ROOM}
    assert sorted((summary, description) for _, summary, _, description in events) == sorted(
        (world.topics[key], f"类别：QC小组·现场型\n小组/班组：{value}\n单位：{LONG_UNIT}\n"
                            f"发表人：发表人\n编号：{world.codes[key]}")
        for key, value in SINGLE_LINE.items()
    )  # fmt: skip


async def test_hostile_title_comes_back_from_the_personal_feed(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await store_world(client, event)
    for key in ("ics", "script", "rlo", "long"):
        response = await client.get(f"/r/{await presenter_token(world, key)}/schedule.ics")
        assert response.status_code == 200
        summaries = [summary for _, summary, _, _ in _parsed(response.content)]
        assert summaries == [world.topics[key]], key
    assert SINGLE_LINE["ics"] in world.topics["ics"]
