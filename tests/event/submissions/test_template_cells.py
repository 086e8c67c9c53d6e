"""Templates as a unit fills them in Excel: a typed percentage, postcodes with a leading zero,
an old .xls file."""

from __future__ import annotations

from io import BytesIO

import openpyxl
from httpx import AsyncClient

from event.submissions.attachments.excel import FIRST_DATA_ROW
from event.submissions.attachments.specs import ATTACHMENTS
from event.tables import Submission
from tests.factories import team

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = {f.name: i for i, f in enumerate(ATTACHMENTS["team"].fields, start=1)}


async def team_template(client: AsyncClient) -> openpyxl.Workbook:
    response = await client.get("/api/submissions/templates/team.xlsx")
    return openpyxl.load_workbook(BytesIO(response.content))


async def test_postcode_and_mobile_cells_are_text_cells(client: AsyncClient) -> None:
    sheet = (await team_template(client)).active
    for name in ("postcode", "contact_mobile", "phone"):
        assert sheet.cell(FIRST_DATA_ROW + 7, COLUMNS[name]).number_format == "@", name


async def test_a_percentage_typed_in_excel_is_read_as_a_percentage(client: AsyncClient) -> None:
    book = await team_template(client)
    for name, value in team(postcode="030006").items():
        cell = book.active.cell(FIRST_DATA_ROW, COLUMNS[name], "是" if value is True else value)
    cell = book.active.cell(FIRST_DATA_ROW, COLUMNS["completion_rate"], 0.985)
    cell.number_format = "0.0%"  # what Excel stores when 98.5% is typed
    out = BytesIO()
    book.save(out)
    response = await client.post(
        "/api/submissions/team/excel", files={"file": ("t.xlsx", out.getvalue(), XLSX)}
    )
    assert response.status_code == 201, response.text
    row = await Submission.select(Submission.data).output(load_json=True).first()
    assert (row["data"]["completion_rate"], row["data"]["postcode"]) == (98.5, "030006")


async def test_an_xls_file_is_told_to_be_saved_as_xlsx(client: AsyncClient) -> None:
    old = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504  # the OLE2 header of an .xls
    response = await client.post(
        "/api/submissions/team/excel", files={"file": ("旧表.xls", old, "application/vnd.ms-excel")}
    )
    assert response.status_code == 400
    assert (
        response.json()["message"]
        == "这是旧版Excel（.xls）文件，请在Excel中“另存为”.xlsx格式后再上传"
    )
