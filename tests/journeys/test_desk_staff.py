"""Desk staff at the 报到 desk: a delegate shows the check-in code on a phone, the scanner
types it, the arrival is marked, the badge is reprinted; an organiser page says 无权限.
A delegate who never registered is registered at the desk."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from pypdf import PdfReader

from tests.journeys.conftest import DESK, PHONE, Person, Site, log_in


async def delegate_registers(site: Site, people) -> Person:
    phone = await people(PHONE)
    await phone.goto(f"{site.base}/register")
    await phone.page.fill("#f-name", "司马报到")
    await phone.page.fill("#f-organization", "呼和浩特机械厂")
    await phone.page.fill("#f-mobile", "13904710001")
    await phone.page.select_option("#f-category", "frontline")
    await phone.click("button[type=submit]")
    return phone


def scanned(png: bytes, tmp_path: Path) -> str:
    """What a scanner reads off the phone's screen."""
    shot = tmp_path / "phone.png"
    shot.write_bytes(png)
    out = subprocess.run(["zbarimg", "--raw", "-q", str(shot)], capture_output=True, text=True)
    return out.stdout.strip()


async def test_desk_staff_check_in_reprint_and_no_organiser_pages(
    site: Site, people, tmp_path: Path
) -> None:
    phone = await delegate_registers(site, people)
    code = scanned(await phone.page.locator("#checkin-code svg").screenshot(), tmp_path)
    assert code

    desk = await people(DESK)
    await log_in(desk, site, "desk", "/desk")
    assert await desk.page.evaluate("document.activeElement.id") == "q"
    async with desk.page.expect_navigation():
        await desk.page.keyboard.type(code + "\n", delay=5)
    await desk.looks_right()
    assert (await desk.text("#outcome")).startswith("报到成功")
    assert await desk.text(".desk-name") == "司马报到"

    action = await desk.page.get_attribute(".desk-print", "action")
    badge = await desk.page.request.get(f"{site.base}{action}?layout=a6")
    assert badge.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(await badge.body())).pages)
    assert "司马报到" in "".join(text.split())

    await desk.goto(f"{site.base}/admin/registrations/new")
    await desk.page.fill("#f-name", "现场代表")
    await desk.page.fill("#f-organization", "石家庄机械厂")
    await desk.page.fill("#f-mobile", "13903110002")
    await desk.page.select_option("#f-category", "observer")
    await desk.click("form[action='/admin/registrations/new'] button[type=submit]")
    assert await desk.text(".desk-name") == "现场代表"

    await desk.goto(f"{site.base}/admin/settings")
    assert await desk.text("h1") == "无权限"
