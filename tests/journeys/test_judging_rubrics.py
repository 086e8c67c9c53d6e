"""An organiser edits the QC rubric through its page before scoring opens (a wrong total is
named first, then corrected); a judge's sheet on the phone then shows the edited item and
maximum, and once the judge has submitted the rubric is no longer editable. The organiser
chooses the tie rule on the results page and the page says which rule applies.

These run on their own demo site: they publish a programme and fix the QC rubric, which the
session's shared site must not see (the organiser's journey publishes its version 1 there)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.async_api import Locator

from tests.journeys.conftest import DESK, PHONE, Person, Site, demo_site, log_in, solve_from_page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Like the shared `site` (a small demo on a live server), for this module alone."""
    with demo_site(tmp_path_factory.mktemp("judging-journeys")) as built:
        yield built


async def programme_with_panels(me: Person, site: Site) -> None:
    """A published programme (solved and published through the pages when there is none yet)
    and panels assigned by the one press."""
    await me.goto(f"{site.base}/admin/judges/panels")
    if await me.page.locator("form[action='/admin/judges/assign']").count() == 0:
        await solve_from_page(me, site)
        await me.goto(f"{site.base}/admin/publication")
        me.page.once("dialog", lambda dialog: dialog.accept())
        await me.click("#publish")
        await me.goto(f"{site.base}/admin/judges/panels")
    await me.click("form[action='/admin/judges/assign'] button[type=submit]")
    assert await me.page.locator("a.button.small", has_text="评分台").count() > 0


async def edit_the_qc_rubric(me: Person, site: Site) -> None:
    await me.goto(f"{site.base}/admin/judging/rubrics/")
    await me.click("#rubric-qc a.button")
    await me.page.fill("#f-name-0", "课题选择与理由")
    await me.page.fill("#f-max-0", "8")
    await me.click("#rubric-form button[type=submit]")
    assert await me.text("#err-total") == "总分为 98 分（资料 58 + 发表 40），应为 100 分"
    assert await me.page.input_value("#f-name-0") == "课题选择与理由"  # what was typed is kept
    await me.page.check("#f-remove-5")  # 巩固措施与总结, 5 points
    await me.page.fill("#f-name-11", "活动记录完整")
    await me.page.fill("#f-max-11", "7")
    await me.click("#rubric-form button[type=submit]")
    assert await me.text("#saved") == "QC小组评分表已保存。"
    section = await me.text("#rubric-qc")
    assert "课题选择与理由\t8" in section and "活动记录完整\t7" in section
    assert "巩固措施与总结" not in section
    assert "资料部分合计\t60" in section and "总分\t100" in section


async def a_qc_sheet(phone: Person, me: Person, site: Site) -> None:
    """The first judge (as listed on the roster) whose sessions hear a QC result opens it."""
    await me.goto(f"{site.base}/admin/judges/")
    links = await me.page.locator("table.list a", has_text="打开").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    for href in links:
        await phone.goto(f"{site.base}{href}")
        qc = phone.page.locator("a[href*='/p/QC-']:not(.button)")
        if await qc.count():
            await phone.click(f"a[href='{await qc.first.get_attribute('href')}']")
            return
    raise AssertionError("no judge hears a QC result")


async def test_organiser_edits_the_rubric_and_the_judges_sheet_follows(site: Site, people) -> None:
    me = await people(DESK)
    await log_in(me, site, "organiser", "/admin/judging/rubrics/")
    await programme_with_panels(me, site)
    await edit_the_qc_rubric(me, site)

    phone = await people(PHONE)
    await a_qc_sheet(phone, me, site)
    assert await phone.text("h1") == "QC小组成果评分表"
    assert await phone.text("label[for=f-m_topic]") == "课题选择与理由（满分8）"
    assert await phone.text("label[for=f-x1]") == "活动记录完整（满分7）"
    assert await phone.page.get_attribute("#f-m_topic", "max") == "8"
    assert await phone.page.locator("#f-m_standard").count() == 0
    assert "资料（60分）" in await phone.text("form.sheet")
    for field in await phone.page.locator("form.sheet input[type=number]").all():
        await field.fill("5")
    assert await phone.text("#total") == "55"  # eleven items of 5
    await phone.click("form.sheet button[type=submit]")
    assert await phone.text("#locked") == "评分表已提交并锁定：55 分"

    await me.goto(f"{site.base}/admin/judging/rubrics/")
    assert "QC小组评分已开始，评分表不能再修改。" in await me.text("#rubric-qc")
    assert await me.page.locator("#rubric-qc a.button").count() == 0


async def test_organiser_chooses_the_tie_rule_on_the_results_page(site: Site, people) -> None:
    me = await people(DESK)
    await log_in(me, site, "organiser", "/admin/judging/results")
    await me.page.select_option("#f-tie_rule", label="资料部分得分高者在前")
    await me.click("#tie-rule-form button[type=submit]")
    assert (await me.text("#tie-rule")).startswith("同分规则：资料部分得分高者在前")
    assert await me.page.input_value("#f-tie_rule") == "material"
    await me.page.select_option("#f-tie_rule", label="不拆分，并列")
    await me.click("#tie-rule-form button[type=submit]")
    assert (await me.text("#tie-rule")).startswith("同分规则：不拆分，并列")
    await me.goto(f"{site.base}/admin/audit")
    assert "设置同分排序规则" in await me.text("table")


async def test_desk_closes_a_rooms_day_and_the_judge_then_sees_the_panels_scores(
    site: Site, people
) -> None:
    me = await people(DESK)
    await log_in(me, site, "organiser", "/admin/judges/panels")
    await programme_with_panels(me, site)
    phone = await people(PHONE)
    await a_qc_sheet(phone, me, site)
    assert "本场评分结束前，看不到其他评委的评分。" in await phone.text()
    room = (await phone.text("main p:nth-of-type(2)")).split("·")[-1].split()[0]

    desk = await people(DESK)
    await log_in(desk, site, "desk", "/admin/judging/rooms/")
    buttons = desk.page.locator("section.room-day button", has_text=f"结束{room}")
    assert await buttons.count() > 0
    while await buttons.count():  # each of the room's days
        await desk.click(f"section.room-day button:has-text('结束{room}')")
        assert (await desk.text("#done")).startswith("已结束")
    await phone.goto(phone.page.url)
    assert await phone.text("h2") == "本场其他评委的评分"
    assert await phone.page.locator("#others tbody tr").count() >= 1


async def test_organiser_changes_a_panel_by_hand(site: Site, people) -> None:
    """On the panels page an organiser tries to replace a judge of a session's panel by one who
    sits elsewhere at that time (refused, naming the judge, the rooms and the time; nothing
    changes); adds a judge to the roster through its form, puts them in instead and makes them
    the 组长; and cannot remove one judge of an odd panel."""
    me = await people(DESK)
    await log_in(me, site, "organiser", "/admin/judges/panels")
    await programme_with_panels(me, site)
    staffed = me.page.locator("section.session:has(optgroup[label='本组评委']) h3")
    title = await staffed.first.inner_text()

    def session() -> Locator:  # the same session after each page load
        return me.page.locator("section.session", has=me.page.locator("h3", has_text=title))

    def panel() -> Locator:
        return session().locator("p").first

    async def change(what: str, judge: str, other: str | None = None) -> None:
        form = session().locator("form.adjust")
        await form.locator("select[name=what]").select_option(label=what)
        await form.locator("select[name=judge]").select_option(label=judge)
        if other:
            await form.locator("select[name=other]").select_option(label=other)
        async with me.page.expect_navigation():
            await form.locator("button[type=submit]").click()
        await me.looks_right()

    members = await panel().inner_text()
    listed = await session().locator("optgroup[label='本组评委'] option").all_text_contents()
    busy = await session().locator("select[name=other] option").first.text_content() or ""
    await change("替换", listed[-1], busy)  # the small demo's 9 judges all sit at this time
    refusal = await me.text("#refused")
    assert f"{busy} 同时被安排在" in refusal and "分会场" in refusal, refusal
    assert await panel().inner_text() == members

    await me.goto(f"{site.base}/admin/judges/")
    await me.page.fill("#f-name", "诸葛评审")
    await me.page.fill("#f-unit", "中国机械工业质量管理协会")
    await me.page.fill("#f-mobile", "13904710088")
    await me.page.check("input[name=may_lead]")
    await me.click("form[action='/admin/judges/'] button[type=submit]")
    newcomer = "诸葛评审（中国机械工业质量管理协会）"
    await me.goto(f"{site.base}/admin/judges/panels")
    gone = listed[-1].split("（")[0]
    await change("替换", listed[-1], newcomer)
    assert f"诸葛评审 替换 {gone}" in await me.text("#done")
    now = await panel().inner_text()
    assert "诸葛评审" in now and gone not in now, now
    await change("任组长", newcomer)
    assert "诸葛评审 任组长" in await me.text("#done")
    now = await panel().inner_text()
    assert await panel().locator("strong").count() == 1 and f"{newcomer}组长" in now, now

    await change("移出", newcomer)  # 3 or 5 judges: one fewer breaks the rule
    assert await me.page.locator("#refused").count() == 1
    assert "诸葛评审" in await panel().inner_text()
