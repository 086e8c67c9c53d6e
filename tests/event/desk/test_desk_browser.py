"""The 报到 desk in a real browser against the real server: a USB scanner types the code the
delegate's phone shows, Enter; the desk sees who it is, they are checked in, the badge prints."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from playwright.async_api import Browser
from pypdf import PdfReader

from event.admin.accounts import add_account
from event.current import EventInfo
from event.desk import badges
from event.enums import Role
from event.tables import Registration
from tests.event.desk.desk_data import add_people, add_person
from tests.event.live import live_server

pytestmark = pytest.mark.browser
PASSWORD = "desk password 2021"
DESK = {"width": 1280, "height": 900}


def zbar(png: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "shot.png"
    path.write_bytes(png)
    out = subprocess.run(["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True)
    return out.stdout.split()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_scan_phone_code_checks_in_and_prints_badge(
    db_url: str,
    event: EventInfo,
    browser: Browser,
    tmp_path: Path,
) -> None:
    ids = await add_people(event.id)
    await add_person(event.id, "王伟", "丙汽轮机有限公司", "frontline", "13600000009")
    personal = (
        await Registration.select(Registration.token).where(Registration.id == ids[0]).first()
    )["token"]
    await add_account("desk1", PASSWORD, Role.staff)
    await badges.prepare(event.id)  # the organisers numbered and printed the badges beforehand
    with live_server(db_url, tmp_path) as base:
        # The delegate's phone shows the check-in code on their own page.
        phone = await browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
        await phone.goto(f"{base}/r/{personal}")
        shot = await phone.locator("#checkin-code svg").screenshot()
        (code,) = zbar(shot, tmp_path)
        assert code != personal

        desk = await browser.new_page(viewport=DESK, locale="zh-CN")
        await desk.goto(f"{base}/desk")
        await desk.fill("#f-username", "desk1")
        await desk.fill("#f-password", PASSWORD)
        await desk.click("button[type=submit]")
        await desk.wait_for_url(f"{base}/desk")
        # The input has the focus: the scanner types the code and Enter, nobody clicks.
        assert await desk.evaluate("document.activeElement.id") == "q"
        await desk.keyboard.type(code + "\n", delay=5)
        await desk.wait_for_selector("#outcome")
        assert (await desk.locator("#outcome").inner_text()).startswith("报到成功")
        assert await desk.locator(".desk-name").inner_text() == "张三"
        assert await desk.locator(".desk-band").inner_text() == "成果发表者"
        number = (await desk.locator(".desk-number strong").inner_text()).strip()
        assert number == "0006"  # 张三 is last in unit + 姓氏笔画 order (乙, 丙, 甲)
        await desk.screenshot(path=tmp_path / "desk-arrived.png", full_page=True)

        # The badge prints from the card (a new tab with the PDF).
        async with desk.context.expect_event(
            "response", lambda r: "/badge.pdf?layout=a6" in r.url
        ) as caught:
            await desk.click("#print")
        response = await caught.value
        assert (response.status, response.headers["content-type"]) == (200, "application/pdf")
        # The viewer keeps the bytes to itself; the same request with the desk's session:
        pdf = PdfReader(io.BytesIO(await (await desk.request.get(response.url)).body()))
        assert len(pdf.pages) == 1
        assert "张三" in "".join(pdf.pages[0].extract_text().split())

        # A second scan, from the focused input again, says when they arrived.
        assert await desk.evaluate("document.activeElement.id") == "q"
        await desk.keyboard.type(code + "\n", delay=5)
        await desk.wait_for_selector("#outcome")
        assert (await desk.locator("#outcome").inner_text()).startswith("已于")

        # A name with a homonym: choose the right unit, confirm.
        await desk.keyboard.type("王伟\n")
        await desk.wait_for_selector(".desk-choices")
        assert await desk.locator(".desk-choices tbody tr").count() == 2
        row = desk.locator(".desk-choices tbody tr", has_text="丙汽轮机有限公司")
        await row.get_by_role("link", name="选择").click()
        await desk.wait_for_selector("#arrive")
        await desk.click("#arrive")
        await desk.wait_for_selector(".desk-ok")
        assert await desk.locator(".desk-unit").inner_text() == "丙汽轮机有限公司"

        await desk.goto(f"{base}/admin/arrivals")
        assert await desk.locator("#total-arrived").inner_text() == "2"
        await desk.screenshot(path=tmp_path / "arrivals.png", full_page=True)
    arrived = await Registration.select(Registration.checked_in_by).where(
        Registration.checked_in_at.is_not_null()
    )  # fmt: skip
    assert [r["checked_in_by"] for r in arrived] == ["desk1", "desk1"]
