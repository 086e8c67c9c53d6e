"""An organiser sends a message to one unit's delegates through the outbox form (a missing
title is named first and what was typed is kept, then a unit's name typed short is refused
naming it), sees one SMS a delegate listed with its status,
resends one, and each delegate's SMS arrives in the local mailbox (no SMS provider here) with
the text as written."""

from __future__ import annotations

import sqlite3

from tests.journeys.conftest import DESK, Person, Site, log_in

SUBJECT = "分会场报到提醒"
BODY = "请于开会前一天下午到酒店大堂报到，领取代表证和会议资料。"
DELIVERED = "已投递到本地邮箱"


def a_unit(site: Site) -> tuple[str, list[tuple[str, str]]]:
    """A unit of the demo with three active delegates, and their names and mobiles."""
    with sqlite3.connect(site.data_dir / "demo.sqlite3") as db:
        rows = db.execute(
            "SELECT o.name, p.name, p.mobile FROM registration r JOIN person p ON p.id = r.person "
            "JOIN organization o ON o.id = p.organization WHERE r.status = 'active' "
            "AND o.id IN (SELECT p2.organization FROM registration r2 JOIN person p2 "
            "ON p2.id = r2.person WHERE r2.status = 'active' GROUP BY p2.organization "
            "HAVING COUNT(*) = 3) ORDER BY o.name, p.mobile"
        ).fetchall()
    unit = rows[0][0]
    return unit, [(name, mobile) for u, name, mobile in rows if u == unit]


async def delivered(me: Person, url: str) -> str:
    """Reload the message's page, as a person checking on it would, until it has left the
    queue (the server's courier sends in the background); its status then."""
    for _ in range(600):
        await me.goto(url)
        status = (await me.text(".card .status")).strip()
        if status not in ("待发送", "发送中"):
            return status
        await me.page.wait_for_timeout(200)  # a pause between reloads, not a measured time
    raise AssertionError(f"{url} still {status}")


async def send_to_the_unit(me: Person, site: Site, unit: str) -> None:
    await log_in(me, site, "organiser", "/admin/messages")
    await me.page.click("summary:has-text('给代表发消息')")
    await me.page.fill("#f-organization", unit)
    await me.page.select_option("#f-channel", label="短信")
    await me.page.fill("#f-body", BODY)
    await me.click("form[action='/admin/messages/send'] button[type=submit]")
    assert "未发送，请按提示修改" in await me.text()
    assert "标题" in await me.text("#err-subject")
    assert await me.page.input_value("#f-organization") == unit  # what was typed is kept
    assert await me.page.input_value("#f-body") == BODY
    await me.page.fill("#f-subject", SUBJECT)
    short = unit.removesuffix("有限公司").removesuffix("有限责任公司")  # as people say it
    await me.page.fill("#f-organization", short)
    await me.click("form[action='/admin/messages/send'] button[type=submit]")
    assert await me.text("#err-organization") == f"没有“{short}”的有效登记，请填写登记时的单位全称"
    await me.page.fill("#f-organization", unit)
    await me.click("form[action='/admin/messages/send'] button[type=submit]")
    assert await me.text(".notice") == "已加入发送队列：3条。"


async def test_organiser_messages_a_unit_and_the_delegates_get_it(site: Site, people) -> None:
    unit, members = a_unit(site)
    me = await people(DESK)
    await send_to_the_unit(me, site, unit)
    rows = me.page.locator("table.list tbody tr", has_text=BODY[:20])  # an SMS has no title
    assert await rows.count() == 3
    listed = await rows.all_inner_texts()
    for name, mobile in members:
        assert [r for r in listed if f"{name} {mobile}" in r and "短信" in r], (name, listed)
    hrefs = await rows.locator("a").evaluate_all("links => links.map(a => a.href)")

    reached = []
    for href in hrefs:
        assert await delivered(me, href) == DELIVERED
        assert (await me.text("pre.message-text")).strip() == BODY
        card = await me.text(".card")
        reached += [(n, m) for n, m in members if f"{n} {m}" in card and "短信" in card]
    assert sorted(reached) == sorted(members)
    await me.goto(f"{site.base}/admin/messages?status=local")
    listed = await rows.all_inner_texts()
    assert len(listed) == 3 and all(DELIVERED in r for r in listed), listed

    # Resend the first: queued again from no attempts, then delivered once more.
    await me.goto(hrefs[0])
    await me.click("form[action$='/resend'] button[type=submit]")
    assert me.page.url == hrefs[0]
    assert await delivered(me, hrefs[0]) == DELIVERED
    assert "尝试 1 次" in await me.text(".card")
    await me.goto(f"{site.base}/admin/audit")
    log = await me.text("table")
    assert f"群发《{SUBJECT}》给" in log and "重发消息" in log
