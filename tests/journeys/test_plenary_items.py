"""An organiser adds a plenary item held in a room, chosen from the list of rooms, then moves it
to another room: the first room's calendar keeps it as cancelled, the second has it."""

from __future__ import annotations

import re

import icalendar

from tests.journeys.conftest import DESK, Person, Site, log_in

TITLE = "主会场设备调试"


async def room_feed(me: Person, site: Site, room_id: str) -> dict[str, str]:
    """Title → STATUS of each event of a room's calendar, as a calendar program reads it."""
    response = await me.page.request.get(f"{site.base}/programme/rooms/{room_id}/calendar.ics")
    assert response.status == 200
    calendar = icalendar.Calendar.from_ical(await response.body())
    return {
        str(e["SUMMARY"]).removeprefix("【已取消】"): str(e["STATUS"])
        for e in calendar.walk("VEVENT")
    }


async def test_organiser_holds_a_plenary_item_in_a_room_and_moves_it(site: Site, people) -> None:
    me = await people(DESK)
    await log_in(me, site, "organiser", "/admin/publication")
    first_day = await me.text("#items ~ .table-scroll tbody tr:first-child td:first-child")
    year, month, day = map(int, re.findall(r"\d+", first_day))  # 报到, the day before the sessions
    await me.page.click("summary:has-text('添加大会议程')")
    await me.page.fill("#f-title", TITLE)
    await me.page.fill("#f-day", f"{year:04d}-{month:02d}-{day:02d}")
    await me.page.fill("#f-start", "21:00")
    await me.page.fill("#f-end", "21:30")
    await me.page.select_option("#f-room", label="主会场")
    hall = await me.page.eval_on_selector("#f-room", "s => s.value")
    await me.click("form[action='/admin/publication/items'] button[type=submit]")
    row = me.page.locator("#items ~ .table-scroll tbody tr", has_text=TITLE)
    assert "主会场" in await row.inner_text()
    assert (await room_feed(me, site, hall))[TITLE] == "CONFIRMED"

    await me.click(f"#items ~ .table-scroll tbody tr:has-text('{TITLE}') a")
    assert await me.page.eval_on_selector("#f-room", "s => s.value") == hall
    await me.page.select_option("#f-room", label="第一分会场")
    side = await me.page.eval_on_selector("#f-room", "s => s.value")
    await me.click("form.form button[type=submit]")
    assert "第一分会场" in await row.inner_text()
    assert (await room_feed(me, site, hall))[TITLE] == "CANCELLED"
    assert (await room_feed(me, site, side))[TITLE] == "CONFIRMED"
