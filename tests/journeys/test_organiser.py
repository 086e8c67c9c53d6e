"""An organiser: finds a delegate by mobile, corrects the name, reprints the badge; solves and
publishes the programme (confirming); reads the audit log."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from tests.journeys.conftest import DESK, Person, Site, log_in, solve_from_page


async def badge_text(me: Person, href: str) -> str:
    response = await me.page.request.get(href)
    assert response.headers["content-type"] == "application/pdf"
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(await response.body())).pages)


async def correct_a_name(me: Person, site: Site) -> None:
    await log_in(me, site, "organiser", "/admin/registrations")
    mobile = (await me.text("table.list tbody tr:first-child td:nth-child(4)")).strip()
    await me.page.fill("#q", mobile)
    await me.click("form.filters button[type=submit]")
    assert await me.page.locator("table.list tbody tr").count() == 1
    await me.click("table.list tbody a")
    assert mobile in await me.text("#summary")
    await me.page.click("#edit summary")
    await me.page.fill("#f-name", "欧阳改正")
    await me.click("#edit button[type=submit]")
    assert "修改已保存" in await me.text("#done")
    assert "修改登记" in await me.text("#history")
    href = await me.page.get_attribute("#reprint", "href")
    assert "欧阳改正" in (await badge_text(me, site.base + href)).replace(" ", "")


async def set_rooms_and_blocks(me: Person, site: Site) -> None:
    """A room and a block added through their forms, the way an organiser sets up the venue."""
    await me.goto(f"{site.base}/admin/rooms")
    await me.page.fill("#f-name", "第九分会场")
    await me.page.fill("#f-capacity", "60")
    await me.page.check("input[name=kinds][value=qc]")
    await me.click("form[action='/admin/rooms'] button[type=submit]")
    assert "第九分会场" in await me.text("table.list")
    await me.goto(f"{site.base}/admin/blocks")
    await me.page.fill("#f-code", "X3-PM")
    await me.page.fill("#f-label", "最后一天晚上")
    last = (await me.page.locator("table.list tbody tr td:nth-child(2)").all_inner_texts())[-1]
    year, month, day = map(int, re.findall(r"\d+", last))  # the meeting's last day, 2026年12月3日
    await me.page.fill("#f-day", f"{year:04d}-{month:02d}-{day:02d}")
    await me.page.fill("#f-start", "19:00")
    await me.page.fill("#f-end", "21:00")
    await me.click("form[action='/admin/blocks'] button[type=submit]")
    assert "最后一天晚上" in await me.text("table.list")


async def publish(me: Person, site: Site) -> None:
    await solve_from_page(me, site)
    await me.goto(f"{site.base}/admin/publication")
    asked = []

    async def confirm(dialog) -> None:
        asked.append(dialog.message)
        await dialog.accept()

    # A first version adds every item: the count comes first and the button above the list.
    summary = await me.text("p.summary")
    assert re.fullmatch(r"共 (\d+) 项变动（新增 \1 项），涉及 \d+ 人。", summary), summary
    button = await me.page.locator("#publish").bounding_box()
    listed = await me.page.locator("details.changes").bounding_box()
    assert button and listed and button["y"] < listed["y"] < 1200
    me.page.once("dialog", confirm)
    await me.click("#publish")
    assert "确定发布第1版日程吗" in asked[0]
    assert "已发布第1版日程" in await me.text(".notice")
    await me.goto(site.base)
    assert "已发布，查看会议日程" in await me.text("#open-now")


async def test_organiser_corrects_a_delegate_publishes_and_reads_the_audit(
    site: Site, people
) -> None:
    me = await people(DESK)
    await correct_a_name(me, site)
    await set_rooms_and_blocks(me, site)
    await publish(me, site)
    await me.goto(f"{site.base}/admin/audit")
    log = await me.text("table")
    assert "修改登记" in log and "发布日程" in log and "系统（演示数据）" in log
