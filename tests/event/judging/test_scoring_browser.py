"""Judges score on a phone in the real browser, through the real server and their own links."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser, Page

from event.current import EventInfo
from event.judging import panels
from event.judging.rubrics import default_rubric
from tests.event.judging.world import JudgingWorld, build
from tests.event.live import live_server
from tests.factories import PHONE

pytestmark = pytest.mark.browser
QC = default_rubric("qc")


async def _seated(event: EventInfo) -> tuple[JudgingWorld, dict[str, list[str]]]:
    world = await build(event)
    await panels.solve(event.id, seed=1)
    data = panels.export(await panels.world(event.id))
    return world, {p["room"]: [j["name"] for j in p["judges"]] for p in data["panels"]}


async def _fill(page: Page, mark: str) -> None:
    for _, item in QC.items():
        await page.fill(f"#f-{item.code}", mark)


async def _phone(browser: Browser) -> Page:
    context = await browser.new_context(
        viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True
    )
    return await context.new_page()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_judge_scores_their_room_on_a_phone_and_the_sheet_locks(
    db_url: str, event: EventInfo, browser: Browser, tmp_path: Path
) -> None:
    world, rooms = await _seated(event)
    judge = world.judges[rooms["第一分会场"][0]]
    with live_server(db_url, tmp_path) as base:
        page = await _phone(browser)
        await page.goto(f"{base}/j/{judge.token}/")
        assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert (
            await page.locator("section.session h2").inner_text()
            == "第一分会场 08月18日 08:30–12:00"
        )
        await page.click("text=提高QC-0001装配合格率")
        await _fill(page, "4")
        await page.fill("#f-m_cause", "12.5")
        assert await page.locator("#total").inner_text() == "52.5"  # the running total
        await page.click("button[type=submit]")
        assert await page.locator("#locked").inner_text() == "评分表已提交并锁定：52.5 分"
        assert await page.locator("#f-m_topic").is_disabled()
        assert await page.locator("button[type=submit]").count() == 0
        await page.goto(f"{base}/j/{judge.token}/")
        assert "52.5 分（已提交）" in await page.locator("table.list tbody tr").first.inner_text()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_a_locked_sheet_cannot_be_changed_even_by_a_tampered_form(
    db_url: str, event: EventInfo, browser: Browser, tmp_path: Path
) -> None:
    world, rooms = await _seated(event)
    judge = world.judges[rooms["第一分会场"][0]]
    with live_server(db_url, tmp_path) as base:
        page = await _phone(browser)
        await page.goto(f"{base}/j/{judge.token}/p/QC-0002")
        await _fill(page, "3")
        await page.click("button[type=submit]")
        await page.evaluate("""() => { const f = document.querySelector('form.sheet');
            f.querySelectorAll('input').forEach(i => { i.disabled = false; if (i.type === 'number') i.value = '5'; });
            f.submit(); }""")
        await page.wait_for_selector("#sheet-message")
        assert (
            await page.locator("#sheet-message").inner_text() == "这份评分表已提交并锁定，不能修改"
        )
        assert await page.locator("#locked").inner_text() == "评分表已提交并锁定：33 分"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_judge_cannot_see_another_judges_score_before_closing(
    db_url: str, event: EventInfo, browser: Browser, tmp_path: Path
) -> None:
    world, rooms = await _seated(event)
    first, second = (world.judges[n] for n in rooms["第一分会场"][:2])
    with live_server(db_url, tmp_path) as base:
        page = await _phone(browser)
        await page.goto(f"{base}/j/{first.token}/p/QC-0003")
        await _fill(page, "2")
        await page.click("button[type=submit]")
        await page.goto(f"{base}/j/{second.token}/p/QC-0003")
        assert await page.locator("#others").count() == 0
        assert await page.locator("#f-m_topic").input_value() == ""
        assert "22" not in await page.locator("main").inner_text()
        assert "本场评分结束前，看不到其他评委的评分。" in await page.locator("main").inner_text()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_judge_cannot_score_a_room_not_theirs(
    db_url: str, event: EventInfo, browser: Browser, tmp_path: Path
) -> None:
    world, rooms = await _seated(event)
    outsider = world.judges[next(n for n in rooms["第二分会场"] if n not in rooms["第一分会场"])]
    with live_server(db_url, tmp_path) as base:
        page = await _phone(browser)
        answer = await page.goto(f"{base}/j/{outsider.token}/p/QC-0001")
        assert answer is not None and answer.status == 403
        assert await page.locator("#not-yours").inner_text() == (
            f"QC-0001 不在您（{outsider.name}）的评委组所评的场次中，不能评分。"
        )
        await page.goto(f"{base}/j/{outsider.token}/")
        assert "QC-0001" not in await page.locator("main").inner_text()
