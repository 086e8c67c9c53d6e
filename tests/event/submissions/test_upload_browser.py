"""Uploads from the pages in a real browser: the form's file field and its CSRF hidden field go
together as one multipart body, as chromium sends them (the API tests send the file alone)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import httpx
import openpyxl
import pytest
from playwright.async_api import Browser

from event.admin.accounts import add_account
from event.current import EventInfo
from event.enums import Role
from event.submissions.attachments import excel
from event.submissions.attachments.specs import ATTACHMENTS
from event.tables import ParticipationRecord, Submission, SubmissionFile
from tests.event.live import live_server
from tests.factories import PHONE, UNIT, qc

pytestmark = pytest.mark.browser
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PASSWORD = "history password 2021"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_sealed_scan_uploaded_from_the_submission_page(
    db_url: str, event: EventInfo, browser: Browser, tmp_path: Path
) -> None:
    scan = tmp_path / "盖章扫描件.pdf"
    scan.write_bytes(PDF)
    with live_server(db_url, tmp_path) as base:
        token = httpx.post(f"{base}/api/submissions/qc", json=qc()).json()["token"]
        page = await browser.new_page(viewport=PHONE, locale="zh-CN")
        await page.goto(f"{base}/s/{token}")
        await page.set_input_files("form.upload input[type=file]", str(scan))
        await page.click("form.upload button[type=submit]")
        await page.wait_for_load_state()
        assert "盖章扫描件.pdf" in await page.locator("main").inner_text()
    assert await SubmissionFile.count() == 1


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_excel_template_uploaded_from_the_submit_page(
    db_url: str, event: EventInfo, browser: Browser, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(BytesIO(excel.template(ATTACHMENTS["qc"], {})))
    sheet = book.active
    header = [c.value for c in sheet[3]]
    row = {k: ("是" if v is True else v) for k, v in qc().items()}
    for column, spec in enumerate(ATTACHMENTS["qc"].fields, start=1):
        assert header[column - 1].startswith(spec.label)
        sheet.cell(row=4, column=column, value=row.get(spec.name))
    filled = tmp_path / "附件一.xlsx"
    book.save(filled)
    with live_server(db_url, tmp_path) as base:
        page = await browser.new_page(locale="zh-CN")
        await page.goto(f"{base}/submit")
        form = page.locator("form.upload[action='/submit/qc/excel']")
        await form.locator("input[type=file]").set_input_files(str(filled))
        await form.locator("button[type=submit]").click()
        await page.wait_for_load_state()
        assert "已保存 1 份材料" in await page.locator("main").inner_text()
    assert await Submission.count() == 1


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_history_imported_from_the_admin_page(
    db_url: str, event: EventInfo, browser: Browser, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    book.active.append(["姓名", "单位", "年份", "备注"])
    book.active.append(["周推进", UNIT, 2016, ""])
    history = tmp_path / "history.xlsx"
    book.save(history)
    await add_account("hist", PASSWORD, Role.organiser)
    with live_server(db_url, tmp_path) as base:
        page = await browser.new_page(locale="zh-CN")
        await page.goto(f"{base}/admin/history")
        await page.fill("#f-username", "hist")
        await page.fill("#f-password", PASSWORD)
        await page.click("button[type=submit]")
        await page.wait_for_url("**/admin/history")
        await page.set_input_files("form.upload input[type=file]", str(history))
        await page.click("form.upload button[type=submit]")
        await page.wait_for_load_state()
        assert "新增 1 条记录" in await page.locator("main").inner_text()
    assert await ParticipationRecord.count() == 1
