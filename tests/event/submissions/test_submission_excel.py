"""Excel in and out: templates laid out like the attachments, uploads all or nothing."""

from __future__ import annotations

from io import BytesIO

import openpyxl
import pytest
from httpx import AsyncClient

from event.submissions.attachments.excel import FIRST_DATA_ROW, HEADER_ROW
from event.submissions.attachments.specs import ATTACHMENTS
from event.tables import Presentation, Submission
from tests.factories import qc, story, team

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def template(client: AsyncClient, kind: str) -> openpyxl.Workbook:
    response = await client.get(f"/api/submissions/templates/{kind}.xlsx")
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    return openpyxl.load_workbook(BytesIO(response.content))


def fill(wb: openpyxl.Workbook, kind: str, rows: list[dict]) -> bytes:
    ws = wb.active
    names = [f.name for f in ATTACHMENTS[kind].fields]
    for r, row in enumerate(rows):
        for c, name in enumerate(names, start=1):
            value = row.get(name)
            if isinstance(value, bool):
                value = "是" if value else "否"
            ws.cell(row=FIRST_DATA_ROW + r, column=c, value=value)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


async def upload(client: AsyncClient, kind: str, content: bytes):
    return await client.post(
        f"/api/submissions/{kind}/excel", files={"file": ("filled.xlsx", content, XLSX)}
    )


@pytest.mark.parametrize("kind", sorted(ATTACHMENTS))
async def test_template_has_the_attachments_title_and_headings(
    client: AsyncClient, kind: str
) -> None:
    attachment = ATTACHMENTS[kind]
    ws = (await template(client, kind)).active
    assert ws.title == attachment.number
    assert ws["A1"].value == f"{attachment.number}：{attachment.title}"
    headings = [c.value for c in ws[HEADER_ROW]]
    assert headings == [f"{f.label}*" if f.required else f.label for f in attachment.fields]


async def test_template_offers_drop_down_lists_for_fixed_choices(client: AsyncClient) -> None:
    ws = (await template(client, "qc")).active
    lists = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation}
    assert '"现场型,攻关型,管理型,服务型,创新型"' in lists.values()
    assert '"是,否"' in lists.values()


@pytest.mark.parametrize(("kind", "make"), [("qc", qc), ("team", team), ("story", story)])
async def test_template_round_trip_reads_back_equal(client: AsyncClient, kind: str, make) -> None:
    rows = [make(), make(organization="洛阳华锐重型机械股份有限公司", presenter_mobile=None, presenter_name=None)
            if kind != "story" else make(title="第二个故事")]  # fmt: skip
    response = await upload(client, kind, fill(await template(client, kind), kind, rows))
    assert response.status_code == 201, response.text
    receipts = response.json()
    assert len(receipts) == 2
    for receipt, sent in zip(receipts, rows, strict=True):
        data = (await client.get(f"/api/submissions/by-token/{receipt['token']}")).json()["data"]
        for key, value in sent.items():
            expected = (
                float(value.rstrip("%"))
                if isinstance(value, str) and value.endswith("%")
                else value
            )
            expected = "" if expected is None else expected
            assert data[key] == expected, key
    assert await Submission.count().where(Submission.channel == "excel") == 2


async def test_upload_with_bad_rows_stores_nothing_and_reports_every_row(
    client: AsyncClient,
) -> None:
    rows = [qc(), qc(contact_mobile="12345"), qc(), qc(result_type="好型", group_size=0)]
    response = await upload(client, "qc", fill(await template(client, "qc"), "qc", rows))
    assert response.status_code == 400
    errors = [
        (e["row"], e["column"], e["field"].rsplit(".", 1)[1]) for e in response.json()["errors"]
    ]
    assert errors == [(5, "J", "contact_mobile"), (7, "E", "result_type"), (7, "M", "group_size")]
    assert response.json()["errors"][0]["message"].startswith(
        "第5行 J列（手机）：手机号码应为11位数字"
    )
    assert await Submission.count() == 0
    assert await Presentation.count() == 0


async def test_upload_not_a_workbook_is_refused(client: AsyncClient) -> None:
    response = await upload(client, "qc", b"%PDF-1.4 not a workbook")
    assert (response.status_code, response.json()["field"]) == (400, "file")
    assert "不是有效的Excel" in response.json()["message"]


async def test_upload_other_attachments_template_is_refused(client: AsyncClient) -> None:
    content = fill(await template(client, "team"), "team", [team()])
    response = await upload(client, "qc", content)
    assert response.status_code == 400
    assert response.json()["message"].startswith("表格第3行缺少以下列：QC小组名称、课题名称")


async def test_upload_empty_template_is_refused(client: AsyncClient) -> None:
    response = await upload(client, "qc", fill(await template(client, "qc"), "qc", []))
    assert (response.status_code, response.json()["message"]) == (400, "表格中没有填写任何数据行")
