"""A line break typed into the event's name or venue never breaks the calendar feeds."""

from __future__ import annotations

import icalendar
from httpx import AsyncClient

from event.current import EventInfo, update_event
from event.programme import publication
from tests.event.programme.programme_data import FIRST, build, store_draft


async def test_feeds_parse_after_a_name_and_venue_with_line_breaks(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await build(event)
    await store_draft(world, FIRST)
    await publication.publish(event.id)
    await update_event(event.id, name="第40次全国交流活动\n（机械行业）", venue="洛阳\r\n友谊宾馆")
    client._transport.app.state.programme_cache.clear()  # type: ignore[attr-defined]
    client._transport.app.state.event_cache.clear()  # type: ignore[attr-defined]
    answers = [
        await client.get(p)
        for p in ("/programme/calendar.ics", f"/r/{world.tokens['张伟']}/schedule.ics")
    ]
    names = [str(icalendar.Calendar.from_ical(a.content)["X-WR-CALNAME"]) for a in answers]
    assert ([a.status_code for a in answers], names[0]) == (
        [200, 200],
        "第40次全国交流活动 （机械行业）",
    )
