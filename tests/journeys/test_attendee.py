"""An attendee on a phone: registers (a mistake first), opens the link, edits, subscribes to
the calendar, cancels."""

from __future__ import annotations

from tests.journeys.conftest import PHONE, Site


async def test_attendee_registers_edits_subscribes_and_cancels_on_a_phone(
    site: Site, people
) -> None:
    me = await people(PHONE)
    await me.goto(site.base)
    await me.click("text=个人参会登记")
    await me.page.fill("#f-name", "欧阳明月")
    await me.page.fill("#f-organization", "洛阳华锐重型机械股份有限公司")
    await me.page.fill("#f-mobile", "138 0013")  # a digit short of a number, and no e-mail
    await me.page.fill("#f-email", "ouyang@")
    await me.click("button[type=submit]")
    # every mistake at once, each beside its field, what was typed kept
    assert "手机号码应为11位数字" in await me.text("#err-mobile")
    assert await me.page.locator("#err-email").count() == 1
    assert await me.page.locator("#err-category").count() == 1
    assert await me.page.input_value("#f-name") == "欧阳明月"

    await me.page.fill("#f-mobile", "+86 138-0013-8765")
    await me.page.fill("#f-email", "ouyang@example.cn")
    await me.page.select_option("#f-category", "observer")
    await me.click("button[type=submit]")
    assert "登记成功" in await me.text(".notice")
    link = await me.page.input_value("#personal-link")
    assert link.startswith(f"{site.base}/r/")
    assert "找回我的链接" in await me.text("#keep-link")

    # later, from the saved link
    await me.goto(link)
    assert "欧阳明月" in await me.text(".who")
    await me.page.click("summary")
    await me.page.fill("#f-dietary", "素食")
    await me.click("text=保存修改")
    assert "修改已保存" in await me.text(".notice")
    assert await me.page.input_value("#f-dietary") == "素食"

    # subscribe: the phone's calendar follows the webcal:// link; the same feed over https
    webcal = await me.page.get_attribute("a:has-text('订阅到手机日历')", "href")
    assert webcal.startswith("webcal://")
    calendar = await me.page.request.get(webcal.replace("webcal://", "http://", 1))
    assert calendar.ok and (await calendar.body()).startswith(b"BEGIN:VCALENDAR")

    me.page.once("dialog", lambda dialog: dialog.accept())
    await me.click("text=取消参会")
    assert "已取消" in await me.text(".card")
    assert await me.page.locator("#cancelled a[href='/register']").count() == 1
