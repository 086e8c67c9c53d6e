"""An organiser, on the presentations page, pins one result to a room and half-day, marks a
half-day another presenter cannot attend, pins a third and takes the pin back; the solve from
the schedule page then puts the pinned result in its cell (marked 已固定), keeps the other out
of the half-day it cannot attend, and leaves the unpinned one free.

These run on their own demo site: they change what the solve must respect and solve."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.journeys.conftest import DESK, Person, Site, demo_site, log_in, solve_from_page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with demo_site(tmp_path_factory.mktemp("pins-journeys")) as built:
        yield built


def row(me: Person, code: str):
    return me.page.locator(f"tr[id='{code}']")


async def pin(me: Person, code: str, room: str, block: str) -> None:
    """Choose the room (by its name) and the half-day (by its value) in the row's 固定 form."""
    form = row(me, code).locator("form.pin")
    await form.locator("select[name=room]").select_option(label=room)
    await form.locator("select[name=block]").select_option(block)
    await me.click(f"tr[id='{code}'] form.pin button[type=submit]")
    assert "已保存" in await me.text("p.notice")


async def test_pins_and_unavailable_half_days_hold_in_the_solve(site: Site, people) -> None:
    me = await people(DESK)
    await log_in(me, site, "organiser", "/admin/presentations")
    codes = await me.page.locator("table.list tbody tr[id]").evaluate_all(
        "rows => rows.map(r => r.id)"
    )
    pinned, away, freed = codes[0], codes[1], codes[2]
    blocks = (
        await row(me, pinned)
        .locator("select[name=block] option")
        .evaluate_all("options => options.map(o => o.value)")
    )
    rooms = await row(me, pinned).locator("select[name=room] option").all_inner_texts()
    room, block = rooms[-1], blocks[-1]  # the last room and half-day: not where it would go anyway

    when = await row(me, pinned).locator(f"select[name=block] option[value='{block}']").inner_text()
    await pin(me, pinned, room, block)
    assert f"{room} · {when}" in await row(me, pinned).locator("td:nth-child(5)").inner_text()
    assert await row(me, pinned).locator("form[action$='/unpin']").count() == 1

    await row(me, away).locator(f"input[name=blocks][value='{blocks[0]}']").check()
    await me.click(f"tr[id='{away}'] form[action$='/unavailable'] button[type=submit]")
    assert "已保存" in await me.text("p.notice")
    chip = row(me, away).locator(f"input[name=blocks][value='{blocks[0]}']")
    assert await chip.is_checked()

    await pin(me, freed, room, block)
    await me.click(f"tr[id='{freed}'] form[action$='/unpin'] button[type=submit]")
    assert await row(me, freed).locator("form.pin").count() == 1
    assert await row(me, freed).locator("form[action$='/unpin']").count() == 0

    await solve_from_page(me, site)
    await me.goto(f"{site.base}/admin/schedule")
    here = me.page.locator(f"td.cell[data-block='{block}'] li.item[data-code='{pinned}']")
    assert await here.count() == 1
    assert "已固定" in await here.inner_text()
    cell = here.locator("xpath=ancestor::td[1]")
    assert room in (await cell.get_attribute("aria-label") or "")
    assert await me.page.locator(f"li.item[data-code='{away}']").count() == 1
    assert (
        await me.page.locator(f"td.cell[data-block='{blocks[0]}'] li[data-code='{away}']").count()
        == 0
    )
    assert "已固定" not in await me.page.locator(f"li.item[data-code='{freed}']").inner_text()
