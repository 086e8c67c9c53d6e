"""A unit's contact: registers the delegation on a phone, then at a desk downloads the 附件二
template, fills it as Excel would (a typed percentage, a postcode with a leading zero),
uploads it through the page, uploads the sealed scan and reads the unit's 附件三."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from event.submissions.attachments.specs import ATTACHMENTS
from tests.journeys.conftest import DESK, PHONE, Site

UNIT = "太原重型机械集团有限公司"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TEAM = {"team_name": "太重总装一班", "presented": "是", "organization": UNIT, "address": "太原市万柏林区玉河街53号",
        "contact_name": "李联络", "contact_mobile": "13900351234", "leader": "赵班长", "team_size": 12,
        "team_type": "现场型", "first_pass_rate": 99.2, "complaints": 0, "incidents": 0}  # fmt: skip


async def register_delegation(site: Site, people) -> str:
    me = await people(PHONE)
    await me.goto(site.base)
    await me.click("text=单位集体登记")
    await me.page.fill("#f-organization", UNIT)
    await me.page.fill("#f-contact_name", "李联络")
    await me.page.fill("#f-contact_mobile", "13900351234")
    for i in range(10):
        await me.page.fill(f"[name='members[{i}].name']", f"太重代表{i + 1}")
        await me.page.fill(f"[name='members[{i}].mobile']", f"1390035{i + 1:04d}")
        await me.page.select_option(f"[name='members[{i}].category']", "observer")
    await me.click("#more-rows")
    assert await me.page.input_value("[name='members[0].name']") == "太重代表1"
    await me.page.fill("[name='members[10].name']", "太重代表11")
    await me.page.fill("[name='members[10].mobile']", "13900350011")
    await me.page.select_option("[name='members[10].category']", "presenter")
    await me.click("text=提交全部代表")
    assert f"{UNIT}共登记 11 名代表" in await me.text(".notice")
    link = await me.page.input_value("#unit-link-text")
    await me.goto(link)
    assert await me.page.locator("#members tbody tr").count() == 11
    return link


def fill_like_excel(template: Path, filled: Path) -> None:
    """What Excel stores when a person types the row: 98.5% becomes 0.985 shown as a
    percentage; 030006 stays text only in a cell formatted as text."""
    book = openpyxl.load_workbook(template)
    sheet = book.active
    columns = {f.name: i for i, f in enumerate(ATTACHMENTS["team"].fields, start=1)}
    for name, value in TEAM.items():
        sheet.cell(4, columns[name], value)
    rate = sheet.cell(4, columns["completion_rate"], 0.985)
    rate.number_format = "0.0%"
    postcode = sheet.cell(4, columns["postcode"])
    postcode.value = "030006" if postcode.number_format == "@" else 30006
    book.save(filled)


async def test_unit_contact_registers_sends_a_template_and_the_sealed_scan(
    site: Site, people, tmp_path: Path
) -> None:
    await register_delegation(site, people)
    me = await people(DESK)
    await me.goto(f"{site.base}/submit")
    async with me.page.expect_download() as download:
        await me.page.click("a[href='/api/submissions/templates/team.xlsx']")
    template = tmp_path / "附件二模板.xlsx"
    await (await download.value).save_as(template)
    filled = tmp_path / "附件二-太重.xlsx"
    fill_like_excel(template, filled)
    form = me.page.locator("form[action='/submit/team/excel']")
    await form.locator("input[type=file]").set_input_files(str(filled))
    await me.click("form[action='/submit/team/excel'] button[type=submit]")
    assert "已保存 1 份材料" in await me.text(".notice")
    assert (await me.text("main table td.link-cell")).startswith(f"{site.base}/s/")

    await me.click("main table a")
    assert "太重总装一班" in await me.text()
    assert "98.5" in await me.text("table.fields")
    assert "030006" in await me.text("table.fields")
    scan = tmp_path / "附件二盖章.pdf"
    scan.write_bytes(PDF)
    await me.page.set_input_files("form.upload input[type=file]", str(scan))
    await me.click("form.upload button[type=submit]")
    assert "附件二盖章.pdf" in await me.text()

    await me.click("text=附件三")
    assert "太重总装一班" in await me.text("table")
