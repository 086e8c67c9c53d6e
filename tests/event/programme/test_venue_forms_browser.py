"""An organiser adds a block in the real browser: wrong fields are named together, then saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser

from event.admin.accounts import add_account
from event.current import EventInfo
from event.enums import Role
from event.programme.schedule.venues import blocks
from tests.event.live import live_server
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_block_form_names_every_wrong_field_then_saves(
    db_url: str, event: EventInfo, browser: Browser, tmp_path: Path
) -> None:
    await add_account("zhang", PASSWORD, Role.organiser)
    with live_server(db_url, tmp_path) as base:
        page = await browser.new_page(locale="zh-CN")
        await page.goto(f"{base}/login?next=/admin/blocks")
        await page.fill("#f-username", "zhang")
        await page.fill("#f-password", PASSWORD)
        await page.click("form[action='/login'] button[type=submit]")
        await page.wait_for_url("**/admin/blocks")

        await page.fill("#f-code", "D1 AM")
        await page.fill("#f-day", "2021-08-18")
        await page.fill("#f-start", "12:00")
        await page.fill("#f-end", "08:30")
        await page.click("form[action='/admin/blocks'] button[type=submit]")
        assert await page.locator("p.error").all_inner_texts() == [
            "时段代码为1–30位字母、数字或连字符，如 D1-AM",
            "结束时间必须晚于开始时间",
        ]
        assert await page.locator("#err-code").is_visible()
        assert await page.input_value("#f-start") == "12:00"  # what was typed is kept
        await page.screenshot(path=tmp_path / "blocks-errors.png", full_page=True)

        await page.fill("#f-code", "D1-AM")
        await page.fill("#f-end", "13:00")
        await page.click("form[action='/admin/blocks'] button[type=submit]")
        await page.wait_for_url("**/admin/blocks?saved=1")
        assert "时段已保存" in await page.locator(".notice").inner_text()
    assert [(b.code, b.start, b.end) for b in await blocks(event.id)] == [
        ("D1-AM", "12:00", "13:00")
    ]
