"""The organisers' schedule grid and the public grid in a real browser: dragging an item to a
cell, onto an item in another room, a refusal naming the presenter, the no-JavaScript way, and
the published programme as rooms × times on a desktop and a phone."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page

from event.admin.accounts import add_account
from event.current import EventInfo
from event.enums import Role
from event.programme import publication
from event.programme.schedule import drafts
from tests.event.live import live_server
from tests.event.programme.programme_data import at, build, store_draft
from tests.event.programme.schedule_data import AM, Seeded, two_sessions
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)]


async def _places(event: EventInfo) -> dict[str, tuple[int, str, int]]:
    row = await drafts.draft_row(event.id)
    return {a["code"]: (a["room"], a["block"], a["position"])
            for a in await drafts.assignment_rows(row["id"])}  # fmt: skip


@pytest.fixture
async def grid(
    db_url: str, event: EventInfo, browser: Browser, tmp_path: Path
) -> AsyncIterator[tuple[Page, Seeded]]:
    """An organiser logged in on /admin/schedule over the two-session draft."""
    seeded = await two_sessions(event)
    await add_account("zhang", PASSWORD, Role.organiser)
    with live_server(db_url, tmp_path) as base:
        page = await browser.new_page(locale="zh-CN", viewport={"width": 1366, "height": 900})
        await _login(page, base, "/admin/schedule")
        yield page, seeded
        await page.close()


async def _login(page: Page, base: str, path: str) -> None:
    await page.goto(f"{base}/login?next={path}")
    await page.fill("#f-username", "zhang")
    await page.fill("#f-password", PASSWORD)
    await page.click("form[action='/login'] button[type=submit]")
    await page.wait_for_url(f"**{path}")


def _cell(seeded: Seeded, room: str, block: str) -> str:
    return f"td.cell[data-room='{seeded.rooms[room]}'][data-block='{block}']"


async def test_drag_item_to_empty_cell_moves_it_there(
    grid: tuple[Page, Seeded], event: EventInfo
) -> None:
    page, seeded = grid
    await page.drag_and_drop("li.item[data-code='QC-0003']", _cell(seeded, "第二会场", "D1-PM"))
    await page.wait_for_url("**/admin/schedule?changed=1")
    assert await page.locator("p.notice[role=status]").first.inner_text() == "调整已保存。"
    cell = page.locator(_cell(seeded, "第二会场", "D1-PM"))
    assert await cell.locator("li.item").get_attribute("data-code") == "QC-0003"
    assert (await _places(event))["QC-0003"] == (seeded.rooms["第二会场"], "D1-PM", 1)


async def test_drag_item_onto_item_in_other_room_swaps_them(
    grid: tuple[Page, Seeded], event: EventInfo
) -> None:
    page, seeded = grid
    await page.drag_and_drop("li.item[data-code='QC-0003']", "li.item[data-code='QC-0005']")
    await page.wait_for_url("**/admin/schedule?changed=1")
    main = page.locator(_cell(seeded, "主会场", "D1-AM") + " li.item")
    assert await main.evaluate_all("els => els.map(e => e.dataset.code)") == [
        "QC-0001", "QC-0002", "QC-0005",
    ]  # fmt: skip
    places = await _places(event)
    assert (places["QC-0003"], places["QC-0005"]) == (
        (seeded.rooms["第二会场"], "D1-AM", 2), (seeded.rooms["主会场"], "D1-AM", 3),
    )  # fmt: skip


async def test_drag_splitting_a_presenter_shows_refusal_naming_them(
    grid: tuple[Page, Seeded], event: EventInfo
) -> None:
    page, _ = grid
    before = await _places(event)
    await page.drag_and_drop("li.item[data-code='QC-0001']", "li.item[data-code='QC-0004']")
    banner = page.locator("div.banner[role=alert]")
    await banner.wait_for()
    assert await banner.locator("li").all_inner_texts() == [
        f"同一发表人同一时段只能在一个分会场：发表人 发表人0001（甲机床有限公司） 在时段 {AM} "
        "同时出现在 主会场、第二会场"
    ]
    assert await _places(event) == before


async def test_drag_session_title_exchanges_the_two_sessions(
    grid: tuple[Page, Seeded], event: EventInfo
) -> None:
    page, seeded = grid
    source = _cell(seeded, "主会场", "D1-AM") + " p.theme"
    await page.drag_and_drop(source, _cell(seeded, "第二会场", "D1-AM"))
    await page.wait_for_url("**/admin/schedule?changed=1")
    places = await _places(event)
    assert [places[c][0] for c in ("QC-0001", "QC-0004")] == [
        seeded.rooms["第二会场"], seeded.rooms["主会场"],
    ]  # fmt: skip


async def test_without_javascript_item_page_moves_item_to_chosen_cell(
    db_url: str, event: EventInfo, browser: Browser, tmp_path: Path
) -> None:
    seeded = await two_sessions(event)
    await add_account("zhang", PASSWORD, Role.organiser)
    with live_server(db_url, tmp_path) as base:
        context = await browser.new_context(locale="zh-CN", java_script_enabled=False)
        page = await context.new_page()
        await _login(page, base, "/admin/schedule")
        await page.click("li.item[data-code='QC-0003'] a")
        await page.wait_for_url("**/admin/schedule/items/QC-0003")
        await page.click("button[aria-label='移到第二会场 8月18日下午（13:30–15:00）']")
        await page.wait_for_url("**/admin/schedule?changed=1")
        await context.close()
    assert (await _places(event))["QC-0003"] == (seeded.rooms["第二会场"], "D1-PM", 1)


async def _published(event: EventInfo) -> None:
    world = await build(event)
    await store_draft(world, {"QC-0001": ("主会场", at(9, 45)),
                              "QC-0002": ("第一分会场", at(9, 45)),
                              "QC-0003": ("第一分会场", at(10, 3))})  # fmt: skip
    await publication.publish(event.id)


async def test_public_grid_on_desktop_shows_rooms_by_times(
    db_url: str, event: EventInfo, browser: Browser, tmp_path: Path
) -> None:
    await _published(event)
    with live_server(db_url, tmp_path) as base:
        page = await browser.new_page(locale="zh-CN", viewport={"width": 1366, "height": 900})
        await page.goto(f"{base}/programme/grid")
        table = page.locator("table.schedule-grid")
        heads = await table.locator("thead th").all_inner_texts()
        rows = await table.locator("tbody th").all_inner_texts()
        cells = await table.locator("tbody td").evaluate_all(
            "tds => tds.map(td => [...td.querySelectorAll('.time')].map(t => t.textContent))"
        )
        await page.close()
    assert (heads, rows, cells) == (
        ["时间", "主会场", "第一分会场"], ["09:45–10:21"], [["09:45–10:03"], ["09:45–10:03", "10:03–10:21"]],
    )  # fmt: skip


async def test_public_grid_on_a_phone_scrolls_inside_its_box_only(
    db_url: str, event: EventInfo, browser: Browser, tmp_path: Path
) -> None:
    await _published(event)
    with live_server(db_url, tmp_path) as base:
        page = await browser.new_page(locale="zh-CN", viewport={"width": 390, "height": 844})
        await page.goto(f"{base}/programme/grid")
        page_width, box, table = await page.evaluate(
            "() => [document.documentElement.scrollWidth, document.querySelector('.grid-scroll')"
            ".clientWidth, document.querySelector('table.schedule-grid').scrollWidth]"
        )
        await page.close()
    assert (page_width, box < 390, table > box) == (390, True, True)
