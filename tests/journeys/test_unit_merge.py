"""An organiser merges a unit a delegate typed another way into the real one: picks both,
reads what would move, confirms; the delegate is then listed under the real unit."""

from __future__ import annotations

from tests.journeys.conftest import DESK, PHONE, Site, log_in

VARIANT = "洛阳轴承集团公司（合并测试）"


async def test_organiser_previews_and_merges_two_spellings_of_a_unit(site: Site, people) -> None:
    phone = await people(PHONE)
    await phone.goto(f"{site.base}/register")
    await phone.page.fill("#f-name", "欧阳合并")
    await phone.page.fill("#f-organization", VARIANT)
    await phone.page.fill("#f-mobile", "13904710077")
    await phone.page.select_option("#f-category", "frontline")
    await phone.click("button[type=submit]")
    assert "登记成功" in await phone.text()

    me = await people(DESK)
    await log_in(me, site, "organiser", "/admin/units/contacts")
    keep = await me.page.locator("#keep option").nth(1).inner_text()  # a unit of the demo
    await me.page.select_option("#keep", label=keep)
    await me.page.select_option("#drop", label=VARIANT)
    await me.click("form[action='/admin/units/merge'] button[type=submit]")
    preview = await me.text("#merge-preview")
    assert f"将“{VARIANT}”并入“{keep}”" in preview and "人员：1" in preview, preview
    assert VARIANT in await me.text("#drop")  # nothing merged before the confirmation
    await me.click("#merge-preview button[type=submit]")
    assert "已合并单位" in await me.text(".notice")
    assert VARIANT not in await me.text("#drop")

    await me.goto(f"{site.base}/admin/registrations?q=欧阳合并")
    assert keep in await me.text("table")
