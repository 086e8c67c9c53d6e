"""A unit contact signs in on a phone with the code from the local mailbox and sees the unit."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser

from event.current import EventInfo
from event.tables import Message
from event.units import contacts
from tests.event.live import live_server
from tests.factories import PHONE, UNIT, delegation

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_unit_contact_signs_in_on_a_phone_and_sees_the_delegation(
    db_url: str, event: EventInfo, browser: Browser, tmp_path: Path
) -> None:
    await contacts.create(
        event.id, {"organization": UNIT, "name": "孙联系", "mobile": "13511112222"}
    )
    with live_server(db_url, tmp_path) as base:
        async with httpx.AsyncClient(base_url=base) as api:
            assert (await api.post("/api/delegations", json=delegation())).status_code == 201
        page = await browser.new_page(viewport=PHONE, locale="zh-CN")
        await page.goto(f"{base}/unit")
        assert await page.locator("h1").inner_text() == "单位联系人登录"
        await page.fill("#f-contact", "135 1111 2222")
        await page.click("button[type=submit]")
        assert await page.locator("h1").inner_text() == "输入验证码"
        text = (
            await Message.select(Message.text).where(Message.topic == "unit_contact.code").first()
        )["text"]
        await page.fill("#f-code", re.search(r"验证码是(\d{6})", text).group(1))
        await page.click("button[type=submit]")
        await page.wait_for_url(f"{base}/unit")
        assert await page.locator("h1").inner_text() == UNIT
        assert "钱代表" in await page.locator("table.delegation").inner_text()
        assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        await page.screenshot(path=tmp_path / "unit.png", full_page=True)
