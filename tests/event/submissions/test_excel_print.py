"""Workbooks as a spreadsheet program opens and prints them, read back with openpyxl."""

from __future__ import annotations

import json
from datetime import datetime
from io import BytesIO

import openpyxl
from httpx import AsyncClient

from event.current import EventInfo
from event.enums import Role
from event.excel import display_width
from event.submissions.attachments.excel import HEADER_ROW
from event.tables import Submission
from tests.event.submissions.test_submission_excel import fill, template, upload
from tests.factories import login, person, qc


def _sheet(body: bytes) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(BytesIO(body)).active


def _prints_landscape_fit_to_width(ws, header_row: int) -> None:
    assert (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (
        "landscape", 1, 0,
    )  # fmt: skip
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == f"${header_row}:${header_row}"  # openpyxl reads it absolute


async def _unit_with_a_result(client: AsyncClient) -> str:
    receipt = (await client.post("/api/submissions/qc", json=qc())).json()
    return receipt["token"]


async def test_summary_workbook_has_title_unit_borders_and_print_setup(
    client: AsyncClient, event: EventInfo
) -> None:
    token = await _unit_with_a_result(client)
    ws = _sheet((await client.get(f"/s/{token}/summary?format=xlsx")).content)
    assert ws["A1"].value == "附件三：推荐优秀质量管理小组、质量信得过班组成果汇总表"
    assert ws["A2"].value == f"单位：{qc()['organization']}"
    assert ws["A3"].value == "序号" and ws["A3"].font.b
    assert {(c.border.left.style, c.border.bottom.style) for c in ws[3] + ws[4]} == {
        ("thin", "thin")
    }
    assert ws.freeze_panes == "A4"
    _prints_landscape_fit_to_width(ws, 3)


async def test_registration_export_keeps_the_time_and_fits_chinese(
    client: AsyncClient, event: EventInfo
) -> None:
    assert (await client.post("/api/registrations", json=person())).status_code == 201
    await login(client, "zhang", Role.organiser)
    ws = _sheet((await client.get("/admin/registrations.xlsx")).content)
    assert ws["A1"].value == f"{event.name}　参会登记名单"
    headers = [c.value for c in ws[2]]
    stamp = ws.cell(row=3, column=headers.index("登记时间") + 1)
    assert isinstance(stamp.value, datetime) and stamp.number_format == "yyyy-mm-dd hh:mm"
    for column, header in enumerate(headers, start=1):
        letter = openpyxl.utils.get_column_letter(column)
        value = ws.cell(row=3, column=column).value
        assert ws.column_dimensions[letter].width >= min(50, display_width(value)), header
        assert ws.column_dimensions[letter].width >= display_width(header), header
    _prints_landscape_fit_to_width(ws, 2)


async def test_template_drop_downs_refuse_other_values_with_a_chinese_alert(
    client: AsyncClient,
) -> None:
    ws = (await template(client, "qc")).active
    rules = ws.data_validations.dataValidation
    assert rules and all(r.showErrorMessage and r.errorStyle == "stop" for r in rules)
    assert {r.error for r in rules} >= {"请从列表中选择：是、否"}
    _prints_landscape_fit_to_width(ws, HEADER_ROW)


async def test_statistics_template_has_the_management_departments_contact(
    client: AsyncClient,
) -> None:
    headings = [c.value for c in (await template(client, "statistics")).active[HEADER_ROW]]
    department = headings.index("群众性质量活动管理部门")
    assert headings[department + 1 : department + 3] == ["管理部门联系人", "手机"]


async def test_same_file_twice_is_refused_and_names_the_rows(
    client: AsyncClient, event: EventInfo
) -> None:
    content = fill(await template(client, "qc"), "qc", [qc()])
    assert (await upload(client, "qc", content)).status_code == 201
    again = await upload(client, "qc", content)
    assert (again.status_code, again.json()["code"]) == (409, "duplicate")
    assert "第4行《" in again.json()["message"] and "已经提交过" in again.json()["message"]
    assert await Submission.count() == 1


async def test_same_file_on_the_materials_page_replaces_it(
    client: AsyncClient, event: EventInfo
) -> None:
    first = await upload(client, "qc", fill(await template(client, "qc"), "qc", [qc()]))
    token = first.json()[0]["token"]
    changed = fill(await template(client, "qc"), "qc", [qc(contact_name="李娜")])
    page = await client.post(
        "/submit/qc/excel", files={"file": ("filled.xlsx", changed, "application/octet-stream")}
    )
    assert page.status_code == 409 and "在该页“用Excel替换”处上传" in page.text
    done = await client.post(
        f"/s/{token}/excel", files={"file": ("filled.xlsx", changed, "application/octet-stream")}
    )
    assert done.status_code == 200 and "已保存 1 份材料" in done.text
    rows = await Submission.select(Submission.id, Submission.data)
    assert [r["id"] for r in rows] == [first.json()[0]["id"]]
    data = rows[0]["data"]
    assert (data if isinstance(data, dict) else json.loads(data))["contact_name"] == "李娜"
