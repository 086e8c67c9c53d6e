"""The programme pages on a phone in the real browser, with JavaScript switched off."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser

from event.current import EventInfo
from event.programme import agenda_items, publication
from tests.event.live import live_server
from tests.event.programme.programme_data import FIRST, build, store_draft
from tests.factories import PHONE, plenary

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_programme_pages_fit_a_phone_without_javascript(
    db_url: str,
    event: EventInfo,
    browser: Browser,
    tmp_path: Path,
) -> None:
    world = await build(event)
    await store_draft(world, FIRST)
    await publication.publish(event.id)
    await agenda_items.add(event.id, plenary({
        "title": "开幕式", "day": "2021-08-18", "start": "08:30", "end": "09:30",
        "location": "主会场", "host": "协会领导"}))  # fmt: skip
    with live_server(db_url, tmp_path) as base:
        context = await browser.new_context(
            viewport=PHONE, locale="zh-CN", java_script_enabled=False
        )
        page = await context.new_page()
        room = world.rooms["第一分会场"]
        for path in ("/programme/", f"/programme/rooms/{room}", f"/r/{world.tokens['李娜']}"):
            await page.goto(f"{base}{path}")
            width = await page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], path
            await page.screenshot(path=tmp_path / f"{path.strip('/').replace('/', '-')}.png",
                                  full_page=True)  # fmt: skip

        await page.goto(f"{base}/programme/")
        assert await page.locator("table.agenda thead").is_hidden()  # rows become cards
        row = page.locator("table.agenda tbody tr").first
        assert (await row.locator("td.time").inner_text()).strip() == "08:30–09:30"
        assert await row.locator("td.time").is_visible()

        await page.goto(f"{base}/r/{world.tokens['李娜']}")
        mine = page.locator("#my-schedule ul.my-rows li.mine")
        assert "缩短齿轮加工周期" in await mine.inner_text()
        subscribe = page.locator("#my-schedule a.button.primary")
        href = await subscribe.get_attribute("href")
        # the read-only subscription token, never the personal one
        assert (
            href.startswith(f"webcal://{base.split('://')[1]}/c/")
            and world.tokens["李娜"] not in href
        )
        box = await subscribe.bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE["width"]
        await context.close()
