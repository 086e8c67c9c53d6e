"""The public programme as rooms × times (/programme/grid)."""

from __future__ import annotations

import re

from httpx import AsyncClient

from event.current import EventInfo
from event.programme import publication
from tests.event.programme.programme_data import at, build, store_draft

PARALLEL = {
    "QC-0001": ("主会场", at(9, 45)),
    "QC-0002": ("第一分会场", at(9, 45)),
    "QC-0003": ("第一分会场", at(10, 3)),
}


async def test_grid_has_a_column_per_room_and_a_row_per_block(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await build(event)
    await store_draft(world, PARALLEL)
    await publication.publish(event.id)
    page = (await client.get("/programme/grid")).text
    head = re.findall(r'<th scope="col">(?:<a href="[^"]+">)?([^<]+)', page)
    rows = re.findall(r'<th scope="row">([^<]+)</th>', page)
    cells = [re.findall(r'<span class="time">([^<]+)</span>', td)
             for td in re.findall(r"<td>(.*?)</td>", page, re.S)]  # fmt: skip
    assert (head, rows, cells) == (
        ["时间", "主会场", "第一分会场"], ["09:45–10:21"], [["09:45–10:03"], ["09:45–10:03", "10:03–10:21"]],
    )  # fmt: skip


async def test_grid_names_presenter_and_links_each_talk(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await build(event)
    await store_draft(world, PARALLEL)
    await publication.publish(event.id)
    page = (await client.get("/programme/grid")).text
    assert ('<a href="/programme/p/QC-0002">缩短齿轮加工周期</a>'
            "<small>某某重型机械股份有限公司 · 李娜</small>") in page  # fmt: skip


async def test_grid_before_publication_says_not_published(client: AsyncClient) -> None:
    page = (await client.get("/programme/grid")).text
    assert "日程尚未公布。" in page
