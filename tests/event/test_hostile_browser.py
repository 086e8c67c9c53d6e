"""The hostile corpus in a real browser (Debian's chromium through Playwright): each value is in
`document.body.innerText` exactly and no script of the corpus runs (no alert dialog)."""

from __future__ import annotations

from pathlib import Path

import pytest
from httpx import AsyncClient
from playwright.async_api import Browser

from event.current import EventInfo
from tests.event.hostile import MULTILINE, ROOM, SINGLE_LINE, presenter_token, store_world
from tests.event.live import live_server

pytestmark = pytest.mark.browser
FIELD_VALUES = """["name", "organization", "department", "position", "remarks"].map(
    (n) => document.querySelector(`[name="${n}"]`).value)"""


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_hostile_values_show_as_text_and_never_run_in_a_browser(
    db_url: str,
    client: AsyncClient,
    event: EventInfo,
    browser: Browser,
    tmp_path: Path,
) -> None:
    world = await store_world(client, event)
    dialogs: list[str] = []
    with live_server(db_url, tmp_path) as base:
        page = await browser.new_page(locale="zh-CN")
        page.on("dialog", lambda d: dialogs.append(d.message))
        texts, fields = {}, {}
        for key in SINGLE_LINE:
            await page.goto(f"{base}/r/{world.tokens[key]}")
            texts[key] = await page.evaluate("document.body.innerText")
            fields[key] = await page.evaluate(FIELD_VALUES)
        await page.goto(f"{base}/r/{await presenter_token(world, 'attribute')}")
        own = await page.evaluate("document.body.innerText")
        await page.goto(f"{base}/programme/p/{world.codes['script']}")
        talk = await page.evaluate("document.body.innerText")
    assert dialogs == []
    # the name and unit are page text; department, position and remarks are in the edit form
    assert [k for k, v in SINGLE_LINE.items() if f"{v} · {v}" not in texts[k]] == []
    assert [k for k, v in SINGLE_LINE.items() if fields[k][:4] != [v, v, v, v]] == []
    # the browser reads CR LF in a textarea as LF (HTML input preprocessing), the rest exactly
    shown = MULTILINE.replace("\r\n", "\n")
    assert [k for k in SINGLE_LINE if fields[k][4] != shown] == []
    assert world.topics["attribute"] in own and ROOM in own
    assert world.topics["script"] in talk and ROOM in talk
