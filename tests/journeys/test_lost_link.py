"""A delegate who lost the personal link asks for it on a phone; the organiser sees the SMS in
the outbox (no SMS provider here: the local mailbox), and its link opens the delegate's page."""

from __future__ import annotations

import re
import sqlite3

from tests.journeys.conftest import DESK, PHONE, Site, log_in

SENT = "如果该手机号码或电子邮箱已登记本次会议，个人链接已发送到该手机或邮箱"


def a_delegate(site: Site) -> tuple[str, str]:
    """The name and mobile of an active registration of the demo."""
    with sqlite3.connect(site.data_dir / "demo.sqlite3") as db:
        return db.execute(
            "SELECT p.name, p.mobile FROM registration r JOIN person p ON p.id = r.person "
            "WHERE r.status = 'active' ORDER BY r.id LIMIT 1"
        ).fetchone()


async def test_lost_link_comes_back_by_sms_and_opens_the_page(site: Site, people) -> None:
    name, mobile = a_delegate(site)
    me = await people(PHONE)
    await me.goto(site.base)
    await me.click("text=找回我的链接")
    await me.page.fill("#f-contact", "手机")  # neither a number nor an address
    await me.click("button[type=submit]")
    assert "请填写登记时使用的手机号码" in await me.text("#err-contact")
    await me.page.fill("#f-contact", f"{mobile[:3]} {mobile[3:7]} {mobile[7:]}")
    await me.click("button[type=submit]")
    assert SENT in await me.text(".notice")
    assert mobile not in await me.text()

    organiser = await people(DESK)
    await log_in(organiser, site, "organiser", "/admin/messages")
    row = organiser.page.locator("tr", has_text=mobile).filter(has_text="找回个人链接").first
    async with organiser.page.expect_navigation():
        await row.locator("a").click()
    await organiser.looks_right()
    text = await organiser.text("pre.message-text")
    path = re.search(r"/r/[A-Za-z0-9_-]{43}", text)[0]
    await me.goto(site.base + path)
    assert name in await me.text(".who")
