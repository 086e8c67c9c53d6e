"""The attachment forms as chromium lays them out: 是/否 each beside its own circle."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser

from event.current import EventInfo
from tests.event.live import live_server
from tests.factories import PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_presented_radios_sit_beside_their_words(
    db_url: str, event: EventInfo, browser: Browser, tmp_path: Path
) -> None:
    with live_server(db_url, tmp_path) as base:
        page = await browser.new_page(viewport=PHONE, locale="zh-CN")
        await page.goto(f"{base}/submit/qc")
        for answer in ("yes", "no"):
            radio = await page.locator(f"#f-presented-{answer}").bounding_box()
            label = await page.locator(f"label:has(#f-presented-{answer})").bounding_box()
            assert radio["width"] <= 24
            # the circle is inside its own label, on one line with the word
            assert label["x"] <= radio["x"] and radio["x"] + radio["width"] <= label["x"] + 60
            assert label["height"] <= 50
        await page.click("label:has(#f-presented-no)")
        assert await page.is_checked("#f-presented-no")
