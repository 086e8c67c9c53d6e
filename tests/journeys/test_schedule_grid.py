"""An organiser adjusts the solved draft of the demo in the grid without dragging: opens an
item from its cell, moves it to an empty cell, then opens a session and moves it; every page
passes the journey checks (no internal ids such as P-0265 or D1-AM, no page wider than the
screen, no console error)."""

from __future__ import annotations

from tests.journeys.conftest import DESK, Person, Site, log_in, solve_from_page


async def solved(me: Person, site: Site) -> None:
    """The demo's draft, solved from the page when there is none yet."""
    await log_in(me, site, "organiser", "/admin/schedule")
    if await me.page.locator("table.schedule-grid").count():
        return
    await solve_from_page(me, site)
    await me.goto(f"{site.base}/admin/schedule")


async def test_organiser_moves_an_item_then_a_session_from_the_grid(site: Site, people) -> None:
    me = await people(DESK)
    await solved(me, site)
    code = await me.page.locator("li.item").first.get_attribute("data-code")
    await me.click(f"li.item[data-code='{code}'] a")
    await me.click("table.targets td:has(> small:text-is('空')) button >> nth=0")
    assert "调整已保存" in await me.text("p.notice >> nth=0")
    moved = me.page.locator(f"li.item[data-code='{code}']")
    assert await moved.locator("xpath=../li").count() == 1  # alone in the empty cell it chose
    await me.click(f"li.item[data-code='{code}'] >> xpath=ancestor::td//p[@class='theme']/a")
    await me.click("table.targets td:has(> small:text-is('空')) button >> nth=0")
    assert "调整已保存" in await me.text("p.notice >> nth=0")
