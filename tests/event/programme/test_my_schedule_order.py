"""我的日程 reads top-down in time: a presenter's own talk among the plenary items."""

from __future__ import annotations

import re

from httpx import AsyncClient

from event.current import EventInfo
from event.programme import agenda_items, publication
from tests.event.programme.programme_data import FIRST, build, store_draft
from tests.factories import plenary


async def test_own_talk_sits_between_the_plenary_items_by_time(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await build(event)
    await store_draft(world, FIRST)
    await publication.publish(event.id)
    for title, day in (("报到", "2021-08-17"), ("闭幕式", "2021-08-25")):
        await agenda_items.add(event.id, plenary({"title": title, "day": day, "start": "08:30",
                                                   "end": "09:30", "location": "主会场"}))  # fmt: skip
    page = (await client.get(f"/r/{world.tokens['李娜']}")).text
    rows = re.findall(r'<span class="what">(.*?)</span>\s*<span class="meta">', page, re.S)
    titles = [re.sub(r"<[^>]+>", "", r).split("我的发表")[0].strip() for r in rows]
    assert titles[0] == "报到" and titles[-1] == "闭幕式"
    assert any("缩短齿轮加工周期" in t for t in titles[1:-1])
