"""The registration form in a real browser: Debian's chromium driven by Playwright, on a phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser, Page

from event.current import EventInfo
from event.tables import Registration
from tests.event.live import live_server
from tests.factories import PHONE

pytestmark = pytest.mark.browser


async def glyph_shot(page: Page, text: str) -> bytes:
    """A screenshot of `text` in the page's own font stack, large."""
    await page.evaluate(
        """(t) => { const s = document.createElement('span'); s.id = 'probe';
        s.style.cssText = 'font-size:64px;line-height:1;display:inline-block;padding:4px;background:#fff;color:#000';
        s.textContent = t; document.querySelector('main').prepend(s); }""",
        text,
    )
    shot = await page.locator("#probe").screenshot()
    await page.evaluate("document.getElementById('probe').remove()")
    return shot


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_register_on_a_phone_and_chinese_renders_as_glyphs(
    db_url: str, event: EventInfo, browser: Browser, tmp_path: Path
) -> None:
    with live_server(db_url, tmp_path) as base:
        page = await browser.new_page(viewport=PHONE, locale="zh-CN")
        await page.goto(f"{base}/register")
        assert await page.locator("h1").inner_text() == "参会登记"
        # no horizontal scrolling on a phone
        assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # Chinese glyphs, not tofu: different characters draw differently, and unlike a missing glyph
        can, meet, missing = [await glyph_shot(page, c) for c in ("参", "会", "\ue000")]
        assert len({can, meet, missing}) == 3
        assert await page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"', '参会登记')")
        await page.screenshot(path=tmp_path / "register.png", full_page=True)

        await page.fill("#f-name", "欧阳明月")
        await page.fill("#f-organization", "洛阳华锐重型机械股份有限公司")
        await page.fill("#f-mobile", "138 0013")
        await page.select_option("#f-category", "presenter")
        await page.click("button[type=submit]")
        assert "手机号码应为11位数字" in await page.locator("#err-mobile").inner_text()
        assert await page.input_value("#f-name") == "欧阳明月"  # what was typed is kept
        assert await Registration.count() == 0

        await page.fill("#f-mobile", "+86 138-0013-8000")
        await page.click("button[type=submit]")
        await page.wait_for_url("**/r/*?new=1")
        assert "登记成功" in await page.locator(".notice").inner_text()
        assert "欧阳明月" in await page.locator(".who").inner_text()
        await page.screenshot(path=tmp_path / "own.png", full_page=True)
    assert await Registration.count() == 1
