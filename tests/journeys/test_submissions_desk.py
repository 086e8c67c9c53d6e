"""An organiser closes the material deadline in the settings; a unit then sends two 质量故事
through the public form and is told they wait for the organisers; on the submissions page the
organiser accepts one and refuses the other, marks the accepted one's paper copy arrived and
sees each change in the counts (收到, 计入, 逾期待定, 纸质未到) and on the item's own page.

These run on their own demo site: a deadline in the past would close the forms other journeys
use on the session's shared site."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from tests.journeys.conftest import DESK, Person, Site, demo_site, log_in

UNIT = "洛阳华锐重型机械股份有限公司"
STORY = {"organization": UNIT, "contact_name": "李明", "contact_mobile": "13800138001",
         "content_category": "品牌文化", "brand_type": "团队", "summary": "讲述班组二十年坚持的故事。"}  # fmt: skip
COLUMNS = ("收到", "计入", "会上发表", "逾期待定", "待核实", "纸质未到")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with demo_site(tmp_path_factory.mktemp("submissions-desk")) as built:
        yield built


async def story_counts(me: Person, site: Site) -> dict[str, str]:
    """The 质量故事 row of the counts table on /admin/submissions, by column heading."""
    await me.goto(f"{site.base}/admin/submissions")
    cells = await me.page.locator("tr:has(a[href='?kind=story']) td").all_inner_texts()
    return dict(zip(COLUMNS, (c.strip() for c in cells[1:]), strict=True))


async def close_the_deadline(me: Person, site: Site) -> None:
    await me.goto(f"{site.base}/admin/settings")
    yesterday = date.today() - timedelta(days=2)  # before today in Beijing as well as in UTC
    await me.page.fill("#f-material_deadline", yesterday.isoformat())
    await me.click("form[action='/admin/settings'] button[type=submit]")
    assert await me.page.input_value("#f-material_deadline") == yesterday.isoformat()


async def send_a_late_story(unit: Person, site: Site, title: str) -> None:
    await unit.goto(f"{site.base}/submit/story")
    await unit.page.fill("#f-title", title)
    for name, value in STORY.items():
        field = unit.page.locator(f"#f-{name}")
        if await field.evaluate("e => e.tagName") == "SELECT":
            await field.select_option(label=value)
        else:
            await field.fill(value)
    await unit.click("form[action='/submit/story'] button[type=submit]")
    assert title in await unit.text()
    assert "逾期待定（需组织者确认）" in await unit.text()


async def open_item(me: Person, site: Site, title: str) -> None:
    await me.goto(f"{site.base}/admin/submissions?kind=story&status=late")
    await me.click(f"table.list a:text-is('{title}')")
    assert await me.text("h1") == title


async def test_organiser_decides_late_stories_and_marks_the_paper_copy(site: Site, people) -> None:
    me = await people(DESK)
    await log_in(me, site, "organiser", "/admin/submissions")
    before = await story_counts(me, site)
    sent, counted, missing = int(before["收到"]), int(before["计入"]), int(before["纸质未到"])
    assert before["逾期待定"] == "0"
    await close_the_deadline(me, site)

    unit = await people(DESK)
    await send_a_late_story(unit, site, "一颗螺丝钉的品牌之路")
    await send_a_late_story(unit, site, "老师傅的最后一班岗")
    now = await story_counts(me, site)
    assert (now["收到"], now["计入"], now["逾期待定"], now["纸质未到"]) == (
        str(sent + 2),
        str(counted),
        "2",
        str(missing + 2),
    )

    await open_item(me, site, "一颗螺丝钉的品牌之路")
    await me.click("button[name=accept][value='1']")
    assert "状态：逾期已接受" in await me.text(".card")
    await open_item(me, site, "老师傅的最后一班岗")
    await me.click("button[name=accept][value='0']")
    assert "状态：未接受" in await me.text(".card")
    now = await story_counts(me, site)
    assert (now["计入"], now["逾期待定"]) == (str(counted + 1), "0")

    await me.goto(f"{site.base}/admin/submissions?kind=story&status=accepted")
    await me.click("table.list a:text-is('一颗螺丝钉的品牌之路')")
    assert "纸质材料：未收到" in await me.text(".card")
    await me.click("button[name=paper_received]")
    assert "纸质材料：已收到" in await me.text(".card")
    assert await me.text("button[name=paper_received]") == "标记为未收到"
    assert (await story_counts(me, site))["纸质未到"] == str(missing + 1)
    await me.goto(f"{site.base}/admin/audit")
    log = await me.text("table")
    assert "一颗螺丝钉的品牌之路" in log and "老师傅的最后一班岗" in log
