"""The hostile corpus in every workbook: openpyxl reads back each value exactly, and text that
looks like a formula is a text cell with Excel's quote prefix, never a formula.

One normalisation is expected: a line break in a cell reads back as LF. The cell text is XML, and
XML parsers turn a raw CR LF into LF (XML 1.0 §2.11); openpyxl without lxml writes CR raw, and
Excel's own line break in a cell (Alt+Enter) is LF anyway. Every other character is compared
exactly.
"""

from __future__ import annotations

from io import BytesIO

import openpyxl
from httpx import AsyncClient
from openpyxl.worksheet.worksheet import Worksheet

from event.current import EventInfo
from event.enums import Role
from event.submissions.attachments.excel import FIRST_DATA_ROW, HEADER_ROW
from event.submissions.attachments.specs import QC
from event.tables import Submission
from tests.event.hostile import (
    FORMULA_LIKE,
    LONG_TOPIC,
    LONG_UNIT,
    MULTILINE,
    SINGLE_LINE,
    qc_body,
    sign_in,
    store_world,
)

CELL_MULTILINE = MULTILINE.replace("\r\n", "\n")


def _sheet(body: bytes) -> Worksheet:
    return openpyxl.load_workbook(BytesIO(body)).worksheets[0]


def _cells(ws: Worksheet) -> dict[str, list[openpyxl.cell.Cell]]:
    """Every text cell by its value."""
    found: dict[str, list] = {}
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                found.setdefault(cell.value, []).append(cell)
    return found


def _assert_literal(ws: Worksheet, values: list[str]) -> None:
    cells = _cells(ws)
    assert [v for v in values if v not in cells] == []
    formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    for key in FORMULA_LIKE:
        value = SINGLE_LINE[key]
        if value in values:
            assert {(c.data_type, c.quotePrefix) for c in cells[value]} == {("s", True)}, key


async def test_hostile_values_come_back_from_the_registration_export(
    client: AsyncClient, event: EventInfo
) -> None:
    await store_world(client, event, programme=False)
    await sign_in(client, "zhang", Role.organiser)
    response = await client.get("/admin/registrations.xlsx")
    assert response.status_code == 200
    _assert_literal(_sheet(response.content), [*SINGLE_LINE.values(), LONG_UNIT, CELL_MULTILINE])


async def test_hostile_values_come_back_from_the_submission_exports(
    client: AsyncClient, event: EventInfo
) -> None:
    world = await store_world(client, event, programme=False)
    await sign_in(client, "zhang", Role.organiser)
    response = await client.get("/admin/submissions.xlsx")
    assert response.status_code == 200
    titles = [world.titles[k] for k in SINGLE_LINE]
    _assert_literal(_sheet(response.content), [*titles, *SINGLE_LINE.values(), LONG_UNIT])
    # The unit's 附件三 (a submission's own link shows that submission's row only).
    org = (await Submission.select(Submission.organization).first())["organization"]
    response = await client.get(f"/admin/units/{org}/summary?format=xlsx")
    assert response.status_code == 200
    _assert_literal(_sheet(response.content), [*SINGLE_LINE.values(), LONG_TOPIC, LONG_UNIT])


async def test_hostile_values_survive_the_excel_template_round_trip(
    client: AsyncClient, event: EventInfo
) -> None:
    template = await client.get("/api/submissions/templates/qc.xlsx")
    wb = openpyxl.load_workbook(BytesIO(template.content))
    ws = wb.worksheets[0]
    columns = {f.name: i for i, f in enumerate(QC.fields, start=1)}
    assert [ws.cell(HEADER_ROW, i).value.rstrip("*") for i in columns.values()] == [
        f.label for f in QC.fields
    ]
    for row, (key, value) in enumerate(SINGLE_LINE.items(), start=FIRST_DATA_ROW):
        body = qc_body(key, value, row) | {"presented": "是"}
        for name, raw in body.items():
            cell = ws.cell(row, columns[name], raw)
            if isinstance(raw, str):  # typed as text: Excel keeps a leading = + - @ with '
                cell.data_type, cell.quotePrefix = "s", raw.startswith(("=", "+", "-", "@"))
    filled = BytesIO()
    wb.save(filled)
    files = {"file": ("qc.xlsx", filled.getvalue(), "application/octet-stream")}
    response = await client.post("/api/submissions/qc/excel", files=files)
    assert response.status_code == 201, response.text
    stored = [
        (await client.get(f"/api/submissions/by-token/{r['token']}")).json()["data"]
        for r in response.json()
    ]
    expected = [
        (v, LONG_TOPIC if k == "long" else v, v, LONG_UNIT, CELL_MULTILINE)
        for k, v in SINGLE_LINE.items()
    ]
    assert [
        (d["group_name"], d["topic"], d["contact_name"], d["organization"], d["description"])
        for d in stored
    ] == expected
